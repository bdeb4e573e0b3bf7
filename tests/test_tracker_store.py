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
