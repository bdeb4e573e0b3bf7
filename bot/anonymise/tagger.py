"""A learned second opinion on names: a CRF over each word, trained on the labelled corpora.

The rules (recognizers/people.py, names.py) decide a word by word lists and by where it stands. Each
round of rules has gained one or two names in a hundred on fresh text: every new writer puts names in
places no rule foresaw. This tagger learns the same signals from the labelled answers instead of by
hand: a linear-chain conditional random field (CRFsuite, through python-crfsuite, which Rasa already
installs for its CRFEntityExtractor) over the words of an answer, whose features are

* what the lists say of the word (name, word name, place, safe, unknown; how everyday it is in the
  answer's language and in English; its script, capitals, length, a few letters of its ends: name
  endings and the case affixes of Ge'ez and Bengali),
* what the rules decided (redacted as a name, as another type, unsure, kept) and why,
* the words around it: everyday words by themselves ("came", "my caseworker", "اسمه"), rare words only
  by their class, so that the model learns where names stand and not which names the corpora used,
* in the scripts without capitals (round 14): the grammatical prefix or suffix a word carries (the clitics
  و/ب/ل/ال, Ge'ez ን/ብ/ካብ and -ን/-ና, Bengali -কে/-র/-ের, Gurmukhi and Devanagari case endings), whether
  its stem is a name-list word, an everyday word or a rare one, and whether a postposition written apart
  follows it (ਨੂੰ, ਦਾ, को, کو). Cross-validation kept this and dropped a wider window of everyday
  neighbours and answer-level consistency (the same word taken for a name elsewhere): docs/REDACTION.md.

A rare word is never a feature by itself (the corpora's invented names would be learnt by heart and
nothing would carry over to fresh text); Han characters are, since Han names are made of everyday
characters.

The tagger ADDS names: a word the tagger is sure of is redacted too, and a word it half-believes goes to
the review queue (uncertain.py). How sure it must be depends on what the word's shape says (round 16,
`shape_sure`): more for a capital opening a sentence, a lower-case word of a script with capitals, a Ge'ez word.
In rounds 12 and 13 it could also overrule a name of the rules when it gave
every word of it P(name) below VETO (0.05): the word was kept and the answer went to review with it marked.
That kept more hard negatives whole, but stored the names it overruled as typed; from round 14 VETO is 0 (never
overrule: nothing a survivor types reaches disk unredacted), and the mechanism stays for a deployment that
chooses otherwise. Trained on the spent corpus parts only (bot.anonymise.evaluate.PARTS),
at set-up or on first use, into the machine's cache keyed by the corpus and this code (a build output,
never in git); a few seconds on one core. Without its corpus (an installed package with no tests/
folder) the rules work alone.
"""

from __future__ import annotations

import functools
import hashlib
import os
import sys
import threading
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Sequence

import regex

from .languages import normalise_language
from .lexicon import Lexicon, get_lexicon, own_words
from .recognizers import people

HAN = regex.compile(r"\p{Han}")
LABEL = "N"
# CRFsuite's L-BFGS with elastic net (c1 L1, c2 L2), chosen by cross-validation over the spent parts
C1, C2 = 0.05, 0.05
MAX_ITERATIONS = 150
SURE = 0.2      # P(name) from which the tagger redacts a word the rules kept (crossval, round 12; 0.3 in 11)
DOUBT = 0.1     # from which it sends the answer to review
# Round 16: where the word's shape says little, the tagger's P says less (crossval: of the words it added at P 0.2 to
# 0.6, one in five was a name when a capital opened a sentence, "Sunny today", "Patience, on me dit"; one in four in
# lower case, where word names and other languages' everyday words are; one in five in Ge'ez, whose given names are
# everyday words, ሰላም, ትዕግስት, with no capital to tell them apart). There it redacts from higher and the band below
# goes to review (from DOUBT). Chosen together by crossval over the spent parts (docs/REDACTION.md, round 16):
# the setting with the best F2 and the best sum of the three shortfalls in their goals' error budgets
OPENING_SURE = 0.6   # a capitalised word opening a sentence, in a script with capitals
LOWER_SURE = 0.3     # a lower-case word in a script with capitals
GEEZ_SURE = 0.4      # a word in Ge'ez script (Tigrinya, Amharic)
PLACE_SURE = 0.7    # the same for a word that is a place as well as a name (sure_for)
PLACE_DOUBT = 0.5
SAFE_NAME_SURE = 0.8    # and for a safe word a name list has too (a month, a day: "May from the Red Cross")
NEVER_SURE = 2.0        # above any probability: never added
# a name of the rules whose every word has P(name) below this is kept, and marked for review; 0: never. Rounds 12
# and 13 overruled below 0.05 (crossval: more hard negatives kept whole). From round 14 the tagger overrules nothing:
# an overruled name was stored as typed (held from exports until reviewed, but on the database's disk), about 27
# names in 9,655 in crossval, and nothing a survivor types may reach disk unredacted. Crossval, round 14: veto 0
# 0.949 / 0.840 / 0.861 (name recall / name precision / hard negatives kept), veto 0.05 0.947 / 0.859 / 0.877
VETO = 0.0


