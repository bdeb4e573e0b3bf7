"""UK identifiers: postcodes, National Insurance numbers, NHS numbers (checksum)."""

from __future__ import annotations

from presidio_analyzer import Pattern, PatternRecognizer
from presidio_analyzer.predefined_recognizers import NhsRecognizer, UkNinoRecognizer

from .cue import CueValueRecognizer


class UkPostcodeRecognizer(PatternRecognizer):
    """Full UK postcodes ("SW1A 1AA", "e1 6an", "M11AE"); outward codes alone are kept."""

    OUTWARD = (
        r"(?:[A-PR-UWYZ](?:[0-9]{1,2}|[A-HK-Y][0-9]{1,2}|[0-9][A-HJKPSTUW]"
        r"|[A-HK-Y][0-9][ABEHMNPRVWXY]))"
    )
    INWARD = r"[0-9][ABD-HJLNP-UW-Z]{2}"
    PATTERNS = [
        Pattern("UK postcode", rf"\b(?:GIR ?0AA|{OUTWARD} ?{INWARD})\b", 0.75),
    ]

    def __init__(self, supported_language: str = "en") -> None:
        super().__init__(
            supported_entity="POSTCODE",
            patterns=self.PATTERNS,
            context=["postcode", "post code", "address", "live"],
            supported_language=supported_language,
            name="UkPostcodeRecognizer",
        )


class NinoRecognizer(UkNinoRecognizer):
    """National Insurance numbers ("AB 12 34 56 C"), reported as NINO."""

    NINO = (
        r"\b(?!bg|gb|nk|kn|nt|tn|zz)[a-ceghj-pr-tw-z][a-ceghj-npr-tw-z]"
        r" ?[0-9]{2} ?[0-9]{2} ?[0-9]{2} ?[a-d]\b"
    )

    def __init__(self, supported_language: str = "en") -> None:
        super().__init__(
            supported_language=supported_language,
            supported_entity="NINO",
            # Presidio's pattern starts with an optional space, which the span then includes.
            patterns=[Pattern("NINO", self.NINO, 0.75)],
        )


class NhsNumberRecognizer(NhsRecognizer):
    """Presidio's NHS number recognizer (modulus-11 checksum), reported as NHS_NUMBER."""

    def __init__(self, supported_language: str = "en") -> None:
        super().__init__(supported_language=supported_language, supported_entity="NHS_NUMBER")


class NinoCueRecognizer(CueValueRecognizer):
    """A NINO-shaped value right after its cue, whatever its prefix or check letter: people mistype,
    and a mistyped number still identifies ("NI number ZQ 99 88 77 A", "national insurance QQ123456C").
    Without a cue the strict pattern above decides, so ordinary codes survive."""

    ENTITY = "NINO"
    CUES = (
        "NI", "NI number", "NI no", "NINO", "national insurance", "national insurance number",
        "nat ins", "insurance number", "numri i sigurimit", "sigurimit kombëtar", "numer ubezpieczenia",
        "număr de asigurare", "numéro d'assurance", "número de seguro", "número de segurança",
        "số bảo hiểm", "رقم التأمين", "شماره بیمه", "بیمه ملی",
    )
    VALUES = (r"[A-Z]{2}\s?\d{2}\s?\d{2}\s?\d{2}\s?[A-Z]?",)


class NhsCueRecognizer(CueValueRecognizer):
    """Ten digits after an NHS cue, whatever the check digit ("NHS number 999 123 4567")."""

    ENTITY = "NHS_NUMBER"
    CUES = ("NHS", "NHS number", "NHS no", "health number", "numri NHS", "numer NHS", "số NHS")
    VALUES = (r"\d{3}[\s\-]?\d{3}[\s\-]?\d{4}",)
