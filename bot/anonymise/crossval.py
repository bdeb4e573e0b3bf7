"""How well the learned tagger carries over to a writer it never saw: leave-one-part-out over the spent parts.

    python -m bot.anonymise.crossval                     # every spent part in turn, thresholds 0.2 .. 0.6
    python -m bot.anonymise.crossval --parts heldout8 dev7 --sure 0.3 0.5
    python -m bot.anonymise.crossval --parts heldout13 --fraction 0.25 0.5 1   # a learning curve
    python -m bot.anonymise.crossval --opening-sure 0.2 --lower-sure 0.2 --geez-sure 0.2  # round 15's thresholds

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
names missed the review queue would still show (P >= DOUBT).
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
from pathlib import Path

from . import tagger
from .evaluate import PARTS, Item, load_part
from .languages import normalise_language
from .recognizers import people

THRESHOLDS = (0.2, 0.3, 0.4, 0.5, 0.6)

# filled in the parent before the pool forks: (part name, items, sequences, rule results) of every spent part
_DATA: dict[str, tuple[list[Item], list, list]] = {}


def _prepare(names: list[str]) -> None:
    from .engine import get_redactor

    redactor = get_redactor()
    for name in names:
        items = load_part(name)
        sequences = list(tagger.training_sequences(items))
        results = [redactor.analyze(item.text, normalise_language(item.language), learned=False) for item in items]
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


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    spent = [p.name for p in PARTS if not p.held_out]
    parser.add_argument("--parts", nargs="+", choices=spent, default=spent, help="the parts to leave out in turn")
    parser.add_argument("--sure", nargs="+", type=float, default=list(THRESHOLDS), help="SURE thresholds to try")
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
    settings = tuple((t, v) for t in sorted(args.sure) for v in sorted(args.veto))
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
