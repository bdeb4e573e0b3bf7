"""Turn latency and throughput of IMSA Voices against a stock `rasa init` bot.

Simulated respondents talk to each bot through the Rasa REST channel, each in
its own conversation (own sender id). Per bot, in one run:

- training time (IMSA Voices: `imsa-voices train --force`, median of repeats;
  reference: `rasa init --no-prompt`, which trains, cached between runs);
- start-up time, from spawning the server to its first answer over REST;
- closed loop: N respondents send as fast as answers come back (throughput);
- paced: N respondents send one message every P seconds each (latency).

Only 127.0.0.1 is ever contacted; every phase is bounded in time and count.
Figures go to stdout, ending with a markdown table for the README. Goals are
printed beside the figures; nothing is asserted.

    .venv/bin/python benchmarks/turns.py                  # full run (~10 min)
    .venv/bin/python benchmarks/turns.py --quick --skip-reference
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import random
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Callable

import aiohttp
import yaml

ROOT = Path(__file__).resolve().parent.parent
VENV_BIN = Path(sys.executable).parent
# Rasa as a module of this interpreter: the project venv reaches its dependencies through a .pth file,
# so Rasa's `rasa` console script lives in the dependency cache, not in .venv/bin.
RASA = [sys.executable, "-m", "rasa"]
RESERVED_PORTS = {5005, 5055, 8000}  # a developer may be using these
DEFAULT_CACHE = Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "imsa-voices" / "reference-bot"

GOAL_TRAINING_S = 60.0
GOAL_STARTUP_S = 20.0
GOAL_PACED_P95_MS = 150.0
GOAL_THROUGHPUT_RATIO = 1.5
GOAL_CPU_MS_PER_TURN = 25.0
GOAL_LATE_TURN_RATIO = 1.2  # turn 40 costs at most 20% more than turn 5

CONTROL_PAYLOADS = {"/skip", "/go_back", "/repeat", "/dont_understand", "/pause", "/stop", "/help_now"}
CHOICE_RE = re.compile(r'^/choose\{"choice":\s*"([^"]*)"\}$')

# Free-text answers, 10-40 words, in the voice of a survivor or support worker.
# A few carry personal details on purpose: redaction is on the real hot path.
ANSWERS = [
    "It was hard to see a doctor because I had no address and nobody explained how to register with a GP.",
    "My support worker helped me fill the forms but the housing office kept losing them "
    "and we had to start again many times.",
    "I did not understand the letters from the Home Office. "
    "They were long and in English only, and I was afraid to ask.",
    "The money was not enough for food and bus tickets, so I missed appointments with my solicitor and the police.",
    "Good practice was when the nurse used an interpreter on the phone and took time to listen to me properly.",
    "In Scotland the support felt different from England, "
    "the worker stayed with me longer and knew the local services.",
    "Police should tell people what happens next. Nobody called me for months after I gave my statement in Manchester.",
    "I moved hotel four times in two months. Each time I lost contact with friends and had to find a new doctor.",
    "Having the same advocate from the start would help a lot, someone who knows my story so I do not repeat it.",
    "My phone is 07700 900123 if you need more, but please do not share it with anyone outside the project.",
    "The court was frightening. I did not know I could ask for a screen, and the trafficker's family was in the room.",
    "Charities worked well together when they had one meeting with me "
    "instead of everyone asking the same questions again.",
    "Mental health support came too late. The waiting list was nine months and I felt alone during that time.",
    "Training for staff on modern slavery would help, some job centre staff did not believe me and sent me away.",
    "An independent advocate should be there in every meeting "
    "and explain my rights in simple words and my own language.",
    "I was told to email sarah.jones@example.org for help with benefits but I had no computer and no internet at all.",
    "In Wales it was easier to get a GP, but finding a solicitor for immigration took a very long time and many calls.",
    "Things that helped me: a safe house with kind staff, English classes, and a worker who answered when I called.",
]

# The reference conversations follow `rasa init`'s own stories.
REFERENCE_PATHS = [
    ["greet", "mood_great", "bot_challenge", "goodbye"],
    ["greet", "mood_unhappy", "affirm", "goodbye"],
    ["greet", "mood_unhappy", "deny"],
    ["greet", "bot_challenge", "mood_great", "goodbye"],
]


# --------------------------------------------------------------------- helpers
def log(msg: str = "") -> None:
    print(msg, flush=True)


def free_port(taken: set[int]) -> int:
    while True:
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
        if port not in RESERVED_PORTS and port not in taken:
            taken.add(port)
            return port


def percentile(values: list[float], pct: float) -> float:
    """Nearest-rank percentile; nan for no values."""
    if not values:
        return float("nan")
    ordered = sorted(values)
    rank = max(1, int(-(-pct * len(ordered) // 100)))
    return ordered[min(rank, len(ordered)) - 1]


def median(values: list[float]) -> float:
    values = [v for v in values if v == v]
    return statistics.median(values) if values else float("nan")


def fmt(value: float, unit: str = "", digits: int = 1) -> str:
    if value != value:
        return "n/a"
    return f"{value:.{digits}f}{unit}"


def goal(ok: bool | None) -> str:
    return "n/a" if ok is None else ("met" if ok else "NOT met")


def goal_below(value: float, limit: float) -> str:
    return goal(None if value != value else value < limit)


def base_env() -> dict[str, str]:
    env = dict(os.environ)
    env["RASA_TELEMETRY_ENABLED"] = "false"
    env.setdefault("SQLALCHEMY_SILENCE_UBER_WARNING", "1")
    env.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
    env.setdefault("PYTHONWARNINGS", "ignore")
    return env


def tail(path: Path, lines: int = 25) -> str:
    try:
        return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])
    except OSError:
        return "(no log)"


def timed_command(cmd: list[str], *, cwd: Path, env: dict[str, str], log_file: Path, timeout: float) -> float:
    """Run a command to completion, output to log_file; return its wall time in seconds."""
    started = time.monotonic()
    with open(log_file, "ab") as out:
        try:
            proc = subprocess.run(cmd, cwd=cwd, env=env, stdout=out, stderr=subprocess.STDOUT, timeout=timeout,
                                  stdin=subprocess.DEVNULL)
        except subprocess.TimeoutExpired:
            raise SystemExit(f"{' '.join(cmd[:3])} took over {timeout:.0f} s; log: {log_file}")
    elapsed = time.monotonic() - started
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(cmd[:3])} failed with exit code {proc.returncode}; last lines of {log_file}:\n"
                         f"{tail(log_file)}")
    return elapsed


def post_sync(url: str, sender: str, text: str, timeout: float = 5.0) -> list[dict[str, Any]] | None:
    body = json.dumps({"sender": sender, "message": text}).encode()
    request = urllib.request.Request(url, body, {"Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            if response.status != 200:
                return None
            reply = json.loads(response.read())
    except (urllib.error.URLError, ConnectionError, TimeoutError, OSError, ValueError):
        return None
    return reply if isinstance(reply, list) and reply else None


# --------------------------------------------------------- server processes
def _descendants(pid: int) -> list[int]:
    """All live descendants of pid, from /proc (Linux)."""
    parents: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        ppid = int(stat.rsplit(")", 1)[1].split()[1])
        parents.setdefault(ppid, []).append(int(entry.name))
    found, todo = [], [pid]
    while todo:
        for child in parents.get(todo.pop(), []):
            found.append(child)
            todo.append(child)
    return found


def process_cpu(pids: list[int]) -> dict[str, float]:
    """CPU seconds (user + system) used so far, by kind of process."""
    tick = os.sysconf("SC_CLK_TCK")
    used: dict[str, float] = {}
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            cmdline = Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
        except OSError:
            continue
        if "rasa_sdk" in cmdline:
            label = "action server"
        elif "bot.web" in cmdline:
            label = "web"
        elif " -m rasa " in cmdline or "bot.rasa.server" in cmdline:
            label = "rasa"
        elif "bin/imsa-voices" in cmdline:  # `imsa-voices run` (its translation job)
            label = "launcher"
        elif "rasa" in cmdline:
            label = "rasa"
        else:
            label = Path(cmdline.split(" ")[0]).name or str(pid)
        used[label] = used.get(label, 0.0) + (int(fields[11]) + int(fields[12])) / tick
    return used


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


@dataclass
class Server:
    name: str
    url: str
    process: subprocess.Popen
    log_file: Path
    startup_s: float = float("nan")
    first_reply: list[dict[str, Any]] = field(default_factory=list)

    def wait_first_answer(self, started: float, timeout: float) -> None:
        deadline = started + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise SystemExit(f"{self.name} exited with code {self.process.returncode} before answering; "
                                 f"last lines of {self.log_file}:\n{tail(self.log_file)}")
            reply = post_sync(self.url, f"startup-probe-{os.getpid()}", "hello")
            if reply:
                self.startup_s = time.monotonic() - started
                self.first_reply = reply
                return
            time.sleep(0.2)
        self.stop()
        raise SystemExit(f"{self.name} gave no answer within {timeout:.0f} s; log: {self.log_file}")

    def cpu(self) -> dict[str, float]:
        return process_cpu([self.process.pid] + _descendants(self.process.pid))

    def stop(self, grace: float = 30.0) -> None:
        """SIGTERM the process group, wait, then SIGKILL any of our own leftovers by pid."""
        if self.process.poll() is not None:
            return
        family = _descendants(self.process.pid)
        try:
            os.killpg(self.process.pid, signal.SIGTERM)
        except ProcessLookupError:
            pass
        deadline = time.monotonic() + grace
        try:
            self.process.wait(grace)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()
        while any(_alive(p) for p in family) and time.monotonic() < deadline:
            time.sleep(0.2)
        for pid in family:
            if _alive(pid):
                try:
                    os.kill(pid, signal.SIGKILL)
                except ProcessLookupError:
                    pass


def spawn(cmd: list[str], *, cwd: Path, env: dict[str, str], log_file: Path) -> subprocess.Popen:
    out = open(log_file, "ab")
    try:
        return subprocess.Popen(cmd, cwd=cwd, env=env, stdout=out, stderr=subprocess.STDOUT,
                                stdin=subprocess.DEVNULL, start_new_session=True)
    finally:
        out.close()


# ---------------------------------------------------------------- respondents
@dataclass
class Tally:
    """What the respondents noticed in the bot's answers (not errors: the bot answered)."""

    conversations_started: int = 0
    conversations_completed: int = 0
    notes: Counter = field(default_factory=Counter)


