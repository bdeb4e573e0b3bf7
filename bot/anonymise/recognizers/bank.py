"""Bank details: sort codes and account numbers after a cue; IBANs by checksum."""

from __future__ import annotations

from presidio_analyzer.predefined_recognizers import IbanRecognizer

from .cue import CueValueRecognizer


class BankCueRecognizer(CueValueRecognizer):
    """Sort codes (20-00-00) and 6-10 digit account numbers after a banking cue."""

    ENTITY = "BANK_ACCOUNT"
    CUES = (
        "sort code", "sortcode", "sort-code", "account", "account number", "account no",
        "acc no", "acct", "a/c", "bank account", "bank details", "bank", "card number",
        "numer konta", "nr konta", "konto", "rachunek", "cont bancar", "număr de cont",
        "numărul contului", "contul", "contul meu", "numéro de compte", "compte bancaire",
        "compte", "RIB", "número de cuenta", "cuenta bancaria", "cuenta", "número da conta",
        "conta bancária", "conta", "số tài khoản", "tài khoản", "llogaria", "llogari bankare",
        "numri i llogarisë", "رقم الحساب", "حساب بنكي", "حسابي", "xisaabta bangiga",
        "شماره حساب", "账号", "银行账户", "ব্যাংক অ্যাকাউন্ট",
    )
    VALUES = (
        r"\d{2,4}(?:[ -]\d{4}){2,7}",        # long grouped numbers (Polish NRB, card-like)
        r"\d{2}[- ]\d{2}[- ]\d{2}",           # sort code
        r"\d{6,26}",                           # account number
        r"\d{4}[ -]\d{4}(?:[ -]\d{2,4})?",
    )
    MAX_VALUES = 3


class BankIbanRecognizer(IbanRecognizer):
    """Presidio's IBAN recognizer (checksum-validated), reported as BANK_ACCOUNT."""

    def __init__(self, supported_language: str = "en") -> None:
        super().__init__(supported_language=supported_language, supported_entity="BANK_ACCOUNT")
