"""Phone numbers, validated with Google's libphonenumber (the phonenumbers package).

Presidio's PhoneRecognizer lists the region "UK", which libphonenumber does not know
("GB"), so UK numbers written without +44 are never found; it also runs a full
PhoneNumberMatcher pass per region (about 1 ms per region per answer). This
recognizer keeps its explanation and context but finds phone-shaped candidates with
one cheap regex first, then asks libphonenumber about each candidate:

* ``+44 ...`` / ``0044 ...``: parsed as international, kept when it is a possible number;
* UK national format (``07700 900123``, ``020 7946 0958``): kept when possible for GB,
  which also covers Ofcom's drama ranges that libphonenumber does not call valid;
* anything else: kept when it is a valid number for one of ``REGIONS``.
"""

from __future__ import annotations

import phonenumbers
import regex
from phonenumbers import NumberParseException, PhoneNumberType
from presidio_analyzer import AnalysisExplanation, LocalRecognizer, Pattern, PatternRecognizer, RecognizerResult
from presidio_analyzer.predefined_recognizers import PhoneRecognizer

from .cue import prefix_tree

# GB first; then where the people who use this bot come from, and where they call.
REGIONS: tuple[str, ...] = (
    "GB", "AL", "VN", "ER", "SD", "SO", "ET", "RO", "PL", "IR", "AF", "IQ", "PK", "BD",
    "CN", "IN", "PT", "FR", "ES", "NG", "US", "IE", "SY", "EG", "KW", "TR", "BR", "GH",
)
# The words for a phone or its number, in the bot's languages and as people type them: Presidio's context for a
# phone candidate, and (with the stems below) PHONE_WORD, which the digit-run rule and the cue trimming use.
PHONE_WORDS: tuple[str, ...] = (
    "phone", "number", "telephone", "mobile", "mob", "tel", "cell", "call", "ring", "text", "whatsapp", "viber",
    "imo", "telegram", "signal", "wechat", "contact", "fone", "fon", "nambari",
    "numri", "telefon", "telefonu", "điện thoại", "số", "numer", "număr", "numéro", "número", "teléfono",
    "telefone", "هاتف", "رقم", "تلفن", "شماره", "موبایل", "فون", "ফোন", "ਫੋਨ", "फ़ोन", "फोन", "ስልክ", "ቁጽሪ",
    "电话", "手机", "号码", "телефон", "номер",
)
# inflected and run-on forms (telefonu, téléphone, Russian nomer, Persian shomare, Arabic raqam, mobilni ...)
# (round 20: and Ge'ez's, whose possessive changes the last syllable of ስልክ: ስልከይ my phone in Tigrinya, ስልኬ in Amharic)
_PHONE_STEMS = (r"telefon\w*", r"tél\w*", r"nomer\w*", r"shomare\w*", r"shomara\w*", r"raqam\w*", r"rakam\w*",
                r"mobil\w*", r"numar\w*", r"telephone\w*", r"ስል[ከኬኩካኮ]\p{Ethiopic}{0,2}")
PHONE_WORD = regex.compile(
    r"(?i)(?<!\p{L})(?:" + "|".join(_PHONE_STEMS + tuple(regex.escape(w) for w in
                                                        sorted(PHONE_WORDS, key=len, reverse=True))) + ")")
_UNKNOWN = [r for r in REGIONS if r not in phonenumbers.SUPPORTED_REGIONS]
if _UNKNOWN:  # pragma: no cover - guards the list above against typos like "UK"
    raise RuntimeError(f"libphonenumber does not know regions {_UNKNOWN}")

# Optional + or 00, then digits with single spaces, dots, dashes or brackets between.
_CANDIDATE = regex.compile(
    r"(?<![\p{Latin}\d_+/.-])(?:\+|00)?\(?\d(?:[\d]|[ .\-]\(?(?=\d)| [.\-] (?=\d)|\)\s?(?=\d)|\((?=\d)){6,22}\d"
    r"(?![\p{Latin}\d_]|[/-]\d)"
)
_DIGIT = regex.compile(r"\d")
# Round 19: a number dialled from its trunk 0 and grouped by commas in threes ("07,846,201,993"), as a keyboard's
# number format groups it: an amount grouped in thousands never begins with 0, so this is no sum
_COMMA_CANDIDATE = regex.compile(r"(?<![\p{Latin}\d_+/.,-])0\d{1,3}(?:,\d{3}){2,4}(?![\p{Latin}\d_]|[,.]\d)")


