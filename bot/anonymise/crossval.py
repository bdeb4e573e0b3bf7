"""How well the learned tagger carries over to a writer it never saw: leave-one-part-out over the spent parts.

    python -m bot.anonymise.crossval                     # every spent part in turn, thresholds 0.2 .. 0.6
    python -m bot.anonymise.crossval --parts heldout8 dev7 --sure 0.3 0.5
    python -m bot.anonymise.crossval --parts heldout13 --fraction 0.25 0.5 1   # a learning curve
    python -m bot.anonymise.crossval --opening-sure 0.2 --lower-sure 0.2 --geez-sure 0.2  # round 15's thresholds
    nice python -m bot.anonymise.crossval --folds 5 --geez 0.2 0.3 0.4 0.5   # k folds, the shapes' thresholds swept

``--folds K`` (round 17, round 16's exploration driver made a command): the spent parts in K folds of whole parts
(each fold's writers unseen by its model, trained on the other folds), each answer's P(name) kept, and every
setting of (SURE, opening, lower, Ge'ez) thresholds in the grid scored on them; the table (markdown) ranks them by
the loss in the goals' error budgets, (1 - recall) / 0.02 + (1 - precision) / 0.10 + (1 - kept) / 0.05. The folds'
probabilities are kept in the cache (keyed by corpus and code), so another grid costs no training.

``--sure`` is the threshold for an ordinary word; the thresholds of the shapes that say little (round 16,
tagger.shape_sure) hold above it.

Each spent part of the names corpus (bot.anonymise.evaluate.PARTS) was written by other writers than the
rest, so training on all the others and scoring it says what the tagger adds on fresh text: the figure a
held-out part gives once, here for every part and every threshold. The rules were tuned on these parts,
so the absolute figures flatter the rules; the differences between thresholds and feature sets are what
this is for (the SURE threshold and the training parameters were chosen with it). Never reads a held-out
part. Names only: the tagger adds nothing else.

For each fold and each SURE threshold: name recall, name precision (over names the rules or the tagger
redacted), hard negatives kept whole (an item with no entity, nothing redacted), and how many of the
names missed the review queue would still show (P >= DOUBT). With ``--folds``, from round 19, the review columns are
the whole queue's: the tagger's doubts and the rules' (bot.anonymise.uncertain), and how many hard negatives would
wait in review (anything redacted, or a doubt left).
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import tempfile
import time
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from . import tagger
from .evaluate import PARTS, Item, load_part, offsets_back
from .languages import normalise_language
from .recognizers import people

THRESHOLDS = (0.2, 0.3, 0.4, 0.5, 0.6)

# filled in the parent before the pool forks: (part name, items, sequences, rule results) of every spent part
_DATA: dict[str, tuple[list[Item], list, list]] = {}


def _prepare(names: list[str]) -> None:
    """Each part's answers, their features and labels, and what the rules alone found: one analysis an answer."""
    from .engine import get_redactor
    from .lexicon import get_lexicon

    redactor = get_redactor()
    lex = get_lexicon()
    for name in names:
        items = load_part(name)
        sequences, results = [], []
        for item in items:
            language = normalise_language(item.language)
            found = redactor.analyze(item.text, language, learned=False)
            words, xseq = tagger.sequence(item.text, language, found, lex)
            sequences.append((xseq, tagger.gold_labels(words, [(s.start, s.end) for s in item.expected
                                                                if s.type == "NAME"])))
            results.append(found)
        _DATA[name] = (items, sequences, results)


def _training(name: str, fraction: float = 1.0) -> list:
    """The other parts' sequences; with ``fraction`` below 1 a seeded random share of each part's answers."""
    sequences = []
    for other, (_, seqs, _) in _DATA.items():
        if other != name:
            keep = len(seqs) if fraction >= 1 else round(len(seqs) * fraction)
            sequences += random.Random(f"{other} {fraction}").sample(seqs, keep) if keep < len(seqs) else seqs
    return sequences


