"""Work grows linearly with the length of a paragraph, counted rather than timed.

Speed is benchmarked (bench/extract_linearity.py), not asserted: these tests count the
work itself. The engine's text is a `str` that tallies the characters copied out of it
or searched in it, so a step that re-reads the paragraph for each of its sentences
shows as a tally four times as large for twice the text; list walks are counted by a
list that tallies its reads.
"""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Callable
from dataclasses import replace
from typing import SupportsIndex

from app.extraction import extract_article
from app.extraction.continuation import continued_anchor
from app.extraction.pipeline import _masthead, _statements_within
from app.extraction.quotes import MAX_QUOTE_CHARS, QuoteMap, QuoteSpan, find_quotes
from app.extraction.reading import ReadSentence
from app.extraction.records import (
    CleanedArticle,
    Kind,
    Segment,
    Sentence,
    SpeakerEntry,
    Statement,
)
from app.extraction.sentences import MAX_SENTENCE_CHARS, bounded, split_sentences
from app.extraction.transcripts import _LOOKUPS, LabelNames

PUBLISHED = dt.date(2025, 6, 13)
LINEAR = 2.2  # twice the text may take at most this many times the work
# Sentences of our own, each made unlike the others by its number: reported speech,
# quotations, a transcript's turns (whose labels send the engine looking for who they
# name), dashes of a dialogue, background.
SENTENCES = (
    "Sergei Lavrov said on Tuesday that Kyiv must withdraw its troops from Donetsk ({n}).",
    "“We will never accept a frozen conflict along line {n},” Volodymyr Zelensky said.",
    "PESKOV: The Kremlin is ready for talks in round {n} if sanctions are lifted.",
    "SPEAKER{n}: A ceasefire must come first, and that is point {n}.",
    "— Will Ukraine give up its bid to join NATO, as question {n} asks?",
    "Officials said security guarantees for Ukraine were discussed at meeting {n}.",
    "He added that no Western troops may be stationed in Ukraine, according to note {n}.",
)


class CountingText(str):
    """A str that tallies the characters copied out of it (slices, lower-casing, splits)
    and searched in it (find, rfind, count, `in`)."""

    tally: int

    def __new__(cls, value: str) -> CountingText:
        made = super().__new__(cls, value)
        made.tally = 0
        return made

    def __getitem__(self, key: SupportsIndex | slice) -> str:
        piece = super().__getitem__(key)
        self.tally += len(piece)
        return piece

    def __contains__(self, sub: object) -> bool:
        self.tally += len(self)
        return super().__contains__(sub)  # type: ignore[operator]


def _reading_whole(name: str) -> Callable[..., object]:
    method = getattr(str, name)

    def counted(self: CountingText, *args: object, **kwargs: object) -> object:
        self.tally += len(self)
        return method(self, *args, **kwargs)

    return counted


def _searching_range(name: str) -> Callable[..., object]:
    method = getattr(str, name)

    def counted(self: CountingText, sub: str, start: int = 0, end: int | None = None) -> object:
        lo, hi, _ = slice(start, end).indices(len(self))
        self.tally += max(0, hi - lo)
        return method(self, sub, start, len(self) if end is None else end)

    return counted


# The str methods that read the whole string, and those that search a range of it.
READING_WHOLE = (
    *("lower", "upper", "casefold", "split", "rsplit", "splitlines", "strip", "lstrip"),
    *("rstrip", "partition", "rpartition", "replace", "encode"),
)
SEARCHING_RANGE = ("find", "rfind", "index", "rindex", "count")
for _name in READING_WHOLE:
    setattr(CountingText, _name, _reading_whole(_name))
for _name in SEARCHING_RANGE:
    setattr(CountingText, _name, _searching_range(_name))


def one_paragraph(sentences: int) -> str:
    """A single line of `sentences` sentences, opened by a quotation mark never closed."""
    return "“" + " ".join(SENTENCES[n % len(SENTENCES)].format(n=n) for n in range(sentences))


def test_the_engine_reads_a_one_line_paragraph_a_bounded_number_of_times():
    work = []
    for sentences in (120, 240):
        text = CountingText(one_paragraph(sentences))
        extraction = extract_article(text, published=PUBLISHED)
        assert extraction.statements  # the text is read as an article, not skipped
        work.append(text.tally)
    # Without bounds, each sentence copied the rest of its line (to look for a
    # transcript's label, a dialogue's dash) and each statement its whole quotation.
    assert work[1] / work[0] <= LINEAR


def test_a_stray_quotation_mark_does_not_quote_the_rest_of_a_long_line():
    for text in (one_paragraph(150), one_paragraph(150) + "”"):
        extraction = extract_article(text, published=PUBLISHED)
        # Sentences far past the mark are no one's quoted words: their speakers speak.
        assert "Sergei Lavrov" in {s.speaker.name for s in extraction.statements}
        assert max(len(s.quote or "") for s in extraction.statements) <= MAX_QUOTE_CHARS


def calls_made(function: Callable[[], object]) -> int:
    """How many functions (Python's and C's) a call of `function` calls."""
    calls = 0

    def count(_frame: object, event: str, _arg: object) -> None:
        nonlocal calls
        calls += event in ("call", "c_call")

    sys.setprofile(count)
    try:
        function()
    finally:
        sys.setprofile(None)
    return calls


