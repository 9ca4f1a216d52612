"""Article text as paragraphs, highlighted segments and excerpts (app.text_marks)."""

from app.text_marks import Segment, excerpt, highlight, paragraph_bounds, text_parts

TEXT = "Headline\n\nAlpha said one. Beta said two.\nStill the same paragraph.\n\n \n\nLast one."


def test_paragraphs_split_at_blank_lines_and_skip_empty_ones() -> None:
    bounds = paragraph_bounds(TEXT)
    assert [TEXT[a:b] for a, b in bounds] == [
        "Headline",
        "Alpha said one. Beta said two.\nStill the same paragraph.",
        "Last one.",
    ]


def test_unmarked_text_is_one_segment_per_paragraph() -> None:
    assert highlight(TEXT, []) == [
        [Segment("Headline")],
        [Segment("Alpha said one. Beta said two.\nStill the same paragraph.")],
        [Segment("Last one.")],
    ]


def test_shared_sentence_is_one_segment_listing_every_statement() -> None:
    start = TEXT.index("Alpha")
    end = start + len("Alpha said one.")
    paragraphs = highlight(TEXT, [(7, start, end), (3, start, end)])
    marked = [seg for seg in paragraphs[1] if seg.statements]
    assert marked == [Segment("Alpha said one.", (3, 7), (3, 7), (3, 7))]


def test_overlapping_spans_split_into_segments_covering_each() -> None:
    a = TEXT.index("Alpha")
    b = TEXT.index("Beta")
    end = b + len("Beta said two.")
    paragraphs = highlight(TEXT, [(1, a, end), (2, b, end)])
    segments = paragraphs[1]
    assert [(s.text, s.statements, s.anchors, s.ends) for s in segments] == [
        ("Alpha said one. ", (1,), (1,), ()),
        ("Beta said two.", (1, 2), (2,), (1, 2)),
        ("\nStill the same paragraph.", (), (), ()),
    ]
    p_start, p_end = paragraph_bounds(TEXT)[1]
    assert "".join(s.text for s in segments) == TEXT[p_start:p_end]


def test_a_statement_is_anchored_at_its_first_place_only() -> None:
    first = TEXT.index("Alpha")
    again = TEXT.index("Last")
    paragraphs = highlight(TEXT, [(5, again, again + 9), (5, first, first + 15)])
    anchors = [s.anchors for p in paragraphs for s in p if s.statements]
    assert anchors == [(5,), ()]


def test_spans_outside_the_text_are_clipped_or_dropped() -> None:
    paragraphs = highlight("Short text.", [(1, 6, 500), (2, 90, 99), (3, 4, 4)])
    assert [(s.text, s.statements) for s in paragraphs[0]] == [("Short ", ()), ("text.", (1,))]


def test_excerpt_keeps_the_paragraph_around_the_evidence() -> None:
    start = TEXT.index("Beta")
    found = excerpt(TEXT, start, start + len("Beta said two."))
    assert (found.before, found.evidence, found.after) == (
        "Alpha said one. ",
        "Beta said two.",
        "\nStill the same paragraph.",
    )
    assert not found.clipped_before and not found.clipped_after


def test_excerpt_clips_a_long_paragraph_at_word_boundaries() -> None:
    words = " ".join(f"word{i}" for i in range(200))
    text = f"{words} EVIDENCE HERE. {words}"
    start = text.index("EVIDENCE")
    found = excerpt(text, start, start + len("EVIDENCE HERE."), context=50)
    assert found.clipped_before and found.clipped_after
    assert found.before.startswith("word") and len(found.before) <= 50
    assert found.after.rstrip().split(" ")[-1].startswith("word") and len(found.after) <= 50
    assert found.evidence == "EVIDENCE HERE."


def test_text_parts_hold_whole_paragraphs_up_to_the_size() -> None:
    text = "\n\n".join(f"Paragraph {n} " + "word " * 10 for n in range(30))
    parts = text_parts(text, size=200)
    bounds = paragraph_bounds(text)
    assert len(parts) > 1
    assert all(end - start <= 200 for start, end in parts)
    # every paragraph lies whole in one part, in order
    assert [b for b in bounds] == [
        b for b in bounds if any(s <= b[0] and b[1] <= e for s, e in parts)
    ]
    assert parts[0][0] == bounds[0][0] and parts[-1][1] == bounds[-1][1]


def test_a_paragraph_longer_than_a_part_is_cut_at_a_space() -> None:
    text = "word " * 100  # one paragraph of 500 characters
    parts = text_parts(text, size=120)
    assert all(end - start <= 120 for start, end in parts)
    assert "".join(text[start:end] for start, end in parts) == text
    assert all(text[end - 1] == " " for _start, end in parts[:-1])


def test_a_part_is_highlighted_as_in_the_whole_with_earlier_anchors_left_out() -> None:
    text = "\n\n".join(f"Paragraph {n} has words." for n in range(6))
    spans = [
        (1, 0, 25),
        (1, text.index("Paragraph 4"), len(text)),
        (2, text.index("Paragraph 3"), len(text)),
    ]
    whole = [s for p in highlight(text, spans) for s in p]
    parts = text_parts(text, size=50)
    shown = []
    anchored: set[int] = set()
    for part in parts:
        segments = [s for p in highlight(text, spans, part, anchored_before=anchored) for s in p]
        anchored.update(sid for s in segments for sid in s.anchors)
        shown += segments
    assert shown == whole
