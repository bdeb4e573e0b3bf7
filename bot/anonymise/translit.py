"""Round 15: English names of UK services and of regions, written out by their sound in another script.

Survivors write the services they meet as they hear them: Citizens Advice is Ситизенс Эдвайс, سیتیزنز ادوایس,
ሲቲዝንስ አድቫይስ; Salvation Army is سالویشن آرمی, ሳልቬሽን አርሚ, সালভেশন আর্মি; a GP is जीपी. No list of spellings
can keep up with them, so a word is compared by its **consonant skeleton**: each letter becomes a class of
sounds (b/p, f/v/w, s/z, t, d, k/q, g, j, ch, sh, h/kh, l, m, n, r), vowels and the letters that stand for a
vowel or a glide (ا و ی, й, y) are left out, and doubled classes are read as one. Arabic-script and Ge'ez
writing leave short vowels out, Cyrillic and the Indic scripts keep them: the skeleton is the same in all of
them. A letter whose sound is ambiguous (و is v or a vowel, Ukrainian г is h or English g, ج is j or g) gives
both skeletons.

A run of words is taken for a service when every word's skeleton is the skeleton of the service's English
word in order (a multi-word name: Migrant Help, Job Centre), or, for one word, when the English name is long
enough that its skeleton (4 classes or more) is not also a short name's; an acronym only as its letters are
said, in the spellings romanise.spellings gives (GP: जीपी jipi, BRP: बीआरपी biarpi; Indic and Ge'ez). A first
word may carry a preposition or article joined on (ب ل ال و, Ge'ez ለ የ ብ); a last word one case ending
(Хоум Офісу). Regions (data/regions.txt.gz: the provinces of the survivors' countries in English) are matched
one Arabic-script word at a time (کندز Kunduz, پنجشیر Panjshir); people.py takes such a word for a place
only where a place stands, and never a name of the list that counts anywhere (طاهر Tahir, whose skeleton is
Takhar's).
"""

from __future__ import annotations

import functools
import gzip
import itertools
import re
from importlib import resources

from .romanise import spellings

# -- English: spelling to skeleton --------------------------------------------------------------------------

_EN_DIGRAPHS = (
    ("tion", "SHN"), ("sion", "SHN"), ("tch", "CH"), ("sch", "SK"), ("ch", "CH"), ("sh", "SH"), ("ph", "V"),
    ("th", "T"), ("kh", "H"), ("gh", "G"), ("ck", "K"), ("qu", "KV"), ("dg", "J"), ("wh", "V"),
)
_EN_LETTERS = {
    "b": "B", "p": "B", "f": "V", "v": "V", "s": "S", "z": "S", "t": "T", "d": "D", "k": "K", "q": "K",
    "j": "J", "h": "H", "l": "L", "m": "M", "n": "N", "r": "R", "x": "KS",
}
_VOWELS = set("aeiouy")


# an acronym's letters as they are said, in the vowels romanise.spellings gives (GP: "jipi")
_LETTER_SAID = {"b": "bi", "c": "si", "d": "di", "g": "ji", "j": "je", "k": "ke", "p": "pi", "t": "ti", "v": "vi",
                "l": "el", "m": "em", "n": "en", "s": "es", "f": "ef", "r": "ar", "h": "ech", "z": "zed"}
# (the Indic scripts write "en aitch" as एनएच: the letters' vowels as romanise.spellings gives them)


def _collapse(classes: list[str]) -> tuple[str, ...]:
    out: list[str] = []
    for c in classes:
        if c and (not out or out[-1] != c):
            out.append(c)
    return tuple(out)


def _split_classes(code: str) -> list[str]:
    """ "SHN" -> ["SH", "N"]; "KS" -> ["K", "S"]."""
    return re.findall(r"SH|CH|DBL|[A-Z]", code)


def english_skeleton(word: str) -> tuple[str, ...]:
    w = word.lower()
    classes: list[str] = []
    i = 0
    while i < len(w):
        for graph, code in _EN_DIGRAPHS:
            if w.startswith(graph, i):
                classes.extend(_split_classes(code))
                i += len(graph)
                break
        else:
            c = w[i]
            nxt = w[i + 1] if i + 1 < len(w) else ""
            if c == "c":
                classes.append("S" if nxt in ("e", "i", "y") else "K")
            elif c == "g":
                classes.append("J" if nxt in ("e", "i", "y") and i + 1 < len(w) - 1 else "G")
            elif c == "w":
                classes.append("V" if nxt in _VOWELS else "")
            elif c in _EN_LETTERS:
                classes.extend(_split_classes(_EN_LETTERS[c]))
            i += 1
    return _collapse(classes)


