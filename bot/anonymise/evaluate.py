"""Precision and recall of bot.anonymise on the labelled corpora.

    python -m bot.anonymise.evaluate                  # names corpus, dev and held-out apart; old corpus
    python -m bot.anonymise.evaluate --split dev --errors   # the misses and false alarms of dev

Corpora (tests/data): ``redaction_corpus.yml`` (the first corpus: every type, mostly English) and the
names corpus, ``names_corpus/*.yml``, in parts. Which parts are held out and which are spent (tuned on) is one
table, ``PARTS`` below:

* a **held-out** part is written apart, by writers who never see the code, before the round that it measures;
  it is copied in when that round's rules are final and scored once (``--split NAME``); its errors are never
  printed (``--errors`` leaves them out), and its one honest figure is kept in docs/REDACTION.md;
* from the next round it is **spent**: the next round sets its ``spent_from`` and adds a row for its own new
  held-out part. A spent part is tuned on, the learned tagger (``tagger.py``) trains on it, and
  ``--split NAME --errors`` prints its misses and false alarms;
* the ``dev`` parts were written as tuning and training material from the start and were never scored apart.

``python -m bot.anonymise.crossval`` measures the tagger on each spent part in turn, trained on the others (the
way to choose its settings without spending a held-out part).

When a value is listed n times for one item, the listings stand for its first n occurrences in the text
(before round 6 every listing stood for the first occurrence).

A predicted span is a hit when it overlaps an expected span of the same type (from round 6, PASSPORT and
REFERENCE count as one type: the corpora's writers label a BRP number either way; from round 13 a POSTCODE and
the ADDRESS it is part of hit each other: some writers label an address whole, postcode included). Recall: expected
spans hit / expected spans. Precision: predicted spans that overlap an expected span of the same
type / predicted spans. Hard negatives are items with no entity: "kept" means nothing in them was
redacted. Figures are given per type, per position (where in the sentence the name stands) and per
script of the name.
"""

from __future__ import annotations

import argparse
import sys
import time
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from . import ENTITY_TYPES, redact

DATA = Path(__file__).resolve().parents[2] / "tests" / "data"
DEFAULT_CORPUS = DATA / "redaction_corpus.yml"
NAMES_DEV = DATA / "names_corpus" / "dev.yml"
NAMES_DEV2 = DATA / "names_corpus" / "dev2.yml"      # a second dev batch: scripts without capitals, identifiers
NAMES_DEV3 = DATA / "names_corpus" / "dev3.yml"      # a third: verb-first Arabic, thin scripts, cues, everyday capitals
NAMES_DEV4 = DATA / "names_corpus" / "dev4.yml"      # a fourth: cue-less names of the thin scripts, odd identifiers
NAMES_DEV5 = DATA / "names_corpus" / "dev5.yml"      # a fifth: vocatives, word names, lists, roles, passports/BRPs
NAMES = DATA / "names_corpus"
NAMES_HELDOUT = NAMES / "heldout.yml"
NAMES_HELDOUT2 = NAMES / "heldout2.yml"
NAMES_HELDOUT3 = NAMES / "heldout3.yml"
NAMES_HELDOUT4 = NAMES / "heldout4.yml"


@dataclass(frozen=True)
class Part:
    """One part of the names corpus. A held-out part is written apart by writers who never see the code,
    copied in when a round's rules are final and scored once (its errors are never printed); from the next
    round it is spent: tuned on, part of the dev part. A new round adds one row to PARTS, nothing else."""
    name: str                   # as --split names it
    patterns: tuple[str, ...]   # its files in names_corpus/ (globs: a part may come in several files)
    scored_in: int | None       # the round whose honest figure it gave once (docs/REDACTION.md keeps it)
    spent_from: int | None      # the round from which it is tuned on; None: still held out

    @property
    def held_out(self) -> bool:
        return self.spent_from is None

    def title(self, paths: list[Path]) -> str:
        files = ", ".join(p.name for p in paths)
        if not self.held_out:
            scored = f"scored once in round {self.scored_in}, " if self.scored_in else ""
            return f"names corpus, {self.name} ({files}; {scored}tuned on from round {self.spent_from})"
        scored = f", scored once after round {self.scored_in}" if self.scored_in else ""
        return f"names corpus, held-out part {self.name} ({files}; written apart{scored}, never tuned on)"


