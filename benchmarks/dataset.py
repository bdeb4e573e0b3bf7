"""Importing written responses into the dataset: 100,000 answers, redacted, coded and written.

    .venv/bin/python benchmarks/dataset.py [--answers 100000] [--db sqlite|postgresql|both] [--rounds 5]

A survey-export CSV (one row per response, its 23 free-text theme questions) is generated with answers
built like benchmarks/redaction.py's (median 40 words, about one in three carrying PII), then:

- parse: reading the CSV and mapping its columns to questions;
- import: Store.import_written in one transaction (redaction + coding + INSERTs), on a fresh database;
- the parts, as medians over --rounds on a 2,000-answer sample: redaction alone (bot.anonymise.redact,
  the same call benchmarks/redaction.py measures), suggested coding alone (bot.coding.suggest), and
  the import with redaction replaced by a no-op (what the database and ORM cost).
Redaction runs on one core (as in the chat); prints figures, asserts nothing.
"""

from __future__ import annotations

import argparse
import csv
import os
import secrets
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("IMSA_VAR_DIR", tempfile.mkdtemp(prefix="imsa-bench-var-"))
os.environ.setdefault("IMSA_SECRET_KEY", "benchmark")

from benchmarks.redaction import make_answers  # noqa: E402
from bot import coding  # noqa: E402
from bot.anonymise import Redaction, redact  # noqa: E402
from bot.conversation.catalogue import catalogue  # noqa: E402
from bot.importers.matching import QuestionMatcher  # noqa: E402
from bot.importers.readers import read  # noqa: E402
from bot.store import Store, schema  # noqa: E402
from bot.store import store as store_module  # noqa: E402

POSTGRES_ADMIN = os.environ.get("TEST_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/postgres")


def write_export(path: Path, answers: list[str]) -> int:
    questions = catalogue().questions_for(catalogue().theme_ids)
    rows = 0
    with path.open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow([q.written for q in questions])
        for start in range(0, len(answers), len(questions)):
            w.writerow(answers[start:start + len(questions)])
            rows += 1
    return rows


class Database:
    def __init__(self, kind: str, tmp: Path) -> None:
        from sqlalchemy import create_engine, text

        self.kind, self.admin, self.name = kind, None, None
        if kind == "sqlite":
            self.url = f"sqlite:///{tmp / ('bench-' + secrets.token_hex(4) + '.db')}"
        else:
            self.name = "imsa_bench_" + secrets.token_hex(4)
            self.admin = create_engine(POSTGRES_ADMIN, isolation_level="AUTOCOMMIT", future=True)
            with self.admin.connect() as c:
                c.execute(text(f'CREATE DATABASE "{self.name}"'))
            self.url = POSTGRES_ADMIN.rsplit("/", 1)[0] + "/" + self.name

    def drop(self, store: Store) -> None:
        from sqlalchemy import text

        store.engine.dispose()
        if self.admin is not None:
            with self.admin.connect() as c:
                c.execute(text(f'DROP DATABASE IF EXISTS "{self.name}"'))
            self.admin.dispose()


def timed_import(kind: str, tmp: Path, responses) -> tuple[float, int]:
    db = Database(kind, tmp)
    store = Store(db.url)
    try:
        t0 = time.perf_counter()
        _, written, _ = store.import_written(responses, actor="benchmark", detail="benchmark")
        return time.perf_counter() - t0, written
    finally:
        db.drop(store)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--answers", type=int, default=100_000)
    parser.add_argument("--db", choices=("sqlite", "postgresql", "both"), default="both")
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args(argv)
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {sorted(os.sched_getaffinity(0))[0]})
    kinds = ("sqlite", "postgresql") if args.db == "both" else (args.db,)
    tmp = Path(tempfile.mkdtemp(prefix="imsa-bench-"))
    redact("warm-up: my name is Sarah, 07700 900123")

    answers = make_answers(args.answers)
    path = tmp / "export.csv"
    rows = write_export(path, answers)
    t0 = time.perf_counter()
    parsed = read(path, matcher=QuestionMatcher())
    parse_s = time.perf_counter() - t0
    total = sum(len(r.answers) for r in parsed.responses)
    print(f"file: {rows:,} responses, {total:,} answers, {path.stat().st_size / 2**20:.1f} MB CSV; one core")
    print(f"parse + map columns: {parse_s:.2f} s ({total / parse_s:,.0f} answers/s)")

    sample = answers[:2000]
    redact_rates, code_rates = [], []
    for _ in range(args.rounds):
        t0 = time.perf_counter()
        for a in sample:
            redact(a)
        redact_rates.append(len(sample) / (time.perf_counter() - t0))
        t0 = time.perf_counter()
        for a in sample:
            coding.suggest("health", a)
        code_rates.append(len(sample) / (time.perf_counter() - t0))
    print(f"redaction alone (median of {args.rounds} x {len(sample)}): "
          f"{statistics.median(redact_rates):,.0f} answers/s")
    print(f"suggested coding alone (median of {args.rounds} x {len(sample)}): "
          f"{statistics.median(code_rates):,.0f} answers/s")

    sample_responses = parsed.responses[: max(1, 2000 // len(catalogue().questions_for(catalogue().theme_ids)))]
    real = store_module.redact
    for kind in kinds:
        store_module.redact = lambda text, language="en": Redaction(text=text)  # noqa: E731
        try:
            rates = []
            for _ in range(args.rounds):
                seconds, written = timed_import(kind, tmp, sample_responses)
                rates.append(written / seconds)
        finally:
            store_module.redact = real
        print(f"{kind}: import without redaction (database + ORM + coding), median of {args.rounds}: "
              f"{statistics.median(rates):,.0f} answers/s")
        seconds, written = timed_import(kind, tmp, parsed.responses)
        print(f"{kind}: import of {written:,} answers (redact + code + write, one transaction): "
              f"{seconds:,.0f} s = {written / seconds:,.0f} answers/s")
    print(f"schema head: {schema.head_revision()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
