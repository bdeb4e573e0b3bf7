"""Every setting the project reads from the environment, in one typed, frozen object.

``Settings.from_env()`` reads and checks them all at once; a bad value raises ``SettingsError`` naming
the variable, so a mistyped setting stops a process at its start, not in the middle of a conversation.
``get_settings()`` is the process's settings, read the first time they are needed and kept; tests
change them with ``override()`` (or by changing the environment and calling ``reset()``).

The README's "Configuration" table lists exactly the variables read here (tests/test_settings.py
checks both ways). Variables the project only *sets* for the programs it starts (RASA_TELEMETRY_ENABLED,
SANIC_HOST, SANIC_REQUEST_MAX_SIZE ...) are not settings.

Light on purpose (standard library only): the launcher, Rasa's stores and the page all import it first.
"""

from __future__ import annotations

import dataclasses
import math
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

DEFAULT_EXIT_URL = "https://www.bbc.co.uk/weather"
DEFAULT_KEY_PREFIX = "imsa"
SECOND_FACTOR_POLICIES = ("required", "optional")
TRANSLATION_PROVIDERS = ("none", "libretranslate", "google")

_DURATION = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([smhdwy]?)\s*$", re.IGNORECASE)
_UNIT_SECONDS = {"s": 1, "m": 60, "h": 3600, "d": 86400, "w": 7 * 86400, "y": 365 * 86400}
_UNIT_WORDS = {"s": "seconds", "m": "minutes", "h": "hours", "d": "days"}
_WHOLE = re.compile(r"^\s*(\d+)\s*$")
_ORIGIN = re.compile(r"^https?://[a-z0-9.-]+(:[0-9]{1,5})?$")
_PARTNER_ID = re.compile(r"^[a-z0-9][a-z0-9-]{0,47}$")


class SettingsError(ValueError):
    """A setting has a value the project cannot use; the message names the variable and what it accepts."""


# --- one parser per kind of value --------------------------------------------------------------------------
def parse_duration(text: str, unit: str = "s", name: str = "duration") -> float:
    """A period in `unit` ('s', 'm', 'h' or 'd'): a plain number is in that unit ('120'), or a number
    with its own unit: '90s', '30m', '2h', '365d', '52w', '1y' (a year is 365 days). Never negative."""
    match = _DURATION.match(text)
    if not match:
        raise SettingsError(f"{name}: {text!r} is not a period such as 30, 90s, 30m, 2h, 365d, 52w or 1y "
                            f"(a plain number is in {_UNIT_WORDS[unit]})")
    number, own = float(match.group(1)), (match.group(2) or unit).lower()
    return number * _UNIT_SECONDS[own] / _UNIT_SECONDS[unit]


def parse_whole(text: str, name: str, minimum: int = 0, maximum: int | None = None) -> int:
    """A whole number from `minimum` (to `maximum`): '1.5', '-1' or 'two' are refused, never rounded."""
    match = _WHOLE.match(text)
    value = int(match.group(1)) if match else None
    if value is None or value < minimum or (maximum is not None and value > maximum):
        upto = f" to {maximum}" if maximum is not None else " or more"
        raise SettingsError(f"{name}: {text!r} is not a whole number from {minimum}{upto}")
    return value


def parse_switch(text: str, name: str) -> bool:
    """'1' (on) or '0' / empty (off). Nothing else, so 'true' or 'yes' are not silently read as off."""
    value = text.strip()
    if value not in ("", "0", "1"):
        raise SettingsError(f"{name}: {text!r} must be 1 (on) or 0 (off), or unset")
    return value == "1"


def parse_choice(text: str, name: str, choices: tuple[str, ...], default: str) -> str:
    value = text.strip().lower() or default
    if value not in choices:
        raise SettingsError(f"{name}: {text!r} must be one of {', '.join(choices)}")
    return value