# -- other scripts: letters to classes (a tuple: the letter may be read more than one way) --------------

_N = ""   # no consonant
_CYRILLIC = {
    "б": ("B",), "в": ("V",), "г": ("G", "H"), "ґ": ("G",), "д": ("D",), "ж": ("J",), "з": ("S",), "к": ("K",),
    "л": ("L",), "м": ("M",), "н": ("N",), "п": ("B",), "р": ("R",), "с": ("S",), "т": ("T",), "ф": ("V",),
    "х": ("H",), "ц": ("S",), "ч": ("CH",), "ш": ("SH",), "щ": ("SH",),
}
_ARABIC = {
    "ب": ("B",), "پ": ("B",), "ت": ("T",), "ط": ("T",), "ٹ": ("T",), "ټ": ("T",), "ث": ("S",), "س": ("S",),
    "ص": ("S",), "ز": ("S",), "ذ": ("S",), "ظ": ("S",), "ځ": ("S",), "ج": ("J", "G"), "چ": ("CH",),
    "څ": ("S",), "ح": ("H",), "خ": ("H",), "ه": ("H",), "ھ": ("H",), "ہ": ("H",), "د": ("D",), "ڈ": ("D",),
    "ډ": ("D",), "ض": ("D",), "ر": ("R",), "ڑ": ("R",), "ړ": ("R",), "ڕ": ("R",), "ژ": ("J",), "ږ": ("J",),
    "ش": ("SH",), "ښ": ("SH",), "غ": ("G",), "گ": ("G",), "ګ": ("G",), "ف": ("V",), "ڤ": ("V",),
    "ق": ("K",), "ک": ("K",), "ك": ("K",), "ل": ("L",), "ڵ": ("L",), "م": ("M",), "ن": ("N",), "ڼ": ("N",),
    "ں": ("N",), "و": ("V", _N), "ؤ": ("V", _N),
}
_GEEZ_CLASSES = {
    "h": "H", "l": "L", "m": "M", "s": "S", "r": "R", "sh": "SH", "q": "K", "b": "B", "v": "V", "t": "T",
    "ch": "CH", "n": "N", "ny": "N", "": _N, "k": "K", "kh": "H", "w": "V", "z": "S", "zh": "J", "y": _N,
    "d": "D", "j": "J", "g": "G", "ts": "S", "f": "V", "p": "B",
}
_INDIC_CLASSES = {
    "k": ("K",), "kh": ("K", "H"), "g": ("G",), "gh": ("G",), "ng": ("N",), "ch": ("CH",), "chh": ("CH",),
    "j": ("J",), "jh": ("J",), "n": ("N",), "t": ("T",), "th": ("T",), "d": ("D",), "dh": ("D",), "p": ("B",),
    "ph": ("V", "B"), "b": ("B",), "bh": ("B", "V"), "m": ("M",), "y": (_N,), "r": ("R",), "l": ("L",),
    "v": ("V", "B"), "sh": ("SH",), "s": ("S",), "h": ("H",), "q": ("K",), "z": ("S",), "rh": ("R",), "f": ("V",),
}
_MAX_SKELETONS = 16


def _letters(word: str) -> list[tuple[str, ...]] | None:
    """The classes of each letter of ``word`` (None: a script not handled here)."""
    from .romanise import GEEZ_ROWS, INDIC_BLOCKS, INDIC_CONSONANTS

    out: list[tuple[str, ...]] = []
    word = word.lower()
    first = ord(word[0])
    if 0x0400 <= first < 0x0530:
        w = word.replace("дж", "ж")
        out = [_CYRILLIC.get(c, (_N,)) for c in w]
    elif 0x0600 <= first < 0x0700 or 0x0750 <= first < 0x0780:
        out = [_ARABIC.get(c, (_N,)) for c in word]
        if word.endswith(("ه", "ة")):
            out[-1] = ("H", _N)           # a final ه is often the vowel a
    elif 0x1200 <= first < 0x1380:
        for c in word:
            cp = ord(c)
            consonant = GEEZ_ROWS.get(cp - (cp - 0x1200) % 8)
            if consonant is None:
                return None
            out.append((_GEEZ_CLASSES.get(consonant, _N),))
    elif (first & ~0x7F) in INDIC_BLOCKS:
        block = first & ~0x7F
        for c in word:
            off = ord(c) - block
            if off == 0x3C and out and out[-1] in (("S",), ("J",), ("B",), ("V", "B"), ("K", "H")):
                # a nukta: ਸ਼ sh, ज़ z, फ़ f, ख़ kh
                nukta: dict[tuple[str, ...], tuple[str, ...]] = {("S",): ("SH",), ("J",): ("S",)}
                out[-1] = nukta.get(out[-1], ("V",) if "B" in out[-1] else ("H",))
                continue
            if off in INDIC_CONSONANTS:
                out.append(_INDIC_CLASSES.get(INDIC_CONSONANTS[off], (_N,)))
            elif off in (0x01, 0x02, 0x70):
                out.append(("N", _N))       # candrabindu, anusvara, tippi: a nasal (ਸੈਂਟਰ centre)
            else:
                out.append((_N,))
    else:
        return None
    return out


