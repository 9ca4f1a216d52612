"""Fast phrase matching over tokens, shared by every lexicon of the engine.

One big regex alternation of all cue phrases costs about half a second per
article (measured: 644 phrases over 5 KB), so phrases are indexed by their
first word instead: the article is tokenized once, each token is looked up in
a dictionary, and only the few candidate phrases are checked word by word.
All overlapping matches are returned, so one cue never hides another.

Phrase syntax (the data files use it):
    word*   any word starting with "word" (a final e may drop before -ing: "cede*" finds
            "ceding")
    ...     up to five other words in between
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

DATA_DIR = Path(__file__).parent / "data"

# Words with inner hyphens, apostrophes and dots stay one token ("cease-fire", "won't", "U.S"),
# but a possessive "'s" is its own token so that "Putin's" still names Putin.
_TOKEN = re.compile(r"\w+(?:[-.]\w+)*(?:['’](?!s\b)\w+)*|['’]s\b")
_GAP_WORDS = 5
_MEMO_LIMIT = 100_000


@dataclass(frozen=True, slots=True)
class Token:
    start: int
    end: int
    norm: str  # lower-cased, curly apostrophe made straight
    capitalized: bool


@dataclass(frozen=True, slots=True)
class Hit:
    first: int  # index of the first token matched
    last: int  # index of the last token matched (inclusive)
    start: int  # character offsets
    end: int
    payload: Any


@dataclass(frozen=True, slots=True)
class _Phrase:
    parts: tuple[tuple[str, str], ...]  # ("word" | "stem" | "gap", text)
    case_sensitive: bool
    payload: Any
    capital_at: int = 0  # which word must be capitalized: "the Kremlin" checks "Kremlin"


def tokenize(text: str) -> list[Token]:
    """Split text into word tokens with offsets."""
    return [
        Token(m.start(), m.end(), m.group().lower().replace("’", "'"), m.group()[0].isupper())
        for m in _TOKEN.finditer(text)
    ]


def load_data(name: str) -> dict[str, Any]:
    """Read one TOML lexicon from the data folder beside this module."""
    with open(DATA_DIR / name, "rb") as handle:
        return tomllib.load(handle)


@cache
def _phrase_parts(phrase: str) -> tuple[tuple[str, str], ...]:
    parts: list[tuple[str, str]] = []
    for word in phrase.split():
        if word == "...":
            parts.append(("gap", ""))
            continue
        stem = word.endswith("*")
        for token in tokenize(word.rstrip("*")):
            parts.append(("word", token.norm))
        if stem and parts:
            parts[-1] = ("stem", parts[-1][1])
    return tuple(parts)


class PhraseIndex:
    """Phrases indexed by first word; `scan` finds every occurrence in a token list."""

    def __init__(self) -> None:
        self._by_word: dict[str, list[_Phrase]] = {}
        self._by_stem: dict[str, list[_Phrase]] = {}
        self._stem_lengths: set[int] = set()
        # Candidates per word, memoised: news vocabulary repeats, and this is the hot path.
        self._candidates: dict[tuple[str, str], tuple[_Phrase, ...]] = {}

    def add(self, phrase: str, payload: Any, *, case_sensitive: bool = False) -> None:
        parts = _phrase_parts(phrase)
        if not parts or parts[0][0] == "gap":
            raise ValueError(f"cue phrase must start with a word: {phrase!r}")
        words = phrase.split()
        capital_at = next((i for i, w in enumerate(words) if w[:1].isupper()), 0)
        entry = _Phrase(parts, case_sensitive, payload, capital_at)
        kind, text = parts[0]
        if kind == "stem":
            for form in _stem_forms(text):
                self._by_stem.setdefault(form, []).append(entry)
                self._stem_lengths.add(len(form))
        else:
            self._by_word.setdefault(text, []).append(entry)
        self._candidates.clear()

    def add_all(
        self, phrases: Iterable[str], payload: Any, *, case_sensitive: bool = False
    ) -> None:
        for phrase in phrases:
            self.add(phrase, payload, case_sensitive=case_sensitive)

    def scan(self, tokens: list[Token], lo: int = 0, hi: int | None = None) -> list[Hit]:
        """Every phrase occurrence within tokens[lo:hi], overlapping ones included."""
        hi = len(tokens) if hi is None else hi
        hits: list[Hit] = []
        memo = self._candidates
        for i in range(lo, hi):
            # Candidates by this word and the next: most phrases fail on their second word.
            key = (tokens[i].norm, tokens[i + 1].norm if i + 1 < hi else "")
            candidates = memo.get(key)
            if candidates is None:
                if len(memo) > _MEMO_LIMIT:
                    memo.clear()  # bounded memory for a long-running ingest
                candidates = memo[key] = self._lookup(*key)
            for phrase in candidates:
                last = _match_from(phrase, tokens, i, hi)
                if last is not None:
                    hits.append(Hit(i, last, tokens[i].start, tokens[last].end, phrase.payload))
        return hits

    def _lookup(self, norm: str, following: str) -> tuple[_Phrase, ...]:
        stems = [
            p for n in self._stem_lengths if len(norm) >= n for p in self._by_stem.get(norm[:n], ())
        ]
        return tuple(
            p for p in (*self._by_word.get(norm, ()), *stems) if _second_word_fits(p, following)
        )


def _second_word_fits(phrase: _Phrase, following: str) -> bool:
    """Whether the word after the first can continue the phrase (gaps and stems may)."""
    if len(phrase.parts) < 2:
        return True
    kind, text = phrase.parts[1]
    return (
        kind == "gap"
        or (kind == "word" and following == text)
        or (kind == "stem" and _stem_fits(text, following))
    )


@cache  # on the hot path of every scan: a stem's forms are worked out once
def _stem_forms(stem: str) -> tuple[str, ...]:
    """The beginnings a stem matches: "cede*" is "cede..." and, as a verb drops its final e
    before -ing, "ceding"; "rule* out" also finds "ruling out"."""
    if stem.endswith("e") and len(stem) > 2:
        return (stem, f"{stem[:-1]}ing")
    return (stem,)


def _stem_fits(stem: str, norm: str) -> bool:
    return any(norm.startswith(form) for form in _stem_forms(stem))


def _match_from(phrase: _Phrase, tokens: list[Token], i: int, hi: int) -> int | None:
    """Index of the last token if phrase matches starting at token i, else None."""
    if phrase.case_sensitive:
        at = i + phrase.capital_at
        if at >= hi or not tokens[at].capitalized:
            return None
    pos = i
    parts = phrase.parts
    k = 0
    while k < len(parts):
        kind, text = parts[k]
        if kind == "gap":
            # Try the rest of the phrase after 0..4 skipped words (shortest first).
            rest = _Phrase(parts[k + 1 :], False, None)
            for skip in range(_GAP_WORDS + 1):
                if pos + skip >= hi:
                    return None
                last = _match_from(rest, tokens, pos + skip, hi)
                if last is not None:
                    return last
            return None
        if pos >= hi:
            return None
        norm = tokens[pos].norm
        if (kind == "word" and norm != text) or (kind == "stem" and not _stem_fits(text, norm)):
            return None
        pos += 1
        k += 1
    return pos - 1
