"""Rasa's Redis lock store, made safe for several Rasa instances: one message of a conversation at a time.

Rasa's lock store gives each incoming message of a conversation a numbered ticket
and handles the tickets in order. Rasa Open Source's ``RedisLockStore`` reads the
conversation's lock from Redis, changes it in Python and writes it back: two
instances taking a message of the same conversation at the same moment can both
read "no tickets", both write ticket 0 and both go ahead, so one answer lands on
the other's question and is lost (rasa issue #9213; the fix, a concurrent Redis
lock store, went to Rasa Pro only: rasa PRs #11256 and #11428).
``tests/test_scale_out.py`` shows it. This subclass keeps Rasa's tickets and
their format and does each read-change-write as one Redis transaction
(WATCH/MULTI/EXEC, retried when another instance changed the lock meanwhile).

Configured by environment, like the tracker store (bot/settings.py):
``REDIS_URL``, ``IMSA_REDIS_KEY_PREFIX`` (keys ``<prefix>:lock:<sender id>``) and
``IMSA_REDIS_TIMEOUT_SECONDS``. The endpoints file names only the class
(``lock_store: type: bot.rasa.lock_store.AtomicRedisLockStore``), so no password is
ever written to disk. A waiting message checks again every second (Rasa's own pace).
"""

from __future__ import annotations

import json
from typing import Any, Callable, Optional

from rasa.core.lock import TicketLock
from rasa.core.lock_store import LOCK_LIFETIME, LockError, RedisLockStore

from bot.settings import get_settings


class AtomicRedisLockStore(RedisLockStore):
    def __init__(self, endpoint_config: Any = None, redis_url: str | None = None, key_prefix: str | None = None,
                 **_: Any) -> None:
        import redis

        url = redis_url or get_settings().redis_url
        if not url:
            raise ValueError("AtomicRedisLockStore needs REDIS_URL, such as redis://127.0.0.1:6379/0")
        timeout = get_settings().redis_timeout_seconds
        self.red = redis.Redis.from_url(url, socket_timeout=timeout, socket_connect_timeout=timeout)
        self.key_prefix = f"{key_prefix or get_settings().redis_key_prefix}:lock:"

    def _key(self, conversation_id: str) -> str:
        return self.key_prefix + conversation_id

    def _change(self, conversation_id: str, change: Callable[[Optional[TicketLock]], Any]) -> Any:
        """Run change(lock) on the stored lock and store what it leaves, as one transaction.

        change returns (lock to store or None to delete, result)."""
        key = self._key(conversation_id)
        outcome: list[Any] = []

        def transaction(pipe) -> None:
            outcome.clear()
            stored = pipe.get(key)
            lock = TicketLock.from_dict(json.loads(stored)) if stored else None
            keep, result = change(lock)
            pipe.multi()
            if keep is None:
                pipe.delete(key)
            else:
                pipe.set(key, keep.dumps())
            outcome.append(result)

        self.red.transaction(transaction, key)
        return outcome[0]

    def issue_ticket(self, conversation_id: str, lock_lifetime: float = LOCK_LIFETIME) -> int:
        def issue(lock: Optional[TicketLock]):
            lock = lock or self.create_lock(conversation_id)
            return lock, lock.issue_ticket(lock_lifetime)

        try:
            return self._change(conversation_id, issue)
        except Exception as exc:  # as Rasa's own: the message fails with a lock error
            raise LockError(f"Error while acquiring lock. Error:\n{type(exc).__name__}")

    def update_lock(self, conversation_id: str) -> None:
        def drop_expired(lock: Optional[TicketLock]):
            if lock is None:
                return None, None
            lock.remove_expired_tickets()
            return lock, None

        self._change(conversation_id, drop_expired)

    def finish_serving(self, conversation_id: str, ticket_number: int) -> None:
        self.cleanup(conversation_id, ticket_number)

    def cleanup(self, conversation_id: str, ticket_number: int) -> None:
        """Remove this ticket; delete the lock only when nobody else holds a ticket (in the same step)."""

        def finish(lock: Optional[TicketLock]):
            if lock is None:
                return None, None
            lock.remove_ticket_for(ticket_number)
            return (lock if lock.is_someone_waiting() else None), None

        self._change(conversation_id, finish)