@dataclass
class Word:
    text: str
    start: int
    end: int
    key: str
    kind: str        # the rules' class of the word (people.Token.kind), "han" for a Han character
    cased: bool
    capital: bool
    acronym: bool
    sentence_start: bool
    script: str


@functools.lru_cache(maxsize=4096)
def _letter_script(c: str) -> str:
    return unicodedata.name(c, "?").split(" ")[0]


def _script(word: str) -> str:
    for c in word:
        if c.isalpha():
            return _letter_script(c)
    return "NONE"


def words_of(text: str, language: str) -> list[Word]:
    """The words of an answer as the rules see them (classified), with each Han character a word."""
    tokens = people.classified_tokens(text, language)
    words = [Word(t.text, t.start, t.end, t.lookup or t.key, t.kind or "word", t.cased, t.capital, t.acronym,
                  t.sentence_start, _script(t.text)) for t in tokens]
    words += [Word(m.group(), m.start(), m.end(), m.group(), "han", False, False, False,
                   people.starts_sentence(text, m.start()), "CJK") for m in HAN.finditer(text)]
    words.sort(key=lambda w: w.start)
    return words


def _bucket(value: float) -> str:
    return str(int(max(0.0, min(value, 7.0))))


def _gap(text: str, a: Word, b: Word) -> str:
    between = text[a.end:b.start]
    if not between.strip():
        return "sp" if between else "tight"
    return "".join(sorted({c for c in between.strip()}))[:3]


_EVERYDAY: dict[tuple[str, str], tuple[bool, tuple[str, ...]]] = {}


def _lexical(word: Word, language: str, lex: Lexicon) -> tuple[bool, tuple[str, ...]]:
    """(an everyday word?, what the lists say of the word). Kept in memory for everyday words only: a
    name or a rare word an answer holds is never kept."""
    if word.kind == "han":
        return True, ("zo=0", "ze=0")
    key = word.key
    known = _EVERYDAY.get((key, language))
    if known is not None:
        return known
    z_own, z_en, z_best = lex.zipf(key, language), lex.zipf(key, "en"), lex.best_zipf(key, language)
    everyday = max(z_own, z_en, z_best) >= 3.5
    if not everyday and not lex.has_frequencies(language) and not lex.has_script_frequencies(key):
        # round 17: a language with no frequency list (Tigrinya, Amharic, Somali, Pashto ...) has its everyday words
        # in the bot's own texts and the stop-word lists: shown by themselves, like any language's everyday words
        everyday = key in own_words(language) or lex.function_word(key, language)
    attributes = tuple(sys.intern(a) for a in (
        "zo=" + _bucket(z_own), "ze=" + _bucket(z_en), "zb=" + _bucket(z_best),
        "name=" + str(lex.is_name(key)), "wname=" + str(lex.is_word_name(key)),
        "place=" + str(lex.is_place(key)), "safe=" + str(lex.is_safe(key)),
        "foreign=" + str(lex.foreign_everyday(key, language))))
    if everyday and word.kind in ("word", "function", "safe") and not lex.is_name(key):
        if len(_EVERYDAY) >= 20_000:      # a few MB at most; the everyday words of a consultation are fewer
            _EVERYDAY.clear()
        _EVERYDAY[(key, language)] = (everyday, attributes)
    return everyday, attributes


