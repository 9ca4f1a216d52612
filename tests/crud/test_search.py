"""The shared statement query: every filter, date overlap, full text, facets, chart."""

import datetime as dt

import pytest
from factories import LAVROV, PUTIN, FakeEngine, extraction, statement
from sqlmodel import Session, select

from app import crud
from app.extraction.records import SpeakerEntry
from app.filters import StatementFilters
from app.models import Statement, StatementStatus
from app.sources_meta import ArticleMeta

BONDAREV = SpeakerEntry("boris-bondarev", "Boris Bondarev", "commentator", "person")
ZELENSKY = SpeakerEntry("volodymyr-zelensky", "Volodymyr Zelensky", "Ukraine", "person")
S1 = "Putin demanded that Kyiv withdraw from Donetsk."
S2 = "Lavrov said a ceasefire was out of the question."
S3 = "Zelensky rejected any talks about giving up Crimea."
S4 = "Bondarev said Putin has no interest in a ceasefire."
TEXT = " ".join([S1, S2, S3, S4])


def seed(session: Session) -> dict[str, int]:
    engine = FakeEngine(
        {
            TEXT: extraction(
                [
                    statement(TEXT, S1, conditions=[("territory", "demand", ("Donetsk",))]),
                    statement(
                        TEXT,
                        S2,
                        speaker=LAVROV,
                        conditions=[("ceasefire", "reject", ())],
                        date="2024-06",
                        precision="month",
                    ),
                    statement(
                        TEXT,
                        S3,
                        speaker=ZELENSKY,
                        conditions=[("territory", "reject", ("Crimea",))],
                        date="2023",
                        precision="year",
                    ),
                    statement(
                        TEXT,
                        S4,
                        speaker=BONDAREV,
                        conditions=[("ceasefire", "reject", ())],
                        date=None,
                        precision="unknown",
                    ),
                ]
            )
        }
    )
    crud.ingest_article(
        session, text=TEXT, file_name="a.txt", meta=ArticleMeta(title="A"), extract=engine
    )
    return {s.evidence: s.id for s in session.exec(select(Statement))}


def ids(session: Session, **kwargs) -> set[int]:
    page = crud.search_statements(session, StatementFilters(**kwargs), limit=100)
    return {row.id for row in page.items}


def test_speaker_side_and_commentators(session: Session):
    by = seed(session)
    assert ids(session) == {by[S1], by[S2], by[S3]}
    assert ids(session, include_commentators=True) == set(by.values())
    assert ids(session, sides=("Ukraine",)) == {by[S3]}
    assert ids(session, speakers=("sergey-lavrov", "vladimir-putin")) == {by[S1], by[S2]}


def test_condition_and_stance_must_hold_on_one_condition_row(session: Session):
    by = seed(session)
    assert ids(session, conditions=("territory",)) == {by[S1], by[S3]}
    assert ids(session, conditions=("territory",), stances=("reject",)) == {by[S3]}
    assert ids(session, conditions=("ceasefire",), stances=("demand",)) == set()


def test_date_range_overlaps_month_and_year_dates(session: Session):
    by = seed(session)
    # "2024-06" overlaps a range that starts mid-June; "2023" one that ends in March 2023.
    june = dict(date_from=dt.date(2024, 6, 15), date_to=dt.date(2024, 6, 20))
    assert ids(session, **june) == {by[S2]}
    assert ids(session, date_to=dt.date(2023, 3, 1)) == {by[S3]}
    assert ids(session, date_from=dt.date(2024, 7, 1)) == {by[S1]}  # 2024-07-05


