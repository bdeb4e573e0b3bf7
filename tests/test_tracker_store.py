"""Rasa's trackers stay in memory and are forgotten after the TTL."""

from __future__ import annotations

import asyncio

from rasa.shared.core.domain import Domain
from rasa.shared.core.events import UserUttered

from bot.rasa import tracker_store as module
from bot.rasa.tracker_store import ExpiringMemoryTrackerStore


def _store(ttl_minutes: float) -> ExpiringMemoryTrackerStore:
    return ExpiringMemoryTrackerStore(Domain.empty(), ttl_minutes=ttl_minutes)


def test_saved_tracker_is_returned_with_its_events():
    store = _store(10)

    async def go():
        tracker = await store.get_or_create_tracker("someone")
        tracker.update(UserUttered("hello"))
        await store.save(tracker)
        again = await store.retrieve("someone")
        return [e.text for e in again.events if isinstance(e, UserUttered)]

    assert asyncio.run(go()) == ["hello"]


def test_a_tracker_is_forgotten_after_the_ttl(monkeypatch):
    store = _store(1)
    clock = [1000.0]
    monkeypatch.setattr(module.time, "monotonic", lambda: clock[0])

    async def go():
        tracker = await store.get_or_create_tracker("someone")
        tracker.update(UserUttered("my words"))
        await store.save(tracker)
        clock[0] += 59
        kept = await store.retrieve("someone")
        clock[0] += 2 + 60
        gone = await store.retrieve("someone")
        return kept, gone

    kept, gone = asyncio.run(go())
    assert kept is not None and gone is None
    assert "someone" not in store.trackers


def test_sweep_drops_idle_conversations_of_other_people(monkeypatch):
    store = _store(1)
    clock = [0.0]
    monkeypatch.setattr(module.time, "monotonic", lambda: clock[0])
    store._next_sweep = 0.0

    async def go():
        for sender in ("a", "b"):
            t = await store.get_or_create_tracker(sender)
            await store.save(t)
        clock[0] += 120
        t = await store.get_or_create_tracker("c")
        await store.save(t)

    asyncio.run(go())
    assert set(store.trackers) == {"c"}


# ---------------------------------------------------------------- the latest session, carried on from turn to turn
def _walked(tracker):
    """The latest session as Rasa's stores find it, and as _latest_session found it before: every event looked at."""
    from rasa.shared.core.constants import ACTION_SESSION_START_NAME
    from rasa.shared.core.events import ActionExecuted
    from rasa.shared.core.trackers import get_trackers_for_conversation_sessions

    starts = [i for i, event in enumerate(tracker.events)
              if isinstance(event, ActionExecuted) and event.action_name == ACTION_SESSION_START_NAME]
    if not starts or starts == [0]:
        return tracker
    sessions = get_trackers_for_conversation_sessions(tracker)
    return tracker if len(sessions) <= 1 else sessions[-1]


def _session_event(kind: str, n: int):
    from rasa.shared.core.events import (
        ActionExecuted,
        ActionReverted,
        ActiveLoop,
        BotUttered,
        Restarted,
        SessionStarted,
        SlotSet,
        UserUtteranceReverted,
    )

    return {
        "session_start": lambda: ActionExecuted("action_session_start"),
        "session_started": lambda: SessionStarted(),
        "listen": lambda: ActionExecuted("action_listen"),
        "user": lambda: UserUttered(f"words {n}", {"name": "answer", "confidence": 0.9}),
        "turn": lambda: ActionExecuted("action_turn"),
        "slot": lambda: SlotSet("flow", {"step": f"q{n}", "lang": "en"}),
        "bot": lambda: BotUttered(f"question {n}"),
        "restart": lambda: Restarted(),  # /restart
        "rewind": lambda: UserUtteranceReverted(),  # Rasa's rewind
        "undo": lambda: ActionReverted(),  # Rasa's undo
        "loop": lambda: ActiveLoop("consultation_form"),
    }[kind]()


SESSION_KINDS = ["session_start", "session_started", "listen", "user", "turn", "slot", "bot", "restart", "rewind",
                 "undo", "loop"]


def _same_session(got, expected, tracker) -> None:
    from rasa.shared.core.trackers import EventVerbosity

    assert (got is tracker) == (expected is tracker)
    assert [e.as_dict() for e in got.events] == [e.as_dict() for e in expected.events]
    assert got.current_state(EventVerbosity.ALL) == expected.current_state(EventVerbosity.ALL)


