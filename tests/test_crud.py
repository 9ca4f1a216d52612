"""Ingestion, cross-article dedupe, analyst protection and the list query."""

import datetime as dt
from typing import Any

import pytest
from factories import LAVROV, PUTIN, FakeEngine, extraction, failing_engine, statement
from sqlmodel import Session, SQLModel, func, select

from app import crud
from app.extraction.records import SpeakerEntry
from app.filters import StatementFilters
from app.models import Article, Source, Speaker, Statement, StatementCondition
from app.sources_meta import ArticleMeta

TABLES: list[type[SQLModel]] = [Article, Speaker, Statement, StatementCondition, Source]

RT = (
    "Russia calls for complete end to Ukraine war\n\n"
    "Putin said there should be no ceasefire or any kind of pause. "
    "Putin stressed that Kyiv must withdraw its troops from Donbass."
)
ISW = (
    "July 5, 2024\n\n"
    "Putin outright rejected any negotiated ceasefire in a press conference on July 5. "
    "Putin called for the complete Ukrainian withdrawal from Donbas and Novorossiya."
)
NO_CEASEFIRE = "Putin said there should be no ceasefire or any kind of pause."
REJECTED = "Putin outright rejected any negotiated ceasefire in a press conference on July 5."
QUOTE = "Russia is for a complete and final end to the conflict"


def counts(session: Session) -> dict[str, int]:
    """Rows per table."""
    return {
        model.__name__: session.exec(select(func.count()).select_from(model)).one()
        for model in TABLES
    }


def ingest(session: Session, text: str, engine: FakeEngine, **kwargs: object) -> crud.IngestResult:
    """Ingest `text` under a file name derived from it."""
    return crud.ingest_article(
        session, text=text, file_name=f"{abs(hash(text))}.txt", extract=engine, **kwargs
    )


def test_ingest_stores_article_speaker_statement_conditions_and_sources(session: Session) -> None:
    engine = FakeEngine(
        {RT: extraction([statement(RT, NO_CEASEFIRE, conditions=[("ceasefire", "reject")])])}
    )

    result = ingest(session, RT, engine)

    assert (result.skipped, result.statements_new, result.statements_merged) == (False, 1, 0)
    assert counts(session) == {
        "Article": 1,
        "Speaker": 1,
        "Statement": 1,
        "StatementCondition": 1,
        "Source": 1,
    }
    article = session.exec(select(Article)).one()
    assert article.content_hash == crud.content_hash(RT)
    assert article.text == RT
    assert (article.title, article.published_basis) == ("Engine title", "dateline")
    source = session.exec(select(Source)).one()
    assert RT[source.start : source.end] == source.evidence == NO_CEASEFIRE
    stored = session.exec(select(Statement)).one()
    assert (stored.status, stored.kind, stored.date) == ("extracted", "reported", "2024-07-05")
    assert stored.speaker.slug == "vladimir-putin"


def test_ingesting_the_same_text_twice_leaves_the_same_rows(session: Session) -> None:
    engine = FakeEngine({RT: extraction([statement(RT, NO_CEASEFIRE)])})
    ingest(session, RT, engine)
    before = counts(session)

    again = ingest(session, RT, engine)

    assert again.skipped
    assert counts(session) == before
    assert len(engine.calls) == 1  # a known text is not even extracted again


def test_failing_extraction_stores_nothing(session: Session) -> None:
    with pytest.raises(RuntimeError, match="engine exploded"):
        crud.ingest_article(session, text=RT, file_name="rt.txt", extract=failing_engine())

    assert set(counts(session).values()) == {0}


def test_error_after_partial_writes_rolls_back_the_whole_article(session: Session) -> None:
    good = statement(RT, NO_CEASEFIRE)
    bad = statement(RT, NO_CEASEFIRE, speaker=LAVROV)
    bad.also_at = [(len(RT) - 3, len(RT) + 50)]  # past the end of the text
    engine = FakeEngine({RT: extraction([good, bad])})

    with pytest.raises(ValueError, match="outside the article"):
        ingest(session, RT, engine)

    assert set(counts(session).values()) == {0}
    # The session is usable again and the same text can be ingested once fixed.
    engine.results[RT] = extraction([good])
    assert not ingest(session, RT, engine).skipped


