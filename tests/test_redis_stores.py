"""The Redis stores for several Rasa instances (real Redis at 127.0.0.1:6379, own DB number and key prefix).

The tracker store keeps no text a survivor typed; the lock store hands out each ticket once.
"""

from __future__ import annotations

import asyncio
import json
import secrets

import pytest
import redis
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import (
    ActionExecuted,
    ActiveLoop,
    BotUttered,
    EntitiesAdded,
    Restarted,
    SessionStarted,
    SlotSet,
    UserUttered,
)

from bot import paths
from bot.rasa.tracker_store import RedisNoTextTrackerStore, restore_flow, sanitise_event, sanitise_flow

REDIS_DB = 11  # the machine's Redis is shared: our own database number and a random key prefix
SECRETS = ["Olusegun Adeyemi", "07700 900461", "amara.k@example.org", "SW1A 2AA", "K7PM-4QXR"]


@pytest.fixture(scope="module")
def domain() -> Domain:
    return Domain.load(str(paths.ROOT / "domain"))


@pytest.fixture
def store(domain):
    prefix = "imsatest" + secrets.token_hex(4)
    url = f"redis://127.0.0.1:6379/{REDIS_DB}"
    s = RedisNoTextTrackerStore(domain, redis_url=url, key_prefix=prefix, ttl_minutes=5)
    yield s
    for key in s.red.scan_iter(match=f"{prefix}:*"):
        s.red.delete(key)


def _typed(text: str, intent: str = "answer", **extra) -> UserUttered:
    parse = {"intent": {"name": intent, "confidence": 0.97}, "entities": extra.get("entities", []), "text": text,
             "intent_ranking": [{"name": intent, "confidence": 0.97}, {"name": "stop", "confidence": 0.02}]}
    return UserUttered(text, parse["intent"], extra.get("entities", []), parse_data=parse,
                       metadata=extra.get("metadata"), message_id=secrets.token_hex(16))


def _conversation(tracker) -> None:
    """Every place a survivor's words can sit in a Rasa tracker, each holding a secret."""
    name, phone, email, postcode, code = SECRETS
    tracker.update(ActionExecuted("action_session_start"))
    tracker.update(SessionStarted())
    tracker.update(SlotSet("session_started_metadata", {"from": email}))
    tracker.update(ActionExecuted("action_listen"))
    tracker.update(_typed(f"My name is {name} and my phone is {phone}", metadata={"note": email}))
    tracker.update(ActiveLoop("consultation_form"))
    tracker.update(SlotSet("answer", f"My name is {name} and my phone is {phone}"))
    tracker.update(SlotSet("flow", {"step": "pause_confirm", "lang": "en", "history": ["welcome", "q:health.barriers"],
                                    "respondent": "5f0c1d2e3a4b5c6d7e8f9a0b1c2d3e4f", "themes": ["health"],
                                    "picking": [], "return_to": "q:health.barriers", "mode": None, "preset": None,
                                    "pending_text": f"pause {name}", "suggested": ["en"],
                                    "future_field": f"lives at {postcode}"}))
    tracker.update(BotUttered(f"Your code is {code}", {"buttons": [{"title": "Carry on", "payload": "/skip"}]}))
    tracker.update(ActionExecuted("action_listen"))
    forged = '/choose{"choice":"%s"}' % name
    tracker.update(_typed(forged, "choose", entities=[{"entity": "choice", "value": name, "start": 0, "end": 5}]))
    tracker.update(EntitiesAdded([{"entity": "choice", "value": email}]))
    tracker.update(ActionExecuted("action_listen"))
    tracker.update(_typed(f"/{name}", name))  # a forged intent name is the person's words too


