"""Merging speakers and statements, splitting a report off: what moves, what is kept,
and that later ingests respect it."""

import pytest
from factories import LAVROV, PUTIN, FakeEngine, extraction, statement
from sqlmodel import Session, select
from test_crud import ISW, NO_CEASEFIRE, REJECTED, RT, ingest

from app.crud.merges import merge_speakers, merge_statements, split_source, statement_alias
from app.crud.review import ReviewError, StatementPatch, list_changes, review_statement
from app.crud.users import create_user
from app.extraction.records import SpeakerEntry
from app.models import Source, Speaker, SpeakerAlias, Statement, User

LAVROV_SPELT = SpeakerEntry("sergei-lavrov", "Sergei Lavrov", "Russia", "person")
LATER = "Lavrov restated that there should be no ceasefire.\n"


@pytest.fixture
def editor(session: Session) -> User:
    return create_user(session, name="anna", password="a long password")


def _speaker(session: Session, slug: str) -> Speaker | None:
    return session.exec(select(Speaker).where(Speaker.slug == slug)).first()


def test_a_merged_speaker_becomes_an_alias_that_later_ingests_resolve(
    session: Session, editor: User
) -> None:
    ingest(
        session,
        RT,
        FakeEngine({RT: extraction([statement(RT, NO_CEASEFIRE, speaker=LAVROV_SPELT)])}),
    )
    ingest(session, ISW, FakeEngine({ISW: extraction([statement(ISW, REJECTED, speaker=LAVROV)])}))

    moved = merge_speakers(
        session, merged_slug="sergei-lavrov", into_slug="sergey-lavrov", editor=editor
    )

    assert moved == 1
    assert _speaker(session, "sergei-lavrov") is None
    assert session.get(SpeakerAlias, "sergei-lavrov").name == "Sergei Lavrov"
    assert {s.speaker.slug for s in session.exec(select(Statement))} == {"sergey-lavrov"}
    [change] = [c for s in session.exec(select(Statement.id)) for c in list_changes(session, s)]
    assert (change.field, change.old_value, change.new_value) == (
        "speaker",
        "Sergei Lavrov",
        "Sergey Lavrov",
    )

    text = "Lavrov again\n\n" + LATER
    ingest(
        session,
        text,
        FakeEngine(
            {
                text: extraction(
                    [statement(text, LATER.strip(), speaker=LAVROV_SPELT, date="2024-08-01")]
                )
            }
        ),
    )
    assert _speaker(session, "sergei-lavrov") is None
    assert len(_speaker(session, "sergey-lavrov").statements) == 3


def test_merging_a_speaker_into_itself_or_an_unknown_one_is_refused(
    session: Session, editor: User
) -> None:
    with pytest.raises(ReviewError, match="into itself"):
        merge_speakers(session, merged_slug="a", into_slug="a", editor=editor)
    with pytest.raises(ReviewError, match="no speaker 'nobody'"):
        merge_speakers(session, merged_slug="nobody", into_slug="vladimir-putin", editor=editor)


def test_an_editors_side_survives_the_gazetteer_on_later_ingests(
    session: Session, editor: User
) -> None:
    ingest(session, RT, FakeEngine({RT: extraction([statement(RT, NO_CEASEFIRE)])}))
    stored = session.exec(select(Statement)).one()
    review_statement(
        session,
        statement_id=stored.id,
        patch=StatementPatch(side="Russian Federation"),
        editor=editor,
    )

    ingest(session, ISW, FakeEngine({ISW: extraction([statement(ISW, REJECTED, speaker=PUTIN)])}))

    assert _speaker(session, "vladimir-putin").side == "Russian Federation"


def _two_statements(session: Session) -> tuple[Statement, Statement]:
    ingest(
        session, RT, FakeEngine({RT: extraction([statement(RT, NO_CEASEFIRE, date="2024-07-05")])})
    )
    ingest(
        session,
        ISW,
        FakeEngine(
            {
                ISW: extraction(
                    [
                        statement(
                            ISW, REJECTED, date="2024-06-01", conditions=[("territory", "demand")]
                        )
                    ]
                )
            }
        ),
    )
    first, second = session.exec(select(Statement).order_by(Statement.id)).all()
    return first, second


def test_merged_statements_join_reports_and_conditions_and_the_old_id_leads_on(
    session: Session, editor: User
) -> None:
    first, second = _two_statements(session)
    second_id = second.id

    merge_statements(session, kept_id=first.id, merged_id=second_id, editor=editor)

    assert session.get(Statement, second_id) is None
    assert statement_alias(session, second_id) == first.id
    assert {(c.condition, c.stance) for c in first.conditions} == {
        ("ceasefire", "reject"),
        ("territory", "demand"),
    }
    assert len(first.sources) == 2 and first.status == "edited"
    assert [c.field for c in list_changes(session, first.id)] == ["merged"]


def test_merging_statements_of_two_speakers_is_refused(session: Session, editor: User) -> None:
    ingest(session, RT, FakeEngine({RT: extraction([statement(RT, NO_CEASEFIRE)])}))
    ingest(session, ISW, FakeEngine({ISW: extraction([statement(ISW, REJECTED, speaker=LAVROV)])}))
    first, second = session.exec(select(Statement).order_by(Statement.id)).all()

    with pytest.raises(ReviewError, match="correct the speaker first"):
        merge_statements(session, kept_id=first.id, merged_id=second.id, editor=editor)


def test_a_report_split_off_becomes_a_statement_of_its_own(session: Session, editor: User) -> None:
    first, second = _two_statements(session)
    merge_statements(session, kept_id=first.id, merged_id=second.id, editor=editor)
    isw_source = session.exec(select(Source).where(Source.evidence == REJECTED)).one()

    new_id = split_source(session, statement_id=first.id, source_id=isw_source.id, editor=editor)

    split = session.get(Statement, new_id)
    assert [s.evidence for s in split.sources] == [REJECTED]
    assert split.evidence == REJECTED and split.status == "edited"
    assert [s.evidence for s in session.get(Statement, first.id).sources] == [NO_CEASEFIRE]
    with pytest.raises(ReviewError, match="only report"):
        split_source(session, statement_id=new_id, source_id=isw_source.id, editor=editor)
