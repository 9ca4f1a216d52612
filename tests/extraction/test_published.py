"""The publication date an article gives itself: front matter, dateline or URL."""

from __future__ import annotations

from datetime import date

import pytest

from app.extraction.published import find_publication_date
from app.extraction.records import PublicationDate

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