def is_helpline(candidate: str) -> bool:
    """The number of a helpline the bot shows (data/helplines.yml), national or after +44."""
    from .digits import helpline_digits

    digits = "".join(_DIGIT.findall(candidate))
    if digits.startswith("0044"):
        digits = "0" + digits[4:]
    elif digits.startswith("44") and candidate.lstrip().startswith("+"):
        digits = "0" + digits[2:]
    return digits in helpline_digits()


# Round 16: the ranges Ofcom gives organisations, never a person's line (libphonenumber's number types): freephone
# (0800, 0808), the non-geographic 03 numbers (UAN: councils, the Home Office, charities), shared cost (0843-0845,
# 0870-0873) and premium rate (09)
_ORGANISATIONS = frozenset({PhoneNumberType.TOLL_FREE, PhoneNumberType.UAN, PhoneNumberType.SHARED_COST,
                            PhoneNumberType.PREMIUM_RATE})
# the types that are someone's own line, in another country whose national numbers share the digits
_PERSONAL = frozenset({PhoneNumberType.MOBILE, PhoneNumberType.FIXED_LINE, PhoneNumberType.FIXED_LINE_OR_MOBILE,
                       PhoneNumberType.PERSONAL_NUMBER, PhoneNumberType.VOIP, PhoneNumberType.PAGER})
_GROUP = regex.compile(r"\d+")


def _groups(number: str) -> list[int]:
    return [len(g) for g in _GROUP.findall(number)]


# Round 18: a word that names the number as a helpline or a service's line, in the bot's languages and as the
# Cyrillic- and Arabic-script answers say it ("Shelter helpline 0808 800 4444", "на горячую линию 0800 ...")
HELPLINE_WORD = regex.compile(
    r"(?i)(?<!\p{L})(?:help\s?lines?|hot\s?lines?|free\s?phone|advice\s?lines?|support\s?lines?|линию|линия|"
    r"лінію|лінія|гарячу|горячую|خط\s?المساعدة|الخط\s?الساخن|خط\s?ساخن|هیلپ\s?لائن|ہیلپ\s?لائن|热线|熱線|"
    r"linia\s?pomocy|infolinia|linja|ligne\s?d'écoute|numéro\s?vert|línea\s?de\s?ayuda|đường\s?dây\s?nóng)")


# Round 19: the words that name a number as a parcel's, a purchase's or a bill's (tracking, parcel, receipt, invoice,
# order number, consignment, waybill), in the bot's languages and the languages of Europe round 13 added: such a
# number is a shop's or a courier's, no one's identifier ("tracking JD0146...", "receipt no 004518 2291 07",
# "numer przesyłki 0034...", "快递单号SF123..."). "order" only with its word for "number": "a court order" is no
# purchase.
PURCHASE_WORD = regex.compile(
    r"(?i)(?<!\p{L})(?:tracking|track(?:ing)?\s?(?:number|no|code|id)|parcels?|packages?|consignments?|shipments?|"
    r"waybills?|receipts?|invoices?|order\s?(?:number|no\b\.?|#|ref\w*|id)|purchase\s?order|"
    r"przesyłk\w*|przesylk\w*|paczk\w*|paragon\w*|faktur\w*|zamówieni\w*|"
    r"посылк\w*|посилк\w*|пратк\w*|накладн\w*|квитанци\w*|квитанці\w*|трек|трек-номер|заказ\w*|замовлення|"
    r"colis|numéro\s?de\s?suivi|factures?|reçu|numéro\s?de\s?commande|paquete|seguimiento|facturas?|recibo|"
    r"número\s?de\s?pedido|encomendas?|rastreio|faturas?|colet\w*|chitanț\w*|chitant\w*|comand[aă]|pako|faturë|"
    r"porosi\w*|bưu\s?kiện|vận\s?đơn|hóa\s?đơn|hoa\s?don|đơn\s?hàng|kargo|takip\s?numarası|sipariş|"
    r"Sendung\w*|Rechnung\w*|Quittung|Bestell\w*|"
    r"رقم\s?التتبع|التتبع|تتبع|طرد|الطرد|فاتورة|الفاتورة|إيصال|ايصال|الإيصال|کد\s?رهگیری|رهگیری|مرسوله|بسته|"
    r"فاکتور|رسید|رسيد|پارسل|ٹریکنگ|ራሲት|ደረሰኝ|ፓርሰል|পার্সেল|রসিদ|ਪਾਰਸਲ|ਰਸੀਦ|पार्सल|रसीद|"
    r"快递|快遞|单号|單號|运单|運單|订单|訂單|发票|發票|收据|收據|包裹)")
