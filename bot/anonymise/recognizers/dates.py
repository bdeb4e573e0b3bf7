"""Dates of birth: a date after a birth cue. Other dates ("I arrived on 12/03/2019") stay."""

from __future__ import annotations

import unicodedata

import regex
from presidio_analyzer import RecognizerResult

from .cue import CueValueRecognizer, compiled_once, cue_alternation_once, prefix_tree
from .documents import PassportRecognizer

MONTHS = (
    # en
    "january february march april may june july august september october november december "
    "jan feb mar apr jun jul aug sep sept oct nov dec "
    # fr
    "janvier février fevrier mars avril mai juin juillet août aout septembre octobre "
    "novembre décembre decembre "
    # es / pt
    "enero febrero marzo abril mayo junio julio agosto septiembre setiembre octubre "
    "noviembre diciembre janeiro fevereiro março marco maio junho julho setembro outubro "
    "novembro dezembro "
    # pl (genitive and nominative)
    "stycznia lutego marca kwietnia maja czerwca lipca sierpnia września wrzesnia "
    "października pazdziernika listopada grudnia styczeń luty marzec kwiecień maj czerwiec "
    "lipiec sierpień wrzesień październik listopad grudzień "
    # ro
    "ianuarie februarie martie aprilie mai iunie iulie august septembrie octombrie "
    "noiembrie decembrie "
    # sq
    "janar shkurt mars prill maj qershor korrik gusht shtator tetor nëntor nentor dhjetor "
    # so
    "janaayo febraayo maarso abriil maajo juun luuliyo ogosto sebtembar oktoobar nofembar desembar "
    # round 11: the Ethiopian calendar's months (am, ti), as a date of birth is given in it
    "መስከረም ጥቅምት ጥቅምቲ ኅዳር ሕዳር ህዳር ታኅሣሥ ታህሳስ ታሕሳስ ጥር ጥሪ የካቲት ለካቲት መጋቢት ሚያዝያ ሚያዚያ ግንቦት ሰኔ ሰነ "
    "ሐምሌ ሓምለ ነሐሴ ነሓሰ ጳጉሜ ጳጉሜን "
    # ar (Egyptian/Gulf and Levantine names), fa (Solar Hijri and Gregorian), prs/ps (Afghan solar months), ur
    "يناير فبراير مارس أبريل ابريل مايو يونيو يوليو أغسطس اغسطس سبتمبر أكتوبر اكتوبر نوفمبر ديسمبر "
    "شباط آذار اذار نيسان أيار ايار حزيران تموز آب أيلول ايلول "
    "فروردین اردیبهشت خرداد تیر مرداد شهریور مهر آبان آذر دی بهمن اسفند "
    "ژانویه فوریه آوریل مه ژوئن ژوئیه اوت سپتامبر اکتبر نوامبر دسامبر "
    "حمل ثور جوزا سرطان اسد سنبله میزان عقرب قوس جدی دلو حوت "
    "جنوری فروری مارچ اپریل مئی جون جولائی اگست ستمبر اکتوبر نومبر دسمبر "
    # bn, pa
    "জানুয়ারি ফেব্রুয়ারি মার্চ এপ্রিল মে জুন জুলাই আগস্ট সেপ্টেম্বর অক্টোবর নভেম্বর ডিসেম্বর "
    "ਜਨਵਰੀ ਫਰਵਰੀ ਮਾਰਚ ਅਪ੍ਰੈਲ ਮਈ ਜੂਨ ਜੁਲਾਈ ਅਗਸਤ ਸਤੰਬਰ ਅਕਤੂਬਰ ਨਵੰਬਰ ਦਸੰਬਰ "
    # round 15: the months of the languages round 13 gave birth cues (CLDR's names, and the genitive a date uses
    # where the language has one): hi; de, nl, it; ru, uk, bg; cs, sk; hu, tr, lt, lv
    "जनवरी फ़रवरी फरवरी मार्च अप्रैल मई जून जुलाई अगस्त सितंबर सितम्बर अक्टूबर अक्तूबर नवंबर नवम्बर दिसंबर दिसम्बर "
    "januar februar märz maerz mai juni juli oktober dezember jänner "
    "januari februari maart mei augustus "
    "gennaio febbraio aprile maggio giugno luglio settembre ottobre dicembre "
    "января февраля марта апреля мая июня июля августа сентября октября ноября декабря "
    "январь февраль март апрель май июнь июль август сентябрь октябрь ноябрь декабрь "
    "січня лютого березня квітня травня червня липня серпня вересня жовтня листопада грудня "
    "січень лютий березень квітень травень червень липень серпень вересень жовтень листопад грудень "
    "януари февруари април юни юли септември октомври ноември декември "
    "ledna února unora března brezna dubna května kvetna června cervna července cervence srpna září zari "
    "října rijna listopadu prosince "
    "januára februára marca apríla mája júna júla augusta septembra októbra novembra decembra "
    "január február március április május június július augusztus szeptember október "
    "ocak şubat subat mart nisan mayıs mayis haziran temmuz ağustos agustos eylül eylul ekim kasım kasim aralık aralik "
    "sausio vasario kovo balandžio gegužės birželio liepos rugpjūčio rugsėjo spalio lapkričio gruodžio "
    "janvāris februāris marts aprīlis maijs jūnijs jūlijs augusts septembris oktobris novembris decembris "
    # round 19: the months of Nepal's Bikram Sambat calendar, in which a Nepali gives a date of birth (spoken and
    # formal names: Baisakh ... Chait)
    "बैशाख वैशाख वैसाख जेठ जेष्ठ असार आषाढ साउन श्रावण भदौ भाद्र असोज आश्विन कात्तिक कार्तिक मंसिर मङ्सिर मार्गशीर्ष "
    "पुस पौष माघ फागुन फाल्गुन चैत चैत्र"
).split()
# (round 18: the longest first as before, written as a tree of their common beginnings, cue.prefix_tree: the same
# matches, while the engine tries one branch per letter instead of 429 names at every place a date could start)
_MONTH = "(?:" + prefix_tree([list(m) for m in sorted(set(MONTHS), key=len, reverse=True)]) + r")\.?"
_ORD = r"(?:st|nd|rd|th|er|º|°|\.)?"

