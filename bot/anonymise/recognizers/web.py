"""E-mail addresses, URLs and IP addresses (Presidio's recognizers, made to work offline)."""

from __future__ import annotations

import functools

import tldextract
from presidio_analyzer.predefined_recognizers import EmailRecognizer, IpRecognizer, UrlRecognizer


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
        super().__init__(supported_language=supported_language, supported_entity="EMAIL")

    def validate_result(self, pattern_text: str) -> bool:
        return offline_tld_extractor()(pattern_text).fqdn != ""


class CheckedUrlRecognizer(UrlRecognizer):
    """Presidio's URL recognizer, refusing abbreviations such as "i.e" or "a.m"."""

    def __init__(self, supported_language: str = "en") -> None:
        super().__init__(supported_language=supported_language, supported_entity="URL")

    def validate_result(self, pattern_text: str) -> bool | None:
        text = pattern_text.strip("\"'")
        lowered = text.lower()
        if "://" in lowered or lowered.startswith("www"):
            return None
        host = lowered.split("/", 1)[0]
        extracted = offline_tld_extractor()(host)
        if not extracted.suffix or len(extracted.domain) < 2:
            return False
        return None


class IpAddressRecognizer(IpRecognizer):
    def __init__(self, supported_language: str = "en") -> None:
        super().__init__(supported_language=supported_language, supported_entity="IP_ADDRESS")