# the words for "number" alone, which name a parcel's number as often as a phone's
_NUMBER_ONLY = regex.compile(r"(?i)number|numer|número|numéro|numri|număr|numar\w*|номер|رقم|شماره|号码|số|ቁጽሪ|nambari")


_WHOLE_WORD_REST = regex.compile(r"[\p{L}\p{M}]*")
# what may stand between a phone's word and its number: "is", "my", a colon ("my mobile is 7700 ...", "ስልከይ 7700 ...")
_PHONE_FILLER = regex.compile(r"(?i)(?:[\s:=#\-–,.()]+|(?<!\p{L})(?:is|was|my|it's|its|on|number|no|nr|num|"
                              r"ቁጽሪ|ቁጥር|እዩ|ነው|رقم|رقمي|شماره|نمبر|номер|numer|numri|numéro|número|số)(?!\p{L}))*")


def phone_named(text: str, start: int) -> bool:
    """Round 20: the number is said to be a phone's right before it: a word for a phone (not the word for "number"
    alone, which names an NHS number as often), then only "is", "my", "number" or punctuation ("ስልከይ 7700 900 256",
    "my mobile: 485 777 3456"). The person's word outranks what the NHS check digit says: one random ten digits in
    eleven pass it."""
    window_start = max(0, start - 40)
    last = None
    for word in PHONE_WORD.finditer(text, window_start, start):
        if not _NUMBER_ONLY.fullmatch(word.group()):
            last = word
    if last is None:
        return False
    end = _WHOLE_WORD_REST.match(text, last.end(), start).end()
    filler = _PHONE_FILLER.match(text, end, start)
    return filler is not None and filler.end() == start


def purchase_number(text: str, start: int) -> bool:
    """Round 19: a number named a parcel's, a purchase's or a bill's (PURCHASE_WORD) up to 40 characters before it,
    no sentence end and no word for a phone between ("my tracking number is ..., call me on 07700 ..." keeps the
    phone)."""
    window_start = max(0, start - 40)
    last = None
    for word in PURCHASE_WORD.finditer(text, window_start, start):
        last = word
    if last is None:
        return False
    between = text[last.end():start]
    if regex.search(r"[.!?。؟።\n](?:\s|$)", between):
        return False
    return not any(not _NUMBER_ONLY.fullmatch(w.group()) for w in PHONE_WORD.finditer(between))


def is_public_number(candidate: str, named: bool = False) -> bool:
    """A number no person owns: a helpline the bot shows (data/helplines.yml), or a UK number of the ranges kept
    for organisations (freephone, 03, shared cost, premium rate: "0808 8010 503", "0300 303 8151").

    The same digits dialled nationally can be a person's line abroad (0300 441 7285 is a Pakistani mobile, 0912 345
    6789 an Iranian one), so a national number is the organisation's only when it is typed in groups that are not
    the groups that country prints it in (libphonenumber's national format): "0300 4417285" is Pakistan's way,
    "0300 303 8151" is not, and a number typed in one run says nothing, so it stays redacted. After +44 or 0044 the
    country is given and the type alone decides."""
    if is_helpline(candidate):
        return True
    digits = "".join(_DIGIT.findall(candidate))
    stated = candidate.lstrip().startswith("+") or digits.startswith("00")
    if stated:
        if not digits.lstrip("0").startswith("44"):
            return False
        national = "0" + digits.lstrip("0")[2:]
    elif digits.startswith("0"):
        national = digits
    else:
        return False
    try:
        number = phonenumbers.parse(national, "GB")
    except NumberParseException:   # pragma: no cover - national digits always parse
        return False
    if not phonenumbers.is_valid_number(number) or phonenumbers.number_type(number) not in _ORGANISATIONS:
        return False
    # (round 18: or named as a helpline a few words before: the answer says whose it is)
    if stated or named:
        return True
    typed = _groups(_TRUNK_ZERO.sub(" ", candidate))
    if len(typed) < 2:
        return False
    for region in REGIONS[1:]:
        try:
            abroad = phonenumbers.parse(national, region)
        except NumberParseException:   # pragma: no cover
            continue
        if (phonenumbers.is_valid_number_for_region(abroad, region)
                and phonenumbers.number_type(abroad) in _PERSONAL
                and _groups(phonenumbers.format_number(abroad, phonenumbers.PhoneNumberFormat.NATIONAL)) == typed):
            return False
    return True


