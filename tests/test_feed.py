"""The Atom writer: entry wording carries the date's basis and precision."""

import datetime as dt
from dataclasses import replace
from xml.etree import ElementTree as ET

from app.crud.statements import ConditionRow, StatementRow
from app.feed import atom_feed

ATOM = "{http://www.w3.org/2005/Atom}"


def _row(date: str | None, precision: str, basis: str) -> StatementRow:
    return StatementRow(
        id=7,
        speaker="Vladimir Putin",
        speaker_slug="vladimir-putin",
        side="Russia",
        date=date,
        date_precision=precision,
        date_basis=basis,
        date_evidence=None,
        kind="reported",
        quote=None,
        evidence="Putin said Russia wants all of Donetsk.",
        status="extracted",
        conditions=[ConditionRow("territory", "demand", ("Donetsk",))],
        updated_at=dt.datetime(2025, 3, 1, 12, 0),
        created_at=dt.datetime(2025, 3, 1, 12, 0),
    )


def _summary(row: StatementRow) -> str:
    xml = atom_feed(
        [row],
        title="t",
        site="http://x",
        self_url="http://x/feed.atom",
        page_url="http://x/",
        labels={"territory": "Territory"},
    )
    entry = ET.fromstring(xml).find(f"{ATOM}entry")
    assert entry.find(f"{ATOM}title").text == "Vladimir Putin: Territory (demand)"
    assert entry.find(f"{ATOM}updated").text == "2025-03-01T12:00:00+00:00"
    return entry.find(f"{ATOM}summary").text


def test_a_date_taken_from_publication_reads_reported_on() -> None:
    assert _summary(_row("2025-03-01", "day", "publication")).startswith("Reported on 2025-03-01.")


def test_a_month_date_reads_said_in_and_an_unknown_one_says_so() -> None:
    assert _summary(_row("2025-03", "month", "relative")).startswith("Said in 2025-03.")
    assert _summary(_row(None, "unknown", "inferred")).startswith("Date unknown.")


def test_characters_xml_does_not_allow_are_replaced_and_the_feed_stays_well_formed() -> None:
    row = replace(
        _row("2025-03-01", "day", "explicit"),
        evidence="Lavrov\x1b[31m said\x07 Russia\x0b wants\x00 a ceasefire\ufffe.",
    )
    xml = atom_feed(
        [row],
        title="Peace Terms Tracker: q=\x1b[0m",
        site="http://x",
        self_url="http://x/feed.atom",
        page_url="http://x/",
        labels={"territory": "Territory\x0c"},
    )
    feed = ET.fromstring(xml)  # raised "not well-formed (invalid token)" before
    assert feed.find(f"{ATOM}title").text == "Peace Terms Tracker: q=\ufffd[0m"
    summary = feed.find(f"{ATOM}entry").find(f"{ATOM}summary").text
    assert "Lavrov\ufffd[31m said\ufffd Russia\ufffd wants\ufffd a ceasefire\ufffd." in summary
    category = feed.find(f"{ATOM}entry").find(f"{ATOM}category")
    assert category.get("label") == "Territory\ufffd: demand"
