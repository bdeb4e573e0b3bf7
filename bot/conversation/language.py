"""Which language a text is in: langdetect suggests, script rules fill its gaps.

langdetect has no profiles for Tigrinya, Amharic, Pashto, Dari or Kurdish
Sorani (on Ethiopic script it raises "No features in text", Pashto comes back
as Persian and Sorani as Urdu), so those are told apart by script, by the
letters only they use, and by short lists of very common words. Short replies
are not trusted at all (langdetect calls "yes" Turkish and "ok" Slovak).
The bot only ever *suggests*: the person confirms before anything changes.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from langdetect import DetectorFactory, detect_langs
from langdetect.lang_detect_exception import LangDetectException

DetectorFactory.seed = 0  # the same text always gives the same answer

MIN_LETTERS = 12  # fewer letters than this: not trusted
MIN_WORDS = 3  # for scripts with spaces between words
MIN_CONFIDENCE = 0.70

# langdetect's codes -> ours (only languages the bot speaks)
LANGDETECT_TO_OURS = {
    "en": "en", "sq": "sq", "vi": "vi", "ar": "ar", "so": "so", "ro": "ro", "pl": "pl", "fa": "fa",
    "ur": "ur", "bn": "bn", "zh-cn": "zh", "zh-tw": "zh", "pa": "pa", "pt": "pt", "fr": "fr", "es": "es",
}

ETHIOPIC = re.compile(r"[\u1200-\u137F\u1380-\u139F\u2D80-\u2DDF]")
ARABIC = re.compile(r"[\u0600-\u06FF\u0750-\u077F\uFB50-\uFDFF\uFE70-\uFEFF]")
PASHTO_LETTERS = set("ټډړږښګڼېۍځڅ")
SORANI_LETTERS = set("ێۆڵڕەڤ")
URDU_LETTERS = set("ےںٹڈڑھ")
PERSIAN_LETTERS = set("پچژگ")
# Very common words that tell close languages apart (checked as whole words).
WORDS = {
    "ti": {"እዩ", "ኣይ", "ከመይ", "ኣሎ", "ኣለኹ", "እየ", "ኣብ", "ምስ", "ዘሎ", "ኣይኮነን", "ሓገዝ", "የቐንየለይ", "ኣወ", "ንስኻ", "ንስኺ", "ንሕና"},
    "am": {"ነው", "እንዴት", "አለ", "ምን", "እኔ", "አንተ", "አንቺ", "ነበር", "የለም", "አዎ", "እርዳታ", "አመሰግናለሁ", "ውስጥ", "ጋር", "እና",
           "ይህ"},
}
# Dari (Afghan Persian) and Iranian Persian share most words; these everyday
# words are used in one and not the other.
DARI_WORDS = {
    "استم", "استی", "استین", "اینجه", "میخایم", "نمیخایم", "نی", "بلی", "تشکر", "کدام", "داکتر", "پولیس",
    "گپ", "گپم", "کو", "کود", "موتر", "شاروالی", "ترجمان", "بسیار", "چیست", "نفامیدم", "میفامم", "جای",
    "ولسوالی", "بتین", "بتم", "میتم", "کنین", "خلاص", "بیادر", "هان",
}
FARSI_WORDS = {
    "خیلی", "میخوام", "نمیخوام", "الان", "رو", "پلیس", "دکتر", "یه", "چی", "آره", "اره", "ممنون", "مرسی",
    "باشه", "کد", "تموم", "سخته", "درسته", "خوبه", "بدم", "میدم", "بده", "حرفم", "یکی", "متوجه",
}


@dataclass(frozen=True)
class Guess:
    code: str | None  # one of our language codes, or None when unsure
    confidence: float
    method: str  # "langdetect", "script", "words", "too-short", "unknown"
    also: tuple[str, ...] = ()  # close languages the text may equally be in (Farsi / Dari)


def _letters(text: str) -> int:
    return sum(1 for ch in text if unicodedata.category(ch).startswith("L"))


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", text)


def detect(text: str) -> Guess:
    """Suggest a language for `text`; None when the text is too short or unclear."""
    text = text.strip()
    letters = _letters(text)
    words = _words(text)
    has_han = any("\u4e00" <= ch <= "\u9fff" for ch in text)
    ethiopic = len(ETHIOPIC.findall(text))
    if ethiopic and ethiopic >= letters / 2:  # a syllable script: fewer, richer letters
        if ethiopic < 6 or len(words) < 2:
            return Guess(None, 0.0, "too-short")
        return _ethiopic(words, ethiopic / max(letters, 1))
    if letters < MIN_LETTERS and not (has_han and letters >= 4):
        return Guess(None, 0.0, "too-short")
    if not has_han and len(words) < MIN_WORDS:
        return Guess(None, 0.0, "too-short")

    arabic = len(ARABIC.findall(text))
    if arabic >= letters / 2:
        special = _arabic_script(text, words)
        if special is not None:
            return special

    han = sum(1 for ch in text if "\u4e00" <= ch <= "\u9fff")
    kana = sum(1 for ch in text if "\u3040" <= ch <= "\u30ff")
    if han >= letters / 2 and not kana:
        return Guess("zh", round(han / max(letters, 1), 3), "script")

    try:
        found = detect_langs(text)
    except LangDetectException:
        return Guess(None, 0.0, "unknown")
    probs: dict[str, float] = {}
    for item in found:  # e.g. zh-cn and zh-tw both count for Chinese
        ours = LANGDETECT_TO_OURS.get(item.lang, item.lang)
        probs[ours] = probs.get(ours, 0.0) + item.prob
    code, prob = max(probs.items(), key=lambda kv: kv[1])
    if code not in LANGDETECT_TO_OURS.values() or prob < MIN_CONFIDENCE:
        return Guess(None, round(prob, 3), "unknown")
    chars = set(text)
    if code == "ur" and not chars & URDU_LETTERS:
        code = "fa"  # Urdu is written with letters Persian lacks; without them it is Persian
    if code == "ar" and chars & PERSIAN_LETTERS:
        code = "fa"  # پ چ ژ گ are not Arabic letters
    if code == "fa":
        return _farsi_or_dari(words, prob)
    return Guess(code, round(prob, 3), "langdetect")


def _farsi_or_dari(words: list[str], prob: float) -> Guess:
    """langdetect knows only Persian: everyday words tell Dari from Farsi; when they don't, offer both."""
    dari = sum(1 for w in words if w in DARI_WORDS)
    farsi = sum(1 for w in words if w in FARSI_WORDS)
    if dari > farsi:
        return Guess("prs", round(min(prob, 0.5 + 0.1 * (dari - farsi)), 3), "words")
    if farsi > dari:
        return Guess("fa", round(min(prob, 0.5 + 0.1 * (farsi - dari)), 3), "words")
    return Guess("fa", 0.5, "words", also=("prs",))


