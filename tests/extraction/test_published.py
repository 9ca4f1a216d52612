"""The publication date an article gives itself: front matter, dateline or URL."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from app.extraction import extract_article
from app.extraction.published import find_dateline, find_publication_date
from app.extraction.records import DatePrecision, PublicationDate

BODY = "\n\nThe minister said on Thursday that talks could resume.\n"


@pytest.mark.parametrize(
    ("text", "value", "evidence"),
    [
        (
            "Headline\nPublished: 13 March 2025" + BODY,
            date(2025, 3, 13),
            "Published: 13 March 2025",
        ),
        (
            "Headline\nPublished 13 March 2025, 10:02" + BODY,
            date(2025, 3, 13),
            "Published 13 March 2025, 10:02",
        ),
        ("Date: 2024-07-05" + BODY, date(2024, 7, 5), "Date: 2024-07-05"),
        (
            "Headline\nUpdated March 13, 2025 10:02 GMT" + BODY,
            date(2025, 3, 13),
            "Updated March 13, 2025 10:02 GMT",
        ),
        (
            "---\ntitle: Talks\ndate: 2024-07-05\nauthor: Staff\n---" + BODY,
            date(2024, 7, 5),
            "date: 2024-07-05",
        ),
        (
            '{\n  "datePublished": "2024-07-05T09:00:00Z",' + BODY,
            date(2024, 7, 5),
            '"datePublished": "2024-07-05T09:00:00Z",',
        ),
        ("Headline\nPosted on: 13.03.2025" + BODY, date(2025, 3, 13), "Posted on: 13.03.2025"),
        (
            "Headline\nUpdated: 14 March 2025\nPublished: 13 March 2025" + BODY,
            date(2025, 3, 13),
            "Published: 13 March 2025",
        ),
    ],
)
def test_front_matter_gives_the_publication_date(text, value, evidence):
    assert find_publication_date(text) == PublicationDate(value, "front-matter", evidence)


@pytest.mark.parametrize(
    ("text", "value", "evidence"),
    [
        ("July 5, 2024\n\nHeadline" + BODY, date(2024, 7, 5), "July 5, 2024"),
        (
            "Headline\n\nFriday, July 5, 2024 10:02 am" + BODY,
            date(2024, 7, 5),
            "Friday, July 5, 2024 10:02 am",
        ),
        ("Headline\nWorld | 5 July 2024" + BODY, date(2024, 7, 5), "World | 5 July 2024"),
        (
            "KYIV, Feb 24, 2025 (Reuters) - Ukraine said on Monday" + BODY,
            date(2025, 2, 24),
            "KYIV, Feb 24, 2025 (Reuters) -",
        ),
        (
            "MOSCOW, Russia, March 13, 2025 — The Kremlin said" + BODY,
            date(2025, 3, 13),
            "MOSCOW, Russia, March 13, 2025 —",
        ),
    ],
)
def test_a_dateline_gives_the_publication_date(text, value, evidence):
    assert find_publication_date(text) == PublicationDate(value, "dateline", evidence)


@pytest.mark.parametrize(
    ("text", "value", "evidence"),
    [
        (
            "Headline" + BODY + "Source: https://example.org/2024/07/05/talks-resume",
            date(2024, 7, 5),
            "https://example.org/2024/07/05/talks-resume",
        ),
        (
            "Headline" + BODY + "Full report: https://example.org/campaign-assessment-july-5-2024.",
            date(2024, 7, 5),
            "https://example.org/campaign-assessment-july-5-2024",
        ),
        (
            "Headline" + BODY + "(www.example.com/news/talks-2024-07-05.html)",
            date(2024, 7, 5),
            "www.example.com/news/talks-2024-07-05.html",
        ),
        (
            "Headline" + BODY + "See https://example.com/news/20250313/talks",
            date(2025, 3, 13),
            "https://example.com/news/20250313/talks",
        ),
    ],
)
def test_a_dated_url_gives_the_publication_date(text, value, evidence):
    assert find_publication_date(text) == PublicationDate(value, "url", evidence)


def test_front_matter_is_preferred_to_a_dateline_and_a_url():
    text = "July 4, 2024\nPublished: 5 July 2024" + BODY + "https://example.org/2024/07/03/x"
    assert find_publication_date(text) == PublicationDate(
        date(2024, 7, 5), "front-matter", "Published: 5 July 2024"
    )


def test_a_dateline_is_preferred_to_a_url():
    text = "July 5, 2024" + BODY + "https://example.org/2024/07/03/x"
    assert find_publication_date(text).basis == "dateline"


@pytest.mark.parametrize(
    "text",
    [
        "Headline" + BODY,
        "Headline\nPosted: 2 days ago" + BODY,
        "Headline\nUpdated: yesterday" + BODY,
        "Headline\nPosted by the news desk" + BODY,
        "The president said on July 5, 2024 that talks could resume.\n",
        "KYIV, Feb 24 (Reuters) - Ukraine said" + BODY,
        "Headline\nJuly 2024" + BODY,
        "\n".join(["Paragraph."] * 20) + "\nJuly 5, 2024\n",
        "Headline" + BODY + "https://example.org/2024/07/slug",
        "Headline" + BODY + "https://example.org/2024/02/30/slug",
    ],
)
def test_no_credible_date_gives_none(text):
    assert find_publication_date(text) is None


# Datelines of agency, wire and city copy (issue 6, point 4). Every sentence here is made up.

FIXTURES = Path(__file__).parents[1] / "fixtures" / "datelines"
LEAD = " Officials said on Friday that talks could resume."


@pytest.mark.parametrize(
    ("line", "evidence", "place", "agency", "ymd"),
    [
        (
            "MOSCOW, May 2 (Reuters) -",
            "MOSCOW, May 2 (Reuters) -",
            "MOSCOW",
            "Reuters",
            (None, 5, 2),
        ),
        ("KYIV, March 3, 2025 -", "KYIV, March 3, 2025 -", "KYIV", None, (2025, 3, 3)),
        ("Kyiv, March 3, 2025 —", "Kyiv, March 3, 2025 —", "Kyiv", None, (2025, 3, 3)),
        ("WASHINGTON (AP) —", "WASHINGTON (AP) —", "WASHINGTON", "AP", (None, None, None)),
        (
            "BRUSSELS, 12 June 2024 /PRNewswire/ --",
            "BRUSSELS, 12 June 2024 /PRNewswire/ --",
            "BRUSSELS",
            "PRNewswire",
            (2024, 6, 12),
        ),
        (
            "MOSCOW, February 14. /TASS/.",
            "MOSCOW, February 14. /TASS/.",
            "MOSCOW",
            "TASS",
            (None, 2, 14),
        ),
        ("(TASS) -", "(TASS) -", None, "TASS", (None, None, None)),
        ("KYIV, Ukraine (AP) -", "KYIV, Ukraine (AP) -", "KYIV", "AP", (None, None, None)),
        ("LONDON, Jan 5 (AFP) -", "LONDON, Jan 5 (AFP) -", "LONDON", "AFP", (None, 1, 5)),
        # Day-month-year orders and qualified places.
        (
            "KYIV, 3 March 2025 (Reuters) -",
            "KYIV, 3 March 2025 (Reuters) -",
            "KYIV",
            "Reuters",
            (2025, 3, 3),
        ),
        (
            "WASHINGTON, D.C., March 3, 2025 -",
            "WASHINGTON, D.C., March 3, 2025 -",
            "WASHINGTON",
            None,
            (2025, 3, 3),
        ),
        (
            "ST. PETERSBURG, Russia, 3 March 2025 —",
            "ST. PETERSBURG, Russia, 3 March 2025 —",
            "ST. PETERSBURG",
            None,
            (2025, 3, 3),
        ),
        ("NEW YORK, Sept. 5 (AP) -", "NEW YORK, Sept. 5 (AP) -", "NEW YORK", "AP", (None, 9, 5)),
        ("KYIV—", "KYIV—", "KYIV", None, (None, None, None)),
        # Month names in another language, read by dateparser.
        (
            "МОСКВА, 14 февраля. /ТАСС/.",
            "МОСКВА, 14 февраля. /ТАСС/.",
            "МОСКВА",
            "ТАСС",
            (None, 2, 14),
        ),
        (
            "PARIS, 12 juin 2024 (AFP) -",
            "PARIS, 12 juin 2024 (AFP) -",
            "PARIS",
            "AFP",
            (2024, 6, 12),
        ),
        # A place and a date alone on their line, above the body.
        ("Kyiv, 23 August 2024\n", "Kyiv, 23 August 2024", "Kyiv", None, (2024, 8, 23)),
    ],
)
def test_find_dateline_reads_each_agency_form(line, evidence, place, agency, ymd):
    found = find_dateline("A headline\n\n" + line + LEAD + BODY)
    assert found is not None
    assert (found.text, found.place, found.agency) == (evidence, place, agency)
    assert (found.year, found.month, found.day) == ymd


def test_a_datelines_offsets_point_into_the_text():
    text = "\ufeffA headline\r\n\r\n  By Staff\n\nMOSCOW, May 2 (Reuters) - Officials said.\n"
    found = find_dateline(text)
    assert text[found.start : found.end] == found.text == "MOSCOW, May 2 (Reuters) -"


@pytest.mark.parametrize(
    "text",
    [
        # A city and a date in the middle of a paragraph.
        "A headline\n\nTalks were held in MOSCOW, May 2, 2025 - and ended without a deal.\n",
        "A headline\n\nOn May 2, Moscow said that talks could resume." + BODY,
        "A headline\n\nOn May 2, 2025 - Moscow said that talks could resume." + BODY,
        # A dateline-like line deep in the text: after many lines, or after the body began.
        "\n".join(["A short line."] * 12) + "\nKYIV, March 3, 2025 - Officials said so.\n",
        "A headline\n\n"
        + "\n\n".join(["Officials said " + "that talks could resume within weeks " * 3] * 3)
        + "\n\nKYIV, March 3, 2025 - Officials said so.\n",
        # Lines that open with a capitalised word and a dash, but name no place.
        "A headline\n\nVladimir Putin (left) - pictured in 2024\n",
        "A headline\n\n- Russia said it was ready to talk.\n",
        "A headline\n\nKYIV-based analysts said talks could resume.\n",
        "A headline\n\nMOSCOW, Ukraine 5 - officials said.\n",
        "A headline\n\nWASHINGTON\n",
    ],
)
def test_no_dateline_outside_the_top_of_the_body(text):
    assert find_dateline(text) is None
    assert find_publication_date(text) is None


@pytest.mark.parametrize(
    ("text", "value", "evidence"),
    [
        ("Kyiv, March 3, 2025 — Officials said" + BODY, date(2025, 3, 3), "Kyiv, March 3, 2025 —"),
        (
            "BRUSSELS, 12 June 2024 /PRNewswire/ -- Officials said" + BODY,
            date(2024, 6, 12),
            "BRUSSELS, 12 June 2024 /PRNewswire/ --",
        ),
        (
            "Talks resume\n\nBratislava, 16 January 2026\n\nOfficials said" + BODY,
            date(2026, 1, 16),
            "Bratislava, 16 January 2026",
        ),
        # A dateline's full date wins over a later revision stamp at the top of the page.
        (
            "Updated 4 May 2025 08:00 GMT\n\nMOSCOW, May 2, 2025 (Reuters) - Officials said" + BODY,
            date(2025, 5, 2),
            "MOSCOW, May 2, 2025 (Reuters) -",
        ),
        # A summary paragraph may stand above the dateline.
        (
            "A headline\n\n"
            + "Officials said that talks could resume within weeks if both sides agree to it"
            + " first.\n\nKYIV, March 3, 2025 - Officials said"
            + BODY,
            date(2025, 3, 3),
            "KYIV, March 3, 2025 -",
        ),
    ],
)
def test_a_dateline_with_a_full_date_is_the_publication_date(text, value, evidence):
    assert find_publication_date(text) == PublicationDate(value, "dateline", evidence)


@pytest.mark.parametrize(
    ("text", "value", "basis", "evidence"),
    [
        ("03.03.2025 14:05" + BODY, date(2025, 3, 3), "dateline", "03.03.2025 14:05"),
        ("A headline\n3 марта 2025" + BODY, date(2025, 3, 3), "dateline", "3 марта 2025"),
        (
            "Published: 3 March 2025 10:42 GMT" + BODY,
            date(2025, 3, 3),
            "front-matter",
            "Published: 3 March 2025 10:42 GMT",
        ),
        ("Updated March 3, 2025" + BODY, date(2025, 3, 3), "front-matter", "Updated March 3, 2025"),
        # Dots are written day first: 04.03 is the 4th of March, not April 3rd.
        ("A headline\n04.03.2025" + BODY, date(2025, 3, 4), "dateline", "04.03.2025"),
    ],
)
def test_a_date_line_at_the_top_gives_the_publication_date(text, value, basis, evidence):
    assert find_publication_date(text) == PublicationDate(value, basis, evidence)


WIRE = "MOSCOW, May 2 (Reuters) - Officials said on Friday that talks could resume.\n"


@pytest.mark.parametrize(
    ("text", "value", "source"),
    [
        ("A headline\n\n" + WIRE + "\n© 2025 Reuters\n", date(2025, 5, 2), "© 2025"),
        (
            "A headline\n\n" + WIRE + "\nCopyright 2025 Reuters.\n",
            date(2025, 5, 2),
            "Copyright 2025",
        ),
        ("May 2, 2025\n\n" + WIRE, date(2025, 5, 2), "May 2, 2025"),
        ("Updated 03.05.2025 09:10\n\n" + WIRE, date(2025, 5, 2), "Updated 03.05.2025 09:10"),
        (
            "A headline\n\n" + WIRE + "\nhttps://example.org/world/2025/05/02/talks",
            date(2025, 5, 2),
            "https://example.org/world/2025/05/02/talks",
        ),
        (
            "A headline\n\n" + WIRE + "\nhttps://example.org/2025/talks-resume",
            date(2025, 5, 2),
            "https://example.org/2025/talks-resume",
        ),
        # Two sources that agree are one year.
        ("May 2, 2025\n\n" + WIRE + "\n© 2025 Reuters\n", date(2025, 5, 2), "May 2, 2025"),
        # The page's date falls just after the new year: the dateline is of the old one.
        (
            "January 1, 2025\n\nMOSCOW, Dec 31 (Reuters) - Officials said so.\n",
            date(2024, 12, 31),
            "January 1, 2025",
        ),
    ],
)
def test_a_year_less_dateline_takes_the_year_the_page_gives(text, value, source):
    found = find_publication_date(text)
    assert (found.value, found.basis) == (value, "dateline")
    assert found.evidence.startswith(("MOSCOW, May 2 (Reuters) -", "MOSCOW, Dec 31 (Reuters) -"))
    assert f"“{source}”" in found.evidence


@pytest.mark.parametrize(
    "text",
    [
        "A headline\n\n" + WIRE,
        # Two years on the page: neither is taken.
        "A headline\n\n" + WIRE + "\n© 2024 Reuters\nhttps://example.org/2025/05/02/talks\n",
        # A site-wide copyright range says nothing of this article.
        "A headline\n\n" + WIRE + "\n© 2019-2025 Reuters\n",
        # A date months away from the dateline's day is about something else.
        "Published: 3 January 2025\n\n" + WIRE,
        # A year from the page that has no such day.
        "A headline\n\nMOSCOW, Feb 29 (Reuters) - Officials said so.\n© 2025 Reuters\n",
        # A year in the body is no year of the dateline's.
        "A headline\n\n" + WIRE + "\nThe talks began in 2025 and stalled on May 1, 2025.\n",
    ],
)
def test_a_year_less_dateline_without_one_year_on_the_page_gives_none(text):
    assert find_publication_date(text) is None


def test_a_dateless_dateline_leaves_the_date_to_the_date_line():
    text = "Updated March 3, 2025\n\nWASHINGTON (AP) — Officials said" + BODY
    assert find_publication_date(text) == PublicationDate(
        date(2025, 3, 3), "front-matter", "Updated March 3, 2025"
    )
    assert find_publication_date("(TASS) - Officials said" + BODY) is None


def friday_statement(extraction):
    [statement] = [s for s in extraction.statements if "on Friday" in s.evidence]
    return statement


def test_a_wire_report_is_dated_by_its_dateline_end_to_end():
    text = (FIXTURES / "moscow_full_date.txt").read_text(encoding="utf-8")
    extraction = extract_article(text)
    assert (extraction.published, extraction.published_basis) == (date(2025, 5, 2), "dateline")
    statement = friday_statement(extraction)
    assert (statement.date, statement.date_precision) == ("2025-05-02", DatePrecision.DAY)
    assert any(c.condition == "ceasefire" for c in statement.conditions)


@pytest.mark.parametrize(
    ("name", "published"),
    [
        ("moscow_copyright.txt", date(2025, 5, 2)),
        ("moscow_header_date.txt", date(2025, 5, 2)),
        ("moscow_no_year.txt", None),
    ],
)
def test_a_year_less_wire_report_end_to_end(name, published):
    extraction = extract_article((FIXTURES / name).read_text(encoding="utf-8"))
    assert extraction.published == published
    statement = friday_statement(extraction)
    if published is None:  # no year is guessed, so the Friday stays unresolved
        assert (extraction.published_basis, statement.date) == ("none", None)
    else:
        assert extraction.published_basis == "dateline"
        assert statement.date == "2025-05-02"


def test_the_datelines_words_are_not_the_first_sentences():
    text = (FIXTURES / "moscow_full_date.txt").read_text(encoding="utf-8")
    text = text.replace("Moscow, May 2, 2025 - ", "MOSCOW, May 3, 2025 (Reuters) - ")
    statement = friday_statement(extract_article(text))
    assert (statement.speaker.name, statement.date) == ("Sergei Lavrov", "2025-05-02")


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Daily Campaign Assessment, June 15, 2024\n\nKey Takeaways:" + BODY, date(2024, 6, 15)),
        (
            "Live coverage\n\nFriday 16 May 2025. All times local.\n\n09:05" + BODY,
            date(2025, 5, 16),
        ),
        ("Weekly digest | 3 March 2025\n\nOfficials said" + BODY, date(2025, 3, 3)),
    ],
)
def test_a_full_date_at_the_edge_of_a_top_line_is_the_publication_date(text, value):
    found = find_publication_date(text)
    assert found is not None and found.value == value
