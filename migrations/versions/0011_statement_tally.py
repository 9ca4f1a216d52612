"""The statement tally (app/crud/tally.py): counts of statements by year and by month,
speaker, kind, date precision, review status, condition, stance and region, kept on every
write, so the timeline's totals and facets do not scan every statement. Migration 0015
adds columns to it and then counts the stored statements into it.

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-02
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0011"
down_revision: str | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Create the tally (counted by migration 0015, once it has all its columns)."""
    op.create_table(
        "statement_tally",
        sa.Column("grain", sa.String(), nullable=False),
        sa.Column("condition", sa.String(), nullable=False),
        sa.Column("stance", sa.String(), nullable=False),
        sa.Column("region", sa.String(), nullable=False),
        sa.Column("first", sa.String(), nullable=False),
        sa.Column("last", sa.String(), nullable=False),
        sa.Column("speaker_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(), nullable=False),
        sa.Column("precision", sa.String(), nullable=False),
        sa.Column("status", sa.String(), nullable=False),
        sa.Column("statements", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint(
            "grain",
            "condition",
            "stance",
            "region",
            "first",
            "last",
            "speaker_id",
            "kind",
            "precision",
            "status",
            name=op.f("pk_statement_tally"),
        ),
        # Stored in its key's order in SQLite: a facet reads one contiguous stretch.
        sqlite_with_rowid=False,
    )
    op.create_index(
        "ix_statement_tally_by_stance",
        "statement_tally",
        ["grain", "stance", "region", "condition", "statements"],
    )


def downgrade() -> None:
    """Drop the tally."""
    op.drop_table("statement_tally")
