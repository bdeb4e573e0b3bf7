"""Training the Rasa model and starting the three processes (Rasa, actions, web)."""

from __future__ import annotations

import hashlib
import os
import signal
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass, field
from pathlib import Path

from bot.paths import ROOT, var_dir
from bot.settings import get_settings

MODEL_NAME = "imsa"
TRAINING_INPUTS = ("config.yml", "domain", "data/nlu", "data/rules.yml", "data/stories.yml")


def models_dir() -> Path:
    """var/models, or IMSA_MODELS_DIR (the tests share one trained model through a cache there)."""
    custom = get_settings().models_dir
    return custom if custom else var_dir() / "models"


def model_path() -> Path:
    return models_dir() / f"{MODEL_NAME}.tar.gz"


# The installed packages whose versions decide what a trained model holds (Rasa pickles scikit-learn objects).
TRAINING_PACKAGES = ("rasa", "scikit-learn", "scipy", "numpy", "tensorflow")


def cache_dir() -> Path:
    """The cache shared by every checkout on this machine (IMSA_CACHE or XDG_CACHE_HOME; scripts/setup uses the
    same folder)."""
    return get_settings().cache_dir


def shared_models_dir() -> Path:
    """Trained models by content: trained/<fingerprint>.tar.gz, reused by every checkout on the machine."""
    return cache_dir() / "trained"


def training_fingerprint() -> str:
    """A hash of exactly what training reads: every training file, the Python and the packages' versions."""
    from importlib import metadata

    digest = hashlib.sha256()
    for name in TRAINING_INPUTS:
        path = ROOT / name
        files = sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path]
        for file in files:
            digest.update(str(file.relative_to(ROOT)).encode() + b"\0")
            digest.update(hashlib.sha256(file.read_bytes()).digest())
    digest.update(f"python {sys.version_info[0]}.{sys.version_info[1]}\0".encode())
    for package in TRAINING_PACKAGES:
        try:
            version = metadata.version(package)
        except metadata.PackageNotFoundError:
            version = "-"
        digest.update(f"{package} {version}\0".encode())
    return digest.hexdigest()


def rasa_env() -> dict[str, str]:
    env = dict(os.environ)
    env.setdefault("RASA_TELEMETRY_ENABLED", "false")
    env.setdefault("SQLALCHEMY_SILENCE_UBER_WARNING", "1")
    env.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
    env.setdefault("SANIC_HOST", "127.0.0.1")  # where the action server listens (rasa_sdk's default: every interface)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    return env


def rasa_command(*args: str) -> list[str]:
    """`python -m rasa ...` with this interpreter (works whether or not a `rasa` script is on PATH)."""
    return [sys.executable, "-m", "rasa", *args]


def train(force: bool = False) -> Path:
    """The model for the training data as it is now: kept, reused from the shared cache, or trained.

    A model trained from the same content (see training_fingerprint) by any checkout on this machine
    is in shared_models_dir() and is linked (or copied) into models_dir() without training. Locks make
    processes that share a models folder, or train the same content, go one at a time: the second
    finds the model there.
    """
    models_dir().mkdir(parents=True, exist_ok=True)
    with _locked(models_dir() / ".train.lock"):
        return _train_locked(force)


