"""UK identifiers: postcodes, National Insurance numbers, NHS numbers (checksum)."""

from __future__ import annotations

import regex
from presidio_analyzer import AnalysisExplanation, LocalRecognizer, Pattern, PatternRecognizer, RecognizerResult
from presidio_analyzer.predefined_recognizers import NhsRecognizer, UkNinoRecognizer

from .cue import CueValueRecognizer
from .documents import is_date
from .gate import digit_gated
from .phone import ANY_DIGIT_WORD, phone_named

# Round 16: the UK's postcode areas (Royal Mail's 121, with the Crown Dependencies' GY, JE and IM, as the ONS
# Postcode Directory lists them), and ZZ, the NHS's pseudo-area for people of no fixed abode
POSTCODE_AREAS = (
    "AB AL B BA BB BD BH BL BN BR BS BT CA CB CF CH CM CO CR CT CV CW DA DD DE DG DH DL DN DT DY E EC EH EN EX FK FY "
    "G GL GU GY HA HD HG HP HR HS HU HX IG IM IP IV JE KA KT KW KY L LA LD LE LL LN LS LU M ME MK ML N NE NG NN NP NR "
    "NW OL OX PA PE PH PL PO PR RG RH RM S SA SE SG SK SL SM SN SO SP SR SS ST SW SY TA TD TF TN TQ TR TS TW UB W WA "
    "WC WD WF WN WR WS WV YO ZE ZZ"
).split()
AREA = "(?:" + "|".join(sorted(POSTCODE_AREAS, key=len, reverse=True)) + ")"


