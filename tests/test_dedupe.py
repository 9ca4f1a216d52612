"""Which reports count as the same statement."""

from typing import Any

import pytest

from app.dedupe import Fingerprint, more_precise, quote_key, same_statement


@pytest.mark.parametrize(
    ("quote", "key"),
    [
        ("Russia is for a complete and final end", "russia is for a complete and final end"),
        ("“We are ready to negotiate,” – he said", "we are ready to negotiate he said"),
        ("I am for it [the ceasefire]. But if we stop", "i am for it but if we stop"),
        ("don’t hold your breath now", "dont hold your breath now"),
        ("  Extra   spaces\nand lines here ", "extra spaces and lines here"),
    ],
)
def test_quote_key_ignores_case_punctuation_and_insertions(quote: str, key: str) -> None:
    assert quote_key(quote) == key


@pytest.mark.parametrize("quote", [None, "", "final", "denazification and demilitarization"])
def test_short_or_missing_quotes_have_no_key(quote: str | None) -> None:
    assert quote_key(quote) is None


def fingerprint(**changes: Any) -> Fingerprint:
    """Putin rejecting a ceasefire on 2024-07-05, with `changes` applied."""
    fields: dict[str, Any] = {
        "speaker": "vladimir-putin",
        "date": "2024-07-05",
        "date_precision": "day",
        "conditions": [("ceasefire", "reject")],
        "quote": None,
    }
    return Fingerprint.of(**{**fields, **changes})


@pytest.mark.parametrize(
    ("changes", "same"),
    [
        ({}, True),
        ({"date": "2024-07-04"}, False),
        # One outlet adds a condition the other left out: still one press conference.
        ({"conditions": [("ceasefire", "reject"), ("territory", "demand")]}, True),
        ({"conditions": [("ceasefire", "support")]}, False),
        ({"conditions": [("territory", "demand")]}, False),
        ({"speaker": "sergey-lavrov"}, False),
    ],
)
def test_same_day_and_mostly_the_same_conditions_is_the_same_statement(
    changes: dict[str, object], same: bool
) -> None:
    assert same_statement(fingerprint(), fingerprint(**changes)) is same


def test_half_of_the_shorter_list_must_agree() -> None:
    three = [("ceasefire", "reject"), ("territory", "demand"), ("sanctions", "demand")]
    four = [("ceasefire", "reject"), ("negotiations", "support"), ("truce-terms", "demand")]
    other = [("ceasefire", "reject"), ("negotiations", "support"), ("sanctions", "demand")]
    assert not same_statement(fingerprint(conditions=three), fingerprint(conditions=four))
    assert same_statement(fingerprint(conditions=three), fingerprint(conditions=other))


def test_month_precision_never_matches_on_date_alone() -> None:
    month = fingerprint(date="2024-07", date_precision="month")
    assert not same_statement(month, month)


def test_same_quote_matches_on_any_date() -> None:
    quote = "we are not the ones refusing to negotiate"
    a = fingerprint(quote=quote, date=None, date_precision="unknown")
    b = fingerprint(quote=quote.upper(), conditions=[("negotiations", "support")])
    assert same_statement(a, b)


def test_precision_order() -> None:
    assert more_precise("day", "month") and more_precise("year", "unknown")
    assert not more_precise("month", "day") and not more_precise("day", "day")
