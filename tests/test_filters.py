"""Parsing and describing the shared statement filters."""

import datetime as dt

import pytest

from app.filter_query import parse_filters
from app.filters import FilterError, StatementFilters, Vocabulary

VOCABULARY = Vocabulary(
    speakers={"vladimir-putin": "Russia", "boris-bondarev": "commentator"},
    sides=frozenset({"Russia", "Ukraine", "commentator"}),
    article_ids=frozenset({1, 2}),
)


def parse(query: str) -> StatementFilters:
    pairs = [tuple(p.split("=", 1)) for p in query.split("&") if p]
    return parse_filters(pairs, VOCABULARY)


def test_every_parameter_is_read_into_its_field():
    filters = parse(
        "speaker=vladimir-putin&speaker=boris-bondarev&side=Russia&condition=territory"
        "&condition=ceasefire&stance=demand&kind=quote&date_from=2022-12&date_to=2025"
        "&q=NATO&status=verified&source=2&include_commentators=1&page=3"
    )
    assert filters == StatementFilters(
        speakers=("vladimir-putin", "boris-bondarev"),
        sides=("Russia",),
        conditions=("territory", "ceasefire"),
        stances=("demand",),
        kind="quote",
        date_from=dt.date(2022, 12, 1),
        date_to=dt.date(2025, 12, 31),
        q="NATO",
        status="verified",
        source=2,
        include_commentators=True,
    )
    assert filters.named_commentators == ("boris-bondarev",)


def test_empty_values_mean_no_constraint():
    assert parse("side=&stance=&q=   &speaker=").is_empty


def test_a_month_ends_on_its_last_day():
    assert parse("date_to=2024-02").date_to == dt.date(2024, 2, 29)


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("speaker=nobody", "unknown speaker"),
        ("side=Atlantis", "unknown side"),
        ("kind=quote&kind=reported", "kind takes one value"),
        ("precision=roughly", "unknown precision"),
        ("region=" + "x" * 81, "region is longer than 80"),
        ("condition=peace-now", "unknown condition"),
        ("stance=maybe", "unknown stance"),
        ("kind=rumour", "unknown kind"),
        ("status=approved", "unknown status"),
        ("date_from=2024-13-01", "date_from must be an ISO date"),
        ("date_to=yesterday", "date_to must be an ISO date"),
        ("date_from=2025-01-01&date_to=2024-01-01", "date_from is after date_to"),
        ("source=abc", "source must be a whole number"),
        ("source=99", "unknown source"),
        ("include_commentators=perhaps", "include_commentators must be 1 or 0"),
        ("q=" + "x" * 201, "q is longer"),
    ],
)
def test_bad_values_are_named_in_the_error(query, message):
    with pytest.raises(FilterError, match=message):
        parse(query)


def test_commentators_are_excluded_unless_asked_for():
    assert StatementFilters().excludes_commentators
    assert not StatementFilters(include_commentators=True).excludes_commentators
    assert not StatementFilters(sides=("commentator",)).excludes_commentators


def test_query_items_round_trip_through_the_parser():
    filters = parse("speaker=vladimir-putin&condition=territory&date_from=2024-01-01&q=Donbas")
    assert parse("&".join(f"{k}={v}" for k, v in filters.query_items())) == filters


def test_without_drops_one_parameter():
    filters = parse("speaker=vladimir-putin&condition=territory&stance=demand")
    assert filters.without("speaker").speakers == ()
    assert filters.without("stance").stances == ()
    assert filters.without("stance").conditions == ("territory",)


def test_describe_names_the_filters_for_a_file_name():
    filters = parse("speaker=vladimir-putin&condition=territory&date_from=2022&q=NATO bid")
    assert filters.describe() == "vladimir-putin_territory_2022-01-01--_q-nato-bid"
    assert StatementFilters().describe() == "all"
