"""A data generation: one number that every write to what the pages show moves on, kept by
triggers in the database itself, so every writer (the app, `ingest`, workers on other
machines, a restore, plain SQL) moves it. Web processes key their cache of rendered pages
on it (app/web/page_cache.py): a page is served again only while the number is unchanged.

Revision ID: 0017
Revises: 0016
Create Date: 2026-12-05
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0017"
down_revision: str | None = "0016"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Every table a page, fragment or API answer reads. Not the tally (written only with
# statements), not the ingest queue (its pages are not cached).
WATCHED = (
    "article",
    "speaker",
    "speaker_alias",
    "statement",
    "statement_alias",
    "statement_change",
    "statement_condition",
    "source",
    "user_account",
)
_ACTIONS = ("INSERT", "UPDATE", "DELETE")


def upgrade() -> None:
    """Create data_generation with its one row, and the triggers that move it."""
    op.create_table(
        "data_generation",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("generation", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_data_generation")),
    )
    op.execute("INSERT INTO data_generation (id, generation) VALUES (1, 1)")
    if op.get_context().dialect.name == "postgresql":
        # Once per transaction: each UPDATE of the one row makes a new version of it that
        # the next must step over until the transaction ends, so a transaction of 200,000
        # INSERT statements (bench/fill.py) slowed to a crawl when every one moved it. A
        # transaction-local setting (gone at its end, undone with a rolled-back savepoint)
        # says it has moved already.
        op.execute(
            "CREATE FUNCTION next_data_generation() RETURNS trigger LANGUAGE plpgsql AS $$ "
            "BEGIN "
            "IF current_setting('tracker.generation_moved', true) IS DISTINCT FROM 'on' THEN "
            "UPDATE data_generation SET generation = generation + 1 WHERE id = 1; "
            "PERFORM set_config('tracker.generation_moved', 'on', true); "
            "END IF; "
            "RETURN NULL; END $$"
        )
        for table in WATCHED:
            op.execute(
                f"CREATE TRIGGER {table}_moves_generation AFTER INSERT OR UPDATE OR DELETE "
                f"OR TRUNCATE ON {table} FOR EACH STATEMENT "
                "EXECUTE FUNCTION next_data_generation()"
            )
    else:
        # SQLite has row triggers only; one update of a one-row table is cheap beside the
        # row's own write (and its indexes and full-text entry).
        for table in WATCHED:
            for action in _ACTIONS:
                op.execute(
                    f"CREATE TRIGGER {table}_{action.lower()}_moves_generation "
                    f"AFTER {action} ON {table} BEGIN "
                    "UPDATE data_generation SET generation = generation + 1 WHERE id = 1; END"
                )


def downgrade() -> None:
    """Drop the triggers and data_generation."""
    if op.get_context().dialect.name == "postgresql":
        for table in WATCHED:
            op.execute(f"DROP TRIGGER {table}_moves_generation ON {table}")
        op.execute("DROP FUNCTION next_data_generation()")
    else:
        for table in WATCHED:
            for action in _ACTIONS:
                op.execute(f"DROP TRIGGER {table}_{action.lower()}_moves_generation")
    op.drop_table("data_generation")
