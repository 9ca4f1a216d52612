from app.extraction.quotes import QuoteMap, find_quotes


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
    assert [text[s.start : s.end] for s in find_quotes(text)] == ['"no pause"', '"x"']


def test_quote_map_answers_membership():
    text = 'A "b c" d'
    quotes = QuoteMap(find_quotes(text))
    assert quotes.span_at(text.index("b")) is not None
    assert quotes.span_at(text.index("d")) is None
    assert len(quotes.within(0, len(text))) == 1
