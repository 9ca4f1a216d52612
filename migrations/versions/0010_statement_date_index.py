"""An index on the first day a statement's date may mean (app/crud/search.py `date_start`),
so the timeline's first page (newest first, undated last) is read from the index instead
of sorting every matching statement. The expression is spelled exactly as the query spells
it: SQLite and PostgreSQL use an expression index only for an identical expression.

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-02
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0010"
down_revision: str | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

DATE_START = (
    "(CASE WHEN (length(date) = 4) THEN date || '-01-01' "
    "WHEN (length(date) = 7) THEN date || '-01' ELSE date END)"
)


def upgrade() -> None:
    """Add the index."""
    op.execute(f"CREATE INDEX ix_statement_date_start ON statement ({DATE_START}, id)")


def downgrade() -> None:
    """Drop it."""
    op.execute("DROP INDEX ix_statement_date_start")