# round 14: a date's separators typed with spaces round them ("07 / 10 / 1986", "۱۲ /۰۳/ ۲۰۰۵"), or as a bar or an
# underscore ("12|03|1990", "12_03_1990")
_SEP = r"\s?[/.\-|_]\s?"
DATE_PATTERNS = (
    rf"\d{{1,2}}{_SEP}\d{{1,2}}{_SEP}(?:\d{{4}}|\d{{2}})",             # 12/03/1990, 12.03.90
    r"\d{1,2}\s\d{1,2}\s\d{4}",                                      # 12 03 1990 (round 10; after a cue only)
    # 1990-03-12 (round 14: with a time after it, as a form exports it: 1990-03-12T00:00)
    rf"\d{{4}}{_SEP}\d{{1,2}}{_SEP}\d{{1,2}}(?:T\d{{1,2}}:\d{{2}}(?::\d{{2}})?)?",
    # round 14: a month's name between dashes, dots or slashes, or run together ("12-Mar-1990", "12march1990")
    rf"\d{{1,2}}{_ORD}[\-/.]?{_MONTH}[\-/.,]?\s?(?:\d{{4}}|'?\d{{2}})",
    # 12 March 1990, 3rd march 90
    rf"\d{{1,2}}{_ORD}\s+(?:of\s+|de\s+)?{_MONTH},?\s+(?:de\s+|del\s+)?(?:\d{{4}}|'?\d{{2}})",
    rf"{_MONTH}\s+\d{{1,2}}{_ORD},?\s+(?:\d{{4}}|'?\d{{2}})",           # March 12, 1990
    r"(?:ngày\s+)?\d{1,2}\s+tháng\s+\d{1,2},?\s+năm\s+\d{4}",     # ngày 12 tháng 3 năm 1990
    r"\d{4}年\d{1,2}月\d{1,2}日",                                   # 1990年3月12日
    # round 15: the year first, then the month's name and the day, as Hungarian, Lithuanian and Latvian write a
    # date ("1990. március 12.", "1990 m. kovo 12 d.", "1990. gada 12. marts" is day-month already)
    # (round 19: or Nepali, "२०५२ साल साउन ५ गते": the year (साल), the month, the day (गते))
    rf"\d{{4}}\.?\s+(?:m\.\s+|साल\s+)?{_MONTH}\s+\d{{1,2}}\.?(?:\s?d\.|\s?गते)?",
    # round 19: the month's name, "the", then the day ("August the 19th, 1998"), and the day and the month both as
    # ordinals ("the 4th of the 8th 1993")
    rf"{_MONTH}\s+the\s+\d{{1,2}}{_ORD},?\s+(?:\d{{4}}|'?\d{{2}})",
    r"\d{1,2}(?:st|nd|rd|th)\s+of\s+the\s+\d{1,2}(?:st|nd|rd|th),?\s+(?:\d{4}|'?\d{2})",
)
# round 11: a day and a month without the year, right after a birth cue only ("birthday 12 march")
DAY_MONTH = (rf"\d{{1,2}}{_ORD}\s+(?:of\s+|de\s+)?{_MONTH}", rf"{_MONTH}\s+\d{{1,2}}{_ORD}")
# round 14: after a birth cue only, a month and its year ("born in march 1994", "DOB: Sept 1990"), and a date run
# together as eight or six digits ("dob 12031990", "19900312", "120390": checked to be a date)
MONTH_YEAR = rf"{_MONTH},?\s+(?:of\s+)?\d{{4}}"
# round 14: a day and a year in Ge'ez numerals, which are no decimal digits (፲፭ is 15, ፲፱፻፺ is 1990), round an
# Ethiopian month ("ዕለተ ልደተይ ፲፭ ሚያዝያ ፲፱፻፺ እዩ")
_GEEZ = r"[፩-፼]{1,6}"
GEEZ_DATE = rf"{_GEEZ}\s+{_MONTH}\s+{_GEEZ}"
# round 19: or the month first, then the day and "day" (ቀን), then the year and the era's abbreviation (ዓ.ም., "year of
# mercy", the Ethiopian calendar's): "ጥቅምት ፭ ቀን ፲፱፻፹፭ ዓ.ም"
GEEZ_MONTH_FIRST = rf"{_MONTH}\s+{_GEEZ}\s+(?:ቀን\s+)?{_GEEZ}(?:\s?ዓ\.?\s?ም\.?)?"
# round 19: an English date said in words ("twenty second of november two thousand one", "the first of May nineteen
# ninety"): an ordinal day, the month, the year as it is read out
_UNITS = "one|two|three|four|five|six|seven|eight|nine"
_TEENS = "ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen"
_TENS = "twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
_ORDINAL_UNITS = "first|second|third|fourth|fifth|sixth|seventh|eighth|ninth"
_ORDINAL_WORD = (rf"(?:(?:twenty|thirty)[\s\-]?(?:{_ORDINAL_UNITS})|{_ORDINAL_UNITS}|tenth|eleventh|twelfth|"
                 r"thirteenth|fourteenth|fifteenth|sixteenth|seventeenth|eighteenth|nineteenth|twentieth|thirtieth)")
