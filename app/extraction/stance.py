"""Stance on the parse: what the speaker does with a condition, read from the words governing it.

The word-window rules in conditions.py take the stance cue nearest before a
condition cue. On a parsed sentence this module walks instead from the condition
cue up the dependency tree, through the words that govern it, to the first one that
carries a stance ("we insist on a full withdrawal", "a freeze is out of the
question", "ready to talk"), counting the negations met on the way ("will never
accept a ceasefire") and noting whether the cue is the price in a bargain ("a truce
if Kyiv withdraws", "neutrality in exchange for guarantees"). The walk stops at the
speech verb: what governs "said" is the reporter's sentence, not the speaker's
position. The lemma lists are in data/taxonomy.toml (`[stance_lemmas]`), loaded by
stance_lexicon.py; the cue's other roles in its sentence are read in cue_roles.py, and who
withdraws in withdrawal.py.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token as SpacyToken

from app.extraction.parsing import ParsedSentence, cue_lexicon, is_speech_verb, mark_of
from app.extraction.records import Stance
from app.extraction.stance_lexicon import StanceLemmas, load_stance_lemmas

_NOBODY = frozenset({"nobody", "none", "nothing", "noone"})
_AS_ADVERBS = frozenset({"soon", "long"})  # "as soon as", "as long as"
_AHEAD_MODALS = frozenset({"will", "would", "'ll", "can", "could", "shall", "may", "might"})
_LEFT_OUT = frozenset({"without"})  # "no deal without Ukraine"
_TIME_SPANS = frozenset({"hour", "day", "week", "month"})  # "within 90 days of a truce"
_RELATIVES = frozenset({"that", "which", "who"})
MAX_CLIMB = 12  # levels walked up from a cue: sentences are rarely deeper


@dataclass(frozen=True, slots=True)
class ParsedStance:
    stance: Stance | None  # None when no word on the path carries a stance
    negated: bool  # an odd number of negations govern the cue
    cue_word: str | None  # the word that gave the stance, for review
    # the words naming whose stance it is ("Western" in "Western calls for a truce")
    holder: frozenset[str] = frozenset()
    # the negation is of what the stance word governs, not of the word: "ready to give up
    # its NATO bid" offers to go without the bid
    content_negated: bool = False


def stance_on_parse(parsed: ParsedSentence, cue_start: int, cue_end: int) -> ParsedStance:
    """The stance the governing words give the condition cue at [cue_start, cue_end)."""
    found = _governed_stance(parsed, cue_start, cue_end)
    if found.stance is Stance.DEMAND and not found.negated:
        cue = cue_head(parsed, cue_start, cue_end)
        if cue is not None and _invited(cue, load_stance_lemmas()):
            # "Russian envoys should attend the summit": asking another party to come to a
            # meeting is an invitation to talks, offered, not a demand for them
            return ParsedStance(Stance.OFFER, False, "invited", found.holder)
    return found


def _invited(cue: SpacyToken, lemmas: StanceLemmas) -> bool:
    """Whether the cue is a summit or conference that a named party (not "we") is to attend:
    its object ("attend the summit") or what it takes part in ("take part in the summit")."""
    if cue.lemma_.lower() not in lemmas.hosted_events:
        return False
    verb = cue.head
    if cue.dep_ == "pobj" and verb.lower_ == "in":
        verb = verb.head
        taking_part = any(c.dep_ == "dobj" and c.lower_ == "part" for c in verb.children)
        if verb.lemma_.lower() not in lemmas.attending and not taking_part:
            return False
    elif cue.dep_ != "dobj" or verb.lemma_.lower() not in lemmas.attending:
        return False
    subjects = [c for c in verb.children if c.dep_ == "nsubj"]
    return any(s.pos_ != "PRON" for s in subjects)  # "we must attend" is no invitation


def _governed_stance(parsed: ParsedSentence, cue_start: int, cue_end: int) -> ParsedStance:
    """The stance the words governing the cue give it, climbing the parse."""
    lemmas = load_stance_lemmas()
    cue = cue_head(parsed, cue_start, cue_end)
    if cue is None:
        return ParsedStance(None, False, None)
    inside = range(cue_start - parsed.offset, cue_end - parsed.offset)
    if _after_instead(cue):
        return ParsedStance(Stance.REJECT, False, "rather than")  # "a deal rather than a truce"
    threatened = _threatened_clause(cue, lemmas)
    if threatened is not None:
        return _threat_stance(cue, threatened, inside, lemmas)
    if cue.lower_ in _LEFT_OUT and cue.pos_ == "ADP":
        # "no deal without Ukraine": what cannot be done without a party asks for its say
        return ParsedStance(Stance.DEMAND, False, cue.lower_)
    negations = negations_on(cue, inside, lemmas)
    # "no troops from European countries be stationed": a "no" just before the cue words
    # negates them, whichever of them the parser made the head
    negations += sum(
        1
        for t in cue.doc
        if t.idx in inside and t != cue
        for c in t.children
        if c.dep_ == "det" and c.lower_ == "no" and c.idx not in inside
    )
    # "the idea that Kyiv could ...": a supposition, judged by the idea's own predicate
    supposed = cue.dep_ in ("acl", "ccomp") and cue.head.lemma_.lower() in cue_lexicon().claims
    if cue.pos_ in ("VERB", "AUX") and _modal(cue, lemmas) is not None and not supposed:
        # "must stop the fighting": the cue's own verb carries the modal (but in "the idea
        # that Kyiv could win it all back is a fantasy" the idea is judged).
        return ParsedStance(_modal(cue, lemmas), negations % 2 == 1, cue.text)
    if cue.lemma_.lower() == "have" and _stance_of(cue, None, lemmas) is Stance.DEMAND:
        # "the shooting has to stop": the cue's own words say it must
        return ParsedStance(Stance.DEMAND, negations % 2 == 1, cue.text)
    if _bidden(cue):
        # "Stop the killing and sit down with Zelensky", "agree to a ceasefire now"
        return ParsedStance(Stance.DEMAND, negations % 2 == 1, "imperative")
    offering = cue.pos_ == "VERB" and lemmas.by_lemma.get(cue.lemma_.lower()) is Stance.OFFER
    if offering and not _noun_as_verb(cue):
        # "ready to host talks": a cue that is itself an offering verb offers, whoever is
        # ready or willing above it.
        return ParsedStance(Stance.OFFER, negations % 2 == 1, cue.text)
    node, previous = cue, None
    held: ParsedStance | None = None  # a noun's stance ("a demand for"), pending a verb
    conditional = False  # a clause on the path is bound by "if": the speaker offers it
    only = False  # "a solution can only come through dialogue": the one way is demanded
    only_word: SpacyToken | None = None  # the word "only" restricts ("settled only by ...")
    negated_clause = False  # the cue sits in a negated clause on a noun ("a plan that fails to")
    after_price = False  # the cue follows "before" a demand: "withdraw before any truce"
    withheld = False  # a clause on the path is bound by "until" or "while"
    undone = 0  # words on the path that undo their object ("give up", "renounce")
    for _ in range(MAX_CLIMB):
        if node.idx not in inside:
            # a word on the way that undoes its object ("ready to give up its NATO bid",
            # "could give up"): a negation of the content, not of the stance
            undone += _undoing(node, inside, lemmas)
            if node != cue:
                # "no bases and no nuclear weapons": a conjunct's own "no" is its own
                conjunct = previous is not None and previous.dep_ == "conj"
                negations += negations_on(
                    node, inside, lemmas, nouns_too=not conjunct, came_from=previous
                )
            if _judged_useful(node, previous, lemmas):
                # "more prisoner swaps could help to build trust": welcomed as useful,
                # whatever modal "help" carries (its negation was counted above)
                return ParsedStance(Stance.SUPPORT, negations % 2 == 1, node.text)
            found = _stance_of(node, previous, lemmas)
            if found is not None and node.dep_ == "acomp":
                negations += negations_on(node.head, inside, lemmas)  # "is not ready for"
            if found is not None and _in_condition(node, lemmas):
                found = Stance.DEMAND  # "on condition that Ukraine agrees to withdraw"
            if found is not None and node.lemma_.lower() in lemmas.condition_nouns:
                if _made(node, lemmas):
                    # "create the conditions for a resumption of talks": what the conditions
                    # are for is wished to come about, not a price put on it
                    negations += negations_on(node.head, inside, lemmas)
                    return ParsedStance(Stance.SUPPORT, negations % 2 == 1, node.text)
                if (
                    previous is not None
                    and previous.lower_ in ("for", "of")
                    and _first_conjunct(cue).head == previous
                ):
                    # "a withdrawal as a condition for a ceasefire", "the price of a truce",
                    # "a condition for a ceasefire and talks": what the condition buys is
                    # offered in return, each item of it
                    return ParsedStance(Stance.OFFER, False, node.text)
                if previous is not None and previous.dep_ == "relcl":
                    # "the conditions under which Moscow would cease fire": so is what
                    # the conditions are for
                    return ParsedStance(Stance.OFFER, False, node.text)
                # "on condition that Kyiv withdraws": what the condition names is demanded,
                # whatever the verb above it does with the condition.
                return ParsedStance(Stance.DEMAND, negations % 2 == 1, node.text)
            if found is not None and node.pos_ in ("NOUN", "PROPN") and held is None:
                # "Moscow does not get a veto over ...": the light verb's negation is the noun's
                light = negations_on(node.head, inside, lemmas) if _had(node) else 0
                held = ParsedStance(found, (negations + light) % 2 == 1, node.text, _holder(node))
            elif found is not None:
                found, negations = _composed(node, found, negations, conditional, lemmas)
                if found is Stance.DEMAND and negations % 2 == 1:
                    if _pushed_into(node, previous, lemmas):
                        # "will not press Kyiv into talks": not forcing talks on a party
                        # leaves the when and how to it, as "for Kyiv to decide" does
                        return ParsedStance(Stance.DEMAND, False, "not pressed into")
                refusal = found is Stance.REJECT or negations % 2 == 1
                if refusal and _blocked_while(node, lemmas):
                    # "no truce while Kyiv refuses to address the root causes": what the
                    # other side refuses, the refusal blocking the speaker's move, is asked
                    return ParsedStance(Stance.DEMAND, False, BLOCKED)
                withheld = withheld or _has_condition(
                    node, lemmas, previous, lemmas.withholding_marks
                )
                if _withheld_until(found, negations, withheld):
                    # "will not agree to a truce until Kyiv withdraws": agreed once it does
                    return ParsedStance(Stance.OFFER, False, WITHHELD)
                if after_price and found is Stance.DEMAND and negations % 2 == 0:
                    return ParsedStance(Stance.OFFER, False, "before")
                if found in (Stance.SUPPORT, Stance.OFFER) and negated_clause:
                    if negations % 2 == 0:
                        # "would accept no plan that failed to recognise X": X is demanded
                        return ParsedStance(Stance.DEMAND, False, node.text)
                return ParsedStance(
                    found, negations % 2 == 1, node.text, _holder(node), undone % 2 == 1
                )
            if is_speech_verb(node) and previous is not None and previous.dep_ == "xcomp":
                if _directed(node):  # "told Putin to stop the fighting"
                    return ParsedStance(Stance.DEMAND, negations % 2 == 1, node.text)
            if is_speech_verb(node):
                break  # above the speech verb is the reporter's sentence
        if node.lower_ in lemmas.groundwork and node.pos_ == "NOUN":  # not "bases"
            # "could (not) serve as the basis for a settlement": accepted (or not) to start from
            negations += negations_on(node.head, inside, lemmas)
            if node.head.dep_ == "prep":
                negations += negations_on(node.head.head, inside, lemmas)
            return ParsedStance(Stance.SUPPORT, negations % 2 == 1, node.text)
        if _merely(node, previous):
            # "a ceasefire would only help Russia rearm": the condition is judged harmful.
            return ParsedStance(Stance.REJECT, negations % 2 == 1, "only")
        if _not_negotiable(node, previous, lemmas):
            # "Crimea's status is not up for talks": held firm as it stands, whatever the
            # negations that say so
            return ParsedStance(Stance.DEMAND, False, "not negotiable")
        predicate = _predicate_of(node, previous, lemmas)
        if predicate is not None:
            found, word = predicate
            return ParsedStance(found, negations % 2 == 1, word)
        conditional = conditional or _has_condition(node, lemmas, previous)
        withheld = withheld or _has_condition(node, lemmas, previous, lemmas.withholding_marks)
        if not only and _exclusively(node, previous):
            only, only_word = True, node
        if node.dep_ == "conj" and node.pos_ in ("VERB", "AUX"):
            first = node
            while first.dep_ == "conj":
                first = first.head
            if first.dep_ == "advcl" and clause_mark(first) in lemmas.price_marks:
                # "possible only if the West stops ... and Kiev returns to neutrality": every
                # clause the "if" joins is part of the price
                return held or ParsedStance(Stance.DEMAND, negations % 2 == 1, clause_mark(first))
        if node.dep_ == "conj" and node.pos_ in ("VERB", "AUX"):
            first = node
            while first.dep_ == "conj":
                first = first.head
            # "call for no escalation ... and for a conference to be held": the parser may
            # make the second "for" the mark of a clause coordinated with "call"
            asked_for = any(c.dep_ == "mark" and c.lower_ == "for" for c in node.children)
            if asked_for and first.i != node.i:
                previous, node = node, first
                continue
            if first.dep_ in ("ccomp", "xcomp") and first.head.i != first.i:
                # "demanded that Kyiv give up its NATO bid and pull its troops out": each
                # clause the reported verb governs is demanded, not undone by its neighbour
                previous, node = first, first.head
                continue
        shared = node.dep_ == "conj" and node.head.dep_ == "xcomp"
        if node.head.i == node.i or (
            node.dep_ == "conj" and node.pos_ in ("VERB", "AUX") and not shared
        ):
            # A coordinated clause is another predicate; but "urged both sides to agree on a
            # truce and to return to the table" asks both of them.
            break
        if _provided(node, lemmas):
            # "would accept a ceasefire, provided it is monitored": the proviso is the price
            return held or ParsedStance(Stance.DEMAND, negations % 2 == 1, "provided")
        previous, node = node, node.head
        if previous.dep_ in ("relcl", "acl") and negations % 2 == 1:
            negated_clause = True
        if (
            previous.dep_ == "advcl"
            and clause_mark(previous) == "before"
            and _demanded(node, lemmas)
        ):
            # "Kyiv must withdraw before Moscow would order a ceasefire": what comes once the
            # demand is met is offered in return.
            return held or ParsedStance(Stance.OFFER, negations % 2 == 1, "before")
        if (
            previous.dep_ in ("relcl", "advcl")
            and _after_which(previous)
            and _demanded(node, lemmas)
        ):
            # "Kyiv must withdraw from four regions, after which Moscow would cease fire"
            return held or ParsedStance(Stance.OFFER, negations % 2 == 1, "after which")
        if previous.dep_ == "advcl" and clause_mark(previous) in lemmas.price_marks:
            if negations % 2 == 1 and clause_mark(previous) in lemmas.blocking_marks:
                # "pointless as long as Russia is not at the table": what is missing while
                # the main clause holds is asked for
                return held or ParsedStance(Stance.DEMAND, False, BLOCKED)
            # The cue is what an "if" clause asks for: the price of the main clause.
            return held or ParsedStance(Stance.DEMAND, negations % 2 == 1, clause_mark(previous))
        if previous.dep_ == "pobj" and node.lower_ == "before" and node.dep_ == "prep":
            after_price = True  # "wants X before any truce": the truce comes once X is done
        if previous.dep_ == "pobj" and _counted_from(node):
            # "elections within 90 days of a ceasefire", "there on the first day of a truce":
            # what is promised is counted from the condition, which must come first
            return held or ParsedStance(Stance.DEMAND, negations % 2 == 1, "days of")
        if previous.dep_ == "pobj" and node.lower_ == "without":
            # "no ceasefire without security guarantees": what cannot be done without is
            # demanded.
            return ParsedStance(Stance.DEMAND, False, "without")
        if previous.dep_ == "pobj" and node.lower_ == "for" and _bargain(node, lemmas):
            return held or ParsedStance(Stance.DEMAND, negations % 2 == 1, "in exchange for")
        if previous.dep_ == "pobj" and _instead(node):
            return ParsedStance(Stance.REJECT, False, node.text)  # "rather than a truce"
        if previous.lower_ == "than" and node.lower_ == "less":
            # "would not settle for less than a full withdrawal", "nothing less than": the
            # least that is demanded
            return ParsedStance(Stance.DEMAND, False, "less than")
    if held is None and _put_first(cue):
        return ParsedStance(Stance.DEMAND, negations % 2 == 1, "first")
    if held is None and conditional:
        return ParsedStance(Stance.OFFER, negations % 2 == 1, "if")
    if held is None and _withheld_until(None, negations, withheld):
        # "there will be no truce while Kyiv's troops remain": a truce once they leave
        return ParsedStance(Stance.OFFER, False, WITHHELD)
    if held is None and only and _settled_by(only_word, lemmas):
        # "the conflict can only be settled through direct dialogue with Donetsk": the
        # one format the matter may be settled in is insisted on
        return ParsedStance(Stance.DEMAND, negations % 2 == 1, SETTLED_ONLY)
    if held is None and only:
        return ParsedStance(Stance.DEMAND, negations % 2 == 1, "only")  # "only through talks"
    if held is None and _a_respite(cue, lemmas):
        # "a truce would give their army a breathing space", "a pause to rearm": refused
        return ParsedStance(Stance.REJECT, False, "respite")
    return held or ParsedStance(None, negations % 2 == 1, None)


_LIGHT_VERBS = frozenset({"have", "get"})  # verbs that only carry a stance noun ("get a veto")

# Phrases beside a word that say something else than what it says of its subject ("a lasting
# peace, not a pause to rearm": the pause is the one described)
_OTHER_CLAUSES = frozenset({"conj", "cc", "advcl", "parataxis", "appos"})


def _blocked_while(verb: SpacyToken, lemmas: StanceLemmas) -> bool:
    """Whether a verb (or the first of the verbs joined to it) heads a clause of what blocks
    the main clause for now: "as long as Moscow refuses", "while Kyiv rejects"."""
    while verb.dep_ == "conj" and verb.head.i != verb.i:
        verb = verb.head
    return verb.dep_ == "advcl" and clause_mark(verb) in lemmas.blocking_marks


def _pushed_into(node: SpacyToken, came_from: SpacyToken | None, lemmas: StanceLemmas) -> bool:
    """Whether a verb of demand presses a named party into the cue ("push Kyiv into
    negotiations", "pressing Ukraine toward talks"): its object is the party, the cue the
    place it is pushed to."""
    return (
        came_from is not None
        and came_from.dep_ == "prep"
        and came_from.lower_ in lemmas.pushed_into
        and node.pos_ == "VERB"
        and any(c.dep_ == "dobj" for c in node.children)
    )


def _settled_by(word: SpacyToken | None, lemmas: StanceLemmas) -> bool:
    """Whether "only" restricts a verb of settling a matter ("can only be settled", "could
    only be resolved", "can only be decided"), not of peace coming about ("the war will only
    end at the table"): how a matter is to be settled names the format asked for."""
    if word is not None and word.dep_ in ("prep", "agent"):
        word = word.head  # "settled only by political means", "only through talks"
    return word is not None and word.lemma_.lower() in lemmas.deliberating


def _a_respite(cue: SpacyToken, lemmas: StanceLemmas) -> bool:
    """Whether the cue is described as a respite for an army ("a truce that lets Kyiv
    rearm", "a truce would give them a breathing space", "a pause to regroup"): what its
    own phrase says of it, or, for a subject or complement, what its clause says."""
    if cue.pos_ not in ("NOUN", "PROPN"):
        return False  # "who would monitor a truce, and whether they would rearm": a question
    told = [c for c in cue.children if c.dep_ not in _OTHER_CLAUSES]
    if cue.dep_ in ("nsubj", "nsubjpass", "attr") and cue.head.i != cue.i:
        told += [c for c in cue.head.children if c.dep_ not in _OTHER_CLAUSES and c != cue]
    return any(t.lemma_.lower() in lemmas.respite for c in told for t in c.subtree)


# The cue word of a refusal that lasts only "until" a price is paid
WITHHELD = "no ... until"
# The cue word of what the other side refuses "as long as" or "while" the speaker holds back
BLOCKED = "as long as ... refuses"
# The cue word of a format insisted on: "can only be settled through direct talks"
SETTLED_ONLY = "settled only"


def _withheld_until(found: Stance | None, negations: int, withheld: bool) -> bool:
    """Whether a refusal lasts only "until" or "while" something holds: the speaker offers
    the condition once the other side meets its price, as with "if" or "once"."""
    return withheld and negations % 2 == 1 and found in (None, Stance.SUPPORT, Stance.OFFER)


def _threatened_clause(cue: SpacyToken, lemmas: StanceLemmas) -> SpacyToken | None:
    """The "if" clause holding the cue whose main clause threatens a penalty ("severe
    consequences if Putin does not agree to a truce", "new sanctions if Moscow refuses")."""
    node = cue
    for _ in range(MAX_CLIMB):
        if node.head.i == node.i or is_speech_verb(node):
            return None
        if node.dep_ == "advcl" and mark_of(node) == "if":
            main = node.head
            outside = [t for t in main.subtree if not node.left_edge.i <= t.i <= node.right_edge.i]
            if any(_threat(t, lemmas) for t in outside):
                return node
            return None
        node = node.head
    return None


def _threat(word: SpacyToken, lemmas: StanceLemmas) -> bool:
    """Whether a word names a penalty, and not its removal ("would lift its sanctions")."""
    lifted = word.head.lemma_.lower() in lemmas.lifting or any(
        c.lemma_.lower() in lemmas.lifting for c in word.children
    )
    return word.lemma_.lower() in lemmas.threats and not lifted


def _threat_stance(
    cue: SpacyToken, clause: SpacyToken, inside: range, lemmas: StanceLemmas
) -> ParsedStance:
    """What a penalty threatened on a clause says of its cue: the speaker rejects what is
    punished if it happens ("tariffs if Kyiv joins NATO") and demands what is punished if
    it is refused or fails to happen ("if Putin does not agree to stop the war", "if there
    is still no ceasefire")."""
    refused = negations_on(cue, inside, lemmas)
    node = cue
    while node != clause:
        node = node.head
        refused += negations_on(node, inside, lemmas)
        if node.idx not in inside and _stance_of(node, None, lemmas) is Stance.REJECT:
            refused += 1  # "if Moscow refuses a truce"
    stance = Stance.DEMAND if refused % 2 == 1 else Stance.REJECT
    return ParsedStance(stance, False, "if")


def _holder(word: SpacyToken) -> frozenset[str]:
    """The words that name whose stance a stance word gives: its subject, possessor or
    adjective ("Kyiv demands", "Western calls", "the Ukrainian demand"), or those of the
    noun a clause describes ("formulas that demand")."""
    lemmas = load_stance_lemmas()
    if _modal(word, lemmas) is not None or lemmas.by_lemma.get(word.lemma_.lower()) is not (
        Stance.DEMAND
    ):
        return frozenset()  # "Kyiv must withdraw": the modal is the speaker's
    owners = [c for c in word.children if c.dep_ in ("nsubj", "poss", "amod", "compound")]
    relative = [o for o in owners if o.dep_ == "nsubj" and o.lower_ in _RELATIVES]
    if word.dep_ == "relcl" and relative:
        owners = [word.head] + [c for c in word.head.children if c.dep_ in ("poss", "compound")]
    return frozenset(t.lower_ for owner in owners for t in owner.subtree if t.i <= owner.i)


def _counted_from(preposition: SpacyToken) -> bool:
    """Whether a preposition counts time from its object: "of" after a span of days."""
    return preposition.lower_ == "of" and preposition.head.lemma_.lower() in _TIME_SPANS


def _bidden(cue: SpacyToken) -> bool:
    """Whether a cue is what an imperative bids: its own verb, or the verb its noun
    hangs from ("agree to a ceasefire"), is a bare command with no subject."""
    verb = cue
    for _ in range(3):
        if verb.pos_ in ("VERB", "AUX"):
            break
        verb = verb.head
    while verb.dep_ == "conj" and verb.head.i != verb.i:
        verb = verb.head  # "stop the killing and sit down": the first command decides
    # "The answer is simple: stop the shooting": a bare verb opening what follows a colon
    # commands, however the parser hangs it ("dep") or whatever subject it gives it from
    # before the colon ("the way ... is simple").
    after_colon = verb.i > 0 and verb.doc[verb.i - 1].text == ":"
    clause_deps = ("ROOT", "ccomp", "xcomp", "parataxis", *(("dep",) if after_colon else ()))
    if verb.tag_ != "VB" or verb.dep_ not in clause_deps:
        return False
    colon = after_colon or any(t.text == ":" for t in verb.doc[verb.head.i : verb.i])
    if verb.dep_ != "ROOT" and not colon:
        return False  # "said Kyiv should stop", "wants to stop": not a command
    return not any(
        c.dep_ in ("nsubj", "nsubjpass", "aux", "auxpass", "mark", "expl")
        and not (after_colon and c.i < verb.i)
        for c in verb.children
    )


def _directed(verb: SpacyToken) -> bool:
    """Whether a verb tells someone to act: "told Putin to", "gave Russia 50 days to"."""
    told = verb.lemma_.lower() in load_stance_lemmas().directing
    return told and any(c.dep_ in ("dobj", "dative") for c in verb.children)


def _demanded(node: SpacyToken, lemmas: StanceLemmas) -> bool:
    """Whether a clause is demanded: by its own modal or verb ("Kyiv must withdraw"), by
    the verb that governs it ("demanded that Kyiv withdraw"), or, for a noun, by the verb
    of the clause it belongs to ("must pull its troops out of the regions, after which")."""
    verbs = [node]
    while verbs[-1].pos_ not in ("VERB", "AUX") and verbs[-1].head.i != verbs[-1].i:
        verbs.append(verbs[-1].head)
    verb = verbs[-1]
    if _stance_of(verb, None, lemmas) is Stance.DEMAND:
        return True
    governed = verb.dep_ in ("ccomp", "xcomp") and verb.head.i != verb.i
    return governed and _stance_of(verb.head, None, lemmas) is Stance.DEMAND


def _after_which(clause: SpacyToken) -> bool:
    """Whether a relative clause opens with "after which" ("..., after which Moscow would")."""
    return any(
        c.dep_ == "prep" and c.lower_ == "after" and any(o.lower_ == "which" for o in c.children)
        for c in clause.children
    )


def _put_first(cue: SpacyToken) -> bool:
    """Whether the cue is named as what must come first: "first a ceasefire, then ...",
    "the first step is a ceasefire", "a ceasefire, then a deal", "a ceasefire, followed by
    talks"."""
    if any(c.dep_ == "advmod" and c.lower_ == "first" for c in cue.children):
        return True
    # A sequence stated as the position itself, not what a verb does ("began arranging a
    # meeting, to be followed by a summit" describes a schedule).
    stated = cue.dep_ not in ("dobj", "pobj")
    if stated and cue.pos_ in ("NOUN", "PROPN") and _followed(cue, load_stance_lemmas()):
        return True
    if cue.dep_ == "attr" and cue.head.lemma_ == "be":
        subjects = [c for c in cue.head.children if c.dep_ == "nsubj"]
        return any(a.lower_ == "first" for s in subjects for a in s.children if a.dep_ == "amod")
    return False


def _first_conjunct(word: SpacyToken) -> SpacyToken:
    """The first item of the list a word belongs to ("ceasefire" for "talks" in "a ceasefire
    and talks"; "ceasefire" for "negotiations" in "a ceasefire and the start of
    negotiations"): the item whose place in the sentence the list shares."""
    for _ in range(MAX_CLIMB):
        if word.dep_ == "conj" and word.head.i != word.i:
            word = word.head
        elif word.dep_ == "pobj" and word.head.lower_ == "of" and word.head.head.dep_ == "conj":
            word = word.head.head  # "and the start of negotiations": the start is the item
        else:
            break
    return word


def _followed(noun: SpacyToken, lemmas: StanceLemmas) -> bool:
    """Whether a noun opens a sequence of steps: a later step hangs on it after "then"
    ("a ceasefire, then a deal") or "followed by" does ("a ceasefire, followed by talks")."""
    for step in noun.children:
        if step.i < noun.i:
            continue
        if step.dep_ in ("appos", "conj") and any(
            c.dep_ == "advmod" and c.lower_ in lemmas.sequels and c.i < step.i
            for c in step.children
        ):
            return True
        if step.dep_ in ("acl", "relcl") and step.lemma_.lower() in lemmas.following:
            if any(c.dep_ == "agent" for c in step.children):
                return True
    return False


def _merely(node: SpacyToken, came_from: SpacyToken | None) -> bool:
    """Whether the cue is the subject of "would only <verb>" in the sense of "merely"."""
    return (
        came_from is not None
        and came_from.dep_ in ("nsubj", "csubj")  # "sending troops would only drag us in"
        and node.pos_ == "VERB"
        and node.lemma_ != "be"
        and any(
            c.dep_ == "advmod" and c.lower_ in ("only", "simply", "merely") for c in node.children
        )
        and not _exclusively(node, came_from)
        # "would only help Russia", "would only lead to escalation" do something to something;
        # "the pressure will only grow" says how far the subject goes, not that it is harmful
        and any(c.dep_ in _DONE_TO for c in node.children)
    )


_DONE_TO = frozenset({"dobj", "dative", "xcomp", "ccomp", "prt", "prep", "attr", "acomp", "oprd"})


def _exclusively(node: SpacyToken, came_from: SpacyToken | None) -> bool:
    """Whether "only" means "and no other way" here ("can only come through talks",
    "progress would only come from a meeting"), not "merely" ("would only help Russia")."""
    if not any(c.dep_ == "advmod" and c.lower_ == "only" for c in node.children):
        return False
    through = came_from is not None and came_from.dep_ == "prep"  # "only ... from/through X"
    return through or not any(
        c.dep_ == "aux" and c.lower_ in ("would", "will", "'ll") for c in node.children
    )


def _composed(
    node: SpacyToken, found: Stance, negations: int, conditional: bool, lemmas: StanceLemmas
) -> tuple[Stance, int]:
    """A stance word read with the words right above it.

    "ready to halt strikes if Kyiv withdraws" offers; "would accept neutrality in exchange
    for guarantees" offers; "urged Kyiv to accept a truce" demands; "unwilling to accept"
    and "refuses to accept" reject.
    """
    if found is Stance.SUPPORT and any(
        c.dep_ == "advmod" and c.lower_ == "only" for c in (*node.children, *node.head.children)
    ):
        return Stance.DEMAND, negations  # "peace is only possible on the basis of ..."
    if found is Stance.SUPPORT and (
        conditional or _has_condition(node, lemmas) or _has_bargain(node, lemmas)
    ):
        found = Stance.OFFER
    if found is Stance.SUPPORT and node.lemma_.lower() in lemmas.adjectives:
        # "ready to halt strikes", "prepared to exchange prisoners": ready to give something
        # is an offer; ready to accept, discuss or meet stays support.
        doing = [c for c in node.children if c.dep_ == "xcomp" and c.pos_ == "VERB"]
        if doing and doing[0].lemma_.lower() not in lemmas.accepting:
            found = Stance.OFFER
    clause = node
    while clause.dep_ == "conj" and clause.head.i != clause.i:
        clause = clause.head  # "demanded that Kyiv renounce X and agree to Y": Y is asked too
    if clause is not node and clause.dep_ == "dobj":
        clause = clause.head  # the parser may join "agree" to the object "X" of "renounce"
    if found in (Stance.SUPPORT, Stance.OFFER) and clause.dep_ == "ccomp":
        if _stance_of(clause.head, clause, lemmas) is Stance.DEMAND:
            return Stance.DEMAND, negations  # "insists that Kyiv accept the loss of Crimea"
    if found is Stance.DEMAND and clause.dep_ == "ccomp" and clause.head.lemma_ == "agree":
        return Stance.SUPPORT, negations  # "agreed that the pullback should go on": accepted
    asked = node.head if node.dep_ == "acomp" else node  # "urged Putin to be ready for"
    while asked.dep_ == "conj" and asked.head.i != asked.i:
        asked = asked.head  # "urged him to withdraw and to be ready for talks"
    if found in (Stance.SUPPORT, Stance.OFFER) and asked is not node and asked.dep_ == "xcomp":
        other = any(c.dep_ in ("dobj", "dative") for c in asked.head.children)
        if other and _stance_of(asked.head, asked, lemmas) is Stance.DEMAND:
            return Stance.DEMAND, negations
    if found is Stance.SUPPORT and node.dep_ == "advcl" and clause_mark(node) in lemmas.price_marks:
        return Stance.DEMAND, negations  # "sanctions stay until Russia accepts a ceasefire"
    infinitive = node.dep_ == "advcl" and any(
        c.dep_ == "aux" and c.lower_ == "to" for c in node.children
    )
    if (node.dep_ == "xcomp" or infinitive) and _directed(node.head):
        # "told Putin to stop the fighting", "gave Russia 50 days to agree to a ceasefire"
        return Stance.DEMAND, negations
    if node.dep_ == "xcomp":
        outer = _stance_of(node.head, node, lemmas)
        if outer is Stance.DEMAND:
            found = Stance.DEMAND
        elif outer is Stance.REJECT:
            found = Stance.REJECT  # "unwilling to accept a truce", "refused to sign a truce"
            if node.head.dep_ == "acomp":
                negations += negations_on(node.head.head, range(0), lemmas)
        elif outer is Stance.OFFER and found is Stance.SUPPORT:
            found = Stance.OFFER
    return found, negations


def _had(noun: SpacyToken) -> bool:
    """Whether a stance noun is the object of a light verb ("have", "get") that carries the
    clause's negation for it ("does not have a veto", "will not get a say")."""
    return noun.dep_ == "dobj" and noun.head.lemma_.lower() in _LIGHT_VERBS


def _aim_named(copula: SpacyToken, lemmas: StanceLemmas) -> SpacyToken | None:
    """The subject of a copula that names what is demanded ("the aim", "our demand", "what
    they demanded"), whose complement is then the thing demanded."""
    for subject in copula.children:
        if subject.dep_ in ("nsubj", "csubj"):
            if lemmas.by_lemma.get(subject.lemma_.lower()) is Stance.DEMAND:
                return subject
    return None


def _predicate_of(
    node: SpacyToken, came_from: SpacyToken | None, lemmas: StanceLemmas
) -> tuple[Stance, str] | None:
    """The stance a copula states of its subject: "a ceasefire is unacceptable", "a freeze
    is out of the question". The copula's own "not" was counted on the way up to it ("a
    truce is not possible"), so the stance returned here adds no negation of its own."""
    if came_from is None or node.lemma_.lower() not in lemmas.copulas:
        return None
    if came_from.dep_ == "attr" and any(
        _red_line(c) for c in node.children if c.dep_ in ("nsubj", "nsubjpass")
    ):
        return Stance.REJECT, "red line"  # "Kyiv's red line is any recognition of ..."
    aim = _aim_named(node, lemmas) if came_from.dep_ == "attr" else None
    if aim is not None:
        # "the aim remains a ceasefire", "what the leaders demanded was a ceasefire"
        return Stance.DEMAND, aim.text
    if came_from.dep_ not in ("nsubj", "nsubjpass", "csubj"):
        return None
    for child in node.children:
        if child.dep_ == "attr" and _red_line(child):
            return Stance.REJECT, "red line"  # "NATO membership is a red line"
        if child.dep_ in ("acomp", "attr") and child.lemma_.lower() in lemmas.by_lemma:
            if child.dep_ == "attr" and child.lemma_.lower() in lemmas.adjectives:
                continue
            stance = lemmas.by_lemma[child.lemma_.lower()]
            if stance is Stance.SUPPORT and any(
                c.dep_ == "advmod" and c.lower_ == "only" for c in (*node.children, *child.children)
            ):
                stance = Stance.DEMAND  # "a just peace is only possible on the basis of ..."
            elif stance is Stance.SUPPORT and _has_condition(node, lemmas, came_from):
                stance = Stance.OFFER  # "a truce would be possible once Kyiv withdraws"
            return stance, child.text
        judged = [
            a
            for a in child.children
            if child.dep_ == "attr" and a.dep_ == "amod" and a.lemma_.lower() in lemmas.by_lemma
        ]
        if judged and lemmas.by_lemma[judged[0].lemma_.lower()] is Stance.REJECT:
            return Stance.REJECT, judged[0].text  # "was an unrealistic objective"
        if child.dep_ == "prep" and child.lower_ == "out":
            words = [t.lower_ for t in child.subtree]
            if "question" in words:
                return Stance.REJECT, "out of the question"
    return None


def _not_negotiable(copula: SpacyToken, subject: SpacyToken | None, lemmas: StanceLemmas) -> bool:
    """Whether a copula says its subject is beyond bargaining: "is not a subject for
    talks", "is not up for negotiation", "is non-negotiable". What is held firm that way
    is demanded as it stands."""
    if subject is None or subject.dep_ not in ("nsubj", "nsubjpass"):
        return False
    if copula.lemma_.lower() != "be":
        return False
    negated = any(c.dep_ == "neg" or c.lower_ == "non" for c in copula.children)
    if not negated:
        return False
    for token in copula.subtree:
        if subject.left_edge.i <= token.i <= subject.right_edge.i:
            continue
        if token.dep_ == "acomp" and token.lemma_.lower() == "negotiable":
            return True
        if (
            token.dep_ == "pobj"
            and token.head.lower_ == "for"
            and token.lemma_.lower() in lemmas.bargaining
        ):
            return True
    return False


def _red_line(token: SpacyToken) -> bool:
    return token.lemma_.lower() == "line" and any(c.lower_ == "red" for c in token.children)


def _modal(verb: SpacyToken, lemmas: StanceLemmas) -> Stance | None:
    for child in verb.children:
        if child.dep_ == "aux" and child.lower_ in lemmas.modals:
            return lemmas.modals[child.lower_]
    if verb.dep_ == "conj" and not any(c.dep_ in ("aux", "nsubj") for c in verb.children):
        # "should stop fighting and settle their disputes through talks": the second verb
        # shares the first one's modal
        return _modal(verb.head, lemmas)
    return None


def _has_bargain(node: SpacyToken, lemmas: StanceLemmas) -> bool:
    """Whether a verb takes "in exchange for ..." / "in return for ...": what it does is given.

    The parser hangs the phrase on the verb or on its object ("accept neutrality in exchange
    for guarantees"), so both are looked at."""
    objects = [c for c in node.children if c.dep_ in ("dobj", "pobj", "attr")]
    for child in [*node.children, *(g for o in objects for g in o.children)]:
        if child.dep_ == "prep" and child.lower_ == "in":
            for obj in child.children:
                if obj.dep_ == "pobj" and obj.lemma_.lower() in lemmas.bargain_heads:
                    return True
    return False


def cue_head(parsed: ParsedSentence, start: int, end: int) -> SpacyToken | None:
    """The parse token heading the cue at [start, end) (its head lies outside the span), if
    the parse covers it."""
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


def _stance_of(
    node: SpacyToken, came_from: SpacyToken | None, lemmas: StanceLemmas
) -> Stance | None:
    """The stance one governing word carries, if any."""
    lemma = node.lemma_.lower()
    answer = _answer(node, came_from, lemmas)
    if answer is not None:
        return answer  # "Ukraine said yes to a ceasefire", "says no to a freeze"
    modal = _modal(node, lemmas)
    if modal is Stance.OFFER and _exclusively(node, came_from):
        return Stance.DEMAND  # "peace could only come through talks": the one way
    if modal is not None:
        return modal  # "Kyiv must withdraw", "Kyiv could accept"
    if lemma == "have" and any(
        c.dep_ == "xcomp" and any(a.lower_ == "to" for a in c.children) for c in node.children
    ):
        if any(c.dep_ == "aux" and c.lower_ in ("might", "may") for c in node.children):
            return Stance.SUPPORT  # "Ukraine might have to give up Crimea": a suggestion
        return Stance.DEMAND  # "Ukraine has to withdraw", "a pause would have to be backed"
    if lemma in lemmas.adjectives and node.pos_ != "ADJ":
        return None  # "open" the verb, "ready" the noun
    if lemma in lemmas.verbs_only and (node.pos_ != "VERB" or _noun_as_verb(node)):
        return None  # "guarantees for Russian speakers" names a term, offers nothing
    if came_from is not None and came_from.dep_ == "nsubj" and node.pos_ == "VERB":
        if lemma in lemmas.harmful:
            return Stance.REJECT  # "a freeze would reward the aggressor"
        return None  # "a ceasefire would favour Russia": the cue acts, nobody takes a stance
    return lemmas.by_lemma.get(lemma)


def _answer(node: SpacyToken, came_from: SpacyToken | None, lemmas: StanceLemmas) -> Stance | None:
    """The answer a verb of saying gives what it is said "to": "said yes to a truce" accepts
    it, "says no to a freeze" refuses it (a speech verb otherwise ends the walk)."""
    if node.lemma_.lower() not in lemmas.answering or came_from is None:
        return None
    if came_from.dep_ != "prep" or came_from.lower_ != "to":
        return None
    words = (c.lower_ for c in node.children if c.dep_ in ("intj", "dobj", "advmod"))
    return next((lemmas.answers[w] for w in words if w in lemmas.answers), None)


def _noun_as_verb(word: SpacyToken) -> bool:
    """Whether the parser made a plural noun a verb: "security guarantees" read as "security
    guarantees (something)", or a list item "guarantees for Russian speakers" with no
    subject at all."""
    if word.tag_ != "VBZ":
        return False
    subjects = [c for c in word.children if c.dep_ in ("nsubj", "nsubjpass", "expl")]
    if not subjects:
        return word.dep_ == "ROOT"
    return any(s.i == word.i - 1 and s.pos_ == "NOUN" and s.tag_ == "NN" for s in subjects)


def _has_condition(
    node: SpacyToken,
    lemmas: StanceLemmas,
    came_from: SpacyToken | None = None,
    marks: frozenset[str] | None = None,
) -> bool:
    """Whether a clause (or the copula of an adjective) is bound by "if" or "once" (or by
    other marks given).

    A condition on the last of coordinated verbs binds them all: "would halt fire and open
    talks as soon as Kyiv withdraws" offers both."""
    holders = [node, node.head] if node.dep_ == "acomp" else [node]
    holders += [c for c in node.children if c.dep_ == "conj" and c.pos_ in ("VERB", "AUX")]
    if node.dep_ == "conj" and node.head.pos_ in ("VERB", "AUX"):
        holders.append(node.head)  # "would order a truce and open talks once ..."
    clauses = [clause for holder in holders for clause in _clauses_on(holder)]
    top = node
    while top.dep_ == "conj" and top.head.i != top.i:
        top = top.head
    if top.dep_ == "ccomp":
        # The parser may hang "once Ukraine pulls out" on the speech verb, beside the
        # clause it conditions.
        clauses += [c for c in top.head.children if c.dep_ in ("ccomp", "advcl") and c.i > node.i]
        holders.append(top.head)
    # ", provided it is monitored": the parser makes "provided" a preposition with a clause
    provisos = [p for holder in holders for p in holder.children if p.dep_ == "prep"]
    if marks is None and any(_provided(c, lemmas) for p in provisos for c in p.children):
        return True
    marks = lemmas.conditional_marks if marks is None else marks
    return any(clause != came_from and clause_mark(clause) in marks for clause in clauses)


def _provided(clause: SpacyToken, lemmas: StanceLemmas) -> bool:
    """Whether a clause is what "provided" (or "providing") asks, as the parser reads
    ", provided it is monitored": a clause of the preposition."""
    opening = clause.head
    return (
        clause.dep_ == "pcomp"
        and opening.dep_ == "prep"
        and opening.lower_ in ("provided", "providing")
        and "provided" in lemmas.conditional_marks
    )


def _clauses_on(holder: SpacyToken) -> list[SpacyToken]:
    """The adverbial clauses of a word, with those the parser hangs on "soon" or "long" in
    "as soon as ..." and "as long as ..."."""
    clauses = [c for c in holder.children if c.dep_ == "advcl"]
    for adverb in holder.children:
        if adverb.dep_ == "advmod" and adverb.lower_ in _AS_ADVERBS:
            clauses += [c for c in adverb.children if c.dep_ == "advcl"]
    return clauses


def _in_condition(node: SpacyToken, lemmas: StanceLemmas) -> bool:
    """Whether a word sits in a clause stating a condition ("on condition that X agrees")."""
    while node.head.i != node.i:
        if node.dep_ == "advcl" and clause_mark(node) in lemmas.conditional_marks:
            return True
        if _provided(node, lemmas):
            return True
        node = node.head
        if node.lemma_.lower() in lemmas.condition_nouns:
            return True
        if is_speech_verb(node):
            return False
    return False


def _judged_useful(node: SpacyToken, previous: SpacyToken | None, lemmas: StanceLemmas) -> bool:
    """Whether the words reached so far are the subject of a verb judging them useful to
    an end ("could help to build trust", "would help end the war"), not to a party ("would
    help Russia rearm", "help Russia's economy")."""
    if previous is None or previous.dep_ not in ("nsubj", "nsubjpass"):
        return False
    if node.pos_ not in ("VERB", "AUX") or node.lemma_.lower() not in lemmas.beneficial:
        return False
    if any(c.dep_ in ("dobj", "iobj") for c in node.children):
        return False
    # the end is a bare infinitive of its own ("help (to) end"); "help Russia rearm" has a
    # party doing it
    return any(c.dep_ == "xcomp" and c.pos_ == "VERB" for c in node.children)


def negations_on(
    node: SpacyToken,
    inside: range,
    lemmas: StanceLemmas,
    nouns_too: bool = True,
    came_from: SpacyToken | None = None,
) -> int:
    """Negations attached to one word: "not", "never", "no" before a noun, "renounce".

    In "a lasting peace, not a truce" the parser hangs "not" on "peace": it negates the
    contrasted word after it ("truce"), reached from there, and not "peace" itself."""
    if node.lemma_.lower() in lemmas.unchanging:
        return 0  # "our position has not changed: first a ceasefire": held, not refused
    contrasts = [c for c in node.children if c.dep_ in ("appos", "conj") and c.i > node.i]
    count = 0
    for c in node.children:
        if c.idx in inside or not (
            c.dep_ == "neg" or (nouns_too and c.dep_ == "det" and c.lower_ == "no")
        ):
            continue
        if _negates(node, c, came_from, contrasts):
            count += 1
    count += _undoing(node, inside, lemmas)
    if node.lemma_.lower() == "fail" and any(c.dep_ == "xcomp" for c in node.children):
        count += 1  # "a plan that fails to recognise ...": not recognising
    # "No one will trade our land", "nobody accepts a freeze": a subject of none.
    for child in node.children:
        if child.dep_ in ("nsubj", "nsubjpass") and child.idx not in inside:
            if child.lower_ in _NOBODY or any(
                g.dep_ == "det" and g.lower_ == "no" for g in child.children
            ):
                count += 1
    return count


def _made(noun: SpacyToken, lemmas: StanceLemmas) -> bool:
    """Whether a noun is the object of a verb that brings it about ("create the conditions")."""
    return noun.dep_ == "dobj" and noun.head.lemma_.lower() in lemmas.making


def _undoing(node: SpacyToken, inside: range, lemmas: StanceLemmas) -> int:
    """1 where a word outside the cue undoes its object ("renounce", "give up"), else 0."""
    negating = node.lemma_.lower() in lemmas.negating or _verb_phrase(node) in lemmas.negating
    return int(negating and node.idx not in inside)


def _negates(
    node: SpacyToken, negation: SpacyToken, came_from: SpacyToken | None, contrasts: list
) -> bool:
    """Whether a negation on a word reaches the word the climb came from. With a contrast
    after it, "not" negates the contrasted word ("a lasting peace, not a truce"); but in
    "not A but B" it refuses A, and B after "but" is what is wanted ("the goal is not a
    truce but a deal that ends the war for good")."""
    contrasted = next((a for a in contrasts if a.i > negation.i > node.i), None)
    if contrasted is None:
        return True
    but = any(
        c.dep_ == "cc" and c.lower_ == "but" and negation.i < c.i < contrasted.i
        for c in node.children
    )
    if but:
        return came_from is not None and negation.i < came_from.i < contrasted.i
    return contrasted == came_from


def _verb_phrase(verb: SpacyToken) -> str:
    """A verb's lemma with its particle: "give up", "pull out", else the lemma alone."""
    particles = [c.lower_ for c in verb.children if c.dep_ == "prt"]
    return f"{verb.lemma_.lower()} {particles[0]}" if particles else verb.lemma_.lower()


def clause_mark(clause: SpacyToken) -> str:
    """The subordinator of a clause, read as a condition where it is one.

    "as soon as" and "as long as" come back whole; "after" counts only on a clause about
    what will or would happen ("would agree to a truce after Kyiv withdraws"), since in a
    narrative of the past it only orders events."""
    mark = mark_of(clause)
    opening = clause.left_edge
    if not mark and opening.lower_ == "once" and opening.dep_ == "advmod":
        return "once"  # the parser may make "once a truce is in place" an adverb's clause
    if mark == "as" and clause.head.lower_ in _AS_ADVERBS:
        return f"as {clause.head.lower_} as"
    if mark == "after" and not _ahead(clause.head):
        return "after, in the past"
    if not mark and _the_moment(clause):
        return "once"  # "would cease fire the moment Ukraine withdraws"
    if not mark and opening.lower_ == "when" and opening.dep_ == "advmod":
        # "the guns will fall silent when Kyiv's troops leave": a condition on what will or
        # would happen; in a narrative of the past ("when they met, he said") only a time
        return "when" if _ahead(clause.head) else "when, in the past"
    return mark


_MOMENTS = frozenset({"moment", "minute", "instant", "day"})


def _the_moment(clause: SpacyToken) -> bool:
    """Whether a present-tense clause opens with "the moment" ("the moment Kyiv withdraws"),
    which the parser makes a noun modifying it: a condition, as "once" is."""
    if clause.tag_ not in ("VBZ", "VBP"):
        return False
    return any(
        c.dep_ == "npadvmod"
        and c.lower_ in _MOMENTS
        and c.i < clause.i
        and any(d.dep_ == "det" and d.lower_ == "the" for d in c.children)
        for c in clause.children
    )


def _ahead(word: SpacyToken) -> bool:
    """Whether a clause speaks of what will or would happen: a modal on its verb, or on
    the copula of its adjective or adverb ("would be possible only after")."""
    verbs = [word, word.head] if word.pos_ in ("ADJ", "ADV") else [word]
    return any(c.dep_ == "aux" and c.lower_ in _AHEAD_MODALS for v in verbs for c in v.children)


def _bargain(preposition: SpacyToken, lemmas: StanceLemmas) -> bool:
    """Whether "for" completes "in exchange for" / "in return for"."""
    return preposition.head.lemma_.lower() in lemmas.bargain_heads


def _after_instead(cue: SpacyToken) -> bool:
    """Whether the cue's phrase follows "rather than" or "instead of" directly."""
    first = cue.left_edge
    if (
        first.i > 0
        and cue.doc[first.i - 1].pos_ == "ADP"
        and cue.doc[first.i - 1].lower_
        not in (
            "than",
            "of",
        )
    ):
        first = cue.doc[first.i - 1]  # "rather than with a quick pause"
    words = [t.lower_ for t in cue.doc[max(0, first.i - 2) : first.i]]
    return words in (["rather", "than"], ["instead", "of"])


def _instead(preposition: SpacyToken) -> bool:
    """Whether a preposition says "rather than" or "instead of"."""
    if preposition.lower_ == "than":
        before = preposition.doc[preposition.i - 1] if preposition.i > 0 else preposition
        return before.lower_ == "rather"
    return preposition.lower_ == "of" and preposition.head.lower_ == "instead"
