"""Held spans of transcript lines: the doubtful words of a person's line no review covers, found once off the hot path.

Revision ID: 0009
Revises: 0008

`transcript_messages.held_text` keeps, as JSON, where the transcript export writes [NAME?], [NUMBER?] and [HANDLE?]
in a person's line that is not the text of an answer (bot/export/held.py, bot/export/transcripts.py), with a
digest of the text they were found in; the background translation job (bot/translate.py) fills it. NULL: not
found yet (the export then finds them itself).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from bot.store.migrations.ops import drop_column

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # plain ADD COLUMN (as 0008): a batch copy of the table is not needed for a nullable column
    op.add_column("transcript_messages", sa.Column("held_text", sa.Text))


def downgrade() -> None:
    drop_column("transcript_messages", "held_text")