def _ethiopic(words: list[str], share: float) -> Guess:
    """Tigrinya or Amharic: both in Ge'ez script; told apart by common words and letters."""
    score = {"ti": 0, "am": 0}
    for word in words:
        for code in score:
            if word in WORDS[code]:
                score[code] += 2
        # Tigrinya writes the glottal a as ኣ far more often; Amharic uses አ.
        score["ti"] += word.count("ኣ") + word.count("ኸ") + word.count("ቐ")
        score["am"] += word.count("አ") + word.count("ሽ") * 0
    total = score["ti"] + score["am"]
    if total == 0:
        return Guess(None, 0.5, "script")  # Ge'ez script, but which language is unclear: ask
    code = max(score, key=lambda c: score[c])
    confidence = 0.5 + 0.5 * (score[code] / total) * min(1.0, share)
    if score["ti"] == score["am"]:
        return Guess(None, 0.5, "script")
    return Guess(code, round(confidence, 3), "script")


def _arabic_script(text: str, words: list[str]) -> Guess | None:
    """Pashto, Sorani and Dari by their own letters and words; None lets langdetect decide."""
    chars = set(text)
    counts = {
        "ps": len(chars & PASHTO_LETTERS),
        "ckb": len(chars & SORANI_LETTERS),
        "ur": len(chars & URDU_LETTERS),
    }
    if counts["ps"] >= 1 and counts["ps"] >= counts["ckb"]:
        return Guess("ps", 0.9 if counts["ps"] >= 2 else 0.75, "script")
    if counts["ckb"] >= 1:
        return Guess("ckb", 0.9 if counts["ckb"] >= 2 else 0.75, "script")
    return None

