"""The splitter cuts the cleaned body into sentences with exact offsets."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from app.extraction.clean import clean_article
from app.extraction.records import CleanedArticle, Segment
from app.extraction.sentences import split_sentences

SEEDS = sorted((Path(__file__).resolve().parents[2] / "seeds").glob("*.txt"))


def whole(text: str) -> CleanedArticle:
    """The whole text as one kept segment (no cleaning)."""
    return CleanedArticle(text=text, segments=(Segment(0, len(text)),) if text else ())


def texts(text: str) -> list[str]:
    return [s.text for s in split_sentences(whole(text))]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # abbreviations never end a sentence
        (
            "The U.S. envoy met Gen. Ivanov on Jan. 5 to discuss the plan.",
            ["The U.S. envoy met Gen. Ivanov on Jan. 5 to discuss the plan."],
        ),
        (
            "Mr. Peskov said Dr. Smith and Sen. Jones would attend.",
            ["Mr. Peskov said Dr. Smith and Sen. Jones would attend."],
        ),
        (
            "Lt. Col. Petrov of the No. 3 brigade met them in St. Petersburg.",
            ["Lt. Col. Petrov of the No. 3 brigade met them in St. Petersburg."],
        ),
        (
            "Oil, gas, grain etc. were on the table, e.g. export quotas.",
            ["Oil, gas, grain etc. were on the table, e.g. export quotas."],
        ),
        (
            "The talks began at 9 a.m. Moscow time on Friday.",
            ["The talks began at 9 a.m. Moscow time on Friday."],
        ),
        # ... but some close a sentence when a typical opener follows
        (
            "Aid keeps flowing from the U.S. The Kremlin objects.",
            ["Aid keeps flowing from the U.S.", "The Kremlin objects."],
        ),
        (
            "The talks began at 9 a.m. They ended at noon.",
            ["The talks began at 9 a.m.", "They ended at noon."],
        ),
        # initials
        (
            "Donald J. Trump called Vladimir V. Putin.",
            ["Donald J. Trump called Vladimir V. Putin."],
        ),
        ("J.D. Vance spoke first.", ["J.D. Vance spoke first."]),
        # plain punctuation, digits and ellipses
        (
            "Russia attacked. Ukraine responded! Who won? Nobody.",
            ["Russia attacked.", "Ukraine responded!", "Who won?", "Nobody."],
        ),
        (
            "The deal was signed in 2022. 30 days later it collapsed.",
            ["The deal was signed in 2022.", "30 days later it collapsed."],
        ),
        ("We will see… The talks go on.", ["We will see…", "The talks go on."]),
        ("The number rose to 3.5 million in March.", ["The number rose to 3.5 million in March."]),
        ("He said no. but then agreed.", ["He said no. but then agreed."]),
    ],
)
def test_abbreviations_initials_and_punctuation(text: str, expected: list[str]) -> None:
    assert texts(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "no." is a word that ends a sentence ...
        (
            "The answer was no. Russia then left the room.",
            ["The answer was no.", "Russia then left the room."],
        ),
        ("Kyiv said no. Moscow said yes.", ["Kyiv said no.", "Moscow said yes."]),
        ("No. We will not withdraw.", ["No.", "We will not withdraw."]),
        ("Q: Will you sign? A: No. Not now.", ["Q:", "Will you sign?", "A: No.", "Not now."]),
        # ... and an abbreviation only before a number
        ("He spoke at No. 10 on Friday.", ["He spoke at No. 10 on Friday."]),
        ("Point no. 5 covers prisoners.", ["Point no. 5 covers prisoners."]),
        ("Resolutions Nos. 3 and 4 failed.", ["Resolutions Nos. 3 and 4 failed."]),
        ("(No. 7) The next item.", ["(No. 7) The next item."]),
        # other words that double as numbering abbreviations
        ("They debated Art. 5 at length.", ["They debated Art. 5 at length."]),
        (
            "Shells hit a museum of modern art. Nobody was hurt.",
            ["Shells hit a museum of modern art.", "Nobody was hurt."],
        ),
        ("See p. 12 and Fig. 3 of the report.", ["See p. 12 and Fig. 3 of the report."]),
        ("The plan fills Vol. 2 of the file.", ["The plan fills Vol. 2 of the file."]),
        # street names end sentences unless a name follows
        (
            "The embassy is on Main St. The guards left.",
            ["The embassy is on Main St.", "The guards left."],
        ),
        ("Talks moved to St. Petersburg later.", ["Talks moved to St. Petersburg later."]),
        # units take no period, so one after them ends the sentence
        (
            "Troops pulled back 15 km. Russian units followed.",
            ["Troops pulled back 15 km.", "Russian units followed."],
        ),
        (
            "The zone covers 40 sq. km around the plant.",
            ["The zone covers 40 sq. km around the plant."],
        ),
    ],
)
def test_words_that_are_abbreviations_only_before_a_number(text: str, expected: list[str]) -> None:
    assert texts(text) == expected
    for sentence in split_sentences(whole(text)):
        assert sentence.text == text[sentence.start : sentence.end]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # German, French and reversed quotation marks close a sentence like English ones
        (
            "Er sagte „nein.“ Dann ging er.",
            ["Er sagte „nein.“", "Dann ging er."],
        ),
        (
            "Il a dit « non. » Puis il est parti.",
            ["Il a dit « non. »", "Puis il est parti."],
        ),
        ("Sie sagte »nein.« Dann ging sie.", ["Sie sagte »nein.«", "Dann ging sie."]),
        (
            "Der Sprecher nannte es ‚Unsinn.‘ Mehr sagte er nicht.",
            ["Der Sprecher nannte es ‚Unsinn.‘", "Mehr sagte er nicht."],
        ),
        # a new sentence may open with any of them
        ("Er wartete. »Wir warten«, hieß es.", ["Er wartete.", "»Wir warten«, hieß es."]),
        ("Kyiv waited. „Wir warten“, hieß es.", ["Kyiv waited.", "„Wir warten“, hieß es."]),
        (
            "Kyiv waited. « Nous attendons », a-t-il dit.",
            ["Kyiv waited.", "« Nous attendons », a-t-il dit."],
        ),
    ],
)
def test_quotation_marks_of_other_styles(text: str, expected: list[str]) -> None:
    assert texts(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a quotation ending the sentence
        (
            "Putin said the offer was “on the table.” The Kremlin urged Kyiv to think.",
            ["Putin said the offer was “on the table.”", "The Kremlin urged Kyiv to think."],
        ),
        (
            'Putin said the offer was "on the table." The Kremlin urged Kyiv to think.',
            ['Putin said the offer was "on the table."', "The Kremlin urged Kyiv to think."],
        ),
        (
            "He called it ‘a final end.’ Nobody agreed.",
            ["He called it ‘a final end.’", "Nobody agreed."],
        ),
        # two consecutive quoted sentences around an attribution
        (
            "“Wars end at a table,” Kuleba said. “This one will too.”",
            ["“Wars end at a table,” Kuleba said.", "“This one will too.”"],
        ),
        (
            "Kuleba said: “We are ready.” “We want peace,” he added.",
            ["Kuleba said: “We are ready.”", "“We want peace,” he added."],
        ),
        # question marks inside quotes
        ("“Will Russia stop?” he asked.", ["“Will Russia stop?” he asked."]),
        ("“Are you ready?” Putin asked reporters.", ["“Are you ready?” Putin asked reporters."]),
        (
            "“How will the truce be checked? Who will monitor it?” he asked.",
            ["“How will the truce be checked?", "Who will monitor it?” he asked."],
        ),
        (
            "He asked: “Who will monitor it?” Nobody answered.",
            ["He asked: “Who will monitor it?”", "Nobody answered."],
        ),
        # a quotation that continues the sentence
        ("He said “we will not stop.” and left.", ["He said “we will not stop.” and left."]),
        (
            "“We need to call [U.S.] President Trump,” he said.",
            ["“We need to call [U.S.] President Trump,” he said."],
        ),
        # brackets after the period
        (
            "“I am for it [the ceasefire]. But not now,” he said.",
            ["“I am for it [the ceasefire].", "But not now,” he said."],
        ),
    ],
)
def test_quotations(text: str, expected: list[str]) -> None:
    assert texts(text) == expected


def test_bullets_are_their_own_sentences_without_the_glyph() -> None:
    text = (
        "Key Takeaways:\n\n"
        "  • Russia demands the Donbas.\n"
        "- Ukraine rejects the demand. It wants guarantees.\n"
        "* Talks stall.\n"
        "1. The first point stands.\n"
        "2) The second point stands.\n"
        "a) A lettered point.\n"
        "(b) Another lettered point."
    )
    sentences = split_sentences(whole(text))
    assert [(s.text, s.is_bullet, s.is_headline) for s in sentences] == [
        ("Key Takeaways:", False, True),
        ("Russia demands the Donbas.", True, False),
        ("Ukraine rejects the demand.", True, False),
        ("It wants guarantees.", True, False),
        ("Talks stall.", True, False),
        ("The first point stands.", True, False),
        ("The second point stands.", True, False),
        ("A lettered point.", True, False),
        ("Another lettered point.", True, False),
    ]


@pytest.mark.parametrize(
    "line",
    [
        "-5 degrees were recorded overnight.",
        "A. Smith said the talks would resume.",
        "2024. It was a hard year.",
        "Putin said Ukraine must withdraw.",
    ],
)
def test_lines_that_are_not_bullets(line: str) -> None:
    assert not any(s.is_bullet for s in split_sentences(whole(line)))


@pytest.mark.parametrize(
    ("line", "headline"),
    [
        ("Here’s What Russia Wants", True),
        ("Key Takeaways:", True),
        ("What the Kremlin Wants From Talks:", True),
        ("Putin listed his conditions on Friday:", False),
        ("What the Kremlin “red lines” mean", True),
        ("Is a Ceasefire Within Reach?", False),
        ("Russia rejects the plan.", False),
        (
            "a long line without final punctuation that runs on for many words because the "
            "page lost its period somewhere along the way",
            False,
        ),
        ("• A bulleted item without a period", False),
    ],
)
def test_headlines_are_short_lines_without_final_punctuation(line: str, headline: bool) -> None:
    sentences = split_sentences(whole(line))
    assert len(sentences) == 1
    assert sentences[0].is_headline is headline


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        (
            "PESKOV: We are open to talks. Nothing is agreed.",
            ["PESKOV:", "We are open to talks.", "Nothing is agreed."],
        ),
        ("Q: Will you meet? A: Not yet.", ["Q:", "Will you meet?", "A: Not yet."]),
        ("MR SMITH: No comment.", ["MR SMITH:", "No comment."]),
        # not labels: mixed case, or a colon inside the sentence
        ("Peskov: a profile of the spokesman.", ["Peskov: a profile of the spokesman."]),
        ("Key point: NATO is out.", ["Key point: NATO is out."]),
    ],
)
def test_transcript_speaker_label_is_its_own_headline(line: str, expected: list[str]) -> None:
    sentences = split_sentences(whole(line))
    assert [s.text for s in sentences] == expected
    assert [s.is_headline for s in sentences] == [t.endswith(":") for t in expected]


def test_line_breaks_and_blank_lines() -> None:
    text = "First one. First two.\n\nSecond one.\nSecond line two.\n\n\n  Third one.  "
    sentences = split_sentences(whole(text))
    assert [(s.text, s.paragraph) for s in sentences] == [
        ("First one.", 0),
        ("First two.", 0),
        ("Second one.", 1),
        ("Second line two.", 1),
        ("Third one.", 2),
    ]


def test_a_line_break_ends_a_sentence() -> None:
    assert texts("Putin said the talks\nwould continue.") == [
        "Putin said the talks",
        "would continue.",
    ]


def test_paragraph_index_across_segments() -> None:
    text = "Alpha one.\nAdvertisement\nAlpha two.\n\nImage Credit: X\n\nBeta one."
    kept = ["Alpha one.", "Alpha two.", "Beta one."]
    starts = [text.index(k) for k in kept]
    article = CleanedArticle(
        text=text,
        segments=tuple(Segment(i, i + len(k)) for i, k in zip(starts, kept, strict=True)),
    )
    sentences = split_sentences(article)
    assert [(s.text, s.paragraph) for s in sentences] == [
        ("Alpha one.", 0),
        ("Alpha two.", 0),  # furniture in between, no blank line: same paragraph
        ("Beta one.", 1),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "  Russia attacked.\xa0 Ukraine responded.  \r\n\n  • It is over. \n",
        "“Yes.” “No.” Maybe.\n\n\n(a) One.\n(b) Two",
        "",
        "   \n \n",
        "No punctuation at all",
        "« Non. » Puis «\xa0Oui\xa0». The answer was no. No. 5 stays.\r\n„Ja.“ Gut.",
    ],
)
def test_offsets_round_trip(text: str) -> None:
    sentences = split_sentences(whole(text))
    previous_end = 0
    for s in sentences:
        assert s.text == text[s.start : s.end]
        assert s.text and s.text == s.text.strip()
        assert s.start >= previous_end
        previous_end = s.end


# Furniture wording that must not survive in any sentence of a cleaned page.
FURNITURE = re.compile(
    r"image credit|getty images|subscribe to|share the post|share this|leave a comment|"
    r"written by|^more:|^read more|^related|connect with us|what are you looking for|"
    r"^advertisement$|^trending$|^source:|for full report|^close$|^by [A-Z]\w+ [A-Z]",
    re.IGNORECASE,
)


def paragraphs(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in re.finditer(r"\S(?:.|\n(?![^\S\n]*\n))*", text)]


@pytest.mark.parametrize("path", SEEDS, ids=[p.stem for p in SEEDS])
def test_seed_pages_lose_furniture_and_keep_body(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    article = clean_article(text)
    sentences = split_sentences(article)
    assert len([s for s in sentences if not s.is_headline]) >= 4
    for s in sentences:
        assert s.text == text[s.start : s.end]
        assert not FURNITURE.search(s.text), s.text
        assert article.title is None or s.text != article.title
    # the longest paragraph of the first half of the page is body, kept whole
    first_half = [p for p in paragraphs(text) if p[0] < len(text) / 2]
    longest = max(first_half, key=lambda p: len(text[p[0] : p[1]].split()))
    assert any(seg.start <= longest[0] and longest[1] <= seg.end for seg in article.segments)
    covered = [s for s in sentences if longest[0] <= s.start and s.end <= longest[1]]
    assert covered and covered[-1].end == longest[1]
    assert not text[longest[0] : covered[0].start].strip(" •*-\xa0")  # at most a bullet glyph


@pytest.mark.parametrize("path", SEEDS, ids=[p.stem for p in SEEDS])
def test_seed_title_is_a_short_unpunctuated_line(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    article = clean_article(text)
    if article.title is None:
        return
    assert 4 <= len(article.title.split()) <= 30
    assert not article.title.endswith(".")
    assert article.title_span is not None
    assert text[article.title_span.start : article.title_span.end] == article.title


def test_a_source_number_after_the_full_stop_ends_the_sentence():
    text = (
        "The envoys met in Jeddah on August 5.[1] Russia was not invited. Kyiv called the "
        "talks productive.[2][3] Moscow called them futile.[4]"
    )
    found = texts(text)
    assert found == [
        "The envoys met in Jeddah on August 5.[1]",
        "Russia was not invited.",
        "Kyiv called the talks productive.[2][3]",
        "Moscow called them futile.[4]",
    ]
