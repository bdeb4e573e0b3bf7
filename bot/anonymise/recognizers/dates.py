"""Dates of birth: a date after a birth cue. Other dates ("I arrived on 12/03/2019") stay."""

from __future__ import annotations

from .cue import CueValueRecognizer

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
    "janar shkurt mars prill maj qershor korrik gusht shtator tetor nëntor nentor dhjetor"
).split()
_MONTH = "(?:" + "|".join(sorted(set(MONTHS), key=len, reverse=True)) + r")\.?"
_ORD = r"(?:st|nd|rd|th|er|º|°|\.)?"

DATE_PATTERNS = (
    r"\d{1,2}[/.\-]\d{1,2}[/.\-](?:\d{4}|\d{2})",                 # 12/03/1990, 12.03.90
    r"\d{1,2}\s\d{1,2}\s\d{4}",                                      # 12 03 1990 (round 10; after a cue only)
    r"\d{4}[/.\-]\d{1,2}[/.\-]\d{1,2}",                            # 1990-03-12
    rf"\d{{1,2}}{_ORD}\s+(?:of\s+|de\s+)?{_MONTH},?\s+(?:de\s+|del\s+)?\d{{4}}",  # 12 March 1990
    rf"{_MONTH}\s+\d{{1,2}}{_ORD},?\s+\d{{4}}",                    # March 12, 1990
    r"(?:ngày\s+)?\d{1,2}\s+tháng\s+\d{1,2},?\s+năm\s+\d{4}",     # ngày 12 tháng 3 năm 1990
    r"\d{4}年\d{1,2}月\d{1,2}日",                                   # 1990年3月12日
)


class DateOfBirthRecognizer(CueValueRecognizer):
    ENTITY = "DATE_OF_BIRTH"
    CUES = (
        "born", "born on", "i was born", "date of birth", "DOB", "D.O.B", "D.O.B.",
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
    )
    VALUES = DATE_PATTERNS
    SCORE = 0.9
