"""The engine's reasons for doubt, from how it found the speaker and from the fields."""

import datetime as dt

import pytest

from app.extraction import extract_article
from app.extraction.doubts import DOUBTS, attribution_doubts

PUBLISHED = dt.date(2025, 5, 12)


def _doubts(text: str) -> list[tuple[str, tuple[str, ...]]]:
    return [
        (s.speaker.name, s.doubts) for s in extract_article(text, published=PUBLISHED).statements
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Named, dated by its own day, the speaker's words: nothing to doubt.
        ("Putin said on Monday that Russia wants a ceasefire.", ("Vladimir Putin", ())),
        (
            "The Kremlin spokesman said Russia was ready for talks.",
            ("Dmitry Peskov", ("speaker-title", "date-publication")),
        ),
        (
            "Putin said on Monday that the status of Crimea was closed for talks on ending "
            "the war.",
            ("Vladimir Putin", ("weak-cue",)),
        ),
        (
            "According to Lavrov, Kyiv wants a ceasefire to rearm.",
            ("Ukraine", ("nested-report", "date-publication", "characterization")),
        ),
    ],
)
def test_each_statement_carries_the_reasons_to_doubt_it(
    text: str, expected: tuple[str, tuple[str, ...]]
) -> None:
    assert _doubts(text) == [expected]


def test_a_pronoun_speaker_is_doubted_and_the_named_one_is_not() -> None:
    text = (
        "Putin said on Monday that Russia wants a ceasefire. "
        "He also demanded that Kyiv pull out of Donetsk."
    )

    (_, first), (_, second) = _doubts(text)

    assert first == ()
    assert "speaker-pronoun" in second


def test_no_date_is_a_doubt_when_nothing_dates_the_statement() -> None:
    [statement] = extract_article("Putin said Russia wants a ceasefire.", published=None).statements
    assert "no-date" in statement.doubts


def test_attribution_doubts_name_only_known_codes() -> None:
    found = attribution_doubts("pronoun", "tokens", "sergey-lavrov")
    assert found == ("speaker-pronoun", "word-patterns", "nested-report")
    assert set(found) <= set(DOUBTS)
    assert attribution_doubts("name", "speech_verb_subject", "") == ()
