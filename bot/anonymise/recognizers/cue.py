"""Recognizers that fire on a cue word followed by a value: "passport no. 123456789".

Used for identifiers that are only PII because of what precedes them (a passport
number, a case reference, a sort code, a date of birth). Cue lists are shared by all
languages, since survivors mix languages (and language detection on one short answer
is unreliable).
"""

from __future__ import annotations

import functools
from typing import Iterable, Sequence

import regex
from presidio_analyzer import AnalysisExplanation, LocalRecognizer, RecognizerResult

from ..lexicon import strip_accents

# Words allowed between a cue and its value, in the languages we support.
FILLER_WORDS = (
    "number", "numbers", "no", "nos", "num", "nr", "nº", "n°", "is", "was", "are", "on",
    "the", "of", "my", "it's", "its", "it", "reads", "says", "ending", "code",
    "le", "la", "est", "es", "é", "e", "este", "era", "jest", "to", "było", "był",
    "është", "eshte", "ishte", "là", "waa", "ref", "reference", "de", "del", "do", "da",
    "ist", "si", "é o", "es el", "al", "meu", "mi", "mon", "ma", "moje", "mój", "meu",
    "ime", "im", "mea", "mine", "pe", "în", "el", "em", "w", "dnia", "ma numer", "has",
    "had", "have", "tiene", "tem", "a", "są", "của", "tôi", "của tôi", "em", "là số",
    # the scripts without capitals: "number", "my", "is", "its number" (جواز سفري رقم ..., شماره پاسپورت من ...)
    "رقم", "رقمه", "رقمها", "رقمي", "هو", "هي", "شماره", "شماره‌ی", "شمارهٔ", "من", "ام", "است", "بود", "نمبر",
    "میرا", "میری", "ہے", "ژمارە", "ژمارەی", "ቁጽሪ", "ቁጥር", "ናተይ", "የእኔ", "নম্বর", "আমার", "ਨੰਬਰ", "ਮੇਰਾ",
    "नंबर", "मेरा", "شمېره", "شميره", "شمیره", "د", "ده", "ژمارەکەی",
    "ቁጥሬ", "ቁጽረይ", "ቁጽሩ", "ቁጥሩ", "ነው", "እዩ", "ቁ", "ቁ.", "نمبر:", "নং", "ਨੰ",
    # round 11: French "it is", Dari/Pashto "my" (نمبر NRM مه ..., زما)
    "c'est", "c’est", "c'est le", "مه", "می", "زما", "مې",
    # "the Home Office letter number ..."
    "letter", "letters",
    # round 13: "number" in Lithuanian, Latvian, German, Dutch, Italian, Russian, Czech, Hungarian, Turkish
    "numeris", "numurs", "nummer", "nummero", "numero", "номер", "číslo", "szám", "száma", "numarası", "numaram",
    # round 14: "mine" in spoken Arabic after its noun (Egyptian بتاعي, Levantine تبعي, Gulf حقي, الخاص بي)
    "بتاعي", "بتاعتي", "تبعي", "تبعتي", "حقي", "حقتي", "الخاص بي", "الخاصة بي",
    # round 20: the copula, "is" and "was", as a number is told in the languages that have one between the noun and
    # its value ("pasas numeris buvo 23456789", "картата ми е 4000 ...", "passport war ..."): Lithuanian, Latvian,
    # German, Polish, Czech, Slovak, Hungarian, Russian, Ukrainian, Bulgarian (with its clitic "my", ми), Arabic,
    # Urdu, Hindi, Bengali, Gurmukhi, Amharic and Tigrinya ("was")
    "yra", "buvo", "ir", "bija", "war", "była", "byl", "byla", "bylo", "bol", "bola", "volt", "е", "є", "был",
    "была", "было", "був", "була", "було", "беше", "ми", "мой", "моя", "мій", "كان", "كانت", "تھا", "تھی", "है",
    "था", "थी", "ছিল", "ਹੈ", "ਸੀ", "ነበር", "ነይሩ",
)
_FILLER = (
    r"(?:[\s:#=\-–—,.()\"'“”：]+|(?<!\w)(?:"
    + "|".join(sorted((regex.escape(w) for w in FILLER_WORDS), key=len, reverse=True))
    + r")(?!\w)|(?:号码|號碼|编号|編號|号|號|是|为|為|的|係|嘅))*"     # Chinese: no spaces around these
# (round 20: and Cantonese's copula and possessive, 係 and 嘅, as Mandarin's 是 and 的: "案件號碼係 1-2345-6789")
)
# Round 15: after its cue, an identifier's value whatever its grouping, as people copy it off a card with stray
# spaces ("zu 9 876543", "ZX 9 00 1 7 2 3 4", "RF7 720 1194"): up to three letters, then digits in groups of any
# size (the letter O typed among them for a zero), a check letter last. Each cue recognizer tries its own shapes
# first and this one last, and checks the digits it holds (six or more for a document, never a date).
# (no slash: a date's separator, and slashed references have their own shapes)
SPACED_ID = r"(?:[A-Z]{1,3}[\s\-.]?)?\d(?:[\s\-.]{0,2}[\dO]){5,24}(?:[\-.]?[A-Z])?"
_HAN_UNIT = "[元块塊镑鎊欧歐美年月日号號个個次人岁歲小天分点點周週]"
_ETHIOPIC = regex.compile(r"\p{Ethiopic}")


