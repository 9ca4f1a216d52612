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


PUBLISHED = date(2019, 6, 15)


def test_a_label_naming_the_bylines_interviewer_puts_a_question_not_a_position():
    text = (
        "RIVERSIDE WEEKLY | The Interview\n\n"
        "The envoy on the truce\n\n"
        "By Anna Berg\nSaturday, 15 June 2019\n\n"
        "Jan Novak took over in May as the special envoy. We met him in Vienna on Thursday.\n\n"
        "BERG: Western capitals keep saying sanctions must stay until the border is handed "
        "back. Is that realistic?\n\n"
        "NOVAK: I would welcome a bigger monitoring mission along the line."
    )
    found = extract_article(text, published=PUBLISHED).statements
    assert [s.speaker.name for s in found] == ["Jan Novak"]


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
