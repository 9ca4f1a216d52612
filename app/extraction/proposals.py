"""A proposal named again: "the offer is still on the table", "the conditions stand".

News copy sets out a party's terms once and then refers to them as "the proposal",
"the plan" or "the conditions". A sentence in which the proposer's side does so, with no
condition cue of its own, restates those terms. This stage keeps the latest set of terms
and reads such references against it, on the parse.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from spacy.tokens import Token as SpacyToken

from app.extraction.lexicon import Token, load_data
from app.extraction.parsing import ParsedSentence
from app.extraction.records import ConditionTag, SpeakerEntry, Stance, Statement
from app.extraction.stance import stance_on_parse

# How far back, in sentences, a reference may reach for the terms it names.
_REACH = 8


@dataclass(frozen=True, slots=True)
class Proposal:
    """The latest terms a party set out: what it demanded and what it offered."""

    side: str
    terms: tuple[ConditionTag, ...]
    sentence: int  # index of the sentence that set them out


@dataclass(frozen=True, slots=True)
class _Words:
    nouns: frozenset[str]
    determiners: frozenset[str]
    standing: frozenset[str]


@cache
def _words() -> _Words:
    data = load_data("attribution.toml")
    return _Words(
        frozenset(data["referring_nouns"]),
        frozenset(data["referring_determiners"]),
        frozenset(data["standing_words"]),
    )


def proposal_nouns() -> frozenset[str]:
    """The nouns that point back to a set of terms ("the plan", "the conditions")."""
    return _words().nouns


def names_a_proposal(tokens: list[Token], lo: int, hi: int) -> bool:
    """Whether tokens[lo:hi] point back to a proposal ("the plan", "Putin's offer")."""
    words = _words()
    return any(
        tokens[i].norm in words.nouns
        and (tokens[i - 1].norm in words.determiners or tokens[i - 1].norm.endswith("'s"))
        for i in range(max(lo, 1), hi)
    )


def proposal_of(statement: Statement, sentence: int) -> Proposal | None:
    """The terms a statement sets out, if it demands or offers anything."""
    terms = tuple(t for t in statement.conditions if t.stance in (Stance.DEMAND, Stance.OFFER))
    if not terms or statement.speaker.side == "commentator":
        return None
    return Proposal(statement.speaker.side, terms, sentence)


def referenced_terms(
    parsed: ParsedSentence | None,
    start: int,
    end: int,
    speaker: SpeakerEntry,
    proposal: Proposal | None,
    sentence: int,
) -> list[ConditionTag]:
    """The conditions a reference to the latest proposal in [start, end) restates.

    Only the proposer's own side restates terms by naming them ("the conditions the
    president set out remain in force", "the offer is still on the table"). Another side's
    answer to "the plan" is left alone: which of the terms it answers is not said, and
    annotators of real articles do not read one in.
    """
    if parsed is None or proposal is None or sentence - proposal.sentence > _REACH:
        return []
    if speaker.side != proposal.side:
        return []
    nouns = _references(parsed, start, end)
    if not nouns:
        return []
    noun = nouns[0]  # the first reference decides
    noun_start = parsed.offset + noun.idx
    noun_end = noun_start + len(noun.text)
    found = stance_on_parse(parsed, noun_start, noun_end)
    if found.stance not in (None, Stance.SUPPORT, Stance.OFFER) or not _still_holds(noun):
        return []
    return [
        ConditionTag(t.condition, t.stance, t.regions, noun.text, noun_start, noun_end)
        for t in proposal.terms
    ]


def _references(parsed: ParsedSentence, start: int, end: int) -> list[SpacyToken]:
    words = _words()
    return [
        t
        for t in parsed.doc
        if start <= parsed.offset + t.idx < end
        and t.lower_ in words.nouns
        and any(
            (c.dep_ == "det" and c.lower_ in words.determiners) or c.dep_ == "poss"
            for c in t.children
        )
    ]


def _still_holds(noun: SpacyToken) -> bool:
    """Whether the clause says the terms still hold ("remain in force", "is on the table"),
    not that they lapsed ("is no longer on the table", "does not stand")."""
    words = list(noun.head.subtree)  # the noun's own clause too: the parser may hang
    # "remain in force" on it as a relative clause
    if any(t.dep_ == "neg" or t.lower_ in ("off", "longer") for t in words):
        return False
    return any(t.lemma_.lower() in _words().standing for t in words)