_LATIN_ONLY = regex.compile(r"[\p{Latin}\p{M}\s\d\W]+")
_OTHER_LETTER = regex.compile(r"(?![\p{Latin}])\p{L}")


def unaccented(cues: Iterable[str]) -> set[str]:
    """Round 14: each Latin-script cue as typed on a phone without its accents ("ngày sinh" -> "ngay sinh",
    "numéro de référence" -> "numero de reference", "data urodzenia" stays). Only cues of four letters or more:
    a short one without its accents is often another word ("né" -> "ne", Romanian "us")."""
    folded = set()
    for cue in cues:
        if _OTHER_LETTER.search(cue) or not _LATIN_ONLY.fullmatch(cue):
            continue
        plain = strip_accents(cue)
        if plain != cue and len(plain.replace(" ", "")) >= 4:
            folded.add(plain)
    return folded


def cue_alternation(cues: Iterable[str], inflected: bool = False) -> str:
    """A regex alternation of cue phrases, longest first, not inside a longer word.

    Spaces in a cue match any run of whitespace; a cue never matches inside a word.
    With ``inflected``, up to six more letters may end the cue ("pasaportës",
    "datëlindja"), for languages that inflect nouns.

    (round 18: written as a tree of the cues' common beginnings, ``prefix_tree``, which matches what the flat
    alternation matches, in the same order, while the engine tries one branch per letter instead of every cue)
    """
    parts: list[list[str]] = []
    for cue in sorted(set(cues) | unaccented(cues), key=len, reverse=True):
        words = cue.split()
        tail = ""
        if inflected and len(cue) >= 4 and _ETHIOPIC.match(cue[-1]):
            # Ge'ez inflects a noun by changing its last syllable (ፓስፖርት passport, ፓስፖርተይ my passport)
            words = cue[:-1].split()
            tail = r"\p{Ethiopic}{1,3}"
        # Short cues ("ref", "NRM") never take an ending: "ref" must not match "refused".
        # (up to six: Somali "baasaboorkeyga", my passport)
        tail += r"\w{0,6}" if inflected and len(cue) >= 6 else ""
        tokens = [token for n, word in enumerate(words) for token in ([_SPACE] if n else []) + list(word)]
        parts.append(tokens + ([tail] if tail else []))
    # not inside a word; Chinese has no spaces, so a cue may touch Han characters (护照号码E12345678), and a cue
    # that ends in a Han character may touch its value (生日1990-03-12)
    return r"(?<![^\W\p{Han}])(?:" + prefix_tree(parts) + r")(?:(?<=\p{Han})|(?![^\W\p{Han}]))"


@functools.lru_cache(maxsize=None)
def cue_alternation_once(cues: tuple[str, ...], inflected: bool = False) -> str:
    """``cue_alternation``, built once for each set of cues (every language's instance of a rule has the same)."""
    return cue_alternation(cues, inflected=inflected)


@functools.lru_cache(maxsize=None)
def compiled_once(pattern: str, flags: int = 0) -> regex.Pattern:
    """One compiled pattern for each pattern text: a compiled pattern holds no state between matches, so every
    language's instance of a rule may share it (the regex module's own cache is emptied when it fills)."""
    return regex.compile(pattern, flags)