class ImsaRespondent:
    """Follows IMSA Voices: picks the expected choice at each choice step, answers questions in free text."""

    MAX_TURNS = 80

    def __init__(self, label: str, rng: random.Random, tally: Tally, texts: dict[str, str]) -> None:
        self.label, self.rng, self.tally = label, rng, tally
        self.count = 0
        self.sorry = texts.get("error.general")
        summary = texts.get("end.summary")
        self.summary_re = re.compile(re.sub(r"\\\{\w+\\\}", r".+", re.escape(summary))) if summary else None
        self.sender = ""

    def start(self) -> str:
        self.count += 1
        self.sender = f"bench-{self.label}-{self.count}"
        self.turns = 0
        self.prev_prompt: str | None = None
        self.typed_failed: set[str] = set()
        self.stuck = 0
        self.tally.conversations_started += 1
        self.kind = "greeting"
        return "hello"

    def restart(self) -> str:
        return self.start()

    def next(self, reply: list[dict[str, Any]]) -> str:
        self.turns += 1
        texts = [str(m.get("text") or "") for m in reply]
        if self.sorry and self.sorry in texts:
            self.tally.notes["bot said 'something went wrong'"] += 1
        last = reply[-1]
        prompt = str(last.get("text") or "")
        repeated = prompt == self.prev_prompt
        self.prev_prompt = prompt
        buttons = last.get("buttons") or []
        payloads = [str(b.get("payload") or "") for b in buttons]
        choices = [m.group(1) for m in map(CHOICE_RE.match, payloads) if m]

        if self.turns >= self.MAX_TURNS:
            self.tally.notes[f"conversation over {self.MAX_TURNS} turns, abandoned"] += 1
            return self.start()
        if not buttons:  # the end
            if self.summary_re and any(self.summary_re.search(t) for t in texts):
                self.tally.conversations_completed += 1
            else:
                self.tally.notes["conversation ended without a summary"] += 1
            return self.start()
        if repeated:
            self.stuck += 1
            if self.stuck >= 3:
                self.tally.notes["same prompt 3 times, abandoned"] += 1
                return self.start()
        else:
            self.stuck = 0
        if choices:
            return self._choose(choices, repeated)
        if payloads and all(p in CONTROL_PAYLOADS for p in payloads):  # a question
            if repeated:
                self.tally.notes["question repeated after an answer"] += 1
            self.kind = "answer"
            return self.answer_text()
        self.tally.notes[f"unexpected buttons {payloads[:3]}"] += 1
        return self.start()

    def answer_text(self) -> str:
        return self.rng.choice(ANSWERS)

    def _choose(self, choices: list[str], repeated: bool) -> str:
        button = '/choose{"choice":"%s"}'
        self.kind = "button"
        if "en" in choices:  # welcome: languages
            return button % "en"
        typed_steps = {"continue": ("about", "ok"), "yes": ("yes/no", "yes")}
        for value, (step, word) in typed_steps.items():
            if value in choices:
                if repeated:
                    self.typed_failed.add(step)
                    self.tally.notes[f"typed '{word}' not understood at {step}, tapped the button"] += 1
                if step in self.typed_failed:
                    return button % value
                self.kind = "typed choice"
                return word
        for expected in ("none", "england", "all"):  # assisted, nation, themes
            if expected in choices:
                return button % expected
        for detour in ("carry_on", "cancel"):  # help or a confirmation came up: carry on
            if detour in choices:
                self.tally.notes[f"detour: {detour}"] += 1
                return button % detour
        self.tally.notes[f"unexpected choices {choices[:4]}"] += 1
        return self.start()


class LongRespondent(ImsaRespondent):
    """As ImsaRespondent, but asks for every question again (/repeat) before answering it: a full
    conversation is then about 55 turns, so turn 40 exists (answering alone, one is about 31). It gives
    the same answer to every question of a conversation, so that an early answer and a late one cost the
    same work (redaction and coding depend on the words): what differs is only the place in the conversation."""

    def start(self) -> str:
        self.asked_again = False
        self.answer = self.rng.choice(ANSWERS)
        return super().start()

    def answer_text(self) -> str:
        return self.answer

    def next(self, reply: list[dict[str, Any]]) -> str:
        payloads = [str(b.get("payload") or "") for b in reply[-1].get("buttons") or []]
        if payloads and all(p in CONTROL_PAYLOADS for p in payloads) and not self.asked_again:
            self.asked_again, self.turns, self.prev_prompt, self.kind = True, self.turns + 1, None, "repeat"
            return "/repeat"
        self.asked_again = False
        return super().next(reply)


class ReferenceRespondent:
    """Talks to the `rasa init` bot along its own stories, with examples from its NLU data."""

    def __init__(self, label: str, rng: random.Random, tally: Tally, examples: dict[str, list[str]]) -> None:
        self.label, self.rng, self.tally, self.examples = label, rng, tally, examples
        self.count = 0
        self.sender = ""
        self.kind = "message"

    def start(self) -> str:
        self.count += 1
        self.sender = f"bench-{self.label}-{self.count}"
        self.path = list(self.rng.choice(REFERENCE_PATHS))
        self.tally.conversations_started += 1
        return self._say()

    def restart(self) -> str:
        return self.start()

    def _say(self) -> str:
        return self.rng.choice(self.examples[self.path.pop(0)])

    def next(self, reply: list[dict[str, Any]]) -> str:
        if not self.path:
            self.tally.conversations_completed += 1
            return self.start()
        return self._say()


