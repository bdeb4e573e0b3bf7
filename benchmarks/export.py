"""Exporting the dataset: 100,000 answers to CSV and to a REFI-QDA .qdpx, against a plain `sqlite3 -csv` dump.

    .venv/bin/python benchmarks/export.py [--answers 100000] [--small 10000] [--rounds 3] [--all-formats]
                                          [--waiting 0.2] [--held] [--lines 0.3] [--only transcripts]

A SQLite database is filled straight through SQLAlchemy Core (no redaction, unlike benchmarks/dataset.py,
whose answer texts it reuses: benchmarks/redaction.make_answers, median 40 words): respondents of 23 answers
each (70% chat in English, Arabic or Tigrinya, 30% written), every answer with its structural codes and the
topic codes bot.coding suggests (with spans), one in ten with a staff coding on a span, one in twenty with a
rejected suggestion, and an English translation for the non-English ones; --waiting of them wait for a
redaction review (exports hold their doubtful words: bot/export/held.py). With --held, their held spans are then
found and stored as the background translation job does (bot.translate.hold_waiting, a pass of 500 answers at a
time: the job's cost, printed per text), so the exports read them. --lines of the chat answers are followed by a
person's line that is no answer's text (typed at a step that asks no question: the transcript export holds its
doubtful words, never reviewed); with --held the job stores their spans too (bot.translate.hold_lines). Then, each
in a fresh process:

- time: `bot.export.export` to a file, median of --rounds, for CSV and .qdpx (and JSON, XLSX and transcripts
  once each with --all-formats; --only FORMAT ...: those, median of --rounds each): wall time, and the process's
  CPU time (which a busy machine inflates less). With --lines, the transcripts are also timed with no line held
  (bot.export.transcripts.hold made to hold nothing, on the same database, runs alternated): the ratio is the
  cost of holding the lines;
- the floor: `sqlite3 -csv DB "SELECT * FROM answers"` into a file, median of --rounds, in the same run;
- memory, at --small and at --answers answers: the process's peak resident size (ru_maxrss) and its growth
  during one export, and the peak of Python's allocations during the export (tracemalloc, in a separate
  untimed run): streamed exports stay flat.
Prints figures; asserts nothing. Goals (issue 6): CSV < 10 s and .qdpx < 30 s for 100,000 answers.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import resource
import secrets
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("IMSA_VAR_DIR", tempfile.mkdtemp(prefix="imsa-bench-var-"))
os.environ.setdefault("IMSA_SECRET_KEY", "benchmark")

GOALS = {"csv": 10.0, "qdpx": 30.0}
PER_RESPONDENT = 23
LANGUAGES = ("en", "en", "en", "ar", "ti")


def fill(url: str, answers: int, seed: int = 1, waiting: float = 0.0, typed: float = 0.0) -> dict:
    """A dataset of `answers` answers, written with Core inserts in one transaction; the share `waiting` of them
    waits for a redaction review (their doubtful words are held in exports: bot/export/held.py); the share `typed`
    of the chat answers is followed by a person's line that is no answer (held in the transcripts)."""
    from sqlalchemy import insert

    from benchmarks.redaction import make_answers
    from bot import coding
    from bot.conversation.catalogue import catalogue
    from bot.store import Store
    from bot.store.models import Answer, Coding, Respondent, TranscriptMessage

    rng = random.Random(seed)
    review = random.Random(seed + 1)  # its own draws: the same dataset whatever the share waiting
    store = Store(url)
    questions = catalogue().questions_for(catalogue().theme_ids)
    texts = make_answers(answers, seed)
    others = make_answers(answers, seed + 2)  # what was typed at steps that ask no question
    typing = random.Random(seed + 3)
    book = coding.codebook()
    today = dt.date.today()
    people, rows, codings, lines = [], [], [], []
    answer_id = 0
    for start in range(0, answers, PER_RESPONDENT):
        rid = secrets.token_hex(16)
        chat = rng.random() < 0.7
        language = rng.choice(LANGUAGES) if chat else "en"
        people.append({"id": rid, "channel": "chatbot" if chat else "written",
                       "respondent_type": "lived_experience" if chat else "organisation", "language": language,
                       "nation": rng.choice(catalogue().nation_choices),
                       "assisted": rng.choice(("none", "interpreter")),
                       "consent_version": "benchmark", "created_on": today, "completed": True,
                       "withdrawal_hash": secrets.token_hex(32)})
        session = secrets.token_hex(16)
        for n, text in enumerate(texts[start:start + PER_RESPONDENT]):
            question = questions[n % len(questions)]
            answer_id += 1
            rows.append({"id": answer_id, "respondent_id": rid, "question_id": question.id, "theme": question.theme,
                         "kind": question.kind, "text": text, "language": language,
                         "text_en": text if language != "en" else None,
                         "translation_status": "done" if language != "en" else "not_needed",
                         "translation_attempts": 0, "redacted_count": 0, "created_on": today,
                         "review_status": "needs_review" if review.random() < waiting else None})
            for code_id in coding.structural(question):
                codings.append(_coding(answer_id, code_id, "structural", None, None, today))
            for i, s in enumerate(coding.suggest(question.theme, text, book)):
                status = "rejected" if answer_id % 20 == 0 and i == 0 else "active"
                codings.append(_coding(answer_id, s.code_id, "suggested", s.start, s.end, today, status))
            if answer_id % 10 == 0:
                codings.append(_coding(answer_id, coding.kind_code(question.theme, question.kind), "staff",
                                       0, min(len(text), 12), today))
            if chat:
                turn = [("bot", question.chat_key, None), ("person", None, text)]
                if typing.random() < typed:
                    turn.append(("person", None, others[answer_id - 1]))
                for speaker, key, said in turn:
                    lines.append({"session_id": session, "respondent_id": rid, "position": len(lines) + 1,
                                  "speaker": speaker, "text": said, "text_key": key, "language": language,
                                  "created_on": today})
    with store.session() as s:
        for model, values in ((Respondent, people), (Answer, rows), (Coding, codings), (TranscriptMessage, lines)):
            for chunk in range(0, len(values), 20_000):
                s.execute(insert(model), values[chunk:chunk + 20_000])
    store.engine.dispose()
    return {"respondents": len(people), "answers": len(rows), "codings": len(codings), "transcript_lines": len(lines)}


