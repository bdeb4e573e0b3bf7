"""Bank details: sort codes and account numbers after a cue; IBANs by checksum."""

from __future__ import annotations

import regex
from presidio_analyzer import Pattern, PatternRecognizer, RecognizerResult
from presidio_analyzer.predefined_recognizers import IbanRecognizer
from presidio_analyzer.predefined_recognizers.generic.iban_patterns import regex_per_country

from .cue import CueValueRecognizer
from .documents import is_date


class BankCueRecognizer(CueValueRecognizer):
    """Sort codes (20-00-00) and 6-10 digit account numbers after a banking cue."""

    ENTITY = "BANK_ACCOUNT"
    CUES = (
        "sort code", "sortcode", "sort-code", "s/c", "account", "account number", "account no",
        "acc no", "acct", "a/c", "bank account", "bank details", "bank", "card number",
        "numer konta", "nr konta", "konto", "rachunek", "cont bancar", "număr de cont",
        "numărul contului", "contul", "contul meu", "numéro de compte", "compte bancaire",
        "compte", "RIB", "número de cuenta", "cuenta bancaria", "cuenta", "número da conta",
        "conta bancária", "conta", "số tài khoản", "tài khoản", "llogaria", "llogari bankare",
        "numri i llogarisë", "رقم الحساب", "حساب بنكي", "حسابي", "xisaabta bangiga",
        "شماره حساب", "账号", "银行账户", "ব্যাংক অ্যাকাউন্ট",
        # round 11: "acc" and "sort" alone, Romanian "cont" alone; "account" and "sort code" as the Arabic-script,
        # Ge'ez, Bengali and Gurmukhi languages write them (often the English words in their script)
        "acc", "acc number", "sort", "cont", "nr. cont", "numer rachunku", "rachunku", "llogari", "akoonka",
        "akoon", "xisaab", "سورت كود", "السورت كود", "والسورت كود", "سورت کود", "سورت کد", "سورٹ کوڈ", "سۆرت کۆد",
        "نمبر حساب", "حساب بانکی", "حساب بانک", "حسابی بانک", "ژمارەی حساب", "حسابی", "بانک اکاونټ", "اکاونټ",
        "اکاؤنٹ", "اکاؤنٹ نمبر", "بینک اکاؤنٹ", "الحساب", "رقم حسابي", "الحساب البنكي",
        "የባንክ ሂሳብ", "ሂሳብ ቁጥር", "የሂሳብ ቁጥር", "ሕሳብ ባንኪ", "ናይ ባንኪ ሕሳብ", "ሶርት ኮድ",
        "অ্যাকাউন্ট", "অ্যাকাউন্ট নম্বর", "সর্ট কোড", "ਖਾਤਾ", "ਖਾਤਾ ਨੰਬਰ", "ਅਕਾਊਂਟ", "ਸੌਰਟ ਕੋਡ", "ਸੋਰਟ ਕੋਡ",
        "खाता", "खाता संख्या", "सॉर्ट कोड", "账户", "帐号", "帳號", "银行卡", "卡号",
        # round 13: Urdu "sort code" spelt with alef; a UK bank named where its account is given ("monzo 04-00-04
        # 81726354"): only a sort code or an account number of its shape is taken after it
        "سارٹ کوڈ", "سارٹ کوڈ", "monzo", "barclays", "hsbc", "lloyds", "natwest", "santander", "halifax",
        "nationwide", "revolut", "starling", "tsb", "metro bank", "co-op bank",
        # round 14: the other common Bengali spellings of the English loanwords (একাউন্ট beside অ্যাকাউন্ট,
        # ব্যাঙ্ক beside ব্যাংক; "bank" alone either way), and Vietnamese typed without its accents
        "একাউন্ট", "একাউন্ট নম্বর", "একাউন্ট নাম্বার", "ব্যাংক", "ব্যাঙ্ক", "ব্যাংক একাউন্ট", "ব্যাঙ্ক একাউন্ট",
        "ব্যাঙ্ক অ্যাকাউন্ট", "so tai khoan", "tai khoan",
        # round 16: the same loanwords in Ge'ez script ("bank", "account" as Tigrinya and Amharic write them)
        "ባንክ", "ባንኪ", "ኣካውንት", "አካውንት", "ባንክ ኣካውንት", "ባንክ አካውንት", "የባንክ አካውንት", "ናይ ባንክ ኣካውንት",
        # round 19: the IBAN by its name, "sort code" and "account" in the Cyrillic-script languages (bg сметка,
        # ru счёт, uk рахунок), and a payment card with its number right after ("card 4929 1234 5678 9012": an
        # identity card's number has letters and is the document rule's, which outranks this one)
        "IBAN", "сорт код", "сорт-код", "сметка", "банкова сметка", "номер на сметка", "счёт", "счет", "номер счета",
        "номер счёта", "банковский счёт", "банковский счет", "рахунок", "номер рахунку", "банківський рахунок",
        "card", "bank card", "debit card", "credit card", "карта", "карты", "картка", "karta płatnicza",
        # round 20: "card" in the other scripts, the English loanword mostly (ካርድ, कार्ड, কার্ড, ਕਾਰਡ, کارت, کارڈ) and
        # its case forms in the Cyrillic languages (Bulgarian's article, картата; Russian and Ukrainian accusatives),
        # as "card" already takes a number of digits alone (a number with letters is an identity card's: the
        # document rule's, which outranks this one); and Cantonese 戶口, a bank account ("戶口 55779911")
        "картата", "карту", "картой", "картку", "карткою", "ካርድ", "ካርዲ", "ካርደይ", "ካርዴ", "कार्ड", "কার্ড", "ਕਾਰਡ",
        "کارت", "کارتم", "کارڈ", "بطاقة", "البطاقة", "بطاقه", "戶口", "銀行戶口", "户口号码",
    )
    VALUES = (
        # round 19: an IBAN's shape (ISO 13616: the country's letters, two check digits, then the country's BBAN,
        # its length and letters as Presidio's per-country patterns give them), after its cue whatever its check
        # digits: a mistyped IBAN still identifies the account (validate_value checks the country's format)
        r"[A-Z]{2}\d{2}(?:[ ]?[A-Z0-9]){10,30}",
        r"\d{2,4}(?:[ -]\d{4}){2,7}",        # long grouped numbers (Polish NRB, card-like)
        r"\d{2}[- ]\d{2}[- ]\d{2}",           # sort code
        r"\d{6,26}",                           # account number
        r"\d{4}[ -]\d{4}(?:[ -]\d{2,4})?",
        # round 15: digits read out with spaces between ("5 5 7 7 9 9 1 1"), tried last
        r"\d(?:[\s\-.]?\d){5,25}",
    )

    # round 15: an account with a landlord, a council or a utility is a customer's reference, not a bank's ("rent
    # account 00452117", "council tax account", "gas account"): the reference rule takes it
    _NOT_A_BANK = regex.compile(
        r"(?i)(?<!\p{L})(?:rent|council\s+tax|council|tenancy|housing|gas|electric|electricity|energy|water|"
        r"utility|phone|mobile|customer|oyster|universal\s+credit|uc|journal|gov\.uk|email|e-mail|facebook|"
        r"instagram|tiktok|whatsapp)\s+$")

    def analyze(self, text: str, entities: list[str], nlp_artifacts=None) -> list[RecognizerResult]:
        results = super().analyze(text, entities, nlp_artifacts)
        if not results:
            return results
        others = [cue for cue in self._cue_re.finditer(text)
                  if self._NOT_A_BANK.search(text, max(0, cue.start() - 20), cue.start())
                  and cue.group().lower().startswith(("account", "acc"))]
        if not others:
            return results
        # a value whose nearest cue before it is such an account is left to the reference rule
        cues = sorted(self._cue_re.finditer(text), key=lambda c: c.start())
        kept = []
        for result in results:
            before = [c for c in cues if c.end() <= result.start]
            if before and any(before[-1].span() == o.span() for o in others):
                continue
            kept.append(result)
        return kept

    def validate_value(self, value: str) -> bool:
        if value[:1].isalpha():
            return iban_shape(value)
        # a date with its year in full is no account (a sort code, 09-01-28, has the shape of a short date)
        return not (is_date(value) and regex.search(r"\d{4}", value))
    MAX_VALUES = 3

    # round 11: a UK account number (eight digits) or a sort code (three pairs) is the cue's a few words on,
    # whatever the words between ("نمبر حساب بانکی 73029184", "ژمارەی حسابی بانکەکەم 61928374")
    _DISTINCTIVE = regex.compile(r"\d{8}|\d{2}([- ])\d{2}\1\d{2}")

    def distinctive(self, value: str) -> bool:
        return bool(self._DISTINCTIVE.fullmatch(value)) or iban_shape(value)

    # (round 19: a sort code after its account, named by its initials: "acc no 71234509 sc 40 11 62")
    SEPARATOR = (r"(?:[\s,;/&]+|(?<!\w)(?:and|then|account|acc|number|no|i|et|y|e|și|oraz|sort\s?code|sc|s/c|"
                 r"сметка|счёт|счет|рахунок)(?!\w))+")


