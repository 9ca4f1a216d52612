"""The cleaner keeps the article body, drops page furniture and finds the headline."""

from __future__ import annotations

import pytest

from app.extraction.clean import clean_article
from app.extraction.records import CleanedArticle

# Invented body paragraphs (long enough to count as body before any end marker).
LEAD = (
    "The foreign minister said on Tuesday that Moscow would not accept a freeze of the front "
    "line, and he repeated the demand that Kyiv withdraw its troops from four regions."
)
MIDDLE = (
    "Officials in Kyiv rejected the demand within hours, saying that no government could trade "
    "land for a pause that would only give the invading army time to regroup."
)
BLURB = "Our partner organisation works on refugee policy and welcomes donations from readers."


def kept(article: CleanedArticle) -> str:
    return "\n".join(article.text[s.start : s.end] for s in article.segments)


def page(*blocks: str) -> str:
    return "\n\n".join(blocks)


@pytest.mark.parametrize(
    "line",
    [
        # navigation and UI
        "close",
        "Menu",
        "Search",
        "Connect with us",
        "Hi, what are you looking for?",
        "Skip to content",
        "Home > World > Europe",
        # share and social prompts
        "Share",
        "Share on Facebook",
        "Share this:",
        "Follow us on Telegram",
        "Follow Example News on X:",
        # captions and credits
        "Armoured vehicles on parade. Image Credit: Creative Commons.",
        "A damaged building in the city centre. Photo: Jane Doe",
        "Soldiers fire a howitzer near the front. | Jane Doe/AFP via Getty Images",
        "Troops at a checkpoint (Reuters/John Smith)",
        "Delegates arrive for the talks. John Smith/Reuters",
        "Image source, Getty Images",
        "Photograph by Jane Doe for Example News",
        "© 2024 Example Media. All rights reserved.",
        # subscription and newsletter prompts
        "(Subscribe to Our Video Channel Here. Watch More Clips Here)",
        "Subscribe now",
        "Sign up for our daily newsletter",
        "Get the morning briefing delivered to your inbox",
        # advertisements
        "Advertisement",
        "ADVERTISEMENT - Scroll to continue",
        "Story continues below advertisement",
        # link lines
        "More: Why the last round of talks failed",
        "Read more: The road to the summit",
        "Related: Sanctions tracker",
        "READ MORE Inside the negotiating room",
        # bylines, reading time, widgets
        "By Jane Doe and John Roe",
        "By Agency staff",
        "5 min read",
        "Listen to this article",
        "3 hours ago",
        "Trending",
        "12 comments",
        "https://example.com/news/story-123",
        "#Ukraine #Russia",
        # date-only datelines (metadata, read by published.py)
        "July 5, 2024",
        "Published: 6 March 2025",
        "Updated 10:30 AM EST, Fri March 14, 2025",
        "Friday, 14 March 2025",
        "2025-03-14",
    ],
)
def test_furniture_line_is_dropped(line: str) -> None:
    text = page(LEAD, line, MIDDLE)
    article = clean_article(text)
    body = kept(article)
    assert line not in body
    assert LEAD in body and MIDDLE in body


@pytest.mark.parametrize(
    "line",
    [
        "Russia wants a larger share of the Black Sea, the minister said.",
        "Kyiv does not subscribe to the idea that a ceasefire alone would bring peace.",
        "The minister said Moscow would follow the talks closely but would not take part.",
        "Follow-up talks are planned for next week in Istanbul",
        "A Reuters/Ipsos poll found that most respondents backed further aid.",
        "By Thursday evening, the delegations had agreed on a prisoner exchange.",
        "By Thursday evening the delegations had agreed on an exchange",
        "Sources close to the talks said the sides remained far apart.",
        "More than 50 people were injured in the strike, officials said.",
        "A photo published by the ministry showed troops near the border.",
        "On July 5, 2024, the two leaders met in Moscow.",
        "Advertisements for army recruitment have appeared across the country, the report said.",
        "Here’s What Russia Wants",
        "Key Takeaways:",
    ],
)
def test_prose_mentioning_furniture_words_is_kept(line: str) -> None:
    text = page(LEAD, line, MIDDLE)
    assert line in kept(clean_article(text))


@pytest.mark.parametrize(
    "marker",
    [
        "Share the Post:",
        "Share this article",
        "Leave a comment",
        "Leave a Reply",
        "Written By",
        "About the author",
        "About the Author: Jane Doe is a senior fellow who writes on security.",
        "For full report: https://example.org/reports/latest",
        "Source: Example Agency",
        "Related articles",
        "You may also like",
        "(Reporting by Jane Doe; Editing by John Roe)",
        "Jane Doe contributed to this report.",
        "Tags: Ukraine, Russia, Diplomacy",
        "Comments (3)",
    ],
)
def test_end_marker_cuts_the_rest_of_the_page(marker: str) -> None:
    text = page(LEAD, MIDDLE, marker, "Example Foundation", BLURB)
    body = kept(clean_article(text))
    assert LEAD in body and MIDDLE in body
    assert marker not in body
    assert BLURB not in body and "Example Foundation" not in body


