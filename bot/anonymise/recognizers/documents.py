"""Passport numbers and Home Office / NRM / BRP / visa references."""

from __future__ import annotations

import regex
from presidio_analyzer import Pattern, PatternRecognizer, RecognizerResult

from .cue import SPACED_ID, CueValueRecognizer
from .gate import digit_gated
from .phone import PHONE_WORD, is_public_number

_DIGITS = regex.compile(r"\d")
_LETTERS = regex.compile(r"[^\W\d_]")
_DATE = regex.compile(r"\d{1,2}/\d{1,2}/\d{2,4}")
_TOKEN = r"[A-Z0-9]*\d[A-Z0-9]*"
# a date is never a document's or a case's number ("passport: 12.03.2019", "my case on 12/03/2019 was refused")
_A_DATE = regex.compile(r"(?:\d{1,2}\s?[/.\-]\s?\d{1,2}\s?[/.\-]\s?(?:\d{4}|\d{2})|\d{4}[/.\-]\d{1,2}[/.\-]\d{1,2})")


_WORD_BEFORE = regex.compile(r"^[A-Za-z]{1,3}\s?(?=\d)")


def is_date(value: str) -> bool:
    """A day, a month and a year (either way round), each in range: a date, not an identifier."""
    # (round 15: after a short word taken with it, "on 30.6.2022", "DOB 01-01-2000")
    value = _WORD_BEFORE.sub("", value)
    if not _A_DATE.fullmatch(value):
        return False
    parts = [int(p) for p in regex.findall(r"\d+", value)]
    day, month = (parts[2], parts[1]) if parts[0] > 31 else (parts[0], parts[1])
    return (1 <= day <= 31 and 1 <= month <= 12) or (1 <= month <= 31 and 1 <= day <= 12)


# round 18: "number" in the bot's languages, as a document's number is introduced a clause after its name
_NUMBER_WORD = regex.compile(
    r"(?i)(?<!\p{L})(?:number|no\.?|nr\.?|num|номер|numer|numéro|numero|número|nummer|numri|numărul|număr|"
    r"numarası|numeris|numurs|číslo|szám|رقم|رقمه|شماره|نمبر|شمېره|ژمارە|ቁጽሪ|ቁጥር|নম্বর|ਨੰਬਰ|नंबर|नम्बर|号码|號碼)"
    r"(?!\p{L})")
# round 20: a word for "number" right before a document's name, with "of" between at most (Ge'ez ናይ, Persian's
# ezafe, Russian's genitive needs none): "ቁጽሪ ፓስፖርት", "رقم جواز", "شماره‌ی پاسپورت", "номер паспорта"
_NUMBER_BEFORE = regex.compile(
    r"(?i)(?<!\p{L})(?:number|numéro|numero|número|numer|numri|număr|numărul|номер|рег\.?\s?номер|رقم|شماره|"
    r"شماره‌ی|شمارهٔ|نمبر|شمېره|ژمارەی|ژمارە|ቁጽሪ|ቁጥር|የቁጥር|নম্বর|ਨੰਬਰ|नंबर|नम्बर)"
    r"[\s\u200c]*(?:of|de|do|da|del|du|i|e|ናይ|የ)?[\s\u200c]*$")


def dialled(value: str) -> bool:
    """Round 20: a number dialled as a phone is: from 0 or +, nine to fifteen digits (a passport's "0889123" is too
    short for a national number, which the round-18 rule read as a phone's whatever its length)."""
    return value.startswith(("0", "+")) and 9 <= len(_DIGITS.findall(value)) <= 15


_NINO_WHOLE = regex.compile(
    r"(?<![A-Za-z0-9])[A-Z]\s?[A-Z](?:[\s\-./_]{0,2}\d){6}[\s\-./]{0,2}(?-i:[A-D])(?![A-Za-z0-9])", regex.IGNORECASE)
_SHARE_CODE = regex.compile(r"[A-Z0-9]{3}[ -]?[A-Z0-9]{3}[ -]?[A-Z0-9]{3}", regex.IGNORECASE)


_RU_SERIES = regex.compile(r"(?i)(?<!\p{L})(?:серия|серии|серія|серію)\s*:?\s*(\d{2}\s?\d{2})[\s,]*"
                           r"(?:номер|№|н\.|no\.?|nr\.?)?\s*:?\s*(\d{6})(?!\d)")


