"""Respondents: the partner organisation whose website the chat was reached through (embed.js data-partner).

Revision ID: 0004
Revises: 0003
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("respondents") as batch:
        batch.add_column(sa.Column("reached_through", sa.String(48)))


def downgrade() -> None:
    with op.batch_alter_table("respondents") as batch:
        batch.drop_column("reached_through")
