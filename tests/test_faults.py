"""Faults: what a survivor sees, and what is left in the dataset, when a part of the system fails.

The real Rasa server, action server and page run once for the module, on SQLite kept on a small
file system of its own (a tmpfs, so that "disk full" is real). Each test ends with every answer
saved before the fault present and intact (rows read back from the database).

- the action server killed (SIGKILL) or stuck (SIGSTOP), then back;
- PostgreSQL restarted, and away for a while (a throwaway server on another port);
- Redis stuck and down (the module runs on a throwaway redis-server of its own, behind REDIS_URL:
  the production shape, with the Redis tracker and lock stores);
- SQLite's disk full, and its database locked by another connection.

The Rasa server restarted mid-conversation (a paused session resumes with its code) is
covered by tests/test_conversation_e2e.py::test_complete_conversation_across_all_eight_themes_with_pause_and_resume.
"""

from __future__ import annotations

import contextlib
import dataclasses
import errno
import json
import os
import shutil
import signal
import sqlite3
import subprocess
import tempfile
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from sqlalchemy.exc import OperationalError

from bot.conversation import i18n
from bot.conversation.catalogue import catalogue
from bot.store import Store
from bot.store.models import Answer, Respondent
from tests.servers import free_port, running_bot

pytestmark = pytest.mark.servers

THEMES = ("criminal", "civil")
QUESTIONS = [q.id for q in catalogue().questions_for(THEMES)]
SERVER_ENV = {
    "IMSA_SQLITE_BUSY_SECONDS": "2",  # how long a write waits for a lock before the person is told
    "IMSA_DB_RETRY_SECONDS": "4",  # how long the Store retries when PostgreSQL is away ...
    "IMSA_ACTION_TIMEOUT_SECONDS": "6",  # ... within how long Rasa waits for the action server
    "IMSA_REDIS_TIMEOUT_SECONDS": "2",  # how long one Redis call may take
    "IMSA_REDIS_KEY_PREFIX": "imsafaults",
    # The action server apart, as deploy/ runs it (ACTION_SERVER_URL): killing and stopping it is tested here.
    # Actions run inside Rasa (the default) meet the same faults in tests/test_actions_in_process.py.
    "IMSA_ACTIONS": "server",
}


# ----------------------------------------------------------------------------- helpers
class Person:
    """One survivor talking through the page's forwarding (POST /webhooks/rest/webhook), in a language."""

    def __init__(self, port: int, sender: str, lang: str = "en") -> None:
        self.url = f"http://127.0.0.1:{port}/webhooks/rest/webhook"
        self.sender, self.lang = sender, lang
        self.status, self.body = 0, None

    def say(self, message: str) -> list[dict] | dict:
        data = json.dumps({"sender": self.sender, "message": message, "lang": self.lang}).encode()
        request = urllib.request.Request(self.url, data, {"Content-Type": "application/json"})
        try:
            with urllib.request.urlopen(request, timeout=90) as response:
                self.status, self.body = response.status, json.loads(response.read())
        except urllib.error.HTTPError as exc:
            self.status, self.body = exc.code, json.loads(exc.read())
        return self.body

    def ok(self, message: str) -> list[str]:
        self.say(message)
        assert self.status == 200, (self.status, self.body)
        return [m.get("text", "") for m in self.body]

    def choose(self, value: str) -> list[str]:
        payload = '/choose{"choice":"%s"}' % value
        offered = [b["payload"] for m in self.body for b in m.get("buttons", [])]
        assert payload in offered, (payload, offered)
        return self.ok(payload)

    def told_kindly(self) -> bool:
        """The person was told, in their language, that something went wrong and their answers are safe."""
        return self.status == 503 and self.body.get("text") == i18n.text(self.lang, "error.general")

    def to_first_question(self) -> None:
        self.ok("hello")
        self.choose(self.lang)
        for value in ("continue", "yes", "yes", "none", "wales", *THEMES, "done"):
            self.choose(value)
        assert i18n.text(self.lang, catalogue().question(QUESTIONS[0]).chat_key) in self.ok("/repeat")