_TRUNK_ZERO = regex.compile(r"\(0\)")


def _nhs_like(candidate: str) -> bool:
    """Ten digits, not dialled (no + or trunk 0 first), with a valid NHS check digit (uk.nhs_checksum)."""
    from .uk import nhs_checksum

    digits = "".join(_DIGIT.findall(candidate))
    return len(digits) == 10 and not candidate.lstrip().startswith(("+", "0", "(")) and nhs_checksum(digits)


_IPV4_SHAPE = regex.compile(r"\d{1,3}(?:\.\d{1,3}){3}")


def _is_ipv4(candidate: str) -> bool:
    """Four numbers of 0-255 without leading zeros: an IP address. Round 14: a phone number is often typed
    with dots between its groups (07.821.443.190, 020.7946.0877), and such a number is no IP address."""
    parts = candidate.split(".")
    return all(int(p) <= 255 and (p == "0" or not p.startswith("0")) for p in parts)


class LibPhoneNumberRecognizer(PhoneRecognizer):

    name: str   # set by presidio's EntityRecognizer.__init__ (untyped there)
    SCORE = 0.7

    def __init__(self, supported_language: str = "en") -> None:
        super().__init__(
            supported_language=supported_language,
            supported_regions=REGIONS,
            context=list(PHONE_WORDS),
        )
        self.name = "LibPhoneNumberRecognizer"

    def get_supported_entities(self) -> list[str]:
        return ["PHONE"]

    def analyze(self, text: str, entities, nlp_artifacts=None) -> list[RecognizerResult]:
        results = []
        for match in [*_CANDIDATE.finditer(text), *_COMMA_CANDIDATE.finditer(text)]:
            candidate = match.group()
            if _IPV4_SHAPE.fullmatch(candidate) and _is_ipv4(candidate):
                continue
            # round 15: a helpline the bot itself shows people (data/helplines.yml) is no one's own number
            # (round 16: nor an organisation's number, by its range: is_public_number)
            if is_public_number(candidate, named=bool(HELPLINE_WORD.search(text, max(0, match.start() - 30),
                                                                             match.start()))):
                continue
            # (round 18: nor ten digits not dialled, no trunk 0 or +, whose NHS check digit holds: the NHS checksum
            # rule's, which a "number" nearby would otherwise let this rule outscore by Presidio's context boost)
            if _nhs_like(candidate) and not phone_named(text, match.start()):
                continue
            # (round 19: nor a parcel's, a purchase's or a bill's number, named so just before it)
            if purchase_number(text, match.start()):
                continue
            region = self._region_for(candidate.replace(",", " "))
            if region:
                result = self._get_recognizer_result(match, text, region, nlp_artifacts)
                result.entity_type = "PHONE"
                result.start, result.end = match.start(), match.end()
                results.append(result)
        return results

    @staticmethod
    def _region_for(candidate: str) -> str | None:
        digits = "".join(_DIGIT.findall(candidate))
        if len(digits) < 8 or len(digits) > 15:
            return None
        try:
            if candidate.startswith(("+", "00")):
                # (round 14) a trunk zero in brackets after any country's code is not dialled: "+964 (0) 750 ..."
                candidate = _TRUNK_ZERO.sub(" ", candidate)
                digits = "".join(_DIGIT.findall(candidate))
                number = phonenumbers.parse("+" + digits[2:] if candidate.startswith("00") else candidate, None)
                if phonenumbers.is_possible_number(number):
                    return phonenumbers.region_code_for_number(number) or "international"
                return None
            if len(digits) < 9:  # national numbers: 8 digits is more often an account number
                return None
            if digits.startswith("0") and len(digits) in (10, 11):
                if phonenumbers.is_possible_number(phonenumbers.parse(candidate, "GB")):
                    return "GB"
            for region in REGIONS[1:]:
                number = phonenumbers.parse(candidate, region)
                if phonenumbers.is_valid_number_for_region(number, region):
                    return region
            if len(digits) >= 11 and not digits.startswith("0"):
                # an international number typed without its + ("447700900123")
                number = phonenumbers.parse("+" + digits, None)
                if phonenumbers.is_valid_number(number) or (
                        digits.startswith("44") and phonenumbers.is_possible_number(number)):
                    return phonenumbers.region_code_for_number(number) or "international"
        except NumberParseException:
            return None
        return None