def _fold(name: str, settings: tuple[tuple[float, float], ...], c1: float, c2: float,
          errors: bool = False, fraction: float = 1.0) -> tuple[str, dict[tuple[float, float], Counter], list[str]]:
    """One fold: train on the other parts (or ``fraction`` of each), score ``name`` at each (SURE, VETO)
    setting."""
    from presidio_analyzer import RecognizerResult

    from .engine import resolve_overlaps

    listed_at = (tagger.SURE, max(v for _, v in settings))   # the setting whose errors --errors lists
    with tempfile.TemporaryDirectory(prefix="imsa-crossval-") as tmp:
        path = Path(tmp) / "fold.crfsuite"
        tagger.train(_training(name, fraction), path, c1, c2)
        model = tagger.Tagger(path)
        items, sequences, all_results = _DATA[name]
        out: dict[tuple[float, float], Counter] = {s: Counter() for s in settings}
        listed: list[str] = []
        for item, (xseq, _gold), results in zip(items, sequences, all_results):
            language = normalise_language(item.language)
            words = tagger.words_of(item.text, language)
            probs = model.probabilities(xseq)
            spans = [(r.start, r.end) for r in results]
            names = [(s.start, s.end) for s in item.expected if s.type == "NAME"]
            reasons = people.find_names(item.text, language)[0]
            for t, veto in settings:
                show = errors and (t, veto) == listed_at
                chosen = [p >= tagger.sure_for(w, t) and tagger._free(w, spans) for w, p in zip(words, probs)]
                added = [RecognizerResult("NAME", s, e, 0.6) for s, e in tagger.name_spans(item.text, words, chosen)]
                vetoed = tagger.reviewable(item.text, language, results, [
                    r for r in results if r.entity_type == "NAME" and tagger.vetoed(
                        r.start, r.end, list(zip(words, probs)), veto) and not tagger.firm(r, reasons)])
                kept_rules = [r for r in results if r not in vetoed]
                if show:
                    for r in vetoed:
                        true = any(r.start < e and s < r.end for s, e in names)
                        listed.append(f"VETOED {'NAME' if true else 'NOT'} {r.score:.2f} "
                                      f"{item.text[r.start:r.end]!r} [{item.language}]")
                final = resolve_overlaps([RecognizerResult(r.entity_type, r.start, r.end, r.score)
                                          for r in kept_rules] + added)
                c = out[(t, veto)]
                predicted = [(r.start, r.end) for r in final if r.entity_type == "NAME"]
                c["predicted"] += len(predicted)
                c["hit"] += sum(any(s < e2 and s2 < e for s2, e2 in names) for s, e in predicted)
                c["expected"] += len(names)
                # what the review queue would mark: the words the tagger half-believes, and what it vetoed
                doubt = [(w.start, w.end) for w, p in zip(words, probs)
                         if tagger.doubt_for(w) <= p and tagger._free(w, spans)] + [(r.start, r.end) for r in vetoed]
                if show:
                    listed += [f"FALSE ALARM {item.text[s:e]!r} in {item.text!r} [{item.language}]"
                               for s, e in predicted if not any(s < e2 and s2 < e for s2, e2 in names)]
                for s, e in names:
                    found = any(s < e2 and s2 < e for s2, e2 in predicted)
                    if show and not found:
                        p = max((p for w, p in zip(words, probs) if w.start < e and s < w.end), default=0.0)
                        listed.append(f"MISSED {item.text[s:e]!r} (P {p:.2f}) in {item.text!r} [{item.language}]")
                    c["found"] += found
                    c["flagged"] += (not found) and any(s < e2 and s2 < e for s2, e2 in doubt)
                if not item.expected:
                    c["negatives"] += 1
                    c["kept"] += not final
    return name, out, listed


# -- k folds of whole parts, the shapes' thresholds swept (round 17: round 16's driver, committed) ----------------

