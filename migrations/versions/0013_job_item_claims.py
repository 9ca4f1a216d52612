"""Ingest job items record which worker claimed them and when, and are indexed as the
workers' queue: several `python -m app worker` processes (and the web process's own
thread) share one queue without taking an item twice, and an item whose worker died is
taken again once its claim is stale (app/crud/jobs.py `claim_item`).

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-02
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0013"
down_revision: str | None = "0012"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Add claimed_by and claimed_at, and the queue's index."""
    op.add_column("ingest_job_item", sa.Column("claimed_by", sa.String(), nullable=True))
    op.add_column(
        "ingest_job_item", sa.Column("claimed_at", sa.DateTime(timezone=True), nullable=True)
    )
    op.create_index("ix_ingest_job_item_queue", "ingest_job_item", ["state", "job_id", "position"])


def downgrade() -> None:
    """Drop them."""
    op.drop_index("ix_ingest_job_item_queue", table_name="ingest_job_item")
    op.execute("ALTER TABLE ingest_job_item DROP COLUMN claimed_at")
    op.execute("ALTER TABLE ingest_job_item DROP COLUMN claimed_by")