# (round 20: a result has 6 to 24 digits, validate_value; the Russian series and number ten)
@digit_gated(6)
class PassportRecognizer(CueValueRecognizer):
    """A document number after "passport" in any of our languages."""

    ENTITY = "PASSPORT"
    CUES: tuple[str, ...] = (
        "passport", "passports", "passport number", "pasaportë", "pasaporte", "pasaporta",
        "pasaporti", "pashaportë", "hộ chiếu", "hộ chiếu số", "số hộ chiếu", "jawaz", "جواز سفر", "جواز السفر", "جوازي",
        "paszport", "paszportu", "pașaport", "paşaport", "pasaport", "pașaportul",
        "passeport", "passaporte", "baasaboor", "baasaboorka", "ፓስፖርት", "پاسپورت",
        "پاسپورٹ", "پاسپورټ", "پاسپۆرت", "পাসপোর্ট", "护照", "護照", "ਪਾਸਪੋਰਟ", "पासपोर्ट",
        "travel document", "travel doc", "document number", "ID card", "ID number", "identity card",
        "ID card number", "carte d'identité", "documento de identidad", "dowód osobisty", "carte de identitate",
        "letërnjoftim", "letërnjoftimi", "thẻ căn cước", "căn cước", "بطاقة الهوية", "کارت ملی", "تذکره", "ፋይዳ",
        "መታወቂያ", "身份证", "身份證",
        # Ge'ez writes "of" on the noun: የፓስፖርት ቁጥሬ (my passport's number), ናይ ፓስፖርት ቁጽሪ
        "የፓስፖርት", "ናይ ፓስፖርት", "ፓስፖርተይ", "ፓስፖርቴ",
        # Arabic "the passport" alone, Persian گذرنامه (passport), Sorani پاسەپۆرت
        "الجواز", "جواز", "جوازه", "گذرنامه", "گذرنامه‌ام", "گذرنامه ام", "گذرنامه‌ی", "پاسەپۆرت",
        # identity cards by their everyday names: Polish dowód (dowodu, dowodem), Romanian buletin, Albanian
        # kartë identiteti, Vietnamese CMND / CCCD, Persian شناسنامه, Afghan tazkira, "national ID"
        # round 13: "passport" in more of the languages of Europe (lt, lv, de, nl, it, ru/uk/bg, cs/sk, hu)
        "paso", "pasas", "paso numeris", "pase", "pases numurs", "Reisepass", "Reisepassnummer", "paspoort",
        "passaporto", "паспорт", "паспорта", "номер паспорта",
        # round 19: Russian and Ukrainian "foreign passport" as one word, and "series" as a passport's is named
        "загранпаспорт", "загранпаспорта", "загранпаспорте", "закордонний паспорт", "серия", "серии", "серія",
        "cestovní pas", "cestovný pas", "útlevél",
        "útlevelem", "útlevélszám", "pasaport numarası",
        "dowód", "dowodu", "dowodem", "buletin", "buletinul", "kartë identiteti", "kartën e identitetit",
        "karta e identitetit", "CMND", "CCCD", "شناسنامه", "tazkira", "tazkera", "national ID", "ID no",
        # round 14: the national identity numbers of the countries people come from, by the names they give them
        # (an Egyptian الرقم القومي, an Iranian کد ملی, a Pakistani CNIC, an Indian Aadhaar, a Romanian CNP, a
        # Polish PESEL, a Turkish kimlik, an Albanian numri personal, a Spanish DNI/NIE, a Brazilian CPF), the
        # ID card's name in more languages, and the other documents that carry a number: a driving licence, a
        # biometric card, a residence card or permit
        "national ID number", "national identity number", "national identity card", "national number",
        "national ID card", "my ID", "ID#", "identity number", "identity document", "ID document", "NIC",
        "CNIC", "NICOP", "aadhaar", "aadhar", "ghana card", "NID", "CNP", "cod numeric personal", "PESEL",
        "numer PESEL", "kimlik", "kimlik no", "TC kimlik", "numri personal", "nr personal", "DNI", "NIE", "cédula",
        "CPF", "RG", "carte de séjour", "titre de séjour", "cartão de cidadão", "cartea de identitate",
        "cartea mea de identitate", "seria", "chứng minh nhân dân", "kaarka aqoonsiga", "aqoonsiga", "aqoonsi",
        "driving licence", "driving license", "driver's licence", "driver's license", "drivers licence",
        "driver licence", "licence number", "license number", "provisional licence", "biometric card",
        "biometric residence permit", "biometric permit", "residence card", "ARC card", "immigration document",
        "prawo jazdy", "permis de conduire", "permis de conducere", "permis", "carnet de conducir",
        "carta de condução", "patentë", "patenta", "patente", "giấy phép lái xe", "bằng lái", "bằng lái xe",
        "البطاقة الشخصية", "بطاقة شخصية", "بطاقتي", "الرقم القومي", "الرقم الوطني", "رقم وطني", "الهوية",
        "رقم الهوية", "هويتي", "رخصة القيادة", "رخصة السياقة", "کد ملی", "کدملی", "شماره ملی", "گواهینامه",
        "تذکرې", "تذکرہ", "شناختی کارڈ", "قومی شناختی کارڈ", "شناختی", "ڈرائیونگ لائسنس", "ناسنامە", "ناسنامەی",
        "ناسنامەکەم", "জাতীয় পরিচয়পত্র", "পরিচয়পত্র", "এনআইডি", "ড্রাইভিং লাইসেন্স", "आधार", "आधार कार्ड",
        "पहचान पत्र", "ड्राइविंग लाइसेंस", "আধার", "ਆਧਾਰ", "ਆਧਾਰ ਕਾਰਡ", "ਡਰਾਈਵਿੰਗ ਲਾਇਸੈਂਸ", "መንነት",
        "ወረቐት መንነት", "መንጃ ፍቃድ", "驾照", "驾驶证", "居留卡", "身份证号", "身份证号码", "ID", "licence", "license",
    )
    # (round 10: letters and digits mixed in the first group, then groups of digits: "C7Q 55 1902")
    VALUES = (r"[A-Z0-9]{2,4}(?:\s\d{2,6}){1,3}", r"[A-Z]{0,3}[\s\-]?\d[\d ]{4,14}\d[A-Z]?", r"[A-Z0-9]{6,10}",
              # round 14: a series then its number ("seria XT nr 884210", "ABC № 123456")
              r"[A-Z]{1,3}\s?(?:nr\.?|no\.?|n[º°]|№|numarul|numărul|numer)\s?\d{6,9}",
              # round 14: any document number: groups of letters and digits joined by dashes, dots or single spaces,
              # each group after the first with a digit in it, a word of letters first at most ("GHA-712345678-9",
              # "35202-1234567-1", "SMITH 803215 JA9AB", "11010119900307123X", "1401-0101-12345")
              rf"(?:(?-i:[A-Z]{{1,6}})[\s\-])?{_TOKEN}(?:(?:-|\.|\s)(?=[A-Z]*\d){_TOKEN})" + "{0,4}",
              SPACED_ID)

    def validate_value(self, value: str) -> bool:
        return 6 <= len(_DIGITS.findall(value)) <= 24 and not is_date(value)

    def analyze(self, text: str, entities: list[str], nlp_artifacts=None) -> list[RecognizerResult]:
        # round 14: a National Insurance number's whole shape (two letters, six digits, its check letter in capitals:
        # not Romanian "a", has) is a NINO
        # whatever document cue comes before it ("CNP nu am, dar NI e QQ 55 02 19 B")
        ninos = [(m.start(), m.end()) for m in _NINO_WHOLE.finditer(text)]
        results = [r for r in super().analyze(text, entities, nlp_artifacts)
                   if not any(start < r.end and r.start < end for start, end in ninos)]
        # round 19: a Russian internal passport as it is printed and read out: its series, four digits (two pairs),
        # then its number, six digits ("серия 45 12 номер 345678", "серия 4512 № 345678"): both are the document's
        for series in _RU_SERIES.finditer(text):
            for group in (1, 2):
                start, end = series.span(group)
                if not any(r.start < end and start < r.end for r in results):
                    results.append(self._result(start, end))
        return results

    def distinctive(self, value: str) -> bool:
        return bool(_LETTERS.search(value)) and len(_DIGITS.findall(value)) >= 6     # AB1234567, not a date

    def _loose(self, text: str, start: int) -> tuple[int, int] | None:
        """Round 18: a cue further away: the document named first, then a clause, then its number after a word for
        "number" ("Паспорт забрали, номер 75 4418209", "passport they kept it, number 123456789"). The word for
        number says that the digits after it are the named thing's; never after a word for a phone ("phone
        number ..."), nor a number dialled from 0 or +, and no digit or sentence end between the cue and the word."""
        found = super()._loose(text, start)
        if found:
            return found
        window = text[start:start + self.LOOSE_GAP + 40]
        for word in _NUMBER_WORD.finditer(window):
            if word.start() > self.LOOSE_GAP or regex.search(r"\d|\n|[.!?。؟።](?:\s|$)", window[:word.start()]):
                return None
            if PHONE_WORD.search(window, max(0, word.start() - 12), word.start()):
                continue
            pos = word.end()
            filler = self._filler_re.match(window, pos)
            if filler and filler.end() - pos <= self.MAX_FILLER:
                pos = filler.end()
            value = self._value_re.match(window, pos)
            if value and self.validate_value(value.group()) and not dialled(value.group()):
                return start + value.start(), start + value.end()
        return self._named_number(text, start)

    def _named_number(self, text: str, start: int) -> tuple[int, int] | None:
        """Round 20: the document named as a number's owner, the word for "number" first ("ቁጽሪ ፓስፖርት ኤርትራ ቀደም
        0889123 ነይሩ", number of passport, Eritrea, before: as Ge'ez, Arabic, Persian and Russian put the head noun
        before the noun it is of, رقم جواز السفر, номер паспорта): the value a few words on is the document's whatever
        its shape, as after a word for "number" (no digit or sentence end between, never a number dialled)."""
        cue = self._cue_re.match(text, self._cue_start(text, start))
        if cue is None or not _NUMBER_BEFORE.search(text, max(0, cue.start() - 16), cue.start()):
            return None
        window = text[start:start + self.LOOSE_GAP + 30]
        for value in self._value_re.finditer(window):
            if value.start() > self.LOOSE_GAP or regex.search(r"\d|\n|[.!?。؟።](?:\s|$)", window[:value.start()]):
                return None
            if self.validate_value(value.group()) and not dialled(value.group()):
                return start + value.start(), start + value.end()
        return None

    def _cue_start(self, text: str, end: int) -> int:
        for cue in self._cue_re.finditer(text, max(0, end - 40), end + 1):
            if cue.end() == end:
                return cue.start()
        return end


