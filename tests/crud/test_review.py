"""An editor's review: each changed field recorded, bad values refused, conflicts caught,
and reviewed statements left alone by later ingestion."""

import datetime as dt

import pytest
from factories import FakeEngine, extraction, statement
from pydantic import ValidationError
from sqlalchemy import Engine
from sqlmodel import Session, select
from test_crud import ISW, NO_CEASEFIRE, QUOTE, REJECTED, RT, ingest

from app.crud.review import (
    ConditionEdit,
    ConflictError,
    ReviewError,
    StatementPatch,
    list_changes,
    next_in_queue,
    review_queue,
    review_statement,
)
from app.crud.users import create_user
from app.models import Speaker, Statement, User


@pytest.fixture
def editor(session: Session) -> User:
    return create_user(session, name="anna", password="a long password")


@pytest.fixture
def stored(session: Session) -> Statement:
    engine = FakeEngine({RT: extraction([statement(RT, NO_CEASEFIRE, quote=QUOTE)])})
    ingest(session, RT, engine)
    return session.exec(select(Statement)).one()


def test_verifying_records_the_status_change_with_its_comment(
    session: Session, stored: Statement, editor: User
) -> None:
    patch = StatementPatch(status="verified", comment="checked against the transcript")

    review_statement(session, statement_id=stored.id, patch=patch, editor=editor)

    assert stored.status == "verified"
    [change] = list_changes(session, stored.id)
    assert (change.editor, change.field, change.old_value, change.new_value) == (
        "anna",
        "status",
        "extracted",
        "verified",
    )
    assert change.comment == "checked against the transcript"


def test_corrections_change_the_fields_and_record_each_one(
    session: Session, stored: Statement, editor: User
) -> None:
    patch = StatementPatch(
        speaker="Sergey Lavrov",
        side="Russia",
        date="2024-07",
        date_precision="month",
        conditions=[
            {"condition": "ceasefire", "stance": "reject"},
            {"condition": "territory", "stance": "demand", "regions": ["Donbas", " ", "Donbas"]},
        ],
    )

    review_statement(session, statement_id=stored.id, patch=patch, editor=editor)

    assert stored.speaker.name == "Sergey Lavrov"
    assert session.exec(select(Speaker).where(Speaker.slug == "sergey-lavrov")).one()
    assert (stored.date, stored.date_precision, stored.date_basis) == (
        "2024-07",
        "month",
        "analyst",
    )
    assert stored.date_evidence == "by anna"
    assert [(c.condition, c.stance, c.regions) for c in stored.conditions] == [
        ("ceasefire", "reject", []),
        ("territory", "demand", ["Donbas"]),
    ]
    assert stored.status == "edited"
    changes = {c.field: (c.old_value, c.new_value) for c in list_changes(session, stored.id)}
    assert changes == {
        "speaker": ("Vladimir Putin", "Sergey Lavrov"),
        "date": ("2024-07-05 (day)", "2024-07 (month)"),
        "conditions": ("ceasefire: reject", "ceasefire: reject; territory: demand (Donbas)"),
        "status": ("extracted", "edited"),
    }


def test_a_patch_that_changes_nothing_records_nothing(
    session: Session, stored: Statement, editor: User
) -> None:
    before = stored.updated_at
    patch = StatementPatch(speaker="Vladimir Putin", kind="reported", quote=QUOTE)

    review_statement(session, statement_id=stored.id, patch=patch, editor=editor)

    assert list_changes(session, stored.id) == []
    assert stored.status == "extracted" and stored.updated_at == before


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"date": "2024-13-01", "date_precision": "day"}, "is not a real date"),
        ({"date": "2024-07", "date_precision": "day"}, "date must be YYYY-MM-DD"),
        ({"date": "2024-02-30"}, "is not a real date"),  # precision from the date's shape
        ({"conditions": [{"condition": "peace", "stance": "demand"}]}, "unknown condition"),
        ({"conditions": [{"condition": "ceasefire", "stance": "maybe"}]}, "stance"),
        ({"conditions": []}, "at least 1 item"),
        (
            {"conditions": [{"condition": "ceasefire", "stance": "reject"}] * 2},
            "ceasefire is listed twice",
        ),
        (
            {
                "conditions": [
                    {"condition": "ceasefire", "stance": "reject"},
                    {"condition": "ceasefire", "stance": "offer"},
                ]
            },
            "give each condition one stance",
        ),
        ({"status": "approved"}, "status"),
        ({"speaker": ""}, "at least 1 character"),
        ({"colour": "red"}, "Extra inputs"),
    ],
)
def test_bad_values_are_refused_with_a_message(fields: dict[str, object], message: str) -> None:
    with pytest.raises(ValidationError, match=message):
        StatementPatch.model_validate(fields)


def test_a_form_loaded_before_someone_elses_change_is_a_conflict(
    session: Session, stored: Statement, editor: User
) -> None:
    loaded = stored.updated_at - dt.timedelta(seconds=5)

    with pytest.raises(ConflictError, match="changed by someone else"):
        review_statement(
            session,
            statement_id=stored.id,
            patch=StatementPatch(status="rejected", expected_updated_at=loaded),
            editor=editor,
        )
    assert stored.status == "extracted"