def test_no_typed_text_reaches_redis_and_the_flow_survives(store):
    async def go():
        tracker = await store.get_or_create_tracker("person-1")
        _conversation(tracker)
        await store.save(tracker)
        return await store.retrieve("person-1")

    again = asyncio.run(go())
    raw = b"".join(b"".join(store.red.lrange(k, 0, -1)) for k in store.red.scan_iter(match=store.key_prefix + "*"))
    assert raw  # the tracker is really there
    for secret in SECRETS + [s.lower() for s in SECRETS] + ["Olusegun", "900461"]:
        assert secret.encode() not in raw, secret
    flow = again.get_slot("flow")
    assert flow["step"] == "pause_confirm" and flow["history"] == ["welcome", "q:health.barriers"]
    assert flow["pending_text"] == f"pause {SECRETS[0]}"  # sealed in Redis, so "save what I wrote" still works
    assert flow["future_field"] is None  # free text in a field nobody declared is dropped
    assert again.get_slot("answer") is None
    users = [e for e in again.events if isinstance(e, UserUttered)]
    assert [u.text for u in users] == ["answer", "choose", ""]
    assert [u.intent_name for u in users] == ["answer", "choose", None]
    assert all(u.entities == [] for u in users)
    assert again.active_loop_name == "consultation_form"


def test_pending_words_are_sealed_and_only_our_key_opens_them(monkeypatch):
    from bot.conversation import resume_codes as codes
    from bot.rasa import tracker_store

    state = {"step": "stop_confirm", "lang": "en", "pending_text": "stop", "history": []}
    stored = sanitise_flow(state)
    assert stored["pending_text"].startswith("sealed:") and "stop" not in stored["pending_text"][7:]
    assert restore_flow(stored) == state
    monkeypatch.setenv("IMSA_SECRET_KEY", "another-key")
    codes.secret_key.cache_clear()
    tracker_store._fernet.cache_clear()
    try:
        assert restore_flow(stored)["pending_text"] is None  # another key: the words are gone, the flow is not
    finally:
        monkeypatch.undo()
        codes.secret_key.cache_clear()
        tracker_store._fernet.cache_clear()


def test_keys_expire_and_quick_exit_deletes_the_tracker(store):
    async def go():
        tracker = await store.get_or_create_tracker("person-2")
        tracker.update(_typed("hello", "greet"))
        await store.save(tracker)
        ttl = store.red.ttl(store.key_prefix + "person-2")
        keys = set(await store.keys())
        tracker.update(Restarted())
        await store.save(tracker)
        return ttl, keys, await store.retrieve("person-2")

    ttl, keys, gone = asyncio.run(go())
    assert 0 < ttl <= 5 * 60
    assert keys == {"person-2"}
    assert gone is None


def test_an_unknown_event_kind_loses_its_text_fields():
    out = sanitise_event({"event": "something_new", "text": "Olusegun", "value": "x", "name": "kept"})
    assert out == {"event": "something_new", "text": None, "value": None, "name": "kept"}


def test_a_store_without_redis_url_says_so(domain, monkeypatch):
    monkeypatch.delenv("REDIS_URL", raising=False)
    with pytest.raises(ValueError, match="REDIS_URL"):
        RedisNoTextTrackerStore(domain)


def test_redis_down_fails_fast_instead_of_hanging(domain, monkeypatch):
    from tests.servers import free_port

    monkeypatch.setenv("IMSA_REDIS_TIMEOUT_SECONDS", "1")
    s = RedisNoTextTrackerStore(domain, redis_url=f"redis://127.0.0.1:{free_port()}/0", key_prefix="imsatestdown")
    with pytest.raises(redis.ConnectionError):
        asyncio.run(s.retrieve("anyone"))


def test_stored_events_are_rasas_and_a_turn_appends_only_its_own(store):
    async def go():
        tracker = await store.get_or_create_tracker("person-3")
        tracker.update(_typed("hello", "greet"))
        await store.save(tracker)
        before = store.red.lrange(store.key_prefix + "person-3", 0, -1)
        tracker = await store.retrieve("person-3")  # the next turn
        tracker.update(ActionExecuted("action_listen"))
        tracker.update(_typed("my answer", "answer"))
        await store.save(tracker)
        return before, store.red.lrange(store.key_prefix + "person-3", 0, -1)

    before, after = asyncio.run(go())
    header = json.loads(before[0])
    assert header["name"] == "person-3" and header["generation"]
    events = [json.loads(line) for line in after[1:]]
    assert any(e["event"] == "user" for e in events)
    assert after[:len(before)] == before  # what was stored stays as it was: the turn appended two events
    assert [e["event"] for e in events[len(before) - 1:]] == ["action", "user"]
    assert b"my answer" not in b"".join(after)


