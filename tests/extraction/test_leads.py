"""A wire lead's unnamed official is the person the next paragraph names (leads.py)."""

from datetime import date

from app.extraction import extract_article

PUBLISHED = date(2025, 1, 9)  # a Thursday


def speakers(text: str) -> list[tuple[str, str | None]]:
    found = extract_article(text, published=PUBLISHED).statements
    return [(s.speaker.name, s.date) for s in found]


def test_the_lead_is_the_named_person_of_the_same_side_in_the_next_paragraph():
    text = (
        "KYIV, Jan 9 (Agency) - Ukraine will not accept a ceasefire without security "
        "guarantees, a senior Ukrainian official said on Wednesday.\n\n"
        '"We will not sign a truce that lets Russia rearm," Foreign Minister Andrii Sybiha '
        "told Agency."
    )
    assert speakers(text) == [
        ("Andrii Sybiha", "2025-01-08"),
        ("Andrii Sybiha", "2025-01-08"),  # the same occasion as the lead
    ]


def test_a_person_of_another_side_does_not_name_the_leads_source():
    text = (
        "KYIV, Jan 9 (Agency) - Ukraine will not accept a ceasefire without security "
        "guarantees, a senior Ukrainian official said on Wednesday.\n\n"
        "Kremlin spokesman Dmitry Peskov said Russia rejects any truce."
    )
    assert [name for name, _ in speakers(text)] == ["Ukraine", "Dmitry Peskov"]