# The goals (name recall, name precision, hard negatives kept) and the error budget each leaves: a setting's loss is
# the sum of its three shortfalls, each in its budget, (1 - recall) / 0.02 + (1 - precision) / 0.10 + (1 - kept) / 0.05
GOALS = (0.98, 0.90, 0.95)
SHAPES = ("opening", "lower", "geez")
GRID = {"opening": (0.2, 0.3, 0.4, 0.5, 0.6, 0.7), "lower": (0.2, 0.3, 0.4, 0.5), "geez": (0.2, 0.3, 0.4, 0.5, 0.6)}
RULES_ALONE = (tagger.NEVER_SURE,) * 4


def fold_groups(names: list[str], k: int) -> list[list[str]]:
    """``names`` (parts in _DATA) in ``k`` folds of whole parts, of about as many answers each: the largest part
    first, each to the fold with the fewest answers so far (the same folds every run)."""
    folds: list[list[str]] = [[] for _ in range(max(1, min(k, len(names))))]
    load = [0] * len(folds)
    for name in sorted(names, key=lambda n: (-len(_DATA[n][0]), n)):
        i = min(range(len(folds)), key=lambda j: (load[j], j))
        folds[i].append(name)
        load[i] += len(_DATA[name][0])
    return folds


def _fold_probabilities(group: list[str], c1: float, c2: float) -> dict[str, list[list[float]]]:
    """P(name) of every word of the parts in ``group``, by a model trained on every other part in _DATA."""
    sequences = [seq for other, (_, seqs, _) in _DATA.items() if other not in group for seq in seqs]
    with tempfile.TemporaryDirectory(prefix="imsa-crossval-") as tmp:
        path = Path(tmp) / "fold.crfsuite"
        tagger.train(sequences, path, c1, c2)
        model = tagger.Tagger(path)
        return {name: [model.probabilities(xseq) for xseq, _ in _DATA[name][1]] for name in group}


@dataclass
class Scored:
    """One answer, as a fold's model saw it: what every threshold setting needs to score it."""
    text: str
    words: list[tagger.Word]
    names: list[tuple[int, int]]              # the names it holds (gold)
    rule_names: list[tuple[int, int]]         # the names the rules redacted
    rule_any: bool                            # the rules redacted something
    candidates: list[tuple[int, float, str]]  # free words: (index, P(name), their class: a shape, "place" ...)
    doubted: list[tuple[int, int]]            # words the review queue marks (P >= DOUBT)
    rule_doubted: list[tuple[int, int]]       # round 19: and the rules' doubts (uncertain.doubts, learned=False)
    negative: bool                            # a hard negative: no entity of any type in it
    part: str


def word_class(word: tagger.Word) -> str:
    """Which threshold a word answers to (tagger.sure_for): "place", "safe_name", "never" or its shape ("": none)."""
    if word.kind == "name_place":
        return "place"
    if word.kind == "safe":
        return "safe_name" if tagger._safe_name(word) else "never"
    return tagger.shape_of(word)


def rule_doubts(item: Item, results: list) -> list[tuple[int, int]]:
    """Round 19: what the review queue's rules (uncertain.doubts without the tagger) highlight in the answer redacted
    by the rules alone, as spans of the original text (evaluate._flagged's mapping). With the tagger, the stored text
    has the tagger's names redacted too; a name both missed stands in either text."""
    from . import redact
    from .uncertain import doubts

    redaction = redact(item.text, item.language, False)
    back = offsets_back(item.text, redaction)
    return [(back[d.start], back[d.end - 1] + 1) for d in doubts(redaction.text, item.language, learned=False)
            if d.end - 1 < len(back)]