# (round 19: the neighbour attributes' prefixes made once, not formatted for every word; the same strings)
_NEIGHBOURS = tuple((d, f"{d}:w=", f"{d}:rule=", f"{d}:kind=", f"{d}:cap", f"{d}:edge") for d in (-2, -1, 1, 2))
_LENGTHS = tuple("len=" + str(k) for k in range(11))


def features(text: str, language: str, words: Sequence[Word], rules: Sequence[str],
             lex: Lexicon | None = None, reasons: Sequence[str] | None = None) -> list[list[str]]:
    """CRFsuite attributes for each word. ``rules``: what the rules did with each word ("NAME", another
    entity type, "unsure" or ""); ``reasons``: why the name rules took it for a name ("" where they did not):
    the rules differ in how often they are right, and the model learns by how much."""
    lex = lex or get_lexicon()
    n = len(words)
    own: list[str] = []       # how each word appears to its neighbours
    lexical: list[tuple[str, ...]] = []
    for w in words:
        everyday, attributes = _lexical(w, language, lex)
        lexical.append(attributes)
        own.append(w.key if w.kind == "han" or (everyday and w.kind in ("word", "function", "safe"))
                   else "<" + w.kind + ">")
    size = "size=" + ("1" if n == 1 else "2" if n == 2 else "3" if n == 3 else "4-6" if n <= 6 else "7+")
    lang = "lang=" + language
    # (round 19: the gap and the pair between two neighbours once, for the word before and the word after it)
    gaps = [_gap(text, words[i], words[i + 1]) for i in range(n - 1)]
    pairs = [own[i] + "|" + own[i + 1] for i in range(n - 1)]
    out = []
    for i, w in enumerate(words):
        key = w.key
        f = [
            "bias", lang, "kind=" + w.kind, "script=" + w.script, size,
            "rule=" + rules[i], "self=" + own[i],
            "shape=A" if w.acronym else "shape=Aa" if w.capital else "shape=a" if w.cased else "shape=-",
            _LENGTHS[min(len(key), 10)], *lexical[i],
        ]
        if reasons and reasons[i]:
            f.append("why=" + reasons[i])
        if w.kind != "han" and len(key) > 3:
            f += ["suf2=" + key[-2:], "suf3=" + key[-3:], "pre2=" + key[:2]]
        if w.sentence_start:
            f.append("start")
        if i == 0:
            f.append("BOS")
        if i == n - 1:
            f.append("EOS")
        for d, at_w, at_rule, at_kind, at_cap, at_edge in _NEIGHBOURS:
            j = i + d
            if not 0 <= j < n:
                f.append(at_edge)
                continue
            v = words[j]
            f += [at_w + own[j], at_rule + rules[j], at_kind + v.kind]
            if v.capital:
                f.append(at_cap)
            if d == 1 and v.key in PERSON_VERBS:
                f.append("+1:person_verb")    # round 17: a verb people do follows, in any of the rules' languages
        if w.script in AFFIX_SCRIPTS or (i + 1 < n and words[i + 1].key in POSTPOSITIONS):
            f += _affixes(words, i, language, lex)          # (round 19: nothing to add for other words)
        if i > 0:
            f += ["gap-=" + gaps[i - 1], "pair-=" + pairs[i - 1]]
        if i < n - 1:
            f += ["gap+=" + gaps[i], "pair+=" + pairs[i]]
        out.append(f)
    return out


# the verbs people do, after a name, in the rules' languages (people.py: Latin script, the scripts without capitals,
# Cyrillic): one feature across languages, where "+1:w=" knows only the answer's everyday words one by one
PERSON_VERBS = people.PERSON_AFTER | people.SCRIPT_PERSON_AFTER | people.PERSON_AFTER_CYRILLIC


