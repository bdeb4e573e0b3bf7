"""From a fresh clone to the first answer: the README's `./scripts/run`, cold and then warm.

    python3 benchmarks/cold_start.py [--installer auto|pip] [--keep]
    python3 benchmarks/cold_start.py --start-only 5   # start alone, in this checkout (model cached)

Clones this repository (its committed HEAD) into a temporary folder with empty caches of its own
(IMSA_CACHE, UV_CACHE_DIR, PIP_CACHE_DIR), runs `./scripts/run` on free ports until Rasa's REST
channel answers "hello", stops it, then does the same from a second fresh clone with those caches
now warm. Prints install (scripts/setup), train (the model made ready: trained, or reused from the
cache), start (Rasa answering) and total seconds for each. Printed, never asserted: the figures go
into benchmarks/README.md. Needs only Python 3 and git (the clone sets itself up).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
STARTED = "Starting IMSA Voices"  # the first line of `imsa-voices run`: scripts/setup is done
MODEL_READY = "Model ready after"  # printed once the model is there, before Rasa starts


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def answers_hello(port: int) -> bool:
    body = json.dumps({"sender": "cold-start-benchmark", "message": "hello"}).encode()
    request = urllib.request.Request(f"http://127.0.0.1:{port}/webhooks/rest/webhook", body,
                                     {"Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status == 200 and bool(json.loads(response.read()))
    except Exception:
        return False


def one_run(label: str, base: Path, caches: Path, installer: str, timeout: float) -> dict[str, float]:
    clone = base / label
    subprocess.run(["git", "clone", "-q", str(ROOT), str(clone)], check=True)
    rasa, actions, web = free_port(), free_port(), free_port()
    env = {
        k: v for k, v in os.environ.items() if not k.startswith(("IMSA_", "UV_", "PIP_CACHE", "VIRTUAL_ENV"))
    }
    env.update({
        "IMSA_CACHE": str(caches / "imsa"), "UV_CACHE_DIR": str(caches / "uv"), "PIP_CACHE_DIR": str(caches / "pip"),
        "IMSA_INSTALLER": installer, "RASA_PORT": str(rasa), "ACTION_PORT": str(actions), "WEB_PORT": str(web),
        "RASA_TELEMETRY_ENABLED": "false", "PYTHONUNBUFFERED": "1",
    })
    marks: dict[str, float] = {}
    log = (base / f"{label}.log").open("w")
    t0 = time.monotonic()
    process = subprocess.Popen(["./scripts/run"], cwd=clone, env=env, stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT, text=True, start_new_session=True)

    def read() -> None:
        for line in process.stdout:
            log.write(line)
            log.flush()
            for mark, text in (("setup", STARTED), ("model", MODEL_READY)):
                if text in line and mark not in marks:
                    marks[mark] = time.monotonic() - t0

    threading.Thread(target=read, daemon=True).start()
    try:
        deadline = t0 + timeout
        while not answers_hello(rasa):
            if process.poll() is not None:
                raise RuntimeError(f"{label}: ./scripts/run exited with {process.returncode}; see {log.name}")
            if time.monotonic() > deadline:
                raise TimeoutError(f"{label}: no answer within {timeout:.0f} s; see {log.name}")
            time.sleep(0.25)
        total = time.monotonic() - t0
    finally:
        try:
            os.killpg(process.pid, signal.SIGTERM)  # what Ctrl-C does, also from a background job
            process.wait(30)
        except (ProcessLookupError, subprocess.TimeoutExpired):
            os.killpg(process.pid, signal.SIGKILL)
    setup, model = marks.get("setup", float("nan")), marks.get("model", float("nan"))
    return {"install": setup, "train": model - setup, "start": total - model, "total": total}


def start_once(extra_env: dict[str, str], timeout: float) -> float:
    """`imsa-voices run` in this checkout (set up, model ready): seconds until Rasa's REST channel answers.
    CPU_SECONDS gets the CPU seconds of the run and every process it started (until they were stopped)."""
    rasa, actions, web = free_port(), free_port(), free_port()
    env = {**os.environ, "RASA_PORT": str(rasa), "ACTION_PORT": str(actions), "WEB_PORT": str(web),
           "RASA_TELEMETRY_ENABLED": "false", **extra_env}
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu_before = before.ru_utime + before.ru_stime
    t0 = time.monotonic()
    process = subprocess.Popen([str(ROOT / ".venv" / "bin" / "imsa-voices"), "run"], cwd=ROOT, env=env,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    try:
        while not answers_hello(rasa):
            if process.poll() is not None:
                raise RuntimeError(f"imsa-voices run exited with {process.returncode}")
            if time.monotonic() > t0 + timeout:
                raise TimeoutError(f"no answer within {timeout:.0f} s")
            time.sleep(0.1)
        return time.monotonic() - t0
    finally:
        try:
            os.killpg(process.pid, signal.SIGTERM)
            process.wait(30)
        except (ProcessLookupError, subprocess.TimeoutExpired):
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        CPU_SECONDS.append(after.ru_utime + after.ru_stime - cpu_before)


CPU_SECONDS: list[float] = []


def start_only(runs: int, timeout: float, reference: bool = True) -> int:
    """Start alone, warm: this checkout's `imsa-voices run` to the first answer, `runs` times, alternating with
    the same start importing TensorFlow (IMSA_TENSORFLOW=always), the reference in the same run (unless
    reference is False). Prints wall-clock and CPU seconds (every process of the run, until stopped)."""
    import statistics

    subprocess.run([str(ROOT / ".venv" / "bin" / "imsa-voices"), "train"], cwd=ROOT, check=True,
                   stdout=subprocess.DEVNULL)
    modes = ("auto", "always") if reference else ("auto",)
    times: dict[str, list[float]] = {mode: [] for mode in modes}
    cpu: dict[str, list[float]] = {mode: [] for mode in modes}
    for i in range(runs):
        for mode in modes:
            times[mode].append(start_once({"IMSA_TENSORFLOW": mode}, timeout))
            cpu[mode].append(CPU_SECONDS[-1])
            print(f"  run {i + 1}, IMSA_TENSORFLOW={mode}: {times[mode][-1]:.1f} s, {cpu[mode][-1]:.1f} CPU s "
                  f"(load average {os.getloadavg()[0]:.1f})", flush=True)
    load = os.getloadavg()
    print(f"start alone (model cached), {runs} runs each, {os.cpu_count()} cores, "
          f"load average {load[0]:.1f} {load[1]:.1f} {load[2]:.1f}")
    for mode, label in (("auto", "without TensorFlow (default)"), ("always", "IMSA_TENSORFLOW=always")):
        if mode not in times:
            continue
        each = ", ".join(f"{t:.1f}" for t in times[mode])
        print(f"  {label:<30} median {statistics.median(times[mode]):5.1f} s  ({each}); "
              f"CPU median {statistics.median(cpu[mode]):5.1f} s")
    if reference:
        ratio = statistics.median(times["auto"]) / statistics.median(times["always"])
        print(f"  ratio default / with TensorFlow: {ratio:.2f}")
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--installer", default="auto", choices=("auto", "uv", "pip"), help="IMSA_INSTALLER")
    parser.add_argument("--timeout", type=float, default=900)
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder (clones, caches, logs)")
    parser.add_argument("--start-only", type=int, metavar="N", default=0,
                        help="time only `imsa-voices run` in this checkout, N times (with the TensorFlow reference)")
    parser.add_argument("--no-reference", action="store_true",
                        help="with --start-only: skip the reference runs with TensorFlow")
    args = parser.parse_args()
    if args.start_only:
        return start_only(args.start_only, args.timeout, reference=not args.no_reference)
    base = Path(tempfile.mkdtemp(prefix="imsa-cold-start-"))
    caches = base / "caches"
    print(f"clones, empty caches and logs in {base}; {os.cpu_count()} cores; installer {args.installer}", flush=True)
    print(f"{'run':<6} {'install s':>9} {'train s':>8} {'start s':>8} {'total s':>8}")
    try:
        for label in ("cold", "warm"):
            r = one_run(label, base, caches, args.installer, args.timeout)
            figures = f"{r['install']:>9.1f} {r['train']:>8.1f} {r['start']:>8.1f} {r['total']:>8.1f}"
            print(f"{label:<6} {figures}", flush=True)
    finally:
        if not args.keep:
            shutil.rmtree(base, ignore_errors=True)
    print("install: ./scripts/setup; train: the model made ready (trained, or reused from the cache; the page and\n"
          "the action server start meanwhile); start: until Rasa's REST channel answers \"hello\".")
    return 0


if __name__ == "__main__":
    sys.exit(main())
