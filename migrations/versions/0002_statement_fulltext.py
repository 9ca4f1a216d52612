"""Full-text search over statements' quotes and evidence (SQLite FTS5).

The index is an external-content FTS5 table kept in step with `statement` by
triggers, so every write path (ingest, analyst edits, deletes) updates it. On
PostgreSQL this migration does nothing: the search query falls back to ILIKE there.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-22
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_CREATE = [
    """CREATE VIRTUAL TABLE statement_fts USING fts5(
        quote, evidence, content='statement', content_rowid='id',
        tokenize='unicode61 remove_diacritics 2')""",
    """CREATE TRIGGER statement_fts_insert AFTER INSERT ON statement BEGIN
        INSERT INTO statement_fts(rowid, quote, evidence)
        VALUES (new.id, new.quote, new.evidence);
    END""",
    """CREATE TRIGGER statement_fts_delete AFTER DELETE ON statement BEGIN
        INSERT INTO statement_fts(statement_fts, rowid, quote, evidence)
        VALUES ('delete', old.id, old.quote, old.evidence);
    END""",
    """CREATE TRIGGER statement_fts_update AFTER UPDATE OF quote, evidence ON statement BEGIN
        INSERT INTO statement_fts(statement_fts, rowid, quote, evidence)
        VALUES ('delete', old.id, old.quote, old.evidence);
        INSERT INTO statement_fts(rowid, quote, evidence)
        VALUES (new.id, new.quote, new.evidence);
    END""",
    "INSERT INTO statement_fts(statement_fts) VALUES ('rebuild')",
]
_DROP = [
    "DROP TRIGGER IF EXISTS statement_fts_update",
    "DROP TRIGGER IF EXISTS statement_fts_delete",
    "DROP TRIGGER IF EXISTS statement_fts_insert",
    "DROP TABLE IF EXISTS statement_fts",
]


def upgrade() -> None:
    """Create the FTS5 index and its triggers, and index the existing statements."""
    if op.get_context().dialect.name != "sqlite":
        return
    for sql in _CREATE:
        op.execute(sql)


def downgrade() -> None:
    """Drop the index and its triggers."""
    if op.get_context().dialect.name != "sqlite":
        return
    for sql in _DROP:
        op.execute(sql)
