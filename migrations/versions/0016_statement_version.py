"""Statements get a version number (optimistic locking): every change adds one, and an
editor's save or API write based on an older version is refused instead of overwriting
what someone else saved meanwhile.

Revision ID: 0016
Revises: 0015
Create Date: 2026-12-04
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0016"
down_revision: str | None = "0015"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Add statement.version, 1 for every stored statement."""
    # Plain ADD COLUMN with a constant default: no table copy on SQLite, and on PostgreSQL
    # 11+ no rewrite of the table either.
    op.add_column(
        "statement", sa.Column("version", sa.Integer(), nullable=False, server_default="1")
    )


def downgrade() -> None:
    """Drop statement.version."""
    # Plain DROP COLUMN (SQLite 3.35+): batch mode would copy the table and lose the
    # indexes on expressions that earlier migrations made by raw SQL.
    op.drop_column("statement", "version")
