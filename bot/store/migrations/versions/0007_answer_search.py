"""Searching answers by their words, in the original or in English, in every script (staff area).

Revision ID: 0007
Revises: 0006_translator_role

SQLite: an FTS5 table `answers_search` over answers.text and answers.text_en with the trigram tokenizer (it finds
any run of three or more characters, so Chinese and Japanese, written without spaces, are found like the rest),
kept in step with `answers` by triggers. It is an external-content table: it holds the index, not another copy of
the text. PostgreSQL: trigram (pg_trgm) GIN indexes on the same two columns, which ILIKE '%words%' uses; where the
extension cannot be created (no right to), searching still works, by reading the table.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006_translator_role"
branch_labels = None
depends_on = None

SQLITE = [
    "CREATE VIRTUAL TABLE answers_search USING fts5(text, text_en, content='answers', content_rowid='id', "
    "tokenize='trigram')",
    "CREATE TRIGGER answers_search_insert AFTER INSERT ON answers BEGIN "
    "INSERT INTO answers_search(rowid, text, text_en) VALUES (new.id, new.text, new.text_en); END",
    "CREATE TRIGGER answers_search_delete AFTER DELETE ON answers BEGIN "
    "INSERT INTO answers_search(answers_search, rowid, text, text_en) VALUES ('delete', old.id, old.text, old.text_en);"
    " END",
    "CREATE TRIGGER answers_search_update AFTER UPDATE OF text, text_en ON answers BEGIN "
    "INSERT INTO answers_search(answers_search, rowid, text, text_en) VALUES ('delete', old.id, old.text, old.text_en);"
    " INSERT INTO answers_search(rowid, text, text_en) VALUES (new.id, new.text, new.text_en); END",
    "INSERT INTO answers_search(answers_search) VALUES ('rebuild')",
]
PG_INDEXES = {"ix_answers_text_trgm": "text", "ix_answers_text_en_trgm": "text_en"}


def upgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "sqlite":
        for statement in SQLITE:
            bind.execute(sa.text(statement))
        return
    if bind.dialect.name != "postgresql":
        return
    try:
        with bind.begin_nested():
            bind.execute(sa.text("CREATE EXTENSION IF NOT EXISTS pg_trgm"))
    except sa.exc.DBAPIError:  # not allowed here: searching reads the table instead of an index
        return
    for name, column in PG_INDEXES.items():
        bind.execute(sa.text(f"CREATE INDEX IF NOT EXISTS {name} ON answers USING gin ({column} gin_trgm_ops)"))


def downgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "sqlite":
        for trigger in ("insert", "delete", "update"):
            bind.execute(sa.text(f"DROP TRIGGER IF EXISTS answers_search_{trigger}"))
        bind.execute(sa.text("DROP TABLE IF EXISTS answers_search"))
    elif bind.dialect.name == "postgresql":
        for name in PG_INDEXES:
            bind.execute(sa.text(f"DROP INDEX IF EXISTS {name}"))