def reference_examples(project: Path) -> dict[str, list[str]]:
    raw = yaml.safe_load((project / "data" / "nlu.yml").read_text())
    examples: dict[str, list[str]] = {}
    for item in raw.get("nlu", []):
        if "intent" in item:
            lines = [ln.strip()[2:].strip() for ln in str(item.get("examples", "")).splitlines()]
            examples[item["intent"]] = [ln for ln in lines if ln]
    missing = {i for path in REFERENCE_PATHS for i in path} - examples.keys()
    if missing:
        raise SystemExit(f"the reference bot's NLU data has no examples for {sorted(missing)}")
    return examples


# ---------------------------------------------------------------- load phases
@dataclass
class PhaseResult:
    bot: str
    mode: str
    latencies_ms: list[float] = field(default_factory=list)
    ok: int = 0
    errors: Counter = field(default_factory=Counter)
    error_samples: dict[str, str] = field(default_factory=dict)
    elapsed_s: float = 0.0
    overruns: int = 0  # paced: replies that came after the next message was due
    tally: Tally = field(default_factory=Tally)
    driver_cpu_s: float = 0.0
    by_kind: dict[str, list[float]] = field(default_factory=dict)  # latencies by what the respondent sent
    server_cpu_s: dict[str, float] = field(default_factory=dict)
    load_before: float = float("nan")

    @property
    def error_count(self) -> int:
        return sum(self.errors.values())

    @property
    def rate(self) -> float:
        return self.ok / self.elapsed_s if self.elapsed_s > 0 else float("nan")

    def p(self, pct: float) -> float:
        return percentile(self.latencies_ms, pct)

    def describe(self) -> str:
        line = (f"{self.ok} turns ok, {self.error_count} errors in {self.elapsed_s:.1f} s -> {self.rate:.1f} msg/s; "
                f"latency ms p50 {fmt(self.p(50))} p95 {fmt(self.p(95))} p99 {fmt(self.p(99))} "
                f"max {fmt(max(self.latencies_ms) if self.latencies_ms else float('nan'))}; "
                f"conversations {self.tally.conversations_completed} completed / "
                f"{self.tally.conversations_started} started; driver CPU {self.driver_cpu_s:.1f} s")
        if self.mode == "paced":
            line += f"; {self.overruns} replies later than the pace"
        if self.server_cpu_s:
            total = sum(self.server_cpu_s.values())
            per_turn = total / self.ok * 1000 if self.ok else float("nan")
            each = ", ".join(f"{k} {v:.1f}" for k, v in self.server_cpu_s.items())
            line += (f"\n      server CPU {total:.1f} s ({each})"
                     f" = {fmt(per_turn, ' ms', 0)} per turn; 1-min load average before: {self.load_before:.2f}")
        if len(self.by_kind) > 1:
            line += "\n      p50 / p95 ms by message sent: " + "; ".join(
                f"{kind} {fmt(percentile(ms, 50), digits=0)} / {fmt(percentile(ms, 95), digits=0)} (n={len(ms)})"
                for kind, ms in sorted(self.by_kind.items()))
        for kind, n in self.errors.most_common():
            line += f"\n      ERROR {kind}: {n}  e.g. {self.error_samples.get(kind, '')!r}"
        for note, n in self.tally.notes.most_common():
            line += f"\n      note: {note}: {n}"
        return line


async def _turn(session: aiohttp.ClientSession, url: str, sender: str, text: str, timeout: float,
                result: PhaseResult, kind_sent: str) -> list[dict[str, Any]] | None:
    """One message and its answer; records latency or the error."""
    started = time.perf_counter()
    kind, sample = None, ""
    try:
        async with session.post(url, json={"sender": sender, "message": text},
                                timeout=aiohttp.ClientTimeout(total=timeout)) as response:
            body = await response.read()
            status = response.status
    except asyncio.TimeoutError:
        kind, sample = f"timeout after {timeout:.0f} s", text[:60]
    except aiohttp.ClientError as exc:
        kind, sample = f"connection: {type(exc).__name__}", str(exc)[:200]
    else:
        reply: Any = None
        if status != 200:
            kind, sample = f"HTTP {status}", body[:200].decode(errors="replace")
        else:
            try:
                reply = json.loads(body)
            except ValueError:
                kind, sample = "reply is not JSON", body[:200].decode(errors="replace")
            else:
                if not isinstance(reply, list) or not reply:
                    kind, sample = "empty reply", f"{text[:60]!r} -> {body[:100].decode(errors='replace')}"
        if kind is None:
            ms = (time.perf_counter() - started) * 1000
            result.latencies_ms.append(ms)
            result.by_kind.setdefault(kind_sent, []).append(ms)
            result.ok += 1
            return reply
    result.errors[kind] += 1
    result.error_samples.setdefault(kind, sample)
    return None


async def run_phase(
    bot: str, url: str, mode: str, make: Callable[[int, Tally], Any], *, respondents: int, duration: float,
    pace: float, max_messages: int, timeout: float, pace_max: float | None = None,
) -> PhaseResult:
    """closed: send as fast as answers come; paced: one message per respondent every `pace` s (with
    `pace_max`, a gap drawn at random between `pace` and `pace_max` s, each respondent its own draws)."""
    result = PhaseResult(bot, mode)
    budget = {"left": max_messages}
    cpu0 = time.process_time()
    started = time.monotonic()
    deadline = started + duration
    last_done = [started]

    async def one(index: int, session: aiohttp.ClientSession) -> None:
        person = make(index, result.tally)
        gaps = random.Random(index)
        text = person.start()
        due = started + (index * pace / respondents if mode == "paced" else 0.0)
        while budget["left"] > 0:
            if mode == "paced":
                if due >= deadline:
                    return
                await asyncio.sleep(max(0.0, due - time.monotonic()))
            elif time.monotonic() >= deadline:
                return
            budget["left"] -= 1
            reply = await _turn(session, url, person.sender, text, timeout, result, person.kind)
            last_done[0] = time.monotonic()
            text = person.next(reply) if reply else person.restart()
            if mode == "paced":
                due += pace if pace_max is None else gaps.uniform(pace, max(pace, pace_max))
                if time.monotonic() > due:
                    result.overruns += 1
                    due = time.monotonic()

    connector = aiohttp.TCPConnector(limit=respondents + 4)
    async with aiohttp.ClientSession(connector=connector) as session:
        tasks = [asyncio.create_task(one(i, session)) for i in range(respondents)]
        # Hard stop: the deadline, plus one request timeout for answers in flight.
        done, pending = await asyncio.wait(tasks, timeout=duration + timeout + 5)
        for task in pending:
            task.cancel()
        await asyncio.gather(*pending, return_exceptions=True)
        if pending:
            result.errors["respondent cancelled at the hard stop"] += len(pending)
        for task in done:
            if task.exception() is not None:
                result.errors[f"driver crashed: {type(task.exception()).__name__}"] += 1
                result.error_samples.setdefault(f"driver crashed: {type(task.exception()).__name__}",
                                                str(task.exception())[:200])
    result.elapsed_s = (last_done[0] if mode == "closed" else max(last_done[0], deadline)) - started
    result.driver_cpu_s = time.process_time() - cpu0
    return result