# a cue's space: any run of whitespace (round 19: or the zero-width non-joiner, the half-space Persian writes between
# the parts of one term, "ان‌اچ‌اس")
_SPACE = r"[\s\u200c]+"


@functools.lru_cache(maxsize=None)
def _may_match_same(one: str, other: str) -> bool:
    """Whether two of prefix_tree's tokens could match the same text: two characters the same under IGNORECASE
    (the patterns are compiled with it and without), a space token and a space, or anything and a tail."""
    if one == other:
        return True
    if len(one) == 1 and len(other) == 1:
        return bool(regex.fullmatch(regex.escape(one), other, regex.IGNORECASE)
                    or regex.fullmatch(regex.escape(other), one, regex.IGNORECASE))
    if _SPACE in (one, other):
        single = other if one == _SPACE else one
        return len(single) != 1 or single.isspace() or single == "\u200c"
    return True


# Round 20: the short vowels, shadda, sukun and tanwin that Arabic script writes over or under a letter at will
# (U+064B-U+065F, the dagger alef U+0670) and the tatweel that stretches a word (U+0640): optional in writing, so a
# cue matches with them or without, as if they were stripped first ("رَقْم جَواز", "تاريخ الميلاد" with its marks)
_ARABIC_LETTER = regex.compile(r"[\u0620-\u064A\u066E-\u06D3\u06D5\u06EE\u06EF\u06FA-\u06FF]")
_ARABIC_MARKS = "[\u064B-\u065F\u0670\u0640]*"


def _literal(token: str) -> str:
    """One character of a cue as a pattern: itself, and after a letter of Arabic script any of its optional marks."""
    return regex.escape(token) + (_ARABIC_MARKS if _ARABIC_LETTER.match(token) else "")


def prefix_tree(parts: Sequence[Sequence[str]]) -> str:
    """An ordered regex alternation of token sequences (a token: one literal character, ``_SPACE``, or a tail of
    regex such as ``\\w{0,6}`` that may only end a sequence), with their common beginnings shared.

    A regex engine tries an alternation's branches in order and keeps the first that lets the whole pattern
    match; sharing a beginning keeps that order. A sequence is moved ahead of others only when its next token
    can match no text theirs can (another letter in either case, a letter and a space): at that point in the
    text at most one of them can go on, so the order between them decides nothing. An empty sequence (a cue
    that ends here) and a tail stay where they are. So the tree matches what ``a|b|c...`` matches, the same
    span, for any text and whatever follows it in the pattern. (Under simple case folding, as this package's
    patterns are compiled: the regex module's full case folding, VERSION1 or FULLCASE, lets one letter match two
    across a branch's edge, "ß" and "ss", which the flat alternation and the tree treat differently.)
    """
    branches: list[tuple[str | None, list[Sequence[str]]]] = []
    for part in parts:
        key = part[0] if part and (len(part[0]) == 1 or part[0] == _SPACE) else None
        if key is not None:
            for branch_key, members in reversed(branches):
                if branch_key == key:
                    members.append(part)
                    break
                if branch_key is None or _may_match_same(branch_key, key):
                    branches.append((key, [part]))
                    break
            else:
                branches.append((key, [part]))
        else:
            branches.append((None, [part]))
    alternatives = []
    for key, members in branches:
        if key is None:
            alternatives.append("".join(t if len(t) != 1 else _literal(t) for t in members[0]))
            continue
        head = key if key == _SPACE else _literal(key)
        rests = [member[1:] for member in members]
        if len(rests) == 1:
            alternatives.append(head + "".join(t if len(t) != 1 else _literal(t) for t in rests[0]))
        else:
            alternatives.append(head + "(?:" + prefix_tree(rests) + ")")
    return "|".join(alternatives)


