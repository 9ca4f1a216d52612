"""Counts read from the tally equal the counts of a scan of the statements, for every
kind of filter the tally answers, and the tally declines the filters it cannot answer."""

import datetime as dt
from dataclasses import replace

import pytest
from sqlmodel import Session, select

from app.crud import search
from app.crud.review import ConditionEdit, StatementPatch, review_statement
from app.crud.search import facet_counts, search_statements
from app.crud.tally_counts import tally_answers
from app.crud.users import create_user
from app.filters import StatementFilters
from app.models import Statement


@pytest.fixture
def varied(seeded_session: Session) -> Session:
    """The seeds, with some statements made year- and month-dated, regional, rejected,
    verified and characterised, so every tally column has more than one value."""
    editor = create_user(seeded_session, name="anna", password="a long password")
    ids = seeded_session.exec(select(Statement.id).order_by(Statement.id)).all()
    patches = [
        StatementPatch(date="2023", date_precision="year"),
        StatementPatch(date="2024-02", date_precision="month", kind="characterization"),
        StatementPatch(
            conditions=[
                ConditionEdit(condition="territory", stance="demand", regions=["Donbass"]),
                ConditionEdit(condition="security-guarantees", stance="reject", regions=["Crimea"]),
            ]
        ),
        StatementPatch(status="rejected"),
        StatementPatch(status="verified"),
        StatementPatch(
            conditions=[ConditionEdit(condition="ceasefire", stance="offer", regions=["Crimea"])]
        ),
    ]
    for statement_id, patch in zip(ids[::3], patches, strict=False):
        review_statement(seeded_session, statement_id=statement_id, patch=patch, editor=editor)
    return seeded_session


def scanned(monkeypatch: pytest.MonkeyPatch, read):
    """What `read` gives when the tally is not consulted."""
    with monkeypatch.context() as patched:
        patched.setattr(search, "tally_answers", lambda filters: False)
        return read()


def filter_cases(session: Session) -> list[StatementFilters]:
    everything = facet_counts(session, StatementFilters(include_commentators=True))
    values = {name: [f.value for f in found] for name, found in everything.items()}
    cases = [StatementFilters(), StatementFilters(include_commentators=True)]
    for name, field in (
        ("speaker", "speakers"),
        ("side", "sides"),
        ("condition", "conditions"),
        ("stance", "stances"),
        ("region", "regions"),
        ("precision", "precisions"),
    ):
        for value in values[name][:4]:
            cases.append(StatementFilters(**{field: (value,)}))
    for value in values["status"]:
        cases.append(StatementFilters(status=value))
    cases += [
        StatementFilters(kind="quote"),
        StatementFilters(sides=tuple(values["side"][:2]), precisions=("day", "year")),
        StatementFilters(date_from=dt.date(2024, 1, 1), date_to=dt.date(2024, 12, 31)),
        StatementFilters(date_from=dt.date(2023, 6, 1)),
        StatementFilters(date_to=dt.date(2024, 2, 29), include_commentators=True),
        StatementFilters(date_from=dt.date(2024, 1, 1), date_to=dt.date(2024, 2, 29)),
        StatementFilters(date_from=dt.date(2023, 1, 1), kind="quote"),
        StatementFilters(date_to=dt.date(2023, 12, 31), conditions=("territory",)),
        StatementFilters(
            conditions=("territory",), stances=("demand",), regions=(values["region"][0],)
        ),
        StatementFilters(conditions=("ceasefire",), sides=(values["side"][0],), kind="reported"),
        StatementFilters(speakers=tuple(values["speaker"][:3]), stances=("reject",)),
    ]
    return cases


def test_tally_counts_equal_a_scan_for_every_filter_it_answers(
    varied: Session, monkeypatch: pytest.MonkeyPatch
) -> None:
    cases = filter_cases(varied)
    assert len(cases) > 30
    for filters in cases:
        assert tally_answers(filters), filters
        assert facet_counts(varied, filters) == scanned(
            monkeypatch, lambda f=filters: facet_counts(varied, f)
        ), filters
        page = search_statements(varied, filters, limit=5)
        expected = scanned(monkeypatch, lambda f=filters: search_statements(varied, f, limit=5))
        assert (page.total, page.undated, page.items) == (
            expected.total,
            expected.undated,
            expected.items,
        ), filters


