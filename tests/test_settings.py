"""bot/settings.py: every environment variable read in one place, checked at the start, documented."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from aiohttp.test_utils import make_mocked_request

from bot import settings
from bot.settings import Settings, SettingsError, parse_duration

ROOT = Path(__file__).resolve().parent.parent


class Reading(dict):
    """An environment that remembers which variables were asked for."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.asked: set[str] = set()

    def get(self, key, default=None):
        self.asked.add(key)
        return super().get(key, default)

    def __getitem__(self, key):
        self.asked.add(key)
        return super().__getitem__(key)


def readme_variables() -> set[str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split("\n## Configuration\n", 1)[1].split("\n## ", 1)[0]
    rows = [line for line in section.splitlines() if line.startswith("| `")]
    return {name for row in rows for name in re.findall(r"`([A-Z][A-Z0-9_]+)`", row.split(" | ")[0])}


def test_every_variable_read_is_in_the_readme_table_and_every_row_is_read():
    environ = Reading()
    Settings.from_env(environ)
    documented = readme_variables()
    assert len(environ.asked) >= 40
    assert environ.asked - documented == set(), "read but not in the README's configuration table"
    assert documented - environ.asked == set(), "in the README's configuration table but never read"


def test_nothing_outside_the_settings_module_reads_the_environment():
    reading = re.compile(r"os\.getenv\(|os\.environ\.get\(|environ\[[^\]]+\](?!\s*=)|getenv\(")
    offenders = [f"{path.relative_to(ROOT)}:{number}"
                 for folder in ("bot", "actions") for path in sorted((ROOT / folder).rglob("*.py"))
                 if path.name != "settings.py"
                 for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
                 if reading.search(line)]
    assert offenders == []


def test_an_empty_environment_gives_the_documented_defaults():
    s = Settings.from_env({})
    assert (s.rasa_port, s.action_port, s.web_port, s.web_host) == (5005, 5055, 8000, "127.0.0.1")
    assert (s.retention_days, s.tracker_ttl_minutes, s.staff_session_minutes, s.proxy_hops) == (365, 120, 30, 0)
    assert (s.rate_messages_per_minute, s.rate_new_chats_per_hour) == (240, 200)
    assert (s.kiosk_idle_seconds, s.kiosk_warning_seconds, s.redis_key_prefix, s.redis) == (180, 30, "imsa", None)
    assert s.staff_second_factor == "required" and s.translation_provider == "none"
    assert s.exit_url == "https://www.bbc.co.uk/weather" and s.runtime_dir == s.root / "var"
    assert s.cache_dir == Path.home() / ".cache" / "imsa-voices"


def test_values_are_read_into_their_types():
    s = Settings.from_env({
        "RASA_PORT": "7005", "IMSA_TRACKER_TTL_MINUTES": "90s", "IMSA_RETENTION_DAYS": "52w",
        "IMSA_REDIS_TIMEOUT_SECONDS": "2m", "IMSA_EMBED_ORIGINS": "https://A.example/ https://b.example",
        "IMSA_PARTNERS": "unseen=Unseen UK", "IMSA_PUBLIC_URL": "https://voices.example/",
        "REDIS_URL": "rediss://:pw@redis.internal:6380/3", "IMSA_KIOSK_IDLE_SECONDS": "20",
        "XDG_CACHE_HOME": "/tmp/xdg", "IMSA_STAFF_SECOND_FACTOR": " Optional ",
    })
    assert (s.rasa_port, s.tracker_ttl_minutes, s.retention_days, s.redis_timeout_seconds) == (7005, 1.5, 364, 120)
    assert s.embed_origins == ("https://a.example", "https://b.example") and s.partners == {"unseen": "Unseen UK"}
    assert s.public_url == "https://voices.example" and s.cache_dir == Path("/tmp/xdg/imsa-voices")
    assert s.redis == {"host": "redis.internal", "port": 6380, "db": 3, "username": None, "password": "pw",
                       "use_ssl": True}
    assert (s.kiosk_idle_seconds, s.kiosk_warning_seconds) == (20, 20)  # never warned before the start
    assert s.staff_second_factor == "optional"


@pytest.mark.parametrize("text,unit,expected", [
    ("120", "m", 120), ("90s", "m", 1.5), ("2h", "m", 120), ("1.5", "s", 1.5), ("365d", "d", 365),
    ("52w", "d", 364), ("1y", "d", 365), (" 30 M ", "s", 1800),
])
def test_one_parser_reads_every_period(text, unit, expected):
    assert parse_duration(text, unit) == expected


@pytest.mark.parametrize("name,value,says", [
    ("IMSA_PROXY_HOPS", "1.5", "not a whole number"),
    ("IMSA_PROXY_HOPS", "-1", "not a whole number"),
    ("IMSA_PROXY_HOPS", "two", "not a whole number"),
    ("IMSA_TRUST_PROXY", "true", "must be 1 (on) or 0 (off)"),
    ("RASA_PORT", "70000", "from 1 to 65535"),
    ("WEB_PORT", "http", "from 1 to 65535"),
    ("IMSA_TRACKER_TTL_MINUTES", "soon", "is not a period"),
    ("IMSA_TRACKER_TTL_MINUTES", "0", "more than 0"),
    ("IMSA_RETENTION_DAYS", "12h", "whole number of days"),
    ("IMSA_STAFF_SECOND_FACTOR", "nonsense", "must be one of required, optional"),
    ("IMSA_STAFF_SESSION_MINUTES", "0", "from 1"),
    ("IMSA_RATE_MESSAGES_PER_MINUTE", "-5", "0 or more"),
    ("IMSA_RATE_NEW_CHATS_PER_HOUR", "lots", "0 or more"),
    ("REDIS_URL", "http://redis:6379", "redis://host:6379/0"),
    ("IMSA_REDIS_KEY_PREFIX", "imsa:test", "letters and digits"),
    ("IMSA_EXIT_URL", "javascript:alert(1)", "https://"),
    ("IMSA_PUBLIC_URL", "voices.example", "https://voices.example"),
    ("IMSA_EMBED_ORIGINS", "*", "not an origin"),
    ("IMSA_PARTNERS", "unseen", "not like unseen=Unseen UK"),
    ("TRANSLATION_PROVIDER", "deepl", "none, libretranslate, google"),
    ("IMSA_ALLOW_PUBLIC_TRANSLATION", "yes", "must be 1 (on) or 0 (off)"),
    ("IMSA_KIOSK_IDLE_SECONDS", "0", "from 1"),
])
def test_a_bad_value_is_refused_naming_the_variable(name, value, says):
    with pytest.raises(SettingsError) as caught:
        Settings.from_env({name: value})
    assert str(caught.value).startswith(name) and says in str(caught.value)


def test_the_chat_page_and_the_staff_area_count_the_same_proxies(monkeypatch):
    from bot.staff import auth
    from bot.web import ratelimit

    chain = "198.51.100.7, 203.0.113.5, 192.0.2.9"

    def both() -> tuple[str, str]:
        request = make_mocked_request("GET", "/", headers={"X-Forwarded-For": chain})
        return ratelimit.client_address("10.0.0.1", chain), auth.client_address(request)

    monkeypatch.setenv("IMSA_PROXY_HOPS", "2")
    assert both() == ("203.0.113.5", "203.0.113.5")
    monkeypatch.setenv("IMSA_PROXY_HOPS", "0")
    monkeypatch.setenv("IMSA_TRUST_PROXY", "1")  # the same as one hop
    assert both() == ("192.0.2.9", "192.0.2.9")
    monkeypatch.setenv("IMSA_PROXY_HOPS", "1.5")  # refused by both, never read as 1 by one and 0 by the other
    with pytest.raises(SettingsError, match="IMSA_PROXY_HOPS"):
        both()


def test_ports_are_read_when_a_run_starts_not_when_the_module_is_imported(monkeypatch):
    from bot.rasa import project as rasa_project

    monkeypatch.setenv("RASA_PORT", "6123")
    monkeypatch.setenv("IMSA_HOST", "0.0.0.0")
    ports = rasa_project.Ports(web=7000)
    assert (ports.rasa, ports.actions, ports.web, ports.host) == (6123, 5055, 7000, "0.0.0.0")


def test_a_command_with_a_bad_setting_stops_before_doing_anything(monkeypatch, capsys):
    from bot.cli import commands as cli

    monkeypatch.setenv("IMSA_RETENTION_DAYS", "a while")
    assert cli.main(["purge"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("imsa-voices: IMSA_RETENTION_DAYS: 'a while' is not a period")


def test_the_process_reads_its_settings_once_and_an_override_wins(monkeypatch):
    first = settings.get_settings()
    assert settings.get_settings() is first
    changed = settings.override(exit_url="https://neutral.example/")
    assert settings.get_settings() is changed and changed.exit_url == "https://neutral.example/"
    with pytest.raises(SettingsError, match="IMSA_EXIT_URL"):
        settings.override(exit_url="javascript:alert(1)")
    with pytest.raises(AttributeError):
        changed.web_port = 1  # frozen
