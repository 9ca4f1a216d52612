"""Stance on the parse: what the speaker does with a condition, read from the words governing it.

The word-window rules in conditions.py take the stance cue nearest before a
condition cue. On a parsed sentence this module walks instead from the condition
cue up the dependency tree, through the words that govern it, to the first one that
carries a stance ("we insist on a full withdrawal", "a freeze is out of the
question", "ready to talk"), counting the negations met on the way ("will never
accept a ceasefire") and noting whether the cue is the price in a bargain ("a truce
if Kyiv withdraws", "neutrality in exchange for guarantees"). The walk stops at the
speech verb: what governs "said" is the reporter's sentence, not the speaker's
position. The lemma lists are in data/taxonomy.toml (`[stance_lemmas]`).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from spacy.tokens import Token as SpacyToken

from app.extraction.lexicon import load_data
from app.extraction.records import Stance
from app.extraction.structure import ParsedSentence, is_speech_verb

_MAX_CLIMB = 12  # levels walked up from a cue: sentences are rarely deeper


@dataclass(frozen=True, slots=True)
class ParsedStance:
    stance: Stance | None  # None when no word on the path carries a stance
    negated: bool  # an odd number of negations govern the cue
    cue_word: str | None  # the word that gave the stance, for review


@dataclass(frozen=True, slots=True)
class _Lemmas:
    by_lemma: dict[str, Stance]
    adjectives: frozenset[str]  # lemmas that carry a stance only as adjectives ("open to")
    modals: dict[str, Stance]  # "must", "should" -> demand; "could" -> offer
    negating: frozenset[str]  # verbs that undo their object: "renounce", "abandon"
    conditional_marks: frozenset[str]  # "if", "unless", "once": the main clause is an offer
    price_marks: frozenset[str]  # "if", "until", "before": what the clause asks is demanded
    condition_nouns: frozenset[str]  # "on condition that ...", "a prerequisite that ..."
    bargain_heads: frozenset[str]  # "exchange", "return" in "in exchange for"


@cache
def _lemmas() -> _Lemmas:
    data = load_data("taxonomy.toml")["stance_lemmas"]
    by_lemma = {
        lemma: Stance(stance)
        for stance in ("reject", "demand", "support", "offer")
        for lemma in data[stance]
    }
    return _Lemmas(
        by_lemma,
        frozenset(data["adjectives"]),
        {
            **{m: Stance.OFFER for m in data["offer_modals"]},
            **{m: Stance.DEMAND for m in data["demand_modals"]},
        },
        frozenset(data["negating"]),
        frozenset(data["conditional_marks"]),
        frozenset(data["price_marks"]),
        frozenset(data["condition_nouns"]),
        frozenset(data["bargain_heads"]),
    )


def stance_on_parse(parsed: ParsedSentence, cue_start: int, cue_end: int) -> ParsedStance:
    """The stance the governing words give the condition cue at [cue_start, cue_end)."""
    lemmas = _lemmas()
    cue = _cue_head(parsed, cue_start, cue_end)
    if cue is None:
        return ParsedStance(None, False, None)
    inside = range(cue_start - parsed.offset, cue_end - parsed.offset)
    if _after_instead(cue):
        return ParsedStance(Stance.REJECT, False, "rather than")  # "a deal rather than a truce"
    negations = _negations_on(cue, inside, lemmas)
    node, previous = cue, None
    held: ParsedStance | None = None  # a noun's stance ("a demand for"), pending a verb
    conditional = False  # a clause on the path is bound by "if": the speaker offers it
    for _ in range(_MAX_CLIMB):
        if node.idx not in inside:
            if node != cue:
                negations += _negations_on(node, inside, lemmas)
            found = _stance_of(node, previous, lemmas)
            if found is not None and _in_condition(node, lemmas):
                found = Stance.DEMAND  # "on condition that Ukraine agrees to withdraw"
            if found is not None and node.pos_ in ("NOUN", "PROPN") and held is None:
                held = ParsedStance(found, negations % 2 == 1, node.text)
            elif found is not None:
                if found is Stance.SUPPORT and (conditional or _has_condition(node, lemmas)):
                    found = Stance.OFFER  # "ready to halt strikes if Kyiv withdraws"
                if node.dep_ == "xcomp" and _stance_of(node.head, node, lemmas) is Stance.DEMAND:
                    found = Stance.DEMAND  # "urged Kyiv to accept a truce": the urging counts
                return ParsedStance(found, negations % 2 == 1, node.text)
            if is_speech_verb(node):
                break  # above the speech verb is the reporter's sentence
        conditional = conditional or _has_condition(node, lemmas, previous)
        if node.head.i == node.i or (node.dep_ == "conj" and node.pos_ in ("VERB", "AUX")):
            break  # a coordinated clause is another predicate
        previous, node = node, node.head
        if previous.dep_ == "advcl" and _mark(previous) in lemmas.price_marks:
            # The cue is what an "if" clause asks for: the price of the main clause.
            return held or ParsedStance(Stance.DEMAND, negations % 2 == 1, _mark(previous))
        if previous.dep_ == "pobj" and node.lower_ == "for" and _bargain(node, lemmas):
            return held or ParsedStance(Stance.DEMAND, negations % 2 == 1, "in exchange for")
        if previous.dep_ == "pobj" and _instead(node):
            return ParsedStance(Stance.REJECT, False, node.text)  # "rather than a truce"
    if held is None and conditional:
        return ParsedStance(Stance.OFFER, negations % 2 == 1, "if")
    return held or ParsedStance(None, negations % 2 == 1, None)


def _cue_head(parsed: ParsedSentence, start: int, end: int) -> SpacyToken | None:
    """The token of the cue span whose head lies outside it."""
    first = parsed.at(start)
    if first is None:
        return None
    tokens = []
    for token in parsed.doc[first.i :]:
        if parsed.offset + token.idx >= end:
            break
        tokens.append(token)
    for token in tokens:
        if not start <= parsed.offset + token.head.idx < end or token.head.i == token.i:
            return token
    return tokens[0] if tokens else None


def _stance_of(node: SpacyToken, came_from: SpacyToken | None, lemmas: _Lemmas) -> Stance | None:
    """The stance one governing word carries, if any."""
    lemma = node.lemma_.lower()
    for child in node.children:
        if child.dep_ == "aux" and child.lower_ in lemmas.modals:
            return lemmas.modals[child.lower_]  # "Kyiv must withdraw", "Kyiv could accept"
    if lemma == "have" and came_from is not None and came_from.dep_ == "xcomp":
        return Stance.DEMAND  # "Ukraine has to withdraw"
    if lemma in lemmas.adjectives and node.pos_ != "ADJ":
        return None  # "open" the verb, "ready" the noun
    return lemmas.by_lemma.get(lemma)


def _has_condition(node: SpacyToken, lemmas: _Lemmas, came_from: SpacyToken | None = None) -> bool:
    """Whether a clause (or the copula of an adjective) is bound by "if" or "once"."""
    holders = [node, node.head] if node.dep_ == "acomp" else [node]
    return any(
        c.dep_ == "advcl" and _mark(c) in lemmas.conditional_marks and c != came_from
        for holder in holders
        for c in holder.children
    )


def _in_condition(node: SpacyToken, lemmas: _Lemmas) -> bool:
    """Whether a word sits in a clause stating a condition ("on condition that X agrees")."""
    while node.head.i != node.i:
        if node.dep_ == "advcl" and _mark(node) in lemmas.conditional_marks:
            return True
        node = node.head
        if node.lemma_.lower() in lemmas.condition_nouns:
            return True
        if is_speech_verb(node):
            return False
    return False


def _negations_on(node: SpacyToken, inside: range, lemmas: _Lemmas) -> int:
    """Negations attached to one word: "not", "never", "no" before a noun, "renounce"."""
    count = sum(
        1
        for c in node.children
        if c.idx not in inside and (c.dep_ == "neg" or (c.dep_ == "det" and c.lower_ == "no"))
    )
    if node.idx not in inside and node.lemma_.lower() in lemmas.negating:
        count += 1
    return count


def _mark(clause: SpacyToken) -> str:
    marks = [c.lower_ for c in clause.children if c.dep_ == "mark"]
    return marks[0] if marks else ""


def _bargain(preposition: SpacyToken, lemmas: _Lemmas) -> bool:
    """Whether "for" completes "in exchange for" / "in return for"."""
    return preposition.head.lemma_.lower() in lemmas.bargain_heads


def _after_instead(cue: SpacyToken) -> bool:
    """Whether the cue's phrase follows "rather than" or "instead of" directly."""
    first = cue.left_edge
    words = [t.lower_ for t in cue.doc[max(0, first.i - 2) : first.i]]
    return words in (["rather", "than"], ["instead", "of"])


def _instead(preposition: SpacyToken) -> bool:
    """Whether a preposition says "rather than" or "instead of"."""
    if preposition.lower_ == "than":
        before = preposition.doc[preposition.i - 1] if preposition.i > 0 else preposition
        return before.lower_ == "rather"
    return preposition.lower_ == "of" and preposition.head.lower_ == "instead"
