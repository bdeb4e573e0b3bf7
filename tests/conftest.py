"""Shared fixtures: a private var/ dir, real SQLite and PostgreSQL databases."""

from __future__ import annotations

import os
import secrets
import tempfile
from pathlib import Path

import pytest

# Tests never touch the developer's var/: everything runtime goes to a temp dir.
_VAR = Path(tempfile.mkdtemp(prefix="imsa-test-var-"))
os.environ["IMSA_VAR_DIR"] = str(_VAR)
os.environ.setdefault("IMSA_SECRET_KEY", "test-secret-" + secrets.token_hex(8))
os.environ.pop("DATABASE_URL", None)

# The trained model: the temp var/models, linked from the machine's cache of models by content
# (bot.rasa.project.shared_models_dir), so a run on data trained before (by any checkout) trains nothing.

POSTGRES_ADMIN_URL = os.environ.get("TEST_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/postgres")


# A process reads its settings once (bot.settings.get_settings). In a test, changing the environment
# with monkeypatch stands for starting the process again with it: the settings are read again.
def _reading_settings_again(method):
    def changed(self, *args, **kwargs):
        try:
            return method(self, *args, **kwargs)
        finally:
            from bot import settings

            settings.reset()

    return changed


for _name in ("setenv", "delenv", "undo"):
    setattr(pytest.MonkeyPatch, _name, _reading_settings_again(getattr(pytest.MonkeyPatch, _name)))


@pytest.fixture(autouse=True)
def _settings_of_this_test():
    """Each test starts from the environment's settings, and leaves none of its overrides behind."""
    from bot import settings

    settings.reset()
    yield
    settings.reset()


@pytest.fixture(scope="session", autouse=True)
def _name_tagger_trained():
    """The learned name tagger's model in the machine's cache before any test or server redacts (a server
    would redact with the rules alone, sending answers to review, while it trained): about 30 s once per
    corpus and code, nothing when the cache has it (bot.anonymise.tagger)."""
    from bot.anonymise import tagger

    tagger.build()


@pytest.fixture(scope="session")
def var_dir() -> Path:
    return _VAR


@pytest.fixture(scope="session")
def postgres_url():
    """A throwaway PostgreSQL database on the machine's server, dropped afterwards."""
    from sqlalchemy import create_engine, text

    name = "imsa_test_" + secrets.token_hex(4)
    admin = create_engine(POSTGRES_ADMIN_URL, isolation_level="AUTOCOMMIT", future=True)
    try:
        with admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
    except Exception as exc:  # pragma: no cover - reported as a failure, never skipped
        pytest.fail(f"PostgreSQL is needed at {POSTGRES_ADMIN_URL} (.ci/run starts it): {exc}")
    url = POSTGRES_ADMIN_URL.rsplit("/", 1)[0] + "/" + name
    yield url
    from bot.store import get_store

    get_store.cache_clear()
    with admin.connect() as conn:
        conn.execute(text(f"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{name}'"))
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}"'))
    admin.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def store(request, tmp_path):
    """A real Store on a fresh SQLite file, and on a fresh PostgreSQL database."""
    from bot.store import Store
    from bot.store.schema import drop_all

    if request.param == "sqlite":
        s = Store(f"sqlite:///{tmp_path / 'answers.db'}")
        yield s
    else:
        s = Store(request.getfixturevalue("postgres_url"))
        yield s
        drop_all(s.engine)  # the tables and the migration history
    s.engine.dispose()


@pytest.fixture
def sqlite_store(tmp_path):
    from bot.store import Store

    s = Store(f"sqlite:///{tmp_path / 'answers.db'}")
    yield s
    s.engine.dispose()


# --- in a real browser (tests/browser.py): Debian's headless Chromium, shared by a test module -----------
@pytest.fixture(scope="module")
def browser():
    from tests.browser import chromium

    with chromium() as b:
        yield b


@pytest.fixture
def open_page(browser):
    """A fresh browser context per test; a console error (a CSP refusal, a script error) fails it.
    tests/test_widget.py keeps its own, which records requests that would leave the machine instead."""
    from tests.browser import page_opener

    with page_opener(browser, console_errors=True) as _open:
        yield _open
