"""An index on (speaker, first day of the date, id), so one speaker's timeline page and
chart points are read newest first from the index instead of sorting all their statements
(the expression is migration 0010's, spelled as app/crud/search.py `date_start` spells it).

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-02
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0014"
down_revision: str | None = "0013"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Migration 0010's expression, repeated: a migration is a snapshot and imports no other.
DATE_START = (
    "(CASE WHEN (length(date) = 4) THEN date || '-01-01' "
    "WHEN (length(date) = 7) THEN date || '-01' ELSE date END)"
)


def upgrade() -> None:
    """Add the index."""
    op.execute(
        f"CREATE INDEX ix_statement_speaker_date_start ON statement (speaker_id, {DATE_START}, id)"
    )


def downgrade() -> None:
    """Drop it."""
    op.execute("DROP INDEX ix_statement_speaker_date_start")
