"""Precision and recall of bot.anonymise on the labelled corpus.

    python -m bot.anonymise.evaluate [--corpus PATH] [--errors]

A predicted span is a hit when it overlaps an expected span of the same type.
Recall: expected spans hit / expected spans. Precision: predicted spans that overlap an
expected span of the same type / predicted spans. --errors prints the misses and false
alarms (the corpus is fake data, so printing it leaks nothing).
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from . import ENTITY_TYPES, redact

DEFAULT_CORPUS = Path(__file__).resolve().parents[2] / "tests" / "data" / "redaction_corpus.yml"
PATTERNED_TYPES = ("PHONE", "EMAIL", "POSTCODE", "NINO", "REFERENCE")


@dataclass(frozen=True)
class Span:
    type: str
    start: int
    end: int

    def overlaps(self, other: "Span") -> bool:
        return self.type == other.type and self.start < other.end and other.start < self.end


@dataclass
class Item:
    text: str
    language: str
    expected: list[Span]
    split: str = "dev"   # "dev": written alongside the recognizers; "heldout": never tuned on


@dataclass
class Scores:
    true_positive: Counter = field(default_factory=Counter)   # predicted spans that hit
    predicted: Counter = field(default_factory=Counter)
    found: Counter = field(default_factory=Counter)           # expected spans that were hit
    expected: Counter = field(default_factory=Counter)
    errors: list[str] = field(default_factory=list)
    by_script: dict[str, Counter] = field(default_factory=dict)

    def precision(self, entity: str | None = None) -> float:
        tp, n = self._pair(self.true_positive, self.predicted, entity)
        return tp / n if n else 1.0

    def recall(self, entity: str | None = None) -> float:
        tp, n = self._pair(self.found, self.expected, entity)
        return tp / n if n else 1.0

    @staticmethod
    def _pair(hits: Counter, total: Counter, entity: str | None) -> tuple[int, int]:
        if entity is None:
            return sum(hits.values()), sum(total.values())
        return hits[entity], total[entity]


def load_corpus(path: Path = DEFAULT_CORPUS) -> list[Item]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    items = []
    for raw in data["items"]:
        text = raw["text"]
        spans = []
        for entity, value in raw.get("entities") or []:
            start = text.find(value)
            if start < 0:
                raise ValueError(f"corpus: {value!r} is not in {text!r}")
            spans.append(Span(entity, start, start + len(value)))
        items.append(
            Item(text=text, language=raw.get("lang", "en"), expected=spans,
                 split=raw.get("split", "dev"))
        )
    return items


def is_latin(value: str) -> bool:
    return all(ord(c) < 0x250 or not c.isalpha() for c in value)


def evaluate(items: list[Item]) -> Scores:
    scores = Scores()
    latin = scores.by_script.setdefault("NAME_LATIN", Counter())
    for item in items:
        predicted = [Span(e.type, e.start, e.end) for e in redact(item.text, item.language).entities]
        for span in predicted:
            scores.predicted[span.type] += 1
            if any(span.overlaps(exp) for exp in item.expected):
                scores.true_positive[span.type] += 1
            else:
                scores.errors.append(f"FALSE ALARM {span.type:<13} {item.text[span.start:span.end]!r} in {item.text!r}")
        for exp in item.expected:
            scores.expected[exp.type] += 1
            hit = any(exp.overlaps(span) for span in predicted)
            if hit:
                scores.found[exp.type] += 1
            else:
                scores.errors.append(f"MISSED      {exp.type:<13} {item.text[exp.start:exp.end]!r} in {item.text!r}")
            if exp.type == "NAME" and is_latin(item.text[exp.start:exp.end]):
                latin["expected"] += 1
                latin["found"] += int(hit)
    return scores


def latin_name_recall(scores: Scores) -> float:
    latin = scores.by_script["NAME_LATIN"]
    return latin["found"] / latin["expected"] if latin["expected"] else 1.0


def report(scores: Scores, items: list[Item]) -> str:
    negatives = sum(1 for item in items if not item.expected)
    lines = [
        f"corpus: {len(items)} items ({negatives} hard negatives), "
        f"{sum(scores.expected.values())} expected entities",
        f"{'type':<14}{'expected':>9}{'predicted':>10}{'precision':>11}{'recall':>8}",
    ]
    for entity in ENTITY_TYPES:
        lines.append(
            f"{entity:<14}{scores.expected[entity]:>9}{scores.predicted[entity]:>10}"
            f"{scores.precision(entity):>11.3f}{scores.recall(entity):>8.3f}"
        )
    patterned_found = sum(scores.found[t] for t in PATTERNED_TYPES)
    patterned_expected = sum(scores.expected[t] for t in PATTERNED_TYPES)
    lines += [
        f"{'OVERALL':<14}{sum(scores.expected.values()):>9}{sum(scores.predicted.values()):>10}"
        f"{scores.precision():>11.3f}{scores.recall():>8.3f}",
        f"patterned types ({', '.join(PATTERNED_TYPES)}) recall: "
        f"{patterned_found / patterned_expected:.3f}",
        f"names in Latin script recall: {latin_name_recall(scores):.3f} "
        f"({scores.by_script['NAME_LATIN']['expected']} names)",
    ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--errors", action="store_true", help="list misses and false alarms")
    parser.add_argument("--split", choices=["all", "dev", "heldout"], default="all",
                        help="dev: written alongside the recognizers; heldout: never tuned on")
    args = parser.parse_args(argv)
    items = load_corpus(args.corpus)
    if args.split != "all":
        items = [item for item in items if item.split == args.split]
    scores = evaluate(items)
    print(f"split: {args.split}")
    print(report(scores, items))
    if args.errors:
        print("\n".join(scores.errors) if scores.errors else "no errors")
    return 0


if __name__ == "__main__":
    sys.exit(main())
