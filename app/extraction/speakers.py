"""Speakers: who is named in the text, from the gazetteer or introduced by the article.

The gazetteer (data/speakers.toml) holds canonical names, aliases and titles
with the dates an office was held; the attribution lexicon
(data/attribution.toml) holds the nationality and role words that introduce
people the gazetteer does not know ("Former Russian diplomat Boris X").
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from functools import cache

from app.extraction.lexicon import PhraseIndex, Token, load_data
from app.extraction.records import SpeakerEntry

# Capitalized words that start a sentence or a name-like run but are not names.
_NOT_NAME = frozenset(
    {"the", "a", "an", "he", "she", "it", "they", "we", "i", "in", "on", "at", "but", "and"}
)
_NAME_WORDS = (2, 3)  # an introduced person is named by two or three capitalized words


@dataclass(frozen=True, slots=True)
class _Title:
    speaker: SpeakerEntry
    valid_from: date | None
    valid_to: date | None


@dataclass(frozen=True, slots=True)
class Mention:
    """A speaker named in text: by name, title, description, or a pronoun (speaker None)."""

    first: int  # token indexes, inclusive
    last: int
    start: int
    end: int
    speaker: SpeakerEntry | None
    how: str  # "name", "title", "introduced", "pronoun", "description"


@dataclass(frozen=True, slots=True)
class Gazetteer:
    names: PhraseIndex  # payload: SpeakerEntry
    titles: PhraseIndex  # payload: tuple[_Title, ...] for one title wording
    referring: PhraseIndex  # pronouns and bare descriptions; payload: "pronoun" | "description"
    roles: PhraseIndex  # payload: "official" | "commentator" | side name (nationality)


def slugify(name: str) -> str:
    """URL-safe id of a speaker name: "Viktor Orbán" -> "viktor-orban"."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")


@cache
def load_gazetteer() -> Gazetteer:
    """Read the speaker gazetteer and attribution roles once."""
    names, titles, referring, roles = PhraseIndex(), PhraseIndex(), PhraseIndex(), PhraseIndex()
    by_wording: dict[str, list[_Title]] = {}
    for row in load_data("speakers.toml")["speaker"]:
        entry = SpeakerEntry(slugify(row["name"]), row["name"], row["side"], row["kind"])
        names.add_all({row["name"], *row.get("aliases", ())}, entry, case_sensitive=True)
        for title in row.get("titles", ()):
            wording = title["title"]
            span = (_parse_day(title.get("from")), _parse_day(title.get("to")))
            by_wording.setdefault(wording.lower(), []).append(_Title(entry, *span))
    for wording, holders in by_wording.items():
        titles.add(wording, tuple(holders))
    lexicon = load_data("attribution.toml")
    referring.add_all(lexicon["pronouns"], "pronoun")
    referring.add_all(lexicon["descriptions"], "description")
    roles.add_all(lexicon["official_roles"], "official")
    roles.add_all(lexicon["commentator_roles"], "commentator")
    for nationality in lexicon["nationalities"]:
        roles.add(nationality["word"], nationality["side"], case_sensitive=True)
    return Gazetteer(names, titles, referring, roles)


@cache
def known_sides() -> frozenset[str]:
    """Every side the gazetteer and the attribution roles name ("Russia", "NATO", ...)."""
    sides = {row["side"] for row in load_data("speakers.toml")["speaker"]}
    sides |= {n["side"] for n in load_data("attribution.toml")["nationalities"]}
    return frozenset(sides | {"commentator"})


def _parse_day(value: str | date | None) -> date | None:
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(value)