def test_the_tally_declines_what_it_cannot_count_exactly() -> None:
    base = StatementFilters()
    assert tally_answers(base)
    for declined in (
        replace(base, q="ceasefire"),
        replace(base, source=3),
        replace(base, conditions=("territory", "ceasefire")),
        replace(base, stances=("demand", "offer")),
        replace(base, regions=("Donbas", "Crimea")),
        replace(base, date_from=dt.date(2024, 1, 15)),
        replace(base, date_to=dt.date(2024, 1, 30)),
    ):
        assert not tally_answers(declined), declined
    assert tally_answers(replace(base, date_to=dt.date(2024, 2, 29)))


def test_compare_reads_from_the_tally_what_a_scan_gives(
    varied: Session, monkeypatch: pytest.MonkeyPatch
) -> None:
    from app.crud import compare
    from app.crud.compare_types import Axis, CompareQuery, Period

    months = Period(dt.date(2023, 1, 1), dt.date(2024, 2, 29)), Period.year(2025)

    def read(filters: StatementFilters):
        columns = {by: compare._matrix_columns(varied, filters, by) for by in Axis}
        # The whole page: matrix cells (counts, stances, first and last dates with their
        # basis), period diff (with its first statements) and month strip, for the default
        # side and years and for a speaker and whole-month periods.
        pages = [compare.comparison(varied, CompareQuery(filters, by=by)) for by in Axis]
        putin = compare.find_who(varied, "vladimir-putin")
        pages.append(
            compare.comparison(varied, CompareQuery(filters, who=putin, a=months[0], b=months[1]))
        )
        return columns, compare.dated_years(varied, filters), compare.who_choices(varied), pages

    for filters in filter_cases(varied):
        tallied = read(filters)
        with monkeypatch.context() as patched:
            patched.setattr(compare, "tally_answers", lambda f: False)
            patched.setattr(compare, "tally_by_speaker", _scan_by_speaker)
            scan = read(filters)
            for got, want in zip(tallied[3], scan[3], strict=True):
                for field in ("matrix", "diff", "strip", "who", "a", "b"):
                    assert getattr(got, field) == getattr(want, field), (field, filters)
            assert tallied == scan, filters


def _scan_by_speaker(session: Session, filters: StatementFilters) -> dict[int, int]:
    """Statements per speaker id, counted from the statements."""
    from sqlalchemy import func

    from app.crud.search import filtered_ids

    rows = session.exec(
        select(Statement.speaker_id, func.count())
        .where(Statement.id.in_(filtered_ids(session, filters)))
        .group_by(Statement.speaker_id)
    )
    return dict(rows.all())


@pytest.mark.parametrize(
    ("rare", "walked", "walks"),
    [(10**9, 500, 4), (1, 1, 2), (1, 2, 1), (1, 500, 4)],
    ids=["all-rare", "walk-one-by-one", "walk-cut-short", "one-walk"],
)
def test_period_diff_finds_the_same_first_statements_however_it_looks_for_them(
    varied: Session, monkeypatch: pytest.MonkeyPatch, rare: int, walked: int, walks: int
) -> None:
    from app.crud import compare
    from app.crud.compare_types import Period

    years = Period(dt.date(2022, 1, 1), dt.date(2023, 12, 31)), Period.year(2025)
    whos = [compare.find_who(varied, "Russia"), compare.find_who(varied, "vladimir-putin")]

    def diffs():
        return [
            compare.period_diff(varied, f, who=who, a=years[0], b=years[1])
            for who in whos
            for f in (StatementFilters(), StatementFilters(stances=("demand",)))
        ]

    with monkeypatch.context() as patched:
        patched.setattr(compare, "tally_answers", lambda f: False)
        scanned_diffs = diffs()
    assert any(c.a and len(c.a.statements) > 1 for d in scanned_diffs for c in d.held)
    monkeypatch.setattr(compare, "_RARE", rare)
    monkeypatch.setattr(compare, "_WALKED", walked)
    monkeypatch.setattr(compare, "_WALKS", walks)
    assert diffs() == scanned_diffs
