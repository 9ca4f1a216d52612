"""Statements read as plain rows in a few queries (app/crud/statements.py:
statement_rows) are the rows the ORM objects give."""

from sqlmodel import Session, select

from app.crud.statements import row_loads, statement_rows, to_row
from app.models import Statement


def test_every_statement_reads_as_the_row_its_orm_object_gives(seeded_session: Session) -> None:
    loaded = seeded_session.exec(select(Statement).options(*row_loads())).all()
    ids = [s.id for s in loaded if s.id is not None]

    rows = statement_rows(seeded_session, ids)

    assert len(ids) > 20
    assert any(row.sources and row.conditions for row in rows.values())
    assert rows == {s.id: to_row(s) for s in loaded}


def test_unknown_ids_are_left_out(seeded_session: Session) -> None:
    first = seeded_session.exec(select(Statement.id).order_by(Statement.id)).first()
    assert first is not None
    assert list(statement_rows(seeded_session, [first, 10**9])) == [first]
    assert statement_rows(seeded_session, []) == {}
