"""E-mail addresses, URLs and IP addresses (Presidio's recognizers, made to work offline)."""

from __future__ import annotations

import functools

import regex
import tldextract
from presidio_analyzer import Pattern
from presidio_analyzer.predefined_recognizers import EmailRecognizer, IpRecognizer, UrlRecognizer

from .gate import PRESIDIO_FLAGS, gated

# an address spelled out so that machines miss it: "sara dot k at gmail dot com", "ali [at] yahoo [dot] co [dot] uk"
# (round 9: "at" spelled in the bot's Latin-script languages too: Spanish/Portuguese arroba, French arobase,
# Polish małpa, Vietnamese a còng)
# (round 11: and "at" as the other scripts write the English word: ات/آت, ایٹ, এট, ਐਟ, ኣት/አት; Chinese 艾特)
_AT_WORD = r"(?:at|arroba|arobase|małpa|a còng|ات|آت|ایٹ|এট|ਐਟ|ኣት|አት|艾特)"
_AT = rf"(?:\s*[\[(]\s*{_AT_WORD}\s*[\])]\s*|\s+{_AT_WORD}\s+|\s*@\s*|\s*艾特\s*)"
# round 8: "dot" in the bot's Latin-script languages too (Romanian punct, Polish kropka, Albanian pikë/pika,
# French/Spanish/Portuguese point/punto/ponto, Vietnamese chấm)
# (round 11: and دات/دوت, نقطة/نقطه, ڈاٹ, ডট, ਡਾਟ, ዶት; Chinese 点; a dot typed with spaces round it: "example . com")
_DOT_WORD = r"(?:dot|punct|kropka|pik[ëea]|point|punto|ponto|chấm|دات|دوت|نقطة|نقطه|ڈاٹ|ডট|ਡਾਟ|ዶት|点)"
_DOT = rf"(?:\s*[\[(]\s*{_DOT_WORD}\s*[\])]\s*|\s+{_DOT_WORD}\s+|\s*点\s*|\s+\.\s+)"
# (round 11: the local part's _ and - read out as words, and digits after a space: "grace dot m 88 at ...")
_JOIN = r"(?:\s+(?:underscore|dash|hyphen)\s+|\s+(?=\d))"
# (round 14: a comma typed for a dot of the domain, before a common ending: "huong99@gmail,com")
_COMMA_DOT = r",(?=(?:com|org|net|co|uk|ac|gov|nhs|pl|ro|fr|es|pt|de|it|al|vn|br|info)\b)"
SPELLED_EMAIL = (rf"(?i)\b[\w+\-]+(?:(?:{_DOT}|\.|{_JOIN})[\w+\-]+)*{_AT}[\w\-]+"
                 rf"(?:(?:{_DOT}|\.|{_COMMA_DOT})[a-z]{{2,6}})*(?:{_DOT}|\.|{_COMMA_DOT})[a-z]{{2,6}}\b")
# (round 10: the last dot may be typed as a dot too, once the "at" was spelled or spaced: "dritan_k @example.org")
# (round 14: the last dot mistyped as a comma, or with a space on one side: "fatima.k@example,com", "amina@example
# .com", "amina @ example. com")
MISTYPED_DOT_EMAIL = (r"(?i)(?<![\w.+\-])[\w.+\-]+\s?@\s?[\w\-]+(?:\.[\w\-]+)*(?:\s?,\s?|\s\.|\.\s)[a-z]{2,6}"
                      r"(?:[.,][a-z]{2})?\b")
# (round 19: every spelled-out address has an "at" and a domain ending after it: where no such piece is, the pattern,
# tried at every word, is skipped; gate.py)
SPELLED_EMAIL_GATE = rf"(?i){_AT}[\w\-]+(?:{_DOT}|\.|{_COMMA_DOT})[a-z]{{2,6}}"
_MISTYPED_DOT = regex.compile(r"\s*[.,]\s*")
_SPELLED_AT = regex.compile(_AT, regex.IGNORECASE)
_ANY_SUFFIX = regex.compile(r"[a-z0-9][a-z0-9\-]+(?:\.[a-z0-9\-]+)*\.[a-z]{2,6}")
_LOCAL = regex.compile(r"\w{2,}")
_SPELLED_DOT = regex.compile(_DOT, regex.IGNORECASE)


@functools.lru_cache(maxsize=1)
def offline_tld_extractor() -> tldextract.TLDExtract:
    """tldextract with its bundled Public Suffix List snapshot: no download, no cache dir."""
    return tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None, fallback_to_snapshot=True)