def _coding(answer_id, code_id, source, start, end, day, status="active") -> dict:
    return {"answer_id": answer_id, "code_id": code_id, "source": source, "coder": "benchmark", "span_start": start,
            "span_end": end, "created_on": day, "status": status}


def child(fmt: str, url: str, out: str) -> None:
    """One export in this process; prints JSON: seconds, rows, peak memory growth (MB)."""
    from bot.conversation import i18n
    from bot.export import ExportFilter, export
    from bot.store import Store

    store = Store(url)
    i18n.languages()  # the translations (about 0.4 s to read), loaded once per process as in the web app
    if os.environ.get("IMSA_BENCH_UNHELD") == "1":  # the transcripts with no line held, for the ratio
        from bot.export import transcripts

        transcripts.hold = lambda text, language, stored=None: (text, [])  # type: ignore[assignment]
    with open(out, "wb") as sink:  # load the modules with an export of nothing (no workshop answers here)
        export(store, fmt, sink, ExportFilter(channel="workshop"), actor="benchmark")
    traced = os.environ.get("IMSA_BENCH_TRACEMALLOC") == "1"  # Python's own allocations (slower: not timed)
    if traced:
        tracemalloc.start()
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    t0, cpu0 = time.perf_counter(), time.process_time()
    with open(out, "wb") as f:
        rows = export(store, fmt, f, actor="benchmark")
    seconds, cpu = time.perf_counter() - t0, time.process_time() - cpu0
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    result = {"seconds": seconds, "cpu": cpu, "rows": rows, "held": getattr(rows, "held", 0),
              "bytes": os.path.getsize(out),
              "rss_mb": peak / 1024, "grown_mb": (peak - before) / 1024}
    if traced:
        result["traced_mb"] = tracemalloc.get_traced_memory()[1] / 2**20
    print(json.dumps(result))


