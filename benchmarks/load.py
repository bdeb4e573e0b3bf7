"""Load on the scaled-out shape: realistic pacing, and closed-loop throughput for 1 and 2 Rasa instances.

Each configuration is started as people run it, `imsa-voices run --workers N`, with a
throwaway PostgreSQL database (DATABASE_URL) and the machine's Redis (REDIS_URL, its own
database number and key prefix, cleaned up after). Simulated respondents (benchmarks/turns.py's
ImsaRespondent: they follow the flow and type 10-40-word answers, some with personal details)
talk to the web page's /webhooks/rest/webhook, which spreads messages over the Rasa instances.

1. Closed loop, per configuration: --respondents send as fast as answers come back, for
   --duration s, --repeats times; the median throughput (msg/s). Configurations:
   "1 (memory)": one instance, no Redis (the single-process default, the reference);
   "1 (redis)" and "2 (redis)": one and two instances with the Redis stores. The scaling
   ratio is 2 (redis) / 1 (redis), measured in the same run.
2. Paced (realistic): --paced-respondents (200) people, each sending a message every 5-20 s
   (uniformly random), for --paced-duration s, against --paced-workers instances: p50/p95/p99
   latency and errors. Goal: p95 < 300 ms, zero errors.

CPU seconds of every process are read from /proc before and after each phase: each Rasa
server, each action server, the web page, the Redis server and the PostgreSQL backends of
the benchmark's own database, and the whole machine's busy time (/proc/stat).

Only 127.0.0.1 is contacted; every phase is bounded by its duration and --max-messages.
Figures go to stdout, ending with markdown tables; goals are printed, nothing is asserted.

    .venv/bin/python benchmarks/load.py              # full run, about 10 minutes
    .venv/bin/python benchmarks/load.py --quick      # smoke test, about 2 minutes
"""

from __future__ import annotations

import argparse
import asyncio
import os
import platform
import random
import secrets
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

import aiohttp
import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))
import turns  # noqa: E402  (benchmarks/turns.py: respondents, turn timing, /proc helpers)
from turns import ROOT, VENV_BIN, ImsaRespondent, PhaseResult, Tally, fmt, log, median, percentile  # noqa: E402

GOAL_PACED_P95_MS = 300.0
ADMIN_POSTGRES = os.environ.get("BENCH_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/postgres")
REDIS_URL = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/13")