def test_a_closing_mark_finds_the_opening_mark_it_closes_at_once():
    # Guillemets opened and never closed, then closing marks that close none of them:
    # each closing mark looked at every open one.
    made = [calls_made(lambda k=k: find_quotes("«a " * k + "b” " * k)) for k in (300, 600)]
    assert made[1] / made[0] <= LINEAR


class SliceTally(str):
    """A str whose slices are SliceTally too, all adding what they copy to one count."""

    copied: list[int]

    def __new__(cls, value: str, copied: list[int] | None = None) -> SliceTally:
        made = super().__new__(cls, value)
        made.copied = copied if copied is not None else [0]
        return made

    def __getitem__(self, key: SupportsIndex | slice) -> SliceTally:
        piece = SliceTally(super().__getitem__(key), self.copied)
        self.copied[0] += len(piece)
        return piece


def test_a_run_on_sentence_is_cut_without_copying_what_is_left_at_each_cut():
    copied = []
    for size in (100_000, 200_000):
        text = "word, " * (size // 6)
        [whole] = split_sentences(CleanedArticle(text, (Segment(0, len(text)),)))
        sentence = replace(whole, text=SliceTally(whole.text))
        pieces = bounded([sentence])
        assert "".join(p.text for p in pieces) == whole.text
        assert max(len(p.text) for p in pieces) <= MAX_SENTENCE_CHARS
        copied.append(sentence.text.copied[0])
    assert copied[1] / copied[0] <= LINEAR


class CountingList(list):
    """A list that tallies its reads by index."""

    reads = 0

    def __getitem__(self, key):
        self.reads += 1
        return super().__getitem__(key)


def _quoted_paragraph(size: int) -> tuple[CountingList, QuoteMap]:
    """`size` sentences with no speaker, one paragraph inside one quotation."""
    sentences = [Sentence(20 * k, 20 * k + 19, "x" * 19, paragraph=1) for k in range(size)]
    parsed = CountingList(
        ReadSentence(s, k, k + 1, [], [], None, None, None, None) for k, s in enumerate(sentences)
    )
    return parsed, QuoteMap([QuoteSpan(0, 20 * size, closed=False)])


def test_a_sentence_running_on_in_a_quotation_finds_its_paragraphs_start_at_once():
    reads = []
    for size in (200, 400):
        parsed, quotes = _quoted_paragraph(size)
        for index, item in enumerate(parsed):
            continued_anchor(item, parsed, index, quotes, paragraph_start=0)
        reads.append(parsed.reads)
    assert reads[1] / reads[0] <= LINEAR


def test_the_statements_a_referring_sentence_takes_back_are_found_among_the_last_few():
    speaker = SpeakerEntry("x", "X", "russia", "person")
    made = CountingList(
        Statement(speaker, [], Kind.REPORTED, "e", start=10 * k, end=10 * k + 9) for k in range(500)
    )
    assert [s.start for s in _statements_within(made, 4980, 4989)] == [4980]
    assert made.reads <= 5  # a few, not all 500


def test_a_label_name_is_looked_up_once_and_only_so_many_names_an_article():
    names = LabelNames()
    looked: list[str] = []

    def finder(name: str):
        return lambda: looked.append(name) or name

    assert names.get("introduced", "Miller", finder("Miller")) == "Miller"
    assert names.get("introduced", "Miller", finder("Miller")) == "Miller"
    assert looked == ["Miller"]
    for k in range(2 * _LOOKUPS):
        names.get("introduced", f"Name{k}", finder(f"Name{k}"))
    assert len(looked) == _LOOKUPS
    assert names.get("introduced", "Miller", finder("Miller")) == "Miller"  # still known


def test_the_engine_looks_label_names_up_within_the_budget(monkeypatch):
    import app.extraction.transcripts as transcripts

    looked: list[str] = []
    real = transcripts._named_in_article

    def counting(text: str, surname: str):
        looked.append(surname)
        return real(text, surname)

    monkeypatch.setattr(transcripts, "_named_in_article", counting)
    turns = (f"SPEAKER{n}: We spoke of many things. OSTERWALD: So we did." for n in range(100))
    extract_article(" ".join(turns), published=PUBLISHED)
    assert looked.count("OSTERWALD") == 1  # each name once
    assert len(looked) <= _LOOKUPS  # and no more than so many (not all 101 names)


def test_a_first_line_longer_than_a_sentence_is_no_masthead():
    assert _masthead("  The Kyiv Ledger\n\nBody.") == "the kyiv ledger"
    assert _masthead("word " * 10_000) == ""


def test_merging_compares_a_statement_only_with_the_speakers_of_its_date(monkeypatch):
    import app.extraction.merging as merging

    compared = []
    real = merging._same_utterance
    monkeypatch.setattr(merging, "_same_utterance", lambda a, b: compared.append(1) or real(a, b))
    speaker = SpeakerEntry("x", "X", "russia", "person")
    day = dt.date(2020, 1, 1)
    made = [
        Statement(
            speaker, [], Kind.REPORTED, f"e{k}", 10 * k, 10 * k + 9, date=str(day + dt.timedelta(k))
        )
        for k in range(300)
    ]
    assert len(merging.merge_duplicates(made)) == 300
    # Before, each was compared with the speaker's last 200 statements, whatever their date.
    assert compared == []