def find_mentions(
    tokens: list[Token],
    lo: int,
    hi: int,
    *,
    on: date | None,
    introduced: dict[str, SpeakerEntry],
) -> list[Mention]:
    """Speakers named in tokens[lo:hi]; `introduced` maps surnames of people met earlier.

    New people introduced with a title are added to `introduced` (the article's own
    extension of the gazetteer) so that later surname mentions resolve.
    """
    gaz = load_gazetteer()
    mentions: list[Mention] = []
    for hit in gaz.names.scan(tokens, lo, hi):
        mentions.append(Mention(hit.first, hit.last, hit.start, hit.end, hit.payload, "name"))
    for hit in gaz.titles.scan(tokens, lo, hi):
        holder = _holder_on(hit.payload, on)
        if holder is not None:
            mentions.append(Mention(hit.first, hit.last, hit.start, hit.end, holder, "title"))
    for hit in gaz.referring.scan(tokens, lo, hi):
        mentions.append(Mention(hit.first, hit.last, hit.start, hit.end, None, hit.payload))
    known = {i for m in mentions for i in range(m.first, m.last + 1)}
    mentions.extend(_introduced_people(tokens, lo, hi, gaz.roles, known, introduced))
    for i in range(lo, hi):
        token = tokens[i]
        if i not in known and token.capitalized and token.norm in introduced:
            mentions.append(Mention(i, i, token.start, token.end, introduced[token.norm], "name"))
    return _longest_first(mentions)


def _holder_on(holders: tuple[_Title, ...], on: date | None) -> SpeakerEntry | None:
    """Who held a title on a date; without a date, only an unambiguous current holder."""
    if on is None:
        current = [t for t in holders if t.valid_to is None]
        return current[0].speaker if len(current) == 1 else None
    for title in holders:
        if (title.valid_from is None or title.valid_from <= on) and (
            title.valid_to is None or on < title.valid_to
        ):
            return title.speaker
    return None


def _introduced_people(
    tokens: list[Token],
    lo: int,
    hi: int,
    roles: PhraseIndex,
    known: set[int],
    introduced: dict[str, SpeakerEntry],
) -> list[Mention]:
    """People the gazetteer lacks, introduced by a description: "Former Russian diplomat A B"."""
    found: list[Mention] = []
    role_hits = roles.scan(tokens, lo, hi)
    for hit in role_hits:
        if hit.payload not in ("official", "commentator"):
            continue
        name_first = hit.last + 1
        name_last = _name_run_end(tokens, name_first, hi, known)
        if name_last is None:
            continue
        # The description is the role word and the words just before it.
        described = [h.payload for h in role_hits if hit.first - 4 <= h.first <= hit.last]
        side = "commentator" if "commentator" in described else _side_of(described)
        if side is None:
            continue  # an official of an unknown party: no honest side to give
        name = " ".join(tokens[i].norm.title() for i in range(name_first, name_last + 1))
        entry = SpeakerEntry(slugify(name), name, side, "person")
        introduced[tokens[name_last].norm] = entry
        start, end = tokens[name_first].start, tokens[name_last].end
        found.append(Mention(name_first, name_last, start, end, entry, "introduced"))
        known.update(range(name_first, name_last + 1))
    return found


def _name_run_end(tokens: list[Token], first: int, hi: int, known: set[int]) -> int | None:
    """Last token of a run of two or three capitalized words starting at `first`."""
    last = first - 1
    while last + 1 < hi and last + 1 - first < _NAME_WORDS[1] and _namelike(tokens[last + 1]):
        if last + 1 in known:
            return None
        last += 1
    return last if last - first + 1 >= _NAME_WORDS[0] else None


def _namelike(token: Token) -> bool:
    return token.capitalized and token.norm not in _NOT_NAME and "." not in token.norm


def _side_of(described: list[str]) -> str | None:
    sides = [p for p in described if p not in ("official", "commentator")]
    return sides[-1] if sides else None


def _longest_first(mentions: list[Mention]) -> list[Mention]:
    """Mentions in text order, dropping any inside a longer one ("Putin" in "Vladimir Putin")."""
    ordered = sorted(mentions, key=lambda m: (m.first, -m.last))
    kept: list[Mention] = []
    for mention in ordered:
        if kept and mention.first >= kept[-1].first and mention.last <= kept[-1].last:
            continue
        if kept and mention.first <= kept[-1].last:  # partial overlap: keep the longer one
            if mention.last - mention.first > kept[-1].last - kept[-1].first:
                kept[-1] = mention
            continue
        kept.append(mention)
    return kept