# Grammatical affixes of the scripts without capitals, longest first: a name with one is a name (وسامي "and Sami",
# ለሳራ "to Sara", রহিমের "Rahim's"); a stem of a name list with one is as good a sign as the bare name
PREFIXES = {
    "ARABIC": ("وال", "بال", "فال", "لل", "ال", "و", "ب", "ل", "ف", "ك"),
    "ETHIOPIC": ("ንምስ", "ምስ", "ካብ", "ናብ", "ስለ", "እንደ", "ን", "ብ", "ከ", "በ", "ለ", "የ"),
}
SUFFIXES = {
    "ARABIC": ("ەکە", "های", "ها", "ی", "م", "ت", "ش", "ە", "ه", "و", "را"),
    "ETHIOPIC": ("ን", "ና", "ም", "ስ", "ው", "ዋ"),
    "BENGALI": ("য়ের", "দের", "কে", "ের", "এর", "রা", "র", "ও", "ই", "টা", "টি"),
    "GURMUKHI": ("ਨੂੰ", "ਦਾ", "ਦੀ", "ਦੇ", "ਨੇ", "ਜੀ"),
    "DEVANAGARI": ("को", "का", "की", "के", "ने", "जी"),
}
# postpositions and case words written apart, after the word they mark: "ਸੁਰਿੰਦਰ ਨੂੰ" (to Surinder), "सुरेश को"
POSTPOSITIONS = frozenset("ਨੂੰ ਦਾ ਦੀ ਦੇ ਨੇ ਜੀ ਤੋਂ ਨਾਲ को का की के ने जी से کو کا کی کے سے جی را".split())
AFFIX_SCRIPTS = frozenset(PREFIXES) | frozenset(SUFFIXES)


def _affixes(words: Sequence[Word], i: int, language: str, lex: Lexicon) -> list[str]:
    """For the scripts without capitals: the grammatical prefix or suffix a word carries, what the lists say of
    its stem, and whether a postposition follows it."""
    w = words[i]
    out = []
    if i + 1 < len(words) and words[i + 1].key in POSTPOSITIONS:
        out += ["+1:post", "+1:post|" + w.kind]
    if w.script not in AFFIX_SCRIPTS or w.kind == "han":
        return out
    key = w.text.casefold()
    if w.key != key and key.startswith(w.key):
        out.append("tail=" + key[len(w.key):][:4])   # a case ending the rules took off already (Bengali)
    for prefix in PREFIXES.get(w.script, ()):
        stem = key[len(prefix):]
        if key.startswith(prefix) and len(stem) >= 2:
            out += ["apre=" + prefix, f"apre:stem={_stem_class(stem, language, lex)}"]
            break
    for suffix in SUFFIXES.get(w.script, ()):
        stem = key[:-len(suffix)]
        if key.endswith(suffix) and len(stem) >= 2:
            out += ["asuf=" + suffix, f"asuf:stem={_stem_class(stem, language, lex)}"]
            break
    return out


def _stem_class(stem: str, language: str, lex: Lexicon) -> str:
    if lex.is_name(stem):
        return "name"
    return "everyday" if lex.best_zipf(stem, language) >= 3.5 else "rare"


def rule_labels(words: Sequence[Word], spans: Iterable[tuple[str, int, int]],
                unsure: Iterable[tuple[int, int]]) -> list[str]:
    """What the rules did with each word: the type of the redacted span over it, "unsure" or ""."""
    labels = [""] * len(words)
    for s, e in unsure:
        for i, w in enumerate(words):
            if w.start < e and s < w.end:
                labels[i] = "unsure"
    for kind, s, e in spans:
        for i, w in enumerate(words):
            if w.start < e and s < w.end:
                labels[i] = kind
    return labels


def rule_reasons(words: Sequence[Word], found: Iterable[tuple[int, int, float, str]]) -> list[str]:
    """Why the name rules (people.find_names) took each word for a name: their reason, or ""."""
    reasons = [""] * len(words)
    for s, e, _score, why in found:
        for i, w in enumerate(words):
            if w.start < e and s < w.end:
                reasons[i] = why.replace(" ", "_")
    return reasons


