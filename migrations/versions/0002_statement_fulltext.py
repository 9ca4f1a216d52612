"""Full-text search over statements' quotes and evidence (SQLite FTS5, PostgreSQL tsvector).

On SQLite the index is an external-content FTS5 table kept in step with `statement` by
triggers, so every write path (ingest, analyst edits, deletes) updates it. On PostgreSQL
it is a GIN index on a tsvector expression over quote (weight A) and evidence (weight B),
read as SQLite's unicode61 tokenizer reads them: separators turned into spaces first, no
stemming (a copy of the 'simple' configuration), accents removed (with the unaccent
extension, when the server has it). app/crud/fulltext.py spells the same expression: an
expression index serves only a query that spells it identically.

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


# PostgreSQL. The characters unicode61 reads as separators in the blocks news text uses
# (ASCII and Latin-1 punctuation and symbols, general punctuation, currency, arrows, maths,
# shapes, dingbats); elsewhere the server's own parser decides.
_SEPARATORS = (
    r"[\u0001-\u002F\u003A-\u0040\u005B-\u0060\u007B-\u00A9\u00AB-\u00B1\u00B4"
    r"\u00B6-\u00B8\u00BB\u00BF\u00D7\u00F7\u2000-\u206F\u20A0-\u20CF\u2190-\u23FF"
    r"\u2500-\u2775\u2794-\u27BF]"
)


def _vector(column: str) -> str:
    return f"to_tsvector('tracker_search', regexp_replace({column}, '{_SEPARATORS}', ' ', 'g'))"


_QUOTE = "coalesce(quote, '')"
SEARCH_VECTOR = f"setweight({_vector(_QUOTE)}, 'A') || setweight({_vector('evidence')}, 'B')"
_PG_CREATE = [
    "CREATE TEXT SEARCH CONFIGURATION tracker_search (COPY = simple)",
    # Accents removed as unicode61's remove_diacritics does, if the extension is there and
    # ours to create (it is a trusted extension: a database owner may).
    """DO $$ BEGIN
        IF EXISTS (SELECT 1 FROM pg_available_extensions WHERE name = 'unaccent') THEN
            CREATE EXTENSION IF NOT EXISTS unaccent;
            ALTER TEXT SEARCH CONFIGURATION tracker_search
                ALTER MAPPING FOR word, numword, hword, numhword, hword_part, hword_numpart
                WITH unaccent, simple;
        END IF;
    EXCEPTION WHEN insufficient_privilege THEN
        RAISE NOTICE 'unaccent not available: searches will not fold accents';
    END $$""",
    f"CREATE INDEX ix_statement_search ON statement USING gin (({SEARCH_VECTOR}))",
]
_PG_DROP = [
    "DROP INDEX IF EXISTS ix_statement_search",
    "DROP TEXT SEARCH CONFIGURATION IF EXISTS tracker_search",
]


def upgrade() -> None:
    """Create the full-text index (FTS5 and its triggers, or a GIN index) over the existing
    statements."""
    dialect = op.get_context().dialect.name
    if dialect == "sqlite":
        for sql in _CREATE:
            op.execute(sql)
    elif dialect == "postgresql":
        for sql in _PG_CREATE:
            op.execute(sql)


def downgrade() -> None:
    """Drop the index (and its triggers)."""
    dialect = op.get_context().dialect.name
    if dialect == "sqlite":
        for sql in _DROP:
            op.execute(sql)
    elif dialect == "postgresql":
        for sql in _PG_DROP:
            op.execute(sql)
