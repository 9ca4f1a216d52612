import pytest

from app.extraction.quotes import MAX_QUOTE_CHARS, QuoteMap, find_quotes


def quoted(text: str) -> list[str]:
    """The text of each outermost quotation span, marks included."""
    return [text[s.start : s.end] for s in find_quotes(text)]


def test_quote_spanning_sentences_is_one_span():
    text = "“How will the days be used? Who verifies it?” he asked."
    spans = find_quotes(text)
    assert [(text[s.start : s.end]) for s in spans] == [
        "“How will the days be used? Who verifies it?”"
    ]


def test_nested_single_quotes_stay_inside_the_outer_span():
    text = "“He told us ‘no ceasefire’ again,” she said. Then “yes.”"
    spans = find_quotes(text)
    assert [text[s.start : s.end] for s in spans] == [
        "“He told us ‘no ceasefire’ again,”",
        "“yes.”",
    ]


def test_straight_quotes_pair_within_a_paragraph_only():
    text = 'He said "no pause" today.\n\nAn "unclosed quote\n\nnext "x"'
    assert quoted(text) == ['"no pause"', '"unclosed quote', '"x"']


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # English double and single marks
        ("“No truce now,” the envoy said.", ["“No truce now,”"]),
        ("The aide called it ‘a dead end’ on Monday.", ["‘a dead end’"]),
        ("He called it ‘a final end.’ Nobody agreed.", ["‘a final end.’"]),
        # German low-high marks, double and single
        ("„Wir verhandeln nicht“, sagte der Minister.", ["„Wir verhandeln nicht“"]),
        ("‚Kein Waffenstillstand‘, hieß es.", ["‚Kein Waffenstillstand‘"]),
        # Polish low mark closed by a high right mark
        ("„Nie oddamy ziemi” – powiedział.", ["„Nie oddamy ziemi”"]),
        # French guillemets with and without inner spaces, and single guillemets
        ("« Pas de trêve », a dit le ministre.", ["« Pas de trêve »"]),
        ("\xabPas de trêve\xa0\xbb, a-t-il répété.", ["«Pas de trêve\xa0»"]),
        ("Il a parlé de ‹ paix juste › hier.", ["‹ paix juste ›"]),
        # reversed guillemets, as in German and Danish
        ("»Kein Frieden um jeden Preis«, sagte sie.", ["»Kein Frieden um jeden Preis«"]),
        ("Sie sagte ›nein‹ und ging.", ["›nein‹"]),
        # mixed curly and straight marks
        ('“We stay in the talks," the aide said.', ['“We stay in the talks,"']),
        ('"We stay in the talks,” the aide said.', ['"We stay in the talks,”']),
        ("'No pause,' the aide said.", ["'No pause,'"]),
        # nesting: only the outermost span
        ("“They said «never» twice,” he noted.", ["“They said «never» twice,”"]),
        ("« Il a dit “jamais” deux fois », a-t-elle noté.", ["« Il a dit “jamais” deux fois »"]),
        # two quotations around an attribution
        ("“We will talk,” he said, “but not today.”", ["“We will talk,”", "“but not today.”"]),
    ],
)
def test_quotation_marks_of_many_styles(text: str, expected: list[str]) -> None:
    assert quoted(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Russia's envoy and Ukraine's envoy met.",
        "Russia’s envoy and Ukraine’s envoy met.",
        "They don't trust the plan and won’t sign it.",
        "The front looked like the '90s again.",
        "The front looked like the ’90s again, not like ’22.",
        "The allies' position and the allies’ position differ.",
        "A straight 'til the end is an elision.",
        "An unclosed ‘til the end is an elision too.",
        "Nothing quoted here at all.",
    ],
)
def test_apostrophes_are_not_quotation_marks(text: str) -> None:
    assert find_quotes(text) == []


def test_an_apostrophe_inside_a_single_quotation_does_not_close_it() -> None:
    text = "‘Russia’s terms are clear,’ the envoy said."
    assert quoted(text) == ["‘Russia’s terms are clear,’"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a quotation running into the next paragraph ends with its own
        (
            "Lavrov said: “We will not stop\n\nuntil the end.” Then more.",
            ["“We will not stop"],
        ),
        # the usual multi-paragraph quotation: each paragraph reopens, the last closes
        (
            "“The first part of the answer.\n\n“The second part,” he said.",
            ["“The first part of the answer.", "“The second part,”"],
        ),
        # a blank line with spaces is still a paragraph break
        ("„Erster Teil\n  \nzweiter Teil“, sagte er.", ["„Erster Teil"]),
        ("« Première partie\n\nseconde »", ["« Première partie"]),
    ],
)
def test_pairing_never_crosses_a_paragraph_break(text: str, expected: list[str]) -> None:
    assert quoted(text) == expected


def test_an_unclosed_quote_ends_at_its_paragraphs_last_character() -> None:
    text = "Intro.\n\nThe envoy said “we are ready to sign now   \n\nNext paragraph."
    [span] = find_quotes(text)
    assert text[span.start : span.end] == "“we are ready to sign now"
    assert not span.closed
    assert text[span.inner[0] : span.inner[1]] == "we are ready to sign now"


def test_a_closed_span_inner_drops_both_marks() -> None:
    text = "He said «no truce» again."
    [span] = find_quotes(text)
    assert span.closed and text[span.inner[0] : span.inner[1]] == "no truce"


def test_a_stray_closing_mark_opens_nothing() -> None:
    assert quoted("He said no truce” and left. She said “fine.”") == ["“fine.”"]


def test_quote_map_answers_membership():
    text = 'A "b c" d'
    quotes = QuoteMap(find_quotes(text))
    assert quotes.span_at(text.index("b")) is not None
    assert quotes.span_at(text.index("d")) is None
    assert len(quotes.within(0, len(text))) == 1


def test_quote_map_covers_an_unclosed_span_to_the_paragraph_end() -> None:
    text = "Aides said „we wait for Kyiv\n\nKyiv replied."
    quotes = QuoteMap(find_quotes(text))
    assert quotes.span_at(text.index("Kyiv")) is not None
    assert quotes.span_at(text.rindex("Kyiv")) is None


def test_an_unclosed_quotation_on_a_long_line_ends_after_a_sentence_within_the_limit() -> None:
    text = "Aides said: “We wait for Kyiv. " + "The talks go on for now. " * 400
    [span] = find_quotes(text)
    assert not span.closed
    assert span.end - span.start <= MAX_QUOTE_CHARS
    assert text[span.end - 4 : span.end] == "now."  # at a sentence's end, not mid-word


def test_marks_farther_apart_than_the_longest_quotation_are_no_pair() -> None:
    far = "“Ready. " + "The talks go on for now. " * 100 + "Done,” he said."
    assert all(s.end - s.start <= MAX_QUOTE_CHARS for s in find_quotes(far))
    near = "“Ready. " + "The talks go on for now. " * 10 + "Done,” he said."
    assert quoted(near) == [near[: near.index("”") + 1]]
