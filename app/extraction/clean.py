"""Cleaning: keep the body of an article's text, drop page furniture, find the headline.

The cleaner never edits text. It classifies each line of the original text as body,
furniture, a date stamp or an end-of-article marker, and returns the body as segments
(character offsets into the original). The lexicon is data: data/furniture.toml.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from pathlib import Path

from app.extraction.records import CleanedArticle, Segment

_DATA = Path(__file__).parent / "data" / "furniture.toml"

# Line classes.
_BODY, _DROP, _TAIL, _DATE = range(4)

# Any letter or digit: a line without one is a rule, bullet or separator on its own.
_WORD_CHAR = re.compile(r"\w")
# A digit: date stamps always have one (a day or a year).
_DIGIT = re.compile(r"\d")
# A paragraph that ends like a sentence (after closing quotes or brackets).
_TERMINAL = re.compile(r"[.!?…][”\"’'»)\]]*$")
# Trailing characters ignored when comparing a line with the UI lexicon ("Menu »", "Search:").
_UI_TRIM = " \t\xa0.:!?|-–—•·>»›"
# Small words that may stay lowercase in a title-case label ("Defense and National Security").
_LABEL_JOINERS = frozenset({"and", "&", "of", "the", "for", "in", "on", "a", "an", "to"})
_RULE = re.compile(r"[-*_=—–]{3,}")  # "---": a rule between sections
_CLOSERS = "”\"’'»)]"


@dataclass(frozen=True, slots=True)
class _Rule:
    kind: int  # _DROP or _TAIL
    regex: re.Pattern[str]
    max_words: int | None
    after_fraction: float | None
    anchored: bool  # tried at the start of the line only

    def applies(self, line: str, words: int, position: float) -> bool:
        return (
            (self.max_words is None or words <= self.max_words)
            and (self.after_fraction is None or position >= self.after_fraction)
            and (self.regex.match(line) if self.anchored else self.regex.search(line)) is not None
        )


@dataclass(frozen=True, slots=True)
class _Anchored:
    """Rules tried at the start of a line only, one combined regex per line-length bucket."""

    thresholds: tuple[int, ...]  # sorted distinct max_words values
    buckets: tuple[re.Pattern[str], ...]  # every rule allowed for lines of <= thresholds[i]
    unlimited: re.Pattern[str] | None  # rules without a word limit
    positional: tuple[_Rule, ...]  # rules with after_fraction, tried one by one

    def matches(self, line: str, words: int, position: float) -> bool:
        for threshold, regex in zip(self.thresholds, self.buckets, strict=True):
            if words <= threshold:
                if regex.match(line):
                    return True
                break
        else:
            if self.unlimited is not None and self.unlimited.match(line):
                return True
        return bool(self.positional) and any(
            rule.applies(line, words, position) for rule in self.positional
        )


def _combine(patterns: list[str]) -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{p})" for p in patterns), re.IGNORECASE)


def _rule(entry: dict, kind: int, *, anchored: bool) -> _Rule:
    regex = re.compile(entry["pattern"], re.IGNORECASE)
    return _Rule(kind, regex, entry.get("max_words"), entry.get("after_fraction"), anchored)


def _anchored(entries: list[dict], kind: int) -> _Anchored:
    plain = [e for e in entries if e.get("after_fraction") is None]
    thresholds = tuple(sorted({e["max_words"] for e in plain if e.get("max_words")}))
    # A line of n words may match every rule whose max_words is at least n.
    buckets = tuple(
        _combine([e["pattern"] for e in plain if e.get("max_words", 10**9) >= t])
        for t in thresholds
    )
    unlimited = [e["pattern"] for e in plain if not e.get("max_words")]
    positional = tuple(
        _rule(e, kind, anchored=True) for e in entries if e.get("after_fraction") is not None
    )
    return _Anchored(thresholds, buckets, _combine(unlimited) if unlimited else None, positional)


@dataclass(frozen=True, slots=True)
class _Lexicon:
    ui_lines: frozenset[str]
    tail: _Anchored
    drop: _Anchored
    keyed: tuple[_Rule, ...]  # rules tried only on lines holding one of their keywords
    keywords: tuple[tuple[str, tuple[int, ...]], ...]  # keyword -> indexes into keyed
    date_tokens: re.Pattern[str]
    date_requires: re.Pattern[str]
    limits: dict[str, int]


def _load() -> _Lexicon:
    with _DATA.open("rb") as f:
        data = tomllib.load(f)
    tail = data["tail"]
    # A positional end marker met too early is dropped as a line of its own.
    drop = data["drop"] + [
        {k: v for k, v in e.items() if k != "after_fraction"} for e in tail if "after_fraction" in e
    ]
    entries = [(e, _TAIL) for e in tail] + [(e, _DROP) for e in drop]
    for e, _ in entries:
        if not e.get("keywords") and not e["pattern"].startswith(("^", "(?-i:^")):
            raise ValueError(f"furniture rule without keywords must start with ^: {e['pattern']}")
    keyed = [(e, kind) for e, kind in entries if e.get("keywords")]
    by_keyword: dict[str, list[int]] = {}
    for i, (e, _) in enumerate(keyed):
        for word in e["keywords"]:
            by_keyword.setdefault(word.lower(), []).append(i)
    return _Lexicon(
        ui_lines=frozenset(w.lower() for group in data["ui_lines"].values() for w in group),
        tail=_anchored([e for e in tail if not e.get("keywords")], _TAIL),
        drop=_anchored([e for e in drop if not e.get("keywords")], _DROP),
        keyed=tuple(_rule(e, kind, anchored=False) for e, kind in keyed),
        keywords=tuple((w, tuple(ids)) for w, ids in by_keyword.items()),
        date_tokens=re.compile(data["dateline"]["tokens"], re.IGNORECASE),
        date_requires=re.compile(data["dateline"]["requires"], re.IGNORECASE),
        limits=data["limits"],
    )


_LEX = _load()


@dataclass(slots=True)
class _Line:
    start: int  # offset of the first non-space character
    end: int  # offset after the last non-space character
    text: str  # original[start:end]
    words: int
    kind: int = _BODY
    blank_before: bool = False  # a blank line separates it from the previous kept-or-not line


def _keyword_hits(text: str) -> list[tuple[int, int]]:
    """(offset, keyed rule index) of every keyword in the text, in text order."""
    lower = text.lower()
    if len(lower) != len(text):  # a rare character changed length when lowered
        # "İ" (its lower case is two characters) kept as it is, so offsets stay the text's;
        # split around it rather than lowered a character at a time (a megabyte is slow so).
        lower = "İ".join(part.lower() for part in text.split("İ"))
    if len(lower) != len(text):  # another such character, of a later Unicode
        lower = "".join(c if len(c.lower()) != 1 else c.lower() for c in text)
    hits: list[tuple[int, int]] = []
    for word, ids in _LEX.keywords:
        i = lower.find(word)
        while i != -1:
            hits.extend((i, r) for r in ids)
            i = lower.find(word, i + 1)
    hits.sort()
    return hits


def _is_date_line(line: str) -> bool:
    """A line that is only a date stamp: "July 5, 2024", "Updated 10:30 GMT, 5 July 2024"."""
    if not _DIGIT.search(line) or not _LEX.date_requires.search(line):
        return False
    return not _WORD_CHAR.search(_LEX.date_tokens.sub("", line))


def _classify(line: str, words: int, position: float, keyed: set[int]) -> int:
    if not _WORD_CHAR.search(line):
        return _DROP
    if words <= 8 and " ".join(line.rstrip(_UI_TRIM).lower().split()) in _LEX.ui_lines:
        return _DROP
    if _LEX.tail.matches(line, words, position):
        return _TAIL
    kinds = (
        {_LEX.keyed[r].kind for r in keyed if _LEX.keyed[r].applies(line, words, position)}
        if keyed
        else ()
    )
    if _TAIL in kinds:
        return _TAIL
    if words <= 16 and _is_date_line(line):
        return _DATE
    if kinds or _LEX.drop.matches(line, words, position):
        return _DROP
    return _BODY


def _split_lines(text: str) -> list[_Line]:
    """The non-blank lines of the text, classified, with their stripped offsets."""
    hits = _keyword_hits(text)
    h = 0
    lines: list[_Line] = []
    size = max(len(text), 1)
    pos = 0
    blank = False
    while True:
        nl = text.find("\n", pos)
        end = len(text) if nl == -1 else nl
        keyed: set[int] = set()
        while h < len(hits) and hits[h][0] < end:
            keyed.add(hits[h][1])
            h += 1
        raw = text[pos:end]
        stripped = raw.strip()
        if stripped:
            start = pos + len(raw) - len(raw.lstrip())
            words = len(stripped.split())
            kind = _classify(stripped, words, start / size, keyed)
            lines.append(_Line(start, start + len(stripped), stripped, words, kind, blank))
            blank = False
        elif lines:
            blank = True
        if nl == -1:
            return lines
        pos = nl + 1


def _is_section_label(line: str) -> bool:
    """A site or section name: "Topic: Sub, Sub and Sub" or "News | World | Europe"."""
    if " | " in line and all(len(p.split()) <= 4 for p in line.split(" | ")):
        return True
    _, colon, after = line.partition(":")
    if not colon or not (any(c in after for c in ",&") or " and " in after):
        return False
    words = after.replace(",", " ").split()
    return len(words) >= 2 and all(w[0].isupper() or w.lower() in _LABEL_JOINERS for w in words)


def _find_title(lines: list[_Line]) -> _Line | None:
    """The headline: the first headline-like line of the page head, unless a later one is
    printed twice or follows the dateline. Marks section labels of the head as furniture."""
    limits = _LEX.limits
    head: list[tuple[int, _Line]] = []  # (index in lines, line) of body lines in the head
    for i, line in enumerate(lines):
        if line.kind == _TAIL:
            break
        if line.kind != _BODY:
            continue
        if line.words >= limits["body_paragraph_words"] and _TERMINAL.search(line.text):
            break
        # a site or section name above the headline is furniture, not body
        if _is_section_label(line.text):
            line.kind = _DROP
            continue
        head.append((i, line))
        if len(head) >= limits["title_search_lines"]:
            break
    texts = [line.text for _, line in head]
    best_score = float("-inf")
    best: _Line | None = None
    for rank, (i, line) in enumerate(head):
        if not limits["title_min_words"] <= line.words <= limits["title_max_words"]:
            continue
        if line.text.rstrip(_CLOSERS).endswith((".", ",", ":", ";", "…")):
            continue
        score = -0.5 * rank
        # printed twice: pages often repeat the headline
        if texts.count(line.text) > 1:
            score += 3
        # right after the date stamp
        if i and lines[i - 1].kind == _DATE:
            score += 2
        # an outlet name that another line uses as a prefix ("Outlet: headline")
        if any(t.startswith(line.text + ":") for t in texts):
            score -= 5
        if score > best_score:
            best_score, best = score, line
    return best


def clean_article(text: str) -> CleanedArticle:
    """Keep the article body; drop page furniture, keeping offsets into the original text."""
    lines = _split_lines(text)
    title = _find_title(lines)
    if title is not None:
        outlet = title.text.split(":", 1)[0] if ":" in title.text else None
        before = True
        for line in lines:
            if line is title:
                before = False
            if line.kind != _BODY:
                continue
            # the headline and its repeats, and an outlet label that prefixes the headline
            if line.text == title.text or line.text == outlet:
                line.kind = _DROP
            # section names and kickers printed above the headline
            elif before and not _TERMINAL.search(line.text):
                line.kind = _DROP

    segments: list[Segment] = []
    min_words = _LEX.limits["min_body_words_before_cut"]
    body_words = 0
    run_start = run_end = -1
    contiguous = False  # the previous line was kept
    headings: list[Segment] = []
    for line in lines:
        if line.kind == _TAIL and body_words >= min_words:
            break
        if (line.kind == _DATE or _RULE.fullmatch(line.text)) and body_words:
            headings.append(Segment(line.start, line.end))  # a rule ends a dated section
        if line.kind != _BODY:
            contiguous = False
            continue
        body_words += line.words
        if contiguous and not line.blank_before:
            run_end = line.end
        else:
            if run_start >= 0:
                segments.append(Segment(run_start, run_end))
            run_start, run_end = line.start, line.end
        contiguous = True
    if run_start >= 0:
        segments.append(Segment(run_start, run_end))

    return CleanedArticle(
        text=text,
        segments=tuple(segments),
        title=title.text if title is not None else None,
        title_span=Segment(title.start, title.end) if title is not None else None,
        date_headings=tuple(headings),
    )