class CardCueRecognizer(PassportRecognizer):
    """Round 14: a document number after the word "card" alone, in any of the bot's languages ("card no zx 902 1176",
    "کارت من AB1234567"): only letters with digits, never a number alone, which is more often a bank card's."""

    CUES: tuple[str, ...] = (
        "card", "my card", "the card", "karta", "kartë", "karte", "carte", "cartea", "tarjeta", "cartão", "thẻ",
        "kaarka", "kaar", "بطاقة", "البطاقة", "کارت", "کارتم", "کارڈ", "কার্ড", "ਕਾਰਡ", "कार्ड", "ካርድ", "ካርዲ",
        "卡", "卡号",
    )

    def validate_value(self, value: str) -> bool:
        return super().validate_value(value) and bool(_LETTERS.search(value))


# (round 20: a result has two digits at least, validate_value's share code; four or more otherwise)
@digit_gated(2)
class ReferenceCueRecognizer(CueValueRecognizer):
    """A case number after a Home Office / NRM / BRP / visa / case-reference cue."""

    ENTITY = "REFERENCE"
    CUES = (
        "reference", "ref", "ref.", "ref no", "reference number", "case number", "case no",
        "case ref", "case reference", "claim number", "application number", "referral number",
        "NRM", "NRM number", "NRM reference", "NRM referral", "CID", "CID number", "UAN",
        "GWF", "BRP", "BRP number", "residence permit", "visa", "visa number", "eVisa",
        "Home Office number", "Home Office reference", "Home Office ref", "HO ref",
        "HO reference", "port reference", "share code", "asylum number", "ARC", "ARC card",
        "numri i referencës", "numri i references", "referenca", "numri i dosjes",
        "numer referencyjny", "numer sprawy", "sygnatura", "număr de referință",
        "numărul de referință", "numărul dosarului", "numéro de référence", "référence",
        "numéro de dossier", "número de referencia", "referencia", "número de caso",
        "expediente", "número de referência", "referência", "número do processo",
        "số tham chiếu", "mã hồ sơ", "số hồ sơ", "رقم المرجع", "الرقم المرجعي", "رقم القضية",
        "رقم الملف", "lambarka kiiska", "شماره پرونده", "參考編號", "参考编号", "案件编号",
        "CRN", "claim", "claim no", "numărul de caz", "numarul de caz", "dosar", "dosarul",
        "crime number", "crime no", "crime reference", "crime reference number", "crime ref", "crime ref number",
        "police reference", "police ref", "police number", "incident number", "log number", "police log",
        "police log number", "CAD number", "occurrence number", "file number", "HO number", "Home Office file",
        "Home Office file number", "case ID", "NRM case", "SCA reference", "referral reference", "BRP card",
        "permit number", "residence card", "numri i rastit", "numer zgłoszenia", "numărul cazului",
        "numéro de plainte", "número de denuncia", "số vụ việc", "رقم البلاغ", "شماره شکایت", "报案号", "案件号",
        # reference / case number in Tigrinya and Amharic (መወከሲ, ማጣቀሻ), "police number" in Ge'ez
        "መወከሲ", "ቁጽሪ መወከሲ", "ማጣቀሻ", "የማጣቀሻ ቁጥር", "ቁጽሪ ፖሊስ", "የፖሊስ ቁጥር", "ቁጽሪ ጉዳይ", "የጉዳይ ቁጥር",
        # round 9: benefit claims (ESA, PIP, Universal Credit, JSA) are numbered too
        "ESA no", "ESA number", "ESA ref", "PIP no", "PIP number", "PIP ref", "UC no", "UC number",
        "universal credit number", "JSA no", "JSA number", "benefit number", "benefits number",
        # round 10: "Home Office number" as people write the English words in their own script
        "الهوم اوفيس", "الهوم أوفيس", "هوم اوفيس", "هوم آفیس", "ہوم آفس", "ሆም ኦፊስ", "ናይ ሆም ኦፊስ", "হোম অফিস",
        "ਹੋਮ ਆਫਿਸ",
        # round 11: "reference" written in the script of bn, pa, hi, ur/fa, ar, am/ti; Chinese "application number";
        # the Criminal Injuries Compensation Authority's claim; a police report (ocorrência, denuncia, plainte)
        "রেফারেন্স", "ਰੈਫਰੈਂਸ", "ਰੈਫ਼ਰੈਂਸ", "रेफरेंस", "रेफ़रेंस", "ریفرنس", "رفرنس", "ريفرنس", "ሪፈረንስ", "ረፈረንስ",
        "申请号", "申請號", "参考号", "案号", "CICA", "CICA number", "CICA reference", "CICA ref",
        "ocorrência", "ocorrencia", "número da ocorrência", "boletim de ocorrência", "denuncia", "plainte",
        # "case" alone and "the Home Office" alone, as people name the number of a case or a letter ("Migrant Help
        # said my case is 12345678"), and "case" in the other languages (the English word in their scripts too)
        "case", "my case", "Migrant Help", "Migrant Help case", "Migrant Help number", "Migrant Help ref",
        "Migrant Help reference", "Home Office", "letter number", "letter ref", "rasti", "rastit", "sprawa", "sprawy",
        "cazul", "cazului", "dossier", "caso", "processo", "hồ sơ", "قضيتي", "القضية", "ملفي", "پرونده", "پرونده‌ام",
        "کیس", "کیس نمبر", "ኬዝ", "ኬስ", "কেস", "কেস নম্বর", "ਕੇਸ", "ਕੇਸ ਨੰਬਰ", "केस", "案件", "kiiska", "kiis",
        # round 14: a police incident or log by its word alone ("incident no. 0456 of 03/04"), a complaint's
        # number, and the Home Office as the Ministry of the Interior in Arabic and Persian
        "incident", "incident no", "incident ref", "log no", "log ref", "complaint number", "complaint no",
        "complaint ref", "complaint reference", "وزارة الداخلية", "الداخلية", "وزارت کشور",
        # round 15: a court's case number (crown court, tribunal, appeal), and "case / reference / police report"
        # in the Cyrillic-script languages (ru, uk, bg), as round 13 gave them passport and birth cues; an account
        # with a landlord, a council or a utility (its customer's reference: the bank rule leaves it)
        "rent account", "council tax account", "council tax reference", "tenancy reference", "customer number",
        "customer reference", "account reference", "court", "crown court", "court case", "court number", "court ref",
        "court reference", "tribunal",
        "tribunal number", "tribunal ref", "appeal", "appeal number", "appeal ref", "hearing number",
        "номер дела", "дело", "дела", "номер справи", "справа", "справи", "номер на делото", "делото",
        "номер заявления", "номер заяви", "заявление", "заява", "протокол", "номер протокола", "поліції",
        "полиции", "полиция", "поліція", "референс", "номер обращения", "номер звернення",
        # round 20: a file's number as the English loanword "file" is written in Ge'ez, Devanagari, Bengali,
        # Gurmukhi and Arabic script ("ፋይል ቁጽሪ HOU/2231/ME"), as "file number" already is in Latin letters
        "ፋይል", "ፋይል ቁጽሪ", "ፋይል ቁጥር", "የፋይል ቁጥር", "ቁጽሪ ፋይል", "ናይ ፋይል ቁጽሪ", "फ़ाइल नंबर", "फाइल नंबर",
        "फ़ाइल नम्बर", "फाइल नम्बर", "ফাইল নম্বর", "ਫਾਈਲ ਨੰਬਰ", "فائل نمبر", "شماره فایل", "فایل نمبر",
    )
    VALUES = (
        # round 14: a police log or incident as forces number them, by the day it was opened ("6029 of 14/02",
        # "1234 of 12/03/2024")
        r"\d{1,6}\s+of\s+\d{1,2}/\d{1,2}(?:/\d{2,4})?",
        # round 14: groups with letters and digits mixed, joined by slashes or dashes ("4922/03Jun24",
        # "12AB/34567/24")
        rf"{_TOKEN}(?:[/\-]{_TOKEN}){{1,4}}",
        # (round 20: or letters at both ends of the digits, an office's and a team's, "HOU/2231/ME": after a cue)
        r"[A-Z]{1,4}[/\-]\d{2,8}(?:[/\-]\d{2,8})?[/\-][A-Z]{1,4}",
        # letters and digits in groups, as people copy them from a card ("zu 123 4567", "1234 5678 9012"):
        # first, or the first group alone would be taken and found too short
        r"[A-Z]{1,3}(?:\s\d{2,5}){2,4}", r"[A-Z]{1,3}\s\d{2,4}\s\d{3,5}", r"\d{3,6}(?:\s\d{3,6}){1,3}",
        # (round 11) a letter with its digits, then more digits apart, as a letter prints it: "R1198 765"
        r"[A-Z]{1,3}\d{2,6}(?:\s\d{2,6}){1,3}",
        # a crime number with a force's letter in it: 5623A/22, 1234AB/2024
        r"\d{1,8}[A-Z]{1,2}/\d{2,4}",
        # a BRP or passport number typed with a space after its letters: "zr 1234567"
        r"[A-Z]{1,3}\s\d{6,10}",
        # (round 11) the same with a zero typed for the letter O: "H0 1234567"
        r"[A-Z][A-Z0-9]{1,2}\s\d{6,10}",
        # NRM referrals as some forms print them: 2024/NRM/12345
        r"\d{2,4}/[A-Z]{2,4}/\d{3,8}(?:/\d{2,4})?",   # (round 15: and a year after it, 01/CR/448812/22)
        # (round 13) or with the scheme's letters last (23/0912/NRM), and a year then digits in groups, as people
        # copy them with stray spaces ("2022/ 45 66 19")
        r"\d{2,4}/\d{2,8}/[A-Z]{2,4}", r"\d{2,4}/\s?\d{2,6}(?:\s\d{2,6}){1,3}",
        # (round 20: the same three groups joined by dashes, a year, the scheme's letters, the number: "2023-MS-004417",
        # as a slash and a dash join a reference's groups alike)
        r"\d{2,4}-[A-Z]{2,4}-\d{3,8}(?:-\d{2,4})?",
        r"[A-Z]{0,4}[-/]?\d[\d\-/]{3,18}[A-Z]?", r"[A-Z]{1,4}\d{4,12}[A-Z]?",
        r"[A-Z0-9]{3}[ -]?[A-Z0-9]{3}[ -]?[A-Z0-9]{3}",
        # letters and digits mixed (A1B2C3D4), or a bare number of five digits after its cue (NRM 12345)
        r"[A-Z0-9]{5,14}",
        SPACED_ID,
    )
    MAX_VALUES = 2

    def validate_value(self, value: str) -> bool:
        digits = len(_DIGITS.findall(value))
        # (round 16: nor an organisation's phone number after its name, "Migrant Help gave me 0808 8010 503")
        if is_date(value) or is_public_number(value):
            return False
        # (round 16: five bare digits that end in three zeros are a sum, "cica was 11000": one case number in a
        # thousand ends so, most amounts do)
        if digits >= 6 or (digits == len(value) == 5 and not value.endswith("000")):
            return True
        # (round 15: a share code mixes digits into two of its three groups at least: "300 people" is a count)
        compact = regex.sub(r"[ -]", "", value)
        if (_SHARE_CODE.fullmatch(value) and digits >= 2 and _LETTERS.search(value)
                and sum(bool(_DIGITS.search(compact[i:i + 3])) for i in (0, 3, 6)) >= 2):
            return True
        # A share code (three groups of letters/digits) or letters + at least 4 digits.
        return digits >= 4 and bool(_LETTERS.search(value)) and len(value) >= 6

    def _loose(self, text: str, start: int) -> tuple[int, int] | None:
        """Round 19: a few words past its cue, never a number dialled from 0 or + (nine to fifteen digits, no
        slash): the words between may name a person ("my caseworker Rachel on 0113 4960 224"), and such a number is
        the phone rule's, as the passport's loose rule already leaves it (round 18)."""
        found = super()._loose(text, start)
        if found:
            value = text[found[0]:found[1]]
            if (value.startswith(("0", "+")) and "/" not in value
                    and 9 <= len(_DIGITS.findall(value)) <= 15 and not _LETTERS.search(value)):
                return None
        return found

    def distinctive(self, value: str) -> bool:
        # letters with digits (SCA/2024/00999), or digits split by slashes as crime numbers are (01/234567/23),
        # not a plain number or a date (12/03/2019)
        digits = len(_DIGITS.findall(value))
        if _LETTERS.search(value):
            return digits >= 4
        # (round 13) or a long number in three or more dashed groups, as a police CID number is printed
        # (3302-1184-7720): twelve digits or more, longer than any UK phone number
        if digits >= 12 and value.count("-") >= 2:
            return True
        return digits >= 7 and "/" in value and not _DATE.fullmatch(value)