def test_every_change_adds_one_to_the_version_and_no_change_adds_nothing(
    session: Session, stored: Statement, editor: User
) -> None:
    assert stored.version == 1
    versions = []
    for patch in (
        StatementPatch(status="verified", version=1),
        StatementPatch(date="2024-07", version=2),
        StatementPatch(conditions=[{"condition": "territory", "stance": "demand"}], version=3),
        StatementPatch(date="2024-07", version=4),  # as stored already: nothing to write
    ):
        review_statement(session, statement_id=stored.id, patch=patch, editor=editor)
        versions.append(stored.version)

    assert versions == [2, 3, 4, 4]


def test_a_patch_based_on_an_older_version_is_a_conflict_and_saves_nothing(
    session: Session, stored: Statement, editor: User
) -> None:
    review_statement(
        session, statement_id=stored.id, patch=StatementPatch(status="verified"), editor=editor
    )

    with pytest.raises(ConflictError, match="changed by someone else"):
        review_statement(
            session,
            statement_id=stored.id,
            patch=StatementPatch(status="rejected", date="2023", version=1),
            editor=editor,
        )

    session.expire_all()
    assert (stored.status, stored.date, stored.version) == ("verified", "2024-07-05", 2)


def test_of_two_editors_saving_at_once_the_second_gets_a_conflict(
    engine: Engine, session: Session, stored: Statement, editor: User
) -> None:
    # Both read version 1 before either writes: only the write itself can tell them apart.
    with Session(engine) as first, Session(engine) as second:
        first.get(Statement, stored.id), second.get(Statement, stored.id)
        review_statement(
            first,
            statement_id=stored.id,
            patch=StatementPatch(status="rejected", version=1),
            editor=first.get(User, editor.id),
        )
        with pytest.raises(ConflictError, match="changed by someone else"):
            review_statement(
                second,
                statement_id=stored.id,
                patch=StatementPatch(date="2023", version=1),
                editor=second.get(User, editor.id),
            )

    session.expire_all()
    assert (stored.status, stored.date, stored.version) == ("rejected", "2024-07-05", 2)
    assert [c.field for c in list_changes(session, stored.id)] == ["status"]


def test_an_edit_survives_reingestion_of_a_further_report(
    session: Session, stored: Statement, editor: User
) -> None:
    patch = StatementPatch(
        date="2024-07-04",
        date_precision="day",
        conditions=[{"condition": "ceasefire", "stance": "reject"}],
        kind="quote",
    )
    review_statement(session, statement_id=stored.id, patch=patch, editor=editor)
    before = stored.model_dump()
    sharp = statement(
        ISW, REJECTED, quote=QUOTE, conditions=[("ceasefire", "reject"), ("territory", "demand")]
    )

    ingest(session, ISW, FakeEngine({ISW: extraction([sharp])}))

    session.refresh(stored)
    assert stored.model_dump() == before
    assert [(c.condition, c.stance) for c in stored.conditions] == [("ceasefire", "reject")]
    assert len(stored.sources) == 2


def _queue_of(session: Session, doubts_per_statement: list[list[str]]) -> list[int]:
    """Statements with the given doubts (status extracted), ids in insertion order."""
    speaker = session.exec(select(Speaker).where(Speaker.slug == "vladimir-putin")).first()
    speaker = speaker or Speaker(
        slug="vladimir-putin", name="Vladimir Putin", side="Russia", kind="person"
    )
    ids = []
    for doubts in doubts_per_statement:
        stored = Statement(
            speaker=speaker,
            kind="reported",
            evidence="Putin said there should be no ceasefire.",
            doubts=doubts,
            doubt_count=len(doubts),
        )
        session.add(stored)
        session.commit()
        ids.append(stored.id)
    return ids


def test_the_queue_puts_the_most_doubted_first_and_filters_by_reason(
    session: Session, editor: User
) -> None:
    sure, pronoun, two = _queue_of(
        session, [[], ["speaker-pronoun"], ["speaker-pronoun", "date-publication"]]
    )
    reviewed = _queue_of(session, [["weak-cue", "no-date", "commentator"]])[0]
    review_statement(
        session, statement_id=reviewed, patch=StatementPatch(status="verified"), editor=editor
    )

    queue = review_queue(session)
    assert [i.statement.id for i in queue.items] == [two, pronoun, sure]
    assert queue.total == 3
    assert queue.reason_counts["speaker-pronoun"] == 2
    assert queue.reason_counts["weak-cue"] == 0  # the verified one has left the queue

    only = review_queue(session, reason="date-publication")
    assert [i.statement.id for i in only.items] == [two]
    assert only.items[0].doubts == ["speaker-pronoun", "date-publication"]


def test_next_in_queue_follows_the_queue_order_from_any_statement(session: Session) -> None:
    sure, pronoun, two = _queue_of(
        session, [[], ["speaker-pronoun"], ["speaker-pronoun", "date-publication"]]
    )

    assert next_in_queue(session, after=two) == pronoun
    assert next_in_queue(session, after=pronoun) == sure
    assert next_in_queue(session, after=sure) is None
    assert next_in_queue(session, after=two, reason="speaker-pronoun") == pronoun


def test_an_unknown_reason_is_refused(session: Session) -> None:
    with pytest.raises(ReviewError, match="unknown reason 'sure'"):
        review_queue(session, reason="sure")


def test_a_region_typed_in_another_spelling_is_stored_under_its_one_name() -> None:
    edit = ConditionEdit(
        condition="territory", stance="demand", regions=["Donbass", "zaporozhye", "Kyiv region"]
    )
    assert edit.regions == ["Donbas", "Zaporizhzhia", "Kyiv region"]