def run_child(fmt: str, url: str, tmp: Path, traced: bool = False, unheld: bool = False) -> dict:
    out = tmp / f"export.{fmt}"
    env = {**os.environ, "RASA_TELEMETRY_ENABLED": "false", "IMSA_BENCH_TRACEMALLOC": "1" if traced else "0",
           "IMSA_BENCH_UNHELD": "1" if unheld else "0"}
    result = subprocess.run([sys.executable, __file__, "--child", fmt, url, str(out)], check=True,
                            capture_output=True, text=True, env=env)
    return json.loads(result.stdout.strip().splitlines()[-1])


def store_held(url: str) -> None:
    """The held spans of every waiting answer, found and stored as the translation job does (its catch-up pass,
    which does what it does for a new answer: the text, and the English when there is one)."""
    from bot.anonymise import tagger
    from bot.store import Store
    from bot.translate import hold_lines, hold_waiting

    store = Store(url)
    tagger.get_tagger(wait=True)  # loaded once by the job's process (`imsa-voices run`): not its cost per answer
    t0, cpu0 = time.perf_counter(), time.process_time()
    texts = 0
    while done := hold_waiting(store, limit=500):
        texts += done
    seconds, cpu = time.perf_counter() - t0, time.process_time() - cpu0
    each = f"{cpu / texts * 1000:.2f} ms of CPU ({seconds / texts * 1000:.2f} ms wall) a text" if texts else "none"
    print(f"  held spans stored by the job's pass: {texts:,} texts (answers and their English) in {seconds:.0f} s, "
          f"CPU {cpu:.0f} s: {each}")
    t0, cpu0 = time.perf_counter(), time.process_time()
    lines = 0
    while done := hold_lines(store, limit=500):
        lines += done
    seconds, cpu = time.perf_counter() - t0, time.process_time() - cpu0
    t1, cpu1 = time.perf_counter(), time.process_time()
    hold_lines(store, limit=500)  # a pass with nothing left to do: what the job pays every interval
    idle, idle_cpu = time.perf_counter() - t1, time.process_time() - cpu1
    store.engine.dispose()
    each = f"{cpu / lines * 1000:.2f} ms of CPU ({seconds / lines * 1000:.2f} ms wall) a line" if lines else "none"
    print(f"  held spans of transcript lines that are no answer, stored by the job: {lines:,} lines in "
          f"{seconds:.0f} s, CPU {cpu:.0f} s: {each}; a pass with none left: {idle * 1000:.0f} ms "
          f"({idle_cpu * 1000:.0f} ms CPU)")