def sequence(text: str, language: str, results: Sequence, lex: Lexicon | None = None) \
        -> tuple[list[Word], list[list[str]]]:
    """The words of an answer and their attributes, given what the rules alone found in it (``results``:
    Presidio RecognizerResults)."""
    words = words_of(text, language)
    found, unsure = people.find_names(text, language)
    rules = rule_labels(words, [(r.entity_type, r.start, r.end) for r in results], unsure)
    return words, features(text, language, words, rules, lex, rule_reasons(words, found))


def gold_labels(words: Sequence[Word], names: Iterable[tuple[int, int]]) -> list[str]:
    labels = ["O"] * len(words)
    for s, e in names:
        for i, w in enumerate(words):
            if w.start < e and s < w.end:
                labels[i] = LABEL
    return labels


def train(sequences: Iterable[tuple[list[list[str]], list[str]]], path: Path,
          c1: float = C1, c2: float = C2, iterations: int = MAX_ITERATIONS) -> Path:
    import pycrfsuite  # type: ignore[import-untyped]  # python-crfsuite has no type stubs

    trainer = pycrfsuite.Trainer(verbose=False)
    for xseq, yseq in sequences:
        if xseq:
            trainer.append(xseq, yseq)
    trainer.set_params({"c1": c1, "c2": c2, "max_iterations": iterations,
                        "feature.possible_transitions": True})
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(f".{os.getpid()}.tmp")
    trainer.train(str(tmp))
    os.replace(tmp, path)
    return path


class Tagger:
    """A trained model: P(name) for each word of an answer."""

    def __init__(self, path: Path) -> None:
        import pycrfsuite

        self._tagger = pycrfsuite.Tagger()
        self._tagger.open(str(path))
        self._known = LABEL in self._tagger.labels()
        self._lock = threading.Lock()   # a crfsuite tagger holds one sequence at a time

    def probabilities(self, xseq: list[list[str]]) -> list[float]:
        if not xseq or not self._known:
            return [0.0] * len(xseq)
        with self._lock:
            self._tagger.set(xseq)
            return [self._tagger.marginal(LABEL, i) for i in range(len(xseq))]


# The allow-list stays an allow-list: the tagger never adds a function word or an earlier placeholder, nor a
# word the lists know is safe (an organisation, place, nationality, language, day, month) unless a name list
# has it too, and then only when it is very sure (sure_for)
NEVER = frozenset(("function", "placeholder"))


def may_add(word: Word) -> bool:
    return word.kind not in NEVER and any(c.isalpha() for c in word.text)


def _safe_name(word: Word) -> bool:
    """A safe word that a name list holds too: a month, a day or a faith that people are named (May, June,
    April, Sunday, Christian)."""
    return get_lexicon().is_name(word.key)


def sure_for(word: Word, sure: float | None = None) -> float:
    """The P(name) from which a word is added: higher for a word that is a place as well as a name
    (Jordan, Zubair, Larisa: in a gazetteer and a name list), which the rules leave to where it stands, and
    higher still for a safe word that is a name too ("May from the Red Cross"); never for other safe words."""
    if word.kind == "name_place":
        return PLACE_SURE
    if word.kind == "safe":
        return SAFE_NAME_SURE if _safe_name(word) else NEVER_SURE
    floor = SURE if sure is None else sure   # ``sure``: another threshold for ordinary words (crossval tries some)
    return max(floor, shape_sure(word))


def shape_of(word: Word) -> str:
    """Which of round 16's shapes that say little of a name the word has: "opening" (a capital opening a
    sentence), "lower" (lower case in a script with capitals), "geez" (Ge'ez script), or "" (none)."""
    if word.cased:
        if not word.capital:
            return "lower"
        return "opening" if word.sentence_start else ""
    return "geez" if word.script == "ETHIOPIC" else ""