@functools.lru_cache(maxsize=8192)
def skeletons(word: str) -> frozenset[tuple[str, ...]]:
    """The consonant skeletons ``word`` may have (empty: not a script handled here)."""
    if not word:
        return frozenset()
    letters = _letters(word)
    if not letters:
        return frozenset()
    combos = itertools.islice(itertools.product(*letters), _MAX_SKELETONS)
    return frozenset(_collapse(list(c)) for c in combos)


# prepositions and articles joined on to a word: Arabic-script ب ل و ال ... ; Ge'ez ለ የ ብ ን ካብ
_ARABIC_PREFIXES = ("وال", "بال", "لل", "ال", "ب", "ل", "و")
_GEEZ_PREFIXES = ("ካብ", "ናብ", "ለ", "የ", "ብ", "ን", "ከ", "በ")


_PREFIX_FIRST = frozenset(p[0] for p in _ARABIC_PREFIXES + _GEEZ_PREFIXES)


def _without_prefix(word: str) -> list[str]:
    out = [word]
    if word[:1] not in _PREFIX_FIRST:
        return out      # (no prefix begins so: every Latin word of an answer asks, 5% of an English answer's time)
    for p in _ARABIC_PREFIXES + _GEEZ_PREFIXES:
        if word.startswith(p) and len(word) - len(p) >= 3:
            out.append(word[len(p):])
    return out


# -- the targets ------------------------------------------------------------------------------------------

MIN_SINGLE = 4       # a one-word service: its skeleton is this long at least (Council K N S L, Shelter)
MIN_REGION = 3       # a region (Kunduz K N D S, Ghazni G S N)


class Targets:
    def __init__(self, organisations: list[str], regions: list[str]) -> None:
        self.phrases: dict[tuple[str, ...], list[tuple[tuple[str, ...], ...]]] = {}
        self.single: set[tuple[str, ...]] = set()
        self.said: set[str] = set()       # two-letter acronyms as their letters are said (GP: jipi)
        for name in organisations:
            words = re.findall(r"[A-Za-z]+", name)
            if not words or not name.isascii():
                continue
            if len(words) == 1:
                word = words[0]
                if word.isupper() and 2 <= len(word) <= 5:
                    # an acronym's few sounds are a short name's too (PSNI and আফসানা Afsana, PIN and बीना Bina):
                    # it is matched only as its letters are said, in the scripts romanise.spellings reads
                    self.said.add("".join(_LETTER_SAID.get(c, "?") for c in word.lower()))
                sk = english_skeleton(word)
                if len(sk) >= MIN_SINGLE and not word.isupper():
                    self.single.add(sk)
                continue
            sks = tuple(english_skeleton(w) for w in words if w.lower() not in ("and", "of", "the", "for"))
            if len(sks) >= 2 and all(sks):
                self.phrases.setdefault(sks[0], []).append(sks)
        self.regions = {sk for r in regions for sk in [english_skeleton(r)] if len(sk) >= MIN_REGION
                        and " " not in r.strip()}


@functools.lru_cache(maxsize=1)
def targets() -> Targets:
    import yaml

    data = resources.files("bot.anonymise").joinpath("data")
    safe = yaml.safe_load(data.joinpath("safe_words.yml").read_text(encoding="utf-8"))
    # the services and brands, and the acronyms of every section (BRP, NINO: said letter by letter)
    organisations = [str(e) for key in ("organisations", "brands") for e in safe.get(key, [])]
    organisations += [str(e) for entries in safe.values() for e in entries if str(e).isupper()]
    regions = [str(e) for e in safe.get("regions_abroad", [])]
    path = data.joinpath("regions.txt.gz")
    with path.open("rb") as f:
        regions += [line for line in gzip.decompress(f.read()).decode().splitlines()
                    if line and not line.startswith("#")]
    return Targets(organisations, regions)