def parse_origins(value: str, name: str = "IMSA_EMBED_ORIGINS") -> tuple[str, ...]:
    """Origins from a comma- or space-separated list; anything that is not scheme://host[:port] is refused."""
    out: list[str] = []
    for item in re.split(r"[,\s]+", value.strip()):
        if not item:
            continue
        origin = item.rstrip("/").lower()
        parts = urlsplit(origin)
        if not _ORIGIN.match(origin) or parts.path or parts.query or parts.fragment:
            raise SettingsError(f"{name}: {item!r} is not an origin like https://charity.example")
        if origin not in out:
            out.append(origin)
    return tuple(out)


def parse_partners(value: str, name: str = "IMSA_PARTNERS") -> dict[str, str]:
    """'unseen=Unseen UK, hestia=Hestia' -> {id: name}; ids are lower-case letters, digits and '-'."""
    out: dict[str, str] = {}
    for item in value.split(","):
        item = item.strip()
        if not item:
            continue
        pid, sep, label = item.partition("=")
        pid, label = pid.strip(), label.strip()
        if not sep or not _PARTNER_ID.match(pid) or not label:
            raise SettingsError(f"{name}: {item!r} is not like unseen=Unseen UK")
        out[pid] = label
    return out


def parse_redis_url(url: str, name: str = "REDIS_URL") -> dict[str, Any] | None:
    """REDIS_URL read into host, port, db, username, password and TLS; None when it is empty."""
    url = url.strip()
    if not url:
        return None
    parts = urlsplit(url)
    if parts.scheme not in ("redis", "rediss"):
        raise SettingsError(f"{name} must look like redis://host:6379/0 (or rediss:// for TLS)")
    path = parts.path.strip("/")
    if path and not path.isdigit():
        raise SettingsError(f"{name} must end with a database number, such as /0")
    try:
        port = parts.port or 6379
    except ValueError as exc:
        raise SettingsError(f"{name} has a port that is not a number from 1 to 65535") from exc
    from urllib.parse import unquote

    return {
        "host": parts.hostname or "127.0.0.1",
        "port": port,
        "db": int(path or 0),
        "username": unquote(parts.username) if parts.username else None,
        "password": unquote(parts.password) if parts.password else None,
        "use_ssl": parts.scheme == "rediss",
    }


def project_root(environ: Mapping[str, str] = os.environ) -> Path:
    """The project folder (data/, translations/, the Rasa project): IMSA_ROOT, else this checkout."""
    return Path(environ.get("IMSA_ROOT") or Path(__file__).resolve().parent.parent)


