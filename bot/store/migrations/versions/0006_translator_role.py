"""Translator role: a `translator` may review and record the texts of their own languages only (user_languages).

Revision ID: 0006_translator_role
Revises: 0005

The role is checked by the constraint ck_users_role. PostgreSQL replaces it. SQLite cannot alter a constraint, and
copying `users` into a new table (Alembic's batch mode) would delete every session, recovery code, security key and
hand-over link through their ON DELETE CASCADE foreign keys; so the table's stored definition is rewritten in place,
the documented SQLite procedure for a change that leaves the stored rows as they are (sqlite.org/lang_altertable.html,
"Making Other Kinds Of Table Schema Changes"): allowing one more value in a CHECK does not touch a row.
Downgrading deletes the translators' accounts (no other role may hold them) before the constraint narrows again.
"""

from __future__ import annotations

import re

import sqlalchemy as sa
from alembic import op

revision = "0006_translator_role"
down_revision = "0005"
branch_labels = None
depends_on = None

OLD_ROLES = ("support_worker", "staff", "admin")
NEW_ROLES = ("support_worker", "translator", "staff", "admin")


def _check(roles: tuple[str, ...]) -> str:
    return "role IN (" + ", ".join(f"'{r}'" for r in roles) + ")"


def _set_roles(roles: tuple[str, ...]) -> None:
    bind = op.get_bind()
    if bind.dialect.name != "sqlite":
        op.drop_constraint("ck_users_role", "users", type_="check")
        op.create_check_constraint("ck_users_role", "users", _check(roles))
        return
    sql = bind.execute(sa.text("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'users'")).scalar()
    changed, found = re.subn(r"role IN \([^)]*\)", _check(roles), sql)
    if found != 1:
        raise RuntimeError("the users table's role constraint was not found: upgrade by hand")
    version = bind.execute(sa.text("PRAGMA schema_version")).scalar()
    bind.execute(sa.text("PRAGMA writable_schema = ON"))
    bind.execute(sa.text("UPDATE sqlite_master SET sql = :sql WHERE type = 'table' AND name = 'users'"),
                 {"sql": changed})
    bind.execute(sa.text(f"PRAGMA schema_version = {int(version) + 1}"))
    bind.execute(sa.text("PRAGMA writable_schema = OFF"))
    problems = [row[0] for row in bind.execute(sa.text("PRAGMA integrity_check"))]
    if problems != ["ok"]:
        raise RuntimeError(f"the database failed its integrity check after the change: {problems}")


def upgrade() -> None:
    op.create_table(
        "user_languages",
        sa.Column("user_id", sa.Integer, sa.ForeignKey("users.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("language", sa.String(16), primary_key=True),
    )
    _set_roles(NEW_ROLES)


def downgrade() -> None:
    op.drop_table("user_languages")
    op.execute("DELETE FROM users WHERE role = 'translator'")
    _set_roles(OLD_ROLES)