# round 10: a number read out in words, as people type it so that machines miss it ("zero seven seven zero zero
# nine zero zero five one two"): seven or more digit words in a row (English, with "oh" and "double")
_DIGIT_NAME = r"(?:zero|oh|one|two|three|four|five|six|seven|eight|nine)"
_DIGIT_WORD = rf"(?:{_DIGIT_NAME}|double\s+{_DIGIT_NAME}|triple\s+{_DIGIT_NAME})"
SPELLED_NUMBER = rf"(?i)(?<![\p{{L}}])(?:{_DIGIT_WORD}[\s,\-]+){{6,}}{_DIGIT_WORD}(?![\p{{L}}])"

# round 11: the digits 0-9 as words in the bot's other languages, read out the same way ("صفر سبعة سبعة صفر ...",
# "ዜሮ ሸውዓተ ሸውዓተ ዜሮ ..."): seven or more in a row, whatever languages they mix, are a number read out
DIGIT_WORDS = (
    # en
    "zero oh one two three four five six seven eight nine "
    # sq
    "zero një nje dy tre katër kater pesë pese gjashtë gjashte shtatë shtate tetë tete nëntë nente "
    # vi
    "không khong một mot hai ba bốn bon năm nam sáu sau bảy bay tám tam chín chin "
    # ro, pl
    "unu doi trei patru cinci șase şase sase șapte şapte sapte opt nouă noua "
    "jeden dwa trzy cztery pięć piec sześć szesc siedem osiem dziewięć dziewiec "
    # pt, fr, es
    "um dois três tres quatro cinco seis sete oito nove zéro un deux trois quatre cinq six sept huit neuf "
    "cero uno dos cuatro siete ocho nueve "
    # so
    "eber kow laba saddex afar shan lix toddoba todobo siddeed sagaal "
    # ar (standard and spoken spellings)
    "صفر واحد اثنين اثنان إثنين اتنين ثلاثة ثلاث تلاتة تلاته ثلاثه أربعة اربعة أربعه اربعه أربع اربع خمسة خمسه خمس "
    "ستة سته ست سبعة سبعه سبع ثمانية ثمانيه تمانية تمانيه ثمان تسعة تسعه تسع "
    # fa, prs, ps, ur, ckb
    "یک دو سه چهار پنج شش هفت هشت نه یو دوه درې دری څلور پنځه شپږ اووه اته نهه ایک تین چار پانچ چھ سات آٹھ نو "
    "سفر یەک دوو سێ چوار پێنج شەش حەوت هەشت نۆ "
    # bn, pa, hi
    "শূন্য এক দুই তিন চার পাঁচ ছয় সাত আট নয় ਸਿਫ਼ਰ ਸਿਫਰ ਜ਼ੀਰੋ ਇੱਕ ਇਕ ਦੋ ਤਿੰਨ ਚਾਰ ਪੰਜ ਛੇ ਸੱਤ ਅੱਠ ਨੌਂ ਨੌ "
    "शून्य ज़ीरो एक दो तीन चार पांच पाँच छह छः सात आठ नौ "
    # ti, am
    "ዜሮ ባዶ ሓደ ክልተ ሰለስተ ኣርባዕተ ሓሙሽተ ሽዱሽተ ሸውዓተ ሸሞንተ ትሽዓተ "
    "አንድ ሁለት ሶስት ሦስት አራት አምስት ስድስት ሰባት ስምንት ዘጠኝ"
).split()
ANY_DIGIT_WORD_FLAT = "(?:" + "|".join(sorted({regex.escape(w) for w in DIGIT_WORDS}, key=len, reverse=True)) + ")"
# (round 19: the same alternation as a tree of common beginnings, cue.prefix_tree: the same matches, the same spans,
# tried letter by letter rather than word by word at every place of an answer)
ANY_DIGIT_WORD = "(?:" + prefix_tree([list(w) for w in sorted(set(DIGIT_WORDS), key=len, reverse=True)]) + ")"
SPELLED_NUMBER_ANY = (rf"(?i)(?<![\p{{L}}\p{{M}}])(?:{ANY_DIGIT_WORD}[\s,،\-]+){{6,}}{ANY_DIGIT_WORD}"
                      r"(?![\p{L}\p{M}])")
# Chinese digits, with or without spaces ("零七七零零 九零零 三八八"); 幺 is "one" read out in numbers
_HAN_DIGIT = "[零〇一二三四五六七八九幺两]"
HAN_NUMBER = rf"(?<!{_HAN_DIGIT}){_HAN_DIGIT}(?:\s?{_HAN_DIGIT}){{7,14}}(?!{_HAN_DIGIT})"
# Ge'ez digits (፩-፱), mixed with 0 or written alone, one per digit: eight or more
GEEZ_NUMBER = r"(?<![\d፩-፼])(?=[\d\s\-]*[፩-፱])(?:[\d፩-፱][\s\-.]?){7,14}[\d፩-፱](?![\d፩-፼])"