def scored_answers(probabilities: dict[str, list[list[float]]]) -> list[Scored]:
    from presidio_analyzer import RecognizerResult

    from .engine import resolve_overlaps

    out = []
    for name, part_probs in probabilities.items():
        items, _, all_results = _DATA[name]
        for item, probs, results in zip(items, part_probs, all_results):
            words = tagger.words_of(item.text, normalise_language(item.language))
            spans = [(r.start, r.end) for r in results]
            final = resolve_overlaps([RecognizerResult(r.entity_type, r.start, r.end, r.score) for r in results])
            free = [tagger._free(w, spans) for w in words]
            rule_names = [(r.start, r.end) for r in final if r.entity_type == "NAME"]
            gold = [(s.start, s.end) for s in item.expected if s.type == "NAME"]
            # the rules' doubts matter for a hard negative and for a name the rules missed (asked only there: cost)
            asked = not item.expected or any(not any(s < e2 and s2 < e for s2, e2 in rule_names) for s, e in gold)
            out.append(Scored(
                item.text, words, [(s.start, s.end) for s in item.expected if s.type == "NAME"],
                [(r.start, r.end) for r in final if r.entity_type == "NAME"], bool(final),
                [(i, p, word_class(w)) for i, (w, p, f) in enumerate(zip(words, probs, free)) if f],
                [(w.start, w.end) for w, p, f in zip(words, probs, free) if f and p >= tagger.doubt_for(w)],
                rule_doubts(item, results) if asked else [], not item.expected, name))
    return out


def score(answers: list[Scored], setting: tuple[float, float, float, float]) -> Counter:
    """The counts of one setting (SURE, opening, lower, Ge'ez thresholds; tagger.sure_for's rule: a shape's
    threshold holds above SURE) over the answers."""
    sure, opening, lower, geez = setting
    threshold = {"": sure, "opening": max(sure, opening), "lower": max(sure, lower), "geez": max(sure, geez),
                 "place": tagger.PLACE_SURE, "safe_name": tagger.SAFE_NAME_SURE, "never": tagger.NEVER_SURE}
    if setting == RULES_ALONE:
        threshold = dict.fromkeys(threshold, tagger.NEVER_SURE)
    c: Counter = Counter()
    for a in answers:
        chosen = [False] * len(a.words)
        for i, p, kind in a.candidates:
            if p >= threshold[kind]:
                chosen[i] = True
                w = a.words[i]
                c["added " + (kind or "other")] += 1
                c["added name " + (kind or "other")] += any(w.start < e and s < w.end for s, e in a.names)
        predicted = a.rule_names + (tagger.name_spans(a.text, a.words, chosen) if any(chosen) else [])
        c["predicted"] += len(predicted)
        c["hit"] += sum(any(s < e2 and s2 < e for s2, e2 in a.names) for s, e in predicted)
        c["expected"] += len(a.names)
        for s, e in a.names:
            found = any(s < e2 and s2 < e for s2, e2 in predicted)
            c["found"] += found
            if tagger._script(a.text[s:e]) == "ETHIOPIC":
                c["geez names"] += 1
                c["geez found"] += found
            c["flagged"] += (not found) and any(s < e2 and s2 < e for s2, e2 in a.doubted + a.rule_doubted)
        if a.negative:
            c["negatives"] += 1
            c["kept"] += not predicted and not a.rule_any
            # the store sends an answer to review when anything was redacted or a doubt is left
            c["review"] += bool(predicted or a.rule_any or a.doubted or a.rule_doubted)
    return c


def figures(c: Counter) -> tuple[float, float, float, float, float]:
    """(name recall, name precision, hard negatives kept, F2, loss in the goals' error budgets)."""
    recall = c["found"] / c["expected"] if c["expected"] else 1.0
    precision = c["hit"] / c["predicted"] if c["predicted"] else 1.0
    kept = c["kept"] / c["negatives"] if c["negatives"] else 1.0
    f2 = 5 * precision * recall / (4 * precision + recall) if precision + recall else 0.0
    loss = sum((1 - v) / (1 - g) for v, g in zip((recall, precision, kept), GOALS))
    return recall, precision, kept, f2, loss


