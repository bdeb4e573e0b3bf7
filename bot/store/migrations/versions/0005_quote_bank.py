"""Quote bank: staff mark a reviewed answer as quotable (who and the date).

Revision ID: 0005
Revises: 0004
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from bot.store.migrations.ops import drop_column

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # plain ADD COLUMN (as 0002): a batch copy of `answers` would trip the foreign keys on SQLite
    op.add_column("answers", sa.Column("quotable", sa.Boolean, nullable=False, server_default=sa.false()))
    op.add_column("answers", sa.Column("quoted_by", sa.String(64)))
    op.add_column("answers", sa.Column("quoted_on", sa.Date))


def downgrade() -> None:
    for column in ("quoted_on", "quoted_by", "quotable"):
        drop_column("answers", column)
