"""Rasa's conversation trackers: in this process's memory, or in Redis without typed text; always forgotten.

Nothing a survivor typed is ever written to disk by Rasa: trackers live in
memory and are dropped after ``IMSA_TRACKER_TTL_MINUTES`` (default 120) without
a message. The saved answers live in the dataset (redacted); a paused session
resumes from the dataset by its code, not from the tracker.

Unlike Rasa's InMemoryTrackerStore, trackers are kept as objects rather than
as JSON text, so a turn does not re-read the whole conversation: under load
that decoding was about 30% of the Rasa server's CPU (py-spy).

Several Rasa instances (``imsa-voices run --workers N``, deploy/) cannot share
one process's memory, so when ``REDIS_URL`` is set they use
``RedisNoTextTrackerStore`` instead, which keeps NO text a survivor typed:
before a tracker is written, every event passes ``sanitise_event`` (what the
person typed becomes the intent name; parse data, entities, metadata and the
bot's own messages are dropped; the ``answer`` slot is cleared; in the
``flow`` slot the one field that can hold typed words, ``pending_text``, is
encrypted, and every other string that is not a plain identifier is dropped).

``pending_text`` holds up to four words typed at a question that read as
"stop" or "pause", until the person confirms; "No, save what I wrote as my
answer" needs them on the next turn, which may reach another instance. They
are stored only as a Fernet token (AES with an HMAC, the ``cryptography``
package) under a key derived from ``IMSA_SECRET_KEY``, which every instance
shares and Redis never holds; should they become an answer, they are redacted
at the dataset's door like every answer. Keys expire after ``IMSA_TRACKER_TTL_MINUTES``; a
``/restart`` (quick exit) deletes the key at once.

Environment (read when the store is created; see bot/settings.py):

- ``REDIS_URL``: ``redis://[:password@]host:port/db`` (``rediss://`` for TLS).
  Unset: ``imsa-voices run`` uses the memory store and Rasa's memory lock store.
- ``IMSA_REDIS_KEY_PREFIX``: letters and digits, default ``imsa``; keys are
  ``<prefix>:tracker:<sender id>`` (Rasa's lock store uses ``<prefix>:lock:``).
- ``IMSA_REDIS_TIMEOUT_SECONDS``: default 5; how long one Redis call may take.
  When Redis is down a call fails within this time with ``redis.ConnectionError``
  or ``redis.TimeoutError`` (Rasa then answers the message with HTTP 500): it never hangs.
- ``IMSA_TRACKER_TTL_MINUTES``: default 120, as for the memory store.
"""

from __future__ import annotations

import base64
import functools
import hashlib
import hmac
import json
import logging
import re
import secrets
import time
from collections import OrderedDict
from itertools import islice
from typing import Any, Iterable, Optional

from rasa.core.brokers.broker import EventBroker
from rasa.core.tracker_store import TrackerStore
from rasa.shared.core.constants import ACTION_SESSION_START_NAME
from rasa.shared.core.conversation import Dialogue
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, Event, Restarted, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from bot.settings import get_settings

SWEEP_EVERY_SECONDS = 60.0
log = logging.getLogger(__name__)


def _just_restarted(tracker: DialogueStateTracker) -> bool:
    """True when the latest message restarted the conversation (Rasa's /restart)."""
    for event in reversed(tracker.events):
        if isinstance(event, Restarted):
            return True
        if isinstance(event, UserUttered):
            return False
    return False


def _is_session_start(event: Event) -> bool:
    return isinstance(event, ActionExecuted) and event.action_name == ACTION_SESSION_START_NAME


def _last_session_start(tracker: DialogueStateTracker) -> int:
    """The index in tracker.events of the last action_session_start, or -1: carried on from the last call.

    The answer is kept on the tracker with the events it covers (how many, the first and the last one). When
    the covered events are still in their places (the first and the last covered are the same objects: events
    were only appended, as Rasa's trackers grow), only the new events are looked at, from the end back; when
    anything else changed (a tracker whose oldest events were dropped by max_event_history, events replaced),
    all of them are, as before. A copy of the tracker (bot/rasa/server.py's copy keeps its __dict__) goes on
    from the same answer, which holds for it as long as its events are the same objects."""
    events = tracker.events
    count = len(events)
    start, seen = -1, 0
    memo = tracker.__dict__.get("_imsa_session_start")
    if memo is not None:
        covered, first, last, found = memo
        if 0 < covered <= count and events[0] is first and events[covered - 1] is last:
            start, seen = found, covered
    for index in range(count - 1, seen - 1, -1):  # the new events, latest first: the first start found is the last
        if _is_session_start(events[index]):
            start = index
            break
    tracker.__dict__["_imsa_session_start"] = (count, events[0], events[-1], start) if count else None
    return start