def test_latest_session_carried_on_is_the_full_walks_after_every_event():
    """_latest_session goes on from the previous call and gives what walking every event gives, after every
    event of generated conversations (session starts anywhere, restarts, rewinds, undos), in a copy that goes
    its own way, and in a tracker whose oldest events are dropped (max_event_history)."""
    from hypothesis import given, settings
    from hypothesis import strategies as st
    from rasa.shared.core.trackers import DialogueStateTracker

    from bot import paths
    from bot.rasa import server as rasa_server

    domain = Domain.load(str(paths.ROOT / "domain"))

    @settings(max_examples=150, deadline=None)
    @given(st.lists(st.sampled_from(SESSION_KINDS), max_size=80), st.integers(0, 80),
           st.sampled_from([None, 7]), st.booleans())
    def check(kinds, fork_at, max_history, starts_with_session):
        first = ["session_start", "session_started", "listen"] if starts_with_session else ["listen"]
        tracker = DialogueStateTracker("someone", domain.slots, max_event_history=max_history)
        fork = None
        for n, kind in enumerate(first + kinds):
            tracker.update(_session_event(kind, n))
            _same_session(module._latest_session(tracker), _walked(tracker), tracker)
            if fork is not None:  # a copy keeps what was carried on and goes on differently
                fork.update(_session_event("session_start" if kind != "session_start" else "user", n))
                _same_session(module._latest_session(fork), _walked(fork), fork)
            if n == fork_at:
                fork = rasa_server._copy_tracker(tracker)

    check()


def test_a_turn_looks_only_at_its_own_events(monkeypatch):
    """Carried on: over a conversation of 200 events, each read looks at the events added since the last one
    (the whole walk looked at every event, on every read)."""
    from rasa.shared.core.trackers import DialogueStateTracker

    looked = []
    walk = module._is_session_start
    monkeypatch.setattr(module, "_is_session_start", lambda event: looked.append(event) or walk(event))
    tracker = DialogueStateTracker("someone", [])
    for n, kind in enumerate(["session_start", "session_started"] + ["listen", "user", "turn", "slot", "bot"] * 40):
        tracker.update(_session_event(kind, n))
        assert module._latest_session(tracker) is tracker
    assert len(looked) == len(tracker.events) == 202
    looked.clear()
    tracker.update(_session_event("listen", 0))
    tracker.update(_session_event("user", 0))
    assert module._latest_session(tracker) is tracker and len(looked) == 2


def test_the_memory_store_goes_on_from_the_previous_turn(monkeypatch):
    """Through the store, as Rasa reads and saves each turn: the latest session is Rasa's, and a read looks
    only at the events the turn added; a second session started later is found."""
    from rasa.shared.core.trackers import get_trackers_for_conversation_sessions

    store = _store(10)
    looked = []
    walk = module._is_session_start
    monkeypatch.setattr(module, "_is_session_start", lambda event: looked.append(event) or walk(event))

    async def go():
        tracker = await store.get_or_create_tracker("someone", append_action_listen=False)
        for n, kind in enumerate(["session_start", "session_started", "listen"]):
            tracker.update(_session_event(kind, n))
        await store.save(tracker)
        for turn in range(30):
            tracker = await store.retrieve("someone")
            looked.clear()
            tracker = await store.retrieve("someone")
            assert looked == []  # nothing new since the last read
            for n, kind in enumerate(["user", "turn", "slot", "bot", "listen"]):
                tracker.update(_session_event(kind, n))
            await store.save(tracker)
            looked.clear()
            assert await store.retrieve("someone") is tracker and len(looked) == 5
        for n, kind in enumerate(["session_start", "session_started", "listen", "user"]):
            tracker.update(_session_event(kind, n))
        await store.save(tracker)
        latest = await store.retrieve("someone")
        expected = get_trackers_for_conversation_sessions(tracker)[-1]
        return [e.as_dict() for e in latest.events], [e.as_dict() for e in expected.events]

    got, expected = asyncio.run(go())
    assert got == expected and len(got) == 4


def test_a_tracker_whose_oldest_events_were_dropped_is_walked_again():
    """With max_event_history, events leave at the front: the last event covered can be back in its place
    (the same event object added again) though every index moved; what was carried on is not used then."""
    from rasa.shared.core.events import ActionExecuted
    from rasa.shared.core.trackers import DialogueStateTracker

    again = ActionExecuted("action_turn")
    tracker = DialogueStateTracker("someone", [], max_event_history=3)
    for event in (ActionExecuted("action_listen"), ActionExecuted("action_session_start"), again):
        tracker.update(event)
    assert [e.as_dict() for e in module._latest_session(tracker).events] == \
        [e.as_dict() for e in _walked(tracker).events]  # the second session: from action_session_start on
    tracker.update(ActionExecuted("action_listen"))
    tracker.update(again)  # now [again, action_listen, again]: no session start any more
    assert module._latest_session(tracker) is tracker is _walked(tracker)
