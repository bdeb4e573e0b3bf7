"""How a word of Ge'ez (Tigrinya, Amharic), Bengali, Devanagari, Gurmukhi or Sorani Kurdish script sounds
in Latin letters.

The name list (names-dataset) holds the names of Ethiopia, Eritrea, Bangladesh, India and Pakistan
mostly as their people write them on Facebook: in Latin letters (Girma, Tesfaldet, Kamrul, Deepak,
Jaswinder). In their own scripts it holds few (930 Ge'ez, 124 Devanagari, 24 Gurmukhi words). So a
word of these scripts is also looked up by its sound: every script here is a regular syllabary or
abugida, so a fixed table gives the Latin spellings a word may have (the vowel that Ge'ez's sixth
order and the Indic scripts' inherent vowel may or may not carry is tried both ways). The spellings
are few (at most ``LIMIT``), and a hit says only that the word *may* be a name: the recognizer
decides by where it stands (people.py).
"""

from __future__ import annotations

import functools
import itertools

LIMIT = 96

# Ge'ez: each consonant has a row of eight code points, one per vowel order (ä u i a e ə o wa).
GEEZ_ROWS = {
    0x1200: "h", 0x1208: "l", 0x1210: "h", 0x1218: "m", 0x1220: "s", 0x1228: "r", 0x1230: "s", 0x1238: "sh",
    0x1240: "q", 0x1250: "q", 0x1260: "b", 0x1268: "v", 0x1270: "t", 0x1278: "ch", 0x1280: "h", 0x1290: "n",
    0x1298: "ny", 0x12A0: "", 0x12A8: "k", 0x12B8: "kh", 0x12C8: "w", 0x12D0: "", 0x12D8: "z", 0x12E0: "zh",
    0x12E8: "y", 0x12F0: "d", 0x1300: "j", 0x1308: "g", 0x1320: "t", 0x1328: "ch", 0x1330: "p", 0x1338: "ts",
    0x1340: "ts", 0x1348: "f", 0x1350: "p",
}
# the vowel of each order; the first spelling is the usual one
_GEEZ_VOWELS = (("e", "a"), ("u",), ("i",), ("a",), ("e",), ("", "i", "e"), ("o",), ("wa",))
# other spellings of a consonant in names written in Latin letters (ቀ Kebede, ጸ Tsegay or Segay ...)
_GEEZ_CONSONANT_VARIANTS = {"q": ("k", "q"), "ts": ("ts", "s"), "kh": ("kh", "h"), "": ("",), "ny": ("ny", "ni")}
_GEEZ_W = ("e", "o", "a")          # ወ before the first order: Werknesh or Worknesh


def _geez(word: str) -> list[tuple[str, ...]] | None:
    parts: list[tuple[str, ...]] = []
    for i, c in enumerate(word):
        cp = ord(c)
        base = cp - (cp - 0x1200) % 8
        consonant = GEEZ_ROWS.get(base)
        if consonant is None or not 0x1200 <= cp < 0x1358:
            return None
        order = (cp - 0x1200) % 8
        vowels = _GEEZ_VOWELS[order]
        if order == 5 and i == len(word) - 1:
            vowels = ("",)                      # a word's last consonant carries no vowel (ክብሮም Kibrom)
        if consonant == "" and order == 0:
            vowels = ("a", "e")                 # አ, ዐ: a vowel of their own (ኣበበ, አበበ Abebe)
        if consonant == "w" and order == 0:
            vowels = _GEEZ_W
        if consonant == "" and order == 5:
            vowels = ("e", "i")                 # እ
        spellings = _GEEZ_CONSONANT_VARIANTS.get(consonant, (consonant,))
        parts.append(tuple(dict.fromkeys(s + v for s in spellings for v in vowels)))
    return parts