PARTS = (
    Part("dev1-5", ("dev.yml", "dev2.yml", "dev3.yml", "dev4.yml", "dev5.yml"), None, 1),
    Part("heldout3", ("heldout3.yml",), 4, 6),
    Part("heldout4", ("heldout4.yml",), 5, 6),
    Part("heldout5", ("heldout5*.yml",), 6, 7),
    Part("heldout6", ("heldout6*.yml",), 7, 8),
    Part("heldout", ("heldout.yml",), None, None),
    Part("heldout2", ("heldout2.yml",), 3, None),
    Part("heldout7", ("heldout7*.yml",), 8, 9),
    Part("heldout8", ("heldout8*.yml",), 9, 10),
    Part("heldout9", ("heldout9*.yml",), 10, 11),
    Part("heldout10", ("heldout10*.yml",), 11, 12),
    Part("heldout11", ("heldout11*.yml",), 12, 13),
    Part("heldout12", ("heldout12*.yml",), 13, 14),
    Part("heldout13", ("heldout13*.yml",), 14, 15),
    Part("heldout14", ("heldout14*.yml",), 15, 16),
    Part("heldout15", ("heldout15*.yml",), 16, 17),
    Part("heldout16", ("heldout16*.yml",), 17, 18),
    Part("heldout17", ("heldout17*.yml",), 18, 19),
    Part("heldout18", ("heldout18*.yml",), 19, 20),
    Part("heldout19", ("heldout19*.yml",), 20, None),
    # a small held-out part of identifiers (260 answers, two thirds identifiers as people type them, a third look-alike
    # numbers), written apart in round 18 by a writer who never saw the code, after heldout17 was scored and before
    # the round's identifier rules; scored once before and once after them
    Part("ids18", ("ids18*.yml",), 18, 19),
    # written during round 9 by two writers who never saw the code, as training material for the learned
    # tagger (bot.anonymise.tagger) at the hardest look-alikes: tuned on from the start, never scored apart
    Part("dev6", ("dev6*.yml",), None, 9),
    Part("dev7", ("dev7*.yml",), None, 9),
    # written during round 11 the same way (English phone typing and word names, the Arabic-script languages,
    # Ge'ez/Bengali/Gurmukhi/Han, the Latin-script languages with their case endings)
    Part("dev8", ("dev8*.yml",), None, 11),
    # and two more during round 11: objects, nicknames and kinship words in the Latin-script languages; hard
    # negatives (half of it) and names as objects in the scripts without capitals
    Part("dev9", ("dev9*.yml",), None, 11),
    # written in round 12's first minutes (after heldout11) by four more writers who never saw the code, at round
    # 11's weak spots: English names with no cue, nicknames and word names; the Arabic-script languages; Ge'ez,
    # Bengali, Gurmukhi and Han; the Latin-script languages with case endings. Half of each is hard negatives
    Part("dev10", ("dev10*.yml",), None, 12),
    # and three more in round 12: answers typed in Latin letters in the languages of other scripts (Arabizi,
    # Finglish, romanised Urdu, Punjabi, Tigrinya, pinyin...), long English answers, and the scripts without
    # capitals with everyday words where names stand (three fifths hard negatives)
    Part("dev11", ("dev11*.yml",), None, 12),
    # written in round 13's first minutes, beside heldout12, by three more writers who never saw the code or
    # heldout12, at round 12's weak spots: names that are everyday words in the Arabic-script languages and
    # Ge'ez; inflected and diminutive names, word names opening a sentence, Vietnamese without accents and brands
    # in the Latin-script languages; Han, Bengali and Gurmukhi names that are words, and identifiers of every kind
    # with look-alikes
    Part("dev12", ("dev12*.yml",), None, 13),
    # written in round 14's first minutes, beside heldout13, by two more writers who never saw the code or
    # heldout13: lower-case names, word names, roles and lists in English and the Latin-script languages; names
    # with no cue, everyday-word names and subjects after their verb in the scripts without capitals
    Part("dev13", ("dev13*.yml",), None, 14),
    # written in round 15's first minutes, beside heldout14, by three more writers who never saw the code or
    # heldout14: lower-case names, word names and objects in English and the Latin-script languages; Cyrillic,
    # Devanagari and Han names with the scripts without capitals' subjects after their verb and postpositions;
    # identifiers in the shapes people type, with look-alike numbers (half of it)
    Part("dev14", ("dev14*.yml",), None, 15),
    # written in round 16's first minutes, beside heldout15, by three more writers who never saw the code or
    # heldout15: hard negatives beside names in English and the Latin-script languages (55% negatives); Han,
    # Cyrillic, Gurmukhi, Ge'ez and Bengali names and look-alikes; names that are everyday words in the
    # Arabic-script languages and in English typed by their speakers, with services transliterated and translated
    Part("dev15", ("dev15*.yml",), None, 16),
    # written in round 17's first minutes, beside heldout16, by one more writer who never saw the code or
    # heldout16, at round 16's leftovers: Ge'ez names and everyday words, Cyrillic and Bengali word names opening
    # a sentence, spoken Arabic's function words and translated services, English counties and districts,
    # "Sister"/"Mother" as titles and as words, addresses by landmark and short phone numbers
    Part("dev16", ("dev16*.yml",), None, 17),
    # written in round 18's first minutes, beside heldout17, by one more writer who never saw the code or
    # heldout17, at round 17's leftovers in the Latin script: lower-case names and names opening the answer,
    # everyday words of languages no frequency list holds (Kurmanji, Yoruba, Pidgin, Somali, Twi...), foods and
    # feasts, small UK places and places that are also names, word names in their cases, police roles (half of it
    # hard negatives)
    Part("dev17", ("dev17*.yml",), None, 18),
    # and one more in round 18, after heldout17 was scored, beside a small held-out part of identifiers (ids18): 400
    # answers of identifiers as people type them (cues in 25 languages, four digit systems, groupings, typos) and
    # look-alike numbers that are not identifiers (two fifths)
    Part("dev18", ("dev18*.yml",), None, 18),
    # written in round 19's first minutes, beside heldout18, by three more writers who never saw the code or
    # heldout18, where fresh text was weakest in round 18: names and everyday words in Ge'ez and Devanagari;
    # Latin-script languages no frequency list holds, nicknames, feasts and small UK places; identifiers as people
    # type them in every digit system, with look-alike numbers (45% of it)
    Part("dev19", ("dev19*.yml",), None, 19),
    # written in round 20's first minutes, beside heldout19, by three more writers who never saw the code or
    # heldout19, where fresh text was weakest in round 19: Han names and everyday words; Ge'ez names under their
    # prepositions, Ethiopian and Eritrean towns, feasts and word names; names with no cue, in lower case and as
    # objects in English and the Latin-script languages, word names and English-word nicknames
    Part("dev20", ("dev20*.yml",), None, 20),
)
PATTERNED_TYPES = ("PHONE", "EMAIL", "POSTCODE", "NINO", "REFERENCE")
IDENTIFIER_TYPES = ("NINO", "NHS_NUMBER", "PASSPORT", "REFERENCE", "PHONE", "EMAIL", "POSTCODE")


