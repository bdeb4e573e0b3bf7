"""Actions run inside the Rasa process (the default of `imsa-voices run`; bot/rasa/server.py).

There is no action server to kill or stop here (tests/test_faults.py does that with IMSA_ACTIONS=server, the
shape deploy/ runs). The same promise is kept when the actions themselves are stuck: the database is held by
another program for longer than Rasa waits for an action (IMSA_ACTION_TIMEOUT_SECONDS), so the turn ends
after that bounded wait, the person is told in their language that something went wrong, "Try again"
saves the answer once, and nothing said before is lost. The real Rasa server and page run for the module.
"""

from __future__ import annotations

import os
import sqlite3
import time

import pytest

from bot.conversation import i18n
from bot.store import Store
from tests.servers import running_bot
from tests.test_faults import QUESTIONS, answer_text, logs_hold, new_person, saved

pytestmark = pytest.mark.servers

SERVER_ENV = {
    "IMSA_SQLITE_BUSY_SECONDS": "60",  # how long a write waits for a lock ...
    "IMSA_ACTION_TIMEOUT_SECONDS": "15",  # ... longer than Rasa waits for an action (a first answer loads
    # the name lists of redaction: on a busy machine that takes seconds, so not much less)
}


@pytest.fixture(scope="module")
def bot(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("in-process")
    names = (*SERVER_ENV, "IMSA_ACTIONS", "ACTION_SERVER_URL", "REDIS_URL")
    old = {name: os.environ.get(name) for name in names}
    for name in names:
        os.environ.pop(name, None)
    os.environ.update(SERVER_ENV)
    try:
        url = f"sqlite:///{tmp / 'answers.db'}"
        with running_bot(url, tmp / "logs") as services:
            store = Store(url)
            yield {"services": services, "store": store, "db": tmp / "answers.db", "logs": tmp / "logs"}
            store.engine.dispose()
    finally:
        for name, value in old.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


def test_no_action_server_is_started_and_rasa_runs_the_actions(bot):
    services = bot["services"]
    assert sorted(services.processes) == ["rasa", "web"]
    person, rid = new_person(bot, "i" * 30 + "01", "fr")  # every step of the opening is an action's answer
    first = answer_text(1, "actions in process")
    assert i18n.text("fr", "answer.saved") in person.ok(first)
    assert saved(bot["store"], rid) == {QUESTIONS[0]: [first]}


def test_an_action_stuck_on_the_database_ends_the_turn_after_a_bounded_wait_and_nothing_is_lost(bot):
    store, db = bot["store"], bot["db"]
    person, rid = new_person(bot, "i" * 30 + "02", "ar")
    first = answer_text(1, "a stuck action")
    person.ok(first)
    holder = sqlite3.connect(db, isolation_level=None, timeout=30)
    try:
        holder.execute("BEGIN EXCLUSIVE")  # another program holds the write lock for longer than Rasa waits
        second = answer_text(2, "a stuck action")
        started = time.monotonic()
        person.say(second)
        assert person.told_kindly(), person.body  # in Arabic, and the page offers "Try again"
        assert time.monotonic() - started < float(SERVER_ENV["IMSA_SQLITE_BUSY_SECONDS"])  # Rasa's wait, not the lock's
        holder.execute("ROLLBACK")
    finally:
        holder.close()
    assert i18n.text("ar", "answer.saved") in person.ok(second)  # "Try again" sends the same words
    third = answer_text(3, "a stuck action")
    assert i18n.text("ar", "answer.saved") in person.ok(third)
    assert saved(store, rid) == {QUESTIONS[0]: [first], QUESTIONS[1]: [second], QUESTIONS[2]: [third]}
    assert logs_hold(bot["logs"], "TimeoutError")  # the kind of failure is logged ...
    assert not logs_hold(bot["logs"], "a stuck action")  # ... never the words