# a UK mobile typed with the letter o for its first zero ("o7700 900732"), or for any of its zeros ("o77OO 9OO 4O4")
MOBILE_WITH_O = r"(?i)(?<![\p{L}\d])o7\d{3}[\s\-]?\d{3}[\s\-]?\d{3}(?!\d)"
MOBILE_WITH_OS = (r"(?i)(?<![\p{L}\d])[0o]7(?=(?:[\s\-]?[\do]){9}(?![\p{L}\d]))(?=[^\d]*(?:\d[^\d]*){4})"
                  r"[\do]{3}[\s\-]?[\do]{3}[\s\-]?[\do]{3}(?![\p{L}\d])")


# digit words and digits mixed in one run ("zero seven seven 00 900 123", "07700 ዘጠኝ ዜሮ ዜሮ አንድ ሁለት ሶስት"):
# a number when it holds nine digits or more, two of them words
# (round 15: or a group read as a hundred or a thousand, "07700 nine hundred 812": three or four digits in one word)
_MIXED_TOKEN = (rf"(?:(?:double|triple)\s+{ANY_DIGIT_WORD}|{ANY_DIGIT_WORD}(?:\s+(?:hundred|thousand))?"
                r"|\d{1,5})")
_MIXED_RUN = regex.compile(rf"(?i)(?<![\p{{L}}\p{{M}}\d])(?:{_MIXED_TOKEN}[\s,\-]+){{2,}}{_MIXED_TOKEN}"
                           r"(?![\p{L}\p{M}\d])")
_MIXED_WORD = regex.compile(rf"(?i)(?<![\p{{L}}\p{{M}}])(?:(double|triple)\s+)?{ANY_DIGIT_WORD}"
                            r"(?:\s+(hundred|thousand))?(?![\p{L}\p{M}])")
_SPOKEN = {"double": 2, "triple": 3, "hundred": 3, "thousand": 4}


class MixedSpelledPhoneRecognizer(LocalRecognizer):
    """A phone number read out partly in words, partly in digits."""

    name: str   # set by presidio's EntityRecognizer.__init__ (untyped there)
    SCORE = 0.85

    def __init__(self, supported_language: str = "en") -> None:
        super().__init__(supported_entities=["PHONE"], supported_language=supported_language,
                         name="MixedSpelledPhoneRecognizer")

    def load(self) -> None:
        pass

    def analyze(self, text: str, entities, nlp_artifacts=None) -> list[RecognizerResult]:
        results = []
        for run in _MIXED_RUN.finditer(text):
            words = list(_MIXED_WORD.finditer(run.group()))
            spoken = sum(_SPOKEN.get((w.group(1) or w.group(2) or "").lower(), 1) for w in words)
            digits = len(_DIGIT.findall(run.group()))
            if words and digits and (len(words) >= 2 or spoken >= 3) and spoken + digits >= 9:
                results.append(RecognizerResult(
                    "PHONE", run.start(), run.end(), self.SCORE,
                    analysis_explanation=AnalysisExplanation(self.name, self.SCORE,
                                                             textual_explanation="digits and digit words"),
                    recognition_metadata={RecognizerResult.RECOGNIZER_NAME_KEY: self.name,
                                          RecognizerResult.RECOGNIZER_IDENTIFIER_KEY: self.id}))
        return results


class SpelledPhoneRecognizer(PatternRecognizer):
    """A phone number spelled out digit by digit: seven or more digit words in a row are no ordinary English."""

    def __init__(self, supported_language: str = "en") -> None:
        super().__init__(supported_entity="PHONE", supported_language=supported_language,
                         patterns=[Pattern("phone number in words", SPELLED_NUMBER, 0.6),
                                   Pattern("UK mobile with the letter o for its 0", MOBILE_WITH_O, 0.85),
                                   Pattern("phone number in words, any language", SPELLED_NUMBER_ANY, 0.85),
                                   Pattern("phone number in Chinese digits", HAN_NUMBER, 0.6),
                                   Pattern("phone number in Ge'ez digits", GEEZ_NUMBER, 0.6),
                                   Pattern("UK mobile with letters o for its zeros", MOBILE_WITH_OS, 0.85)],
                         name="SpelledPhoneRecognizer")
