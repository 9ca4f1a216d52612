"""A proposal named again by its own side restates its terms (proposals.py)."""

from datetime import date

from app.extraction import extract_article
from app.extraction.lexicon import tokenize
from app.extraction.proposals import names_a_proposal

PUBLISHED = date(2025, 6, 19)  # a Thursday


def conditions_by_speaker(text: str) -> set[tuple[str, str, str, str | None]]:
    found = extract_article(text, published=PUBLISHED).statements
    return {
        (s.speaker.name, c.condition, c.stance.value, s.date) for s in found for c in s.conditions
    }


def test_the_proposers_side_restating_the_terms_takes_them_again():
    text = (
        "Putin said on Monday that Russia would halt fire once Kyiv pulls its troops out of "
        "Donetsk.\n\n"
        "The offer is still on the table, Peskov told reporters on Wednesday."
    )
    got = conditions_by_speaker(text)
    assert ("Dmitry Peskov", "ceasefire", "offer", "2025-06-18") in got
    assert ("Dmitry Peskov", "territory", "demand", "2025-06-18") in got


def test_another_sides_answer_to_the_plan_is_not_read_as_a_position_on_each_term():
    text = (
        "Putin said on Monday that Russia would halt fire once Kyiv pulls its troops out of "
        "Donetsk.\n\n"
        "Zelensky rejected the plan on Tuesday."
    )
    assert {row[0] for row in conditions_by_speaker(text)} == {"Vladimir Putin"}


def test_a_rejected_reference_restates_nothing():
    text = (
        "Putin said on Monday that Russia would halt fire once Kyiv pulls its troops out of "
        "Donetsk.\n\n"
        "Peskov said on Wednesday that the offer was no longer valid and had been withdrawn."
    )
    assert {row[0] for row in conditions_by_speaker(text)} == {"Vladimir Putin"}


def test_only_a_pointing_noun_names_a_proposal():
    assert names_a_proposal(tokenize("Kyiv rejected the plan."), 0, 4)
    assert names_a_proposal(tokenize("Putin's offer stands."), 0, 4)
    assert not names_a_proposal(tokenize("Kyiv has a plan."), 0, 4)