_YEAR_WORDS = (rf"(?:nineteen\s+(?:(?:{_TENS})(?:[\s\-]?(?:{_UNITS}))?|{_TEENS}|o\s+(?:{_UNITS})|hundred)"
               rf"|two\s+thousand(?:\s+and)?(?:\s+(?:(?:{_TENS})(?:[\s\-]?(?:{_UNITS}))?|{_TEENS}|{_UNITS}))?"
               rf"|twenty\s+(?:{_TEENS}|(?:{_TENS})(?:[\s\-]?(?:{_UNITS}))?|o\s+(?:{_UNITS}))"
               rf"|(?:(?:{_TENS})(?:[\s\-]?(?:{_UNITS}))?))")
WORD_DATE = (rf"(?:the\s+)?{_ORDINAL_WORD}\s+(?:of\s+)?{_MONTH},?\s+(?:of\s+)?{_YEAR_WORDS}(?![\s\-]?\p{{L}})"
             rf"|{_MONTH}\s+(?:the\s+)?{_ORDINAL_WORD},?\s+{_YEAR_WORDS}(?![\s\-]?\p{{L}})")
COMPACT = r"\d{8}|\d{6}"
# round 16: a date written in Chinese numerals after its cue ("出生日期：一九九零年三月五日"): the year digit by digit,
# the month and the day as numbers (十二 twelve, 二十五 twenty-five)
_HAN_D = "[一二三四五六七八九]"
HAN_DATE = (rf"[〇零一二三四五六七八九]{{4}}年(?:十[一二]?|{_HAN_D})月"
            rf"(?:(?:三十[一]?|二十{_HAN_D}?|十{_HAN_D}?|{_HAN_D})[日号號])?")
