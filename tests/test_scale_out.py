"""Two Rasa instances and two action servers share conversations through Redis (issue 7, scale-out).

One start of the whole shape per module: two Rasa servers (each with its own action server)
using the machine's Redis (own database number and a random key prefix, cleaned up after)
for the lock store and the tracker store, a throwaway PostgreSQL database for the dataset,
and the web page spreading messages over both Rasa servers.
"""

from __future__ import annotations

import asyncio
import itertools
import re
import secrets
import threading
import urllib.request

import pytest
import redis

from bot.conversation import i18n
from bot.conversation.catalogue import catalogue
from bot.rasa import project as rasa_project
from bot.rasa import server as rasa_server
from bot.store import Store
from bot.store.models import Respondent
from tests import servers
from tests.servers import RestClient, free_port

pytestmark = pytest.mark.servers
REDIS_DB = 12
CODE = re.compile(r"[A-Z2-9]{4}-[A-Z2-9]{4}")
t = lambda key, **kw: i18n.text("en", key, **kw)  # noqa: E731
# Planted personal details: they may reach the dataset only redacted, and Redis never.
PLANTED = ["Olusegun Adeyemi", "Marta Kowalczyk", "07700 900461", "+44 7700 900982", "amara.k@example.org",
           "jan.nowak@example.com"]


@pytest.fixture(scope="module")
def cluster(postgres_url, tmp_path_factory):
    rasa_project.train()
    prefix = "imsatest" + secrets.token_hex(4)
    redis_url = f"redis://127.0.0.1:6379/{REDIS_DB}"
    logs = tmp_path_factory.mktemp("scale-out") / "logs"
    store = Store(postgres_url)  # the schema, before two action servers start at once
    ports = rasa_project.Ports(rasa=free_port(), actions=free_port(), web=free_port(), workers=2,
                               more_rasa=(free_port(),), more_actions=(free_port(),))
    services = rasa_project.Services(ports)
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("REDIS_URL", redis_url)
        mp.setenv("IMSA_REDIS_KEY_PREFIX", prefix)
        mp.setenv("DATABASE_URL", postgres_url)
        try:
            services.start(log_dir=logs)
            services.wait_ready()
            yield services, store, redis.Redis.from_url(redis_url), prefix, logs
        finally:
            services.stop()
            red = redis.Redis.from_url(redis_url)
            for key in red.scan_iter(match=f"{prefix}:*"):
                red.delete(key)
            from bot.store.schema import drop_all

            drop_all(store.engine)  # leave the shared test database as the other modules expect it
            store.engine.dispose()


class Alternating(RestClient):
    """One person whose messages go to the Rasa instances in turn."""

    def __init__(self, ports: list[int], sender: str) -> None:
        super().__init__(ports[0], sender)
        self.urls = itertools.cycle([f"http://127.0.0.1:{p}/webhooks/rest/webhook" for p in ports])

    def say(self, message: str) -> list[dict]:
        self.url = next(self.urls)
        return super().say(message)


def rasa_ports(services) -> list[int]:
    return [rasa for _suffix, rasa, _actions in services.ports.instances()]


def opening(client: RestClient, themes: list[str]) -> None:
    servers.opening(client)
    for theme in themes:
        client.tap(theme)
    client.tap("done")


def answer_text(sender: str, question_id: str, n: int) -> str:
    secret = PLANTED[n % len(PLANTED)]
    topic = question_id.replace(".", " ")  # "civil.solutions" would look like a web address to the redactor
    return f"Answer {n} from {sender} about {topic}: call {secret} if the advocate is late again."


def new_respondent(store: Store, before: set[str]) -> Respondent:
    with store.session() as s:
        [rid] = {r.id for r in s.query(Respondent).all()} - before
    return store.respondent(rid)


def respondent_ids(store: Store) -> set[str]:
    with store.session() as s:
        return {r.id for r in s.query(Respondent).all()}


