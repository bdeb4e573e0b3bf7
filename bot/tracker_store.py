"""Rasa's conversation trackers, kept in this process's memory only, and forgotten.

Nothing a survivor typed is ever written to disk by Rasa: trackers live in
memory and are dropped after ``IMSA_TRACKER_TTL_MINUTES`` (default 120) without
a message. The saved answers live in the dataset (redacted); a paused session
resumes from the dataset by its code, not from the tracker.

Unlike Rasa's InMemoryTrackerStore, trackers are kept as objects rather than
as JSON text, so a turn does not re-read the whole conversation: under load
that decoding was about 30% of the Rasa server's CPU (py-spy).
"""

from __future__ import annotations

import os
import time
from typing import Any, Iterable, Optional

from rasa.core.brokers.broker import EventBroker
from rasa.core.tracker_store import TrackerStore
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import Restarted, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker, get_trackers_for_conversation_sessions

SWEEP_EVERY_SECONDS = 60.0


def _just_restarted(tracker: DialogueStateTracker) -> bool:
    """True when the latest message restarted the conversation (Rasa's /restart)."""
    for event in reversed(tracker.events):
        if isinstance(event, Restarted):
            return True
        if isinstance(event, UserUttered):
            return False
    return False


class ExpiringMemoryTrackerStore(TrackerStore):
    def __init__(
        self,
        domain: Domain,
        event_broker: Optional[EventBroker] = None,
        ttl_minutes: float | None = None,
        **kwargs: Any,
    ) -> None:
        kwargs.pop("host", None)
        super().__init__(domain, event_broker, **kwargs)
        minutes = ttl_minutes if ttl_minutes is not None else float(os.environ.get("IMSA_TRACKER_TTL_MINUTES", "120"))
        self.ttl = minutes * 60.0
        self.trackers: dict[str, DialogueStateTracker] = {}
        self.last_used: dict[str, float] = {}
        self._next_sweep = time.monotonic() + SWEEP_EVERY_SECONDS

    def _sweep(self, now: float) -> None:
        if now < self._next_sweep:
            return
        self._next_sweep = now + SWEEP_EVERY_SECONDS
        for sender_id in [s for s, used in self.last_used.items() if now - used > self.ttl]:
            self.forget(sender_id)

    def forget(self, sender_id: str) -> None:
        self.trackers.pop(sender_id, None)
        self.last_used.pop(sender_id, None)

    async def save(self, tracker: DialogueStateTracker) -> None:
        await self.stream_events(tracker)
        if _just_restarted(tracker):  # quick exit sends /restart: forget the whole conversation, not only reset it
            self.forget(tracker.sender_id)
            return
        now = time.monotonic()
        self.trackers[tracker.sender_id] = tracker
        self.last_used[tracker.sender_id] = now
        self._sweep(now)

    def _get(self, sender_id: str) -> DialogueStateTracker | None:
        now = time.monotonic()
        used = self.last_used.get(sender_id)
        if used is None or now - used > self.ttl:
            self.forget(sender_id)
            return None
        return self.trackers[sender_id]

    async def retrieve(self, sender_id: str) -> Optional[DialogueStateTracker]:
        tracker = self._get(sender_id)
        if tracker is None:
            return None
        sessions = get_trackers_for_conversation_sessions(tracker)
        return tracker if len(sessions) <= 1 else sessions[-1]

    async def retrieve_full_tracker(self, sender_id: str) -> Optional[DialogueStateTracker]:
        return self._get(sender_id)

    async def keys(self) -> Iterable[str]:
        return list(self.trackers)