def _latest_session(tracker: DialogueStateTracker) -> DialogueStateTracker:
    """The tracker of the latest session, as Rasa's stores return it (Rasa's
    get_trackers_for_conversation_sessions(tracker)[-1]).

    Rasa splits the events at each action_session_start and rebuilds a tracker for every part, replaying
    every event, only to keep the last part: sessions never expire here (the domain's session_expiration_time
    is 0). So only where the last action_session_start is matters, and it is carried on from the previous turn
    (_last_session_start): a turn looks at its own new events only. When it is the first event (or there is
    none), the events are one part and the tracker is returned as it is, as before; otherwise the last part
    is rebuilt alone, as Rasa builds it."""
    start = _last_session_start(tracker)
    if start <= 0:
        return tracker
    return DialogueStateTracker.from_events(
        tracker.sender_id,
        list(islice(tracker.events, start, None)),
        tracker.slots.values(),
        sender_source=tracker.sender_source,
        max_event_history=tracker._max_event_history,
    )


class _GetTrackerStore(TrackerStore):
    """Rasa's two reads, from one `_get(sender_id)` of the whole tracker (or None)."""

    def _get(self, sender_id: str) -> DialogueStateTracker | None:
        raise NotImplementedError

    async def retrieve(self, sender_id: str) -> Optional[DialogueStateTracker]:
        tracker = self._get(sender_id)
        return None if tracker is None else _latest_session(tracker)

    async def retrieve_full_tracker(self, sender_id: str) -> Optional[DialogueStateTracker]:
        return self._get(sender_id)


class ExpiringMemoryTrackerStore(_GetTrackerStore):
    def __init__(
        self,
        domain: Domain,
        event_broker: Optional[EventBroker] = None,
        ttl_minutes: float | None = None,
        **kwargs: Any,
    ) -> None:
        kwargs.pop("host", None)
        super().__init__(domain, event_broker, **kwargs)
        minutes = ttl_minutes if ttl_minutes is not None else get_settings().tracker_ttl_minutes
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

    async def keys(self) -> Iterable[str]:
        return list(self.trackers)


# ---------------------------------------------------------------- Redis (several Rasa instances)
FREE_TEXT_SLOTS = frozenset({"answer", "session_started_metadata"})  # cleared: typed words, channel metadata
FLOW_SLOT = "flow"
# What may stay in a stored flow state as a string: step names, language and theme ids, respondent ids.
IDENTIFIER = re.compile(r"^[A-Za-z0-9_:.\-]{0,64}$")
# bot.conversation.flow keeps typed "stop"/"pause" words here until confirmed
FLOW_FREE_TEXT = frozenset({"pending_text"})
SEALED = "sealed:"  # a stored FLOW_FREE_TEXT value: "sealed:" + Fernet token
MESSAGE_ID = re.compile(r"^[0-9a-f]{32}$")


@functools.lru_cache(maxsize=1)
def _fernet():
    from cryptography.fernet import Fernet

    from bot.conversation.resume_codes import secret_key

    key = hmac.new(secret_key(), b"imsa-voices:tracker:pending-text", hashlib.sha256).digest()
    return Fernet(base64.urlsafe_b64encode(key))


def _seal(text: str) -> str:
    return text if text.startswith(SEALED) else SEALED + _fernet().encrypt(text.encode()).decode()


def _unseal(value: Any) -> str | None:
    from cryptography.fernet import InvalidToken

    if not isinstance(value, str) or not value.startswith(SEALED):
        return None
    try:
        return _fernet().decrypt(value[len(SEALED):].encode()).decode()
    except InvalidToken:  # sealed under another IMSA_SECRET_KEY: the words are gone, the flow goes on
        return None


