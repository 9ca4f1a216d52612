"""Accounts of how something went: "the talks were creative", "contacts had been useful".

An account of how talks are going names the talks without a position on them; a modal
judges them instead ("a summit would be pointless", "talks could be useful"), and stays a
position.
"""

from __future__ import annotations

from app.extraction.parsing import ParsedSentence
from app.extraction.stance import cue_head

# What "be" says of its subject in an account: an adjective ("were creative") or a phrase
# ("were on hold").
_DESCRIBING = frozenset({"acomp", "prep"})
_COPULA = "be"
_MODAL_TAG = "MD"


def described_as_it_went(parsed: ParsedSentence, cue_start: int, cue_end: int) -> bool:
    """Whether the cue is the subject of "be" with an adjective or phrase that describes
    it, with no modal ("the talks had been substantive", "talks were on hold")."""
    cue = cue_head(parsed, cue_start, cue_end)
    if cue is None or cue.dep_ != "nsubj" or cue.head.lemma_.lower() != _COPULA:
        return False
    verb = cue.head
    if any(c.tag_ == _MODAL_TAG for c in verb.children):
        return False  # "a second round would be pointless": a judgement, a position
    return any(c.dep_ in _DESCRIBING for c in verb.children)