NUMERIC_MONTH_YEAR = r"(?:0?[1-9]|1[0-2])\s?[/.\-]\s?(?:19|20)\d{2}"
SPACED_SHORT = r"\d{1,2}\s\d{1,2}\s\d{2}"
_COMPACT = regex.compile(COMPACT)
# a birth cue after its date, in the languages that put the verb last ("ኣብ 12/03/1990 ተወሊደ", "میں 12/03/1990 کو
# پیدا ہوا", "১২/০৩/১৯৯০ সালে জন্মেছি", "1990年3月12日出生", "12/3/1990 ayaan dhashay")
AFTER_CUES = (
    "ተወሊደ", "ተወሊዳ", "ተወለድኩ", "ዝተወለድኩ", "出生", "生的", "پیدا ہوا", "پیدا ہوئی", "پیدا شدم",
    "به دنیا آمدم", "زیږیدلی", "زېږېدلی", "زیږېدلې", "জন্মেছি", "জন্মগ্রহণ", "ਜਨਮਿਆ", "ਜੰਮਿਆ", "ਜਨਮ ਹੋਇਆ", "dhashay",
    "ولدت", "لەدایک بووم", "لەدایکبووم", "u linda", "kam lindur", "m-am născut", "urodziłem się", "urodziłam się",
    "sinh ra", "je suis né", "je suis née", "nací", "nasci",
    # round 19: Cantonese "was born" (出世), after the date as Chinese puts it ("一九九二年五月三號出世")
    "出世",
)
AFTER_GAP = 12
# (a date may touch Han characters or a Ge'ez preposition: "1990年3月12日出生", "በ12/03/1990 ተወለድኩ")
_FULL_DATE = regex.compile(
    r"(?<![\p{Latin}\d_])(?:" + "|".join(f"(?:{p})" for p in DATE_PATTERNS) + r")(?![\p{Latin}\d_])", regex.IGNORECASE)
_GEEZ_SCRIPT = regex.compile(r"\p{Ethiopic}")
# (round 19: a date in Chinese numerals with its day, before a cue that follows it: "一九九二年五月三號出世")
_HAN_FULL_DATE = regex.compile(rf"[〇零一二三四五六七八九]{{4}}年(?:十[一二]?|{_HAN_D})月"
                               rf"(?:三十[一]?|二十{_HAN_D}?|十{_HAN_D}?|{_HAN_D})[日号號]")
_YEAR_IN = regex.compile(r"(?<!\d)\d{4}(?!\d)")


def year_of(value: str) -> int | None:
    """The Gregorian year a date or a year names (a Solar Hijri year, 13xx or 14xx, as about 621 years on)."""
    found = _YEAR_IN.search(value)
    if not found:
        return None
    year = int("".join(str(unicodedata.digit(c)) for c in found.group()))
    if 1300 <= year <= 1450:
        return year + 621
    return year if 1900 <= year <= 2100 else None