def floor(db: Path, tmp: Path) -> float:
    out = tmp / "floor.csv"
    t0 = time.perf_counter()
    with out.open("wb") as f:
        subprocess.run(["sqlite3", "-csv", str(db), "SELECT * FROM answers"], stdout=f, check=True)
    return time.perf_counter() - t0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--answers", type=int, default=100_000)
    parser.add_argument("--small", type=int, default=10_000, help="the smaller dataset for the memory comparison")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--all-formats", action="store_true", help="also time JSON, XLSX and transcripts once")
    parser.add_argument("--waiting", type=float, default=0.0,
                        help="the share of answers waiting for a redaction review (0 to 1; default 0)")
    parser.add_argument("--held", action="store_true",
                        help="store the held spans of the waiting answers as the translation job does, first")
    parser.add_argument("--lines", type=float, default=0.0,
                        help="the share of chat answers followed by a person's line that is no answer (0 to 1)")
    parser.add_argument("--only", nargs="+", metavar="FORMAT",
                        help="time only these formats (median of --rounds each), and their memory")
    parser.add_argument("--child", nargs=3, metavar=("FORMAT", "URL", "OUT"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        child(*args.child)
        return 0
    tmp = Path(tempfile.mkdtemp(prefix="imsa-bench-export-"))
    print(f"{dt.date.today()}, Python {sys.version.split()[0]}, {os.cpu_count()} cores, load average "
          f"{os.getloadavg()[0]:.1f}")
    sizes = {}
    for n in sorted({args.small, args.answers}):
        db = tmp / f"bench-{n}.db"
        t0 = time.perf_counter()
        made = fill(f"sqlite:///{db}", n, waiting=args.waiting, typed=args.lines)
        sizes[n] = db
        print(f"dataset {n:,}: {made} ({time.perf_counter() - t0:.0f} s to make; {db.stat().st_size / 2**20:.0f} MB)")
        if args.held:
            store_held(f"sqlite:///{db}")

    big = sizes[args.answers]
    url = f"sqlite:///{big}"
    floors = [floor(big, tmp) for _ in range(args.rounds)]  # wall time, as for the exports
    base = statistics.median(floors)
    print(f"\nfloor: sqlite3 -csv of the answers table, {args.answers:,} answers: median {base:.2f} s "
          f"(of {args.rounds}: {', '.join(f'{x:.2f}' for x in floors)})")
    formats = args.only or ["csv", "qdpx"] + (["json", "xlsx", "transcripts"] if args.all_formats else [])
    for fmt in formats:
        rounds = args.rounds if fmt in GOALS or args.only else 1
        if fmt == "transcripts" and args.lines:  # alternated with the same export holding no line
            pairs = [(run_child(fmt, url, tmp, unheld=True), run_child(fmt, url, tmp)) for _ in range(rounds)]
            runs, unheld = [held for _, held in pairs], [plain for plain, _ in pairs]
            plain_s = statistics.median(r["seconds"] for r in unheld)
            plain_cpu = statistics.median(r["cpu"] for r in unheld)
            held_s = statistics.median(r["seconds"] for r in runs)
            held_cpu = statistics.median(r["cpu"] for r in runs)
            print(f"{fmt:12} no line held: median {plain_s:.2f} s (CPU {plain_cpu:.2f} s); lines held: median "
                  f"{held_s:.2f} s (CPU {held_cpu:.2f} s), {runs[0]['held']:,} words held (no line held: "
                  f"{unheld[0]['held']:,}): {held_s / plain_s:.2f}x wall, {held_cpu / plain_cpu:.2f}x CPU")
        else:
            runs = [run_child(fmt, url, tmp) for _ in range(rounds)]
        seconds = statistics.median(r["seconds"] for r in runs)
        cpu = statistics.median(r["cpu"] for r in runs)
        goal = f"goal < {GOALS[fmt]:.0f} s: {'met' if seconds < GOALS[fmt] else 'NOT met'}" if fmt in GOALS else ""
        print(f"{fmt:12} {args.answers:,} answers: median {seconds:.2f} s (CPU {cpu:.2f} s) of {len(runs)} "
              f"({runs[0]['rows']:,} rows, {runs[0]['held']:,} words held, {runs[0]['bytes'] / 2**20:.1f} MB) = "
              f"{seconds / base:.1f}x the floor  "
              + goal)
    print("\nmemory during one export: the process's peak resident size (ru_maxrss), and the peak of Python's "
          "allocations during the export (tracemalloc, a separate run)")
    for fmt in [f for f in formats if f in ("csv", "qdpx", "transcripts")] if args.only else ("csv", "qdpx"):
        figures = []
        for n in (args.small, args.answers):
            plain = run_child(fmt, f"sqlite:///{sizes[n]}", tmp)
            traced = run_child(fmt, f"sqlite:///{sizes[n]}", tmp, traced=True)
            figures.append(f"{n:,} answers: peak RSS {plain['rss_mb']:.0f} MB (+{plain['grown_mb']:.0f} MB "
                           f"during the export), Python peak {traced['traced_mb']:.1f} MB")
        print(f"{fmt:12} " + "   ".join(figures))
    return 0


if __name__ == "__main__":
    sys.exit(main())
