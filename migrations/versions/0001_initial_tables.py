"""Initial tables: article, speaker, statement, statement_condition, source.

Revision ID: 0001
Revises:
Create Date: 2026-11-22
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Create the five tables and their indexes."""
    op.create_table(
        "article",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("content_hash", sa.String(length=64), nullable=False),
        sa.Column("file_name", sa.String(), nullable=False),
        sa.Column("title", sa.String(), nullable=True),
        sa.Column("publisher", sa.String(), nullable=True),
        sa.Column("url", sa.String(), nullable=True),
        sa.Column("published", sa.Date(), nullable=True),
        sa.Column("published_basis", sa.String(), nullable=False),
        sa.Column("published_evidence", sa.String(), nullable=True),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("ingested_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_article")),
        sa.UniqueConstraint("content_hash", name=op.f("uq_article_content_hash")),
    )
    op.create_table(
        "speaker",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("slug", sa.String(), nullable=False),
        sa.Column("name", sa.String(), nullable=False),
        sa.Column("side", sa.String(), nullable=False),
        sa.Column("kind", sa.String(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_speaker")),
        sa.UniqueConstraint("slug", name=op.f("uq_speaker_slug")),
    )
    op.create_table(
        "statement",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("speaker_id", sa.Integer(), nullable=False),
        sa.Column("date", sa.String(), nullable=True),
        sa.Column("date_precision", sa.String(), nullable=False),
        sa.Column("date_basis", sa.String(), nullable=False),
        sa.Column("date_evidence", sa.String(), nullable=True),
        sa.Column("kind", sa.String(), nullable=False),
        sa.Column("quote", sa.Text(), nullable=True),
        sa.Column("evidence", sa.Text(), nullable=False),
        sa.Column("status", sa.String(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["speaker_id"], ["speaker.id"], name=op.f("fk_statement_speaker_id_speaker")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_statement")),
    )
    op.create_index(op.f("ix_statement_date"), "statement", ["date"])
    op.create_index(op.f("ix_statement_speaker_id"), "statement", ["speaker_id"])
    op.create_table(
        "statement_condition",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("statement_id", sa.Integer(), nullable=False),
        sa.Column("condition", sa.String(), nullable=False),
        sa.Column("stance", sa.String(), nullable=False),
        sa.Column("regions", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(
            ["statement_id"],
            ["statement.id"],
            name=op.f("fk_statement_condition_statement_id_statement"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_statement_condition")),
    )
    op.create_index(op.f("ix_statement_condition_condition"), "statement_condition", ["condition"])
    op.create_index(
        op.f("ix_statement_condition_statement_id"), "statement_condition", ["statement_id"]
    )
    op.create_table(
        "source",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("statement_id", sa.Integer(), nullable=False),
        sa.Column("article_id", sa.Integer(), nullable=False),
        sa.Column("evidence", sa.Text(), nullable=False),
        sa.Column("start", sa.Integer(), nullable=False),
        sa.Column("end", sa.Integer(), nullable=False),
        sa.Column("quote", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["article_id"],
            ["article.id"],
            name=op.f("fk_source_article_id_article"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["statement_id"],
            ["statement.id"],
            name=op.f("fk_source_statement_id_statement"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_source")),
        sa.UniqueConstraint(
            "statement_id",
            "article_id",
            "start",
            name=op.f("uq_source_statement_id_article_id_start"),
        ),
    )
    op.create_index(op.f("ix_source_article_id"), "source", ["article_id"])


def downgrade() -> None:
    """Drop everything `upgrade` created, dependants first."""
    op.drop_table("source")
    op.drop_table("statement_condition")
    op.drop_table("statement")
    op.drop_table("speaker")
    op.drop_table("article")