# Bengali, Devanagari and Gurmukhi share one layout: the same offset from the block's start is the
# same sound (ISCII). Offsets of consonants, independent vowels and vowel signs:
INDIC_CONSONANTS = {
    0x15: "k", 0x16: "kh", 0x17: "g", 0x18: "gh", 0x19: "ng", 0x1A: "ch", 0x1B: "chh", 0x1C: "j", 0x1D: "jh",
    0x1E: "n", 0x1F: "t", 0x20: "th", 0x21: "d", 0x22: "dh", 0x23: "n", 0x24: "t", 0x25: "th", 0x26: "d",
    0x27: "dh", 0x28: "n", 0x2A: "p", 0x2B: "ph", 0x2C: "b", 0x2D: "bh", 0x2E: "m", 0x2F: "y", 0x30: "r",
    0x32: "l", 0x33: "l", 0x35: "v", 0x36: "sh", 0x37: "sh", 0x38: "s", 0x39: "h",
    0x58: "q", 0x59: "kh", 0x5A: "gh", 0x5B: "z", 0x5C: "r", 0x5D: "rh", 0x5E: "f", 0x5F: "y",
}
_INDIC_VOWELS = {
    0x05: ("a",), 0x06: ("a", "aa"), 0x07: ("i",), 0x08: ("i", "ee"), 0x09: ("u",), 0x0A: ("u", "oo"),
    0x0B: ("ri",), 0x0F: ("e",), 0x10: ("ai",), 0x13: ("o",), 0x14: ("au", "ou"),
}
_INDIC_SIGNS = {
    0x3E: ("a", "aa"), 0x3F: ("i",), 0x40: ("i", "ee"), 0x41: ("u",), 0x42: ("u", "oo"), 0x43: ("ri",),
    0x47: ("e",), 0x48: ("ai",), 0x4B: ("o",), 0x4C: ("au", "ou"),
}
_INDIC_NASAL = {0x01: ("n", ""), 0x02: ("n", "m"), 0x03: ("h", ""), 0x70: ("n",)}
INDIC_BLOCKS = {0x0900: "deva", 0x0980: "beng", 0x0A00: "guru"}
# other spellings of a consonant in names written in Latin letters (Bengali ব is b, য is j or z ...)
_INDIC_VARIANTS = {
    "v": ("v", "w", "b"), "ph": ("ph", "f"), "y": ("y", "j", "z"), "sh": ("sh", "s"), "ch": ("ch", "c"),
    "bh": ("bh", "b"), "q": ("q", "k"),
}


def _indic(word: str) -> list[tuple[str, ...]] | None:
    block = ord(word[0]) & ~0x7F
    script = INDIC_BLOCKS.get(block)
    if script is None:
        return None
    inherent = ("o", "a", "") if script == "beng" else ("a", "", "e")     # Jaswinder, Balwinder
    parts: list[tuple[str, ...]] = []
    pending = False                  # the last consonant still carries its inherent vowel
    for c in word:
        cp = ord(c)
        if cp & ~0x7F != block:
            if c in "\u200c\u200d":
                continue
            return None
        off = cp - block
        if script == "beng" and off == 0x4E:
            if pending:
                parts[-1] = tuple(p + "" for p in parts[-1])
            parts.append(("t",))         # ৎ
            pending = False
            continue
        if off in INDIC_CONSONANTS:
            if pending:
                parts.append(inherent)
            consonant = INDIC_CONSONANTS[off]
            if script == "beng" and consonant == "v":
                consonant = "b"
            parts.append(_INDIC_VARIANTS.get(consonant, (consonant,)))
            pending = True
        elif off in _INDIC_SIGNS:
            parts.append(_INDIC_SIGNS[off])
            pending = False
        elif off in _INDIC_VOWELS:
            if pending:
                parts.append(inherent)
            parts.append(_INDIC_VOWELS[off])
            pending = False
        elif off == 0x4D:              # virama: no vowel
            pending = False
        elif off in _INDIC_NASAL:
            if pending:
                parts.append(inherent)
                pending = False
            parts.append(_INDIC_NASAL[off])
        elif off in (0x3C, 0x71, 0x51, 0x52):
            continue                   # nukta, Gurmukhi addak (doubling), accents
        else:
            return None
    return parts                        # a final consonant's inherent vowel is not said (Kamrul, Deepak)


# Sorani Kurdish writes its vowels (ا a, ە e, ێ ê, ۆ o, و u/w, ی i/y); only the short i between two
# consonants is left out (دڵشاد Dilshad), so it is tried both ways.
_SORANI = {
    "ب": "b", "پ": "p", "ت": "t", "ج": "j", "چ": "ch", "ح": "h", "خ": "kh", "د": "d", "ر": "r", "ڕ": "r",
    "ز": "z", "ژ": "zh", "س": "s", "ش": "sh", "ع": "", "غ": "gh", "ف": "f", "ڤ": "v", "ق": "q", "ک": "k",
    "گ": "g", "ل": "l", "ڵ": "l", "م": "m", "ن": "n", "ھ": "h", "ه": "h",
}
_SORANI_VOWELS = {"ا": ("a",), "ە": ("e", "a"), "ێ": ("e",), "ۆ": ("o",), "ی": ("i", "y"), "و": ("w", "u", "o"),
                  "ئ": ("",)}
_SORANI_VARIANTS = {"zh": ("zh", "j"), "q": ("q", "k")}
SORANI_LETTERS = frozenset("ەێۆڵڕڤ")