class CueValueRecognizer(LocalRecognizer):
    """Find ``cue [filler] value [separator value]...`` and report the values."""

    name: str   # set by presidio's EntityRecognizer.__init__ (untyped there)

    ENTITY = ""
    CUES: Sequence[str] = ()
    VALUES: Sequence[str] = ()
    # A value right after its cue is strong evidence: it outranks a phone number that
    # Presidio's context enhancer boosted because the word "number" was near.
    SCORE = 1.0
    MAX_VALUES = 1
    MAX_FILLER = 40
    # Between two values of one cue ("sort code 20-00-00, account 12345678").
    # (round 15: or "then", as a sort code and its account are read out: "04-00-04 then 87654321")
    SEPARATOR = r"(?:[\s,;/&]+|(?<!\w)(?:and|then|account|acc|number|no|i|et|y|e|și|oraz)(?!\w))+"

    def __init__(self, supported_language: str = "en") -> None:
        # (round 20: built once per class and shared by its 20 language instances, compiled_once: the same
        # patterns, built 20 times, cost the action server's first answer seconds)
        self._cue_re = compiled_once(cue_alternation_once(tuple(self.CUES), True), regex.IGNORECASE)
        self._filler_re = compiled_once(_FILLER, regex.IGNORECASE)
        self._value_re = compiled_once(
            # (round 14: Chinese has no spaces, so a value may touch Han characters on either side:
            # "护照号码E98765432在警察那里"), though not a unit of money, time or count: "5000元", "12个小时")
            r"(?<![^\W\p{Han}])(?:" + "|".join(f"(?:{v})" for v in self.VALUES)
            + r")(?![^\W\p{Han}]|" + _HAN_UNIT + ")",
            regex.IGNORECASE,
        )
        self._sep_re = compiled_once(self.SEPARATOR, regex.IGNORECASE)
        super().__init__(
            supported_entities=[self.ENTITY],
            supported_language=supported_language,
            name=type(self).__name__,
        )

    def load(self) -> None:
        pass

    def validate_value(self, value: str) -> bool:
        """Subclasses reject values that only look right (a year, a too-short number)."""
        return True

    # how far past its cue, over words of any language, a distinctive value is still the cue's (no digit,
    # line or sentence end between): "the crime number the police gave me is 01/234567/23"
    LOOSE_GAP = 40

    def distinctive(self, value: str) -> bool:
        """A value that is an identifier of this kind even a few words after its cue."""
        return False

    def _loose(self, text: str, start: int) -> tuple[int, int] | None:
        window = text[start:start + self.LOOSE_GAP + 30]
        for value in self._value_re.finditer(window):
            if value.start() > self.LOOSE_GAP or regex.search(r"\d|\n|[.!?。؟።](?:\s|$)", window[:value.start()]):
                return None
            if self.validate_value(value.group()) and self.distinctive(value.group()):
                # a filler word is no part of the value ("my case is 12345678": not "is 12345678")
                filler = self._filler_re.match(window, value.start())
                inner = self._value_re.match(window, filler.end()) if filler and filler.end() > value.start() else None
                if inner and self.validate_value(inner.group()):
                    return start + inner.start(), start + inner.end()
                return start + value.start(), start + value.end()
        return None

    def cue_applies(self, text: str, start: int, end: int) -> bool:
        """Subclasses reject a cue that names something else where it stands (round 20: a birth verb after its own
        date, dates.DateOfBirthRecognizer)."""
        return True

    def analyze(self, text: str, entities: list[str], nlp_artifacts=None) -> list[RecognizerResult]:
        results: list[RecognizerResult] = []
        for cue in self._cue_re.finditer(text):
            if not self.cue_applies(text, cue.start(), cue.end()):
                continue
            pos = cue.end()
            filler = self._filler_re.match(text, pos)
            if filler and filler.end() - pos <= self.MAX_FILLER:
                pos = filler.end()
            first = self._value_re.match(text, pos)
            if not first or not self.validate_value(first.group()):
                loose = self._loose(text, cue.end())
                if loose:
                    results.append(self._result(*loose))
                continue
            for index in range(self.MAX_VALUES):
                value = self._value_re.match(text, pos)
                if not value or not self.validate_value(value.group()):
                    break
                results.append(self._result(value.start(), value.end()))
                pos = value.end()
                sep = self._sep_re.match(text, pos)
                if not sep or sep.end() - pos > self.MAX_FILLER:
                    break
                pos = sep.end()
        return results

    def _result(self, start: int, end: int) -> RecognizerResult:
        return RecognizerResult(
            entity_type=self.ENTITY,
            start=start,
            end=end,
            score=self.SCORE,
            analysis_explanation=AnalysisExplanation(
                recognizer=self.name,
                original_score=self.SCORE,
                textual_explanation=f"value after a {self.ENTITY} cue",
            ),
            recognition_metadata={
                RecognizerResult.RECOGNIZER_NAME_KEY: self.name,
                RecognizerResult.RECOGNIZER_IDENTIFIER_KEY: self.id,
            },
        )