def test_full_text_matches_words_as_prefixes_phrases_or_and_exclusion(session: Session):
    by = seed(session)
    assert ids(session, q="ceasefire") == {by[S2]}
    assert ids(session, q="cease-fire") == {by[S2]}  # a spelling variant
    assert ids(session, q="Kiev") == {by[S1]}
    assert ids(session, q="Crim") == {by[S3]}
    assert ids(session, q='"out of the question"') == {by[S2]}
    assert ids(session, q='"out of question"') == set()
    assert ids(session, q="Donetsk OR Crimea") == {by[S1], by[S3]}
    assert ids(session, q="Donetsk OR Crimea -Zelensky") == {by[S1]}
    assert ids(session, q="NEAR(a b) AND ^x*") == set()  # FTS syntax is only text


def test_rejected_statements_only_when_asked(session: Session):
    by = seed(session)
    rejected = session.get(Statement, by[S1])
    rejected.status = StatementStatus.REJECTED.value
    session.add(rejected)
    session.commit()
    assert by[S1] not in ids(session)
    assert ids(session, status="rejected") == {by[S1]}


def test_edited_evidence_is_found_by_full_text(session: Session):
    by = seed(session)
    edited = session.get(Statement, by[S2])
    edited.evidence = "Lavrov spoke of neutrality."
    session.add(edited)
    session.commit()
    assert ids(session, q="neutrality") == {by[S2]}
    assert ids(session, q="question") == set()


def test_undated_statements_come_last_and_are_counted(session: Session):
    by = seed(session)
    page = crud.search_statements(session, StatementFilters(include_commentators=True), limit=10)
    assert [row.id for row in page.items] == [by[S1], by[S2], by[S3], by[S4]]
    assert page.undated == 1
    oldest = crud.search_statements(
        session, StatementFilters(include_commentators=True), limit=10, newest_first=False
    )
    assert [row.id for row in oldest.items] == [by[S3], by[S2], by[S1], by[S4]]


def test_facets_count_each_value_under_the_other_filters(session: Session):
    seed(session)
    facets = crud.facet_counts(session, StatementFilters(conditions=("territory",)))
    speakers = {f.value: f.count for f in facets["speaker"]}
    assert speakers == {"vladimir-putin": 1, "volodymyr-zelensky": 1}
    conditions = {f.value: (f.count, f.selected) for f in facets["condition"]}
    # The condition facet ignores its own selection, so other conditions stay addable.
    assert conditions == {"territory": (2, True), "ceasefire": (1, False)}


def test_chart_points_are_dated_condition_rows_of_the_filtered_statements(session: Session):
    by = seed(session)
    points = crud.chart_points(session, StatementFilters())
    assert [(p.id, p.date, p.condition) for p in points] == [
        (by[S3], "2023-01-01", "territory"),
        (by[S2], "2024-06-01", "ceasefire"),
        (by[S1], "2024-07-05", "territory"),
    ]
    assert {p.speaker for p in points} == {PUTIN.name, LAVROV.name, ZELENSKY.name}


def test_a_chart_over_its_limit_keeps_the_most_recent_marks(session: Session):
    by = seed(session)
    points = crud.chart_points(session, StatementFilters(), limit=2)
    assert [p.id for p in points] == [by[S2], by[S1]]  # 2023 left out, order kept


@pytest.mark.sqlite_only(reason="reads SQLite's EXPLAIN QUERY PLAN")
def test_the_timeline_page_is_read_from_the_date_index_not_sorted(session: Session) -> None:
    from sqlalchemy import event

    captured: list[tuple[str, object]] = []

    def record(conn, cursor, statement, parameters, context, executemany) -> None:
        if "ORDER BY CASE" in statement and "LIMIT" in statement:
            captured.append((statement, parameters))

    engine = session.get_bind()
    event.listen(engine, "before_cursor_execute", record)
    try:
        crud.search_statements(session, StatementFilters(), limit=50)
    finally:
        event.remove(engine, "before_cursor_execute", record)
    [(sql, parameters)] = captured
    rows = session.connection().exec_driver_sql("EXPLAIN QUERY PLAN " + sql, parameters)
    plan = " ".join(str(row[-1]) for row in rows)
    assert "ix_statement_date_start" in plan
    assert "TEMP B-TREE FOR ORDER BY" not in plan
