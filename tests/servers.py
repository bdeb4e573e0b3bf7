"""Start the real Rasa server, action server and web page for tests."""

from __future__ import annotations

import json
import os
import socket
import urllib.request
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from bot import rasa_project


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
        return [m.get("text", "") for m in self.last]

    def text(self) -> str:
        return "\n".join(self.texts())