def test_same_speaker_day_and_conditions_in_a_second_article_adds_a_source(
    session: Session,
) -> None:
    engine = FakeEngine(
        {
            RT: extraction([statement(RT, NO_CEASEFIRE)]),
            ISW: extraction([statement(ISW, REJECTED)]),
        }
    )
    ingest(session, RT, engine)

    result = ingest(session, ISW, engine)

    assert (result.statements_new, result.statements_merged, result.sources_new) == (0, 1, 1)
    stored = session.exec(select(Statement)).one()
    assert sorted(s.evidence for s in stored.sources) == sorted([NO_CEASEFIRE, REJECTED])
    assert {s.article_id for s in stored.sources} == {1, 2}


@pytest.mark.parametrize(
    ("first", "second"),
    [
        pytest.param({"date": "2024-07-05"}, {"date": "2024-07-04"}, id="other-day"),
        pytest.param({"date": "2024-07", "precision": "month"}, {}, id="month-precision"),
        pytest.param({"date": None, "precision": "unknown"}, {}, id="undated"),
        pytest.param({}, {"conditions": [("ceasefire", "support")]}, id="other-stance"),
        pytest.param({}, {"speaker": LAVROV}, id="other-speaker"),
    ],
)
def test_statements_that_differ_are_not_merged(
    session: Session, first: dict[str, Any], second: dict[str, Any]
) -> None:
    engine = FakeEngine(
        {
            RT: extraction([statement(RT, NO_CEASEFIRE, **first)]),
            ISW: extraction([statement(ISW, REJECTED, **second)]),
        }
    )
    ingest(session, RT, engine)

    result = ingest(session, ISW, engine)

    assert (result.statements_new, result.statements_merged) == (1, 0)
    assert counts(session)["Statement"] == 2


def test_identical_quote_merges_whatever_the_date(session: Session) -> None:
    first = f"Putin said: “{QUOTE}.”"
    second = f"“{QUOTE.upper()}!” the Russian president said."
    engine = FakeEngine(
        {
            first: extraction([statement(first, first, quote=QUOTE, kind="quote")]),
            second: extraction(
                [
                    statement(
                        second,
                        second,
                        quote=QUOTE.upper(),
                        kind="quote",
                        date=None,
                        precision="unknown",
                        conditions=[("final-settlement", "demand")],
                    )
                ]
            ),
        }
    )
    ingest(session, first, engine)

    result = ingest(session, second, engine)

    assert result.statements_merged == 1
    assert counts(session)["Statement"] == 1
    assert counts(session)["Source"] == 2


def test_repeats_in_one_article_become_further_sources(session: Session) -> None:
    text = f"{NO_CEASEFIRE} Other words. {NO_CEASEFIRE}"
    engine = FakeEngine({text: extraction([statement(text, NO_CEASEFIRE, also=[NO_CEASEFIRE])])})

    ingest(session, text, engine)

    starts = sorted(s.start for s in session.exec(select(Source)))
    assert starts == [0, len(NO_CEASEFIRE) + len(" Other words. ")]


def test_a_further_report_sharpens_an_extracted_statement(session: Session) -> None:
    vague = statement(RT, NO_CEASEFIRE, quote=QUOTE, date="2024-07", precision="month")
    sharp = statement(
        ISW,
        REJECTED,
        quote=QUOTE,
        conditions=[("ceasefire", "reject"), ("territory", "demand", ("Donbas",))],
    )
    engine = FakeEngine({RT: extraction([vague]), ISW: extraction([sharp])})
    ingest(session, RT, engine)

    ingest(session, ISW, engine)

    stored = session.exec(select(Statement)).one()
    assert (stored.date, stored.date_precision) == ("2024-07-05", "day")
    assert {(c.condition, c.stance, tuple(c.regions)) for c in stored.conditions} == {
        ("ceasefire", "reject", ()),
        ("territory", "demand", ("Donbas",)),
    }