def test_two_instances_taking_turns_each_see_the_others_events(store, domain):
    def instance() -> RedisNoTextTrackerStore:  # another Rasa server on the same Redis
        return RedisNoTextTrackerStore(domain, redis_url=f"redis://127.0.0.1:6379/{REDIS_DB}",
                                       key_prefix=store.key_prefix.split(":")[0], ttl_minutes=5)

    other = instance()
    flow_states = [{"step": f"q{n}", "lang": "en", "history": [], "pending_text": "stop" if n == 3 else None}
                   for n in range(6)]

    async def go():
        names = []
        for n, state in enumerate(flow_states):
            server = (store, other)[n % 2]
            tracker = await server.get_or_create_tracker("person-5")
            names.append(tracker.get_slot("flow"))
            tracker.update(ActionExecuted("action_listen"))
            tracker.update(_typed(f"answer {n} {SECRETS[0]}", "answer"))
            tracker.update(SlotSet("flow", state))
            await server.save(tracker)
        names.append((await store.retrieve("person-5")).get_slot("flow"))
        names.append((await other.retrieve("person-5")).get_slot("flow"))
        whole = await instance().retrieve("person-5")  # read whole by a third instance: the same conversation
        mine = await store.retrieve("person-5")
        return names, [e.as_dict() for e in whole.events], [e.as_dict() for e in mine.events]

    names, whole, mine = asyncio.run(go())
    assert names[0] is None and names[1:6] == flow_states[:5]  # each turn finds the other instance's last one
    assert names[6] == names[7] == flow_states[5]
    assert whole == mine  # what an instance kept and carried on is what the list holds
    assert sum(e["event"] == "user" for e in whole) == 6


@pytest.fixture
def lock_stores():
    from bot.rasa.lock_store import AtomicRedisLockStore

    prefix = "imsatest" + secrets.token_hex(4)
    url = f"redis://127.0.0.1:6379/{REDIS_DB}"
    stores = [AtomicRedisLockStore(redis_url=url, key_prefix=prefix) for _ in range(2)]  # two Rasa instances
    yield stores
    for key in stores[0].red.scan_iter(match=f"{prefix}:*"):
        stores[0].red.delete(key)


