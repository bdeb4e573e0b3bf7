"""A digest of everything redaction says, to show that a change made for speed changed no output.

    .venv/bin/python benchmarks/redaction_identity.py [--rules-only] [--model PATH] [--out FILE]

Runs, for every item of every names-corpus part that is not held out (``evaluate.load_dev()``), of
tests/data/redaction_corpus.yml and of the answers benchmarks/redaction.py times:

* ``redact(text, language)`` (with the learned tagger) and ``redact(text, language, learned=False)``:
  the redacted text and every entity (type and offsets);
* the store's path after it: ``doubts`` (bot.anonymise.uncertain, the kinds and offsets ``uncertain``
  decides on) of the redacted text, with the name rules' first pass reused as the store reuses it, and
  ``doubts`` of the original text after ``people.forget_last()`` (the first pass run afresh).

(``--every N``: the tagger and the doubts on every n-th item only; a full run takes 15 minutes of one core.)
Prints one sha256 for the rules alone, one for the tagger's part, one for the doubts and one for all; run it
before and after a change and compare. ``--out FILE`` writes every output line (the corpora are invented:
no survivor's text is in them) so that two runs can be diffed when the digests differ.

The tagger's model is keyed by a hash of bot/anonymise's code (tagger.fingerprint), so an edit made for
speed alone retrains it (minutes). ``--model PATH`` uses a model already trained instead (the one trained
on the unchanged code): training reads the rules' decisions only, so the rules' digest being identical says
the retrained model is the same, and the retrained file can be compared byte for byte at the end.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

CORPUS = ROOT / "tests" / "data" / "redaction_corpus.yml"


def items() -> list[tuple[str, str, str]]:
    """(source, language, text) of every item: the spent names-corpus parts, the redaction corpus, the benchmark."""
    from redaction import OTHER_SENTENCES, SENTENCES, make_answers

    from bot.anonymise.evaluate import load_corpus, load_dev

    found = [("names", item.language, item.text) for item in load_dev()]
    found += [("redaction_corpus", item.language, item.text) for item in load_corpus(CORPUS)]
    found += [("benchmark", "en", text) for text in make_answers(500)]
    found += [("benchmark-other", "en", text) for text in make_answers(500, sentences=OTHER_SENTENCES)]
    found += [("benchmark-clean", "en", text) for text in make_answers(200, seed=2, sentences=SENTENCES[:4])]
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rules-only", action="store_true", help="the rules alone (no tagger, no doubts)")
    parser.add_argument("--model", type=Path, help="a trained tagger model to use instead of the cache's")
    parser.add_argument("--out", type=Path, help="write every output line here")
    parser.add_argument("--every", type=int, default=1,
                        help="the tagger and the doubts on every n-th item only (they cost about twice the rules)")
    parser.add_argument("--rules-every", type=int, default=1, help="and the rules alone on every n-th item only")
    args = parser.parse_args(argv)

    from bot.anonymise import redact, tagger
    from bot.anonymise.recognizers.people import forget_last
    from bot.anonymise.uncertain import doubts

    if args.model:
        tagger.model_path = lambda: args.model   # type: ignore[assignment]
    if not args.rules_only:
        tagger.get_tagger(wait=True)
        print(f"tagger model: {tagger._loaded}")

    digests = {key: hashlib.sha256() for key in ("rules", "tagger", "doubts")}
    lines = []
    for n, (source, language, text) in enumerate(items()):
        def entities(result) -> list:
            return [[e.type, e.start, e.end] for e in result.entities]

        out = {}
        if n % args.rules_every == 0:
            rules = redact(text, language, learned=False)
            out["rules"] = json.dumps([n, source, rules.text, entities(rules)], ensure_ascii=False)
        if not args.rules_only and n % args.every == 0:
            full = redact(text, language)
            out["tagger"] = json.dumps([n, full.text, entities(full)], ensure_ascii=False)
            reused = [[d.kind, d.start, d.end] for d in doubts(full.text, language)]
            forget_last()
            fresh = [[d.kind, d.start, d.end] for d in doubts(text, language)]
            out["doubts"] = json.dumps([n, reused, fresh], ensure_ascii=False)
        for key, line in out.items():
            digests[key].update(line.encode() + b"\n")
            lines.append(f"{key}\t{line}")
    total = hashlib.sha256("".join(d.hexdigest() for d in digests.values()).encode())
    print(f"items: {n + 1} (the rules on every {args.rules_every}, the tagger and doubts on every {args.every})")
    for key, digest in digests.items():
        print(f"{key}: {digest.hexdigest()}")
    print(f"all: {total.hexdigest()}")
    if args.out:
        args.out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
