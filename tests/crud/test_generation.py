"""The data generation moves on every write, and results remembered with it are computed
again once it has moved (app/crud/generation.py)."""

import sqlite3
from contextlib import closing
from pathlib import Path

import pytest
from sqlalchemy import Engine, text
from sqlmodel import Session, select

from app.crud.generation import data_generation, file_generation, remembered
from app.crud.review import StatementPatch, review_statement
from app.crud.search import facet_counts
from app.crud.users import create_user
from app.filters import StatementFilters
from app.models import Statement


def test_a_remembered_result_holds_until_a_write_moves_the_generation(
    seeded_session: Session,
) -> None:
    computed = []

    def compute() -> int:
        computed.append(1)
        return len(computed)

    first = remembered(seeded_session, "k", compute)
    again = remembered(seeded_session, "k", compute)
    other_key = remembered(seeded_session, "other", compute)
    before = data_generation(seeded_session)
    seeded_session.execute(text("UPDATE speaker SET name = name || ' '"))
    seeded_session.commit()
    after_write = remembered(seeded_session, "k", compute)

    assert (first, again, other_key, after_write) == (1, 1, 2, 3)
    assert data_generation(seeded_session) > before


def test_two_databases_never_share_a_result(seeded_session: Session, engine: Engine) -> None:
    with Session(engine) as empty:
        assert data_generation(empty) == data_generation(empty)  # readable, not moved
        assert remembered(seeded_session, "k", lambda: "seeded") == "seeded"
        assert remembered(empty, "k", lambda: "empty") == "empty"


def test_a_speakers_facet_counts_follow_a_review_at_once(seeded_session: Session) -> None:
    editor = create_user(seeded_session, name="anna", password="a long password")
    statement = seeded_session.exec(select(Statement).order_by(Statement.id)).first()
    assert statement is not None
    slug = statement.speaker.slug
    chosen = StatementFilters(speakers=(slug,))

    def statements_of(facets) -> int:
        return {f.value: f.count for f in facets["speaker"]}[slug]

    before = statements_of(facet_counts(seeded_session, chosen))
    review_statement(
        seeded_session,
        statement_id=statement.id,
        patch=StatementPatch(status="rejected"),
        editor=editor,
    )

    assert statements_of(facet_counts(seeded_session, chosen)) == before - 1


@pytest.mark.sqlite_only(reason="reads a SQLite file over a connection of its own")
def test_a_sqlite_files_generation_is_read_without_a_session_and_sees_each_write(
    seeded_session: Session,
) -> None:
    url = str(seeded_session.get_bind().url)
    before = file_generation(url)
    seeded_session.execute(text("UPDATE speaker SET name = name || ' '"))
    seeded_session.commit()

    after = file_generation(url)
    assert before is not None and after is not None
    assert before < after == data_generation(seeded_session)


def test_a_new_file_at_the_same_path_is_read_afresh(tmp_path: Path) -> None:
    path = tmp_path / "tracker.db"

    def database_at(generation: int) -> Path:
        made = tmp_path / f"made-{generation}.db"
        with closing(sqlite3.connect(made)) as plain, plain:
            plain.execute("CREATE TABLE data_generation (id INTEGER PRIMARY KEY, generation INT)")
            plain.execute("INSERT INTO data_generation VALUES (1, ?)", (generation,))
        return made

    database_at(4).replace(path)
    first = file_generation(f"sqlite:///{path}")
    database_at(9).replace(path)  # a restore by another tool, or a new database
    assert (first, file_generation(f"sqlite:///{path}")) == (4, 9)
    path.unlink()
    assert file_generation(f"sqlite:///{path}") is None  # gone: the caller asks a session


@pytest.mark.parametrize(
    "url", ["sqlite://", "sqlite:///:memory:", "postgresql+psycopg://u@localhost/tracker"]
)
def test_other_databases_are_not_read_this_way(url: str) -> None:
    assert file_generation(url) is None
