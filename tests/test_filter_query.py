"""Reading filters from hostile query parameters: every malformed value is a FilterError
naming it, never an exception of another kind (which a route would turn into a 500)."""

import datetime as dt

import pytest

from app.filter_query import MAX_VALUES, FilterQuery, parse_filters
from app.filters import FilterError, StatementFilters, Vocabulary
from app.models import MAX_ID

VOCABULARY = Vocabulary(
    speakers={"vladimir-putin": "Russia"},
    sides=frozenset({"Russia", "commentator"}),
    article_ids=frozenset({1, 2, 12}),
)


def parse(*pairs: tuple[str, str]) -> StatementFilters:
    return parse_filters(pairs, VOCABULARY)


# Each a digit to str.isdigit() (and \d); int() refuses the first two, reads the rest.
UNICODE_DIGITS = ["²", "¹²", "٣", "١٢", "１２", "߁", "𝟙𝟚"]


@pytest.mark.parametrize("digits", UNICODE_DIGITS)
def test_a_source_of_unicode_digits_is_not_an_article_id(digits: str) -> None:
    with pytest.raises(FilterError, match="source must be a whole number"):
        parse(("source", digits))


@pytest.mark.parametrize("digits", ["٢٠٢٤", "２０２４", "²⁰²⁴", "2024-٠١", "2024-01-٠١"])
@pytest.mark.parametrize("name", ["date_from", "date_to"])
def test_a_date_of_unicode_digits_is_not_a_date(name: str, digits: str) -> None:
    with pytest.raises(FilterError, match=f"{name} must be an ISO date"):
        parse((name, digits))


@pytest.mark.parametrize("value", ["12.0", "+12", "1_2", " 12", "0x0c", "1e1"])
def test_a_source_is_ascii_digits_and_nothing_else(value: str) -> None:
    with pytest.raises(FilterError, match="source must be a whole number"):
        parse(("source", value))
    assert parse(("source", "12")).source == 12


@pytest.mark.parametrize(
    ("value", "message"),
    [
        (str(MAX_ID + 1), "source must be at most"),
        ("9" * 40, "source must be at most"),
        ("0", "source must be at least 1"),
        ("-5", "source must be at least 1"),
        (str(MAX_ID), "unknown source"),  # in range, so looked up (and not found)
    ],
)
def test_an_article_id_beyond_what_the_database_holds_is_refused_before_any_query(
    value: str, message: str
) -> None:
    with pytest.raises(FilterError, match=message):
        parse(("source", value))


@pytest.mark.parametrize(
    ("pairs", "message"),
    [
        ([("kind", "quote"), ("kind", "reported")], "kind takes one value, got 2"),
        ([("source", "1"), ("source", "2")], "source takes one value, got 2"),
        ([("date_from", "2024"), ("date_from", "2024")], "date_from takes one value"),
        ([("q", "a"), ("q", "b"), ("q", "c")], "q takes one value, got 3"),
    ],
)
def test_a_parameter_that_takes_one_value_given_twice_is_refused(
    pairs: list[tuple[str, str]], message: str
) -> None:
    with pytest.raises(FilterError, match=message):
        parse(*pairs)


def test_repeatable_parameters_repeat_and_a_blank_repeat_is_no_second_value() -> None:
    filters = parse(("stance", "demand"), ("stance", "offer"), ("stance", "demand"))
    assert filters.stances == ("demand", "offer")
    assert parse(("kind", ""), ("kind", "quote")).kind == "quote"


def test_a_repeatable_parameter_takes_at_most_max_values() -> None:
    parse(*[("region", f"r{i}") for i in range(MAX_VALUES)])
    with pytest.raises(FilterError, match=f"region is given more than {MAX_VALUES} times"):
        parse(*[("region", f"r{i}") for i in range(MAX_VALUES + 1)])


@pytest.mark.parametrize(
    ("name", "longest"), [("speaker", 200), ("side", 200), ("region", 80), ("q", 200)]
)
def test_an_over_long_value_is_refused_by_its_length(name: str, longest: int) -> None:
    with pytest.raises(FilterError, match=f"{name} is longer than {longest} characters"):
        parse((name, "x" * (longest + 1)))


@pytest.mark.parametrize("name", ["speaker", "side", "region", "q"])
def test_a_nul_character_is_refused_in_text(name: str) -> None:
    # PostgreSQL cannot hold one in a text parameter: it would fail in the driver.
    with pytest.raises(FilterError, match=f"{name} contains a NUL character"):
        parse((name, "Rus\x00sia"))


@pytest.mark.parametrize(
    ("pairs", "message"),
    [
        ([("stance", " demand")], "unknown stance ' demand'"),
        ([("condition", "TERRITORY")], "unknown condition 'TERRITORY'"),
        ([("include_commentators", "TRUE")], "include_commentators must be 1 or 0"),
        ([("include_commentators", "2")], "include_commentators must be 1 or 0"),
        ([("date_from", "2024-02-30")], "date_from must be an ISO date"),
        ([("date_to", "0000")], "date_to must be an ISO date"),
        ([("q", '"unclosed')], "q: a quotation mark is not closed"),
    ],
)
def test_chosen_values_are_taken_as_the_schema_spells_them(
    pairs: list[tuple[str, str]], message: str
) -> None:
    with pytest.raises(FilterError, match=message):
        parse(*pairs)


def test_a_long_bad_value_is_quoted_short_in_the_message() -> None:
    with pytest.raises(FilterError) as raised:
        parse(("stance", "x" * 5000))
    assert len(str(raised.value)) < 200


def test_blank_values_mean_no_constraint_and_typed_text_is_trimmed() -> None:
    assert parse(("kind", ""), ("date_from", ""), ("source", ""), ("stance", "")).is_empty
    assert (
        parse(
            ("q", "  NATO "),
        ).q
        == "NATO"
    )
    assert parse(("include_commentators", "")).include_commentators is False


def test_the_date_filters_read_a_month_or_a_year_from_its_first_or_to_its_last_day() -> None:
    query = FilterQuery.model_validate({"date_from": "2024-02", "date_to": "2024-02"})
    assert (query.date_from, query.date_to) == (dt.date(2024, 2, 1), dt.date(2024, 2, 29))
