"""Round 15: a long run of digits is an identifier, whatever its shape (Philter's rule for numbers).

The shape rules (phone, NHS, BRP, NINO ...) each know one format; a fresh writer keeps finding formats none of them
knows: a foreign landline libphonenumber does not call valid, two phones joined by a slash, an account number
typed without its cue, a case number of a scheme no rule has seen. Philter (Norgeot et al., 2020, clinical notes)
redacts any number that is not a date, a time, money or a count; here the same in the narrow form that the look-
alike numbers allow: **seven digits or more** in one run (single spaces, dashes or dots between groups, or slashes
alone; up to three Latin letters before it: "T20237788"), read in the folded copy (any script's digits). Ordinary
numbers are short: a price, a count, a time, a year, a room or a bus number has at most six digits, and the longer
ones that are not identifiers are kept by the checks below:

* a date (12.03.2019, 2019-03-12, 12/03/2019), years in a row or a range (2019 2020 2021, 2019-2021, 2019/2020),
  hours (0800-1700);
* money and counts: a currency sign before it or a currency word after it ("£ 2000000", "2000000 lek"), or grouped
  in thousands ("1.500.000", "2 000 000": a phone so grouped is left to the phone rule);
* the helplines the bot itself shows (data/helplines.yml): a number the bot gave the person is no one's own;
  (round 16) and the UK ranges kept for organisations (freephone, 03, shared cost, premium rate), when not typed
  as another country's personal number (phone.is_public_number).

It scores below every shape rule (0.55), so where one of them knows the number its type wins; otherwise the number
is typed PHONE when it is dialled as one (a + or a trunk 0 first, 9 to 15 digits) and REFERENCE when not.
"""

from __future__ import annotations

import functools

import regex
from presidio_analyzer import AnalysisExplanation, LocalRecognizer, RecognizerResult

from .cue import CueValueRecognizer
from .documents import is_date
from .phone import HELPLINE_WORD, PHONE_WORD, is_public_number, purchase_number

_RUN = regex.compile(
    # (round 18: a Han character may touch it on either side, as Chinese has no spaces: "拨打了0800 0121 700找")
    r"(?<!(?!\p{Han})[\p{L}\p{M}\d_+£$€¥₹₦₺₽@.])(?:[A-Za-z]{1,3}[\-]?)?"
    # (round 16: or groups joined by slashes alone, as a police force numbers a crime, "1234/56/2023"; never a
    # group of a spaced run, so two phones joined by a slash stay two, and a date is kept below)
    r"((?<!\d[ \-.])\d{1,8}(?:/\d{1,8}){1,3}(?![ \-.]?\d)|\+?\d(?:(?:[ \-.]|(?<=\d) - )?\d){6,})"
    r"(?![\d/]|[.,]\d|(?:(?!\p{Han})\p{L}){2})")
_DIGIT = regex.compile(r"\d")
_YEAR = r"(?:19|20)\d\d"
_YEARS = regex.compile(rf"{_YEAR}(?:\s?[\-/ ]\s?{_YEAR})+")
_HOUR = r"(?:[01]\d|2[0-3])[0-5]\d"
_HOURS = regex.compile(rf"{_HOUR}\s?-\s?{_HOUR}")
# an amount or a count grouped in thousands ("1.500.000", "2 000 000"): a phone number grouped the same way is
# left to the phone rule, which knows the countries' numbering; a number dialled from 0 or + is never a count
_THOUSANDS = regex.compile(r"[1-9]\d{0,2}(?:([ .])\d{3})(?:\1\d{3})+")
_CURRENCY_BEFORE = regex.compile(r"(?:[£$€¥₹₦₺₽]|\b(?:GBP|EUR|USD|PLN|RON|ALL|VND|NGN|INR|PKR|Rs\.?|Tk)|元)\s?$",
                                 regex.IGNORECASE)
# currency words of the bot's languages, after the amount ("1 500 000 lek", "2000000 dong", "٢٠٠٠٠٠٠ دينار")
_CURRENCY_AFTER = regex.compile(
    r"^\s?(?:pounds?|quid|gbp|euros?|eur|€|£|\$|dollars?|usd|lek[eë]?|lei|ron|z[łl]oty|z[łl]otych|z[łl]|pln|"
    r"dong|đồng|vnd|naira|birr|nakfa|rupees?|rs|taka|afghanis?|afs|tomans?|toman|rials?|riyals?|dinars?|lira|"
    r"tl|yuan|rmb|shillings?|cedis?|reais|real|k\b|m\b|million|thousand|"
    r"تومان|ریال|افغانی|روپے|دينار|دولار|جنيه|ليرة|ريال|টাকা|ਰੁਪਏ|रुपये|ብር|ናቕፋ|元|块|塊|万|萬)",
    regex.IGNORECASE)