@dataclass(frozen=True)
class Span:
    type: str
    start: int
    end: int

    def overlaps(self, other: "Span") -> bool:
        if not (self.start < other.end and other.start < self.end):
            return False
        return _family(self.type) == _family(other.type) or {self.type, other.type} == PART_OF_ADDRESS


# Document numbers: a BRP is labelled REFERENCE in dev1-5 and PASSPORT by the writers of heldout3/heldout4 (an
# identity document); redacted as either it is protected, so from round 6 either label hits the other
DOCUMENT_FAMILY = frozenset(("PASSPORT", "REFERENCE"))


# A postcode is part of an address: some writers label "14 Hope Street, Leeds LS1 2AB" whole as ADDRESS, others
# its postcode apart (from round 13); redacted as either, the postcode is protected, so either hits the other
PART_OF_ADDRESS = {"POSTCODE", "ADDRESS"}


def _family(entity: str) -> str:
    return "DOCUMENT" if entity in DOCUMENT_FAMILY else entity


@dataclass
class Item:
    text: str
    language: str
    expected: list[Span]
    split: str = "dev"   # "dev": written alongside the recognizers; "heldout": never tuned on
    position: str = ""


@dataclass
class Scores:
    true_positive: Counter = field(default_factory=Counter)   # predicted spans that hit
    predicted: Counter = field(default_factory=Counter)
    found: Counter = field(default_factory=Counter)           # expected spans that were hit
    expected: Counter = field(default_factory=Counter)
    errors: list[str] = field(default_factory=list)
    by_script: dict[str, Counter] = field(default_factory=dict)
    by_position: dict[str, Counter] = field(default_factory=dict)
    negatives: Counter = field(default_factory=Counter)       # "total", "kept"
    missed_flagged: Counter = field(default_factory=Counter)  # expected names missed that review would show

    def precision(self, entity: str | None = None) -> float:
        tp, n = self._pair(self.true_positive, self.predicted, entity)
        return tp / n if n else 1.0

    def recall(self, entity: str | None = None) -> float:
        tp, n = self._pair(self.found, self.expected, entity)
        return tp / n if n else 1.0

    def recall_of(self, types: tuple[str, ...]) -> float:
        n = sum(self.expected[t] for t in types)
        return sum(self.found[t] for t in types) / n if n else 1.0

    def negatives_kept(self) -> float:
        return self.negatives["kept"] / self.negatives["total"] if self.negatives["total"] else 1.0

    @staticmethod
    def _pair(hits: Counter, total: Counter, entity: str | None) -> tuple[int, int]:
        if entity is None:
            return sum(hits.values()), sum(total.values())
        return hits[entity], total[entity]


