"""The promise, end to end: personal details typed into the chat are found nowhere afterwards.

Canary values (a fake name, phone, email, postcode, NINO) are typed as answers through the
running REST channel, the way a survivor would write them. Then every file under the var dir
(database, WAL, secret, endpoints, models ...), every column of every table, the servers' logs and
every export format (bot.export) are searched for them, in several spellings.

Also holds the tracker-store choice: Rasa keeps trackers in memory only (its InMemoryTrackerStore,
or bot.rasa.tracker_store.ExpiringMemoryTrackerStore), so nothing Rasa keeps of a conversation reaches
the disk or the database; the searches below prove it for this conversation.

Names are planted with a cue ("my name is ...") and without one, as people write them: Albanian,
Eritrean, Polish, Nigerian, Romanian and Somali names as subject, in lower case, after "from" and
spoken to (docs/REDACTION.md says what the name rules can and cannot find).
"""

from __future__ import annotations

import re

import pytest
import yaml
from sqlalchemy import MetaData, select

from bot.export import FORMATS
from bot.paths import var_dir
from bot.store import Store
from tests.export_helpers import every_export
from tests.servers import RestClient, running_bot

pytestmark = pytest.mark.servers
MEMORY_ONLY_TRACKER_STORES = (None, "in_memory", "bot.rasa.tracker_store.ExpiringMemoryTrackerStore")

NAME = ("Zoltanne", "Quickbeam")
PHONE = "07700 900461"
EMAIL = "zoltanne.canary@example.org"
POSTCODE = "KY16 9SS"
NINO = "JW 48 21 93 B"
BARE = ("Dritan", "Krasniqi", "Tesfaye", "Krzysztof", "Chinedu", "Popescu", "Hodan", "Warsame")
ANSWERS = [
    f"My name is {NAME[0]} {NAME[1]} and nobody at the surgery would register me.",
    f"You can text me on {PHONE} if you need more.",
    f"my email is {EMAIL} but please do not share it",
    f"I live near {POSTCODE} now in a shared house.",
    f"My national insurance number is {NINO} and the job centre lost it.",
    # names with no cue, of the nationalities most often referred into the NRM (issue 12)
    f"{BARE[0]} {BARE[1]} came with me to the council and {BARE[2]} helped with the forms.",
    f"{BARE[3].lower()} took my phone and {BARE[4].lower()} said I owed him money",
    f"Ana {BARE[5]} from the council found me a room, thank you {BARE[6]} {BARE[7]}.",
]


def spellings() -> list[bytes]:
    """Each canary as written, without spaces, and in other cases, in UTF-8."""
    values = [" ".join(NAME), *NAME, *BARE, PHONE, EMAIL, POSTCODE, NINO, "+44 7700 900461"]
    out = set()
    for value in values:
        for v in (value, value.replace(" ", ""), value.lower(), value.upper()):
            out.add(v.encode())
    return sorted(out)


def hits(data: bytes) -> list[str]:
    folded = data.lower()
    return [s.decode() for s in spellings() if s.lower() in folded]


@pytest.fixture(scope="module")
def chatted(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("canary")
    database = var_dir() / "canary.db"  # inside the var dir, so the file search covers it
    url = f"sqlite:///{database}"
    logs = tmp / "logs"
    with running_bot(url, logs) as services:
        client = RestClient(services.ports.rasa, "canary-person")
        client.say("hello")
        client.tap("en")
        client.say("ok")
        client.say("yes")
        client.tap("yes")
        client.tap("none")
        client.say("Scotland")
        client.tap("all")
        for answer in ANSWERS:
            client.say(answer)
        transcript = client.all
        # this bot's own endpoints file (other modules' scale-out runs leave Redis ones in the var dir)
        endpoints = [path for path in [var_dir() / f"endpoints-{services.ports.rasa}.yml"] if path.exists()]
        yield url, logs, transcript, endpoints


def test_rasa_keeps_trackers_in_memory_only(chatted):
    _, _, _, endpoints = chatted
    assert endpoints, "running_bot writes the endpoints file Rasa reads"
    for path in endpoints:
        store = (yaml.safe_load(path.read_text()) or {}).get("tracker_store") or {}
        # Rasa's default InMemoryTrackerStore, or the project's expiring in-memory one. A store that
        # persists (Redis, SQL) needs a wrapper that redacts user texts and slots: extend this test then.
        assert store.get("type") in MEMORY_ONLY_TRACKER_STORES, store


def test_the_answers_were_saved_redacted(chatted):
    url, *_ = chatted
    store = Store(url)
    with store.session() as s:
        from bot.store.models import Answer

        texts = [a.text for a in s.execute(select(Answer)).scalars() if a.text]
    store.engine.dispose()
    assert all(hits(a.encode()) for a in ANSWERS)  # the search finds each planted value
    assert len(texts) == len(ANSWERS)
    assert {"[NAME]", "[PHONE]", "[EMAIL]", "[POSTCODE]", "[NINO]"} <= set(re.findall(r"\[[A-Z]+\]", " ".join(texts)))


def test_no_canary_in_any_file_under_the_var_dir(chatted):
    found = {}
    for path in var_dir().rglob("*"):
        if path.is_file():
            h = hits(path.read_bytes())
            if h:
                found[str(path)] = h
    assert found == {}


def test_no_canary_in_any_table(chatted):
    url, *_ = chatted
    store = Store(url)
    metadata = MetaData()
    metadata.reflect(store.engine)
    found = {}
    with store.engine.connect() as connection:
        for table in metadata.sorted_tables:
            for row in connection.execute(select(table)):
                h = hits(" ".join(str(v) for v in row).encode())
                if h:
                    found.setdefault(table.name, []).extend(h)
    store.engine.dispose()
    assert found == {}


def test_no_canary_in_the_logs(chatted):
    _, logs, _, _ = chatted
    files = list(logs.glob("*.log"))
    from bot.rasa import project as rasa_project

    # the actions log into rasa.log when they run inside Rasa (the default), else into actions.log
    expected = {"rasa.log", "web.log"} | (set() if rasa_project.actions_in_process() else {"actions.log"})
    assert {p.name for p in files} >= expected
    assert {p.name: hits(p.read_bytes()) for p in files if hits(p.read_bytes())} == {}


def test_no_canary_in_any_export(chatted):
    """Every export format (bot.export: CSV, XLSX, JSON, .qdpx, transcripts), written from the dataset
    this chat filled and unpacked (zip entries read one by one), holds none of the planted values."""
    url, *_ = chatted
    store = Store(url)
    try:
        exports = every_export(store)
    finally:
        store.engine.dispose()
    assert set(exports) == set(FORMATS)
    for fmt in ("csv", "xlsx", "json", "qdpx"):  # the answers are in them, so the search means something
        assert b"[PHONE]" in exports[fmt] and b"[EMAIL]" in exports[fmt], fmt
    assert {fmt: hits(data) for fmt, data in exports.items() if hits(data)} == {}
