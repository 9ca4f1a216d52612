"""Dating by occasion (app/extraction/occasions.py), on short made-up texts."""

from datetime import date

from app.extraction import extract_article

PUBLISHED = date(2025, 3, 13)  # a Thursday


def _dates_of(text: str) -> dict[str, str | None]:
    statements = extract_article(text, published=PUBLISHED).statements
    return {s.speaker.name: s.date for s in statements}


def test_words_after_the_talks_take_the_day_of_the_talks_not_of_a_later_remark_on_a_meeting():
    text = (
        "Delegations from Russia and Ukraine held talks in Istanbul on Tuesday.\n\n"
        "Dmitry Peskov said on Wednesday that a meeting between the two presidents could "
        "only come at the very end.\n\n"
        "Rustem Umerov told reporters after the talks that Ukraine wanted a full ceasefire."
    )
    assert _dates_of(text)["Rustem Umerov"] == "2025-03-11"


def test_delegations_that_met_on_a_day_held_the_session_later_words_refer_to():
    text = (
        "Russian and Ukrainian delegations met in Istanbul on Tuesday for three hours.\n\n"
        "Rustem Umerov told reporters after the session that Ukraine wanted a full ceasefire."
    )
    assert _dates_of(text)["Rustem Umerov"] == "2025-03-11"


def test_a_date_in_the_phrase_of_the_event_noun_dates_the_event():
    text = (
        "The second round of direct talks, held in Istanbul on Tuesday, lasted an hour.\n\n"
        "Rustem Umerov told reporters afterwards that Ukraine wanted a full ceasefire."
    )
    assert _dates_of(text)["Rustem Umerov"] == "2025-03-11"


def test_the_same_meeting_is_the_undated_one_named_last_not_an_earlier_dated_vote():
    text = (
        "Late on Tuesday the General Assembly voted for a resolution on the war.\n\n"
        "At a ministerial meeting of the Security Council, Antonio Guterres said any peace "
        "had to respect Ukraine's sovereignty.\n\n"
        "Russia's envoy, Vasily Nebenzya, told the same meeting that any settlement must "
        "recognise Crimea as part of Russia."
    )
    assert _dates_of(text)["Vasily Nebenzya"] == "2025-03-13"
