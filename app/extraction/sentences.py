"""Sentence splitting of the cleaned body, with offsets into the original text.

A rule-based splitter: a sentence ends at . ! ? or … (and any closing quotes or brackets)
followed by whitespace and a plausible sentence start, except after abbreviations and
initials. Line breaks always end a sentence. The lexicon is data: data/abbreviations.txt.
"""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

from app.extraction.published import Dateline
from app.extraction.records import CleanedArticle, Sentence

# Longer "sentences" (tables, lists without full stops, a pasted megabyte) are cut into
# pieces of at most this many characters, so that every later step stays linear.
MAX_SENTENCE_CHARS = 2_000

_DATA = Path(__file__).parent / "data" / "abbreviations.txt"


def _load() -> dict[str, frozenset[str]]:
    sections: dict[str, set[str]] = {}
    current: set[str] | None = None
    for raw in _DATA.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("[") and line.endswith("]"):
            current = sections.setdefault(line[1:-1], set())
        elif current is not None:
            current.add(line)
    return {name: frozenset(words) for name, words in sections.items()}


_LEX = _load()
# Abbreviations whose period never ends a sentence ("Gen.", "Mr.", "Jan.").
_ABBREVIATIONS = _LEX["abbreviations"] - _LEX["may_end"]
# Abbreviations that end a sentence only before a common opener ("... in the U.S. The ...").
_MAY_END = _LEX["may_end"]
_OPENERS = _LEX["openers"]
# Abbreviations only before a number ("No. 10"); elsewhere words that end sentences ("no.").
_BEFORE_NUMBER = _LEX["before_number"]

# Opening quotation marks of English, German („ ‚ »), French (« ‹) and straight styles.
_OPENING = "“\"‘'«‹„‚»›(["
# Closing marks: English, German (“ ‘ «), French (» ›) and straight.
_CLOSING = "”\"’'»›“‘«‹)]"
# French guillemets keep a space inside them: "« Non. »".
_GUILLEMET_SPACE = " \xa0\u202f"
# Sentence-final punctuation, closing quotes or brackets (a French one after its space),
# source numbers of the kind think tanks cite by (".[4]", ".[2][3]"), then whitespace.
_BOUNDARY = re.compile(
    rf"([.!?…]+)((?:[{re.escape(_CLOSING)}]|[{_GUILLEMET_SPACE}][»›](?=\s))*"
    r"(?:\[\d{1,3}\])*)\s+"
)
# Letters-and-periods tokens treated as abbreviations though unlisted: "J.", "J.D.", "U.S."
_DOTTED = re.compile(r"(?:[^\W\d_]\.)*[^\W\d_]")
# An attribution right after a closed quotation: "“Ready?” Putin asked." keeps one sentence.
_REPORTING = "|".join(sorted(_LEX["reporting"], key=len, reverse=True))
_ATTRIBUTION = re.compile(
    r"(?:[A-Z][\w’'.-]*\s+){1,4}?(?:" + _REPORTING + r")\b(?:\s+[^\s.!?,;]+){0,2}[.,;]"
)
# A list item: "•", "-", "*" or "–" glyphs, "1." / "1)" numbers, "a)" / "(a)" letters.
_BULLET = re.compile(r"(?:[•·▪●◦‣∙*\-–—]|\(?\d{1,2}[.)]|\(?[a-zA-Z]\))[ \t\xa0]+(?=\S)")
# A transcript speaker label opening a line: "PESKOV:", "QUESTION:", "Q:", "MR SMITH:".
_LABEL = re.compile(r"[A-Z][A-Z.’'-]*(?:\s[A-Z][A-Z.’'-]*){0,2}:(?=\s+\S)")
# The word a sentence would start with.
_WORD = re.compile(r"[^\W_][\w’'-]*")
# A blank line: ends a paragraph.
_BLANK_LINE = re.compile(r"\n[^\S\n]*\n")
# A line that ends like a sentence.
_TERMINAL = re.compile(rf"[.!?…][{re.escape(_CLOSING)}]*$")
# Longest line (in words) that counts as a headline when it lacks final punctuation.
_HEADLINE_MAX_WORDS = 16


def _ends_sentence(text: str, match: re.Match[str], end: int) -> bool:
    """Whether the punctuation of a boundary candidate really closes a sentence."""
    next_start = k = match.end()
    while k < end and (
        text[k] in _OPENING or (text[k] in _GUILLEMET_SPACE and text[k - 1] in "«‹")
    ):
        k += 1
    if k >= end or not (text[k].isupper() or text[k].isdigit()):
        return False
    punct, closers = match.group(1), match.group(2)
    if "[" in closers:
        return True  # a source number (".[4]") closes a finished, cited sentence
    if closers and closers[0] not in ")]":
        # an attribution after a closed quotation belongs to the quoted sentence
        return not _ATTRIBUTION.match(text, next_start)
    if punct != ".":
        return True
    # the word before the period
    p = match.start()
    w = p
    while w > 0 and not text[w - 1].isspace() and text[w - 1] not in _OPENING:
        w -= 1
    token = text[w : p + 1]
    if token in _ABBREVIATIONS:
        return False
    if token in _BEFORE_NUMBER:
        return not text[k].isdigit()
    if token in _MAY_END or _DOTTED.fullmatch(token[:-1]):
        word = _WORD.match(text, k)
        return word is not None and word.group() in _OPENERS
    return True


