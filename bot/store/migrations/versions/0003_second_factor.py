"""Staff second factor: authenticator-app keys (encrypted), the last accepted time step, recovery codes, security
keys and passkeys (WebAuthn public keys), and whether a sign-in session has passed the second factor.

Revision ID: 0003
Revises: 0002
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from bot.store.migrations.ops import drop_column

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("users", sa.Column("totp_secret", sa.String(255)))  # Fernet token, never the plain key
    op.add_column("users", sa.Column("totp_last_step", sa.BigInteger))  # a code's time step is accepted once
    op.add_column("users", sa.Column("second_factor_on", sa.Date))  # when the factor was confirmed
    # sessions open before this migration passed a password only: they must answer the second factor
    op.add_column("staff_sessions", sa.Column("second_factor", sa.Boolean, nullable=False,
                                              server_default=sa.false()))
    op.add_column("staff_sessions", sa.Column("enrol_secret", sa.String(255)))  # a key being set up (encrypted)
    op.add_column("staff_sessions", sa.Column("webauthn_challenge", sa.String(128)))  # one ceremony, once
    op.create_table(
        "recovery_codes",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("user_id", sa.Integer, sa.ForeignKey("users.id", ondelete="CASCADE"), nullable=False),
        sa.Column("code_hash", sa.String(64), nullable=False, unique=True),
        sa.Column("created_on", sa.Date, nullable=False),
    )
    op.create_index("ix_recovery_codes_user_id", "recovery_codes", ["user_id"])
    op.create_table(
        "webauthn_credentials",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("user_id", sa.Integer, sa.ForeignKey("users.id", ondelete="CASCADE"), nullable=False),
        sa.Column("credential_id", sa.String(1400), nullable=False, unique=True),  # base64url, up to 1023 bytes
        sa.Column("public_key", sa.Text, nullable=False),  # COSE key, base64url
        sa.Column("sign_count", sa.BigInteger, nullable=False, server_default="0"),
        sa.Column("label", sa.String(64), nullable=False),
        sa.Column("created_on", sa.Date, nullable=False),
    )
    op.create_index("ix_webauthn_credentials_user_id", "webauthn_credentials", ["user_id"])


def downgrade() -> None:
    op.drop_table("webauthn_credentials")
    op.drop_table("recovery_codes")
    for column in ("webauthn_challenge", "enrol_secret", "second_factor"):
        drop_column("staff_sessions", column)
    for column in ("second_factor_on", "totp_last_step", "totp_secret"):
        drop_column("users", column)