@dataclass
class BotFigures:
    name: str
    training_s: list[float] = field(default_factory=list)
    training_note: str = ""
    startup_s: float = float("nan")
    closed: list[PhaseResult] = field(default_factory=list)
    paced: list[PhaseResult] = field(default_factory=list)
    solo: "SoloResult | None" = None
    profile: str = ""

    def m(self, phases: str, what: Callable[[PhaseResult], float]) -> float:
        return median([what(r) for r in getattr(self, phases)])

    def cpu_ms_per_turn(self) -> dict[str, float]:
        """Closed loop: server CPU ms per answered turn, by process (median over repeats), and the total."""
        labels = sorted({k for r in self.closed for k in r.server_cpu_s})
        out = {k: self.m("closed", lambda r, k=k: r.server_cpu_s.get(k, 0.0) * 1000 / r.ok if r.ok else float("nan"))
               for k in labels}
        out["total"] = self.m("closed", lambda r: sum(r.server_cpu_s.values()) * 1000 / r.ok if r.ok else float("nan"))
        return out

    @property
    def errors(self) -> int:
        return sum(r.error_count for r in self.closed + self.paced)

    @property
    def turns(self) -> int:
        return sum(r.ok + r.error_count for r in self.closed + self.paced)


@dataclass
class SoloResult:
    """One respondent alone, message after message: what a turn costs by its place in the conversation."""

    samples: list[tuple[int, str, float, float]] = field(default_factory=list)  # turn, kind, ms, CPU s
    errors: int = 0
    elapsed_s: float = 0.0

    def bucket(self, turns: range, kind: str | None = None) -> tuple[float, float, int]:
        """(median latency ms, mean server CPU ms, turns measured) over the given turn numbers (and kind of
        message sent)."""
        rows = [r for r in self.samples if r[0] in turns and (kind is None or r[1] == kind)]
        cpu = sum(r[3] for r in rows)
        return median([r[2] for r in rows]), (cpu / len(rows) * 1000 if rows else float("nan")), len(rows)

    def like_for_like(self) -> dict[str, tuple[tuple[float, float, int], tuple[float, float, int]]]:
        """kind -> (early bucket, late bucket), the same kind of turn early and late."""
        return {kind: (self.bucket(LIKE_EARLY, kind), self.bucket(LIKE_LATE, kind)) for kind in LIKE_KINDS}

    def like_ratio(self, index: int) -> float:
        """Late / early over the like-for-like kinds, each kind weighted as it occurs late: latency (index 0)
        or server CPU (index 1)."""
        early = late = 0.0
        for (e, lt) in self.like_for_like().values():
            if e[2] and lt[2]:
                early, late = early + e[index] * lt[2], late + lt[index] * lt[2]
        return late / early if early > 0 else float("nan")


EARLY_TURNS, LATE_TURNS = range(3, 8), range(36, 45)  # "turn 5" and "turn 40": five and nine turns wide
FIRST_QUESTIONS = range(9, 15)  # the first questions (/repeat and answers)
# Like for like: the same kind of turn early and late. Turn 5 is an opening tap or a typed "ok", turn 40 an
# answer (redacted, coded, saved) or a /repeat: unlike turns. So the growth with the conversation is measured
# on typed answers to theme questions and on /repeat, each in the first questions (turns 9-16) against
# the same kind at turns 36-44.
LIKE_EARLY, LIKE_LATE = range(9, 17), range(36, 45)
LIKE_KINDS = ("answer", "repeat")


async def run_solo(url: str, make: Callable[[int, Tally], Any], server: Server, duration: float,
                   timeout: float) -> SoloResult:
    """One respondent, no concurrency: the latency of a turn is its cost; the server's CPU (from /proc,
    10 ms ticks, so summed over many turns) is read around every turn."""
    result, tally = SoloResult(), Tally()
    person = make(0, tally)
    text = person.start()
    started = time.monotonic()
    phase = PhaseResult("solo", "solo")
    async with aiohttp.ClientSession() as session:
        while time.monotonic() - started < duration:
            turn, kind = person.turns + 1, person.kind
            before = sum(server.cpu().values())
            t0 = time.perf_counter()
            reply = await _turn(session, url, person.sender, text, timeout, phase, person.kind)
            ms = (time.perf_counter() - t0) * 1000
            after = sum(server.cpu().values())
            if reply is None:
                result.errors += 1
                text = person.restart()
                continue
            result.samples.append((turn, kind, ms, after - before))
            text = person.next(reply)
    result.elapsed_s = time.monotonic() - started
    return result


def py_spy() -> str | None:
    found = VENV_BIN / "py-spy"
    return str(found) if found.exists() else shutil.which("py-spy")


def start_profile(server: Server, seconds: float, out_dir: Path) -> list[tuple[str, subprocess.Popen, Path]]:
    """py-spy record (raw collapsed stacks, 100 Hz) of each server process of the bot, for `seconds`."""
    binary = py_spy()
    if binary is None:
        log("  (no py-spy: `./scripts/setup` installs it with the test extra; no profile)")
        return []
    out_dir.mkdir(parents=True, exist_ok=True)
    runs = []
    for pid in [server.process.pid] + _descendants(server.process.pid):
        label = next(iter(process_cpu([pid])), str(pid))
        if label not in ("rasa", "action server", "web"):
            continue
        out = out_dir / f"{label.replace(' ', '-')}-{pid}.txt"
        runs.append((label, subprocess.Popen(
            [binary, "record", "--pid", str(pid), "--duration", str(int(seconds)), "--rate", "100",
             "--format", "raw", "--nonblocking", "--output", str(out)],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL), out))
    return runs


IDLE_LEAVES = ("serve (sanic/server/runners.py", "select (selectors.py", "poll (selectors.py", "wait (threading.py",
               "run_forever (asyncio/base_events.py", "_worker (concurrent/futures/thread.py", "get (queue.py")


# Frames every turn passes through on its way (event loops, threads, the web server, the CLI): not listed.
PLUMBING = (r"\((asyncio|threading|sanic|runpy|dask|concurrent|selectors)\b|"
            r"^(<module>|main|run|serve\w*|handle_request|connection_task|http1|call_potential_coroutine|_run_code|"
            r"_run_module_as_main) \(")


def _frame(frame: str) -> str:
    """'function (…/site-packages/pkg/file.py:12)' as 'function (pkg/file.py)'."""
    frame = re.sub(r"\((?:[^()]*/)?(site-packages|lib/python3\.\d+|i16-turns|[^/()]+-turns)/", "(", frame)
    return re.sub(r":\d+\)$", ")", frame)


def summarise_profile(runs: list[tuple[str, subprocess.Popen, Path]], top: int = 14) -> str:
    """Per process: the share of busy samples (idle waits left out) spent in a function or below it
    (inclusive), for the functions below the outer chain every busy sample shares; and the top leaves."""
    lines = []
    for label, process, out in runs:
        try:
            process.wait(120)
        except subprocess.TimeoutExpired:
            process.kill()
        if not out.exists():
            continue
        inclusive: Counter = Counter()
        leaves: Counter = Counter()
        busy = idle = 0
        for row in out.read_text(errors="replace").splitlines():
            stack, _, count = row.rpartition(" ")
            if not count.isdigit():
                continue
            frames = [_frame(f) for f in stack.split(";")]
            if frames[-1].startswith(IDLE_LEAVES):
                idle += int(count)
                continue
            busy += int(count)
            for frame in set(frames):
                inclusive[frame] += int(count)
            leaves[frames[-1]] += int(count)
        if not busy:
            continue
        lines.append(f"  {label}: {busy} busy samples of {busy + idle} ({out})")
        below = [(f, n) for f, n in inclusive.most_common() if n < 0.9 * busy and not re.search(PLUMBING, f)]
        for frame, n in below[:top]:
            lines.append(f"    {100 * n / busy:5.1f}%  {frame[:150]}")
        top_leaves = "; ".join(f"{f[:70]} {100 * n / busy:.1f}%" for f, n in leaves.most_common(6))
        lines.append("    top leaves: " + top_leaves)
    return "\n".join(lines)


def pace_label(args: argparse.Namespace) -> str:
    return f"{args.pace:g}" if not args.pace_max or args.pace_max <= args.pace else f"{args.pace:g}-{args.pace_max:g}"


