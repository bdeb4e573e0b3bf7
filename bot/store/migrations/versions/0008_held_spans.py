"""Held spans: the doubtful words of an answer waiting for review, found once off the hot path.

Revision ID: 0008
Revises: 0007

`held_text` and `held_en` keep, as JSON, where an export writes [NAME?], [NUMBER?] and [HANDLE?] in the answer's
text and in its English (bot/export/held.py), with a digest of the text they were found in; the background
translation job (bot/translate.py) fills them. NULL: not found yet (an export then finds them itself).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from bot.store.migrations.ops import drop_column

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # plain ADD COLUMN (as 0002 and 0005): a batch copy of `answers` would trip the foreign keys on SQLite
    op.add_column("answers", sa.Column("held_text", sa.Text))
    op.add_column("answers", sa.Column("held_en", sa.Text))


def downgrade() -> None:
    for column in ("held_en", "held_text"):
        drop_column("answers", column)