def compact_date(value: str) -> bool:
    """Eight digits as DDMMYYYY or YYYYMMDD, six as DDMMYY, that make a date of a plausible birth year."""
    def ok(day: str, month: str, year: str) -> bool:
        return 1 <= int(day) <= 31 and 1 <= int(month) <= 12 and (len(year) == 2 or 1900 <= int(year) <= 2030)
    if len(value) == 8:
        return ok(value[:2], value[2:4], value[4:]) or ok(value[6:], value[4:6], value[:4])
    return ok(value[:2], value[2:4], value[4:])


class DateOfBirthRecognizer(CueValueRecognizer):
    ENTITY = "DATE_OF_BIRTH"
    CUES = (
        "born", "born on", "i was born", "born in", "i was born in", "date of birth", "DOB", "D.O.B", "D.O.B.",
        "birthday", "birth date", "birthdate", "b.",
        "datëlindja", "datelindja", "datëlindje", "data e lindjes", "data e lindjës", "ditëlindja", "lindur",
        "u linda", "kam lindur",
        "ngày sinh", "sinh ngày", "sinh năm", "tôi sinh", "تاريخ الميلاد", "تاريخ ميلادي",
        "مواليد", "ولدت", "ولدت في", "data urodzenia", "urodziłem się", "urodziłam się",
        "urodzony", "urodzona", "ur.", "data nașterii", "data nasterii", "născut", "născută",
        "nascut", "nascuta", "m-am născut", "né le", "née le", "né", "née",
        "date de naissance", "je suis né", "je suis née", "nací el", "naci el", "nací",
        "fecha de nacimiento", "nacido", "nacida", "nasci em", "nasci", "data de nascimento",
        "nascido", "nascida", "taariikhda dhalashada", "waxaan dhashay", "dhashay",
        "تاریخ تولد", "متولد", "تاریخ پیدائش", "پیدائش", "জন্ম তারিখ", "জন্ম", "出生日期",
        "生日", "出生于", "ਜਨਮ ਤਾਰੀਖ", "የትውልድ ቀን", "ዕለተ ልደት",
        # round 11: birth in the words of ps (زېږون), ckb (لەدایکبوون), ti/am (ልደት, ተወለድኩ), bn, pa, hi, fa, ar
        "زېږون", "زیږون", "د زېږون نېټه", "د زیږون نیټه", "زېږېدنې", "زیږیدنې", "لەدایکبوون", "ڕۆژی لەدایکبوون",
        "بەرواری لەدایکبوون", "لەدایک بوون", "ዕለት ልደት", "ልደተይ", "ልደቴ", "ዝተወለድኩሉ", "ተወሊደ", "ዝተወለድኩ",
        "የተወለድኩት", "ተወለድኩ", "የትውልድ ዘመን", "জন্মদিন", "জন্ম তারিখ", "ਜਨਮ ਮਿਤੀ", "ਜਨਮ", "जन्म तिथि",
        "जन्मतिथि", "जन्म", "تولد", "زادروز", "به دنیا آمدم", "ميلادي", "تاريخ ولادتي", "ولادتي", "تاریخ ولادت",
        "پیدا ہوا", "پیدا ہوئی", "dhalashada", "dhalasho", "出生", "生于", "d.o.b", "date of birth:",
        # round 13: Amharic "birth day" (የልደት ቀን), Pashto زیږیدو (of being born); "date of birth" in more of
        # the languages of Europe (lt, lv, de, nl, it, ru/uk/bg, cs/sk, hu, tr)
        "የልደት ቀን", "የልደት ቀኔ", "ልደት ቀን", "د زیږیدو نیټه", "د زېږېدو نېټه", "زیږیدو", "زېږېدو",
        "gimimo data", "gimimo datа", "gimiau", "gimęs", "gimusi", "dzimšanas datums", "dzimis", "dzimusi",
        "Geburtsdatum", "geboren am", "geboortedatum", "geboren op", "data di nascita", "nato il", "nata il",
        "дата рождения", "дата народження", "дата на раждане", "родился", "родилась", "народився", "народилася",
        "datum narození", "dátum narodenia", "narozen", "narodený", "születési dátum", "született",
        "doğum tarihi", "doğum tarihim",
        # round 14: Vietnamese typed without its accents, as the cues of ro/pl/sq already are ("ngay sinh cua toi
        # 03/11/1998")
        "ngay sinh", "sinh ngay", "sinh nam", "toi sinh", "em sinh", "sinh ra", "ngay thang nam sinh",
        # round 15: "birthday" as people shorten or mistype it (bday, b-day, date of brith), and being born in the
        # languages round 13 gave a "date of birth" only (de, nl, it, bg, ru, tr, hu, cs, hi)
        "bday", "b-day", "b'day", "birth day", "date of brith", "date of bith", "date off birth", "dat of birth",
        "born at", "geboren", "nato", "nata", "sono nato", "sono nata", "роден", "родена", "день рождения",
        "рождения", "народження", "doğdum", "doğum günü", "doğum günüm", "születtem", "narodil jsem se",
        "narodila jsem se", "narodil", "narodila", "पैदा हुआ", "पैदा हुई", "जन्मदिन",
        # round 16: Lithuanian forms' abbreviation of "gimimo data" (gim. data, gim. 1988-11-02)
        "gim. data", "gim.",
        # round 19: Arabic "I was born" written with its vowel marks (the passive's damma, وُلدت, وُلِدت), Tigrinya
        # "my birth" (ልደተይ) in Latin letters, and the Russian spelling of Bulgarian's "born" (рождена съм), as a
        # Bulgarian on a Russian keyboard types it
        "وُلدت", "وُلِدت", "وُلِدْتُ", "وُلدتُ", "ldetey", "lidetey", "ldet", "lidet", "рождена", "рожден", "рождён",
        "рождена съм", "рожден съм",
        # round 20: Cantonese "born" (出世, Mandarin's 出生) before its date too, with its birth certificate (出世紙,
        # Mandarin 出生证) whose date is the birth's ("我嘅出世紙日期係 1995年7月8日"); and birth in the languages
        # round 19 told apart with no word list: Hausa haihuwa ("ranar haihuwata", the day of my birth), Swahili
        # kuzaliwa (tarehe ya kuzaliwa, nilizaliwa), Yoruba ọjọ́ ìbí, Igbo ọmụmụ (a mụrụ m), Twi awoda, Kurmanji
        # jidayikbûn, Wolof juddu, Lingala mbotama, Oromo dhaloota
        "出世", "出世日期", "出世紙", "出世纸", "出世紙日期", "出世年月日", "出生证", "出生證", "出生纸", "出生紙",
        "haihuwa", "ranar haihuwa", "ranar haihuwata", "an haife ni", "kuzaliwa", "tarehe ya kuzaliwa", "nilizaliwa",
        "ọjọ́ ìbí", "ọjọ ibi", "ojo ibi", "ọjọ́ ìbí mi", "a bí mi", "wọ́n bí mi", "won bi mi", "ọmụmụ", "ụbọchị ọmụmụ",
        "ubochi omumu", "a mụrụ m", "a muru m", "awoda", "wɔwoo me", "jidayikbûn", "jidayikbûnê", "jidayikbun",
        "roja jidayikbûnê", "bésu juddu", "besu juddu", "juddu", "mbotama", "mokolo ya mbotama", "nabotamaki",
        "dhaloota", "guyyaa dhalootaa", "dhaladhe",
    )
    # (round 15: after the cue only, a month and year in digits, "dob 03/1990", and day, month and a two-digit year
    # spaced, "born 12 3 90": each checked to be in range)
    VALUES = (*DATE_PATTERNS, WORD_DATE, *DAY_MONTH, MONTH_YEAR, COMPACT, GEEZ_DATE, GEEZ_MONTH_FIRST,
              NUMERIC_MONTH_YEAR, SPACED_SHORT, HAN_DATE)
    SCORE = 0.9
    # a second date of the same birth a few years either side ("date of birth 14/03/1996 but the papers say
    # 1/1/1996"): the papers' date is the same person's date of birth, an arrival date is years later
    SECOND_DATE_YEARS = 3

    def __init__(self, supported_language: str = "en") -> None:
        super().__init__(supported_language=supported_language)
        # a year alone a few words after its cue only when a document is named between ("تاریخ تولدم در تذکره ۱۳۷۸")
        self._document_re = regex.compile(
            r"(?:" + "|".join(regex.escape(c) for c in sorted(PassportRecognizer.CUES, key=len, reverse=True))
            + r"|papers|documents|اوراق|مدارک|کاغذ)", regex.IGNORECASE)
        self._after_re = compiled_once(cue_alternation_once(tuple(AFTER_CUES)), regex.IGNORECASE)

    def validate_value(self, value: str) -> bool:
        if _COMPACT.fullmatch(value):
            return compact_date(value)
        if regex.fullmatch(SPACED_SHORT, value):
            day, month, _year = (int(p) for p in value.split())
            return 1 <= day <= 31 and 1 <= month <= 12
        return True

    # round 20: a year or a date right before a verb-final birth cue ("我1990年出生", "1990 ተወሊደ"): the cue is that
    # date's verb, and a date a clause after it is another event's ("我1990年出生，2015年3月12日来英国")
    _DATED_BEFORE = regex.compile(r"[\d〇零一二三四五六七八九十][年月日号號]?\s?$")

    def cue_applies(self, text: str, start: int, end: int) -> bool:
        cue = text[start:end]
        return not (cue in AFTER_CUES and self._DATED_BEFORE.search(text, max(0, start - 8), start))

    def distinctive(self, value: str) -> bool:
        # a full date a few words after its cue ("የትውልድ ቀን በ ኢትዮጵያ አቆጣጠር 12 ጥቅምት 1982")
        return bool(_FULL_DATE.fullmatch(value))

    def analyze(self, text: str, entities: list[str], nlp_artifacts=None) -> list[RecognizerResult]:
        results = super().analyze(text, entities, nlp_artifacts)
        for cue in self._cue_re.finditer(text):
            window = text[cue.end():cue.end() + self.LOOSE_GAP + 10]
            year = _YEAR_IN.search(window)
            if (year and year.start() <= self.LOOSE_GAP and self._document_re.search(window[:year.start()])
                    and not regex.search(r"\d|\n|[.!?。؟።](?:\s|$)", window[:year.start()])
                    and year_of(year.group()) is not None):
                results.append(self._result(cue.end() + year.start(), cue.end() + year.end()))
        for date in [*_FULL_DATE.finditer(text), *_HAN_FULL_DATE.finditer(text)]:
            after = text[date.end():date.end() + AFTER_GAP + 20]
            cue = self._after_re.search(after)
            if (cue and cue.start() <= AFTER_GAP and not regex.search(r"\d|\n|[.!?。؟።](?:\s|$)", after[:cue.start()])
                    and not any(r.start < date.end() and date.start() < r.end for r in results)):
                results.append(self._result(date.start(), date.end()))
        years = {y for r in results if (y := year_of(text[r.start:r.end])) is not None}
        if years:
            first = min(r.start for r in results)
            ethiopic = bool(_GEEZ_SCRIPT.search(text))
            for date in _FULL_DATE.finditer(text, first):
                if any(r.start < date.end() and date.start() < r.end for r in results):
                    continue
                year = year_of(date.group())
                # (round 18: or the same birth in the Ethiopian calendar, seven or eight years behind the Gregorian,
                # in an answer written in Ge'ez script: "የትውልድ ቀን 15/08/1988 (በኢትዮጵያ አቆጣጠር 09/12/1980)")
                if year is not None and (any(abs(year - y) <= self.SECOND_DATE_YEARS for y in years)
                                         or (ethiopic and any(7 <= y - year <= 8 for y in years))):
                    results.append(self._result(date.start(), date.end()))
        return results
