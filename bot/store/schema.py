"""Bringing a database's schema to the newest Alembic revision (`imsa-voices db upgrade`, and Store() on start)."""

from __future__ import annotations

import fcntl
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import inspect, text
from sqlalchemy.engine import Connection, Engine, make_url

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
PG_LOCK_KEY = 0x1D5A_2026  # any constant: serialises migrations of one PostgreSQL database


class SchemaError(RuntimeError):
    """The database cannot be brought to the current schema without a person deciding."""


def alembic_config(url: str | None = None) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    if url:
        config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return config


def head_revision() -> str:
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None, "bot/store/migrations holds no migration"
    return head


def current_revision(connection: Connection) -> str | None:
    return MigrationContext.configure(connection).get_current_revision()


def upgrade(engine: Engine, revision: str = "head") -> tuple[str | None, str]:
    """Upgrade to `revision`; returns (before, after). Safe when several processes start at once."""
    with engine.connect() as connection:
        before = current_revision(connection)
    if revision == "head" and before == head_revision():
        return before, before
    with migration_lock(engine), engine.connect() as connection:
        before = current_revision(connection)  # another process may have done it meanwhile
        if before is None:
            _refuse_unversioned(connection)
        config = alembic_config()
        config.attributes["connection"] = connection
        command.upgrade(config, revision)
        connection.commit()
        after = current_revision(connection)
        assert after is not None, "the upgrade left no revision"
        return before, after


def downgrade(engine: Engine, revision: str) -> None:
    with migration_lock(engine), engine.connect() as connection:
        config = alembic_config()
        config.attributes["connection"] = connection
        command.downgrade(config, revision)
        connection.commit()


def _refuse_unversioned(connection: Connection) -> None:
    tables = set(inspect(connection).get_table_names()) - {"alembic_version"}
    if "respondents" in tables or "answers" in tables:
        raise SchemaError(
            "this database has IMSA Voices tables but no migration history (it was made before migrations "
            "existed). Export what you need, then move it aside (SQLite) or drop its tables, and start again."
        )


@contextmanager
def migration_lock(engine: Engine) -> Iterator[None]:
    """One migrating process at a time: a PostgreSQL advisory lock, or a lock file beside the SQLite file."""
    url = make_url(str(engine.url))
    if url.get_backend_name() == "postgresql":
        with engine.connect() as connection:
            connection.execute(text("SELECT pg_advisory_lock(:k)"), {"k": PG_LOCK_KEY})
            try:
                yield
            finally:
                connection.execute(text("SELECT pg_advisory_unlock(:k)"), {"k": PG_LOCK_KEY})
                connection.commit()
    elif url.get_backend_name() == "sqlite" and url.database and url.database != ":memory:":
        with open(Path(url.database).with_suffix(".migrate.lock"), "w") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(lock, fcntl.LOCK_UN)
    else:
        yield


def drop_all(engine: Engine) -> None:
    """Drop every table of the database, the migration history included (tests use this)."""
    from sqlalchemy import MetaData

    metadata = MetaData()
    metadata.reflect(engine)
    metadata.drop_all(engine)