def iban_shape(value: str) -> bool:
    """Round 19: an IBAN of its country's format (ISO 13616's registry, as Presidio's per-country patterns give
    it: the country's letters, two check digits, the BBAN's length and where it has letters), whatever its check
    digits say."""
    compact = value.replace(" ", "").upper()
    pattern = regex_per_country.get(compact[:2])
    return bool(pattern) and bool(regex.fullmatch(pattern, compact))


class BankIbanRecognizer(IbanRecognizer):
    """Presidio's IBAN recognizer (checksum-validated), reported as BANK_ACCOUNT."""

    def __init__(self, supported_language: str = "en") -> None:
        super().__init__(supported_language=supported_language, supported_entity="BANK_ACCOUNT")


class SortCodeAccountRecognizer(PatternRecognizer):
    """Round 18: a sort code then an account number with no cue ("went to 04-00-04 22310987"): UK payments (Pay.UK)
    name an account by its six-digit sort code, printed as three pairs, and its eight-digit number, and the two
    side by side say bank details whatever words come round them. Typed as one span, above the phone rule."""

    PATTERNS = [Pattern("sort code and account",
                        r"(?<![\d\-+])\d{2}([\- ])\d{2}\1\d{2}[\s,;/]{1,3}\d{8}(?![\d\-])", 0.8)]

    def __init__(self, supported_language: str = "en") -> None:
        super().__init__(supported_entity="BANK_ACCOUNT", patterns=self.PATTERNS,
                         supported_language=supported_language, name="SortCodeAccountRecognizer")