def _identifiers_only(value: Any, path: str) -> Any:
    """Strings that are not plain identifiers are dropped (a place free text must never sit)."""
    if isinstance(value, str):
        if IDENTIFIER.match(value):
            return value
        log.warning("dropped a free-text value at flow.%s before storing the tracker", path)
        return None
    if isinstance(value, list):
        return [_identifiers_only(v, path) for v in value]
    if isinstance(value, dict):
        return {k: _identifiers_only(v, f"{path}.{k}") for k, v in value.items()}
    return value


def sanitise_flow(state: Any) -> Any:
    """The flow state without readable typed words: pending_text sealed, any other free text dropped."""
    if not isinstance(state, dict):
        return _identifiers_only(state, "")
    out: dict[str, Any] = {}
    for key, value in state.items():
        if key in FLOW_FREE_TEXT:
            out[key] = _seal(value) if isinstance(value, str) and value else None
        else:
            out[key] = _identifiers_only(value, key)
    return out


def restore_flow(state: Any) -> Any:
    """A stored flow state as bot.conversation.flow needs it: pending_text unsealed."""
    if not isinstance(state, dict):
        return state
    return {k: (_unseal(v) if k in FLOW_FREE_TEXT else v) for k, v in state.items()}


@functools.lru_cache(maxsize=None)
def _event_class(type_name: str) -> type[Event]:
    """Rasa's Event.resolve_by_type walks every Event subclass on each call: 90% of reading a tracker."""
    return Event.resolve_by_type(type_name)


def _events(serialised: list[dict[str, Any]]) -> list[Event]:
    """rasa.shared.core.events.deserialise_events, with the event classes looked up once."""
    out = []
    for params in serialised:
        name = params.get("event")
        if name is None or name == "topic":  # Rasa skips these too
            continue
        event = _event_class(name)._from_parameters(params)
        if event is not None:
            out.append(event)
    return out


def _safe_intent(name: Any, intents: frozenset[str]) -> str | None:
    """An intent name from the domain; anything else (a forged "/my name is ..." payload) is dropped."""
    if not isinstance(name, str):
        return None
    if intents:
        return name if name in intents else None
    return name if re.match(r"^[a-z_]{1,40}$", name) else None


def sanitise_event(event: dict[str, Any], intents: frozenset[str] = frozenset()) -> dict[str, Any]:
    """One serialised Rasa event without anything the person typed (see the module docstring)."""
    kind = event.get("event")
    out = dict(event)
    if "metadata" in out:
        out["metadata"] = {}
    if kind == "user":
        parse = event.get("parse_data") or {}
        intent = parse.get("intent") or {}
        name = _safe_intent(intent.get("name"), intents)
        ranking = [
            {"name": n, "confidence": r.get("confidence")}
            for r in parse.get("intent_ranking") or []
            if isinstance(r, dict) and (n := _safe_intent(r.get("name"), intents))
        ]
        message_id = event.get("message_id")
        message_id = message_id if isinstance(message_id, str) and MESSAGE_ID.match(message_id) else None
        out.update(
            text=name or "",
            parse_data={
                "intent": {"name": name, "confidence": intent.get("confidence")},
                "entities": [],
                "text": name or "",
                "message_id": message_id,
                "metadata": {},
                "intent_ranking": ranking,
            },
            message_id=message_id,
        )
    elif kind == "bot":  # the bot's texts can carry a resume or withdrawal code
        out.update(text=None, data={})
    elif kind == "slot":
        name = event.get("name")
        if name in FREE_TEXT_SLOTS:
            out["value"] = None
        elif name == FLOW_SLOT:
            out["value"] = sanitise_flow(event.get("value"))
        else:
            out["value"] = _identifiers_only(event.get("value"), str(name))
    elif kind in ("entities", "reminder"):
        out["entities"] = None if kind == "reminder" else []
    elif kind == "action":
        out["action_text"] = None
    elif kind not in (
        "action", "active_loop", "loop_interrupted", "followup", "restart", "reset_slots", "rewind", "undo",
        "session_started", "user_featurization", "export", "pause", "resume", "cancel_reminder",
        "action_execution_rejected",
    ):
        for field in ("text", "parse_data", "entities", "data", "value", "action_text"):
            if field in out:
                out[field] = None
    return out