def load_corpus(path: Path = DEFAULT_CORPUS, split: str | None = None) -> list[Item]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    items = []
    for raw in data["items"]:
        text = raw["text"]
        spans = []
        listed: Counter = Counter()   # a value listed n times stands for its first n occurrences
        for entity, value in raw.get("entities") or []:
            start = -1
            for _ in range(listed[value] + 1):
                start = text.find(value, start + 1)
                if start < 0:
                    raise ValueError(f"corpus: {value!r} is not in {text!r} {listed[value] + 1} time(s)")
            listed[value] += 1
            spans.append(Span(entity, start, start + len(value)))
        items.append(
            Item(text=text, language=raw.get("lang", "en"), expected=spans,
                 split=split or raw.get("split", "dev"), position=raw.get("position", ""))
        )
    return items


def part(name: str) -> Part:
    return next(p for p in PARTS if p.name == name)


def part_paths(name: str, folder: Path | None = None) -> list[Path]:
    """The files of a part present in ``folder`` (names_corpus/ by default), in the order of its patterns."""
    folder = folder or NAMES
    return [path for pattern in part(name).patterns for path in sorted(folder.glob(pattern))]


def load_part(name: str, folder: Path | None = None) -> list[Item]:
    """A part's items, split "dev" when it is spent and "heldout" while it is held out."""
    split = "heldout" if part(name).held_out else "dev"
    return [item for path in part_paths(name, folder) for item in load_corpus(path, split)]