class CardEndingRecognizer(PatternRecognizer):
    """Round 19: a payment card named by the last four digits of its number ("the card ending 4417", "my card last 4
    digits 0921"), as banks and the card schemes' rules (PCI DSS: the last four may be shown) name a card to its
    holder: after "card" (or "account"), a word for its end, then four digits and no more."""

    PATTERNS = [Pattern("card's last four digits",
                        r"(?<!\p{L})(?:card|cards|account|acc)(?!\p{L})[^.!?\n\d]{0,20}?(?<!\p{L})"
                        r"(?:ending|ends|last\s(?:4|four)(?:\s(?:digits|numbers|nos))?)(?:\s(?:in|with|is|are|of))?"
                        r"[\s:]{1,3}(?=\d{4}(?![\d\-/.,:]\d|\d))(\d{4})", 0.8)]

    def __init__(self, supported_language: str = "en") -> None:
        super().__init__(supported_entity="BANK_ACCOUNT", patterns=self.PATTERNS,
                         supported_language=supported_language, name="CardEndingRecognizer")

    def analyze(self, text, entities, nlp_artifacts=None, regex_flags=None):
        # the four digits alone, not the words before them; never a year after "in" ("the card ending in 2025":
        # a time, as "in" says)
        results = []
        for result in super().analyze(text, entities, nlp_artifacts, regex_flags):
            result.start = result.end - 4
            if not regex.search(r"(?i)\bin\s+$", text[:result.start]) or not regex.fullmatch(r"(?:19|20)\d\d",
                                                                                            text[result.start:result.end]):
                results.append(result)
        return results