def drive(bot: BotFigures, server: Server, make: Callable[[int, Tally], Any], args: argparse.Namespace,
          make_alone: Callable[[int, Tally], Any] | None = None) -> None:
    url = server.url
    common = dict(respondents=args.respondents, pace=args.pace, max_messages=args.max_messages,
                  timeout=args.timeout)
    paced_respondents = args.paced_respondents or args.respondents
    paced_duration = args.paced_duration or args.duration
    if args.warmup > 0:
        warm = asyncio.run(run_phase(bot.name, url, "closed", make, duration=args.warmup, **common))
        log(f"  warm-up ({args.warmup:.0f} s closed loop, not counted): {warm.ok} turns, {warm.error_count} errors")
    for repeat in range(1, args.repeats + 1):
        for mode, store in (("closed", bot.closed), ("paced", bot.paced)):
            label = (f"closed loop, {args.respondents} respondents" if mode == "closed" else
                     f"paced, {paced_respondents} respondents x 1 msg / {pace_label(args)} s")
            phase = dict(common, duration=args.duration)
            if mode == "paced":
                phase.update(respondents=paced_respondents, duration=paced_duration, pace_max=args.pace_max)
            load, cpu_before = os.getloadavg()[0], server.cpu()
            profiling = (start_profile(server, args.duration * 0.8, args.profile / bot.name.split()[0])
                         if args.profile and repeat == 1 and mode == "closed" else [])
            result = asyncio.run(run_phase(bot.name, url, mode, make, **phase))
            cpu_after = server.cpu()
            result.load_before = load
            result.server_cpu_s = {k: v - cpu_before.get(k, 0.0) for k, v in cpu_after.items()
                                   if v - cpu_before.get(k, 0.0) >= 0.05}
            store.append(result)
            log(f"  [{repeat}/{args.repeats}] {label}: {result.describe()}")
            if profiling:
                bot.profile = summarise_profile(profiling)
                log("  py-spy, closed loop (share of samples in a function or below it):\n" + bot.profile)
    if args.solo > 0 and make_alone is not None:
        solo = asyncio.run(run_solo(url, make_alone, server, args.solo, args.timeout))
        bot.solo = solo
        early, late = solo.bucket(EARLY_TURNS), solo.bucket(LATE_TURNS)
        log(f"  one respondent alone for {solo.elapsed_s:.0f} s, {solo.errors} errors: turns {EARLY_TURNS.start}-"
            f"{EARLY_TURNS.stop - 1} p50 {fmt(early[0], ' ms')}, server CPU {fmt(early[1], ' ms')} a turn "
            f"(n={early[2]}); "
            f"turns {LATE_TURNS.start}-{LATE_TURNS.stop - 1} p50 {fmt(late[0], ' ms')}, server CPU "
            f"{fmt(late[1], ' ms')} (n={late[2]}); first questions (turns {FIRST_QUESTIONS.start}-"
            f"{FIRST_QUESTIONS.stop - 1}) p50 {fmt(solo.bucket(FIRST_QUESTIONS)[0], ' ms')}, server CPU "
            f"{fmt(solo.bucket(FIRST_QUESTIONS)[1], ' ms')}")
        for kind, (e, lt) in solo.like_for_like().items():
            log(f"    like for like, {kind}: turns {LIKE_EARLY.start}-{LIKE_EARLY.stop - 1} / {LIKE_LATE.start}-"
                f"{LIKE_LATE.stop - 1}: p50 {fmt(e[0], ' ms')} / {fmt(lt[0], ' ms')} "
                f"({fmt(lt[0] / e[0] if e[0] else float('nan'), 'x', 2)}), server CPU {fmt(e[1], ' ms')} / "
                f"{fmt(lt[1], ' ms')} (n={e[2]} / {lt[2]})")


# ----------------------------------------------------------------- the bots
def bench_ours(args: argparse.Namespace, taken: set[int]) -> BotFigures:
    bot = BotFigures("IMSA Voices")
    var = Path(tempfile.mkdtemp(prefix="imsa-bench-"))
    ports = {name: free_port(taken) for name in ("RASA_PORT", "ACTION_PORT", "WEB_PORT")}
    env = base_env() | {k: str(v) for k, v in ports.items()}
    env |= {"IMSA_VAR_DIR": str(var), "DATABASE_URL": f"sqlite:///{var}/bench.db"}
    command = str(VENV_BIN / "imsa-voices")
    log(f"\n== IMSA Voices (var dir {var}, ports {ports})")
    try:
        if args.train_repeats == 0:  # the model of this content, trained once and cached (not timed)
            timed_command([command, "train"], cwd=ROOT, env=env, log_file=var / "train.log",
                          timeout=args.startup_timeout * 6)
            bot.training_note = "not measured (--train-repeats 0)"
        for i in range(args.train_repeats):
            seconds = timed_command([command, "train", "--force"], cwd=ROOT, env=env, log_file=var / "train.log",
                                    timeout=args.startup_timeout)
            bot.training_s.append(seconds)
            log(f"  training {i + 1}/{args.train_repeats}: {seconds:.1f} s")
        bot.training_note = f"median of {args.train_repeats}" if args.train_repeats > 1 else ""
        url = f"http://127.0.0.1:{ports['RASA_PORT']}/webhooks/rest/webhook"
        started = time.monotonic()
        server = Server("imsa-voices run", url, spawn([command, "run"], cwd=ROOT, env=env,
                                                      log_file=var / "run.log"), var / "run.log")
        try:
            server.wait_first_answer(started, args.startup_timeout)
            bot.startup_s = server.startup_s
            buttons = [b.get("payload") for b in server.first_reply[-1].get("buttons") or []]
            log(f"  start-up to first answer: {bot.startup_s:.1f} s (first reply: {len(server.first_reply)} "
                f"message(s), buttons {buttons[:4]}...)")
            texts = (yaml.safe_load((ROOT / "translations" / "en.yml").read_text()) or {}).get("texts", {})
            rng = random.Random(args.seed)

            def make(index: int, tally: Tally) -> ImsaRespondent:
                return ImsaRespondent(f"imsa-{os.getpid()}-{rng.randrange(10**6)}-{index}",
                                      random.Random(rng.random()), tally, texts)

            def make_alone(index: int, tally: Tally) -> LongRespondent:
                return LongRespondent(f"imsa-alone-{os.getpid()}-{index}", random.Random(args.seed), tally, texts)

            drive(bot, server, make, args, make_alone)
        finally:
            server.stop()
            if server.process.returncode not in (0, None):
                log(f"  note: imsa-voices run exited with code {server.process.returncode}")
    finally:
        if args.keep_var:
            log(f"  kept {var}")
        else:
            shutil.rmtree(var, ignore_errors=True)
    return bot


def rasa_version() -> str:
    out = subprocess.run([sys.executable, "-c", "import rasa; print(rasa.__version__)"],
                         capture_output=True, text=True, env=base_env())
    return out.stdout.strip() or "unknown"


def reference_model(args: argparse.Namespace, bot: BotFigures) -> tuple[Path, Path]:
    """The `rasa init` project and its trained model, from the cache or freshly trained."""
    cache: Path = args.cache_dir
    meta_file = cache / "meta.json"
    project = cache / "project"
    version = rasa_version()
    meta: dict[str, Any] = {}
    if meta_file.exists():
        try:
            meta = json.loads(meta_file.read_text())
        except ValueError:
            meta = {}
    model = project / str(meta.get("model", ""))
    if (not args.retrain_reference and meta.get("rasa_version") == version and meta.get("model")
            and model.is_file()):
        bot.training_s = [float(meta["training_s"])]
        bot.training_note = f"cached, measured {meta.get('trained_at', '?')}"
        log(f"  using the cached model {model} (trained in {bot.training_s[0]:.1f} s on {meta.get('trained_at')}; "
            "--retrain-reference to measure again)")
        return project, model
    shutil.rmtree(project, ignore_errors=True)
    project.mkdir(parents=True)
    log(f"  rasa init --no-prompt in {project} (trains DIET + TED; a few minutes on 2 cores) ...")
    seconds = timed_command([*RASA, "init", "--no-prompt", "--init-dir", str(project)],
                            cwd=cache, env=base_env(), log_file=cache / "init.log", timeout=1800)
    models = sorted((project / "models").glob("*.tar.gz"), key=lambda p: p.stat().st_mtime)
    if not models:
        raise SystemExit(f"rasa init made no model; see {cache / 'init.log'}")
    model = models[-1]
    meta = {"training_s": round(seconds, 2), "rasa_version": version, "model": str(model.relative_to(project)),
            "trained_at": datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
            "what": "wall time of `rasa init --no-prompt` (scaffold + training)"}
    meta_file.write_text(json.dumps(meta, indent=2))
    bot.training_s = [seconds]
    bot.training_note = "measured in this run"
    log(f"  training (rasa init, scaffold included): {seconds:.1f} s")
    return project, model