@functools.lru_cache(maxsize=1)
def all_helpline_digits() -> frozenset[str]:
    """The digits of every number the bot shows people (data/helplines.yml), short ones too (116 123)."""
    from bot.paths import HELPLINES_FILE, load_yaml

    try:
        raw = load_yaml(HELPLINES_FILE) or {}
    except OSError:   # pragma: no cover - a deployment without the data folder keeps nothing back
        return frozenset()
    numbers = ("".join(_DIGIT.findall(str(entry.get("number", "")))) for entry in raw.values()
               if isinstance(entry, dict))
    return frozenset(n for n in numbers if n)


def helpline_digits() -> frozenset[str]:
    """The digits of every number the bot shows people (data/helplines.yml), each at least seven long."""
    return frozenset(n for n in all_helpline_digits() if len(n) >= 7)


def ordinary(text: str, start: int, end: int) -> bool:
    """A run of digits that is a date, years, hours, money or a helpline the bot shows: no one's identifier."""
    run = text[start:end]
    if is_date(run) or _YEARS.fullmatch(run) or _HOURS.fullmatch(run) or _THOUSANDS.fullmatch(run):
        return True
    if _CURRENCY_BEFORE.search(text, max(0, start - 5), start) or _CURRENCY_AFTER.match(text[end:end + 12]):
        return True
    # (round 19: a parcel's, a purchase's or a bill's number, named so just before it: "tracking JD0146...")
    if purchase_number(text, start):
        return True
    return is_public_number(run, named=bool(HELPLINE_WORD.search(text, max(0, start - 30), start)))


class DigitRunRecognizer(LocalRecognizer):
    """Seven digits or more in one run, not a date, years, hours, money or a helpline (module docstring)."""

    name: str   # set by presidio's EntityRecognizer.__init__ (untyped there)
    SCORE = 0.55

    def __init__(self, supported_language: str = "en") -> None:
        super().__init__(supported_entities=["PHONE", "REFERENCE"], supported_language=supported_language,
                         name="DigitRunRecognizer")

    def load(self) -> None:
        pass

    def analyze(self, text: str, entities, nlp_artifacts=None) -> list[RecognizerResult]:
        results = []
        for match in _RUN.finditer(text):
            start, end = match.span(1)
            digits = len(_DIGIT.findall(match.group(1)))
            if digits < 7 or ordinary(text, start, end):
                continue
            dialled = match.group(1).startswith(("+", "0")) and 9 <= digits <= 15 and match.start() == start
            # (a number said to be a phone's is one: "my old number in Asmara 7123456")
            # (never groups joined by slashes: no one dials those)
            called = (match.start() == start and digits <= 15 and "/" not in match.group(1)
                      and PHONE_WORD.search(text, max(0, start - 30), start))
            entity = "PHONE" if dialled or called else "REFERENCE"
            results.append(RecognizerResult(
                entity, match.start(), end, self.SCORE,
                analysis_explanation=AnalysisExplanation(self.name, self.SCORE,
                                                         textual_explanation="seven digits or more in a run"),
                recognition_metadata={RecognizerResult.RECOGNIZER_NAME_KEY: self.name,
                                      RecognizerResult.RECOGNIZER_IDENTIFIER_KEY: self.id}))
        return results


class ShortPhoneCueRecognizer(CueValueRecognizer):
    """Round 16: a phone number of five or six digits right after a word for a phone ("my mobile is 12 34 56",
    "ቁጽሪ 123456"): a local number abroad, shorter than the digit-run rule's seven. Only right after
    the word, over the fillers every cue rule allows ("is", "my", "number", ":"): "my phone bill was 150000" has a
    word between and is kept; nor a date, money, hours or a helpline (``ordinary``). It scores below the other cue
    rules, so a case's or an account's number keeps its own type ("case number 123456")."""

    ENTITY = "PHONE"
    SCORE = 0.5
    # five or six digits in one run, in pairs, or in threes
    VALUES = (r"\d{5,6}", r"\d{2}[ \-]\d{2}[ \-]\d{2}", r"\d{3}[ \-]\d{3}", r"\d{3}[ \-]\d{2}", r"\d{2}[ \-]\d{3}")

    def __init__(self, supported_language: str = "en") -> None:
        super().__init__(supported_language=supported_language)
        self._cue_re = PHONE_WORD
        # the value is the whole number: never the first groups of a longer one, nor touching a letter
        self._value_re = regex.compile(r"(?:" + "|".join(self.VALUES) + r")(?![\d\p{L}]|[ \-.,/:]\d)")

    def analyze(self, text: str, entities, nlp_artifacts=None) -> list[RecognizerResult]:
        return [r for r in super().analyze(text, entities, nlp_artifacts)
                if not ordinary(text, r.start, r.end)
                and "".join(_DIGIT.findall(text[r.start:r.end])) not in all_helpline_digits()]

    def _loose(self, text: str, start: int) -> tuple[int, int] | None:
        return None