def sweep(answers: list[Scored], settings: list[tuple[float, float, float, float]],
          current: tuple[float, float, float, float], top: int = 12, parts: tuple[str, ...] = ()) \
        -> tuple[list[str], tuple]:
    """The table of a sweep (markdown): the rules alone, round 15's one threshold, the current setting, then the
    ``top`` settings by loss; and the setting of least loss (ties: the better F2). ``parts``: the same rows for
    each of these parts alone, scored by its fold's model (which never saw it)."""
    one = (current[0],) * 4     # round 15: one threshold for every shape
    scores = {s: score(answers, s) for s in dict.fromkeys([*settings, current, one, RULES_ALONE])}
    ranked = sorted((s for s in settings), key=lambda s: (round(figures(scores[s])[4], 6), -figures(scores[s])[3], s))
    best = ranked[0]

    def row(label: str, c: Counter) -> str:
        recall, precision, kept, f2, loss = figures(c)
        return (f"| {label} | {recall:.3f} ({c['found']}/{c['expected']}) | {precision:.3f} | {kept:.3f} "
                f"({c['kept']}/{c['negatives']}) | {f2:.3f} | {loss:.2f} | "
                f"{c['flagged']}/{c['expected'] - c['found']} | {c['review']}/{c['negatives']} |")

    def label(s: tuple) -> str:
        return f"SURE {s[0]:.2f}, opening {s[1]:.2f}, lower {s[2]:.2f}, Ge'ez {s[3]:.2f}"

    lines = ["| setting | name recall | name precision | hard negatives kept | F2 | loss (budgets) "
             "| misses in review | hard negatives in review |",
             "| --- | --- | --- | --- | --- | --- | --- | --- |",
             row("the rules alone", scores[RULES_ALONE])]
    lines.append(row(f"one threshold: {label(one)}", scores[one]))
    lines.append(row(f"current: {label(current)}", scores[current]))
    lines += [row(("**least loss**: " if s == best else "") + label(s), scores[s]) for s in ranked[:top]]
    lines.append("one shape's threshold at a time, the others as now: (threshold) recall / name precision / kept, "
                 "loss; names among the words of that shape the tagger adds")
    for i, shape in enumerate(SHAPES, 1):
        values = sorted({s[i] for s in settings} | {current[i]})
        cells = []
        for v in values:
            t = list(current)
            t[i] = v
            setting = (t[0], t[1], t[2], t[3])
            c = scores.get(setting) or score(answers, setting)
            recall, precision, kept, _f2, loss = figures(c)
            cells.append(f"{v:.2f}: {recall:.4f} / {precision:.4f} / {kept:.4f}, {loss:.3f}; "
                         f"{c['added name ' + shape]}/{c['added ' + shape]}")
        lines.append(f"* {shape}: " + "; ".join(cells))
    for part in parts:
        mine = [a for a in answers if a.part == part]
        lines.append(f"{part} alone, by its fold's model:")
        for name, s in (("the rules alone", RULES_ALONE), ("one threshold", one), ("current", current),
                        ("least loss", best)):
            c = score(mine, s)
            lines.append(row(f"{part}, {name}: {label(s)}", c) + f" Ge'ez names {c['geez found']}/{c['geez names']}")
    for name, s in (("current", current), ("least loss", best)):
        c = scores[s]
        lines.append(f"words the tagger adds at {name}, names of them, by class: " + ", ".join(
            f"{k} {c['added name ' + k]}/{c['added ' + k]}" for k in ("other", *SHAPES, "place", "safe_name")
            if c["added " + k]))
    return lines, best


def cache_key(k: int, c1: float, c2: float, replaced: dict[str, bytes] | None = None) -> str:
    """What the folds' probabilities depend on: the corpus files, the package's code and word lists but this file
    (tagger.fingerprint's inputs less crossval.py and uncertain.py, which no feature reads: another table, or other
    review doubts, cost no training), the parts, k, c1 and c2.
    ``replaced``: other contents for some files of the package, by name (to name a cache made before an edit)."""
    import hashlib

    package = Path(tagger.__file__).resolve().parent
    digest = hashlib.sha256()
    inputs = [*tagger.corpus_files(), *sorted(p for p in package.rglob("*") if p.is_file() and p.suffix != ".pyc"
                                              and "__pycache__" not in p.parts
                                              and p.name not in ("crossval.py", "uncertain.py"))]
    for path in inputs:
        data = (replaced or {}).get(path.name) if path.parent == package else None
        digest.update(path.name.encode() + b"\0" + hashlib.sha256(data or path.read_bytes()).digest())
    digest.update(f"{sorted(_DATA)} {k} {c1} {c2} {tagger.MAX_ITERATIONS}".encode())
    return digest.hexdigest()[:24]