def shape_sure(word: Word) -> float:
    """The threshold the word's shape asks for (round 16), where it says little of a name; else 0 (the
    ordinary threshold holds)."""
    shape = shape_of(word)
    return {"opening": OPENING_SURE, "lower": LOWER_SURE, "geez": GEEZ_SURE}[shape] if shape else 0.0


def doubt_for(word: Word) -> float:
    if word.kind == "name_place":
        return PLACE_DOUBT
    if word.kind == "safe":
        return SAFE_NAME_SURE if _safe_name(word) else NEVER_SURE
    return DOUBT


def vetoed(start: int, end: int, scored: Sequence[tuple[Word, float]], veto: float | None = None) -> bool:
    """Whether the tagger overrules a name the rules found at start:end: it gives every word of the span a
    P(name) below VETO. (A vetoed span is kept, and the review queue marks it.)"""
    veto = VETO if veto is None else veto
    inside = [p for w, p in scored if w.start < end and start < w.end]
    return veto > 0 and bool(inside) and max(inside) < veto


# Where any word is a name, whatever the tagger thinks of it: after a naming cue ("my name is", "ناوی") or a title
# ("Mr", "ሚስተር"). The rules' names found there are never overruled (round 11 measured the veto losing them)
FIRM_REASONS = frozenset(("after a naming cue", "after a title"))
FIRM_PATTERN_SCORE = 0.7     # names.PersonNameRecognizer's cue, title, role and kinship patterns score 0.7 to 0.85


def firm(result, found: Iterable[tuple[int, int, float, str]]) -> bool:
    """Whether a name of the rules (a Presidio RecognizerResult) stands where any word is a name, so that the
    tagger may not overrule it. ``found``: people.find_names' spans with their reasons."""
    recognizer = (result.recognition_metadata or {}).get("recognizer_name")
    if recognizer == "PersonNameRecognizer":
        return result.score >= FIRM_PATTERN_SCORE
    return any(s < result.end and result.start < e and why in FIRM_REASONS for s, e, _score, why in found)


def name_spans(text: str, words: Sequence[Word], chosen: Sequence[bool]) -> list[tuple[int, int]]:
    """Chosen words next to each other (a space or a hyphen between, or Han characters touching) are one
    span: a full name is one [NAME]."""
    spans: list[tuple[int, int]] = []
    for w, yes in zip(words, chosen):
        if not yes:
            continue
        between = text[spans[-1][1]:w.start] if spans else "x"
        if spans and not between.strip(" -") and (between or w.kind == "han"):
            spans[-1] = (spans[-1][0], w.end)
        else:
            spans.append((w.start, w.end))
    return spans


# -- the model: trained on the spent corpus parts, kept in the machine's cache by content ---------------


def corpus_files() -> list[Path]:
    """The labelled files the tagger learns from: the spent parts only (never a held-out part)."""
    from .evaluate import PARTS, part_paths

    return [path for part in PARTS if not part.held_out for path in part_paths(part.name)]


@functools.lru_cache(maxsize=1)
def fingerprint() -> str:
    """A hash of what training reads: the corpus files, this package's code and word lists (the rules'
    decisions are features), the parameters and python-crfsuite's version."""
    from importlib import metadata

    package = Path(__file__).resolve().parent
    digest = hashlib.sha256()
    inputs = [*corpus_files(), *sorted(p for p in package.rglob("*") if p.is_file() and p.suffix != ".pyc"
                                       and "__pycache__" not in p.parts)]
    for path in inputs:
        digest.update(path.name.encode() + b"\0" + hashlib.sha256(path.read_bytes()).digest())
    digest.update(f"{C1} {C2} {MAX_ITERATIONS} crfsuite {metadata.version('python-crfsuite')}".encode())
    return digest.hexdigest()[:24]


def model_dir() -> Path:
    from bot.settings import get_settings

    return get_settings().cache_dir / "tagger"


def model_path() -> Path:
    return model_dir() / f"names-{fingerprint()}.crfsuite"