@pytest.mark.parametrize("status", ["edited", "verified", "rejected"])
def test_analyst_work_is_not_touched_by_reingestion(session: Session, status: str) -> None:
    vague = statement(RT, NO_CEASEFIRE, quote=QUOTE, date="2024-07", precision="month")
    sharp = statement(
        ISW, REJECTED, quote=QUOTE, conditions=[("ceasefire", "reject"), ("territory", "demand")]
    )
    engine = FakeEngine({RT: extraction([vague]), ISW: extraction([sharp])})
    ingest(session, RT, engine)
    stored = session.exec(select(Statement)).one()
    stored.status, stored.evidence = status, "Analyst's corrected evidence."
    session.add(stored)
    session.commit()
    session.refresh(stored)
    before = stored.model_dump()

    ingest(session, RT, engine)  # the same article again: skipped
    ingest(session, ISW, engine)  # another report of the same quote

    session.refresh(stored)
    assert stored.model_dump() == before
    assert [(c.condition, c.stance) for c in stored.conditions] == [("ceasefire", "reject")]
    assert len(stored.sources) == 2  # the new report is kept, as a source


def test_supplied_publication_date_is_passed_to_the_engine_and_stored(session: Session) -> None:
    engine = FakeEngine({RT: extraction([], published=None)})
    meta = ArticleMeta(
        title="Analyst title",
        publisher="RT",
        url="https://example.org/rt",
        published=dt.date(2024, 7, 5),
        published_basis="analyst",
        note="press conference",
    )

    ingest(session, RT, engine, meta=meta)

    assert engine.calls == [(RT, dt.date(2024, 7, 5), "Analyst title")]
    article = session.exec(select(Article)).one()
    assert (article.title, article.publisher, article.url) == (
        "Analyst title",
        "RT",
        "https://example.org/rt",
    )
    assert (article.published, article.published_basis, article.published_evidence) == (
        dt.date(2024, 7, 5),
        "analyst",
        "press conference",
    )


def test_speakers_are_upserted_by_slug(session: Session) -> None:
    renamed = SpeakerEntry(PUTIN.slug, "Vladimir V. Putin", "Russia", "person")
    engine = FakeEngine(
        {
            RT: extraction([statement(RT, NO_CEASEFIRE)]),
            ISW: extraction([statement(ISW, REJECTED, speaker=renamed, date="2023-01-01")]),
        }
    )
    ingest(session, RT, engine)
    ingest(session, ISW, engine)

    assert [s.name for s in session.exec(select(Speaker))] == ["Vladimir V. Putin"]


def test_list_statements_returns_plain_rows_newest_first(session: Session) -> None:
    engine = FakeEngine(
        {
            RT: extraction(
                [
                    statement(RT, NO_CEASEFIRE, date=None, precision="unknown"),
                    statement(
                        RT,
                        "Putin stressed that Kyiv must withdraw its troops from Donbass.",
                        conditions=[("territory", "demand", ("Donbas",))],
                        date="2024-07-06",
                    ),
                ]
            ),
            ISW: extraction([statement(ISW, REJECTED, speaker=LAVROV, date="2022-12-27")]),
        }
    )
    ingest(session, RT, engine, meta=ArticleMeta(title="RT title"))
    ingest(session, ISW, engine)

    rows = crud.search_statements(session, StatementFilters(), limit=10, offset=0).items

    assert [r.date for r in rows] == ["2024-07-06", "2022-12-27", None]
    assert rows[0].speaker == "Vladimir Putin" and rows[0].side == "Russia"
    assert rows[0].conditions == [crud.ConditionRow("territory", "demand", ("Donbas",))]
    assert [s.title for s in rows[0].sources] == ["RT title"]
    [second] = crud.search_statements(session, StatementFilters(), limit=1, offset=1).items
    assert second.speaker == "Sergey Lavrov"
    assert (crud.count_articles(session), crud.count_statements(session)) == (2, 3)
    assert (crud.count_speakers(session), crud.count_sources(session)) == (2, 3)


def test_rejected_statements_are_left_out_of_the_list(session: Session) -> None:
    engine = FakeEngine({RT: extraction([statement(RT, NO_CEASEFIRE)])})
    ingest(session, RT, engine)
    stored = session.exec(select(Statement)).one()
    stored.status = "rejected"
    session.add(stored)
    session.commit()

    assert crud.search_statements(session, StatementFilters()).items == []
    assert crud.count_statements(session) == 0
    rejected = StatementFilters(status="rejected")
    assert len(crud.search_statements(session, rejected).items) == 1


def test_the_same_text_with_blank_space_around_it_is_the_same_article(session: Session) -> None:
    engine = FakeEngine()
    first = ingest(session, RT, engine)

    again = ingest(session, "\n" + RT + "\n\n\n", engine)

    assert again.skipped and again.article_id == first.article_id