# --- the settings ------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Settings:
    """The project's settings. Field comments name the variable each comes from (README: "Configuration")."""

    # where things are
    root: Path = field(default_factory=project_root)  # IMSA_ROOT
    var_dir: Path | None = None  # IMSA_VAR_DIR (None: root/var)
    models_dir: Path | None = None  # IMSA_MODELS_DIR (None: var_dir/models)
    audio_dir: Path | None = None  # IMSA_AUDIO_DIR (None: translations/audio)
    # IMSA_CACHE, else XDG_CACHE_HOME/imsa-voices
    cache_dir: Path = field(default_factory=lambda: Path.home() / ".cache" / "imsa-voices")
    database_url: str | None = None  # DATABASE_URL (None: SQLite in var_dir)
    secret_key: str | None = None  # IMSA_SECRET_KEY (None: var_dir/secret.key, made once)
    retention_days: int = 365  # IMSA_RETENTION_DAYS
    # the processes
    rasa_port: int = 5005  # RASA_PORT
    action_port: int = 5055  # ACTION_PORT
    web_port: int = 8000  # WEB_PORT
    web_host: str = "127.0.0.1"  # IMSA_HOST
    action_server_url: str | None = None  # ACTION_SERVER_URL
    actions: str = ""  # IMSA_ACTIONS: "in-process", "server", or "" (imsa-voices run decides: bot.rasa.project)
    model_fingerprint: str | None = None  # IMSA_MODEL_FINGERPRINT (set by `imsa-voices run` for Rasa)
    tensorflow: str = "auto"  # IMSA_TENSORFLOW: "auto" (left out when the pipeline uses none) or "always"
    action_timeout_seconds: float = 25.0  # IMSA_ACTION_TIMEOUT_SECONDS
    # the chat page
    exit_url: str = DEFAULT_EXIT_URL  # IMSA_EXIT_URL
    embed_origins: tuple[str, ...] = ()  # IMSA_EMBED_ORIGINS
    partners: Mapping[str, str] = field(default_factory=dict)  # IMSA_PARTNERS
    kiosk_idle_seconds: int = 180  # IMSA_KIOSK_IDLE_SECONDS
    kiosk_warning_seconds: int = 30  # IMSA_KIOSK_WARNING_SECONDS (never more than the idle time)
    privacy_contact: str = ""  # IMSA_PRIVACY_CONTACT
    public_url: str | None = None  # IMSA_PUBLIC_URL (without a trailing /)
    proxy_hops: int = 0  # IMSA_PROXY_HOPS, at least 1 with IMSA_TRUST_PROXY=1
    rate_messages_per_minute: float = 240.0  # IMSA_RATE_MESSAGES_PER_MINUTE (0: no limit)
    rate_new_chats_per_hour: float = 200.0  # IMSA_RATE_NEW_CHATS_PER_HOUR (0: no limit)
    # conversations in Rasa
    tracker_ttl_minutes: float = 120.0  # IMSA_TRACKER_TTL_MINUTES
    redis_url: str | None = None  # REDIS_URL
    redis_key_prefix: str = DEFAULT_KEY_PREFIX  # IMSA_REDIS_KEY_PREFIX
    redis_timeout_seconds: float = 5.0  # IMSA_REDIS_TIMEOUT_SECONDS
    # the database
    db_retry_seconds: float = 5.0  # IMSA_DB_RETRY_SECONDS
    sqlite_busy_seconds: float = 10.0  # IMSA_SQLITE_BUSY_SECONDS
    # translation into English for staff
    translation_provider: str = "none"  # TRANSLATION_PROVIDER
    translation_url: str | None = None  # TRANSLATION_URL
    translation_api_key: str | None = None  # TRANSLATION_API_KEY
    allow_public_translation: bool = False  # IMSA_ALLOW_PUBLIC_TRANSLATION
    translation_interval_seconds: float = 60.0  # TRANSLATION_INTERVAL_SECONDS
    translation_timeout_seconds: float = 15.0  # TRANSLATION_TIMEOUT_SECONDS
    # the staff area
    staff_second_factor: str = "required"  # IMSA_STAFF_SECOND_FACTOR
    staff_session_minutes: int = 30  # IMSA_STAFF_SESSION_MINUTES

    @classmethod
    def from_env(cls, environ: Mapping[str, str] = os.environ) -> Settings:
        """Every setting from `environ`, checked; SettingsError names the first bad variable."""

        def text(name: str) -> str:
            return (environ.get(name) or "").strip()

        def optional(name: str) -> str | None:
            return text(name) or None

        def duration(name: str, default: float, unit: str) -> float:
            return parse_duration(text(name), unit, name) if text(name) else default

        def whole(name: str, default: int, minimum: int = 0, maximum: int | None = None) -> int:
            return parse_whole(text(name), name, minimum, maximum) if text(name) else default

        def port(name: str, default: int) -> int:
            return whole(name, default, 1, 65535)

        root = project_root(environ)
        cache = text("IMSA_CACHE")
        xdg = text("XDG_CACHE_HOME")
        retention = duration("IMSA_RETENTION_DAYS", 365, "d")
        if retention != int(retention) or retention < 1:
            raise SettingsError(f"IMSA_RETENTION_DAYS: {text('IMSA_RETENTION_DAYS')!r} is not a whole number "
                                "of days, 1 or more (such as 365, 52w or 1y)")
        public_url = text("IMSA_PUBLIC_URL").rstrip("/") or None
        if public_url and not (public_url.startswith(("https://", "http://")) and urlsplit(public_url).hostname):
            raise SettingsError(f"IMSA_PUBLIC_URL: {public_url!r} must be an address like https://voices.example")
        prefix = text("IMSA_REDIS_KEY_PREFIX") or DEFAULT_KEY_PREFIX
        if not prefix.isalnum():  # Rasa's lock store accepts only letters and digits
            raise SettingsError("IMSA_REDIS_KEY_PREFIX must be letters and digits only")
        redis_url = optional("REDIS_URL")
        parse_redis_url(redis_url or "")
        idle = whole("IMSA_KIOSK_IDLE_SECONDS", 180, 1)
        hops = whole("IMSA_PROXY_HOPS", 0)
        trust = parse_switch(text("IMSA_TRUST_PROXY"), "IMSA_TRUST_PROXY")
        settings = cls(
            root=root,
            var_dir=Path(text("IMSA_VAR_DIR")) if text("IMSA_VAR_DIR") else None,
            models_dir=Path(text("IMSA_MODELS_DIR")) if text("IMSA_MODELS_DIR") else None,
            audio_dir=Path(text("IMSA_AUDIO_DIR")) if text("IMSA_AUDIO_DIR") else None,
            cache_dir=Path(cache) if cache else Path(xdg or Path.home() / ".cache") / "imsa-voices",
            database_url=optional("DATABASE_URL"),
            secret_key=environ.get("IMSA_SECRET_KEY") or None,  # as given: spaces may be part of a key
            retention_days=int(retention),
            rasa_port=port("RASA_PORT", 5005),
            action_port=port("ACTION_PORT", 5055),
            web_port=port("WEB_PORT", 8000),
            web_host=text("IMSA_HOST") or "127.0.0.1",
            action_server_url=optional("ACTION_SERVER_URL"),
            actions=parse_choice(text("IMSA_ACTIONS"), "IMSA_ACTIONS", ("", "in-process", "server"), ""),
            model_fingerprint=optional("IMSA_MODEL_FINGERPRINT"),
            tensorflow=parse_choice(text("IMSA_TENSORFLOW"), "IMSA_TENSORFLOW", ("auto", "always"), "auto"),
            action_timeout_seconds=duration("IMSA_ACTION_TIMEOUT_SECONDS", 25.0, "s"),
            exit_url=text("IMSA_EXIT_URL") or DEFAULT_EXIT_URL,
            embed_origins=parse_origins(text("IMSA_EMBED_ORIGINS")),
            partners=parse_partners(text("IMSA_PARTNERS")),
            kiosk_idle_seconds=idle,
            kiosk_warning_seconds=min(whole("IMSA_KIOSK_WARNING_SECONDS", 30, 1), idle),
            privacy_contact=text("IMSA_PRIVACY_CONTACT"),
            public_url=public_url,
            proxy_hops=max(hops, 1 if trust else 0),
            rate_messages_per_minute=_rate(text("IMSA_RATE_MESSAGES_PER_MINUTE"), "IMSA_RATE_MESSAGES_PER_MINUTE", 240),
            rate_new_chats_per_hour=_rate(text("IMSA_RATE_NEW_CHATS_PER_HOUR"), "IMSA_RATE_NEW_CHATS_PER_HOUR", 200),
            tracker_ttl_minutes=duration("IMSA_TRACKER_TTL_MINUTES", 120.0, "m"),
            redis_url=redis_url,
            redis_key_prefix=prefix,
            redis_timeout_seconds=duration("IMSA_REDIS_TIMEOUT_SECONDS", 5.0, "s"),
            db_retry_seconds=duration("IMSA_DB_RETRY_SECONDS", 5.0, "s"),
            sqlite_busy_seconds=duration("IMSA_SQLITE_BUSY_SECONDS", 10.0, "s"),
            translation_provider=parse_choice(text("TRANSLATION_PROVIDER"), "TRANSLATION_PROVIDER",
                                              TRANSLATION_PROVIDERS, "none"),
            translation_url=optional("TRANSLATION_URL"),
            translation_api_key=optional("TRANSLATION_API_KEY"),
            allow_public_translation=parse_switch(text("IMSA_ALLOW_PUBLIC_TRANSLATION"),
                                                  "IMSA_ALLOW_PUBLIC_TRANSLATION"),
            translation_interval_seconds=duration("TRANSLATION_INTERVAL_SECONDS", 60.0, "s"),
            translation_timeout_seconds=duration("TRANSLATION_TIMEOUT_SECONDS", 15.0, "s"),
            staff_second_factor=parse_choice(text("IMSA_STAFF_SECOND_FACTOR"), "IMSA_STAFF_SECOND_FACTOR",
                                             SECOND_FACTOR_POLICIES, "required"),
            staff_session_minutes=whole("IMSA_STAFF_SESSION_MINUTES", 30, 1),
        )
        for name, seconds in (("IMSA_REDIS_TIMEOUT_SECONDS", settings.redis_timeout_seconds),
                              ("TRANSLATION_INTERVAL_SECONDS", settings.translation_interval_seconds),
                              ("TRANSLATION_TIMEOUT_SECONDS", settings.translation_timeout_seconds),
                              ("IMSA_ACTION_TIMEOUT_SECONDS", settings.action_timeout_seconds),
                              ("IMSA_TRACKER_TTL_MINUTES", settings.tracker_ttl_minutes)):
            if seconds <= 0:
                raise SettingsError(f"{name}: must be more than 0")
        return settings

    def __post_init__(self) -> None:  # checked here too, so override() cannot bring in what from_env refuses
        if not self.exit_url.startswith(("https://", "http://")):
            raise SettingsError(f"IMSA_EXIT_URL: {self.exit_url!r} must be a web address starting with https://")

    # --- values worked out from others -------------------------------------------------------------------
    @property
    def runtime_dir(self) -> Path:
        """Runtime state (SQLite database, secret key, models, logs): IMSA_VAR_DIR, else root/var."""
        return self.var_dir or self.root / "var"

    @property
    def turn_seconds(self) -> float:
        """How long a turn's action may use the database: a little less than Rasa waits for the action
        (IMSA_ACTION_TIMEOUT_SECONDS), so a retry never saves an answer after the person was told it was not
        saved. The margin, a fifth of the wait (at most 2 s), covers the reply after a failure and the request's
        time on its way to the action server."""
        return self.action_timeout_seconds - min(2.0, self.action_timeout_seconds / 5)

    @property
    def redis(self) -> dict[str, Any] | None:
        """REDIS_URL in parts (host, port, db, username, password, use_ssl); None without Redis."""
        return parse_redis_url(self.redis_url or "")


def _rate(value: str, name: str, default: float) -> float:
    if not value:
        return default
    try:
        number = float(value)
    except ValueError:
        number = math.nan
    if not number >= 0 or math.isinf(number):
        raise SettingsError(f"{name}: {value!r} is not a number, 0 or more (0: no limit)")
    return number


# --- the process's settings --------------------------------------------------------------------------------
_current: Settings | None = None


def get_settings() -> Settings:
    """This process's settings: read from the environment the first time, then kept."""
    global _current
    if _current is None:
        _current = Settings.from_env()
    return _current


def override(settings: Settings | None = None, **changes: Any) -> Settings:
    """Use `settings` (or today's with `changes`) from now on in this process: a command-line option
    that wins over the environment, or a test."""
    global _current
    _current = dataclasses.replace(settings or get_settings(), **changes)
    return _current


def reset() -> None:
    """Forget the process's settings: the next get_settings() reads the environment again."""
    global _current
    _current = None
