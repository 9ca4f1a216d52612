"""The de-duplication key of a statement (app/dedupe.py `quote_hash`) stored and indexed
with its speaker, and the speaker's statements indexed by date: finding an earlier report
of the same utterance at ingest is two index lookups instead of a scan of the speaker's
whole record. Filled here from the stored quotes.

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-02
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import context, op

from app.dedupe import quote_hash

revision: str = "0012"
down_revision: str | None = "0011"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

BATCH = 5_000


def upgrade() -> None:
    """Add statement.quote_hash, fill it, and index it and the date by speaker."""
    # Plain ALTER TABLE, not batch mode: rebuilding the table on SQLite would drop the
    # full-text triggers and the expression index of 0010.
    op.add_column("statement", sa.Column("quote_hash", sa.String(length=64), nullable=True))
    _fill()
    op.create_index("ix_statement_speaker_quote_hash", "statement", ["speaker_id", "quote_hash"])
    op.create_index("ix_statement_speaker_date", "statement", ["speaker_id", "date"])


def _fill() -> None:
    if context.is_offline_mode():
        return  # a data migration: nothing to render as SQL
    connection = op.get_bind()
    statement = sa.table(
        "statement",
        sa.column("id", sa.Integer),
        sa.column("quote", sa.Text),
        sa.column("quote_hash", sa.String),
    )
    last = 0
    while True:
        rows = connection.execute(
            sa.select(statement.c.id, statement.c.quote)
            .where(statement.c.id > last, statement.c.quote.is_not(None))
            .order_by(statement.c.id)
            .limit(BATCH)
        ).all()
        if not rows:
            break
        last = rows[-1].id
        keyed = [{"row_id": r.id, "digest": quote_hash(r.quote)} for r in rows]
        keyed = [k for k in keyed if k["digest"] is not None]
        if keyed:
            connection.execute(
                sa.update(statement)
                .where(statement.c.id == sa.bindparam("row_id"))
                .values(quote_hash=sa.bindparam("digest")),
                keyed,
            )


def downgrade() -> None:
    """Drop the indexes and the column."""
    op.drop_index("ix_statement_speaker_date", table_name="statement")
    op.drop_index("ix_statement_speaker_quote_hash", table_name="statement")
    op.execute("ALTER TABLE statement DROP COLUMN quote_hash")
