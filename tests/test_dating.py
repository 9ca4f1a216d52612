"""How a statement's date was obtained, as a sentence (app.dating)."""

import datetime as dt

import pytest

from app.dating import date_explanation

PUBLISHED = dt.date(2025, 3, 13)


@pytest.mark.parametrize(
    ("date", "basis", "evidence", "expected"),
    [
        ("2024-07-05", "explicit", "on July 5", "stated in the text: 'on July 5'"),
        (
            "2025-03-13",
            "relative",
            "on Thursday",
            "'on Thursday', resolved against publication 2025-03-13",
        ),
        (
            "2025-03-13",
            "publication",
            "present tense: “insists”",
            "present tense (“insists”): dated by publication 2025-03-13",
        ),
        (
            "2025-03",
            "inferred",
            "same occasion as “on Thursday”",
            "inferred: same occasion as “on Thursday”",
        ),
        ("2025-03-01", "analyst", None, "set by an analyst"),
        (None, "inferred", None, "no date could be established"),
        (
            None,
            "inferred",
            "undated earlier occasion",
            "no date could be established (undated earlier occasion)",
        ),
    ],
)
def test_date_explanation_says_how_the_date_was_found(
    date: str | None, basis: str, evidence: str | None, expected: str
) -> None:
    assert date_explanation(date=date, basis=basis, evidence=evidence, published=PUBLISHED) == (
        expected
    )


def test_relative_date_without_publication_date_says_so() -> None:
    sentence = date_explanation(
        date="2025-03-13", basis="relative", evidence="on Thursday", published=None
    )
    assert sentence == "'on Thursday', resolved against the publication date"
