"""Redis settings from the environment, shared by the tracker store, Rasa's lock store and `imsa-voices run`.

- ``REDIS_URL``: ``redis://[[user]:password@]host:port/db`` (``rediss://`` for TLS). Unset: one
  process, trackers in memory (bot.tracker_store.ExpiringMemoryTrackerStore). Set: trackers in
  Redis without typed text (RedisNoTextTrackerStore) and Rasa's Redis lock store, so several
  Rasa instances can share conversations (``imsa-voices run --workers N`` requires it).
- ``IMSA_REDIS_KEY_PREFIX``: letters and digits, default ``imsa``: tracker keys are
  ``<prefix>:tracker:<sender id>``, lock keys ``<prefix>:lock:<sender id>``. Tests use their own.
- ``IMSA_REDIS_TIMEOUT_SECONDS``: default 5; a Redis call that takes longer fails (never hangs).

Light on purpose (no Rasa import): the launcher reads it before starting anything.
"""

from __future__ import annotations

import os
from typing import Any
from urllib.parse import unquote, urlsplit

DEFAULT_KEY_PREFIX = "imsa"


def redis_settings() -> dict[str, Any] | None:
    """REDIS_URL read into host, port, db, password and TLS; None when it is not set."""
    url = os.environ.get("REDIS_URL", "").strip()
    if not url:
        return None
    parts = urlsplit(url)
    if parts.scheme not in ("redis", "rediss"):
        raise ValueError("REDIS_URL must look like redis://host:6379/0 (or rediss:// for TLS)")
    path = parts.path.strip("/")
    if path and not path.isdigit():
        raise ValueError("REDIS_URL must end with a database number, such as /0")
    return {
        "host": parts.hostname or "127.0.0.1",
        "port": parts.port or 6379,
        "db": int(path or 0),
        "username": unquote(parts.username) if parts.username else None,
        "password": unquote(parts.password) if parts.password else None,
        "use_ssl": parts.scheme == "rediss",
    }


def redis_key_prefix() -> str:
    prefix = os.environ.get("IMSA_REDIS_KEY_PREFIX", DEFAULT_KEY_PREFIX)
    if not prefix.isalnum():  # Rasa's lock store accepts only letters and digits
        raise ValueError("IMSA_REDIS_KEY_PREFIX must be letters and digits only")
    return prefix


def redis_timeout() -> float:
    return float(os.environ.get("IMSA_REDIS_TIMEOUT_SECONDS", "5"))
