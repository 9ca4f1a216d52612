"""An index of the statement tally by speaker, so a named speaker's totals and facets seek
that speaker's rows instead of reading every speaker's rows of the slice.

Revision ID: 0018
Revises: 0017
Create Date: 2026-12-05
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0018"
down_revision: str | None = "0017"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Create ix_statement_tally_by_speaker."""
    op.create_index(
        "ix_statement_tally_by_speaker",
        "statement_tally",
        ["grain", "speaker_id", "stance", "region", "condition", "statements"],
    )


def downgrade() -> None:
    """Drop ix_statement_tally_by_speaker."""
    op.drop_index("ix_statement_tally_by_speaker", table_name="statement_tally")