def load_dev(folder: Path | None = None) -> list[Item]:
    """The dev part: the five dev batches and every spent held-out part (PARTS says which)."""
    return [item for p in PARTS if not p.held_out for item in load_part(p.name, folder)]


def script(value: str) -> str:
    """The script of a name: the Unicode script of its first letter (Latin, Arabic, Ethiopic ...)."""
    for c in value:
        if c.isalpha():
            name = unicodedata.name(c, "")
            first = name.split(" ")[0]
            return {"CJK": "Han", "ETHIOPIC": "Ethiopic"}.get(first, first.title())
    return "Other"


def is_latin(value: str) -> bool:
    return all(ord(c) < 0x250 or not c.isalpha() for c in value)


def evaluate(items: list[Item], learned: bool = True) -> Scores:
    """Scores of redaction over ``items``; ``learned=False``: the rules alone, without the learned tagger."""
    import functools

    from . import tagger
    from .uncertain import doubts as all_doubts

    # the rules alone: the review queue's doubts without the tagger's too (else they would hang on whether a
    # model for this code happens to be in the cache)
    doubts = functools.partial(all_doubts, learned=learned)
    if learned:
        tagger.get_tagger(wait=True)     # trained first if the cache has no model for this corpus and code
    scores = Scores()
    for item in items:
        redaction = redact(item.text, item.language, learned)
        predicted = [Span(e.type, e.start, e.end) for e in redaction.entities]
        flagged: list[Span] | None = None   # what the review queue would highlight, asked only after a miss
        if not item.expected:
            scores.negatives["total"] += 1
            scores.negatives["kept"] += int(not predicted)
            # the store sends an answer to review when anything was redacted or a doubt is left
            scores.negatives["review"] += int(bool(predicted) or bool(doubts(redaction.text, item.language)))
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
            elif exp.type == "NAME":
                if flagged is None:
                    flagged = _flagged(item, redaction, predicted, doubts)
                scores.missed_flagged["NAME"] += int(any(exp.overlaps(span) for span in flagged))
            if not hit:
                shown = " (highlighted in review)" if exp.type == "NAME" and flagged is not None and any(
                    exp.overlaps(span) for span in flagged) else ""
                scores.errors.append(f"MISSED      {exp.type:<13} {item.text[exp.start:exp.end]!r} "
                                     f"in {item.text!r} [{item.language}]{shown}")
            if exp.type == "NAME":
                for key, table in ((script(item.text[exp.start:exp.end]), scores.by_script),
                                   (item.position or "-", scores.by_position)):
                    counter = table.setdefault(key, Counter())
                    counter["expected"] += 1
                    counter["found"] += int(hit)
    return scores


def _flagged(item: Item, redaction, predicted: list[Span], doubts) -> list[Span]:
    """What the review queue would highlight for staff in this answer, as spans of the ORIGINAL text (an
    answer with anything redacted goes to review anyway; its doubts are asked of the redacted text, mapped
    back here)."""
    back = offsets_back(item.text, redaction)
    return [Span("NAME", back[d.start], back[d.end - 1] + 1) for d in doubts(redaction.text, item.language)
            if d.end - 1 < len(back)]


def offsets_back(original: str, redaction) -> list[int]:
    """For each offset of the redacted text, the offset of the original it came from: each placeholder
    ("[NAME]") stands for the start of the span it replaced."""
    back: list[int] = []
    i = 0
    for entity in sorted(redaction.entities, key=lambda e: e.start):
        back.extend(range(i, entity.start))
        back.extend([entity.start] * (len(entity.type) + 2))
        i = entity.end
    back.extend(range(i, len(original) + 1))
    return back


def latin_name_recall(scores: Scores) -> float:
    latin = scores.by_script.get("Latin", Counter())
    return latin["found"] / latin["expected"] if latin["expected"] else 1.0