def test_one_conversation_alternating_between_two_instances(cluster):
    services, store, _, _, _ = cluster
    from bot.anonymise import redact

    questions = catalogue().questions_for(["health", "housing"])
    before = respondent_ids(store)
    person = Alternating(rasa_ports(services), "scale-one")
    opening(person, ["health", "housing"])
    assert person.texts()[-1] == t(questions[0].chat_key)
    sent = []
    for n, question in enumerate(questions):
        if n == 2:  # a typed "stop" is held (sealed in Redis) and saved as the answer on the other instance
            person.say("stop")
            assert person.texts()[-1] == t("stop.question")
            person.tap("save_as_answer")
            sent.append((question.id, "stop"))
        else:
            text = answer_text("scale-one", question.id, n)
            person.say(text)
            sent.append((question.id, text))
        assert person.texts()[0] == t("answer.saved"), (question.id, person.texts())
        if n + 1 < len(questions):
            assert person.texts()[-1] == t(questions[n + 1].chat_key)  # the flow goes on, on either instance
    assert person.texts()[1] == t("end.summary", answers=len(questions), topics=2)
    assert CODE.search(person.text())

    respondent = new_respondent(store, before)
    assert respondent.completed and respondent.nation == "england"
    saved = [(a.question_id, a.text) for a in store.answers(respondent.id) if a.question_id != "profile.uk_nation"]
    assert saved == [(qid, redact(text).text) for qid, text in sent]  # whole, in order, redacted at the door
    for _, text in saved:
        assert not any(secret in text for secret in PLANTED)


def test_two_conversations_interleaved_across_both_instances(cluster):
    services, store, _, _, _ = cluster
    ports = rasa_ports(services)
    themes = {"scale-a": ["criminal"], "scale-b": ["civil", "advocacy"]}
    people = {"scale-a": Alternating(ports, "scale-a"), "scale-b": Alternating(ports[::-1], "scale-b")}
    before = respondent_ids(store)
    for turn in itertools.zip_longest(*(_steps(sender, themes[sender]) for sender in people)):  # a, b, a, b, ...
        for (sender, client), step in zip(people.items(), turn):
            if step is not None:
                kind, value = step
                client.tap(value) if kind == "tap" else client.say(value)
    with store.session() as s:
        new = [r.id for r in s.query(Respondent).all() if r.id not in before]
    assert len(new) == 2
    saved = {rid: [(a.question_id, a.text) for a in store.answers(rid) if a.question_id != "profile.uk_nation"]
             for rid in new}
    by_sender = {re.search(r"from (scale-[ab]) about", answers[0][1]).group(1): answers for answers in saved.values()}
    for sender, client in people.items():
        questions = catalogue().questions_for(themes[sender])
        assert client.texts()[1] == t("end.summary", answers=len(questions), topics=len(themes[sender]))
        assert [qid for qid, _ in by_sender[sender]] == [q.id for q in questions]  # whole and in order
        assert all(f"Answer {n} from {sender} about {q.id.replace('.', ' ')}:" in text
                   for n, (q, (_, text)) in enumerate(zip(questions, by_sender[sender])))  # nothing mixed up


def _steps(sender: str, themes: list[str]) -> list[tuple[str, str]]:
    steps = [("say", "hello"), ("tap", "en"), ("say", "ok"), ("say", "yes"), ("tap", "yes"), ("tap", "none"),
             ("tap", "wales")]
    steps += [("tap", theme) for theme in themes] + [("tap", "done")]
    return steps + [("say", answer_text(sender, q.id, n)) for n, q in enumerate(catalogue().questions_for(themes))]


