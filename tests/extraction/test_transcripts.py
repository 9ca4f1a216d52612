"""Transcript labels name their speakers (transcripts.py)."""

from datetime import date

import pytest

from app.extraction import extract_article


@pytest.mark.parametrize(
    ("opening", "side"),
    [
        # the country that ends a title is no part of the name after it
        ("Remarks after talks with Foreign Minister of Brazil Joana Prates (excerpts)", "Brazil"),
        ("Press availability with Defence Minister of Poland Joana Prates", "Poland"),
        # a name with no country before it keeps both its words
        ("Press availability with visiting envoy Joana Prates", "commentator"),
    ],
)
def test_a_label_takes_the_name_after_a_title_ending_in_a_country(opening, side):
    text = (
        f"{opening}\n\n"
        "JOANA PRATES: Good afternoon. We are ready to host peace talks between Russia and "
        "Ukraine at any time.\n"
    )
    speakers = {
        (s.speaker.name, s.speaker.side)
        for s in extract_article(text, published=date(2025, 4, 17)).statements
    }
    assert speakers == {("Joana Prates", side)}


def test_a_label_naming_the_bylines_writer_puts_questions_and_speaks_for_no_one():
    text = (
        "Talking to the envoy\n\n"
        "By Irma Halloran\n\n"
        "We met the envoy in Vienna on Monday.\n\n"
        "HALLORAN: Should Kyiv accept a ceasefire along the current line?\n\n"
        "Envoy Tomas Brandt said on Monday that Russia must withdraw its troops first.\n"
    )
    speakers = {
        s.speaker.name for s in extract_article(text, published=date(2025, 4, 17)).statements
    }
    assert not any("Halloran" in name for name in speakers)
