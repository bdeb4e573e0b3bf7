"""The coded dataset: respondents, questions, answers, codebook, codings, transcripts, audit log.

Revision ID: 0001
Revises:
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "respondents",
        sa.Column("id", sa.String(32), primary_key=True),
        sa.Column("channel", sa.String(16), nullable=False),
        sa.Column("respondent_type", sa.String(32), nullable=False),
        sa.Column("language", sa.String(16), nullable=False),
        sa.Column("nation", sa.String(32)),
        sa.Column("assisted", sa.String(32)),
        sa.Column("consent_version", sa.String(64), nullable=False),
        sa.Column("created_on", sa.Date, nullable=False),
        sa.Column("completed", sa.Boolean, nullable=False),
        sa.Column("withdrawal_hash", sa.String(64), unique=True),
        sa.Column("source_hash", sa.String(64), unique=True),
        sa.CheckConstraint("channel IN ('chatbot', 'written', 'workshop')", name="ck_respondents_channel"),
        sa.CheckConstraint(
            "respondent_type IN ('lived_experience', 'organisation', 'professional')",
            name="ck_respondents_respondent_type",
        ),
    )
    op.create_index("ix_respondents_created_on", "respondents", ["created_on"])

    op.create_table(
        "questions",
        sa.Column("id", sa.String(64), primary_key=True),
        sa.Column("theme", sa.String(32), nullable=False),
        sa.Column("kind", sa.String(32), nullable=False),
        sa.Column("position", sa.Integer, nullable=False),
        sa.Column("written", sa.Text, nullable=False),
        sa.Column("chat_key", sa.String(128), nullable=False),
        sa.Column("retired", sa.Boolean, nullable=False),
    )

    op.create_table(
        "answers",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("respondent_id", sa.String(32), sa.ForeignKey("respondents.id", ondelete="CASCADE"),
                  nullable=False),
        sa.Column("question_id", sa.String(64), sa.ForeignKey("questions.id"), nullable=False),
        sa.Column("theme", sa.String(32), nullable=False),
        sa.Column("kind", sa.String(32), nullable=False),
        sa.Column("text", sa.Text),
        sa.Column("choice", sa.String(64)),
        sa.Column("language", sa.String(16), nullable=False),
        sa.Column("language_detected", sa.String(16)),
        sa.Column("text_en", sa.Text),
        sa.Column("translation_status", sa.String(16), nullable=False),
        sa.Column("translation_provider", sa.String(32)),
        sa.Column("translation_attempts", sa.Integer, nullable=False),
        sa.Column("redacted_count", sa.Integer, nullable=False),
        sa.Column("redacted_types", sa.String(255)),
        sa.Column("created_on", sa.Date, nullable=False),
        sa.UniqueConstraint("respondent_id", "question_id"),
    )
    op.create_index("ix_answers_respondent_id", "answers", ["respondent_id"])
    op.create_index("ix_answers_question_id", "answers", ["question_id"])

    op.create_table(
        "codes",
        sa.Column("id", sa.String(96), primary_key=True),
        sa.Column("parent_id", sa.String(96), sa.ForeignKey("codes.id")),
        sa.Column("level", sa.String(16), nullable=False),
        sa.Column("label", sa.String(255), nullable=False),
        sa.Column("description", sa.Text),
        sa.Column("retired", sa.Boolean, nullable=False),
        sa.CheckConstraint("level IN ('theme', 'kind', 'topic')", name="ck_codes_level"),
    )
    op.create_index("ix_codes_parent_id", "codes", ["parent_id"])

    op.create_table(
        "codings",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("answer_id", sa.Integer, sa.ForeignKey("answers.id", ondelete="CASCADE"), nullable=False),
        sa.Column("code_id", sa.String(96), sa.ForeignKey("codes.id"), nullable=False),
        sa.Column("source", sa.String(16), nullable=False),
        sa.Column("coder", sa.String(64), nullable=False),
        sa.Column("span_start", sa.Integer),
        sa.Column("span_end", sa.Integer),
        sa.Column("created_on", sa.Date, nullable=False),
        sa.CheckConstraint("source IN ('structural', 'suggested', 'staff')", name="ck_codings_source"),
    )
    op.create_index("ix_codings_answer_code", "codings", ["answer_id", "code_id"])
    op.create_index("ix_codings_code_id", "codings", ["code_id"])

    op.create_table(
        "transcript_messages",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("session_id", sa.String(64), nullable=False),
        sa.Column("respondent_id", sa.String(32), sa.ForeignKey("respondents.id", ondelete="CASCADE")),
        sa.Column("position", sa.Integer, nullable=False),
        sa.Column("speaker", sa.String(16), nullable=False),
        sa.Column("text", sa.Text),
        sa.Column("text_key", sa.String(128)),
        sa.Column("language", sa.String(16)),
        sa.Column("created_on", sa.Date, nullable=False),
        sa.UniqueConstraint("session_id", "position"),
        sa.CheckConstraint("speaker IN ('bot', 'person')", name="ck_transcript_messages_speaker"),
    )
    op.create_index("ix_transcript_messages_respondent_id", "transcript_messages", ["respondent_id"])
    op.create_index("ix_transcript_messages_created_on", "transcript_messages", ["created_on"])

    op.create_table(
        "paused_sessions",
        sa.Column("code_hash", sa.String(64), primary_key=True),
        sa.Column("state", sa.Text, nullable=False),
        sa.Column("created_on", sa.Date, nullable=False),
    )

    op.create_table(
        "audit_log",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("done_on", sa.Date, nullable=False),
        sa.Column("actor", sa.String(64), nullable=False),
        sa.Column("action", sa.String(32), nullable=False),
        sa.Column("row_count", sa.Integer, nullable=False),
        sa.Column("detail", sa.String(255)),
    )


def downgrade() -> None:
    for table in ("audit_log", "paused_sessions", "transcript_messages", "codings", "codes", "answers",
                  "questions", "respondents"):
        op.drop_table(table)
