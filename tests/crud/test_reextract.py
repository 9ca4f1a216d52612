"""Re-extraction: machine statements follow the engine, analyst work stays, ids are stable."""

import datetime as dt

import pytest
from factories import LAVROV, FakeEngine, extraction, statement
from sqlmodel import Session, select
from test_crud import ingest

from app.crud.reextract import reextract_all, reextract_article
from app.crud.review import StatementPatch, review_statement
from app.crud.users import create_user
from app.models import Article, Source, Statement

TEXT = (
    "Kremlin and Kyiv set out terms\n\n"
    "Putin said there should be no ceasefire or any kind of pause. "
    "Lavrov said Kyiv must renounce NATO membership. "
    "Putin stressed that Kyiv must withdraw its troops from Donbass."
)
NO_CEASEFIRE = "Putin said there should be no ceasefire or any kind of pause."
NATO = "Lavrov said Kyiv must renounce NATO membership."
WITHDRAW = "Putin stressed that Kyiv must withdraw its troops from Donbass."


def _first_reading() -> FakeEngine:
    return FakeEngine(
        {
            TEXT: extraction(
                [
                    statement(TEXT, NO_CEASEFIRE, date="2024-07", precision="month"),
                    statement(
                        TEXT, NATO, speaker=LAVROV, conditions=[("nato-non-membership", "demand")]
                    ),
                ]
            )
        }
    )


def _second_reading() -> FakeEngine:
    # The engine now dates the first to the day, no longer finds Lavrov's, finds a third.
    return FakeEngine(
        {
            TEXT: extraction(
                [
                    statement(TEXT, NO_CEASEFIRE, date="2024-07-05"),
                    statement(TEXT, WITHDRAW, conditions=[("territory", "demand")]),
                ]
            )
        }
    )


@pytest.fixture
def article_id(session: Session) -> int:
    return ingest(session, TEXT, _first_reading()).article_id


def _by_evidence(session: Session) -> dict[str, Statement]:
    return {s.evidence: s for s in session.exec(select(Statement))}


def test_machine_statements_follow_the_new_reading_and_keep_their_ids(
    session: Session, article_id: int
) -> None:
    before = _by_evidence(session)
    ceasefire_id = before[NO_CEASEFIRE].id

    result = reextract_article(session, article_id, extract=_second_reading())

    assert (result.added, result.changed, result.removed, result.kept) == (1, 1, 1, 0)
    after = _by_evidence(session)
    assert set(after) == {NO_CEASEFIRE, WITHDRAW}
    assert after[NO_CEASEFIRE].id == ceasefire_id
    assert (after[NO_CEASEFIRE].date, after[NO_CEASEFIRE].date_precision) == ("2024-07-05", "day")
    assert [m.statement_id for m in result.moves] == [ceasefire_id]
    assert session.exec(select(Source)).all()  # sources of the survivors remain


def test_reviewed_statements_stay_exactly_as_the_editor_left_them(
    session: Session, article_id: int
) -> None:
    editor = create_user(session, name="anna", password="a long password")
    before = _by_evidence(session)
    review_statement(
        session,
        statement_id=before[NO_CEASEFIRE].id,
        patch=StatementPatch(date="2024-07-04", date_precision="day"),
        editor=editor,
    )
    review_statement(
        session,
        statement_id=before[NATO].id,
        patch=StatementPatch(status="verified"),
        editor=editor,
    )
    edited = session.get(Statement, before[NO_CEASEFIRE].id).model_dump()
    verified = session.get(Statement, before[NATO].id).model_dump()

    result = reextract_article(session, article_id, extract=_second_reading())

    assert (result.added, result.changed, result.removed, result.kept) == (1, 0, 0, 2)
    assert session.get(Statement, before[NO_CEASEFIRE].id).model_dump() == edited
    assert session.get(Statement, before[NATO].id).model_dump() == verified


def test_the_same_reading_again_changes_nothing(session: Session, article_id: int) -> None:
    result = reextract_article(session, article_id, extract=_first_reading())
    assert (result.added, result.changed, result.removed, result.kept) == (0, 0, 0, 2)


def test_a_dry_run_reports_moves_under_another_publication_date_and_stores_nothing(
    session: Session, article_id: int
) -> None:
    engine = _second_reading()
    before = {s.id: s.model_dump() for s in session.exec(select(Statement))}

    result = reextract_article(
        session, article_id, extract=engine, published=dt.date(2024, 7, 6), dry_run=True
    )

    assert engine.calls[-1][1] == dt.date(2024, 7, 6)
    assert result.moves and result.added == 1
    session.expire_all()
    assert {s.id: s.model_dump() for s in session.exec(select(Statement))} == before


def test_reextract_all_sums_every_article(session: Session, article_id: int) -> None:
    progress: list[tuple[int, int]] = []
    total = reextract_all(
        session, extract=_second_reading(), progress=lambda n, of: progress.append((n, of))
    )
    assert total.summary() == "statements: 1 added, 1 changed, 1 removed, 0 kept"
    assert progress == [(1, 1)]
    assert session.exec(select(Article)).one().id == article_id


def test_a_machine_statement_takes_the_speaker_the_engine_now_names(
    session: Session, article_id: int
) -> None:
    ceasefire_id = _by_evidence(session)[NO_CEASEFIRE].id
    renamed = FakeEngine(
        {
            TEXT: extraction(
                [
                    statement(
                        TEXT, NO_CEASEFIRE, speaker=LAVROV, date="2024-07", precision="month"
                    ),
                    statement(
                        TEXT, NATO, speaker=LAVROV, conditions=[("nato-non-membership", "demand")]
                    ),
                ]
            )
        }
    )

    result = reextract_article(session, article_id, extract=renamed)

    assert (result.changed, result.kept) == (1, 1)
    assert session.get(Statement, ceasefire_id).speaker.slug == "sergey-lavrov"
