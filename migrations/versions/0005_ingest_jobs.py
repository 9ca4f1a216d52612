"""Background ingest jobs (files, pasted text, URLs) and the article's author and URL index.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-02
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Create ingest_job and ingest_job_item; add article.author and index article.url."""
    with op.batch_alter_table("article") as batch:
        batch.add_column(sa.Column("author", sa.String(), nullable=True))
    op.create_index(op.f("ix_article_url"), "article", ["url"])
    op.create_table(
        "ingest_job",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("created_by", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("finished_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("state", sa.String(), nullable=False),
        sa.Column("meta", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(
            ["created_by"], ["user_account.id"], name=op.f("fk_ingest_job_created_by_user_account")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_ingest_job")),
    )
    op.create_index(op.f("ix_ingest_job_state"), "ingest_job", ["state"])
    op.create_table(
        "ingest_job_item",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("job_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(), nullable=False),
        sa.Column("label", sa.String(), nullable=False),
        sa.Column("payload", sa.LargeBinary(), nullable=True),
        sa.Column("state", sa.String(), nullable=False),
        sa.Column("message", sa.Text(), nullable=True),
        sa.Column("article_id", sa.Integer(), nullable=True),
        sa.Column("statements_new", sa.Integer(), nullable=False),
        sa.Column("statements_merged", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["article_id"],
            ["article.id"],
            name=op.f("fk_ingest_job_item_article_id_article"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["job_id"],
            ["ingest_job.id"],
            name=op.f("fk_ingest_job_item_job_id_ingest_job"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_ingest_job_item")),
    )
    op.create_index(op.f("ix_ingest_job_item_job_id"), "ingest_job_item", ["job_id"])


def downgrade() -> None:
    op.drop_index(op.f("ix_ingest_job_item_job_id"), table_name="ingest_job_item")
    op.drop_table("ingest_job_item")
    op.drop_index(op.f("ix_ingest_job_state"), table_name="ingest_job")
    op.drop_table("ingest_job")
    op.drop_index(op.f("ix_article_url"), table_name="article")
    with op.batch_alter_table("article") as batch:
        batch.drop_column("author")