@contextmanager
def _locked(path: Path):
    import fcntl

    with open(path, "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        yield


def _train_locked(force: bool) -> Path:
    stamp = models_dir() / f"{MODEL_NAME}.fingerprint"
    fingerprint = training_fingerprint()
    if not force and model_path().exists() and stamp.exists() and stamp.read_text() == fingerprint:
        print(f"Model is up to date: {model_path()}")
        return model_path()
    stamp.unlink(missing_ok=True)
    shared = shared_models_dir() / f"{fingerprint}.tar.gz"
    shared.parent.mkdir(parents=True, exist_ok=True)
    with _locked(shared_models_dir() / f".{fingerprint}.lock"):
        if force or not shared.exists():
            _train_into(shared)
            _prune(shared.parent)
        else:
            print(f"Model reused from the cache, trained before from the same content: {shared}")
            try:
                os.utime(shared)  # recently used: kept by _prune
            except OSError:
                pass
        _place(shared, model_path())  # under the lock: _prune never removes a model being placed
    stamp.write_text(fingerprint)
    return model_path()


def _train_into(shared: Path) -> None:
    """Train with Rasa into a temporary folder beside `shared`, then move the model there in one step."""
    import tempfile

    with tempfile.TemporaryDirectory(prefix=".training-", dir=shared.parent) as out:
        command = [
            # Rasa's own `rasa train`, without importing TensorFlow when the pipeline uses none (bot/rasa/startup.py)
            sys.executable, "-m", "bot.rasa.startup", "train",
            "--config", "config.yml", "--domain", "domain", "--data", "data/nlu", "data/rules.yml", "data/stories.yml",
            "--out", out, "--fixed-model-name", MODEL_NAME,
            "--force",
            # `rasa data validate --fail-on-warnings` runs in the tests (tests/test_rasa_project.py):
            # the same check before every training was a third of its time
            "--skip-validation",
        ]
        subprocess.run(command, cwd=ROOT, env=rasa_env(), check=True)
        trained = Path(out) / f"{MODEL_NAME}.tar.gz"
        trained.chmod(0o444)  # hard links share it with checkouts: nobody may change it in place
        os.replace(trained, shared)


KEEP_SHARED_MODELS = 20


def _prune(folder: Path, keep: int = KEEP_SHARED_MODELS) -> None:
    """Keep the most recently used models in the shared cache (a checkout's own hard link keeps its model)."""
    import fcntl

    models = sorted(folder.glob("*.tar.gz"), key=lambda p: p.stat().st_mtime, reverse=True)
    for old in models[keep:]:
        with open(folder / f".{old.name.removesuffix('.tar.gz')}.lock", "w") as lock:
            try:
                fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except OSError:
                continue  # being trained or placed just now: not old after all
            old.unlink(missing_ok=True)


def _place(shared: Path, target: Path) -> None:
    """Put the shared model at `target` in one step: a hard link when on the same disk, else a copy."""
    import shutil

    tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    tmp.unlink(missing_ok=True)
    try:
        os.link(shared, tmp)
    except OSError:
        shutil.copyfile(shared, tmp)
    os.replace(tmp, target)


@dataclass
class Ports:
    """Ports of one run. With workers > 1, instance k (2, 3, ...) is a Rasa server and its own action
    server, named "rasa-k" and "actions-k", on the ports in more_rasa / more_actions (default: the
    next ports up from rasa and actions)."""

    rasa: int = field(default_factory=lambda: get_settings().rasa_port)  # read when a run starts, not at import
    actions: int = field(default_factory=lambda: get_settings().action_port)
    web: int = field(default_factory=lambda: get_settings().web_port)
    host: str = field(default_factory=lambda: get_settings().web_host)
    workers: int = 1
    more_rasa: tuple[int, ...] = ()
    more_actions: tuple[int, ...] = ()

    def instances(self) -> list[tuple[str, int, int]]:
        """(suffix, Rasa port, action server port) of each instance: ("", 5005, 5055), ("-2", 5006, 5056), ..."""
        out = [("", self.rasa, self.actions)]
        for i in range(1, self.workers):
            rasa = self.more_rasa[i - 1] if len(self.more_rasa) >= i else self.rasa + i
            actions = self.more_actions[i - 1] if len(self.more_actions) >= i else self.actions + i
            out.append((f"-{i + 1}", rasa, actions))
        return out


def endpoints_file(ports: Ports, rasa_port: int | None = None, actions_port: int | None = None) -> Path:
    """endpoints.yml for one Rasa instance: its action server; with REDIS_URL, the Redis lock and tracker stores.

    Each Rasa instance calls its own action server (ACTION_SERVER_URL, when set, wins for all:
    put a load balancer there). Both stores read REDIS_URL from the environment themselves,
    so no Redis address or password is written into the file.
    """
    rasa_port = ports.rasa if rasa_port is None else rasa_port
    actions_port = ports.actions if actions_port is None else actions_port
    url = get_settings().action_server_url or f"http://127.0.0.1:{actions_port}/webhook"
    path = var_dir() / f"endpoints-{rasa_port}.yml"
    if get_settings().redis_url is None:
        stores = "tracker_store:\n  type: bot.rasa.tracker_store.ExpiringMemoryTrackerStore\n"
    else:  # shared by every instance: trackers without typed text, and one message per conversation at a time
        stores = (
            "tracker_store:\n  type: bot.rasa.tracker_store.RedisNoTextTrackerStore\n"
            "lock_store:\n  type: bot.rasa.lock_store.AtomicRedisLockStore\n"
        )
    path.write_text(f'action_endpoint:\n  url: "{url}"\n' + stores)
    return path


def actions_in_process() -> bool:
    """Whether each Rasa server runs actions/ itself (bot/rasa/server.py; the default) rather than calling an
    action server of its own over HTTP: IMSA_ACTIONS=server, or an ACTION_SERVER_URL, keeps them apart."""
    settings = get_settings()
    return settings.actions == "in-process" or (settings.actions == "" and not settings.action_server_url)


def commands(ports: Ports) -> dict[str, list[str]]:
    """The command of every process: rasa, actions (only with IMSA_ACTIONS=server or ACTION_SERVER_URL;
    by default Rasa runs them in its own process), and with workers rasa-2, actions-2 ...; web."""
    out: dict[str, list[str]] = {}
    in_process = actions_in_process()  # Rasa runs actions/ itself (the default): no action server to start
    for suffix, rasa_port, actions_port in ports.instances():
        if not in_process:
            out["actions" + suffix] = [
                sys.executable, "-m", "rasa_sdk", "--actions", "actions", "--port", str(actions_port),
                "--logging-config_file", str(ROOT / "bot" / "logging.yml"),
            ]
        out["rasa" + suffix] = [
            sys.executable, "-m", "bot.rasa.server", "run",
            "--model", str(model_path()),
            "--endpoints", str(endpoints_file(ports, rasa_port, actions_port)),
            "--credentials", str(ROOT / "credentials.yml"),
            "--interface", "127.0.0.1", "--port", str(rasa_port),
            "--logging-config-file", str(ROOT / "bot" / "logging.yml"),
        ]
    out["web"] = [sys.executable, "-m", "bot.web", "--host", ports.host, "--port", str(ports.web)]
    for _suffix, rasa_port, _actions_port in ports.instances():  # the page spreads messages over them
        out["web"] += ["--rasa-url", f"http://127.0.0.1:{rasa_port}"]
    return out


def ports_in_use(ports: Ports) -> list[int]:
    """The ports of this run that something else is listening on already."""
    import socket

    wanted = [ports.web] + [p for _suffix, rasa, actions in ports.instances() for p in (rasa, actions)]
    busy = []
    for port in wanted:
        with socket.socket() as s:
            s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            try:
                s.bind(("127.0.0.1", port))
            except OSError:
                busy.append(port)
    return busy


def health_urls(ports: Ports) -> dict[str, str]:
    """Where each process says it is ready."""
    urls = {"web": f"http://127.0.0.1:{ports.web}/healthz"}
    for suffix, rasa_port, actions_port in ports.instances():
        urls["actions" + suffix] = f"http://127.0.0.1:{actions_port}/health"
        urls["rasa" + suffix] = f"http://127.0.0.1:{rasa_port}/"
    return urls


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

    def start(self, names: tuple[str, ...] | None = None, log_dir: Path | None = None) -> None:
        """Start the named processes (default: all of them, every instance and the page)."""
        cmds = commands(self.ports)
        if log_dir is not None:
            log_dir.mkdir(parents=True, exist_ok=True)
        for name in names or tuple(cmds):
            if name not in cmds:  # "actions" when Rasa runs the actions itself (bot.rasa.server)
                continue
            env = rasa_env()
            if name.startswith("rasa") and actions_in_process():
                env["IMSA_ACTIONS"] = "in-process"
            # the child writes to its own copy of the log file; this process closes its copy at once
            with open(log_dir / f"{name}.log", "ab") if log_dir is not None else nullcontext() as out:
                self.processes[name] = subprocess.Popen(
                    cmds[name], cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT if out else None,
                    start_new_session=True,
                )

    def restart(self, name: str, log_dir: Path | None = None, timeout: float = 180.0) -> None:
        """Stop one process and start it again (used to prove state survives a restart)."""
        process = self.processes.pop(name)
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(30)
        self.start((name,), log_dir=log_dir)
        self.wait_ready(timeout)

    def wait_ready(self, timeout: float = 300.0) -> None:  # a bound on a busy machine, not a speed goal
        checks = health_urls(self.ports)
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