def training_sequences(items) -> Iterable[tuple[list[list[str]], list[str]]]:
    """(features, labels) of each labelled answer, with the rules' decisions made by the rules alone."""
    from .engine import get_redactor

    redactor = get_redactor()
    lex = get_lexicon()
    for item in items:
        language = normalise_language(item.language)
        results = redactor.analyze(item.text, language, learned=False)
        words, xseq = sequence(item.text, language, results, lex)
        yield xseq, gold_labels(words, [(s.start, s.end) for s in item.expected if s.type == "NAME"])


def build(force: bool = False) -> Path | None:
    """The model for the corpus and code as they are now: kept, or trained (about a minute on one core for 14,500
    answers). None when there is no corpus to learn from (the rules then work alone)."""
    import fcntl

    from .evaluate import load_corpus

    files = corpus_files()
    if not files:
        return None
    path = model_path()
    if path.exists() and not force:
        return path
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path.parent / ".build.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)    # processes starting together: one trains, the others wait
        if force or not path.exists():
            items = [item for file in files for item in load_corpus(file)]
            train(training_sequences(items), path)
            for old in sorted(path.parent.glob("names-*.crfsuite"), key=lambda p: p.stat().st_mtime)[:-3]:
                if old != path:
                    old.unlink(missing_ok=True)   # models of older corpora and code: the newest three stay
    return path


_tagger: Tagger | None = None
_loaded: Path | None = None          # the model loaded (Path() when there is no corpus: the rules alone)
_building: threading.Thread | None = None
_load_lock = threading.Lock()


def get_tagger(wait: bool = True) -> Tagger | None:
    """The process's tagger, or None without a corpus. When the cache has no model for this corpus and
    code yet, ``wait=True`` (commands, evaluation, tests) trains it now; ``wait=False`` (redaction of a
    survivor's answer: a turn never waits a minute for training) starts training in a thread and answers
    None meanwhile: the rules work alone and `ready()` is False, so the store sends the answer to review."""
    global _tagger, _loaded, _building
    if _loaded is not None:
        return _tagger
    with _load_lock:
        if _loaded is None:
            if not corpus_files():
                _loaded = Path()
            elif wait or model_path().exists():
                path = build()
                _tagger = Tagger(path) if path else None
                _loaded = path or Path()
            elif _building is None:
                # once per process: a build that failed (a read-only cache, say) is not retried on every
                # answer; the answers stay with the rules alone and go to review, and `imsa-voices train` or
                # a restart tries again
                _building = threading.Thread(target=_build_quietly, name="name-tagger-build", daemon=True)
                _building.start()
    return _tagger


def _build_quietly() -> None:
    try:
        build()
    except Exception:   # training reads the invented corpora only; nothing of an answer is in a traceback
        pass


def ready() -> bool:
    """False while this process redacts without the tagger because its model is still being trained."""
    return _loaded is not None


def reset() -> None:
    """Forget the loaded model (tests that build one of their own)."""
    global _tagger, _loaded, _building
    with _load_lock:
        _tagger, _loaded, _building = None, None, None
    fingerprint.cache_clear()
    _last.entry = None


# -- use: names to add, words to doubt -------------------------------------------------------------------

_last = threading.local()


def probabilities(text: str, language: str, results: Sequence | None = None) \
        -> tuple[list[tuple[int, int]], list[tuple[Word, float]]]:
    """(the rules' spans, each word of the answer with P(name)). ``results``: what the rules alone found
    (Presidio RecognizerResults), analysed here when not given. Kept for the thread's last answer, under
    a digest of the text (never the text), so that the review queue's question about the answer that
    was just redacted costs nothing."""
    spans, _names, scored = _analysed(text, language, results)
    return spans, scored


def _analysed(text: str, language: str, results: Sequence | None = None) \
        -> tuple[list[tuple[int, int]], list, list[tuple[Word, float]]]:
    """(the rules' spans, their names (RecognizerResults), each word with P(name)): see `probabilities`."""
    key = (hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).digest(), language)
    last = getattr(_last, "entry", None)
    if last is not None and last[0] == key:
        return last[1], last[2], last[3]
    if results is None:
        from .engine import get_redactor

        results = get_redactor().analyze(text, language, learned=False)
    spans = [(r.start, r.end) for r in results]
    names = [r for r in results if r.entity_type == "NAME"]
    tagger = get_tagger(wait=False)
    scored: list[tuple[Word, float]] = []
    if tagger is not None:
        words, xseq = sequence(text, language, results)
        scored = list(zip(words, tagger.probabilities(xseq)))
    _last.entry = (key, spans, names, scored)
    return spans, names, scored