def bench_reference(args: argparse.Namespace, taken: set[int]) -> BotFigures:
    bot = BotFigures("Reference (rasa init)")
    args.cache_dir.mkdir(parents=True, exist_ok=True)
    log(f"\n== Reference bot: `rasa init` (DIET + TED), cache {args.cache_dir}")
    project, model = reference_model(args, bot)
    port = free_port(taken)
    url = f"http://127.0.0.1:{port}/webhooks/rest/webhook"
    log_file = args.cache_dir / "run.log"
    log_file.write_text("")
    started = time.monotonic()
    server = Server("rasa run (reference)", url, spawn(
        [*RASA, "run", "--model", str(model), "--interface", "127.0.0.1", "--port", str(port)],
        cwd=project, env=base_env(), log_file=log_file), log_file)
    try:
        server.wait_first_answer(started, args.startup_timeout)
        bot.startup_s = server.startup_s
        log(f"  start-up to first answer: {bot.startup_s:.1f} s (port {port})")
        examples = reference_examples(project)
        rng = random.Random(args.seed + 1)

        def make(index: int, tally: Tally) -> ReferenceRespondent:
            return ReferenceRespondent(f"ref-{os.getpid()}-{rng.randrange(10**6)}-{index}",
                                       random.Random(rng.random()), tally, examples)

        drive(bot, server, make, args)
    finally:
        server.stop()
    return bot


# ------------------------------------------------------------------- report
def report(ours: BotFigures, ref: BotFigures | None, args: argparse.Namespace) -> None:
    o_train = median(ours.training_s)
    o_closed = ours.m("closed", lambda r: r.rate)
    o_paced95 = ours.m("paced", lambda r: r.p(95))
    r_closed = ref.m("closed", lambda r: r.rate) if ref else float("nan")
    ratio = o_closed / r_closed if ref and r_closed > 0 else float("nan")
    rep = f" (median of {args.repeats} repeats)" if args.repeats > 1 else ""

    log("\n== Summary" + rep)
    for bot in filter(None, (ours, ref)):
        note = f" ({bot.training_note})" if bot.training_note else ""
        log(f"{bot.name}:")
        log(f"  training            {fmt(median(bot.training_s), ' s')}{note}")
        log(f"  start-up            {fmt(bot.startup_s, ' s')} to first answer")
        log(f"  closed loop         {fmt(bot.m('closed', lambda r: r.rate), ' msg/s')}, "
            f"p50 {fmt(bot.m('closed', lambda r: r.p(50)), ' ms')}, "
            f"p95 {fmt(bot.m('closed', lambda r: r.p(95)), ' ms')}")
        log(f"  paced               p50 {fmt(bot.m('paced', lambda r: r.p(50)), ' ms')}, "
            f"p95 {fmt(bot.m('paced', lambda r: r.p(95)), ' ms')}, {fmt(bot.m('paced', lambda r: r.rate), ' msg/s')}")
        cpu = bot.cpu_ms_per_turn()
        log(f"  server CPU a turn   {fmt(cpu.pop('total'), ' ms')} in the closed loop ("
            + ", ".join(f"{k} {fmt(v, ' ms')}" for k, v in cpu.items()) + ")")
        if bot.solo:
            (e_ms, e_cpu, e_n), (l_ms, l_cpu, l_n) = bot.solo.bucket(EARLY_TURNS), bot.solo.bucket(LATE_TURNS)
            log(f"  alone, turn 5 / 40  p50 {fmt(e_ms, ' ms')} / {fmt(l_ms, ' ms')}, server CPU {fmt(e_cpu, ' ms')} / "
                f"{fmt(l_cpu, ' ms')} (n={e_n} / {l_n}; unlike turns: an opening tap against an answer or /repeat)")
            for kind, (e, lt) in bot.solo.like_for_like().items():
                log(f"  alone, {kind + ' early / late':<17} p50 {fmt(e[0], ' ms')} / {fmt(lt[0], ' ms')}, server CPU "
                    f"{fmt(e[1], ' ms')} / {fmt(lt[1], ' ms')} (n={e[2]} / {lt[2]})")
        log(f"  errors              {bot.errors} of {bot.turns} turns")
    o_cpu = ours.cpu_ms_per_turn()["total"]
    late_ratio = like_ratio = like_cpu_ratio = float("nan")
    if ours.solo:
        (e_ms, _, _), (l_ms, _, _) = ours.solo.bucket(EARLY_TURNS), ours.solo.bucket(LATE_TURNS)
        late_ratio = l_ms / e_ms if e_ms > 0 else float("nan")
        like_ratio, like_cpu_ratio = ours.solo.like_ratio(0), ours.solo.like_ratio(1)
    log("Goals (printed, not asserted):")
    log(f"  server CPU a turn <= {GOAL_CPU_MS_PER_TURN:.0f} ms:     {fmt(o_cpu, ' ms')}  "
        f"{goal(o_cpu <= GOAL_CPU_MS_PER_TURN)}")
    log(f"  late / early, like for like <= {GOAL_LATE_TURN_RATIO}: latency {fmt(like_ratio, 'x', 2)}  "
        f"{goal(None if like_ratio != like_ratio else like_ratio <= GOAL_LATE_TURN_RATIO)}; server CPU "
        f"{fmt(like_cpu_ratio, 'x', 2)} (answers and /repeat, turns {LIKE_EARLY.start}-{LIKE_EARLY.stop - 1} "
        f"against {LIKE_LATE.start}-{LIKE_LATE.stop - 1})")
    log(f"  turn 40 / turn 5 (unlike turns):  {fmt(late_ratio, 'x', 2)}  "
        f"{goal(None if late_ratio != late_ratio else late_ratio <= GOAL_LATE_TURN_RATIO)}")
    log(f"  our training < {GOAL_TRAINING_S:.0f} s:            {fmt(o_train, ' s')}  "
        f"{goal_below(o_train, GOAL_TRAINING_S)}")
    log(f"  our start-up < {GOAL_STARTUP_S:.0f} s:             {fmt(ours.startup_s, ' s')}  "
        f"{goal(ours.startup_s < GOAL_STARTUP_S)}")
    log(f"  our paced p95 < {GOAL_PACED_P95_MS:.0f} ms:          {fmt(o_paced95, ' ms')}  "
        f"{goal(o_paced95 < GOAL_PACED_P95_MS)}")
    log(f"  closed loop >= {GOAL_THROUGHPUT_RATIO}x reference:   {fmt(ratio, 'x', 2)}  "
        f"{goal(None if ratio != ratio else ratio >= GOAL_THROUGHPUT_RATIO)}")

    def cell(bot: BotFigures | None, value: Callable[[BotFigures], str]) -> str:
        return value(bot) if bot else "not run"

    def lat(bot: BotFigures, phases: str) -> str:
        return (f"{fmt(bot.m(phases, lambda r: r.p(50)), digits=0)} / "
                f"{fmt(bot.m(phases, lambda r: r.p(95)), digits=0)} ms")

    ref_train = "not run"
    if ref:
        ref_train = fmt(median(ref.training_s), " s", 0) + (" (cached)" if "cached" in ref.training_note else "")
    n, p, d = args.respondents, pace_label(args), args.duration
    paced_n = args.paced_respondents or n
    rows = [
        ("Training", fmt(o_train, " s", 0), ref_train, f"< {GOAL_TRAINING_S:.0f} s",
         goal_below(o_train, GOAL_TRAINING_S)),
        ("Start-up to first answer", fmt(ours.startup_s, " s", 0), cell(ref, lambda b: fmt(b.startup_s, " s", 0)),
         f"< {GOAL_STARTUP_S:.0f} s", goal(ours.startup_s < GOAL_STARTUP_S)),
        (f"Closed loop, {n} respondents: throughput", fmt(o_closed, " msg/s"),
         cell(ref, lambda b: fmt(b.m("closed", lambda r: r.rate), " msg/s")),
         f">= {GOAL_THROUGHPUT_RATIO}x reference",
         f"{fmt(ratio, 'x', 2)} " + goal(None if ratio != ratio else ratio >= GOAL_THROUGHPUT_RATIO)),
        (f"Closed loop, {n} respondents: p50 / p95", lat(ours, "closed"), cell(ref, lambda b: lat(b, "closed")),
         "", ""),
        (f"Paced, {paced_n} x 1 msg / {p} s: p50 / p95", lat(ours, "paced"), cell(ref, lambda b: lat(b, "paced")),
         f"p95 < {GOAL_PACED_P95_MS:.0f} ms", goal(o_paced95 < GOAL_PACED_P95_MS)),
        ("Server CPU a turn, closed loop", fmt(o_cpu, " ms", 0),
         cell(ref, lambda b: fmt(b.cpu_ms_per_turn()["total"], " ms", 0)), f"<= {GOAL_CPU_MS_PER_TURN:.0f} ms",
         goal(o_cpu <= GOAL_CPU_MS_PER_TURN)),
        ("One respondent alone: late / early latency, like for like (answers, /repeat)", fmt(like_ratio, "x", 2), "",
         f"<= {GOAL_LATE_TURN_RATIO}x", goal(None if like_ratio != like_ratio else like_ratio <= GOAL_LATE_TURN_RATIO)),
        ("One respondent alone: turn 40 / turn 5 latency (unlike turns)", fmt(late_ratio, "x", 2), "",
         f"<= {GOAL_LATE_TURN_RATIO}x", goal(None if late_ratio != late_ratio else late_ratio <= GOAL_LATE_TURN_RATIO)),
        ("Errors (non-200, empty, timeout)", f"{ours.errors} of {ours.turns}",
         cell(ref, lambda b: f"{b.errors} of {b.turns}"), "0", goal(ours.errors == 0)),
    ]
    log("\n== Markdown table\n")
    log("| Measure | IMSA Voices | Reference (`rasa init`) | Goal | Ours vs goal |")
    log("|---|---|---|---|---|")
    for row in rows:
        log("| " + " | ".join(row) + " |")
    cpu = platform.processor() or platform.machine()
    log(f"\n{datetime.now().strftime('%Y-%m-%d')}, Rasa {rasa_version()}, Python {platform.python_version()}, "
        f"{os.cpu_count()} cores ({cpu}); {d:g} s per phase, {args.repeats} repeat(s){', medians' if rep else ''}; "
        f"driver and bot on the same machine, loopback REST.")


