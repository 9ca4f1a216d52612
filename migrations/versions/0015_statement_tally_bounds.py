"""The statement tally keeps each row's earliest and latest statement date (with its
basis), so the Compare page's cells read their first and last dates from it; then the
stored statements are counted into it afresh (app/crud/tally.py `rebuild`).

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-03
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import context, op

from app.crud.tally import rebuild

revision: str = "0015"
down_revision: str | None = "0014"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Add the two columns and count every statement into the tally."""
    # Plain ADD COLUMN: batch mode would copy the table, which SQLite does not need here.
    op.add_column("statement_tally", sa.Column("earliest", sa.String(), nullable=True))
    op.add_column("statement_tally", sa.Column("latest", sa.String(), nullable=True))
    if not context.is_offline_mode():  # a rendered SQL script has no rows to count
        rebuild(op.get_bind())


def downgrade() -> None:
    """Drop the two columns."""
    op.drop_column("statement_tally", "latest")
    op.drop_column("statement_tally", "earliest")