# ------------------------------------------------------------------ CPU by process
def _cmdline(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
    except OSError:
        return ""


def _cpu_seconds(pid: int) -> float | None:
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _label(cmd: str) -> str | None:
    words = cmd.split()
    port = words[words.index("--port") + 1] if "--port" in words[:-1] else "?"
    if "rasa_sdk" in cmd:
        return f"action server :{port}"
    if "bot.rasa.server" in cmd:
        return f"rasa :{port}"
    if "bot.web" in cmd:
        return "web page"
    if "imsa-voices" in cmd:
        return "launcher (translation job)"
    return None


@dataclass
class CpuWatch:
    """CPU seconds of our processes and of the shared Redis and our PostgreSQL backends."""

    launcher_pid: int
    database: str

    def sample(self) -> dict[str, float]:
        used: dict[str, float] = {}
        ours = [self.launcher_pid] + turns._descendants(self.launcher_pid)
        for pid in ours:
            label, seconds = _label(_cmdline(pid)), _cpu_seconds(pid)
            if label and seconds is not None:
                used[label] = used.get(label, 0.0) + seconds
        for entry in Path("/proc").iterdir():
            if not entry.name.isdigit():
                continue
            cmd = _cmdline(int(entry.name))
            label = None
            if cmd.startswith("/usr/bin/redis-server") or cmd.startswith("redis-server"):
                label = "redis (shared server)"
            elif cmd.startswith("postgres: ") and f" {self.database} " in cmd:
                label = "postgresql (our database)"
            if label:
                seconds = _cpu_seconds(int(entry.name))
                if seconds is not None:
                    used[label] = used.get(label, 0.0) + seconds
        return used


def machine_busy() -> tuple[float, float]:
    """(busy, total) jiffies of all cores, from /proc/stat."""
    values = [int(v) for v in Path("/proc/stat").read_text().splitlines()[0].split()[1:]]
    idle = values[3] + values[4]
    return sum(values) - idle, sum(values)


@dataclass
class Measured:
    config: str
    mode: str
    result: PhaseResult
    cpu: dict[str, float] = field(default_factory=dict)
    machine_busy: float = float("nan")  # fraction of all cores
    load_before: float = float("nan")

    def describe(self) -> str:
        line = self.result.describe()
        total = sum(self.cpu.values())
        per_turn = total / self.result.ok * 1000 if self.result.ok else float("nan")
        line += (f"\n      machine busy {self.machine_busy * 100:.0f}% of {os.cpu_count()} cores; CPU by process "
                 f"({total:.1f} s = {fmt(per_turn, ' ms', 1)} per turn): "
                 + ", ".join(f"{k} {v:.1f} s" for k, v in sorted(self.cpu.items(), key=lambda kv: -kv[1])))
        return line


async def measured(phase, watch: CpuWatch, config: str, mode: str) -> Measured:
    load = os.getloadavg()[0]
    before, busy0 = watch.sample(), machine_busy()
    result = await phase
    after, busy1 = watch.sample(), machine_busy()
    cpu = {k: v - before.get(k, 0.0) for k, v in after.items() if v - before.get(k, 0.0) >= 0.05}
    busy = (busy1[0] - busy0[0]) / max(1, busy1[1] - busy0[1])
    return Measured(config, mode, result, cpu, busy, load)


# ------------------------------------------------------------------ realistic pacing
@dataclass
class Timeline:
    """Turns and machine load per window of the paced phase: where in the run the slow turns are."""

    window: float
    turns: list[tuple[float, str, float]] = field(default_factory=list)  # (sent at, kind, ms)
    busy: list[tuple[float, float]] = field(default_factory=list)  # (at, fraction of all cores since last)

    def lines(self) -> list[str]:
        out = []
        end = max([t for t, _, _ in self.turns] + [0.0])
        for start in [i * self.window for i in range(int(end // self.window) + 1)]:
            inside = [(k, ms) for t, k, ms in self.turns if start <= t < start + self.window]
            busy = [b for t, b in self.busy if start < t <= start + self.window]
            answers = [ms for k, ms in inside if k == "answer"]
            others = [ms for k, ms in inside if k != "answer"]
            p = lambda ms, pct: fmt(percentile(ms, pct), digits=0)  # noqa: E731
            out.append(f"{start:5.0f}-{start + self.window:<4.0f}s  {len(inside):4d} turns "
                       f"({len(answers):3d} answers)  "
                       f"answers p50/p95 {p(answers, 50):>5} / {p(answers, 95):>5} ms  "
                       f"others {p(others, 50):>4} / {p(others, 95):>5} ms  machine busy "
                       f"{(sum(busy) / len(busy) * 100 if busy else float('nan')):3.0f}%")
        return out


async def _sample_busy(timeline: Timeline, started: float, every: float = 2.0) -> None:
    last = machine_busy()
    while True:
        await asyncio.sleep(every)
        now = machine_busy()
        timeline.busy.append((time.monotonic() - started, (now[0] - last[0]) / max(1, now[1] - last[1])))
        last = now


async def run_paced(url: str, make, *, respondents: int, duration: float, low: float, high: float,
                    max_messages: int, timeout: float, seed: int, timeline: Timeline | None = None) -> PhaseResult:
    """Each respondent sends, waits for the answer, then sends again uniform(low, high) s after it sent."""
    result = PhaseResult("IMSA Voices", "paced")
    rng = random.Random(seed)
    budget = {"left": max_messages}
    cpu0 = time.process_time()
    started = time.monotonic()
    deadline = started + duration

    async def one(index: int, session: aiohttp.ClientSession) -> None:
        person = make(index, result.tally)
        text = person.start()
        due = started + rng.uniform(0, high)  # arrivals spread over the first interval
        while budget["left"] > 0 and due < deadline:
            await asyncio.sleep(max(0.0, due - time.monotonic()))
            budget["left"] -= 1
            sent, kind = time.monotonic(), person.kind
            reply = await turns._turn(session, url, person.sender, text, timeout, result, kind)
            if timeline is not None and reply:
                timeline.turns.append((sent - started, kind, (time.monotonic() - sent) * 1000))
            text = person.next(reply) if reply else person.restart()
            due += rng.uniform(low, high)
            if time.monotonic() > due:
                result.overruns += 1
                due = time.monotonic()

    connector = aiohttp.TCPConnector(limit=respondents + 4)
    sampler = asyncio.create_task(_sample_busy(timeline, started)) if timeline is not None else None
    async with aiohttp.ClientSession(connector=connector) as session:
        tasks = [asyncio.create_task(one(i, session)) for i in range(respondents)]
        done, pending = await asyncio.wait(tasks, timeout=duration + timeout + 5)
        for task in pending:
            task.cancel()
        await asyncio.gather(*pending, return_exceptions=True)
        if pending:
            result.errors["respondent cancelled at the hard stop"] += len(pending)
        for task in done:
            if task.exception() is not None:
                result.errors[f"driver crashed: {type(task.exception()).__name__}"] += 1
    if sampler is not None:
        sampler.cancel()
    result.elapsed_s = max(time.monotonic(), deadline) - started
    result.driver_cpu_s = time.process_time() - cpu0
    return result


# ------------------------------------------------------------------ one configuration
@dataclass
class Running:
    config: str
    workers: int
    url: str
    server: turns.Server
    watch: CpuWatch


def models_dir() -> Path:
    """The model the tests share (tests/conftest.py), so nothing is trained here when it is there."""
    deps = ROOT / ".venv" / ".imsa-deps"
    key = deps.read_text().strip().rsplit("-", 1)[-1] if deps.exists() else "local"
    cache = Path(os.environ.get("IMSA_CACHE") or Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache"))
                 / "imsa-voices")
    return Path(os.environ.get("IMSA_MODELS_DIR") or cache / f"models-{key}")


def start(config: str, workers: int, use_redis: bool, env: dict[str, str], var: Path, taken: set[int],
          timeout: float) -> Running:
    # --workers N takes the N ports from RASA_PORT and from ACTION_PORT up: find runs of free ones
    ports = {"RASA_PORT": free_run(workers, taken), "ACTION_PORT": free_run(workers, taken),
             "WEB_PORT": turns.free_port(taken)}
    run_env = env | {k: str(v) for k, v in ports.items()}
    if not use_redis:
        run_env.pop("REDIS_URL", None)
    log_file = var / f"run-{config.replace(' ', '-').strip('()')}.log"
    log_file.write_text("")
    url = f"http://127.0.0.1:{ports['WEB_PORT']}/webhooks/rest/webhook"
    started = time.monotonic()
    process = turns.spawn([str(VENV_BIN / "imsa-voices"), "run", "--workers", str(workers)], cwd=ROOT, env=run_env,
                          log_file=log_file)
    server = turns.Server(f"imsa-voices run --workers {workers}", url, process, log_file)
    deadline = started + timeout
    while "is ready after" not in log_file.read_text(errors="replace"):
        if process.poll() is not None or time.monotonic() > deadline:
            server.stop()
            raise SystemExit(f"{config} did not start; last lines of {log_file}:\n{turns.tail(log_file)}")
        time.sleep(0.5)
    log(f"  {config}: ready after {time.monotonic() - started:.0f} s (ports {ports})")
    return Running(config, workers, url, server, CpuWatch(process.pid, env["BENCH_DATABASE"]))


def free_run(count: int, taken: set[int]) -> int:
    """The first of `count` consecutive free loopback ports."""
    import socket

    while True:
        first = turns.free_port(taken)
        run = range(first, first + count)
        try:
            for port in run[1:]:
                with socket.socket() as s:
                    s.bind(("127.0.0.1", port))
        except OSError:
            continue
        if not any(port in taken or port in turns.RESERVED_PORTS for port in run[1:]):
            taken.update(run)
            return first


def respondents_factory(seed: int):
    texts = (yaml.safe_load((ROOT / "translations" / "en.yml").read_text()) or {}).get("texts", {})
    rng = random.Random(seed)

    def make(index: int, tally: Tally) -> ImsaRespondent:
        return ImsaRespondent(f"load-{os.getpid()}-{rng.randrange(10**6)}-{index}", random.Random(rng.random()),
                              tally, texts)

    return make


def closed_loop(running: Running, args: argparse.Namespace, make) -> list[Measured]:
    common = dict(respondents=args.respondents, pace=1.0, max_messages=args.max_messages, timeout=args.timeout)
    warm = asyncio.run(turns.run_phase("IMSA Voices", running.url, "closed", make, duration=args.warmup, **common))
    log(f"  {running.config}: warm-up {warm.ok} turns, {warm.error_count} errors (not counted)")
    out = []
    for repeat in range(1, args.repeats + 1):
        phase = turns.run_phase("IMSA Voices", running.url, "closed", make, duration=args.duration, **common)
        m = asyncio.run(measured(phase, running.watch, running.config, "closed"))
        out.append(m)
        log(f"  [{repeat}/{args.repeats}] {running.config}, closed loop, {args.respondents} respondents: "
            f"{m.describe()}\n      1-min load average before: {m.load_before:.2f}")
    return out


# ------------------------------------------------------------------ databases
def create_database() -> tuple[str, str]:
    from sqlalchemy import create_engine, text

    name = "imsa_bench_" + secrets.token_hex(4)
    admin = create_engine(ADMIN_POSTGRES, isolation_level="AUTOCOMMIT", future=True)
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    return name, ADMIN_POSTGRES.rsplit("/", 1)[0] + "/" + name


def drop_database(name: str) -> None:
    from sqlalchemy import create_engine, text

    admin = create_engine(ADMIN_POSTGRES, isolation_level="AUTOCOMMIT", future=True)
    with admin.connect() as conn:
        conn.execute(text(f"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{name}'"))
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}"'))
    admin.dispose()


def clean_redis(prefix: str) -> int:
    import redis

    red = redis.Redis.from_url(REDIS_URL)
    keys = list(red.scan_iter(match=f"{prefix}:*"))
    for key in keys:
        red.delete(key)
    return len(keys)


# ------------------------------------------------------------------ report
def report(closed: dict[str, list[Measured]], paced: Measured | None, args: argparse.Namespace) -> None:
    rate = {config: median([m.result.rate for m in runs]) for config, runs in closed.items()}
    log("\n== Summary")
    for config, runs in closed.items():
        rates = ", ".join(f"{m.result.rate:.1f}" for m in runs)
        log(f"  closed loop {config}: median {fmt(rate[config], ' msg/s')} (runs: {rates}); p50/p95 "
            f"{fmt(median([m.result.p(50) for m in runs]), ' ms', 0)} / "
            f"{fmt(median([m.result.p(95) for m in runs]), ' ms', 0)}; errors "
            f"{sum(m.result.error_count for m in runs)}")
    ratio = rate.get("2 (redis)", float("nan")) / rate.get("1 (redis)", float("nan"))
    store_cost = rate.get("1 (redis)", float("nan")) / rate.get("1 (memory)", float("nan"))
    log(f"  scaling 2 vs 1 instance (both with Redis): {fmt(ratio, 'x', 2)}")
    log(f"  Redis stores vs memory, 1 instance: {fmt(store_cost, 'x', 2)}")
    if paced:
        r = paced.result
        ok = r.p(95) < GOAL_PACED_P95_MS and r.error_count == 0
        log(f"  paced {paced.config}: {args.paced_respondents} respondents x 1 msg / {args.low:g}-{args.high:g} s: "
            f"{r.ok} turns, p50 {fmt(r.p(50), ' ms', 0)}, p95 {fmt(r.p(95), ' ms', 0)}, p99 {fmt(r.p(99), ' ms', 0)}, "
            f"max {fmt(max(r.latencies_ms) if r.latencies_ms else float('nan'), ' ms', 0)}, errors {r.error_count}: "
            f"goal p95 < {GOAL_PACED_P95_MS:.0f} ms and 0 errors {'met' if ok else 'NOT met'}")

    log("\n== Markdown table\n")
    log("| Measure | Figure | Goal |")
    log("|---|---|---|")
    if paced:
        r = paced.result
        log(f"| Paced, {args.paced_respondents} respondents x 1 msg / {args.low:g}-{args.high:g} s, {paced.config}: "
            f"p50 / p95 / p99 | {fmt(r.p(50), digits=0)} / {fmt(r.p(95), digits=0)} / {fmt(r.p(99), digits=0)} ms | "
            f"p95 < {GOAL_PACED_P95_MS:.0f} ms: {'met' if r.p(95) < GOAL_PACED_P95_MS else 'NOT met'} |")
        log(f"| Paced: errors | {r.error_count} of {r.ok + r.error_count} | 0: "
            f"{'met' if r.error_count == 0 else 'NOT met'} |")
    for config in closed:
        log(f"| Closed loop, {args.respondents} respondents, {config} | {fmt(rate[config], ' msg/s')} | |")
    log(f"| Scaling, 2 vs 1 instance (Redis stores) | {fmt(ratio, 'x', 2)} | reported |")
    log(f"\n{datetime.now().strftime('%Y-%m-%d')}, Rasa {turns.rasa_version()}, Python {platform.python_version()}, "
        f"{os.cpu_count()} cores; closed loop {args.duration:g} s x {args.repeats} (medians); paced "
        f"{args.paced_duration:g} s; driver and bot on the same machine, loopback, through the web page.")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.ArgumentDefaultsHelpFormatter)
    parser.add_argument("--respondents", type=int, default=24, help="closed loop: respondents")
    parser.add_argument("--duration", type=float, default=30.0, help="closed loop: seconds per repeat")
    parser.add_argument("--repeats", type=int, default=3, help="closed loop: repeats (medians reported)")
    parser.add_argument("--warmup", type=float, default=5.0, help="closed loop: uncounted seconds first")
    parser.add_argument("--configs", default="1 (memory),1 (redis),2 (redis)",
                        help="closed-loop configurations, comma-separated")
    parser.add_argument("--paced-respondents", type=int, default=200)
    parser.add_argument("--paced-duration", type=float, default=180.0, help="paced: seconds")
    parser.add_argument("--paced-workers", type=int, default=2, help="paced: Rasa instances (0 skips the phase)")
    parser.add_argument("--low", type=float, default=5.0, help="paced: shortest gap between one person's messages")
    parser.add_argument("--high", type=float, default=20.0, help="paced: longest gap")
    parser.add_argument("--max-messages", type=int, default=20000, help="cap on messages per phase")
    parser.add_argument("--timeout", type=float, default=30.0, help="seconds before a turn counts as an error")
    parser.add_argument("--startup-timeout", type=float, default=300.0)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--quick", action="store_true", help="smoke test: short phases, 1 repeat, 40 paced people")
    args = parser.parse_args(argv)
    if args.quick:
        args.duration, args.repeats, args.warmup = 8.0, 1, 2.0
        args.paced_respondents, args.paced_duration = 40, 30.0
    if min(args.respondents, args.duration, args.repeats, args.paced_respondents, args.paced_duration) <= 0 \
            or not 0 < args.low <= args.high:
        parser.error("counts and durations must be > 0, and 0 < --low <= --high")
    configs = [c.strip() for c in args.configs.split(",") if c.strip()]
    known = {"1 (memory)": (1, False), "1 (redis)": (1, True), "2 (redis)": (2, True)}
    if any(c not in known for c in configs):
        parser.error(f"--configs: choose from {', '.join(known)}")

    log(f"IMSA Voices load benchmark; code {turns.git_state()}; {os.cpu_count()} cores; load average "
        f"{os.getloadavg()[0]:.2f}")
    started = time.monotonic()
    var = Path(tempfile.mkdtemp(prefix="imsa-load-"))
    prefix = "imsaload" + secrets.token_hex(4)
    database, database_url = create_database()
    env = turns.base_env() | {
        "IMSA_VAR_DIR": str(var), "IMSA_MODELS_DIR": str(models_dir()), "DATABASE_URL": database_url,
        "REDIS_URL": REDIS_URL, "IMSA_REDIS_KEY_PREFIX": prefix, "BENCH_DATABASE": database,
        "IMSA_SECRET_KEY": "load-benchmark-" + secrets.token_hex(8),
        # every simulated person comes from 127.0.0.1: the page's per-address limits (bot/web/ratelimit.py) off
        "IMSA_RATE_MESSAGES_PER_MINUTE": "0", "IMSA_RATE_NEW_CHATS_PER_HOUR": "0",
    }
    log(f"var {var}; database {database}; Redis {REDIS_URL} prefix {prefix}; models {env['IMSA_MODELS_DIR']}")
    subprocess.run([str(VENV_BIN / "imsa-voices"), "train"], cwd=ROOT, env=env, check=True,
                   stdout=subprocess.DEVNULL)  # nothing to do when the shared model is up to date
    taken: set[int] = set()
    make = respondents_factory(args.seed)
    closed: dict[str, list[Measured]] = {}
    paced: Measured | None = None
    try:
        for config in configs:
            workers, use_redis = known[config]
            running = start(config, workers, use_redis, env, var, taken, args.startup_timeout)
            try:
                closed[config] = closed_loop(running, args, make)
                if args.paced_workers == workers and use_redis:
                    paced = run_paced_phase(running, args, make)
            finally:
                running.server.stop()
        if args.paced_workers and paced is None:
            running = start(f"{args.paced_workers} (redis)", args.paced_workers, True, env, var, taken,
                            args.startup_timeout)
            try:
                paced = run_paced_phase(running, args, make)
            finally:
                running.server.stop()
    finally:
        removed = clean_redis(prefix)
        drop_database(database)
        shutil.rmtree(var, ignore_errors=True)
        log(f"  cleaned up: {removed} Redis keys, database {database}, {var}")
    report(closed, paced, args)
    log(f"\n(benchmark took {time.monotonic() - started:.0f} s)")
    return 0


def run_paced_phase(running: Running, args: argparse.Namespace, make) -> Measured:
    timeline = Timeline(window=30.0)
    phase = run_paced(running.url, make, respondents=args.paced_respondents, duration=args.paced_duration,
                      low=args.low, high=args.high, max_messages=args.max_messages, timeout=args.timeout,
                      seed=args.seed + 1, timeline=timeline)
    m = asyncio.run(measured(phase, running.watch, running.config, "paced"))
    log(f"  {running.config}, paced, {args.paced_respondents} respondents x 1 msg / {args.low:g}-{args.high:g} s: "
        f"{m.describe()}\n      1-min load average before: {m.load_before:.2f}\n      by 30 s window (sent at):")
    for line in timeline.lines():
        log("        " + line)
    return m


if __name__ == "__main__":
    sys.exit(main())