# (round 20: every pattern holds a digit: the outward code's, GIR 0AA's zero)
@digit_gated(1)
class UkPostcodeRecognizer(PatternRecognizer):
    """Full UK postcodes ("SW1A 1AA", "e1 6an", "M11AE"); outward codes alone are kept."""

    OUTWARD = (
        r"(?:[A-PR-UWYZ](?:[0-9]{1,2}|[A-HK-Y][0-9]{1,2}|[0-9][A-HJKPSTUW]"
        r"|[A-HK-Y][0-9][ABEHMNPRVWXY]))"
    )
    INWARD = r"[0-9][ABD-HJLNP-UW-Z]{2}"
    PATTERNS = [
        # not inside a word or number, whatever script is next to it ("邮编是E14 9XP"); up to two spaces
        Pattern("UK postcode", rf"(?<![A-Za-z0-9])(?:GIR ?0AA|{OUTWARD}(?: {{0,2}}|-){INWARD})(?![A-Za-z0-9])", 0.75),
        # the full shape whatever its letters, in any case and spacing (the NHS's "ZZ99 3VZ" pseudo-postcodes,
        # mistyped ones: "zz993cz"); never an ordinal or a time after a code ("B12 3rd", "M6 5pm")
        # (round 16: its area one of the UK's postcode areas, so a word of Arabic typed in Latin letters and digits,
        # "ro7i 3al", is no postcode; after a cue, PostcodeCueRecognizer takes any letters)
        Pattern("UK postcode shape",
                rf"(?<![A-Za-z0-9]){AREA}\d[A-Z\d]?(?: {{0,2}}|-)\d(?!st|nd|rd|th|am|pm)[A-Z]{{2}}(?![A-Za-z0-9])",
                0.6),
        # round 13: an outward code alone where a place stands ("they moved me near E17", "the car wash was in
        # NW10", "Cardiff, CF24 area"): in capitals, the strict outward shape, after "in/near/around" or before
        # "area"; never a room, a form, a road or a paper size ("room B12", "form IS96", "the M6", "in A4")
        Pattern("UK outward code, as a place",
                rf"(?-i:(?:(?<=(?<![A-Za-z])(?i:in|near|around|nr)\s)(?<!(?i:low|rich|high|deficient)\s+in\s)(?![AM]\d(?!\d))(?={OUTWARD}(?![A-Za-z0-9]))"
                rf"|(?={OUTWARD}\s+(?i:area|district|side)\b))(?<![A-Za-z0-9]){OUTWARD}(?![A-Za-z0-9]))", 0.6),
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

    # round 8: the whole shape with no cue, whatever its prefix: two letters, three pairs of digits, a check
    # letter A-D. A mistyped or test-range prefix (QQ, KN, TN) still identifies, and the full shape with its
    # check letter is not an ordinary code
    # (round 9: or each digit apart, as read out from a card: "GB 6 7 8 9 0 1 B")
    # (round 11: in any script's digits, as a phone's Arabic or Persian keyboard types them: "QQ ١٢ ٣٤ ٥٦ C")
    NINO_SHAPE = (r"(?<![A-Za-z0-9])[a-z]{2} ?(?:\d{2} ?\d{2} ?\d{2}|\d(?: \d){5}) ?[a-d]"
                  r"(?![A-Za-z0-9])")
    # round 18: HMRC's temporary reference number, TN then the date of birth (DDMMYY) then M or F for the sex
    # ("TN 01 01 94 M"), given to someone still waiting for their NINO: it holds the date of birth itself
    TEMPORARY = (r"(?<![A-Za-z0-9])TN ?(?:0[1-9]|[12]\d|3[01]) ?(?:0[1-9]|1[0-2]) ?\d{2} ?[MF]"
                 r"(?![A-Za-z0-9])")

    # round 19: the whole shape with a dash for its spaces ("QQ-22-19-84-D"), one separator throughout
    NINO_DASHED = r"(?<![A-Za-z0-9\-])[a-z]{2}-\d{2}-\d{2}-\d{2}-[a-d](?![A-Za-z0-9\-])"
    # round 19: HMRC's shape in capitals (a prefix HMRC issues, its check letter) with the letter O typed for a
    # zero among the digits ("OY 6O 22 14 D"), as the cue rule reads it after a cue (Unicode's confusables give O
    # and 0 one skeleton): four true digits at least
    NINO_WITH_O = (r"(?-i:(?<![A-Za-z0-9])(?!BG|GB|NK|KN|NT|TN|ZZ)[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z]"
                   r"(?=(?: ?[\dO]){6} ?[A-D](?![A-Za-z0-9]))(?=(?:[ O]*\d){4})(?=[ \d]*O)"
                   r" ?[\dO]{2} ?[\dO]{2} ?[\dO]{2} ?[A-D](?![A-Za-z0-9]))")

    # round 19: its two prefix letters typed as digits, the three pairs and the check letter kept ("00 12 34 56 C"):
    # four pairs of digits then a capital A-D standing alone, as no amount, phone or date ends
    NINO_DIGIT_PREFIX = r"(?-i:(?<![A-Za-z0-9])\d{2} \d{2} \d{2} \d{2} [A-D](?![A-Za-z0-9]))"

    def __init__(self, supported_language: str = "en") -> None:
        super().__init__(
            supported_language=supported_language,
            supported_entity="NINO",
            # Presidio's pattern starts with an optional space, which the span then includes.
            patterns=[Pattern("NINO", self.NINO, 0.75), Pattern("NINO shape", self.NINO_SHAPE, 0.6),
                      Pattern("temporary NINO", self.TEMPORARY, 0.75), Pattern("NINO, dashed", self.NINO_DASHED, 0.6),
                      Pattern("NINO with O for zero", self.NINO_WITH_O, 0.6),
                      Pattern("NINO, prefix typed as digits", self.NINO_DIGIT_PREFIX, 0.6)],
        )


_AFTER_COUNTRY_CODE = regex.compile(r"(?:\+|\b00)\d{1,3}[\s\-]?(?:\(0\)\s?)?$")
_RUN_GOES_ON = regex.compile(r"[ \-.]?\d")


class NhsNumberRecognizer(NhsRecognizer):
    """Presidio's NHS number recognizer (modulus-11 checksum), reported as NHS_NUMBER."""

    def __init__(self, supported_language: str = "en") -> None:
        super().__init__(supported_language=supported_language, supported_entity="NHS_NUMBER")

    def analyze(self, text: str, entities: list[str], nlp_artifacts=None,
                regex_flags: int | None = None) -> list[RecognizerResult]:
        # round 14: ten digits after a country code (and its bracketed trunk zero) are a phone number's, whatever
        # their checksum says ("+964 (0) 750 221 8890")
        # (round 19: nor the first ten digits of a longer run, "receipt no 003312 8871 22": as the checksum rule
        # reads a run whole)
        # (round 20: nor a number said to be a phone's right before it, phone.phone_named)
        return [r for r in super().analyze(text, entities, nlp_artifacts, regex_flags)
                if not _AFTER_COUNTRY_CODE.search(text, 0, r.start) and not _RUN_GOES_ON.match(text, r.end)
                and not phone_named(text, r.start)]


class NhsShapeRecognizer(PatternRecognizer):
    """Round 8: ten digits grouped as an NHS number is printed (3-3-4) or run together, with no cue and
    whatever the check digit ("999 876 5432", "9991234560"), in any script's digits ("۹۹۹ ۸۷۶ ۵۴۳۲").
    Never beginning with 0 nor after a + and a
    country code: those begin phone numbers, the phone recognizer's. It outscores the phone recognizer (0.7),
    so such a number is typed NHS_NUMBER; another country's number of this shape is redacted too."""

    PATTERNS = [Pattern("NHS number shape",
                        # (round 14: nor after a country code's bracketed trunk zero, "+964 (0) 750 123 4567")
                        r"(?<![\d+)])(?<!\+\d{1,3}[\s\-])(?<!\+\d{1,3}\s?\(0\)\s?)(?![0٠۰০੦०])"
                        r"\d{3}([\s\-]?)\d{3}\1\d{4}(?![\d])", 0.75)]

    def __init__(self, supported_language: str = "en") -> None:
        super().__init__(supported_entity="NHS_NUMBER", patterns=self.PATTERNS,
                         supported_language=supported_language, name="NhsShapeRecognizer")

    def analyze(self, text, entities, nlp_artifacts=None, regex_flags=None):
        # (round 20: never a number said to be a phone's right before it, phone.phone_named)
        return [r for r in super().analyze(text, entities, nlp_artifacts, regex_flags)
                if not phone_named(text, r.start)]


class LooseCueRecognizer(CueValueRecognizer):
    """A value of a distinctive shape anywhere in the few words after its cue (the words between may
    be in any language: "رقم NHS الخاص بي ٩٩٩ ٢٣٤ ٥٦٧٨"), as long as no digit comes between."""

    GAP = 40

    def analyze(self, text: str, entities: list[str], nlp_artifacts=None) -> list[RecognizerResult]:
        results = []
        for cue in self._cue_re.finditer(text):
            window = text[cue.end():cue.end() + self.GAP + 20]
            for value in self._value_re.finditer(window):
                # one line break may come between ("NI number:\nQQ 12 34 56 C"), not a digit or a paragraph
                if value.start() > self.GAP or regex.search(r"\d|\n\s*\n", window[:value.start()]):
                    break
                if self.validate_value(value.group()):
                    results.append(self._result(cue.end() + value.start(), cue.end() + value.end()))
                    break
        return results


# (round 20: a result has five digits at least, validate_value)
@digit_gated(5)
class NinoCueRecognizer(LooseCueRecognizer):
    """A NINO-shaped value right after its cue, whatever its prefix or check letter: people mistype,
    and a mistyped number still identifies ("NI number ZQ 99 88 77 A", "national insurance QQ123456C").
    Without a cue the strict pattern above decides, so ordinary codes survive."""

    ENTITY = "NINO"
    CUES = (
        "NI", "NI number", "NI no", "NINO", "N.I.N.O.", "NINo", "nat ins no", "nat. ins.", "nat. ins. no",
        "national insurance no", "asigurări naționale", "asigurari nationale", "seguro nacional", "segurança social",
        "assurance nationale", "ubezpieczenia krajowego", "این آئی", "بیمەی نیشتمانی", "بیمه‌ی ملی", "بیمه",
        "national insurance", "national insurance number", "NIN", "insurance no", "insurance", "NI card",
        "N I", "N I number", "N I no", "social security", "social security number", "seguridad social",
        "sécurité sociale", "securite sociale", "asigurare națională", "asigurare nationala", "asigurări sociale",
        "bảo hiểm xã hội", "ubezpieczenia społecznego", "sigurimi shoqëror", "sigurimeve shoqërore",
        "ብሄራዊ መድሕን", "መድሕን", "ብሔራዊ ኢንሹራንስ", "የብሔራዊ ኢንሹራንስ", "caymiska qaranka", "caymis",
        "ملي بیمه", "بیمې", "社会保险", "保险号码",
        "nat ins", "insurance number", "numri i sigurimit", "sigurimit kombëtar", "numer ubezpieczenia",
        "număr de asigurare", "numéro d'assurance", "número de seguro", "número de segurança",
        "số bảo hiểm", "số bảo hiểm quốc gia", "رقم التأمين", "التأمين الوطني", "شماره بیمه", "بیمه ملی",
        "نیشنل انشورنس", "ন্যাশনাল ইন্স্যুরেন্স", "ਨੈਸ਼ਨਲ ਇੰਸ਼ੋਰੈਂਸ", "नेशनल इंश्योरेंस", "ብሄራዊ ኢንሹራንስ",
        "lambarka caymiska", "numri i sigurimeve", "numer NI", "numărul NI",
        "N.I.", "N.I. number", "N.I. no", "NI num", "NI#", "NI-gayga", "ኢንሹራንስ", "ইন্স্যুরেন্স",
        "এনআই নম্বর", "ਐਨ ਆਈ ਨੰਬਰ", "ਐਨਆਈ ਨੰਬਰ", "ملي بیمې", "بیمې شمېره", "الضمان الاجتماعي",
        "sigurimeve", "sigurimit", "sigurimet", "sigurimeve kombëtare", "numri im i sigurimeve",
        # Ge'ez writes "of" on the noun (የኢንሹራንስ ቁጥር, the insurance's number); Bengali "NI" alone
        "የኢንሹራንስ", "ናይ ኢንሹራንስ", "এনআই", "ਐਨਆਈ", "एनआई",
        # round 15: the NI number as the languages of Europe round 13 gave passport and birth cues say it (ru, uk,
        # bg, de, nl, it, cs, sk, hu, tr, lt, lv), the English letters with their word for "number", and Hindi
        "NI номер", "номер NI", "страховой номер", "страховий номер", "номер страхования", "номер страхування",
        "национального страхования", "національного страхування", "осигурителен номер", "Versicherungsnummer",
        "Sozialversicherungsnummer", "NI-Nummer", "verzekeringsnummer", "NI-nummer", "previdenza", "numero NI",
        "číslo pojištění", "číslo poistenia", "biztosítási szám", "TAJ szám", "sigorta numarası", "sigorta numaram",
        "NI numarası", "NI numaram", "draudimo numeris", "NI numeris", "apdrošināšanas numurs", "NI numurs",
        "बीमा नंबर", "राष्ट्रीय बीमा", "नेशनल इंश्योरेंस नंबर",
        # round 16: "insurance" as Pashto, Urdu and Dari write the English word alone (Urdu's "national insurance"
        # above), as Ge'ez and Bengali spellings of it already are cues
        "انشورنس", "انشورنس نمبر", "انشورنس شمېره",
        # round 19: Russian "insurance" in the genitive, as "номер страховки" (the insurance's number) says it
        "страховки", "номер страховки", "национальной страховки", "страховка",
        # round 20: the letters "N I" spelled by their English names in Ge'ez and Arabic script ("ኤን አይ ቁጥሬ ...",
        # "رقم إن آي"), as Urdu's این آئی and Bengali's এনআই already are
        "ኤን አይ", "ኤን ኣይ", "ኤንአይ", "ኤንኣይ", "ኢን ኣይ", "ان آي", "إن آي", "ان اي", "إن اي", "ان آی",
    )
    # Chinese is written without spaces: these cues and their values may touch other characters
    HAN_CUES = ("国民保险号码", "国民保险号", "国民保险", "国民保險", "保险号码", "保险号")
    # two letters, six digits in any grouping (spaces, dashes), an optional letter
    # (round 14: or one letter of its prefix mistyped as a digit, "D1 44 56 78 A", when its check letter ends it)
    VALUES = (r"[A-Z][\s\-./]?[A-Z](?:[\s\-./_]{0,2}\d){6}(?:[\s\-./]{0,2}[A-D])?",
              r"(?:[A-Z][\s\-./]?\d|\d[\s\-./]?[A-Z])(?:[\s\-./_]{0,2}\d){6}[\s\-./]{0,2}[A-D]",
              # round 15: after its cue, the number as people mistype it: the letter O for a zero among the digits
              # ("TW9O4417A"), a digit dropped or doubled (five to seven of them), any spacing; at least five true
              # digits (validate_value), so a word after the cue is never taken
              # (round 16: and I or l typed for a one, "PW65432IB": Unicode's confusables table gives O and 0 one
              # skeleton, and 1, I and l another)
              r"[A-Z][\s\-./]?[A-Z](?:[\s\-./_,]{0,3}[\dOIl]){5,7}(?:[\s\-./,]{0,3}[A-D])?",
              # (or its two letters left off, the digits and the check letter kept: "NI number 20 44 18 C")
              r"\d{2}(?:[\s\-./_,]{0,3}\d){4}[\s\-./,]{0,3}[A-D]")

    def validate_value(self, value: str) -> bool:
        # never a date after a word ("NI number came on 1.3.24")
        return len(regex.findall(r"\d", value)) >= 5 and not is_date(value) and not is_date(value[2:].strip(" -./_"))

    # the cue may come after the number too: "GB 22 10 93 B that is my insurance number"
    CUE_AFTER_GAP = 30

    def analyze(self, text: str, entities: list[str], nlp_artifacts=None) -> list[RecognizerResult]:
        results = super().analyze(text, entities, nlp_artifacts)
        for value in self._value_re.finditer(text):
            if any(r.start < value.end() and value.start() < r.end for r in results) or not self.validate_value(
                    value.group()):
                continue
            after = text[value.end():value.end() + self.CUE_AFTER_GAP + 30]
            cue = self._cue_re.search(after)
            if cue and cue.start() <= self.CUE_AFTER_GAP and not regex.search(r"\d|\n|[.!?]\s", after[:cue.start()]):
                results.append(self._result(value.start(), value.end()))
        return results

    def __init__(self, supported_language: str = "en") -> None:
        super().__init__(supported_language=supported_language)
        self._cue_re = regex.compile(
            self._cue_re.pattern + "|(?:" + "|".join(sorted(self.HAN_CUES, key=len, reverse=True)) + ")",
            regex.IGNORECASE)
        # a value may follow a Han character directly ("号码是HZ123456A"); not inside a Latin word
        self._value_re = regex.compile(
            r"(?<![A-Za-z0-9])(?:" + "|".join(self.VALUES) + r")(?![A-Za-z0-9])", regex.IGNORECASE)


class NhsCueRecognizer(LooseCueRecognizer):
    """Ten digits after an NHS cue, whatever the check digit ("NHS number 999 123 4567")."""

    ENTITY = "NHS_NUMBER"
    CUES = ("NHS", "NHS number", "NHS no", "health number", "health service number", "NHS num", "NHS#",
            "numri NHS", "numer NHS", "số NHS",
            "این ایچ ایس", "ان ایچ ایس", "ان اچ اس", "این اچ اس", "ئێن ئێچ ئێس", "ئین ئیچ ئیس",
            "إن إتش إس", "الإن إتش إس", "ان اتش اس", "الان اتش اس", "ኤንኤችኤስ", "የኤንኤችኤስ", "এনএইচএস", "ਐਨਐਚਐਸ", "एनएचएस",
            # round 9: "health insurance / health number", as people translate the NHS's number
            "health insurance", "health insurance number", "التأمين الصحي", "رقم التأمين الصحي", "رقم الصحة",
            "الرقم الصحي", "شماره بیمه درمانی", "بیمه درمانی", "شماره سلامت", "ہیلتھ نمبر", "স্বাস্থ্য নম্বর",
            "医保号", "医疗号码", "número de salud", "número de saúde", "numéro de santé", "numer zdrowia",
            "numărul de sănătate", "numri i shëndetësisë",
            # round 19: "health number" in Dari and Pashto (صحی, of health), as round 9's Persian شماره سلامت
            "شماره صحی", "نمبر صحی", "صحی شمېره", "د روغتیا شمېره")
    # (round 11: or read out as ten digit words, in any of the bot's languages)
    # (round 18: or with the letter O typed for a zero, "4O1 882 3371", as the NINO's cue rule reads it: Unicode's
    # confusables give O and 0 one skeleton; and a separator of up to three characters, "6 1 9 - 0 2 2 - 4 8 1 4")
    # (round 19: or a slash between groups, "428 / 665 / 1093")
    VALUES = (r"\d(?:[\s\-./]{0,3}[\dO]){9}", rf"(?:{ANY_DIGIT_WORD}[\s,\-]+){{9}}{ANY_DIGIT_WORD}")

    def validate_value(self, value: str) -> bool:
        # at least eight true digits: "4O1 882 3371", never a word
        return len(regex.findall(r"\d", value)) >= 8 or not regex.search(r"\d", value)


class PostcodeCueRecognizer(LooseCueRecognizer):
    """A postcode-shaped value after a postcode or address cue, whatever its letters (people mistype,
    and the NHS's own "ZZ99 3VZ" kind of pseudo-postcode breaks the strict letter rules above)."""

    ENTITY = "POSTCODE"
    CUES = (
        "postcode", "post code", "postal code", "postcod", "post cod", "poscode", "postkod",
        "my address", "address is", "address:", "live at", "living at",
        "code postal", "código postal", "kod pocztowy", "kodi postar", "kodin postar", "codul poștal",
        "cod poștal", "mã bưu điện", "mã bưu chính", "koodhka boostada", "邮编", "邮政编码", "کد پستی",
        "پوسٹ کوڈ", "پوست کود", "الرمز البريدي", "پۆستکۆد", "পোস্টকোড", "পোস্ট কোড", "ਪੋਸਟਕੋਡ", "ਪੋਸਟ ਕੋਡ",
        "पोस्टकोड", "पोस्ट कोड", "ፖስትኮድ", "ፖስታ ኮድ",
    )
    # (round 11: a space may split the outward code after its cue, as people type them: "zz 99 5zz")
    # (round 15: or a space inside the inward code too, "g42 8 ay", "SW9 8 EQ": after its cue only)
    VALUES = (r"[A-Z]{1,2}\s?\d[A-Z\d]?(?:\s{0,2}|-)\d[A-Z]{2}", r"[A-Z]{1,2}\s?\d[A-Z\d]?\s{0,2}\d\s[A-Z]\s?[A-Z]")


_PRESIDIO_NHS = NhsRecognizer()   # only for its checksum (validate_result), built once at import


def nhs_checksum(digits: str) -> bool:
    """The NHS number's modulus-11 check (NHS Data Dictionary), as Presidio's NhsRecognizer checks it (weights 10..1
    on the ten digits, the sum divisible by 11: the same as "the tenth is 11 minus the first nine's sum mod 11, 11
    read as 0, 10 never issued"), on ten digits of any script."""
    return len(digits) == 10 and digits.isdigit() and bool(_PRESIDIO_NHS.validate_result(digits))


class NhsChecksumRecognizer(LocalRecognizer):
    """Round 18: ten digits in whatever grouping people copy them ("4398 1176 01", "9012 345 677", each digit apart,
    "6 1 9 - 0 2 2 - 4 8 1 4", "704.912.3382") whose modulus-11 check digit holds: the checksum, not the printed
    3-3-4 grouping, is what makes a number an NHS number, and a random ten digits pass it one time in eleven. Never
    beginning with 0 or after a + and a country code (a phone's), nor grouped in thousands (an amount), nor a date.
    It scores as the NHS shape rule does (0.75), above the phone rules, so such a number is typed NHS_NUMBER."""

    name: str
    SCORE = 0.75
    _RUN = regex.compile(r"(?<![\d+)./\-]|\d[ \-.])(?<!\+\d{1,3}[\s\-])(?!0)\d(?:(?:[ \-.]{1,3})?\d){9}"
                         r"(?![\d]|[ \-.]{1,3}\d|[.,]\d)")
    _THOUSANDS = regex.compile(r"\d{1,3}(?:([ .,])\d{3}){3}")

    def __init__(self, supported_language: str = "en") -> None:
        super().__init__(supported_entities=["NHS_NUMBER"], supported_language=supported_language,
                         name="NhsChecksumRecognizer")

    def load(self) -> None:
        pass

    def analyze(self, text: str, entities, nlp_artifacts=None) -> list[RecognizerResult]:
        results = []
        for match in self._RUN.finditer(text):
            value = match.group()
            if (not nhs_checksum("".join(c for c in value if c.isdigit())) or self._THOUSANDS.fullmatch(value)
                    or is_date(value) or _AFTER_COUNTRY_CODE.search(text, 0, match.start())
                    # (round 20: nor a number said to be a phone's right before it: "ስልከይ 7700 900 256")
                    or phone_named(text, match.start())):
                continue
            results.append(RecognizerResult(
                "NHS_NUMBER", match.start(), match.end(), self.SCORE,
                analysis_explanation=AnalysisExplanation(self.name, self.SCORE,
                                                         textual_explanation="ten digits with the NHS check digit"),
                recognition_metadata={RecognizerResult.RECOGNIZER_NAME_KEY: self.name,
                                      RecognizerResult.RECOGNIZER_IDENTIFIER_KEY: self.id}))
        return results
