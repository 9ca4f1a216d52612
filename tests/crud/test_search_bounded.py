"""Counts past the cap: when the tally cannot count the filters and they keep more than
COUNTED_UP_TO statements, the total stops there (flagged) and each facet counts the most
recent COUNTED_UP_TO statements its own filters keep; at or under the cap, all is exact."""

from collections import Counter
from dataclasses import replace

import pytest
from factories import LAVROV, PUTIN, FakeEngine, extraction, statement
from sqlmodel import Session, select

from app import crud
from app.crud import search
from app.crud.review import StatementPatch, review_statement
from app.crud.statements import StatementRow
from app.crud.users import create_user
from app.extraction.conditions import region_name
from app.extraction.records import SpeakerEntry
from app.filters import StatementFilters
from app.models import Statement
from app.sources_meta import ArticleMeta

ZELENSKY = SpeakerEntry("volodymyr-zelensky", "Volodymyr Zelensky", "Ukraine", "person")
BONDAREV = SpeakerEntry("boris-bondarev", "Boris Bondarev", "commentator", "person")
SPEAKERS = [PUTIN, LAVROV, ZELENSKY, BONDAREV]
CONDITIONS = [
    [("territory", "demand", ("Donetsk",))],
    [("ceasefire", "reject", ())],
    [("territory", "reject", ("Crimea",)), ("ceasefire", "offer", ("Donbass",))],
]
# Dates out of id order, of every precision, two undated: "most recent" is not "last stored".
DATES = [
    ("2024-03-02", "day"),
    ("2023-11", "month"),
    ("2024-08-19", "day"),
    (None, "unknown"),
    ("2022", "year"),
    ("2024-08-19", "day"),
    ("2023-01-30", "day"),
    ("2024-12", "month"),
    ("2021-05-05", "day"),
    ("2024", "year"),
    ("2023-06-14", "day"),
    (None, "unknown"),
    ("2025-02-01", "day"),
    ("2022-09", "month"),
    ("2024-01-01", "day"),
    ("2020-10-10", "day"),
]
# Every sentence but each fourth names a ceasefire: `q=ceasefire` finds twelve.
SENTENCES = [
    f"Speaker {i} said the {'ceasefire' if i % 4 else 'front'} was point {i}."
    for i in range(len(DATES))
]
TEXT = " ".join(SENTENCES)
SEARCH = StatementFilters(q="ceasefire", include_commentators=True)
# Commentators hidden: the speaker and side facets count them, the others do not.
HIDING = StatementFilters(q="ceasefire")
# Chosen values in several facets, so that each facet's own filters differ.
NARROWED = StatementFilters(
    q="ceasefire",
    conditions=("territory", "ceasefire"),
    stances=("reject", "offer", "demand"),
    speakers=("vladimir-putin", "sergey-lavrov", "volodymyr-zelensky"),
)
FACETS = ("speaker", "side", "condition", "stance", "region", "precision", "kind", "status")


@pytest.fixture
def stored(session: Session) -> Session:
    """Sixteen statements by four speakers (one a commentator), of every date precision,
    kind and several review statuses, some naming regions."""
    made = [
        statement(
            TEXT,
            sentence,
            speaker=SPEAKERS[i % 4],
            conditions=CONDITIONS[i % 3],
            date=date,
            precision=precision,
            kind="characterization" if i % 5 == 0 else "reported",
        )
        for i, (sentence, (date, precision)) in enumerate(zip(SENTENCES, DATES, strict=True))
    ]
    engine = FakeEngine({TEXT: extraction(made)})
    meta = ArticleMeta(title="A")
    crud.ingest_article(session, text=TEXT, file_name="a.txt", meta=meta, extract=engine)
    editor = create_user(session, name="anna", password="a long password")
    ids = session.exec(select(Statement.id).order_by(Statement.id)).all()
    for statement_id, status in zip(ids[1::5], ["verified", "rejected", "verified"], strict=True):
        patch = StatementPatch(status=status)
        review_statement(session, statement_id=statement_id, patch=patch, editor=editor)
    return session


def every_match(session: Session, filters: StatementFilters) -> list[StatementRow]:
    """The statements the filters keep, newest first, sorted here: dated by the first day
    their date may mean, then undated; the last stored first within a day."""
    rows = crud.search_statements(session, filters, limit=1000).items
    by_id = sorted(rows, key=lambda row: row.id, reverse=True)
    dated = sorted((r for r in by_id if r.date), key=lambda r: first_day(r.date), reverse=True)
    return dated + [r for r in by_id if not r.date]


def first_day(date: str) -> str:
    return {4: date + "-01-01", 7: date + "-01"}.get(len(date), date)


def own_filters(filters: StatementFilters, name: str) -> StatementFilters:
    """What a facet counts under: the filters less its own, commentators in for speakers."""
    others = filters.without(name)
    return replace(others, include_commentators=True) if name in ("speaker", "side") else others