def rasa_direct(port: int, sender: str, message: str) -> list[dict]:
    """Rasa's own REST channel (not public: the page forwards to it)."""
    data = json.dumps({"sender": sender, "message": message}).encode()
    request = urllib.request.Request(f"http://127.0.0.1:{port}/webhooks/rest/webhook", data,
                                     {"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=90) as response:  # a hang fails here
        assert response.status == 200
        return json.loads(response.read())


def respondents(store: Store) -> set[str]:
    with store.session() as s:
        return {r.id for r in s.query(Respondent)}


def saved(store: Store, rid: str) -> dict[str, list[str]]:
    """question id -> every text saved for it (a list, so a duplicate would show)."""
    with store.session() as s:
        rows = s.query(Answer).filter(Answer.respondent_id == rid, Answer.question_id.in_(QUESTIONS)).all()
    out: dict[str, list[str]] = {}
    for row in rows:
        out.setdefault(row.question_id, []).append(row.text)
    return out


def answer_text(n: int, tag: str) -> str:
    return f"Answer {n} about {tag}: the court letters came in English only."


def logs_hold(log_dir: Path, text: str) -> bool:
    return any(text in p.read_text(errors="replace") for p in log_dir.glob("*.log"))


@contextlib.contextmanager
def small_disk(path: Path, megabytes: int):
    """A tmpfs of its own, so SQLite on it meets a real "disk full": yields whether it could be mounted
    (it needs root, as CI has; without, the folder is an ordinary one and only the disk-full test skips)."""
    path.mkdir(parents=True, exist_ok=True)
    mounted = os.geteuid() == 0 and subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={megabytes}m", "imsa-test", str(path)], check=False
    ).returncode == 0
    try:
        yield mounted
    finally:
        if mounted:
            subprocess.run(["umount", "-l", str(path)], check=False)


class ThrowawayRedis:
    """A redis-server of the test's own on another port, keeping nothing on disk."""

    def __init__(self) -> None:
        self.port = free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.process: subprocess.Popen | None = None

    def start(self) -> None:
        binary = shutil.which("redis-server")
        if binary is None:
            pytest.fail("redis-server is needed (Debian's redis-server package; scripts/services)")
        self.process = subprocess.Popen(
            [binary, "--port", str(self.port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
            stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT, start_new_session=True,
        )
        import redis

        client = redis.Redis.from_url(self.url, socket_timeout=1, socket_connect_timeout=1)
        for _ in range(100):
            with contextlib.suppress(redis.ConnectionError):
                if client.ping():
                    return
            time.sleep(0.1)
        pytest.fail("the throwaway redis-server did not start")

    def signal(self, sig: int) -> None:
        os.killpg(self.process.pid, sig)

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.signal(signal.SIGKILL)
            self.process.wait(10)


class ThrowawayPostgres:
    """A PostgreSQL server of the test's own (initdb in a temporary folder, another port)."""

    def __init__(self) -> None:
        # its own folder under /tmp (pytest's are private to root, and PostgreSQL runs as postgres)
        self.root, self.port = Path(tempfile.mkdtemp(prefix="imsa-test-postgres-")), free_port()
        self.data, self.sockets = self.root / "data", self.root / "sockets"
        bins = sorted(Path("/usr/lib/postgresql").glob("*/bin/pg_ctl"))
        if not bins:
            pytest.fail("PostgreSQL's server programs are needed (/usr/lib/postgresql/*/bin; scripts/services)")
        self.bin = bins[-1].parent
        self.url = f"postgresql://postgres@127.0.0.1:{self.port}/postgres"

    def _run(self, *args: str) -> None:
        command = [str(self.bin / args[0]), *args[1:]]
        if os.geteuid() == 0:  # PostgreSQL refuses to run as root
            command = ["runuser", "-u", "postgres", "--", *command]
        done = subprocess.run(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, timeout=120)
        if done.returncode:
            raise RuntimeError(f"{args[0]} failed: {done.stdout[-2000:]}")

    def init(self) -> None:
        self.sockets.mkdir(exist_ok=True)
        if os.geteuid() == 0:
            shutil.chown(self.root, "postgres")
            shutil.chown(self.sockets, "postgres")
        self._run("initdb", "-D", str(self.data), "-A", "trust", "-U", "postgres", "--no-sync")
        self.start()

    def start(self) -> None:
        options = f"-p {self.port} -k {self.sockets} -c listen_addresses=127.0.0.1 -c fsync=off"
        self._run("pg_ctl", "start", "-D", str(self.data), "-o", options, "-l", str(self.root / "server.log"),
                  "-w", "-t", "60")

    def stop(self) -> None:
        self._run("pg_ctl", "stop", "-D", str(self.data), "-m", "fast", "-w", "-t", "60")

    def restart(self) -> None:
        self.stop()
        self.start()

    def remove(self) -> None:
        with contextlib.suppress(RuntimeError):
            self.stop()
        shutil.rmtree(self.root, ignore_errors=True)


# ----------------------------------------------------------------------------- the running bot
@pytest.fixture(scope="module")
def bot(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("faults")
    redis_server = ThrowawayRedis()
    redis_server.start()
    old = {name: os.environ.get(name) for name in (*SERVER_ENV, "REDIS_URL")}
    os.environ.update(SERVER_ENV, REDIS_URL=redis_server.url)
    try:
        disk = tmp / "disk"
        with small_disk(disk, 16) as small:
            url = f"sqlite:///{disk / 'answers.db'}"
            with running_bot(url, tmp / "logs") as services:
                store = Store(url)
                yield {"services": services, "store": store, "url": url, "disk": disk, "small_disk": small,
                       "logs": tmp / "logs", "tmp": tmp, "redis": redis_server}
                store.engine.dispose()
    finally:
        redis_server.stop()
        for name, value in old.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


def restart_actions(bot, database_url: str | None = None) -> None:
    """Start the action server again (after a kill), optionally on another database."""
    services = bot["services"]
    process = services.processes.pop("actions", None)
    if process is not None and process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(30)
    old = os.environ.get("DATABASE_URL")
    os.environ["DATABASE_URL"] = database_url or bot["url"]
    try:
        services.start(("actions",), log_dir=bot["logs"])
        services.wait_ready()
    finally:
        os.environ["DATABASE_URL"] = old if old is not None else bot["url"]


def new_person(bot, name: str, lang: str = "en") -> tuple[Person, str]:
    before = respondents(bot["store"])
    person = Person(bot["services"].ports.web, name, lang)
    person.to_first_question()
    [rid] = respondents(bot["store"]) - before
    return person, rid


# ----------------------------------------------------------------------------- the action server
def test_action_server_killed_then_back_the_person_is_told_in_their_language_and_carries_on(bot):
    services, store = bot["services"], bot["store"]
    person, rid = new_person(bot, "f" * 30 + "01", "fr")
    first = answer_text(1, "a killed action server")
    assert i18n.text("fr", "answer.saved") in person.ok(first)

    actions = services.processes["actions"]
    os.killpg(actions.pid, signal.SIGKILL)
    actions.wait(10)
    second = answer_text(2, "a killed action server")
    person.say(second)
    assert person.told_kindly(), person.body  # in French, and the page offers "Try again"
    assert rasa_direct(services.ports.rasa, "someone-else", "hello") == []  # Rasa's own channel: no hang

    restart_actions(bot)
    assert i18n.text("fr", "answer.saved") in person.ok(second)  # "Try again" sends the same words
    third = answer_text(3, "a killed action server")
    assert i18n.text("fr", "answer.saved") in person.ok(third)
    assert saved(store, rid) == {QUESTIONS[0]: [first], QUESTIONS[1]: [second], QUESTIONS[2]: [third]}
    assert not logs_hold(bot["logs"], "killed action server")


def test_a_stuck_action_server_ends_the_turn_after_a_bounded_wait(bot):
    services, store = bot["services"], bot["store"]
    person, rid = new_person(bot, "f" * 30 + "02", "ar")
    first = answer_text(1, "a stuck action server")
    person.ok(first)
    actions = services.processes["actions"]
    os.killpg(actions.pid, signal.SIGSTOP)
    try:
        second = answer_text(2, "a stuck action server")
        person.say(second)  # Rasa gives up after IMSA_ACTION_TIMEOUT_SECONDS, not its default 5 minutes
        assert person.told_kindly(), person.body
    finally:
        os.killpg(actions.pid, signal.SIGCONT)
    assert i18n.text("ar", "answer.saved") in person.ok(second)
    assert saved(store, rid) == {QUESTIONS[0]: [first], QUESTIONS[1]: [second]}


# ----------------------------------------------------------------------------- PostgreSQL
def test_postgresql_restarted_and_away_answers_are_retried_or_the_person_is_told(bot):
    services = bot["services"]
    postgres = ThrowawayPostgres()
    postgres.init()
    try:
        restart_actions(bot, postgres.url)
        store = Store(postgres.url)
        before = respondents(store)
        person = Person(services.ports.web, "f" * 30 + "03", "pl")
        person.to_first_question()
        [rid] = respondents(store) - before
        texts = [answer_text(n, "PostgreSQL") for n in range(1, 5)]
        person.ok(texts[0])

        postgres.restart()  # between two turns: the pool's old connections are dead
        assert i18n.text("pl", "answer.saved") in person.ok(texts[1])

        postgres.stop()  # away for longer than the Store retries: the person is told, nothing half-written
        person.say(texts[2])
        assert person.told_kindly(), person.body
        # back at once: the person was told, and no retry may save the answer after that, however slow the action's
        # work before its save was (the turn's deadline ends retries before Rasa stops waiting)
        postgres.start()
        assert saved(store, rid) == {QUESTIONS[0]: [texts[0]], QUESTIONS[1]: [texts[1]]}
        assert i18n.text("pl", "answer.saved") in person.ok(texts[2])  # "Try again"

        postgres.stop()  # away for a moment while an answer is on its way: retried, saved, nobody told
        with ThreadPoolExecutor(1) as pool:
            reply = pool.submit(person.say, texts[3])
            time.sleep(0.5)  # the answer reaches the action server, which finds the database away
            postgres.start()
            reply.result(120)
        assert person.status == 200 and i18n.text("pl", "answer.saved") in [m.get("text") for m in person.body]
        store.engine.dispose()
        assert saved(store, rid) == {q: [t] for q, t in zip(QUESTIONS, texts)}
        assert logs_hold(bot["logs"], "OperationalError")  # the kind of error is logged ...
        assert not logs_hold(bot["logs"], "PostgreSQL: the court")  # ... never the words
        store.engine.dispose()
    finally:
        restart_actions(bot)
        postgres.remove()


def test_postgresql_away_past_the_turn_deadline_no_retry_saves_the_answer_later():
    """The Store retries for IMSA_DB_RETRY_SECONDS, but never past the turn's deadline: once Rasa has stopped
    waiting, the person is told "not saved", and a retry that then found the server back would save an answer
    they were told was lost (round 14's test_faults race). Here the retries could go on for a minute."""
    from bot.anonymise import redact
    from bot.settings import get_settings
    from bot.store import TurnOverdue, turn_deadline

    postgres = ThrowawayPostgres()
    postgres.init()
    store = None
    try:
        store = Store(postgres.url, settings=dataclasses.replace(get_settings(), db_retry_seconds=60.0))
        rid = store.create_respondent("en")
        redact(answer_text(0, "a deadline"), "en")  # the redactor loaded: the save's own work takes milliseconds
        postgres.stop()
        with ThreadPoolExecutor(1) as pool:
            back = pool.submit(lambda: (time.sleep(2.5), postgres.start()))  # back after the turn's 1 s
            with pytest.raises(OperationalError), turn_deadline(1.0):
                store.save_answer(rid, QUESTIONS[0], "en", text=answer_text(1, "a deadline"))
            back.result(120)
        store.engine.dispose()
        assert saved(store, rid) == {}  # nothing saved after the turn gave up, though the server came back
        with pytest.raises(TurnOverdue), turn_deadline(0.0):  # an overdue turn does not even try
            store.save_answer(rid, QUESTIONS[0], "en", text=answer_text(2, "a deadline"))
        assert saved(store, rid) == {}
        store.save_answer(rid, QUESTIONS[0], "en", text=answer_text(3, "a deadline"))  # outside a turn: as before
        assert saved(store, rid) == {QUESTIONS[0]: [answer_text(3, "a deadline")]}
    finally:
        if store is not None:
            store.engine.dispose()
        postgres.remove()


# ----------------------------------------------------------------------------- SQLite
def _integrity(db: Path) -> str:
    with contextlib.closing(sqlite3.connect(db)) as conn:
        return conn.execute("PRAGMA integrity_check").fetchone()[0]


def test_sqlite_disk_full_a_clear_error_no_corruption_and_earlier_answers_intact(bot):
    store, disk = bot["store"], bot["disk"]
    if not bot["small_disk"]:
        pytest.skip("mounting a small file system (tmpfs) needs root; CI runs as root")
    person, rid = new_person(bot, "f" * 30 + "04", "es")
    first = answer_text(1, "a full disk")
    person.ok(first)
    db = disk / "answers.db"
    with contextlib.closing(sqlite3.connect(db)) as conn:  # an empty write-ahead log: the next write needs space
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    filler = disk / "filler"
    with open(filler, "wb") as out:
        chunk = b"\0" * 65536
        with pytest.raises(OSError) as full:
            while True:
                out.write(chunk)
                out.flush()
    assert full.value.errno == errno.ENOSPC
    try:
        second = answer_text(2, "a full disk")
        person.say(second)
        assert person.told_kindly(), person.body
    finally:
        filler.unlink()
    assert i18n.text("es", "answer.saved") in person.ok(second)
    assert _integrity(db) == "ok"
    assert saved(store, rid) == {QUESTIONS[0]: [first], QUESTIONS[1]: [second]}
    log = (bot["logs"] / "actions.log").read_text(errors="replace")
    assert "OperationalError" in log and "disk is full" not in log  # the error's kind, never its message
    assert not logs_hold(bot["logs"], "a full disk")


def test_sqlite_locked_by_another_connection_a_clear_error_then_saved(bot):
    store, disk = bot["store"], bot["disk"]
    person, rid = new_person(bot, "f" * 30 + "05", "ro")
    first = answer_text(1, "a locked database")
    person.ok(first)
    db = disk / "answers.db"
    holder = sqlite3.connect(db, isolation_level=None, timeout=30)
    try:
        holder.execute("BEGIN EXCLUSIVE")  # another program holds the write lock
        second = answer_text(2, "a locked database")
        person.say(second)  # waits IMSA_SQLITE_BUSY_SECONDS, then gives up
        assert person.told_kindly(), person.body
        holder.execute("ROLLBACK")
    finally:
        holder.close()
    assert i18n.text("ro", "answer.saved") in person.ok(second)
    assert _integrity(db) == "ok"
    assert saved(store, rid) == {QUESTIONS[0]: [first], QUESTIONS[1]: [second]}
    assert not logs_hold(bot["logs"], "a locked database")


# ----------------------------------------------------------------------------- Redis
def test_redis_stuck_then_down_the_person_is_told_and_nothing_hangs(bot):
    store, redis_server = bot["store"], bot["redis"]
    person, rid = new_person(bot, "f" * 30 + "06", "so")
    texts = [answer_text(n, "redis away") for n in range(1, 4)]
    person.ok(texts[0])

    redis_server.signal(signal.SIGSTOP)  # stuck: every Redis call gives up after IMSA_REDIS_TIMEOUT_SECONDS
    try:
        person.say(texts[1])
        assert person.told_kindly(), person.body
    finally:
        redis_server.signal(signal.SIGCONT)
    assert i18n.text("so", "answer.saved") in person.ok(texts[1])  # "Try again": the conversation goes on

    redis_server.stop()  # gone
    person.say(texts[2])
    assert person.told_kindly(), person.body
    redis_server.start()  # back, empty: the conversation starts again (the page offers "I have a code")
    assert person.ok("hello")[0] == i18n.text("en", "welcome.text")
    assert saved(store, rid) == {QUESTIONS[0]: [texts[0]], QUESTIONS[1]: [texts[1]]}
    assert not logs_hold(bot["logs"], "redis away")  # Rasa's failure log leaves the words out
