"""Transcript labels: who speaks a labelled paragraph."""

from datetime import date

from app.extraction import extract_article

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
