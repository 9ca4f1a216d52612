"""The search box's little language, pure: words (each a prefix), "exact phrases", OR
between two terms, and a minus to exclude a term; the war's spelling variants count as
one word ("cease-fire" finds "ceasefire", "Kiev" finds "Kyiv"). Parsed once into a
`SearchQuery`, then written as an SQLite FTS5 expression (or matched as substrings on
other databases, see crud/search.py); a query that cannot be read is a `SearchError`
with a message for the analyst.

    russia "security guarantees" -trump truce OR ceasefire
"""

import re
import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

_TOKEN = re.compile(r'-?"[^"]*"|-?[^\s"]+|"')
_WORD = re.compile(r"\w+", re.UNICODE)
VARIANTS_FILE = Path(__file__).with_name("search_variants.toml")


class SearchError(ValueError):
    """A search that cannot be read; the message says how to fix it."""


@dataclass(frozen=True, slots=True)
class Term:
    """One thing to find: a phrase of words (one word is a one-word phrase), with the
    other spellings that count as it."""

    spellings: tuple[tuple[str, ...], ...]  # each a sequence of words, matched as a phrase
    exact: bool  # written in quotes: the last word is not a prefix


@dataclass(frozen=True, slots=True)
class SearchQuery:
    """Every group must match (a group matches if any of its terms does); no excluded
    term may match."""

    groups: tuple[tuple[Term, ...], ...]
    excluded: tuple[Term, ...]

    @property
    def words(self) -> list[str]:
        """Every word sought, for highlighting hits."""
        return [w for g in self.groups for t in g for s in t.spellings for w in s]


@cache
def _variants() -> dict[str, tuple[tuple[str, ...], ...]]:
    """Each spelling (as words) -> every spelling of its family."""
    with VARIANTS_FILE.open("rb") as handle:
        families = tomllib.load(handle)["families"]
    table: dict[str, tuple[tuple[str, ...], ...]] = {}
    for family in families:
        spellings = tuple(tuple(_WORD.findall(s.lower())) for s in family)
        for spelling in spellings:
            table[" ".join(spelling)] = spellings
    return table


MAX_SPELLINGS = 16  # a phrase of many varied words is read with at most this many spellings
_LONGEST_VARIANT = 3  # words in the longest spelling of the variants file


def _term(text: str, exact: bool) -> Term | None:
    """A term from a word or a phrase; each word (or run of words) with spelling variants
    brings them along: "Kiev will" is also sought as "Kyiv will"."""
    words = tuple(w.lower() for w in _WORD.findall(text))
    if not words:
        return None
    spellings: list[tuple[str, ...]] = [()]
    at = 0
    while at < len(words):
        for size in range(min(_LONGEST_VARIANT, len(words) - at), 0, -1):
            family = _variants().get(" ".join(words[at : at + size]))
            if family or size == 1:
                break
        options = family or (words[at : at + 1],)
        spellings = [s + o for s in spellings for o in options][:MAX_SPELLINGS]
        at += size
    return Term(tuple(dict.fromkeys(spellings)), exact)


def _joined_variant(tokens: list[str], at: int) -> int:
    """How many plain tokens from `at` spell one variant together ("cease fire"), else 1."""
    for size in range(min(_LONGEST_VARIANT, len(tokens) - at), 1, -1):
        run = tokens[at : at + size]
        if any(t == "OR" or t.startswith(("-", '"')) for t in run):
            continue
        if " ".join(run).lower() in _variants():
            return size
    return 1


def parse_search(q: str) -> SearchQuery:
    """Read the search box; SearchError says what is wrong with it."""
    if q.count('"') % 2:
        raise SearchError('a quotation mark is not closed: put the phrase between two " marks')
    groups: list[list[Term]] = []
    excluded: list[Term] = []
    pending_or = False
    tokens = _TOKEN.findall(q)
    at = 0
    while at < len(tokens):
        # Plain words that together spell a variant ("cease fire") are one term.
        size = _joined_variant(tokens, at)
        token = " ".join(tokens[at : at + size])
        at += size
        if token == "OR":
            if not groups or pending_or:
                raise SearchError("OR needs a word or phrase on each side")
            pending_or = True
            continue
        negative = token.startswith("-") and len(token) > 1
        body = token[1:] if negative else token
        exact = body.startswith('"')
        term = _term(body.strip('"'), exact)
        if term is None:
            continue  # punctuation alone
        if negative:
            if pending_or:
                raise SearchError("OR cannot join an excluded term: write -word on its own")
            excluded.append(term)
        elif pending_or:
            groups[-1].append(term)
            pending_or = False
        else:
            groups.append([term])
    if pending_or:
        raise SearchError("OR needs a word or phrase on each side")
    # Only exclusions ("-NATO") is a fair question: everything that does not mention it.
    return SearchQuery(tuple(tuple(g) for g in groups), tuple(excluded))


def _fts_term(term: Term) -> str:
    """An FTS5 expression for a term: its spellings joined by OR, each a quoted phrase
    (quoted, so that no user text is read as FTS syntax), a prefix unless exact."""
    options = []
    for words in term.spellings:
        phrase = '"' + " ".join(words) + '"'
        options.append(phrase if term.exact else phrase + "*")
    return options[0] if len(options) == 1 else "(" + " OR ".join(options) + ")"


def fts_expression(query: SearchQuery, *, excluded: bool = False) -> str | None:
    """The FTS5 MATCH expression of what must match (or, with `excluded`, of what must
    not: any excluded term), or None when there is nothing of that kind."""
    if excluded:
        terms = [_fts_term(t) for t in query.excluded]
        return " OR ".join(terms) if terms else None
    parts = []
    for group in query.groups:
        options = [_fts_term(t) for t in group]
        parts.append(options[0] if len(options) == 1 else "(" + " OR ".join(options) + ")")
    return " AND ".join(parts) if parts else None


@cache
def term_pattern(term: Term) -> re.Pattern[str]:
    """Where a term is in plain text, read as the full-text index reads it: each spelling's
    words in order with only punctuation or space between, case-insensitively, the first
    word at a word's start and the last a prefix unless the term is exact."""
    options = [
        r"\W+".join(re.escape(w) for w in words) + (r"\b" if term.exact else r"\w*")
        for words in term.spellings
    ]
    return re.compile(r"\b(?:" + "|".join(options) + ")", re.IGNORECASE)


def finds(query: SearchQuery, text: str) -> bool:
    """Whether the search finds the text: a term of every group and no excluded term."""
    if any(term_pattern(t).search(text) for t in query.excluded):
        return False
    return all(any(term_pattern(t).search(text) for t in group) for group in query.groups)


def first_hit(query: SearchQuery, text: str) -> tuple[int, int] | None:
    """(start, end) of the earliest place in the text where a sought term is, or None."""
    hits = [
        (hit.start(), hit.end())
        for group in query.groups
        for term in group
        if (hit := term_pattern(term).search(text))
    ]
    return min(hits, default=None)
