"""Searching 100,000 answers by their words (the staff area's answers list and coding queue), SQLite and PostgreSQL.

    .venv/bin/python benchmarks/search.py [--answers 100000] [--db sqlite|postgresql|both] [--rounds 7]

Makes a dataset of --answers answers (20 per respondent) in English, Arabic, Tigrinya, Chinese and Polish, the
non-English ones with an English translation, written with Core inserts (the search index of migration 0007 is
kept by its triggers on SQLite and its pg_trgm indexes on PostgreSQL). Then, per query, the median of --rounds of
what the answers page does: bot.staff.coding_ops.browse (the count and the first page of 25, with the words
marked), and of what the answer page adds for the queue (coding_ops.position: "12 of 340", next, previous).
The reference in the same run is the same page with the theme filter only (no words). Prints figures; asserts
nothing. Goal (issue 18): under 300 ms for a search.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import secrets
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("IMSA_VAR_DIR", tempfile.mkdtemp(prefix="imsa-bench-var-"))
os.environ.setdefault("IMSA_SECRET_KEY", "benchmark")

GOAL_MS = 300
POSTGRES_ADMIN = os.environ.get("TEST_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/postgres")
PER_RESPONDENT = 20
SENTENCES = {
    "en": ["The landlord kept our deposit.", "The hostel was cold and damp.", "I could not see a doctor.",
           "Nobody explained the asylum interview.", "The caseworker changed three times.",
           "We waited months for a decision.", "My English classes stopped.", "The GP asked for an address.",
           "There was no interpreter at the appointment.", "My children could not go to school."],
    "ar": ["لم أستطع الذهاب إلى الطبيب بسبب اللغة", "كان السكن باردا ورطبا", "انتظرنا شهورا من أجل القرار",
           "لم يشرح أحد المقابلة", "أخذ صاحب العمل جواز سفري", "لم يكن هناك مترجم في الموعد"],
    "ti": ["ናብ ሓኪም ክኸይድ ኣይከኣልኩን", "እቲ መንበሪ ዝሑል ነበረ", "ንውሳነ ኣዋርሕ ተጸቢና", "ተርጓሚ ኣይነበረን",
           "ወሃቢ ስራሕ ፓስፖርተይ ወሲዱ"],
    "zh": ["我没有钱看医生", "工作的老板拿走了我的护照", "宿舍又冷又潮湿", "我们等了几个月才有决定",
           "预约的时候没有翻译"],
    "pl": ["Nie mogłem iść do lekarza", "Hostel był zimny i wilgotny", "Czekaliśmy miesiącami na decyzję",
           "Nie było tłumacza na wizycie", "Pracodawca zabrał mój paszport"],
}
ENGLISH = {lang: SENTENCES["en"] for lang in SENTENCES}  # a machine's English: sentences of the English pool
LANGUAGES = ("en", "en", "ar", "ti", "zh", "pl")
QUERIES = [  # (what, words, other filters)
    ("English word, in many answers", "doctor", {}),
    ("two English words", "landlord deposit", {}),
    ("Arabic", "الطبيب", {}),
    ("Tigrinya (Ethiopic)", "ሓኪም", {}),
    ("Chinese, 4 characters, no spaces", "老板拿走", {}),
    ("Chinese, 2 characters", "护照", {}),
    ("Polish, with the theme filter", "lekarza", {"theme": "health"}),
    ("a word nowhere", "xylophone", {}),
]


def fill(url: str, answers: int, seed: int = 18) -> dict:
    from sqlalchemy import insert

    from bot.conversation.catalogue import catalogue
    from bot.store import Store
    from bot.store.models import Answer, Respondent

    rng = random.Random(seed)
    store = Store(url)
    questions = catalogue().questions_for(catalogue().theme_ids)
    today = dt.date.today()
    people, rows = [], []
    for start in range(0, answers, PER_RESPONDENT):
        rid = secrets.token_hex(16)
        language = rng.choice(LANGUAGES)
        people.append({"id": rid, "channel": "chatbot", "respondent_type": "lived_experience", "language": language,
                       "nation": rng.choice(catalogue().nation_choices), "assisted": "none",
                       "consent_version": "benchmark", "created_on": today - dt.timedelta(days=rng.randrange(90)),
                       "completed": True})
        for n in range(min(PER_RESPONDENT, answers - start)):
            question = questions[n % len(questions)]
            picked = rng.sample(range(len(SENTENCES[language])), 2)
            words = " ".join(SENTENCES[language][i] for i in picked) + f" ({rng.randrange(10_000)})"
            english = None if language == "en" else " ".join(rng.sample(ENGLISH[language], 2))
            rows.append({"respondent_id": rid, "question_id": question.id, "theme": question.theme,
                         "kind": question.kind, "text": words, "language": language, "text_en": english,
                         "translation_status": "not_needed" if language == "en" else "done",
                         "translation_attempts": 0, "redacted_count": 0, "created_on": people[-1]["created_on"]})
    with store.session() as s:
        for model, values in ((Respondent, people), (Answer, rows)):
            for chunk in range(0, len(values), 20_000):
                s.execute(insert(model), values[chunk:chunk + 20_000])
    if store.engine.dialect.name == "postgresql":
        with store.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as c:
            c.exec_driver_sql("VACUUM ANALYZE answers")
            c.exec_driver_sql("VACUUM ANALYZE respondents")
    else:
        with store.engine.begin() as c:
            c.exec_driver_sql("ANALYZE")
    store.engine.dispose()
    return {"respondents": len(people), "answers": len(rows)}


def median_ms(call, rounds: int) -> float:
    call()  # warm the caches once
    times = []
    for _ in range(rounds):
        t0 = time.perf_counter()
        call()
        times.append((time.perf_counter() - t0) * 1000)
    return statistics.median(times)


def run(kind: str, answers: int, rounds: int, tmp: Path) -> list[tuple]:
    from sqlalchemy import create_engine, text

    from bot.staff import coding_ops, filtering
    from bot.store import Store

    admin = name = None
    if kind == "sqlite":
        url = f"sqlite:///{tmp / 'search.db'}"
    else:
        name = "imsa_bench_" + secrets.token_hex(4)
        admin = create_engine(POSTGRES_ADMIN, isolation_level="AUTOCOMMIT", future=True)
        with admin.connect() as c:
            c.execute(text(f'CREATE DATABASE "{name}"'))
        url = POSTGRES_ADMIN.rsplit("/", 1)[0] + "/" + name
    try:
        t0 = time.perf_counter()
        made = fill(url, answers)
        print(f"{kind}: {made['answers']:,} answers of {made['respondents']:,} respondents written and indexed "
              f"in {time.perf_counter() - t0:.1f} s")
        store = Store(url)
        reference = filtering.AnswerFilter(theme="health")
        ref_ms = median_ms(lambda: coding_ops.browse(store, reference, 1, 25), rounds)
        results = [(kind, "reference: theme filter, no words", "", None, ref_ms, None)]
        for what, words, extra in QUERIES:
            f = filtering.AnswerFilter(words=words, **extra)
            found = coding_ops.browse(store, f, 1, 25)
            page_ms = median_ms(lambda f=f: coding_ops.browse(store, f, 1, 25), rounds)
            middle = found[0][len(found[0]) // 2].id if found[0] else 0
            queue_ms = median_ms(lambda f=f, m=middle: coding_ops.position(store, f, m), rounds) if middle else None
            results.append((kind, what, words, found[1], page_ms, queue_ms))
        store.engine.dispose()
        return results
    finally:
        if admin is not None:
            with admin.connect() as c:
                c.execute(text(f"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{name}'"))
                c.execute(text(f'DROP DATABASE IF EXISTS "{name}"'))
            admin.dispose()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--answers", type=int, default=100_000)
    parser.add_argument("--db", choices=("sqlite", "postgresql", "both"), default="both")
    parser.add_argument("--rounds", type=int, default=7)
    args = parser.parse_args(argv)
    kinds = ("sqlite", "postgresql") if args.db == "both" else (args.db,)
    rows = []
    with tempfile.TemporaryDirectory(prefix="imsa-bench-search-") as tmp:
        for kind in kinds:
            rows += run(kind, args.answers, args.rounds, Path(tmp))
    print(f"\n{args.answers:,} answers, median of {args.rounds} (goal: a search under {GOAL_MS} ms)\n")
    print("| database | query | words | answers found | list page ms | x reference | queue place ms |")
    print("|---|---|---|---|---|---|---|")
    reference = {}
    for kind, what, words, count, page_ms, queue_ms in rows:
        if count is None:
            reference[kind] = page_ms
        ratio = page_ms / reference[kind] if reference.get(kind) else 1.0
        print(f"| {kind} | {what} | {words} | {'' if count is None else f'{count:,}'} | {page_ms:.0f} | "
              f"{ratio:.1f} | {'' if queue_ms is None else f'{queue_ms:.0f}'} |")
    for kind in kinds:
        searches = [page_ms for k, _, _, count, page_ms, _ in rows if k == kind and count is not None]
        middle, worst = statistics.median(searches), max(searches)
        print(f"\n{kind}: median search {middle:.0f} ms over {len(searches)} queries "
              f"({'under' if middle < GOAL_MS else 'OVER'} the {GOAL_MS} ms goal); slowest {worst:.0f} ms")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
