"""The engine's reasons for doubt on each statement, for the review queue.

Statements stored before this migration get no reasons (an empty list); `python -m app
reextract` gives machine-extracted ones theirs.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-02
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Add statement.doubts (JSON list) and statement.doubt_count, indexed with status."""
    with op.batch_alter_table("statement") as batch:
        batch.add_column(sa.Column("doubts", sa.JSON(), nullable=False, server_default="[]"))
        batch.add_column(sa.Column("doubt_count", sa.Integer(), nullable=False, server_default="0"))
    op.create_index("ix_statement_review_queue", "statement", ["status", "doubt_count", "id"])


def downgrade() -> None:
    op.drop_index("ix_statement_review_queue", table_name="statement")
    with op.batch_alter_table("statement") as batch:
        batch.drop_column("doubt_count")
        batch.drop_column("doubts")
