"""Training the Rasa model and starting the three processes (Rasa, actions, web)."""

from __future__ import annotations

import hashlib
import os
import signal
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

from bot.paths import ROOT, var_dir

MODEL_NAME = "imsa"
TRAINING_INPUTS = ("config.yml", "domain", "data/nlu", "data/rules.yml", "data/stories.yml")


def models_dir() -> Path:
    """var/models, or IMSA_MODELS_DIR (the tests share one trained model through a cache there)."""
    custom = os.environ.get("IMSA_MODELS_DIR")
    return Path(custom) if custom else var_dir() / "models"


def model_path() -> Path:
    return models_dir() / f"{MODEL_NAME}.tar.gz"


def training_fingerprint() -> str:
    """A hash of every file the model is trained from."""
    digest = hashlib.sha256()
    for name in TRAINING_INPUTS:
        path = ROOT / name
        files = sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path]
        for file in files:
            digest.update(str(file.relative_to(ROOT)).encode())
            digest.update(file.read_bytes())
    return digest.hexdigest()


def rasa_env() -> dict[str, str]:
    env = dict(os.environ)
    env.setdefault("RASA_TELEMETRY_ENABLED", "false")
    env.setdefault("SQLALCHEMY_SILENCE_UBER_WARNING", "1")
    env.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    return env


def rasa_command(*args: str) -> list[str]:
    """`python -m rasa ...` with this interpreter (works whether or not a `rasa` script is on PATH)."""
    return [sys.executable, "-m", "rasa", *args]


def train(force: bool = False) -> Path:
    """Train when the training data changed since the last model (or when forced).

    A lock file makes processes that share the models folder train one at a time;
    the second finds the model up to date.
    """
    import fcntl

    models_dir().mkdir(parents=True, exist_ok=True)
    with open(models_dir() / ".train.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        return _train_locked(force)


def _train_locked(force: bool) -> Path:
    stamp = models_dir() / f"{MODEL_NAME}.fingerprint"
    fingerprint = training_fingerprint()
    if not force and model_path().exists() and stamp.exists() and stamp.read_text() == fingerprint:
        print(f"Model is up to date: {model_path()}")
        return model_path()
    stamp.unlink(missing_ok=True)
    command = [
        *rasa_command("train"),
        "--config", "config.yml", "--domain", "domain", "--data", "data/nlu", "data/rules.yml", "data/stories.yml",
        "--out", str(models_dir()), "--fixed-model-name", MODEL_NAME,
        "--force",
    ]
    subprocess.run(command, cwd=ROOT, env=rasa_env(), check=True)
    stamp.write_text(fingerprint)
    return model_path()


@dataclass
class Ports:
    rasa: int = int(os.environ.get("RASA_PORT", "5005"))
    actions: int = int(os.environ.get("ACTION_PORT", "5055"))
    web: int = int(os.environ.get("WEB_PORT", "8000"))
    host: str = os.environ.get("IMSA_HOST", "127.0.0.1")


def endpoints_file(ports: Ports) -> Path:
    """endpoints.yml for this run: the action server on the chosen port."""
    url = os.environ.get("ACTION_SERVER_URL") or f"http://127.0.0.1:{ports.actions}/webhook"
    path = var_dir() / f"endpoints-{ports.rasa}.yml"
    path.write_text(
        f'action_endpoint:\n  url: "{url}"\n'
        "tracker_store:\n  type: bot.tracker_store.ExpiringMemoryTrackerStore\n"
    )
    return path


def commands(ports: Ports) -> dict[str, list[str]]:
    return {
        "actions": [sys.executable, "-m", "rasa_sdk", "--actions", "actions", "--port", str(ports.actions),
                    "--logging-config_file", str(ROOT / "bot" / "logging.yml")],
        "rasa": [
            sys.executable, "-m", "bot.rasa_server", "run",
            "--model", str(model_path()),
            "--endpoints", str(endpoints_file(ports)),
            "--credentials", str(ROOT / "credentials.yml"),
            "--interface", "127.0.0.1", "--port", str(ports.rasa),
            "--logging-config-file", str(ROOT / "bot" / "logging.yml"),
        ],
        "web": [sys.executable, "-m", "bot.web", "--host", ports.host, "--port", str(ports.web),
                "--rasa-url", f"http://127.0.0.1:{ports.rasa}"],
    }


def wait_http(url: str, timeout: float = 120.0, process: subprocess.Popen | None = None) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            raise RuntimeError(f"process for {url} exited with code {process.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except Exception:
            time.sleep(0.25)
    raise TimeoutError(f"{url} did not answer within {timeout:.0f} s")


@dataclass
class Services:
    """The running processes; stop() ends them all (also on Ctrl-C)."""

    ports: Ports
    processes: dict[str, subprocess.Popen] = field(default_factory=dict)

    def start(self, names: tuple[str, ...] = ("actions", "rasa", "web"), log_dir: Path | None = None) -> None:
        cmds = commands(self.ports)
        for name in names:
            out = None
            if log_dir is not None:
                log_dir.mkdir(parents=True, exist_ok=True)
                out = open(log_dir / f"{name}.log", "ab")
            self.processes[name] = subprocess.Popen(
                cmds[name], cwd=ROOT, env=rasa_env(), stdout=out, stderr=subprocess.STDOUT if out else None,
                start_new_session=True,
            )

    def restart(self, name: str, log_dir: Path | None = None, timeout: float = 180.0) -> None:
        """Stop one process and start it again (used to prove state survives a restart)."""
        process = self.processes.pop(name)
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(30)
        self.start((name,), log_dir=log_dir)
        self.wait_ready(timeout)

    def wait_ready(self, timeout: float = 180.0) -> None:
        checks = {
            "actions": f"http://127.0.0.1:{self.ports.actions}/health",
            "rasa": f"http://127.0.0.1:{self.ports.rasa}/",
            "web": f"http://127.0.0.1:{self.ports.web}/healthz",
        }
        for name, process in self.processes.items():
            wait_http(checks[name], timeout, process)

    def stop(self, grace: float = 10.0) -> None:
        for process in self.processes.values():
            if process.poll() is None:
                try:
                    os.killpg(process.pid, signal.SIGTERM)
                except ProcessLookupError:
                    pass
        deadline = time.monotonic() + grace
        for process in self.processes.values():
            try:
                process.wait(max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()
        self.processes.clear()
