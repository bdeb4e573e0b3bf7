"""Staff area: users, login sessions, login failures, hand-over links; redaction review and coding decisions.

Revision ID: 0002
Revises: 0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from bot.store.migrations.ops import drop_column

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "users",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("name", sa.String(64), nullable=False, unique=True),
        sa.Column("role", sa.String(16), nullable=False),
        sa.Column("password_hash", sa.String(255), nullable=False),
        sa.Column("active", sa.Boolean, nullable=False, server_default=sa.true()),
        sa.Column("created_on", sa.Date, nullable=False),
        sa.CheckConstraint("role IN ('support_worker', 'staff', 'admin')", name="ck_users_role"),
    )
    op.create_table(
        "staff_sessions",
        sa.Column("token_hash", sa.String(64), primary_key=True),
        sa.Column("user_id", sa.Integer, sa.ForeignKey("users.id", ondelete="CASCADE"), nullable=False),
        sa.Column("csrf_token", sa.String(64), nullable=False),
        sa.Column("created_at", sa.DateTime, nullable=False),
        sa.Column("expires_at", sa.DateTime, nullable=False),
    )
    op.create_index("ix_staff_sessions_user_id", "staff_sessions", ["user_id"])
    op.create_index("ix_staff_sessions_expires_at", "staff_sessions", ["expires_at"])
    op.create_table(
        "login_failures",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("key", sa.String(64), nullable=False),
        sa.Column("failed_at", sa.DateTime, nullable=False),
    )
    op.create_index("ix_login_failures_key", "login_failures", ["key"])
    op.create_index("ix_login_failures_failed_at", "login_failures", ["failed_at"])
    op.create_table(
        "handover_links",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("user_id", sa.Integer, sa.ForeignKey("users.id", ondelete="CASCADE"), nullable=False),
        sa.Column("token", sa.String(512), nullable=False),
        sa.Column("created_on", sa.Date, nullable=False),
    )
    op.create_index("ix_handover_links_user_id", "handover_links", ["user_id"])

    # plain ADD / DROP COLUMN (SQLite 3.35+ has both): a batch copy of `codes` or `codings` would trip their
    # foreign keys on SQLite
    op.add_column("answers", sa.Column("review_status", sa.String(16)))
    op.add_column("answers", sa.Column("reviewed_by", sa.String(64)))
    op.add_column("answers", sa.Column("reviewed_on", sa.Date))
    op.create_index("ix_answers_review_status", "answers", ["review_status"])
    # answers where redaction already found something wait for a person to look
    op.execute("UPDATE answers SET review_status = 'needs_review' WHERE redacted_count > 0")
    op.add_column("codings", sa.Column("status", sa.String(16), nullable=False, server_default="active"))
    if op.get_bind().dialect.name != "sqlite":  # SQLite cannot add a constraint to an existing table
        op.create_check_constraint("ck_codings_status", "codings", "status IN ('active', 'rejected')")
    op.add_column("codes", sa.Column("created_by", sa.String(64)))


def downgrade() -> None:
    drop_column("codes", "created_by")
    if op.get_bind().dialect.name != "sqlite":
        op.drop_constraint("ck_codings_status", "codings", type_="check")
    drop_column("codings", "status")
    op.drop_index("ix_answers_review_status", table_name="answers")
    for column in ("reviewed_on", "reviewed_by", "review_status"):
        drop_column("answers", column)
    for table in ("handover_links", "login_failures", "staff_sessions", "users"):
        op.drop_table(table)
