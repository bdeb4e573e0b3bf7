"""Start the real Rasa server, action server and web page for tests."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import urllib.request
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from bot import settings
from bot.conversation import i18n
from bot.paths import ROOT
from bot.rasa import project as rasa_project


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def running_bot(database_url: str, log_dir: Path, names=("actions", "rasa", "web")) -> Iterator[rasa_project.Services]:
    rasa_project.train()
    ports = rasa_project.Ports(rasa=free_port(), actions=free_port(), web=free_port())
    old = os.environ.get("DATABASE_URL")
    os.environ["DATABASE_URL"] = database_url
    # the processes are started from this process's settings (IMSA_ACTIONS: is there an action server to start?):
    # read them again from the environment a module's fixture has just set, not from a copy read before it
    # (the session's tagger build reads them first: run alone, tests/test_faults.py started no action server)
    settings.reset()
    services = rasa_project.Services(ports)
    try:
        services.start(names, log_dir=log_dir)
        services.wait_ready()
        yield services
    finally:
        services.stop()
        if old is None:
            os.environ.pop("DATABASE_URL", None)
        else:
            os.environ["DATABASE_URL"] = old
        settings.reset()


class RestClient:
    """One person talking to Rasa's REST channel."""

    def __init__(self, port: int, sender: str) -> None:
        self.url = f"http://127.0.0.1:{port}/webhooks/rest/webhook"
        self.sender = sender
        self.last: list[dict] = []
        self.all: list[dict] = []

    def say(self, message: str) -> list[dict]:
        body = json.dumps({"sender": self.sender, "message": message}).encode()
        request = urllib.request.Request(self.url, body, {"Content-Type": "application/json"})
        with urllib.request.urlopen(request, timeout=60) as response:
            assert response.status == 200
            self.last = json.loads(response.read())
        self.all += self.last
        return self.last

    def tap(self, value: str) -> list[dict]:
        if value.startswith("/"):
            return self.say(value)
        payload = '/choose{"choice":"%s"}' % value
        offered = [b["payload"] for m in self.last for b in m.get("buttons", [])]
        assert payload in offered, f"{payload} not offered in {self.texts()}"
        return self.say(payload)

    def texts(self) -> list[str]:
        """The texts the person sees (the page's own signals, such as a language change, are not shown)."""
        return [m.get("text", "") for m in self.last if "custom" not in m]

    def signals(self) -> list[dict]:
        """What the bot tells the page itself (custom messages), e.g. {"imsa": "language", "lang": "ar"}."""
        return [m["custom"] for m in self.last if "custom" in m]

    def text(self) -> str:
        return "\n".join(self.texts())


@contextmanager
def web_process(database_url: str, log: Path, env: dict[str, str] | None = None) -> Iterator[str]:
    """The real page server alone (python -m bot.web) on a free port, for the staff area; its database
    comes from DATABASE_URL and its Rasa address leads nowhere; `env` adds variables (IMSA_ROOT ...).
    Yields the base URL."""
    port = free_port()
    env = {**os.environ, "DATABASE_URL": database_url, "PYTHONPATH": str(ROOT), **(env or {})}
    with open(log, "ab") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "bot.web", "--port", str(port), "--rasa-url", "http://127.0.0.1:9"],
            cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True,
        )
    try:
        rasa_project.wait_http(f"http://127.0.0.1:{port}/healthz", 60, process)
        yield f"http://127.0.0.1:{port}"
    finally:
        process.terminate()
        process.wait(10)


def opening(client: RestClient, assisted: str = "none", nation: tuple[str, str] = ("tap", "england")) -> None:
    """Through the opening steps in English over REST, checking each step, to the topic list.
    `nation` is ("tap", choice) or ("say", typed words)."""
    t = lambda key: i18n.text("en", key)  # noqa: E731
    client.say("hello")
    assert client.texts() == [t("welcome.text")]
    client.tap("en")
    assert client.texts()[-1] == t("about.question")
    client.say("ok")
    assert client.texts()[-1] == t("consent.question")
    client.say("yes")
    assert client.texts() == [t("age.question")]
    client.tap("yes")
    client.tap(assisted)
    how, value = nation
    client.tap(value) if how == "tap" else client.say(value)
    assert client.texts() == [t("themes.question")]
