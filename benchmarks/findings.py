"""Findings for 100,000 answers from 5,000 respondents: the /staff/findings page and the Word briefing.

    .venv/bin/python benchmarks/findings.py [--answers 100000] [--per-respondent 20] [--small 10000] [--rounds 5]

The SQLite dataset is made as benchmarks/export.py makes it (structural codes, keyword suggestions with
spans, staff span codings, rejected suggestions), then half the suggestions are confirmed (source `staff`)
and one answer in 500 is reviewed and marked quotable. Then:

- the page: the real page server (python -m bot.web) with a signed-in staff member, GET /staff/findings (all
  eight themes) and ?theme=health, median of --rounds over loopback HTTP;
- the Word briefing of all themes (bot.staff.briefing.make, docx), median of --rounds, in a fresh process;
- memory: the peak of Python's allocations (tracemalloc) while building the findings and writing the Word
  briefing, at --small and at --answers answers (flat: the figures come from grouped SQL, not from rows).
Prints figures; asserts nothing. Goals (issue 14): the page < 1 s, the DOCX < 10 s.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import re
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

GOALS = {"page": 1.0, "docx": 10.0}
PASSWORD = "benchmark password 14"


def make(url: str, answers: int, per_respondent: int) -> dict:
    from sqlalchemy import text

    from benchmarks import export as bench_export
    from bot.staff import users
    from bot.store import Store

    bench_export.PER_RESPONDENT = per_respondent
    made = bench_export.fill(url, answers)
    store = Store(url)
    with store.engine.begin() as c:
        c.execute(text("UPDATE codings SET source = 'staff', coder = 'benchmark' "
                       "WHERE source = 'suggested' AND status = 'active' AND answer_id % 2 = 0"))
        c.execute(text("UPDATE answers SET review_status = 'reviewed', quotable = 1 WHERE id % 500 = 0"))
    users.add_user(store, "bench-staff", "staff", PASSWORD)
    store.engine.dispose()
    return made


def child(url: str, out: str) -> None:
    """The Word briefing of every theme once to load the modules, then timed; prints JSON."""
    from bot.staff import briefing, findings
    from bot.store import Store

    store = Store(url)
    with open(out, "wb") as sink:
        briefing.make(store, "docx", sink, theme="health", actor="benchmark")
    t0 = time.perf_counter()
    with open(out, "wb") as sink:
        briefing.make(store, "docx", sink, actor="benchmark")
    seconds = time.perf_counter() - t0
    tracemalloc.start()
    findings.findings(store)
    found_mb = tracemalloc.get_traced_memory()[1] / 2**20
    tracemalloc.reset_peak()
    with open(out, "wb") as sink:
        briefing.make(store, "docx", sink, actor="benchmark")
    docx_mb = tracemalloc.get_traced_memory()[1] / 2**20
    print(json.dumps({"seconds": seconds, "bytes": os.path.getsize(out), "findings_mb": found_mb,
                      "docx_mb": docx_mb}))


def run_child(url: str, tmp: Path) -> dict:
    result = subprocess.run([sys.executable, __file__, "--child", url, str(tmp / "briefing.docx")], check=True,
                            capture_output=True, text=True)
    return json.loads(result.stdout.strip().splitlines()[-1])


def page_times(url: str, tmp: Path, rounds: int) -> dict[str, list[float]]:
    import requests

    from tests.servers import web_process

    out: dict[str, list[float]] = {}
    with web_process(url, tmp / "web.log") as base:
        http = requests.Session()
        token = re.search(r'name="csrf_token" value="([^"]+)"', http.get(base + "/staff/login").text).group(1)
        http.post(base + "/staff/login", data={"name": "bench-staff", "password": PASSWORD, "csrf_token": token})
        for path in ("/staff/findings", "/staff/findings?theme=health"):
            http.get(base + path).raise_for_status()  # warm
            times = []
            for _ in range(rounds):
                t0 = time.perf_counter()
                response = http.get(base + path)
                times.append(time.perf_counter() - t0)
                response.raise_for_status()
            out[path] = times
            out[path + " bytes"] = [len(response.content)]
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--answers", type=int, default=100_000)
    parser.add_argument("--per-respondent", type=int, default=20)
    parser.add_argument("--small", type=int, default=10_000)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--child", nargs=2, metavar=("URL", "OUT"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        child(*args.child)
        return 0
    tmp = Path(tempfile.mkdtemp(prefix="imsa-bench-findings-"))
    print(f"{dt.date.today()}, Python {sys.version.split()[0]}, {os.cpu_count()} cores, load average "
          f"{os.getloadavg()[0]:.1f}")
    urls = {}
    for n in sorted({args.small, args.answers}):
        db = tmp / f"findings-{n}.db"
        t0 = time.perf_counter()
        made = make(f"sqlite:///{db}", n, args.per_respondent)
        urls[n] = f"sqlite:///{db}"
        print(f"dataset {n:,}: {made} ({time.perf_counter() - t0:.0f} s to make)")
    big = urls[args.answers]
    pages = page_times(big, tmp, args.rounds)
    for path in ("/staff/findings", "/staff/findings?theme=health"):
        median = statistics.median(pages[path])
        print(f"page {path:32} {args.answers:,} answers: median {median:.3f} s of {args.rounds} "
              f"(min {min(pages[path]):.3f}, max {max(pages[path]):.3f}; {pages[path + ' bytes'][0] / 1024:.0f} KB)  "
              f"goal < {GOALS['page']:.0f} s: {'met' if median < GOALS['page'] else 'NOT met'}")
    runs = [run_child(big, tmp) for _ in range(max(1, args.rounds // 2))]
    seconds = statistics.median(r["seconds"] for r in runs)
    print(f"docx briefing, all themes, {args.answers:,} answers: median {seconds:.2f} s of {len(runs)} "
          f"({runs[0]['bytes'] / 1024:.0f} KB)  goal < {GOALS['docx']:.0f} s: "
          f"{'met' if seconds < GOALS['docx'] else 'NOT met'}")
    small = run_child(urls[args.small], tmp)
    print(f"memory, Python's peak: findings {small['findings_mb']:.1f} MB at {args.small:,} answers vs "
          f"{runs[0]['findings_mb']:.1f} MB at {args.answers:,}; Word briefing {small['docx_mb']:.1f} MB vs "
          f"{runs[0]['docx_mb']:.1f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
