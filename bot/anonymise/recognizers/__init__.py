"""Every recognizer the redactor uses, one small class per job."""

from __future__ import annotations

from presidio_analyzer import EntityRecognizer

from .address import StreetAddressRecognizer
from .bank import BankCueRecognizer, BankIbanRecognizer, CardEndingRecognizer, SortCodeAccountRecognizer
from .dates import DateOfBirthRecognizer
from .digits import DigitRunRecognizer, ShortPhoneCueRecognizer
from .documents import (
    CardCueRecognizer,
    PassportRecognizer,
    PoliceLogRecognizer,
    ReferenceCueRecognizer,
    ReferenceFormatRecognizer,
)
from .names import PersonNameRecognizer
from .people import PeopleRecognizer
from .phone import LibPhoneNumberRecognizer, MixedSpelledPhoneRecognizer, SpelledPhoneRecognizer
from .uk import (
    NhsChecksumRecognizer,
    NhsCueRecognizer,
    NhsNumberRecognizer,
    NhsShapeRecognizer,
    NinoCueRecognizer,
    NinoRecognizer,
    PostcodeCueRecognizer,
    UkPostcodeRecognizer,
)
from .web import CheckedUrlRecognizer, IpAddressRecognizer, OfflineEmailRecognizer

RECOGNIZER_CLASSES = (
    PersonNameRecognizer,
    PeopleRecognizer,
    LibPhoneNumberRecognizer,
    SpelledPhoneRecognizer,
    MixedSpelledPhoneRecognizer,
    OfflineEmailRecognizer,
    UkPostcodeRecognizer,
    PostcodeCueRecognizer,
    NinoRecognizer,
    NinoCueRecognizer,
    NhsChecksumRecognizer,
    NhsCueRecognizer,
    NhsNumberRecognizer,
    NhsShapeRecognizer,
    PassportRecognizer,
    CardCueRecognizer,
    ReferenceCueRecognizer,
    ReferenceFormatRecognizer,
    PoliceLogRecognizer,
    BankCueRecognizer,
    BankIbanRecognizer,
    SortCodeAccountRecognizer,
    CardEndingRecognizer,
    CheckedUrlRecognizer,
    IpAddressRecognizer,
    DateOfBirthRecognizer,
    StreetAddressRecognizer,
    DigitRunRecognizer,
    ShortPhoneCueRecognizer,
)


def recognizers_for(language: str) -> list[EntityRecognizer]:
    """One instance of every recognizer, registered for ``language``."""
    return [cls(supported_language=language) for cls in RECOGNIZER_CLASSES]