# (round 20: each pattern holds five digits at least, the file reference by its lookbehind)
@digit_gated(5)
class ReferenceFormatRecognizer(PatternRecognizer):
    """Reference shapes that need no cue: GWF visa refs, BRP numbers, UANs, HO refs."""

    PATTERNS = [
        Pattern("GWF visa application reference", r"\bGWF\d{9}\b", 0.9),
        # Unique Application Number: 1234-5678-9012-3456
        Pattern("UAN", r"\b\d{4}-\d{4}-\d{4}-\d{4}\b", 0.7),
        # Biometric residence permit: two letters then seven digits (upper case only); not inside a Latin word
        # or number, whatever script is next to it ("内政部参考号W2345671": Han letters are word characters)
        Pattern("BRP", r"(?-i:(?<![A-Za-z0-9])[A-Z]{2}[0-9X]\d{6}(?![A-Za-z0-9]))", 0.6),
        # round 11: typed in lower case on a phone ("zu1234567"): two letters, then seven digits exactly
        Pattern("BRP, lower case", r"(?-i:(?<![A-Za-z0-9])[a-z]{2}\d{7}(?![A-Za-z0-9]))", 0.6),
        # Home Office reference: one letter, seven digits, optional /n suffix.
        Pattern("Home Office reference", r"(?-i:(?<![A-Za-z0-9])[A-Z]\d{7}(?:/\d{1,2})?(?![A-Za-z0-9]))", 0.6),
        # round 8: a tribunal appeal number as the tribunal prints it (PA/01234/2024, HU/12345/2023)
        Pattern("appeal number", r"(?-i:(?<![A-Za-z0-9/])[A-Z]{2}/\d{4,6}/\d{4}(?![A-Za-z0-9/]))", 0.7),
        # round 8: capital letters then groups of digits joined by slashes or dashes, as case files print them
        # (HO/2231/77654, HO/21/889034, HO-4471-2290-K, HOR-55102-E): at least five digits, so never a
        # size, a model or a date
        Pattern("file reference",
                r"(?-i:(?<![A-Za-z0-9/\-])[A-Z]{1,4}[/\-]\d{2,8}(?:[/\-]\d{3,8})?(?:[/\-][A-Z0-9]{1,3})?"
                r"(?<=(?:\d\D*){5})(?![A-Za-z0-9/\-]))", 0.6),
        # round 11: a BRP number copied with spaces (two capitals, seven digits in groups): "ZT 558 102 4"
        Pattern("BRP, spaced",
                r"(?-i:(?<![A-Za-z0-9])[A-Z]{2}\s(?=\d)(?:\d\s?){6}\d(?![A-Za-z0-9]|\s?\d))", 0.6),
        # round 10: a Home Office reference copied with a space, as letters print it: HO 5512 0098
        Pattern("Home Office reference, spaced", r"(?-i:(?<![A-Za-z0-9])HO\s?\d{4}\s\d{3,5}(?![A-Za-z0-9]))", 0.7),
        # NRM referral references as printed: NRM-2023-000123 / NRM/23/12345.
        Pattern("NRM reference", r"\bNRM[-/ ]?\d{2,4}[-/]\d{3,8}\b", 0.85),
        # round 15: a Crown Court case number as the court lists print it, T and the year and four digits
        # (T20237788): a capital T, then a year of this century or the last
        Pattern("Crown Court case number", r"(?-i:(?<![A-Za-z0-9])T(?:19|20)\d{6}(?![A-Za-z0-9]))", 0.7),
        # round 15: a scheme's letters between a year and a number, as people copy 2024/NRM/0123 with spaces
        # ("2024 NRM 0123", "23 HO 556102")
        Pattern("scheme reference, spaced",
                r"(?-i:(?<![A-Za-z0-9/])(?:19|20)?\d{2}\s(?:NRM|HO|CID|CRN|GWF|BRP|UAN|SCA)\s\d{3,8}(?![A-Za-z0-9/]))",
                0.7),
        # A police crime reference as forces print it: 01/234567/24 (no date has five digits in the middle).
        Pattern("crime reference", r"(?<![\d/])\d{2}/\d{5,7}/\d{2}(?![\d/])", 0.6),
    ]

    def __init__(self, supported_language: str = "en") -> None:
        super().__init__(
            supported_entity="REFERENCE",
            patterns=self.PATTERNS,
            context=["reference", "ref", "home office", "visa", "brp", "nrm"],
            supported_language=supported_language,
            name="ReferenceFormatRecognizer",
        )


