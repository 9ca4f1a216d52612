"""Full-text search finds the same statements on every database: the same table of searches
runs against SQLite's FTS5 index and PostgreSQL's tsvector index (`pytest --db=...`)."""

import importlib.util
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlmodel import Session, select

from app.crud.fulltext import SEARCH_VECTOR, text_match, tsquery_expression
from app.models import Speaker, Statement
from app.search_query import parse_search

# (quote, evidence) of each statement, by a short name.
STATEMENTS = {
    "cease": (
        "We want a cease-fire now",
        "Putin said: \u201cWe want a cease-fire now\u201d, the Kremlin\u2019s site kremlin.ru"
        " reported.",
    ),
    "grain": (None, "Erdo\u011fan offered talks in Istanbul on 2.5 percent of the grain deal."),
    "split": ("security", "guarantees were discussed by Zelenskyy."),
    "donbas": (None, "Zelensky demanded security guarantees and a ceasefire in Donbass."),
    "nato": (None, "Lavrov rejected NATO membership for Ukraine\u2014for now."),
}

SEARCHES = [
    ("cease-fire", {"cease", "donbas"}),  # spelling variants, hyphenated or not
    ("ceasefire", {"cease", "donbas"}),
    ("cease fire", {"cease", "donbas"}),
    ("kremlin", {"cease"}),
    ("kremlin\u2019s site", {"cease"}),
    ('"kremlin s site"', {"cease"}),  # the apostrophe splits words, as in FTS5
    ("ru", {"cease"}),  # kremlin.ru is two words
    ("erdogan", {"grain"}),  # accents do not count
    ("Erdo\u011fan", {"grain"}),
    ("2.5", {"grain"}),
    ('"2 5 percent"', {"grain"}),
    ("talks_in", {"grain"}),  # the underscore separates words too
    ("_", set()),
    ("secur", {"split", "donbas"}),  # every word a prefix
    ('"secur"', set()),  # unless in quotes
    ("security guarantees", {"split", "donbas"}),
    ('"security guarantees"', {"donbas"}),  # a phrase stays within quote or evidence
    ('"security guar"', set()),
    ("security guar", {"split", "donbas"}),
    ('"demanded security guar"', set()),
    ("zelensky", {"split", "donbas"}),
    ("zelensky -donbas", {"split"}),
    ("-zelensky", {"cease", "grain", "nato"}),
    ("-zelensky -putin", {"grain", "nato"}),
    ("nato OR istanbul", {"grain", "nato"}),
    ("lavrov OR erdogan -nato", {"grain"}),
    ("ukraine now", {"nato"}),  # the em dash separates words
    ('"ukraine for now"', {"nato"}),
    ("NEAR(a b) AND ^x*", set()),  # FTS or tsquery syntax is only text
    ("a:* & b | !c", set()),
    ("'quoted' \\\\", set()),
]


@pytest.fixture
def by_name(session: Session) -> dict[int, str]:
    speaker = Speaker(slug="someone", name="Someone", side="Russia", kind="person")
    names = {}
    for name, (quote, evidence) in STATEMENTS.items():
        statement = Statement(speaker=speaker, kind="reported", quote=quote, evidence=evidence)
        session.add(statement)
        session.flush()
        names[statement.id] = name
    session.commit()
    return names


@pytest.mark.parametrize(("q", "expected"), SEARCHES)
def test_a_search_finds_the_same_statements_on_every_database(
    session: Session, by_name: dict[int, str], q: str, expected: set[str]
) -> None:
    found = session.exec(select(Statement.id).where(text_match(session, q))).all()
    assert {by_name[i] for i in found} == expected


def test_edits_and_deletions_reach_the_index(session: Session, by_name: dict[int, str]) -> None:
    ids = {name: i for i, name in by_name.items()}
    nato = session.get(Statement, ids["nato"])
    assert nato is not None
    nato.evidence = "Lavrov rejected neutrality."
    session.delete(session.get(Statement, ids["grain"]))
    session.commit()

    def found(q: str) -> set[str]:
        rows = session.exec(select(Statement.id).where(text_match(session, q))).all()
        return {by_name[i] for i in rows}

    assert found("nato") == set()
    assert found("neutrality") == {"nato"}
    assert found("istanbul") == set()


def test_the_tsquery_quotes_every_word_and_keeps_phrases_in_one_column() -> None:
    query = parse_search('putin "security guarantees" -nato')
    assert tsquery_expression(query) == (
        "('putin':*) & (('security':A <-> 'guarantees':A) | ('security':B <-> 'guarantees':B))"
        " & !('nato':*)"
    )
    assert tsquery_expression(parse_search("")) is None
    assert tsquery_expression(parse_search("_")) == ""


def test_postgresql_reads_searches_from_the_gin_index(session: Session) -> None:
    if session.get_bind().dialect.name != "postgresql":
        pytest.skip("PostgreSQL's index")
    session.exec(text("SET LOCAL enable_seqscan = off"))  # a tiny table is read whole otherwise
    query = select(Statement.id).where(text_match(session, "ceasefire OR nato"))
    compiled = query.compile(session.get_bind())
    rows = session.connection().exec_driver_sql(f"EXPLAIN {compiled}", compiled.params)
    plan = " ".join(row[0] for row in rows)
    assert "ix_statement_search" in plan


def test_the_query_spells_the_vector_as_the_index_does() -> None:
    # PostgreSQL reads an expression index only for a query spelling it identically.
    path = Path(__file__).parents[2] / "migrations/versions/0002_statement_fulltext.py"
    spec = importlib.util.spec_from_file_location("migration_0002", path)
    assert spec is not None and spec.loader is not None
    migration = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(migration)
    assert migration.SEARCH_VECTOR == SEARCH_VECTOR
