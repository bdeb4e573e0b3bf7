"""Small operations the migrations share. A migration is history: what a helper here does must never change
(a new need gets a new helper), or an old revision would do something else when run again on a new machine."""

from __future__ import annotations

from alembic import op


def drop_column(table: str, column: str) -> None:
    """DROP COLUMN: plain SQL on SQLite (3.35+ has it; Alembic's batch copy would trip the foreign keys of
    `codes` and `codings`), Alembic's op elsewhere."""
    if op.get_bind().dialect.name == "sqlite":
        op.execute(f"ALTER TABLE {table} DROP COLUMN {column}")
    else:
        op.drop_column(table, column)