def counted_by_hand(rows: list[StatementRow], others: StatementFilters, name: str) -> Counter:
    """How many of `rows` each value of a facet has, read from the rows themselves."""
    found: Counter[str] = Counter()
    for row in rows:
        kept = [
            c for c in row.conditions if others.keeps_condition(c.condition, c.stance, c.regions)
        ]
        values = {
            "speaker": {row.speaker_slug},
            "side": {row.side},
            "precision": {row.date_precision},
            "kind": {row.kind},
            "status": {row.status},
            "condition": {c.condition for c in kept},
            "stance": {c.stance for c in kept},
            "region": {region_name(r) for c in kept for r in c.regions},
        }[name]
        found.update(values)
    return found


def shown(facets: dict, name: str) -> Counter:
    """A facet's counts as listed, less the chosen values listed at 0 and "reviewed" (a
    sum of three statuses)."""
    return Counter({f.value: f.count for f in facets[name] if f.count and f.value != "reviewed"})


@pytest.mark.parametrize(
    "filters", [SEARCH, HIDING, NARROWED], ids=["search", "commentators-hidden", "narrowed"]
)
def test_past_the_cap_each_facet_counts_the_most_recent_statements_its_filters_keep(
    stored: Session, monkeypatch: pytest.MonkeyPatch, filters: StatementFilters
) -> None:
    cap = 5
    monkeypatch.setattr(search, "COUNTED_UP_TO", cap)
    assert len(every_match(stored, filters)) > cap
    view = crud.timeline(stored, filters, limit=50, offset=0, newest_first=True)
    assert view.facets_recent == cap
    for name in FACETS:
        others = own_filters(filters, name)
        recent = every_match(stored, others)[:cap]
        assert shown(view.facets, name) == counted_by_hand(recent, others, name), name


def test_past_the_cap_the_total_stops_there_and_says_so(
    stored: Session, monkeypatch: pytest.MonkeyPatch
) -> None:
    matches = every_match(stored, SEARCH)
    monkeypatch.setattr(search, "COUNTED_UP_TO", len(matches) - 1)
    page = crud.search_statements(stored, SEARCH, limit=50)
    assert (page.total, page.capped, page.undated) == (len(matches) - 1, True, None)
    # Pages past the cap are still there, in order.
    deep = crud.search_statements(stored, SEARCH, limit=3, offset=len(matches) - 2)
    assert [row.id for row in deep.items] == [row.id for row in matches[-2:]]
    assert deep.capped


def test_at_the_cap_the_total_and_facets_are_exact(
    stored: Session, monkeypatch: pytest.MonkeyPatch
) -> None:
    exact = crud.timeline(stored, NARROWED, limit=50, offset=0, newest_first=True)
    matches = every_match(stored, NARROWED)
    monkeypatch.setattr(search, "COUNTED_UP_TO", len(matches))
    view = crud.timeline(stored, NARROWED, limit=50, offset=0, newest_first=True)
    assert (view.page.total, view.page.capped) == (len(matches), False)
    assert view.page.undated == sum(1 for row in matches if not row.date)
    assert view.facets_recent is None
    assert view == exact
    for name in FACETS:
        others = own_filters(NARROWED, name)
        by_hand = counted_by_hand(every_match(stored, others), others, name)
        assert shown(view.facets, name) == by_hand, name


def test_filters_the_tally_counts_are_never_capped(
    stored: Session, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(search, "COUNTED_UP_TO", 2)
    view = crud.timeline(stored, StatementFilters(), limit=50, offset=0, newest_first=True)
    assert view.page.total == len(every_match(stored, StatementFilters())) > 2
    assert not view.page.capped and view.facets_recent is None


def test_past_the_cap_articles_wait_for_narrower_filters(
    stored: Session, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert crud.timeline(stored, SEARCH, limit=50, offset=0, newest_first=True).sources_listed
    monkeypatch.setattr(search, "COUNTED_UP_TO", 3)
    view = crud.timeline(stored, SEARCH, limit=50, offset=0, newest_first=True)
    assert not view.sources_listed and view.facets["source"] == []


@pytest.mark.sqlite_only(reason="reads SQLite's EXPLAIN QUERY PLAN")
def test_many_search_matches_are_read_along_the_date_index(stored: Session) -> None:
    """Past the cap, the most recent matches of a search come from walking the date index
    and checking each statement against the search: not every match read, then sorted."""
    query = search.most_recent_ids(stored, SEARCH, 5)
    compiled = query.compile(stored.get_bind())
    sql = "EXPLAIN QUERY PLAN " + str(compiled)
    parameters = tuple(compiled.params[name] for name in compiled.positiontup)
    plan = " ".join(str(row[-1]) for row in stored.connection().exec_driver_sql(sql, parameters))
    assert "ix_statement_date_start" in plan
    assert "TEMP B-TREE FOR ORDER BY" not in plan