def test_tickets_issued_at_once_by_two_instances_are_all_different(lock_stores):
    import threading

    tickets: list[int] = []
    start = threading.Barrier(16)

    def take(store) -> None:
        start.wait()
        for _ in range(5):
            tickets.append(store.issue_ticket("same-person"))

    threads = [threading.Thread(target=take, args=(lock_stores[i % 2],)) for i in range(16)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert sorted(tickets) == list(range(80))  # Rasa's own RedisLockStore hands out duplicates here
    assert lock_stores[0].get_lock("same-person").now_serving == 0


def test_the_lock_goes_only_when_its_last_ticket_is_done(lock_stores):
    first, second = lock_stores

    async def go():
        async with first.lock("person-4"):
            ticket = second.issue_ticket("person-4")  # the other instance's message waits its turn
            assert second.get_lock("person-4").is_locked(ticket)
        assert not second.get_lock("person-4").is_locked(ticket)  # now it is served
        second.cleanup("person-4", ticket)
        return second.get_lock("person-4")

    assert asyncio.run(go()) is None


@pytest.mark.parametrize("kind", ["memory", "redis"])
def test_retrieve_returns_the_latest_session_as_rasa_splits_it(kind, store, domain):
    from rasa.shared.core.trackers import get_trackers_for_conversation_sessions

    from bot.rasa.tracker_store import ExpiringMemoryTrackerStore

    s = store if kind == "redis" else ExpiringMemoryTrackerStore(domain, ttl_minutes=5)

    async def go(events):
        tracker = await s.get_or_create_tracker(f"sessions-{len(events)}")  # starts with action_listen
        for event in events:
            tracker.update(event)
        await s.save(tracker)
        expected = get_trackers_for_conversation_sessions(await s.retrieve_full_tracker(tracker.sender_id))[-1]
        return [e.as_dict() for e in (await s.retrieve(tracker.sender_id)).events], \
            [e.as_dict() for e in expected.events]

    one = [ActionExecuted("action_session_start"), SessionStarted(), _typed("hello", "greet")]
    two = one + [ActionExecuted("action_session_start"), SessionStarted(), _typed("hi again", "greet")]
    for events in (one, two):
        got, expected = asyncio.run(go(events))
        assert got == expected


def test_a_read_tracker_goes_on_from_the_states_kept_and_they_are_rasas(store, domain, monkeypatch):
    """With bot/rasa/server.py's carried-on states (as Rasa runs here), the tracker Rasa is given each turn
    already holds the kept tracker's states, up to date: a turn adds its own events' states only, and the
    states are Rasa's own replay of the same events."""
    from rasa.shared.core.trackers import DialogueStateTracker

    from bot.rasa import server as rasa_server

    rasa_past_states = rasa_server._RASA_PAST_STATES[0] if rasa_server._RASA_PAST_STATES else \
        DialogueStateTracker.past_states
    monkeypatch.setattr(DialogueStateTracker, "past_states", rasa_server._past_states)
    monkeypatch.setattr(DialogueStateTracker, "copy", rasa_server._copy_tracker)
    monkeypatch.setattr(rasa_server, "_RASA_PAST_STATES", [rasa_past_states])
    tracker = store.init_tracker("states-" + secrets.token_hex(4))
    _conversation(tracker)
    asyncio.run(store.save(tracker))
    for turn in range(5):  # a turn: read, add its events, save
        tracker = asyncio.run(store.retrieve(tracker.sender_id))
        covered = tracker.__dict__["_imsa_states"][2]
        assert covered == len(tracker.applied_events())  # nothing left to replay
        for event in (_typed(f"answer {turn}"), ActionExecuted("action_turn"),
                      SlotSet("flow", {"step": f"q:{turn}", "lang": "en"}), ActionExecuted("action_listen")):
            tracker.update(event)
        assert tracker.past_states(domain) == rasa_past_states(tracker, domain)
        asyncio.run(store.save(tracker))


def test_the_latest_session_is_carried_on_by_the_kept_tracker(store, domain, monkeypatch):
    """Each instance's kept tracker carries on where the last action_session_start is: a read looks only at
    the events stored since (this instance's own or another's), and finds the latest session as Rasa splits
    it, also when another instance started a second one."""
    from rasa.shared.core.trackers import DialogueStateTracker, get_trackers_for_conversation_sessions

    from bot.rasa import server as rasa_server
    from bot.rasa import tracker_store as module

    monkeypatch.setattr(DialogueStateTracker, "copy", rasa_server._copy_tracker)  # as Rasa runs here
    looked = []
    walk = module._is_session_start
    monkeypatch.setattr(module, "_is_session_start", lambda event: looked.append(event) or walk(event))
    other = RedisNoTextTrackerStore(domain, redis_url=f"redis://127.0.0.1:6379/{REDIS_DB}",
                                    key_prefix=store.key_prefix.split(":")[0], ttl_minutes=5)
    sender = "carried-" + secrets.token_hex(4)

    async def turn(s, events):
        tracker = await s.retrieve(sender)
        for event in events:
            tracker.update(event)
        await s.save(tracker)

    async def go():
        tracker = await store.get_or_create_tracker(sender, append_action_listen=False)
        for event in (ActionExecuted("action_session_start"), SessionStarted(), ActionExecuted("action_listen")):
            tracker.update(event)
        await store.save(tracker)
        await store.retrieve(sender)
        for n in range(12):
            looked.clear()
            await turn(store if n % 2 else other, [_typed(f"answer {n}"), ActionExecuted("action_turn"),
                                                     ActionExecuted("action_listen")])
            # the events stored since this instance last read (its own last turn and the other's), never all
            assert len(looked) <= 6
        await turn(other, [ActionExecuted("action_session_start"), SessionStarted(), ActionExecuted("action_listen")])
        looked.clear()
        latest = await store.retrieve(sender)
        assert len(looked) <= 6
        full = await store.retrieve_full_tracker(sender)
        return [e.as_dict() for e in latest.events], \
            [e.as_dict() for e in get_trackers_for_conversation_sessions(full)[-1].events]

    got, expected = asyncio.run(go())
    assert got == expected and len(got) == 3
    assert len(asyncio.run(store.retrieve_full_tracker(sender)).events) == 42
