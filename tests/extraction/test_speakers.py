from datetime import date

import pytest

from app.extraction.lexicon import tokenize
from app.extraction.speakers import find_mentions, slugify


def mentioned(sentence: str, on: date | None = date(2025, 3, 13), introduced=None):
    tokens = tokenize(sentence)
    found = find_mentions(
        tokens, 0, len(tokens), on=on, introduced={} if introduced is None else introduced
    )
    return [(m.speaker.name if m.speaker else None, m.how) for m in found]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Vladimir Putin said", [("Vladimir Putin", "name")]),
        ("the Kremlin has urged", [("Russia", "name")]),
        ("Kiev rejected it", [("Ukraine", "name")]),
        ("Ukraine’s foreign minister said", [("Andrii Sybiha", "title")]),
        ("he added", [(None, "pronoun")]),
        ("The president added", [(None, "description")]),
    ],
)
def test_mentions(sentence, expected):
    assert mentioned(sentence) == expected


def test_titles_resolve_to_the_office_holder_on_the_date():
    assert mentioned("Ukraine's foreign minister said", date(2022, 12, 28)) == [
        ("Dmytro Kuleba", "title")
    ]
    assert mentioned("The US President said", date(2023, 1, 1)) == [("Joe Biden", "title")]
    assert mentioned("The US President said", date(2025, 3, 1)) == [("Donald Trump", "title")]


def test_introduced_person_gets_side_from_title_and_surname_resolves_later():
    introduced: dict = {}
    first = mentioned("Former Russian diplomat Anton Petrov told reporters", introduced=introduced)
    assert first == [("Anton Petrov", "introduced")]
    assert introduced["petrov"].side == "commentator"
    assert mentioned("said Petrov", introduced=introduced) == [("Anton Petrov", "name")]


def test_official_introduced_with_nationality_speaks_for_that_side():
    introduced: dict = {}
    mentioned("Russian deputy minister Ivan Sidorov said", introduced=introduced)
    assert introduced["sidorov"].side == "Russia"


def test_slugify_strips_accents():
    assert slugify("Viktor Orbán") == "viktor-orban"