class RedisNoTextTrackerStore(_GetTrackerStore):
    """Trackers in Redis, shared by several Rasa instances, with no text a survivor typed.

    Configured by environment (module docstring): REDIS_URL, IMSA_REDIS_KEY_PREFIX,
    IMSA_REDIS_TIMEOUT_SECONDS, IMSA_TRACKER_TTL_MINUTES. Rasa's Redis lock store makes
    sure one conversation is handled by one instance at a time, so there is one writer at a time.

    A conversation is a Redis list: a header (its sender id and a generation, a random id given when
    the list is written whole), then its events, each sanitised, as JSON. A turn appends only its new
    events (RPUSH, the expiry renewed, in one transaction) instead of writing the whole conversation
    again. An instance keeps the sanitised trackers it has read or written, so a turn reads only what
    other instances appended since (the header and the list's tail, in one round trip); when the
    generation differs (the list was written whole since) or nothing is kept, the whole list is read.
    Rasa is given a copy, never the kept tracker.
    """

    CACHE_SIZE = 1000  # conversations an instance keeps (the least recently used go first)

    def __init__(
        self,
        domain: Domain,
        event_broker: Optional[EventBroker] = None,
        ttl_minutes: float | None = None,
        redis_url: str | None = None,
        key_prefix: str | None = None,
        **kwargs: Any,
    ) -> None:
        import redis

        kwargs.pop("host", None)
        super().__init__(domain, event_broker, **kwargs)
        url = redis_url or get_settings().redis_url
        if not url:
            raise ValueError("RedisNoTextTrackerStore needs REDIS_URL, such as redis://127.0.0.1:6379/0")
        minutes = ttl_minutes if ttl_minutes is not None else get_settings().tracker_ttl_minutes
        self.ttl_seconds = max(1, int(minutes * 60))
        timeout = get_settings().redis_timeout_seconds
        self.red = redis.Redis.from_url(url, socket_timeout=timeout, socket_connect_timeout=timeout)
        self.key_prefix = f"{key_prefix or get_settings().redis_key_prefix}:tracker:"
        # sender id -> (generation, the sanitised tracker of what is stored, see _keep for the anchor)
        self.kept: OrderedDict[str, tuple[str, DialogueStateTracker, Optional[Event]]] = OrderedDict()

    def _key(self, sender_id: str) -> str:
        return self.key_prefix + sender_id

    def _intents(self) -> frozenset[str]:
        return frozenset(self.domain.intents) if self.domain else frozenset()

    def _sanitised(self, events: Iterable[Event]) -> list[str]:
        intents = self._intents()
        return [json.dumps(sanitise_event(e.as_dict(), intents), ensure_ascii=False) for e in events]

    def serialise_tracker(self, tracker: DialogueStateTracker) -> str:
        """The whole tracker, sanitised, as one Rasa dialogue in JSON."""
        dialogue = tracker.as_dialogue().as_dict()
        intents = self._intents()
        dialogue["events"] = [sanitise_event(e, intents) for e in dialogue.get("events", [])]
        return json.dumps(dialogue, ensure_ascii=False)

    @staticmethod
    def _restored(lines: Iterable[str | bytes]) -> list[Event]:
        events = [json.loads(line) for line in lines]
        for event in events:
            if event.get("event") == "slot" and event.get("name") == FLOW_SLOT:
                event["value"] = restore_flow(event.get("value"))
        return _events(events)

    def _tracker(self, sender_id: str, events: list[Event]) -> DialogueStateTracker:
        tracker = self.init_tracker(sender_id)
        tracker.recreate_from_dialogue(Dialogue(sender_id, events))
        return tracker

    def _keep(self, sender_id: str, generation: str, mine: DialogueStateTracker, anchor: Optional[Event]) -> None:
        """Keep the sanitised tracker of what is stored, and the event a tracker that goes on from it has in
        the last stored place: the kept tracker's own (Rasa's copy shares them), or after a save the one of
        the tracker saved (Rasa saves twice a turn)."""
        self.kept[sender_id] = (generation, mine, anchor)
        self.kept.move_to_end(sender_id)
        while len(self.kept) > self.CACHE_SIZE:
            self.kept.popitem(last=False)

    @staticmethod
    def _goes_on_from(tracker: DialogueStateTracker, mine: DialogueStateTracker, anchor: Optional[Event]) -> bool:
        count = len(mine.events)
        if count == 0 or count > len(tracker.events):
            return count == 0
        last = tracker.events[count - 1]
        return last is anchor or last is mine.events[-1]

    async def save(self, tracker: DialogueStateTracker) -> None:
        await self.stream_events(tracker)
        sender_id, key = tracker.sender_id, self._key(tracker.sender_id)
        if _just_restarted(tracker):  # quick exit sends /restart: forget the whole conversation at once
            self.kept.pop(sender_id, None)
            self.red.delete(key)
            return
        events = tracker.events
        anchor = events[-1] if events else None
        kept = self.kept.get(sender_id)
        if kept is not None and self._goes_on_from(tracker, kept[1], kept[2]):
            generation, mine, _ = kept
            lines = self._sanitised(islice(events, len(mine.events), len(events)))  # this turn's events only
            pipe = self.red.pipeline(transaction=True)
            if lines:
                pipe.rpush(key, *lines)
            pipe.expire(key, self.ttl_seconds)
            pipe.execute()
            for event in self._restored(lines):
                mine.update(event)
            self._keep(sender_id, generation, mine, anchor)
            return
        generation = secrets.token_hex(8)  # written whole: a new generation
        lines = self._sanitised(events)
        pipe = self.red.pipeline(transaction=True)
        pipe.delete(key)
        pipe.rpush(key, json.dumps({"name": sender_id, "generation": generation}), *lines)
        pipe.expire(key, self.ttl_seconds)
        pipe.execute()
        self._keep(sender_id, generation, self._tracker(sender_id, self._restored(lines)), anchor)

    def deserialise_tracker(self, sender_id: str, serialised: str | bytes) -> DialogueStateTracker:
        """A tracker from one whole dialogue in JSON (serialise_tracker's, or a key stored before lists)."""
        dialogue = json.loads(serialised)
        for event in dialogue.get("events", []):
            if event.get("event") == "slot" and event.get("name") == FLOW_SLOT:
                event["value"] = restore_flow(event.get("value"))
        tracker = self.init_tracker(sender_id)
        tracker.recreate_from_dialogue(Dialogue(dialogue.get("name"), _events(dialogue.get("events", []))))
        return tracker

    def _get(self, sender_id: str) -> DialogueStateTracker | None:
        import redis

        key = self._key(sender_id)
        kept = self.kept.get(sender_id)
        pipe = self.red.pipeline(transaction=True)
        pipe.lindex(key, 0)
        pipe.lrange(key, 1 + (len(kept[1].events) if kept is not None else 0), -1)
        try:
            header, tail = pipe.execute()
        except redis.ResponseError:  # stored whole as one string (before lists): read as it was
            self.kept.pop(sender_id, None)
            stored = self.red.get(key)
            return None if stored is None else self.deserialise_tracker(sender_id, stored)
        if header is None:  # expired, or deleted by a quick exit on another instance
            self.kept.pop(sender_id, None)
            return None
        generation = json.loads(header).get("generation")
        if kept is not None and kept[0] == generation:
            mine = kept[1]
            for event in self._restored(tail):  # what other instances appended since
                mine.update(event)
        else:  # not kept here, or written whole since: all of it
            lines = tail if kept is None else self.red.lrange(key, 1, -1)
            mine = self._tracker(sender_id, self._restored(lines))
        self._keep(sender_id, generation, mine, mine.events[-1] if mine.events else None)
        if self.domain is not None and DialogueStateTracker.past_states.__module__ == "bot.rasa.server":
            # carried on (bot.rasa.server): bring the kept tracker's states up to date, a few events, so the
            # copy given to Rasa goes on from them instead of replaying the whole conversation
            mine.past_states(self.domain)
        _last_session_start(mine)  # carried on by the kept tracker, so the copy Rasa is given looks at no event
        return mine.copy()

    async def keys(self) -> Iterable[str]:
        start = len(self.key_prefix)
        return [key.decode()[start:] for key in self.red.scan_iter(match=self.key_prefix + "*", count=500)]