def run_folds(k: int, settings: list[tuple[float, float, float, float]], c1: float, c2: float, jobs: int,
              top: int = 12, cache: Path | None = None, parts: tuple[str, ...] = ()) -> tuple[list[str], tuple]:
    """Every part in _DATA in ``k`` folds of whole parts (fold_groups); each fold scored by a model trained on the
    others; the settings swept over the kept probabilities. ``cache``: a folder to keep the folds' probabilities in
    (keyed by the corpus and code's fingerprint, the parts, k, c1 and c2), so that another sweep costs no training."""
    import pickle

    folds = fold_groups(list(_DATA), k)
    for i, group in enumerate(folds):
        print(f"fold {i + 1}: {sum(len(_DATA[n][0]) for n in group)} answers: {' '.join(group)}")
    file = None
    if cache is not None:
        file = cache / f"folds-{cache_key(k, c1, c2)}.pickle"
    probabilities: dict[str, list[list[float]]] = {}
    if file is not None and file.exists():
        probabilities = pickle.loads(file.read_bytes())
        print(f"probabilities of the folds from {file}")
    else:
        started = time.perf_counter()
        with ProcessPoolExecutor(jobs) as pool:
            for probs in pool.map(_fold_probabilities, folds, [c1] * len(folds), [c2] * len(folds)):
                probabilities.update(probs)
                print(f"  a fold trained and scored ({time.perf_counter() - started:.0f} s)", flush=True)
        if file is not None:
            file.parent.mkdir(parents=True, exist_ok=True)
            file.write_bytes(pickle.dumps(probabilities))
    current = (tagger.SURE, tagger.OPENING_SURE, tagger.LOWER_SURE, tagger.GEEZ_SURE)
    return sweep(scored_answers(probabilities), settings, current, top, parts)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    spent = [p.name for p in PARTS if not p.held_out]
    parser.add_argument("--parts", nargs="+", choices=spent, default=spent, help="the parts to leave out in turn")
    parser.add_argument("--sure", nargs="+", type=float, default=None,
                        help=f"SURE thresholds to try (default {' '.join(map(str, THRESHOLDS))}; with --folds: SURE)")
    parser.add_argument("--folds", type=int, default=0,
                        help="k folds of whole parts instead of one part left out at a time, and a sweep of the "
                             "shapes' thresholds (--opening, --lower, --geez) scored by the goals' error budgets")
    for shape in SHAPES:
        parser.add_argument(f"--{shape}", nargs="+", type=float, default=list(GRID[shape]),
                            help=f"with --folds: the {shape} thresholds to sweep")
    parser.add_argument("--top", type=int, default=12, help="with --folds: how many settings the table shows")
    parser.add_argument("--show", nargs="+", default=[], choices=spent,
                        help="with --folds: the main rows for these parts alone too (by their fold's model)")
    parser.add_argument("--no-cache", action="store_true",
                        help="with --folds: train the folds again even when their probabilities are kept")
    parser.add_argument("--c1", type=float, default=tagger.C1)
    parser.add_argument("--c2", type=float, default=tagger.C2)
    parser.add_argument("--place-sure", type=float, default=tagger.PLACE_SURE,
                        help="the threshold for a word that is a place as well as a name")
    parser.add_argument("--safe-name-sure", type=float, default=tagger.SAFE_NAME_SURE,
                        help="the threshold for a safe word a name list has too (May, Sunday)")
    parser.add_argument("--opening-sure", type=float, default=tagger.OPENING_SURE,
                        help="the threshold for a capitalised word opening a sentence (round 16; SURE: as before)")
    parser.add_argument("--lower-sure", type=float, default=tagger.LOWER_SURE,
                        help="the threshold for a lower-case word of a script with capitals (round 16)")
    parser.add_argument("--geez-sure", type=float, default=tagger.GEEZ_SURE,
                        help="the threshold for a word in Ge'ez script (round 16)")
    parser.add_argument("--veto", nargs="+", type=float, default=[tagger.VETO],
                        help="VETO thresholds to try: a rule's name whose every word the tagger gives P below it is "
                             "kept (and marked for review); 0: never")
    parser.add_argument("--errors", action="store_true", help="list each fold's misses and false alarms at SURE")
    parser.add_argument("--fraction", nargs="+", type=float, default=[1.0],
                        help="train on this share of each other part's answers (a learning curve: does more "
                             "material still help?); several values: one run each")
    parser.add_argument("--jobs", type=int, default=min(2, os.cpu_count() or 1))
    args = parser.parse_args(argv)
    tagger.PLACE_SURE, tagger.SAFE_NAME_SURE = args.place_sure, args.safe_name_sure
    tagger.OPENING_SURE, tagger.LOWER_SURE, tagger.GEEZ_SURE = args.opening_sure, args.lower_sure, args.geez_sure
    started = time.perf_counter()
    _prepare(spent)    # every spent part is training material for the others' folds
    print(f"features of {sum(len(v[0]) for v in _DATA.values())} answers in {time.perf_counter() - started:.0f} s; "
          f"c1={args.c1} c2={args.c2}")
    if args.folds:
        from itertools import product

        from bot.settings import get_settings

        grid = list(product(sorted(args.sure or [tagger.SURE]), *(sorted(getattr(args, s)) for s in SHAPES)))
        lines, best = run_folds(args.folds, grid, args.c1, args.c2, args.jobs, args.top,
                                None if args.no_cache else get_settings().cache_dir / "crossval", tuple(args.show))
        print("\n".join(lines))
        print(f"least loss: SURE {best[0]}, opening {best[1]}, lower {best[2]}, Ge'ez {best[3]} "
              f"({time.perf_counter() - started:.0f} s)")
        return 0
    settings = tuple((t, v) for t in sorted(args.sure or THRESHOLDS) for v in sorted(args.veto))
    for fraction in args.fraction:
        share = "" if fraction >= 1 else f" ({fraction:.0%} of each)"
        total: dict[tuple[float, float], Counter] = {s: Counter() for s in settings}
        with ProcessPoolExecutor(args.jobs) as pool:
            for name, out, listed in pool.map(_fold, args.parts, *zip(*[
                    (settings, args.c1, args.c2, args.errors, fraction)] * len(args.parts))):
                print(f"== {name} (trained on the other {len(_DATA) - 1} parts{share})")
                for setting in settings:
                    total[setting].update(out[setting])
                    print("  " + _line(setting, out[setting]))
                print("\n".join(listed))
        print(f"== all folds{share}")
        for setting in settings:
            print("  " + _line(setting, total[setting]))
    print(f"({time.perf_counter() - started:.0f} s)")
    return 0


def _line(setting: tuple[float, float], c: Counter) -> str:
    t, veto = setting
    recall = c["found"] / c["expected"] if c["expected"] else 1.0
    precision = c["hit"] / c["predicted"] if c["predicted"] else 1.0
    kept = c["kept"] / c["negatives"] if c["negatives"] else 1.0
    return (f"SURE {t:.2f} VETO {veto:.2f}: names {c['found']}/{c['expected']} recall {recall:.3f} "
            f"precision {precision:.3f}; "
            f"negatives kept {c['kept']}/{c['negatives']} {kept:.3f}; misses shown in review "
            f"{c['flagged']}/{c['expected'] - c['found']}")


if __name__ == "__main__":
    sys.exit(main())
