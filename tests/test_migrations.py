"""The Alembic migrations build exactly the tables the models describe."""

import io
from collections.abc import Callable

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect
from sqlmodel import SQLModel

from app.db import (
    FULLTEXT_TABLE,
    GENERATION_TABLE,
    alembic_config,
    create_db_engine,
    include_object,
    upgrade_database,
)


def schema(inspector_target: object) -> dict[str, object]:
    """Tables with their columns (name, nullable), indexes and unique constraints."""
    inspector = inspect(inspector_target)
    return {
        table: {
            "columns": sorted((c["name"], c["nullable"]) for c in inspector.get_columns(table)),
            "indexes": sorted(
                i["name"] or ""
                for i in inspector.get_indexes(table)
                if None not in i["column_names"]  # expression indexes: not the models'
            ),
            "unique": sorted(
                tuple(u["column_names"]) for u in inspector.get_unique_constraints(table)
            ),
            "foreign_keys": sorted(
                (tuple(f["constrained_columns"]), f["referred_table"])
                for f in inspector.get_foreign_keys(table)
            ),
        }
        for table in sorted(inspector.get_table_names())
        if table not in ("alembic_version", GENERATION_TABLE)
        and not table.startswith(FULLTEXT_TABLE)
    }


def test_upgrade_head_matches_the_models(new_database: Callable[[], str]) -> None:
    migrated = create_db_engine(new_database())
    modelled = create_db_engine(new_database())
    upgrade_database(str(migrated.url))
    SQLModel.metadata.create_all(modelled)

    assert set(schema(migrated)) == {
        "article",
        "speaker",
        "statement",
        "statement_condition",
        "source",
        "user_account",
        "statement_change",
        "ingest_job",
        "ingest_job_item",
        "speaker_alias",
        "statement_alias",
        "statement_tally",
    }
    assert schema(migrated) == schema(modelled)
    with migrated.connect() as connection:
        context = MigrationContext.configure(connection, opts={"include_object": include_object})
        diff = compare_metadata(context, SQLModel.metadata)
    assert diff == []
    migrated.dispose()
    modelled.dispose()


def test_upgrade_is_idempotent_and_downgrade_removes_everything(
    new_database: Callable[[], str],
) -> None:
    url = new_database()
    upgrade_database(url)
    upgrade_database(url)

    command.downgrade(alembic_config(url), "base")

    engine = create_db_engine(url)
    assert inspect(engine).get_table_names() == ["alembic_version"]
    engine.dispose()


def test_the_migration_renders_for_postgresql() -> None:
    config = alembic_config("postgresql+psycopg://user@localhost/tracker")
    config.output_buffer = io.StringIO()

    command.upgrade(config, "head", sql=True)

    sql = config.output_buffer.getvalue()
    assert "CREATE TABLE statement_condition" in sql
    assert "regions JSON NOT NULL" in sql
    assert "ingested_at TIMESTAMP WITH TIME ZONE NOT NULL" in sql
    assert "CREATE TABLE user_account" in sql
    assert "CREATE TABLE statement_change" in sql
    assert "CREATE INDEX ix_statement_search ON statement USING gin" in sql


def test_content_hashes_are_recomputed_over_the_stripped_text(
    new_database: Callable[[], str],
) -> None:
    import hashlib

    from sqlalchemy import text as sql

    url = new_database()
    command.upgrade(alembic_config(url), "0007")
    engine = create_db_engine(url)
    raw = "Headline\n\nPutin said so.\n\n\n"
    with engine.begin() as connection:
        for n, (text, digest) in enumerate(
            [(raw, hashlib.sha256(raw.encode()).hexdigest()), (raw.strip(), "f" * 64)]
        ):
            connection.execute(
                sql(
                    "INSERT INTO article (id, content_hash, file_name, text, published_basis, "
                    "ingested_at) VALUES (:id, :h, 'a.txt', :t, 'none', '2026-01-01')"
                ),
                {"id": n + 1, "h": digest, "t": text},
            )

    upgrade_database(url)

    with engine.connect() as connection:
        hashes = dict(connection.execute(sql("SELECT id, content_hash FROM article")).all())
    stripped = hashlib.sha256(raw.strip().encode()).hexdigest()
    assert hashes[1] == stripped  # recomputed
    assert hashes[2] == "f" * 64  # its twin kept its old hash: no collision
    engine.dispose()


def test_stored_region_spellings_become_one_name(new_database: Callable[[], str]) -> None:
    from sqlmodel import Session, select

    from app.models import Speaker, Statement, StatementCondition

    url = new_database()
    upgrade_database(url)
    engine = create_db_engine(url)
    typed = [["Donbass", "Crimea", "Kyiv region"], ["Zaporozhye", "Zaporizhzhia"], []]
    with Session(engine) as session:
        speaker = Speaker(
            slug="vladimir-putin", name="Vladimir Putin", side="Russia", kind="person"
        )
        statement = Statement(speaker=speaker, kind="reported", evidence="Putin said so.")
        for regions in typed:
            statement.conditions.append(
                StatementCondition(condition="territory", stance="demand", regions=regions)
            )
        session.add(statement)
        session.commit()
    command.downgrade(alembic_config(url), "0008")

    upgrade_database(url)

    with Session(engine) as session:
        stored = session.exec(select(StatementCondition.regions).order_by(StatementCondition.id))
        assert list(stored) == [["Donbas", "Crimea", "Kyiv region"], ["Zaporizhzhia"], []]
    engine.dispose()