def _word_matches(word: str, target: tuple[str, ...], first: bool, last: bool) -> bool:
    forms = _without_prefix(word) if first else [word]
    for form in forms:
        for sk in skeletons(form):
            if sk == target or (last and len(sk) == len(target) + 1 and sk[:-1] == target):
                return True
    return False


@functools.lru_cache(maxsize=8192)
def _all_skeletons(word: str) -> frozenset[tuple[str, ...]]:
    """The skeletons of a word and of its forms without a prefix (round 19: once per word, not once per answer)."""
    return skeletons(word) | {sk for f in _without_prefix(word)[1:] for sk in skeletons(f)}


def matches(words: list[str]) -> list[tuple[int, int]]:
    """Spans (first, last+1) of ``words`` that spell a UK service's English name by sound."""
    t = targets()
    found: list[tuple[int, int]] = []
    i = 0
    n = len(words)
    while i < n:
        hit = 0
        sks = _all_skeletons(words[i])
        for sk in sks:
            for phrase in t.phrases.get(sk, ()):
                size = len(phrase)
                if i + size <= n and all(
                        _word_matches(words[i + k], phrase[k], k == 0, k == size - 1) for k in range(size)):
                    hit = max(hit, size)
        if not hit and (sks & t.single or t.said.intersection(spellings(words[i]))):
            hit = 1
        if hit:
            found.append((i, i + hit))
            i += hit
        else:
            i += 1
    return found


def is_region(word: str) -> bool:
    """A province or region of the survivors' countries, spelled by its sound in Arabic script (کندز Kunduz).
    Only Arabic script: iso-codes translates the regions into Devanagari, Cyrillic and Chinese (data/places),
    and in the scripts that write their vowels a three-sound skeleton is a given name's too (शांति, ሜሮን)."""
    if not 0x0600 <= ord(word[0]) < 0x0700:
        return False
    regions = targets().regions
    return any(sk in regions for form in _without_prefix(word) for sk in skeletons(form))


@functools.lru_cache(maxsize=1)
def _role_skeletons() -> frozenset[tuple[str, ...]]:
    from .recognizers.people import ROLES

    return frozenset(sk for role in ROLES if role.isascii() and role.isalpha()
                     for sk in [english_skeleton(role)] if len(sk) >= MIN_SINGLE)


@functools.lru_cache(maxsize=8192)
def is_english_role(word: str) -> bool:
    """Round 16: an English role word (people.ROLES of four sounds or more: interpreter, caseworker, worker,
    solicitor, manager) written by its sound in another script (ইন্টারপ্রেটার, ਇੰਟਰਪ੍ਰੈਟਰ, ወርከሬ my worker);
    one sound more at the end is a case or possessive ending. Not in Arabic script, whose unwritten vowels make
    too many words sound like one (بتاعتي), and whose roles people.py lists."""
    if not word or 0x0600 <= ord(word[0]) < 0x0780:
        return False
    roles = _role_skeletons()
    for sk in skeletons(word):
        if sk in roles or (len(sk) > MIN_SINGLE and sk[:-1] in roles):
            return True
    return False


@functools.lru_cache(maxsize=1)
def _uk_town_skeletons() -> frozenset[tuple[str, ...]]:
    """The skeletons of the UK towns (data/uk_towns.txt.gz) and of the first word of the towns of several."""
    path = resources.files("bot.anonymise").joinpath("data").joinpath("uk_towns.txt.gz")
    with path.open("rb") as f:
        towns = [line for line in gzip.decompress(f.read()).decode().splitlines()
                 if line and not line.startswith("#")]
    out = set()
    for town in towns:
        words = re.findall(r"[A-Za-z]+", town)
        for form in ({"".join(words), words[0]} if words else set()):
            sk = english_skeleton(form)
            if sk:
                out.add(sk)
    return frozenset(out)


@functools.lru_cache(maxsize=8192)
def is_uk_town(word: str, least: int = MIN_SINGLE) -> bool:
    """Round 16: a UK town (GeoNames, 5,000 people or more) written by its sound in another script (Нюкасл,
    লিডস, Спалдинг), its skeleton of ``least`` sounds or more. Not in Arabic script (its unwritten vowels)."""
    if not word or 0x0600 <= ord(word[0]) < 0x0780:
        return False
    towns = _uk_town_skeletons()
    return any(len(sk) >= least and sk in towns for sk in skeletons(word))