def git_state() -> str:
    out = subprocess.run(["git", "-C", str(ROOT), "describe", "--always", "--dirty"], capture_output=True, text=True)
    return out.stdout.strip() or "(no commit yet)"


def in_process(conversations: int, seed: int, profile: Path | None = None) -> int:
    """CPU a turn by turn number, in one process, no HTTP: Rasa's Agent with the model as `imsa-voices run`
    readies it, the actions inside it (IMSA_ACTIONS=in-process), the memory tracker store, a temporary SQLite
    database; one conversation of LongRespondent not counted (every answer text once: the redaction's word
    caches warm), then `conversations` conversations one after the other. The whole process's CPU, and Rasa's
    thread and the actions' thread apart, so a change shows where it acts, free of the noise of other
    processes' latency on a busy machine. By turn number (turn 5, turn 40, as before) and like for like: the
    same kind of turn (a typed answer to a theme question; /repeat) early and late in the conversation.

    With `profile`, cProfile runs on both threads during the like-for-like turns (early and late apart):
    it prints the functions whose calls a turn or time a turn grew most from early to late, and writes the
    raw stats (pstats) into that folder."""
    import cProfile
    import logging
    import pstats
    import tempfile

    tmp = Path(tempfile.mkdtemp(prefix="imsa-inprocess-"))
    os.environ["DATABASE_URL"] = f"sqlite:///{tmp / 'answers.db'}"
    os.environ["IMSA_ACTIONS"] = "in-process"
    sys.path.insert(0, str(ROOT))
    logging.disable(logging.WARNING)
    from bot.rasa import project as rasa_project
    from bot.rasa import server as rasa_server

    model = rasa_project.train()
    rasa_server.patch_rasa()
    from rasa.core.agent import load_agent
    from rasa.core.channels.channel import CollectingOutputChannel, UserMessage
    from rasa.core.utils import AvailableEndpoints
    from rasa.utils.endpoints import EndpointConfig
    from rasa.utils.log_utils import configure_structlog

    from bot.conversation import i18n
    from bot.rasa.tracker_store import ExpiringMemoryTrackerStore

    configure_structlog(logging.WARNING)
    actions_cpu = [0.0]
    executor = rasa_server._executor
    profilers: dict[tuple[str, str], cProfile.Profile] = {}  # (bucket, thread) -> profiler
    bucket: list[str | None] = [None]  # the like-for-like bucket of the turn under way, when profiling

    def profiler(thread: str) -> cProfile.Profile | None:
        if profile is None or bucket[0] is None:
            return None
        return profilers.setdefault((bucket[0], thread), cProfile.Profile())

    class Timed:  # the actions' thread CPU (one action call runs at a time here)
        async def run(self, call: dict) -> Any:
            before, prof = time.thread_time(), profiler("actions")
            if prof:
                prof.enable()
            try:
                return await executor().run(call)
            finally:
                if prof:
                    prof.disable()
                actions_cpu[0] += time.thread_time() - before

    rasa_server._executor = Timed  # type: ignore[assignment]

    def like_bucket(turn: int, kind: str) -> str | None:
        if kind not in LIKE_KINDS:
            return None
        return f"{kind} early" if turn in LIKE_EARLY else f"{kind} late" if turn in LIKE_LATE else None

    async def run() -> list[tuple[int, str, float, float, float]]:
        agent = await load_agent(model_path=str(model), endpoints=AvailableEndpoints(
            action=EndpointConfig("http://127.0.0.1:9/webhook")))  # never called: the actions run inside
        agent.tracker_store = agent.processor.tracker_store = ExpiringMemoryTrackerStore(agent.domain)
        texts = {key: i18n.text("en", key) for key in ("error.general", "end.summary")}
        rng, tally, samples = random.Random(seed), Tally(), []
        warm = ImsaRespondent("in-process-warm-up", random.Random(seed), Tally(), texts)
        warm.answer_text = iter(ANSWERS * 2).__next__  # type: ignore[method-assign]  # every text once
        for n in range(-1, conversations):
            person = LongRespondent(f"in-process-{n}", rng, tally, texts) if n >= 0 else warm
            text, sender, turn = person.start(), person.sender, 0
            while person.sender == sender:
                turn += 1
                kind = person.kind
                bucket[0] = like_bucket(turn, kind) if n >= 0 else None
                out = CollectingOutputChannel()
                prof = profiler("rasa")
                cpu, thread, actions = time.process_time(), time.thread_time(), actions_cpu[0]
                if prof:
                    prof.enable()
                await agent.handle_message(UserMessage(text, out, sender))
                if prof:
                    prof.disable()
                if n >= 0:
                    samples.append((turn, kind, time.process_time() - cpu, time.thread_time() - thread,
                                    actions_cpu[0] - actions))
                if not out.messages:
                    log(f"  turn {turn}: no reply")
                    break
                text = person.next(out.messages)
        if tally.notes:
            log(f"  notes: {dict(tally.notes)}")
        return samples

    samples = asyncio.run(run())
    log(f"In process: {conversations} conversation(s) of {max(r[0] for r in samples)} turns (after one not "
        f"counted); CPU a turn, median (process; Rasa's thread; the actions' thread); load average "
        f"{os.getloadavg()[0]:.1f}")

    def figures(turns: range, kind: str | None = None) -> tuple[list[float], int]:
        rows = [r for r in samples if r[0] in turns and (kind is None or r[1] == kind)]
        return [median([row[i] * 1000 for row in rows]) for i in (2, 3, 4)], len(rows)

    for label, turns in (("all turns", range(1, max(r[0] for r in samples) + 1)), ("turn 5 (3-7)", EARLY_TURNS),
                         (f"first questions ({FIRST_QUESTIONS.start}-{FIRST_QUESTIONS.stop - 1})", FIRST_QUESTIONS),
                         (f"turn 40 ({LATE_TURNS.start}-{LATE_TURNS.stop - 1})", LATE_TURNS)):
        (p, r, a), n = figures(turns)
        log(f"  {label}: {p:.1f} ms ({r:.1f}; {a:.1f}) n={n}")
    log(f"  like for like, turns {LIKE_EARLY.start}-{LIKE_EARLY.stop - 1} against {LIKE_LATE.start}-"
        f"{LIKE_LATE.stop - 1}:")
    for kind in LIKE_KINDS:
        (ep, er, ea), en = figures(LIKE_EARLY, kind)
        (lp, lr, la), ln = figures(LIKE_LATE, kind)
        log(f"  {kind}: early {ep:.1f} ms ({er:.1f}; {ea:.1f}) n={en}; late {lp:.1f} ms ({lr:.1f}; {la:.1f}) "
            f"n={ln}; late / early {lp / ep:.2f}x ({lr / er:.2f}x; {la / ea:.2f}x)")
    if profile is not None:
        profile.mkdir(parents=True, exist_ok=True)
        counts = Counter(like_bucket(r[0], r[1]) for r in samples)
        for kind in LIKE_KINDS:
            for thread in ("rasa", "actions"):
                stats = {}
                for when in ("early", "late"):
                    prof = profilers.get((f"{kind} {when}", thread))
                    if prof is None:
                        continue
                    prof.dump_stats(profile / f"{kind}-{when}-{thread}.pstats")
                    n = counts[f"{kind} {when}"] or 1
                    raw = pstats.Stats(prof).stats  # type: ignore[attr-defined]
                    stats[when] = {f"{Path(f).name}:{line} {name}": (nc / n, ct / n * 1000)
                                   for (f, line, name), (_, nc, _, ct, _) in raw.items()}
                if len(stats) < 2:
                    continue
                early, late = stats["early"], stats["late"]
                keys = set(early) | set(late)
                grown_calls = sorted(keys, key=lambda k: late.get(k, (0, 0))[0] - early.get(k, (0, 0))[0],
                                     reverse=True)[:8]
                grown_time = sorted(keys, key=lambda k: late.get(k, (0, 0))[1] - early.get(k, (0, 0))[1],
                                    reverse=True)[:10]
                log(f"  cProfile, {kind}, {thread}'s thread: calls a turn, early -> late (grown most):")
                for k in grown_calls:
                    log(f"    {early.get(k, (0, 0))[0]:9.1f} -> {late.get(k, (0, 0))[0]:9.1f}  {k}")
                log(f"  cProfile, {kind}, {thread}'s thread: ms a turn in a function or below, early -> late "
                    "(grown most; cProfile's own cost included):")
                for k in grown_time:
                    log(f"    {early.get(k, (0, 0))[1]:7.2f} -> {late.get(k, (0, 0))[1]:7.2f}  {k}")
        log(f"  raw stats in {profile}")
    shutil.rmtree(tmp, ignore_errors=True)
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.ArgumentDefaultsHelpFormatter)
    parser.add_argument("--duration", type=float, default=60.0, help="seconds per load phase")
    parser.add_argument("--warmup", type=float, default=5.0, help="seconds of uncounted closed loop first")
    parser.add_argument("--respondents", type=int, default=20, help="simulated respondents per phase")
    parser.add_argument("--pace", type=float, default=2.0,
                        help="paced phase: seconds between one respondent's messages")
    parser.add_argument("--pace-max", type=float, default=None,
                        help="paced phase: each gap drawn at random between --pace and this (default: --pace)")
    parser.add_argument("--paced-respondents", type=int, default=None,
                        help="paced phase: respondents (default: --respondents)")
    parser.add_argument("--paced-duration", type=float, default=None,
                        help="paced phase: seconds (default: --duration)")
    parser.add_argument("--max-messages", type=int, default=20000, help="cap on messages per phase")
    parser.add_argument("--repeats", type=int, default=1, help="load phases per bot; medians are reported")
    parser.add_argument("--train-repeats", type=int, default=3,
                        help="times our bot is trained (median reported); 0: use the cached model, no training figure")
    parser.add_argument("--timeout", type=float, default=30.0, help="seconds before one turn counts as an error")
    parser.add_argument("--startup-timeout", type=float, default=600.0, help="seconds to wait for a first answer")
    parser.add_argument("--skip-reference", action="store_true", help="benchmark IMSA Voices only")
    parser.add_argument("--retrain-reference", action="store_true", help="train the reference bot even if cached")
    parser.add_argument("--cache-dir", type=Path, default=DEFAULT_CACHE, help="where the reference bot is kept")
    parser.add_argument("--quick", action="store_true",
                        help="smoke test: 5 s phases, 1 s warm-up, 5 respondents, one training")
    parser.add_argument("--keep-var", action="store_true", help="keep our bot's temporary var dir (logs, database)")
    parser.add_argument("--solo", type=float, default=60.0,
                        help="seconds of one respondent alone, for the cost of turn 5 vs turn 40 (0: skip)")
    parser.add_argument("--profile", type=Path, default=None,
                        help="py-spy the server processes during the first closed loop; raw profiles go here "
                             "(with --in-process: cProfile of the like-for-like turns, early against late)")
    parser.add_argument("--seed", type=int, default=7, help="random seed for the respondents' choices")
    parser.add_argument("--in-process", type=int, default=0, metavar="N",
                        help="instead: N long conversations through Rasa's Agent in this process, no servers; "
                             "CPU a turn by turn number (Rasa's thread and the actions' apart)")
    args = parser.parse_args(argv)
    if args.in_process:
        return in_process(args.in_process, args.seed, args.profile)
    if args.quick:
        args.duration, args.warmup, args.respondents, args.repeats = 5.0, 1.0, 5, 1
        args.train_repeats = min(args.train_repeats, 1)
        args.solo = min(args.solo, 10.0)
    if min(args.duration, args.respondents, args.pace, args.repeats, args.max_messages) <= 0 or args.train_repeats < 0:
        parser.error("--duration, --respondents, --pace, --repeats and --max-messages must be > 0")

    log(f"IMSA Voices turn benchmark; code {git_state()}; {os.cpu_count()} cores; "
        f"{args.duration:g} s per phase, {args.respondents} respondents, {args.repeats} repeat(s)")
    taken: set[int] = set()
    started = time.monotonic()
    ours = bench_ours(args, taken)
    ref = None if args.skip_reference else bench_reference(args, taken)
    report(ours, ref, args)
    log(f"\n(benchmark took {time.monotonic() - started:.0f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