class OfflineEmailRecognizer(EmailRecognizer):
    """Presidio's e-mail recognizer, validating the domain against the bundled suffix list.

    Presidio's own validate_result calls ``tldextract.extract``, which downloads the
    Public Suffix List on first use (and hangs or fails offline).
    """

    def __init__(self, supported_language: str = "en") -> None:
        super().__init__(
            supported_language=supported_language, supported_entity="EMAIL",
            patterns=[*self.PATTERNS, gated("E-mail spelled out", SPELLED_EMAIL, 0.6, SPELLED_EMAIL_GATE),
                      Pattern("E-mail with a mistyped dot", MISTYPED_DOT_EMAIL, 0.6)],
        )

    def validate_result(self, pattern_text: str) -> bool:
        # "sara dot k at gmail dot com" is checked as sara.k@gmail.com
        text = _SPELLED_DOT.sub(".", _SPELLED_AT.sub("@", pattern_text))
        if "@" not in text:
            return False
        domain = _MISTYPED_DOT.sub(".", text.rsplit("@", 1)[1])
        if offline_tld_extractor()(domain).fqdn != "":
            return True
        # round 15: a mailbox with its ending mistyped ("...@gmail.con", "...@yahoo.co.uj") still names its person:
        # the part before the @ identifies, whatever the suffix; a domain of two letters or more and an ending of
        # two to six letters, as an address is written
        # (typed as one word: a spelled or spaced address must end in a known suffix)
        return (not regex.search(r"\s", pattern_text) and bool(_ANY_SUFFIX.fullmatch(domain.lower()))
                and bool(_LOCAL.search(text.rsplit("@", 1)[0])))


# round 14: the bare address of a public body or a charity ("www.modernslavery.gov.uk", "shelter.org.uk",
# "citizensadvice.org.uk") names no person: kept. With a path, or another suffix, a URL is still redacted.
PUBLIC_SUFFIXES = frozenset({"gov.uk", "nhs.uk", "police.uk", "ac.uk", "sch.uk", "org.uk", "gov", "org", "int"})


_URL_HOST = r"[a-z0-9.\-]+[.]"       # in Presidio's URL patterns: the host, then the ending (the TLDs' alternation)
_URL_PATH = r"(?:/[^"                # and the path after it


def _url_gate(patterns: list[Pattern]) -> regex.Pattern[str] | None:
    """The host's last character, the dot and the ending that every one of ``patterns`` holds (None if they differ)."""
    tails: set[str | None] = set()
    for pattern in patterns:
        text = str(pattern.regex)
        end = text.find(_URL_HOST) + len(_URL_HOST)
        path = text.find(_URL_PATH, end)
        tails.add(text[end:path] if end >= len(_URL_HOST) and path >= 0 else None)
    tail = tails.pop() if len(tails) == 1 else None
    return None if tail is None else regex.compile(r"(?i)[a-z0-9.\-][.]" + tail, PRESIDIO_FLAGS)


class CheckedUrlRecognizer(UrlRecognizer):
    """Presidio's URL recognizer, refusing abbreviations such as "i.e" or "a.m"."""

    patterns: list[Pattern]   # set by presidio's PatternRecognizer.__init__ (untyped there)

    def __init__(self, supported_language: str = "en") -> None:
        super().__init__(supported_language=supported_language, supported_entity="URL")
        # round 19: every pattern of Presidio's has "[a-z0-9.\-]+[.]" and a domain ending after it; a text in which
        # no letter or digit stands before a dot and an ending has no URL (gate.py), and the patterns, tried at
        # every character, are skipped
        self._gate = _url_gate(self.patterns)

    def analyze(self, text, entities, nlp_artifacts=None, regex_flags=None):
        if self._gate is not None and regex_flags in (None, PRESIDIO_FLAGS) \
                and self.global_regex_flags == PRESIDIO_FLAGS and self._gate.search(text) is None:
            return []
        return super().analyze(text, entities, nlp_artifacts, regex_flags)

    def validate_result(self, pattern_text: str) -> bool | None:
        text = pattern_text.strip("\"'")
        lowered = text.lower()
        address = lowered.split("://", 1)[-1]
        host, _, path = address.partition("/")
        extracted = offline_tld_extractor()(host)
        if extracted.suffix in PUBLIC_SUFFIXES and not path.strip("/") and "@" not in host:
            return False
        if "://" in lowered or lowered.startswith("www"):
            return None
        if not extracted.suffix or len(extracted.domain) < 2:
            return False
        return None


class IpAddressRecognizer(IpRecognizer):
    def __init__(self, supported_language: str = "en") -> None:
        super().__init__(supported_language=supported_language, supported_entity="IP_ADDRESS")