class PoliceLogRecognizer(CueValueRecognizer):
    """Round 15: a police log or dispatch number right after its cue, however short: forces number the day's calls
    from 1 ("CAD 4471", "log 512", "incident no. 0456"), so the reference rule's six digits would miss it. Never a
    year ("the incident 2019")."""

    ENTITY = "REFERENCE"
    # (the words alone, "log", "incident", are everyday words: "a log of 500 hours", "incident 300 people saw")
    CUES = ("CAD", "CAD no", "CAD number", "CAD ref", "log no", "log number", "police log", "police log number",
            "incident no", "incident number", "occurrence number", "call log number", "storm number", "STORM log")
    VALUES = (r"\d{3,6}",)

    def __init__(self, supported_language: str = "en") -> None:
        super().__init__(supported_language=supported_language)
        # only a number's own words between ("log of 500 hours", "the incident in 2019" are no logs)
        # (round 19: and "is" or "was", as a number is told: "the CAD number was 4512")
        self._filler_re = regex.compile(r"(?:[\s:#=.\-]+|(?<!\w)(?:no|nr|num|number|ref|is|was)(?!\w))*",
                                        regex.IGNORECASE)

    def validate_value(self, value: str) -> bool:
        return not regex.fullmatch(r"(?:19|20)\d{2}", value)