@pytest.mark.parametrize("marker", ["Share this article", "Related articles", "Comments"])
def test_end_marker_above_the_body_does_not_cut_it(marker: str) -> None:
    text = page("Russia sets out its terms for a ceasefire", marker, LEAD, MIDDLE)
    body = kept(clean_article(text))
    assert LEAD in body and MIDDLE in body
    assert marker not in body


@pytest.mark.parametrize("marker", ["Related articles", "Source: Example Agency"])
def test_weak_end_marker_early_in_the_page_is_dropped_without_cutting(marker: str) -> None:
    rest = [MIDDLE, MIDDLE.replace("Kyiv", "Warsaw"), MIDDLE.replace("Kyiv", "Riga")]
    body = kept(clean_article(page(LEAD, marker, *rest)))
    assert marker not in body
    assert all(paragraph in body for paragraph in rest)


def test_author_bio_sentence_at_the_end_is_dropped() -> None:
    bio = "Jane Doe is Example News’s Breaking News Editor."
    body = kept(clean_article(page(LEAD, MIDDLE, bio)))
    assert bio not in body and MIDDLE in body


def test_author_like_sentence_in_the_lead_is_kept() -> None:
    line = "Jane Doe is the first reporter to have visited the town since the retreat."
    assert line in kept(clean_article(page(line, LEAD, MIDDLE)))


@pytest.mark.parametrize(
    ("blocks", "title"),
    [
        # printed twice, after UI lines
        (
            [
                "close",
                "Russia sets out its terms for a ceasefire",
                "Russia sets out its terms for a ceasefire",
                LEAD,
            ],
            "Russia sets out its terms for a ceasefire",
        ),
        # after the dateline, before an outlet label that prefixes it
        (
            [
                "July 5, 2024",
                "Example Institute: Kremlin rejects truce, demands ‘demilitarization’",
                "Example Institute",
                LEAD,
            ],
            "Example Institute: Kremlin rejects truce, demands ‘demilitarization’",
        ),
        # below a section label made of a list of topics
        (
            [
                "Connect with us",
                "Defense Watch: Military, Security and Diplomacy",
                "Will Moscow Talk? The Kremlin Signals a Shift (Or Not)",
                LEAD,
            ],
            "Will Moscow Talk? The Kremlin Signals a Shift (Or Not)",
        ),
        # a question headline
        (["Preparing for a new phase of the war?", LEAD], "Preparing for a new phase of the war?"),
        # the body starts at once: no headline
        ([LEAD, MIDDLE], None),
        # a date alone is not a headline
        (["March 14, 2025", LEAD], None),
        # a standfirst that ends with a period is not a headline
        (["The Kremlin says it agrees with the proposal, with “nuances.”", LEAD], None),
        # too short to be a headline
        (["Ukraine latest", LEAD], None),
    ],
)
def test_title_detection(blocks: list[str], title: str | None) -> None:
    text = page(*blocks)
    article = clean_article(text)
    assert article.title == title
    if title is None:
        assert article.title_span is None
        return
    span = article.title_span
    assert span is not None and text[span.start : span.end] == title
    assert text.index(title) == span.start  # the first printing
    assert title not in kept(article)  # the headline and its repeats are not body


def test_section_label_and_outlet_label_are_not_body() -> None:
    text = page(
        "Defense Watch: Military, Security and Diplomacy",
        "Example Institute: Kremlin rejects truce with Kyiv",
        "Example Institute",
        LEAD,
    )
    body = kept(clean_article(text))
    assert body == LEAD


@pytest.mark.parametrize(
    "text",
    [
        page("close", "Russia sets out its terms", LEAD, "Image Credit: Jane Doe", MIDDLE),
        "  " + LEAD + "  \r\n" + MIDDLE + "\n\n\n  • " + MIDDLE + "\n",
        "\xa0" + LEAD + "\xa0\n\nShare\n" + MIDDLE,
        "",
        "\n\n \n",
    ],
)
def test_segments_are_exact_stripped_slices_in_order(text: str) -> None:
    article = clean_article(text)
    assert article.text is text
    previous_end = 0
    for segment in article.segments:
        piece = text[segment.start : segment.end]
        assert piece and piece == piece.strip()
        assert segment.start >= previous_end
        previous_end = segment.end


def test_furniture_inside_a_paragraph_splits_the_segment() -> None:
    text = LEAD + "\nAdvertisement\n" + MIDDLE
    article = clean_article(text)
    assert [text[s.start : s.end] for s in article.segments] == [LEAD, MIDDLE]


def test_adjacent_lines_of_a_paragraph_form_one_segment() -> None:
    text = LEAD + "\n" + MIDDLE
    assert [text[s.start : s.end] for s in clean_article(text).segments] == [text]


def test_a_date_stamp_and_a_rule_after_body_text_head_the_paragraphs_below():
    text = page(LEAD, "7 March 2025 - 13:15", MIDDLE, "---", MIDDLE)
    article = clean_article(text)
    assert [text[h.start : h.end] for h in article.date_headings] == [
        "7 March 2025 - 13:15",
        "---",
    ]