def report(scores: Scores, items: list[Item]) -> str:
    negatives = scores.negatives["total"]
    lines = [
        f"corpus: {len(items)} items ({negatives} hard negatives), "
        f"{sum(scores.expected.values())} expected entities",
        f"{'type':<14}{'expected':>9}{'predicted':>10}{'precision':>11}{'recall':>8}",
    ]
    for entity in ENTITY_TYPES:
        if scores.expected[entity] or scores.predicted[entity]:
            lines.append(
                f"{entity:<14}{scores.expected[entity]:>9}{scores.predicted[entity]:>10}"
                f"{scores.precision(entity):>11.3f}{scores.recall(entity):>8.3f}"
            )
    lines += [
        f"{'OVERALL':<14}{sum(scores.expected.values()):>9}{sum(scores.predicted.values()):>10}"
        f"{scores.precision():>11.3f}{scores.recall():>8.3f}",
        f"identifier recall ({', '.join(IDENTIFIER_TYPES)}): {scores.recall_of(IDENTIFIER_TYPES):.3f}",
        f"hard negatives kept whole: {scores.negatives['kept']}/{negatives} = {scores.negatives_kept():.3f}",
        f"names missed but highlighted in the review queue: {scores.missed_flagged['NAME']}/"
        f"{scores.expected['NAME'] - scores.found['NAME']}; hard negatives that would wait in review: "
        f"{scores.negatives['review']}/{negatives}",
        "name recall by position:",
        *_table(scores.by_position),
        "name recall by script:",
        *_table(scores.by_script),
    ]
    return "\n".join(lines)


def _table(table: dict[str, Counter]) -> list[str]:
    return [
        f"  {key:<22}{c['found']:>4}/{c['expected']:<4} {c['found'] / c['expected']:.3f}"
        for key, c in sorted(table.items())
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, help="one corpus file instead of the three")
    parser.add_argument("--rules-only", action="store_true",
                        help="the rules alone, without the learned tagger (bot.anonymise.tagger)")
    parser.add_argument("--errors", action="store_true",
                        help="list misses and false alarms (never for the held-out part)")
    parser.add_argument("--split", default="all", choices=["all", "dev", *(p.name for p in PARTS), "first"],
                        help="dev: the dev batches and every spent part (tuned on); "
                             + "; ".join(f"{p.name}: {', '.join(p.patterns)}"
                                         + (" (held out)" if p.held_out else f" (tuned on from round {p.spent_from})")
                                         for p in PARTS)
                             + "; first: redaction_corpus.yml")
    args = parser.parse_args(argv)
    runs: list[tuple[str, list[Item], bool]] = []
    if args.corpus:
        runs = [("corpus " + str(args.corpus), load_corpus(args.corpus), args.errors)]
    else:
        if args.split in ("all", "dev"):
            spent = ", ".join(p.name for p in PARTS if not p.held_out)
            runs.append((f"names corpus, dev part ({spent}; tuned on)", load_dev(), args.errors))
        for p in PARTS:
            if args.split not in ("all", p.name):
                continue
            paths = part_paths(p.name)
            if not paths:
                print(f"== {p.name}: no {', '.join(p.patterns)} in {NAMES} yet, skipped\n")
            else:
                runs.append((p.title(paths), load_part(p.name), args.errors and not p.held_out))
        if args.split in ("all", "first"):
            runs.append(("first corpus (redaction_corpus.yml, all splits)", load_corpus(DEFAULT_CORPUS), args.errors))
    for title, items, errors in runs:
        started = time.perf_counter()
        scores = evaluate(items, learned=not args.rules_only)
        took = time.perf_counter() - started
        print(f"== {title}" + (" [the rules alone]" if args.rules_only else ""))
        print(report(scores, items))
        print(f"time: {len(items)} answers in {took:.2f} s ({len(items) / took:.0f} answers per second, "
              "first use of each language's lists included)")
        if errors:
            print("\n".join(scores.errors) if scores.errors else "no errors")
        elif args.errors and "held-out" in title:
            print("(errors of the held-out part are not shown: it must never be tuned on)")
        print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