def _sorani(word: str) -> list[tuple[str, ...]] | None:
    parts: list[tuple[str, ...]] = []
    prev_consonant = False
    for i, c in enumerate(word):
        if c in _SORANI:
            if prev_consonant:
                parts.append(("", "i"))        # the unwritten short vowel
            consonant = _SORANI[c]
            parts.append(_SORANI_VARIANTS.get(consonant, (consonant,)))
            prev_consonant = bool(consonant)
        elif c in _SORANI_VOWELS:
            if c == "و" and i + 1 < len(word) and word[i + 1] == "و":
                continue                       # وو: u
            parts.append(_SORANI_VOWELS[c])
            prev_consonant = False
        elif c in "\u200c\u200d":
            continue
        else:
            return None
    return parts


@functools.lru_cache(maxsize=16384)
def spellings(word: str, sorani: bool = False) -> tuple[str, ...]:
    """The Latin spellings ``word`` may have (none when it is not written in one of these scripts). An
    Arabic-script word is spelled only when it is Sorani: ``sorani`` (the answer is in Sorani) or written
    with a letter only Sorani has; Arabic, Persian, Urdu and Pashto leave their short vowels unwritten."""
    if not word:
        return ()
    if 0x1200 <= ord(word[0]) < 0x1380:
        parts = _geez(word)
    elif 0x0600 <= ord(word[0]) < 0x0700:
        parts = _sorani(word) if sorani or SORANI_LETTERS & set(word) else None
    else:
        parts = _indic(word)
    if not parts:
        return ()
    out: list[str] = []
    # try the usual spellings first; stop at LIMIT
    for combo in itertools.islice(itertools.product(*parts), LIMIT):
        out.append("".join(combo))
    return tuple(dict.fromkeys(out))


# Round 16: Cyrillic in Latin letters, by the systems names-dataset's Latin names of Ukraine and Russia are
# mostly written in (people type their passport's spelling): the Ukrainian national system (KMU 2010: г h,
# и y, і i, ї yi, є ye, й y/i, ю yu/iu, я ya/ia) and BGN/PCGN for Russian (г g, и i, ы y, э e, й y), with the
# common j/h spellings of й, х. A hit says only that the word may be a name the Cyrillic list lacks (Орест,
# Соломія, Іринка): people.py decides by the word's capital and its frequency in Russian and Ukrainian.
_CYRILLIC_COMMON = {
    "а": ("a",), "б": ("b",), "в": ("v",), "д": ("d",), "е": ("e",), "ё": ("e", "yo"), "ж": ("zh",), "з": ("z",),
    "й": ("y", "i", "j"), "к": ("k",), "л": ("l",), "м": ("m",), "н": ("n",), "о": ("o",), "п": ("p",),
    "р": ("r",), "с": ("s",), "т": ("t",), "у": ("u",), "ф": ("f",), "х": ("kh", "h"), "ц": ("ts", "c"),
    "ч": ("ch",), "ш": ("sh",), "щ": ("shch", "sch"), "ъ": ("",), "ь": ("",), "ю": ("yu", "iu", "ju"),
    "я": ("ya", "ia", "ja"), "'": ("",), "’": ("",),
}
CYRILLIC_LATIN = {  # scripts/build_name_lexicon.py romanises the name lists with it too
    "ru": {**_CYRILLIC_COMMON, "г": ("g",), "и": ("i",), "ы": ("y",), "э": ("e",)},
    "uk": {**_CYRILLIC_COMMON, "г": ("h",), "ґ": ("g",), "и": ("y",), "і": ("i",), "ї": ("yi", "i", "ji"),
           "є": ("ye", "ie", "je")},
}
CYRILLIC_LIMIT = 8


@functools.lru_cache(maxsize=8192)
def cyrillic_spellings(word: str) -> tuple[str, ...]:
    """The Latin spellings of a lower-case Cyrillic word, by the Ukrainian system when it has a letter only
    Ukrainian has (і ї є ґ), by the Russian one when it has one only Russian has (ы э ё ъ), else by both."""
    letters = set(word)
    codes = ("uk",) if letters & set("іїєґ") else ("ru",) if letters & set("ыэёъ") else ("ru", "uk")
    out: list[str] = []
    for code in codes:
        table = CYRILLIC_LATIN[code]
        if not letters <= table.keys():
            continue
        parts = [table[c] for c in word]
        out.extend("".join(p) for p in itertools.islice(itertools.product(*parts), CYRILLIC_LIMIT))
    return tuple(dict.fromkeys(out))
