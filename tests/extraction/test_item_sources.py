"""A list item's source in a closing parenthesis: unit tests of `item_source`, and the
statements an explainer's bulleted list yields end to end."""

from datetime import date

from app.extraction import extract_article
from app.extraction.dates import find_dates
from app.extraction.item_sources import item_source
from app.extraction.lexicon import tokenize
from app.extraction.parsing import cue_lexicon
from app.extraction.speakers import find_mentions

PUBLISHED = date(2025, 4, 25)


def source_of(line: str, before=None):
    tokens = tokenize(line)
    mentions = find_mentions(tokens, 0, len(tokens), on=PUBLISHED, introduced={})
    dates = find_dates(line, PUBLISHED)
    return item_source(line, 0, mentions, dates, cue_lexicon().nationalities, before)


def test_a_closing_parenthesis_names_the_speaker_and_the_day():
    found = source_of("- A ceasefire first (President Volodymyr Zelensky, Kyiv, April 22).")
    assert found.speaker.name == "Volodymyr Zelensky"
    assert found.date.value == "2025-04-22"


def test_a_governments_document_speaks_for_that_government():
    assert source_of("- No cap on the army (Kyiv's written response, April 23).").speaker.name == (
        "Ukraine"
    )
    assert source_of("- Neutrality (Russian memorandum, June 2).").speaker.name == "Russia"


def test_the_same_occasion_repeats_the_item_before():
    before = source_of("- No cap on the army (Kyiv's written response, April 23).")
    found = source_of("- Reparations from frozen assets (same document).", before)
    assert (found.speaker.name, found.date.value) == ("Ukraine", "2025-04-23")


def test_a_parenthesis_that_names_no_one_is_no_source():
    assert source_of("- Crimea was lost years ago (social media post).") is None
    assert source_of("- A truce (see above) is needed now.") is None


def test_an_explainers_items_are_their_sources_statements():
    text = (
        "WHAT RUSSIA WANTS\n\n"
        "- A ceasefire only once Ukraine pulls its troops out of the four regions "
        "(Putin, speech at the Foreign Ministry, June 14, 2024).\n"
        '- No recognition of Crimea\'s annexation: "Not now, not ever." '
        "(EU foreign policy chief Kaja Kallas, to reporters, April 14).\n"
        "- Vice President JD Vance said on April 23 that both sides would have to give up "
        "land (interview).\n"
    )
    found = extract_article(text, published=PUBLISHED).statements
    got = {(s.speaker.name, s.date) for s in found}
    assert got == {
        ("Vladimir Putin", "2024-06-14"),
        ("Kaja Kallas", "2025-04-14"),
        ("JD Vance", "2025-04-23"),
    }