def _free(word: Word, spans: Sequence[tuple[int, int]]) -> bool:
    return may_add(word) and not any(s < word.end and word.start < e for s, e in spans)


def learned_names(text: str, language: str, results: Sequence) -> list[tuple[int, int, float]]:
    """Name spans the tagger is sure of (P >= SURE) where the rules redacted nothing: (start, end, P)."""
    spans, scored = probabilities(text, language, results)
    words = [w for w, _ in scored]
    chosen = [p >= sure_for(w) and _free(w, spans) for w, p in scored]
    return [(start, end, max(p for w, p in scored if start <= w.start < end))
            for start, end in name_spans(text, words, chosen)]


def overruled(text: str, language: str, results: Sequence) -> list[tuple[int, int]]:
    """Names of the rules (in ``results``) that the tagger overrules (`vetoed`, and not `firm`): to keep, and to
    review."""
    _spans, _names, scored = _analysed(text, language, results)
    if not scored or VETO <= 0:
        return []
    found = people.find_names(text, language)[0]
    candidates = [r for r in results if r.entity_type == "NAME" and vetoed(r.start, r.end, scored)
                  and not firm(r, found)]
    return [(r.start, r.end) for r in reviewable(text, language, results, candidates)]


def reviewable(text: str, language: str, results: Sequence, candidates: Sequence) -> list:
    """The candidates (names of the rules the tagger would overrule) that the rules find again in the answer
    redacted without them: the review queue marks exactly those (`doubtful_words`, on the stored text). A name
    found only beside another ("o rui e o nuno": a list) is not found again once its neighbour is a
    placeholder, so it is not overruled."""
    if not candidates:
        return []
    from .engine import get_redactor

    redactor = get_redactor()
    kept = sorted((r for r in results if r not in candidates), key=lambda r: r.start)
    redacted = redactor.anonymize(text, list(kept))
    again = [(r.start, r.end) for r in redactor.analyze(redacted, language, learned=False) if r.entity_type == "NAME"]

    def moved(offset: int) -> int:     # where an offset of ``text`` is in ``redacted``
        return offset + sum(len(f"[{r.entity_type}]") - (r.end - r.start) for r in kept if r.end <= offset)

    return [c for c in candidates
            if any(s <= moved(c.start) and moved(c.end) <= e for s, e in again)]


def doubtful_words(text: str, language: str) -> list[tuple[int, int]]:
    """Words left in ``text`` (a redacted answer) that the tagger half-believes are names (DOUBT <= P), and
    names of the rules in it that the tagger overrules (VETO: redaction kept them). For the review queue. (On
    the answer just redacted, the words of P >= SURE are redacted already.)"""
    language = normalise_language(language)
    spans, names, scored = _analysed(text, language)
    if not scored:
        return []
    doubted = [(w.start, w.end) for w, p in scored if p >= doubt_for(w) and _free(w, spans)]
    found = people.find_names(text, language)[0] if names else []
    return sorted(doubted + [(r.start, r.end) for r in names
                             if vetoed(r.start, r.end, scored) and not firm(r, found)])


def main(argv: list[str] | None = None) -> int:
    """``python -m bot.anonymise.tagger [--force] [--quiet]``: build the model (``imsa-voices train`` does too)."""
    import argparse
    import time

    parser = argparse.ArgumentParser(description="Train the learned name tagger if the cache has none.")
    parser.add_argument("--force", action="store_true", help="train even when the cache has the model")
    parser.add_argument("--quiet", action="store_true")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    path = build(force=args.force)
    if not args.quiet:
        print(f"{path} ({time.perf_counter() - started:.1f} s)" if path else "no corpus: the rules work alone")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