def test_two_messages_of_one_conversation_at_once_are_handled_one_after_the_other(cluster):
    """Rasa's Redis lock store: the second instance waits for the first, so neither answer is lost."""
    services, store, _, _, _ = cluster
    ports = rasa_ports(services)
    questions = catalogue().questions_for(["nrm"])
    before = respondent_ids(store)
    person = Alternating(ports, "scale-same-time")
    opening(person, ["nrm"])
    texts = ["First of two answers sent together.", "Second of two answers sent together."]
    replies: list[list[dict]] = [[], []]

    def send(i: int) -> None:
        replies[i] = RestClient(ports[i], "scale-same-time").say(texts[i])

    threads = [threading.Thread(target=send, args=(i,)) for i in (0, 1)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(120)
    respondent = new_respondent(store, before)
    saved = [(a.question_id, a.text) for a in store.answers(respondent.id) if a.question_id != "profile.uk_nation"]
    assert [qid for qid, _ in saved] == [questions[0].id, questions[1].id]  # two questions, not one twice
    assert sorted(text for _, text in saved) == sorted(texts)
    shown = sorted(m.get("text") for r in replies for m in r if m.get("text") in
                   (t(questions[1].chat_key), t(questions[2].chat_key)))
    assert shown == sorted([t(questions[1].chat_key), t(questions[2].chat_key)])


def test_redis_holds_no_typed_text(cluster):
    services, _, red, prefix, _ = cluster
    ports = rasa_ports(services)
    person = Alternating(ports, "scale-planted")
    opening(person, ["health", "housing"])
    for n, secret in enumerate(PLANTED[:3]):
        person.say(f"My name is {PLANTED[n]} and you can reach me on {PLANTED[n + 2]} or {PLANTED[4 + n % 2]}.")
    person.say('/choose{"choice":"Marta Kowalczyk"}')  # forged button payloads carry typed words too
    person.say("/Olusegun Adeyemi")
    body = ('{"sender": "scale-planted", "message": "pause", "metadata": {"note": "jan.nowak@example.com"}}')
    urllib.request.urlopen(urllib.request.Request(
        f"http://127.0.0.1:{ports[0]}/webhooks/rest/webhook", body.encode(), {"Content-Type": "application/json"}),
        timeout=60).read()

    keys = list(red.scan_iter(match=f"{prefix}:*"))
    assert f"{prefix}:tracker:scale-planted".encode() in keys
    # a conversation is a Redis list (a header, then its events, appended a turn at a time); locks are strings
    stored = b"".join(red.get(k) or b"" if red.type(k) == b"string" else b"".join(red.lrange(k, 0, -1))
                      for k in keys if red.type(k) in (b"string", b"list"))
    assert b'"step": "pause_confirm"' in stored  # the real, current conversation state is there
    for secret in PLANTED + ["Olusegun", "Kowalczyk", "900461", "example.org", "example.com"]:
        assert secret.encode() not in stored, secret
        assert secret.lower().encode() not in stored.lower(), secret


def test_the_page_spreads_messages_and_quick_exit_forgets_the_tracker(cluster):
    services, _, red, prefix, _ = cluster
    sender = secrets.token_hex(16)
    page = RestClient(services.ports.web, sender)
    page.say("hello")
    page.tap("en")
    page.say("ok")
    assert page.texts()[-1] == t("consent.question")  # three turns through the page, over both instances
    assert red.exists(f"{prefix}:tracker:{sender}")
    request = urllib.request.Request(f"http://127.0.0.1:{services.ports.web}/exit", sender.encode())
    with urllib.request.urlopen(request, timeout=60) as response:
        assert response.status == 204
    assert not red.exists(f"{prefix}:tracker:{sender}")


def test_the_page_skips_an_instance_that_is_down(cluster):
    """make_app with a dead Rasa address first: every message still gets its answer from the live one."""
    from aiohttp.test_utils import TestClient, TestServer

    from bot.web.app import make_app

    services = cluster[0]
    live = f"http://127.0.0.1:{services.ports.rasa}"
    dead = f"http://127.0.0.1:{free_port()}"

    async def go() -> list[int]:
        client = TestClient(TestServer(make_app([dead, live])))
        await client.start_server()
        try:
            statuses = []
            for message in ("hello", '/choose{"choice":"en"}', "ok"):
                response = await client.post("/webhooks/rest/webhook", json={"sender": "scale-failover",
                                                                               "message": message})
                statuses.append(response.status)
            return statuses
        finally:
            await client.close()

    assert asyncio.run(go()) == [200, 200, 200]


def test_more_than_one_worker_needs_redis(monkeypatch, capsys):
    from bot.cli import commands as cli

    monkeypatch.delenv("REDIS_URL", raising=False)
    assert cli.main(["run", "--workers", "2"]) == 2
    assert "REDIS_URL" in capsys.readouterr().err


def test_a_port_in_use_is_named_before_anything_starts(monkeypatch, capsys):
    import functools
    import socket

    from bot.cli import commands as cli

    monkeypatch.delenv("REDIS_URL", raising=False)
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        busy = taken.getsockname()[1]
        monkeypatch.setattr(rasa_project, "Ports", functools.partial(
            rasa_project.Ports, rasa=free_port(), actions=free_port(), web=busy))
        assert cli.main(["run"]) == 2
    assert f"port {busy} is already in use" in capsys.readouterr().err


def test_endpoints_name_the_redis_stores_and_never_the_password(monkeypatch, tmp_path):
    monkeypatch.setenv("IMSA_VAR_DIR", str(tmp_path))
    monkeypatch.setenv("REDIS_URL", "redis://:s3cret-pass@redis.internal:6380/3")
    ports = rasa_project.Ports(rasa=7005, actions=7055, web=7000, workers=2)
    text = rasa_project.endpoints_file(ports, 7006, 7056).read_text()
    assert "tracker_store:\n  type: bot.rasa.tracker_store.RedisNoTextTrackerStore" in text
    assert "lock_store:\n  type: bot.rasa.lock_store.AtomicRedisLockStore" in text
    assert "http://127.0.0.1:7056/webhook" in text  # the second Rasa calls its own action server
    assert "s3cret" not in text and "redis.internal" not in text  # the stores read REDIS_URL themselves
    assert list(rasa_project.commands(ports)) == ["rasa", "rasa-2", "web"]  # each Rasa runs the actions itself
    monkeypatch.setenv("IMSA_ACTIONS", "server")  # or calls its own action server
    assert list(rasa_project.commands(ports)) == ["actions", "rasa", "actions-2", "rasa-2", "web"]
    monkeypatch.delenv("IMSA_ACTIONS")
    assert rasa_project.commands(ports)["web"][-4:] == ["--rasa-url", "http://127.0.0.1:7005",
                                                        "--rasa-url", "http://127.0.0.1:7006"]
    monkeypatch.delenv("REDIS_URL")
    text = rasa_project.endpoints_file(ports).read_text()
    assert "ExpiringMemoryTrackerStore" in text and "lock_store" not in text  # one process: memory, as before


def test_the_deploy_files_name_the_same_stores(monkeypatch):
    """deploy/ is on paper (no Docker or Kubernetes here), but Rasa reads its endpoints file as written."""
    import yaml
    from rasa.shared.utils.common import class_from_module_path
    from rasa.utils.endpoints import read_endpoint_config

    from bot.paths import ROOT

    deploy = ROOT / "deploy"
    monkeypatch.setenv("ACTION_SERVER_URL", "http://actions-1:5055/webhook")
    endpoints = str(deploy / "endpoints.yml")
    assert read_endpoint_config(endpoints, "action_endpoint").url == "http://actions-1:5055/webhook"
    assert not rasa_server.actions_in_process()  # Rasa started by deploy/ calls its action servers over HTTP
    tracker = read_endpoint_config(endpoints, "tracker_store").type
    lock = read_endpoint_config(endpoints, "lock_store").type
    assert [tracker, lock] == ["bot.rasa.tracker_store.RedisNoTextTrackerStore",
                               "bot.rasa.lock_store.AtomicRedisLockStore"]
    assert class_from_module_path(tracker) and class_from_module_path(lock)
    helm = yaml.safe_load((deploy / "helm" / "rasa-values.yaml").read_text())["applicationSettings"]["endpoints"]
    assert [helm["trackerStore"]["type"], helm["lockStore"]["type"]] == [tracker, lock]
    services = yaml.safe_load((deploy / "docker-compose.yml").read_text())["services"]
    for n in (1, 2):
        assert services[f"rasa-{n}"]["environment"]["ACTION_SERVER_URL"] == f"http://actions-{n}:5055/webhook"
    assert services["web"]["command"].count("--rasa-url") == 2