# Last words of a line that introduces a quotation or a list rather than labels a section.
_INTRODUCING_WORDS = frozenset(
    {
        "said",
        "says",
        "added",
        "adds",
        "continued",
        "told",
        "wrote",
        "writes",
        "stated",
        "declared",
        "explained",
        "noted",
        "stressed",
        "warned",
        "replied",
        "answered",
        "include",
        "includes",
        "included",
        "are",
        "were",
        "reporters",
        "journalists",
    }
)


def _is_headline(line: str) -> bool:
    """A short line without final punctuation; one ending in a colon only if it reads like a
    label ("Key Takeaways:"), not like a sentence introducing a list ("Putin listed these:")."""
    words = line.split()
    if len(words) > _HEADLINE_MAX_WORDS or _TERMINAL.search(line):
        return False
    if not line.endswith(":") or len(words) <= 3:
        return True
    if words[-1].rstrip(":").lower() in _INTRODUCING_WORDS:
        return False  # "Speaking on Friday, Zelensky said:" introduces a quotation
    long_words = [w for w in words if len(w) > 3] or words
    return sum(w[0].isupper() for w in long_words) * 2 > len(long_words)


def _split_line(text: str, start: int, end: int, paragraph: int, out: list[Sentence]) -> None:
    """Append the sentences of one line (start..end, already stripped) to out."""
    bullet = _BULLET.match(text, start, end)
    is_bullet = bullet is not None
    if bullet is not None:
        start = bullet.end()
    line = text[start:end]
    if not is_bullet and _is_headline(line):
        out.append(Sentence(start, end, line, paragraph, is_headline=True))
        return
    label = None if is_bullet else _LABEL.match(text, start, end)
    if label is not None:
        # the label is a sentence of its own, so that the words spoken start a sentence
        out.append(Sentence(start, label.end(), label.group(), paragraph, is_headline=True))
        start = label.end()
        while text[start].isspace():
            start += 1
    cur = start
    for m in _BOUNDARY.finditer(text, start, end):
        if m.end() >= end:
            break
        if _ends_sentence(text, m, end):
            stop = m.end(2)
            out.append(Sentence(cur, stop, text[cur:stop], paragraph, is_bullet=is_bullet))
            cur = m.end()
    if cur < end:
        out.append(Sentence(cur, end, text[cur:end], paragraph, is_bullet=is_bullet))


def split_sentences(article: CleanedArticle) -> list[Sentence]:
    """Split the kept body into sentences with offsets into the original text."""
    text = article.text
    out: list[Sentence] = []
    paragraph = -1
    prev_end: int | None = None
    for segment in article.segments:
        # segments are separated by furniture; a blank line in between starts a paragraph
        new_paragraph = prev_end is None or _BLANK_LINE.search(text, prev_end, segment.start)
        pos = segment.start
        while pos < segment.end:
            nl = text.find("\n", pos, segment.end)
            line_end = segment.end if nl == -1 else nl
            s, e = pos, line_end
            while s < e and text[s].isspace():
                s += 1
            while e > s and text[e - 1].isspace():
                e -= 1
            if s == e:
                new_paragraph = True
            else:
                if new_paragraph:
                    paragraph += 1
                    new_paragraph = False
                _split_line(text, s, e, paragraph, out)
            pos = line_end + 1
        prev_end = segment.end
    return out


def without_dateline(
    text: str, sentences: list[Sentence], dateline: Dateline | None
) -> list[Sentence]:
    """The first sentence of wire copy starts after its dateline ("MOSCOW, May 2 (Reuters) -"):
    the place and the agency are no part of what was said, and would confuse the parse."""
    if dateline is None:
        return sentences
    trimmed = []
    for sentence in sentences:
        if sentence.start <= dateline.start < sentence.end and dateline.end < sentence.end:
            start = (
                dateline.end
                + len(text[dateline.end : sentence.end])
                - len(text[dateline.end : sentence.end].lstrip())
            )
            sentence = replace(sentence, start=start, text=text[start : sentence.end])
        trimmed.append(sentence)
    return trimmed


def bounded(sentences: list[Sentence]) -> list[Sentence]:
    """Sentences cut to at most MAX_SENTENCE_CHARS, at a clause break where there is one.

    A run-on "sentence" (a table, a list without full stops, a pasted megabyte) would
    otherwise make every per-sentence step grow with its square.
    """
    bounded: list[Sentence] = []
    for sentence in sentences:
        if len(sentence.text) <= MAX_SENTENCE_CHARS:
            bounded.append(sentence)
            continue
        # By offsets into the sentence: slicing off the rest at each cut would copy it.
        text, at = sentence.text, 0
        while len(text) - at > MAX_SENTENCE_CHARS:
            limit = at + MAX_SENTENCE_CHARS
            cut = max(text.rfind("; ", at, limit), text.rfind(", ", at, limit))
            cut = max(cut, text.rfind(" ", at, limit)) - at
            cut = cut + 1 if cut > MAX_SENTENCE_CHARS // 2 else MAX_SENTENCE_CHARS
            start = sentence.start + at
            piece = text[at : at + cut]
            bounded.append(replace(sentence, start=start, end=start + cut, text=piece))
            at += cut
        start = sentence.start + at
        bounded.append(replace(sentence, start=start, end=sentence.end, text=text[at:]))
    return bounded
