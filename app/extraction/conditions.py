"""Conditions and stance: which taxonomy conditions a stretch of text states, and how.

Cue phrases, stance cues and region names live in data/taxonomy.toml, so
analysts extend the taxonomy without touching this code.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import cache

from app.extraction.accounts import described_as_it_went
from app.extraction.cue_roles import (
    acknowledged,
    acting_subject_of,
    as_subject,
    cue_head_lemma,
    denied_without,
    describes_a_place,
    describing_lemmas,
    done_by_the_wisher,
    given_as_an_act,
    governing_lemma,
    in_a_plan,
    in_passing,
    known_to_sources,
    left_unmentioned,
    listed_together,
    modifies,
    names_occasion,
    obliged,
    refused_in_trade,
    talked_over,
    where_talks_start,
)
from app.extraction.lexicon import Hit, PhraseIndex, Token, load_data, tokenize
from app.extraction.parsing import ParsedSentence, cue_lexicon
from app.extraction.records import ConditionTag, Stance
from app.extraction.stance import WITHHELD, ParsedStance, stance_on_parse
from app.extraction.withdrawal import withdrawing_side

_STANCE_WINDOW = 12  # tokens before a cue searched for its stance cue
_NEGATION_WINDOW = 5  # tokens before a cue searched for "no", "not", "never"
_ACTOR_BEFORE, _ACTOR_AFTER = 6, 3  # tokens around a withdrawal cue searched for who withdraws
_TERRITORIAL = ("territory", "territorial-integrity")
_RUSSIA_WORDS = frozenset(
    {"russia", "russian", "russia's", "moscow", "kremlin", "putin", "putin's"}
)
_UKRAINE_WORDS = frozenset({"ukraine", "ukrainian", "ukraine's", "kyiv", "kiev", "zelensky"})
# Characters between two tokens that end a clause for stance purposes.
_CLAUSE_BREAKS = frozenset(";—–()")
_STANCE_NEGATION_WINDOW = 2  # tokens before a stance cue searched for a negation
_FRAMING_REACH = 5  # tokens before a cue searched for a framing phrase
# Reject cues that may follow the condition ("a ceasefire is off the table").
_TRAILING_REJECTS = 4


# The side whose own land the war is about: territory it asks for is its integrity.
_DEFENDING_SIDE = "Ukraine"
_CLAIMING_SIDE = "Russia"
# "We need to talk to them": a speaker's own need to talk is a readiness to talk.
_FIRST_PERSON = frozenset({"we", "i"})
_NEEDING = frozenset({"need", "needs", "needed"})
_PRINCIPLE = ""  # the "condition" of a principle stated for every country: none
# The sides that claim Ukrainian land, and the defender: only they demand or refuse it.
_CLAIMANTS = frozenset({"Russia", "Belarus", "Ukraine"})
# Analysts and former officials: their account of a party's terms keeps that party's stance.
_COMMENTATOR = "commentator"
# Sides whose own troops in Ukraine are not a guarantee they could offer.
_NOT_SENDING = frozenset({"Russia", "Ukraine", "Belarus", _COMMENTATOR})
# Sides for whom a bare mention of NATO membership or foreign troops is something opposed.
_OPPOSE_INVERSE = frozenset({"Russia", "Belarus"})
# What a negated stance becomes: "will not accept" rejects, "does not reject" supports.
_NEGATED = {
    Stance.DEMAND: Stance.REJECT,
    Stance.SUPPORT: Stance.REJECT,
    Stance.OFFER: Stance.REJECT,
    Stance.REJECT: Stance.SUPPORT,
}


@dataclass(frozen=True, slots=True)
class _Cue:
    condition: str
    inverse: bool = False  # names the opposite of the condition ("NATO membership")
    weak: bool = False  # counts only without a stronger territorial cue
    generic: bool = False  # everyday word ("talks"): counts only in a sentence about the war
    actor_sensitive: bool = False  # meaning depends on who withdraws
    plan: bool = False  # names a plan ("the peace formula"): beside its terms, only their frame
    free: bool = False  # its stance is read even where the condition's is fixed
    say: bool = False  # "only Ukraine can decide": always a demand for that party's say
    joint: bool = False  # "a truce without guarantees": the condition it ends on counts too
    freeze: bool = False  # "a freeze of the front": an inverse cue whose meaning depends on side
    means: bool = False  # "through diplomacy": the way to an end, not an end in itself
    # "a meeting", "a new round": counts only where a stance word governs it ("ready for a
    # meeting", "proposed another round"); named alone it is an occasion, not a position
    governed: bool = False
    # "membership": counts only in a sentence naming the condition's context (NATO, the
    # alliance)
    contextual: bool = False


@dataclass(frozen=True, slots=True)
class Taxonomy:
    labels: dict[str, str]
    default_stance: dict[str, Stance]
    fixed_stance: frozenset[str]  # conditions whose stance is always the default
    frames: frozenset[str]  # conditions named as the frame of others ("a lasting peace requires")
    support_words: dict[str, frozenset[str]]  # per condition: stance words that mean support
    cues: PhraseIndex
    stances: PhraseIndex
    conditionals: PhraseIndex
    negations: frozenset[str]
    regions: PhraseIndex
    framing: dict[str, PhraseIndex]  # per condition: phrases that make its cue a time frame
    # per condition: the conditions beside which, alone, its framing phrases count
    framing_beside: dict[str, frozenset[str]]
    backed_by: dict[str, frozenset[str]]  # per condition: the sides that only ever back it
    kept_when_not_lifted: frozenset[str]  # conditions for which "not lift" keeps (sanctions)
    lifting: frozenset[str]  # "lift", "ease": verbs that undo such a condition
    questions: PhraseIndex  # "asked whether": what follows is the question, not an answer
    war_context: PhraseIndex  # words that make a sentence about the war
    other_wars: PhraseIndex  # places of other wars ("a ceasefire in Gaza")
    war_parties: PhraseIndex  # names of this war's parties and places
    concessions: dict[str, frozenset[str]]  # per side: conditions it gives up by accepting
    # per side: the other side's present leader or government ("the current Kyiv regime"),
    # with whom refusing talks asks for a new leader
    present_leaders: dict[str, PhraseIndex]
    # per condition: goal words that, over a cue naming the means ("achieve its aims
    # through diplomacy"), say the speaker is willing to use them
    goal_words: dict[str, frozenset[str]]
    # per condition: words of wishing that, over a cue the wisher would do itself ("wants
    # to meet Xi"), say the speaker is willing to do it
    wishing_words: dict[str, frozenset[str]]
    # per condition: the stance a bare mention of its opposite takes, where the taxonomy
    # says ("a frozen war is only a war postponed": final settlement demanded; "the
    # operation will go on until ...": ceasefire rejected)
    bare_inverse: dict[str, Stance]
    # per condition, verbs that make it given by whoever does them ("give guarantees")
    giving: dict[str, frozenset[str]]
    receiving: dict[str, str]  # per condition, the side that would receive what is given
    # per condition: the stance of a bare mention by a side that would provide it ("the
    # guarantees on offer", said by a prospective guarantor)
    provider_default: dict[str, Stance]
    # per condition: the stance of a side outside the war that denies its opposite ("NATO
    # membership is not a realistic outcome", said in Washington)
    outsider_denial: dict[str, Stance]
    # per condition: words that make a willingness an offer ("a role", "host")
    facilitating: dict[str, PhraseIndex]
    offering: frozenset[str]  # lemmas of the verbs that offer outright ("propose", "host")
    opponents: dict[str, frozenset[str]]  # per side: words naming its opponents
    # per condition: the conditions that, named in a phrase on its cue ("guarantees for the
    # Russian language"), are what the cue is about instead
    named_by: dict[str, frozenset[str]]
    # per condition: the conditions beside which its everyday words name the temporary
    # thing they are set against ("a lasting peace, not a pause"), not the condition
    set_against: dict[str, frozenset[str]]
    # per condition: verbs of what it needs to hold ("a truce would hold only if ...",
    # "any ceasefire would need monitors"): as their subject beside other terms, it frames them
    holding_verbs: dict[str, frozenset[str]]
    # conditions whose cue, named as where talks start, is the talks' format ("the line of
    # contact should be the starting point for negotiations"), not a term of its own
    talks_start_from: frozenset[str]
    # conditions whose cue, as an adjective on a place ("a demilitarised zone"), names the
    # place and not the condition
    not_of_places: frozenset[str]
    # per condition: verbs by which a supporter hands the cue's thing over ("announced new
    # military aid"): the help given, not the condition; and the verbs that, above them,
    # make it the condition again ("stop sending weapons")
    supplying_verbs: dict[str, frozenset[str]]
    stopping_verbs: dict[str, frozenset[str]]
    # per condition: the words that make its contextual cues count ("NATO", "the alliance"
    # for a bare "membership")
    contexts: dict[str, PhraseIndex]
    # conditions whose cue, as what an account of how things went describes ("the talks
    # were creative"), is named without a position
    told_how_it_went: frozenset[str]
    # per condition: verbs by which a country, refusing them, states its own policy ("we
    # do not apply unilateral sanctions"), not a term of the settlement
    own_policy: dict[str, frozenset[str]]
    # conditions that a refusal lasting "while" or "until" something holds still refuses
    # ("no talks while Russian troops remain"): they are not a concession traded for a price
    refused_while_withheld: frozenset[str]


@cache
def load_taxonomy() -> Taxonomy:
    """Read the taxonomy data file once."""
    data = load_data("taxonomy.toml")
    cues = PhraseIndex()
    labels: dict[str, str] = {}
    defaults: dict[str, Stance] = {}
    for entry in data["condition"]:
        cid = entry["id"]
        labels[cid] = entry["label"]
        defaults[cid] = Stance(entry["default_stance"])
        sensitive = set(entry.get("actor_sensitive", ()))
        for phrase in entry["cues"]:
            for form in _inflected(phrase):
                cues.add(form, _Cue(cid, actor_sensitive=phrase in sensitive))
        cues.add_all(entry.get("inverse_cues", ()), _Cue(cid, inverse=True))
        cues.add_all(entry.get("freeze_cues", ()), _Cue(cid, inverse=True, freeze=True))
        for phrase in entry.get("means_cues", ()):
            cues.add_all(_inflected(phrase), _Cue(cid, means=True))
        for phrase in entry.get("weak_cues", ()):
            cues.add_all(_inflected(phrase), _Cue(cid, weak=True, generic=True))
        for phrase in entry.get("generic_cues", ()):
            cues.add_all(_inflected(phrase), _Cue(cid, generic=True))
        for phrase in entry.get("governed_cues", ()):
            cues.add_all(_inflected(phrase), _Cue(cid, generic=True, governed=True))
        for phrase in entry.get("free_cues", ()):
            cues.add_all(_inflected(phrase), _Cue(cid, free=True))
        for phrase in entry.get("say_cues", ()):
            cues.add(phrase, _Cue(cid, say=True))
        for phrase in entry.get("plan_cues", ()):
            cues.add_all(_inflected(phrase), _Cue(cid, plan=True))
        for phrase in entry.get("joint_cues", ()):
            cues.add_all(_inflected(phrase), _Cue(cid, joint=True))
        for phrase in entry.get("contextual_inverse_cues", ()):
            cues.add(phrase, _Cue(cid, inverse=True, contextual=True))
        for phrase in entry.get("contextual_cues", ()):
            cues.add_all(_inflected(phrase), _Cue(cid, contextual=True))
        for phrase in entry.get("contextual_free_cues", ()):
            cues.add_all(_inflected(phrase), _Cue(cid, free=True, contextual=True))
    stances = PhraseIndex()
    for stance, phrases in data["stance"].items():
        if stance in Stance.__members__.values():
            stances.add_all(phrases, Stance(stance))
    conditionals = PhraseIndex()
    conditionals.add_all(data["stance"]["conditional"], True)
    regions = PhraseIndex()
    for region, spellings in data["regions"].items():
        regions.add_all(spellings, region, case_sensitive=True)
    negations = frozenset(data["stance"]["negation"])
    framing: dict[str, PhraseIndex] = {}
    for entry in data["condition"]:
        if entry.get("framing"):
            framing[entry["id"]] = PhraseIndex()
            framing[entry["id"]].add_all(entry["framing"], True)
    questions = PhraseIndex()
    questions.add_all(data["questions"], True)
    war_context = PhraseIndex()
    war_context.add_all(data["war_context"], True)
    cues.add_all(data["principles"], _Cue(_PRINCIPLE))
    other_wars, war_parties = PhraseIndex(), PhraseIndex()
    other_wars.add_all(data["other_wars"], True)
    war_parties.add_all(data["war_parties"], True)
    fixed = frozenset(e["id"] for e in data["condition"] if e.get("fixed_stance"))
    frames = frozenset(e["id"] for e in data["condition"] if e.get("frames_others"))
    support_words = {e["id"]: frozenset(e.get("support_words", ())) for e in data["condition"]}
    return Taxonomy(
        labels,
        defaults,
        fixed,
        frames,
        support_words,
        cues,
        stances,
        conditionals,
        negations,
        regions,
        framing,
        _by_condition(data, "framing_beside"),
        _by_condition(data, "backed_by"),
        frozenset(e["id"] for e in data["condition"] if e.get("lifting_verbs")),
        frozenset(v for e in data["condition"] for v in e.get("lifting_verbs", ())),
        questions,
        war_context,
        other_wars,
        war_parties,
        {side: frozenset(ids) for side, ids in data["concessions"].items()},
        {side: _index(phrases) for side, phrases in data["present_leaders"].items()},
        _by_condition(data, "goal_words"),
        _by_condition(data, "wishing_words"),
        {e["id"]: Stance(e["bare_inverse"]) for e in data["condition"] if "bare_inverse" in e},
        {e["id"]: frozenset(e.get("giving_verbs", ())) for e in data["condition"]},
        {e["id"]: e["receiving_side"] for e in data["condition"] if "receiving_side" in e},
        {
            e["id"]: Stance(e["provider_default_stance"])
            for e in data["condition"]
            if "provider_default_stance" in e
        },
        {
            e["id"]: Stance(e["outsider_denial"])
            for e in data["condition"]
            if "outsider_denial" in e
        },
        {e["id"]: _index(e["facilitating"]) for e in data["condition"] if "facilitating" in e},
        frozenset(data["stance_lemmas"]["offer"]),
        {side: frozenset(words) for side, words in data["opponents"].items()},
        _by_condition(data, "named_by"),
        _by_condition(data, "set_against"),
        _by_condition(data, "holding_verbs"),
        frozenset(e["id"] for e in data["condition"] if e.get("talks_start_from")),
        frozenset(e["id"] for e in data["condition"] if e.get("not_of_places")),
        _by_condition(data, "supplying_verbs"),
        _by_condition(data, "stopping_verbs"),
        {e["id"]: _index(e["context"]) for e in data["condition"] if "context" in e},
        frozenset(e["id"] for e in data["condition"] if e.get("told_how_it_went")),
        _by_condition(data, "own_policy_verbs"),
        frozenset(e["id"] for e in data["condition"] if e.get("refused_while_withheld")),
    )


def _by_condition(data: dict, key: str) -> dict[str, frozenset[str]]:
    """A list the taxonomy gives some conditions, per condition id."""
    return {e["id"]: frozenset(e[key]) for e in data["condition"] if key in e}


def _index(phrases: list[str]) -> PhraseIndex:
    index = PhraseIndex()
    index.add_all(phrases, True)
    return index


def _inflected(phrase: str) -> list[str]:
    """A cue and its forms with the last word in -s ("host ... meeting" also finds "host
    further meetings", "withdraw" finds "withdraws") and, for a verb with words after it,
    the first ("pay for ... damage" finds "until Russia pays for the damage"): the data
    lists one form only."""
    *head, last = phrase.split(" ")
    forms = [phrase]
    if last.isalpha() and last.islower() and not last.endswith("s") and len(last) >= 3:
        forms.append(" ".join([*head, _in_s(last)]))
    first = head[0] if head else ""
    if first.isalpha() and first.islower() and not first.endswith("s") and len(first) >= 3:
        forms.append(" ".join([_in_s(first), *phrase.split(" ")[1:]]))
    return forms


def _in_s(word: str) -> str:
    if word.endswith(("x", "ch", "sh")):
        return f"{word}es"
    if word.endswith("y") and word[-2] not in "aeiou":
        return f"{word[:-1]}ies"
    return f"{word}s"


def condition_labels() -> dict[str, str]:
    """Taxonomy ids and their labels, in file order."""
    return dict(load_taxonomy().labels)


@cache
def _region_spellings() -> dict[str, str]:
    """Every spelling of a gazetteer region, lower-cased, -> its canonical name."""
    spellings = {}
    for region, names in load_data("taxonomy.toml")["regions"].items():
        spellings.update({name.casefold(): region for name in (region, *names)})
    return spellings


def region_name(text: str) -> str:
    """The canonical name of a region ("Donbass", "donbas" -> "Donbas"); a name outside the
    gazetteer (an editor's "Kyiv region") comes back trimmed, as typed."""
    cleaned = " ".join(text.split())
    return _region_spellings().get(cleaned.casefold(), cleaned)


def about_the_war(tokens: list[Token], lo: int, hi: int) -> bool:
    """Whether tokens[lo:hi] name the war or its parties (the taxonomy's war_context)."""
    return bool(load_taxonomy().war_context.scan(tokens, lo, hi))


def tag_conditions(
    text: str,
    tokens: list[Token],
    lo: int,
    hi: int,
    *,
    side: str,
    verb_stance: Stance | None = None,
    parsed: ParsedSentence | None = None,
    outside: tuple[tuple[int, int], ...] = (),
    story_about_war: bool = False,
    lead_stance: Stance | None = None,
) -> list[ConditionTag]:
    """Conditions stated in tokens[lo:hi] of text, one tag per condition, with stance.

    On a parsed sentence the stance comes from the words governing each cue
    (stance.py); the word-window rules below decide where the parse finds none.
    Generic cues ("talks") count where the span, or the article so far, is about the war.
    A list item takes the stance of the sentence that opens the list (lead_stance: "It calls
    for:") where it has none of its own.
    """
    tax = load_taxonomy()
    if tax.other_wars.scan(tokens, lo, hi) and not tax.war_parties.scan(tokens, lo, hi):
        return []  # "both leaders called for a ceasefire in Gaza": another war's terms
    hits = _outermost_by_condition(tax.cues.scan(tokens, lo, hi))
    hits = [h for h in hits if h.payload.condition != _PRINCIPLE]
    # Words around the speech that are not what was said (the speaker's description,
    # the occasion) hold no condition of the speaker's.
    hits = [h for h in hits if not any(a <= h.start < b for a, b in outside)]
    if hits:
        asked = [
            _question_span(text, tokens, h.last, hi) for h in tax.questions.scan(tokens, lo, hi)
        ]
        hits = [h for h in hits if not any(a <= h.first < b for a, b in asked)]
    hits = [h for h in hits if not h.payload.contextual or _in_context(tax, h, tokens, lo, hi)]
    generic = any(h.payload.generic for h in hits)
    if generic and not (story_about_war or about_the_war(tokens, lo, hi)):
        hits = [h for h in hits if not h.payload.generic]
    if not hits:
        return []
    # The word-window stance rules are needed only where there is no parse.
    stance_hits = tax.stances.scan(tokens, lo, hi) if parsed is None else []
    conditional_starts = (
        [h.first for h in tax.conditionals.scan(tokens, lo, hi)] if parsed is None else []
    )
    region_hits = tax.regions.scan(tokens, lo, hi)
    regions = tuple(dict.fromkeys(h.payload for h in region_hits))
    strong_territorial = any(
        h.payload.condition in _TERRITORIAL and not h.payload.weak for h in hits
    )

    tags: dict[str, ConditionTag] = {}
    listed: tuple[ParsedStance, int] | None = None  # the last stance read, and where its cue ends
    framed_to: dict[str, int] = {}  # per condition: the last token of a cue a framing phrase took
    for hit in hits:
        cue: _Cue = hit.payload
        if cue.weak and strong_territorial:
            continue
        beside = tax.framing_beside.get(cue.condition)
        if (beside is None or any(h.payload.condition in beside for h in hits)) and _framed(
            tax, cue.condition, tokens, hit.first, lo
        ):
            framed_to[cue.condition] = hit.last
            continue
        if hit.first <= framed_to.get(cue.condition, -1):
            continue  # "until a just and lasting peace": "lasting peace" is in the same frame
        if cue.plan and any(h.payload.condition != cue.condition for h in hits):
            continue  # "the peace formula calls for a full withdrawal": the terms speak
        if _set_against(tax, cue, hits):
            continue  # "a just and lasting peace, not a pause": the pause is the foil
        condition = cue.condition
        if cue.actor_sensitive:
            who = withdrawing_side(parsed, hit.start, hit.end) if parsed else None
            if who == "speaker":
                who = {"Russia": "russia", "Ukraine": "ukraine"}.get(side)
            if who is not None:
                condition = "territorial-integrity" if who == "russia" else "territory"
            else:
                condition = _who_withdraws(tokens, hit.first, lo, hi, side)
        if parsed is not None:
            if _land_talked_over(parsed, hit, condition, side):
                continue  # "territorial questions could be negotiated later": talks' matter
            on_parse = stance_on_parse(parsed, hit.start, hit.end)
            if cue.generic and on_parse.stance is None and in_passing(parsed, hit.start, hit.end):
                continue  # "sources familiar with the talks": talks named, no position on them
            if _told_how_it_went(tax, cue, parsed, hit, on_parse):
                continue  # "the talks were creative": how the talks went, no position on them
            policy = tax.own_policy.get(cue.condition, frozenset())
            if on_parse.negated and governing_lemma(parsed, hit.start, hit.end) in policy:
                continue  # "we do not apply unilateral sanctions": its own policy, no term
            if refused_in_trade(parsed, hit.start, hit.end):
                continue  # "will not trade our land for a ceasefire": the trade is refused
            if cue.generic and known_to_sources(parsed, hit.start, hit.end):
                continue  # "sources familiar with the talks": what they know, not a position
            if _about_another(tax, parsed, hit, hits):
                continue  # "guarantees for the Russian language": those rights, not security
            if cue.generic and names_occasion(parsed, hit.start, hit.end, cue.governed):
                continue  # "demanded at the summit that ...": where, not a position on talks
            if cue.governed and not _welcomed(on_parse):
                # "the meeting ended late", "dismissed the Jeddah meeting": one meeting named
                # or judged; only readiness for a meeting or proposing one is a view on talks
                continue
            others = any(h.payload.condition != cue.condition for h in hits)
            if cue.generic and not cue.weak and others and as_subject(parsed, hit.start, hit.end):
                continue  # "any talks must take into account the new realities": the frame
            if cue.condition in tax.not_of_places and describes_a_place(parsed, hit.start, hit.end):
                continue  # "a demilitarised economic zone": the zone of a deal, not the army
            if left_unmentioned(parsed, hit.start, hit.end):
                continue  # "the points do not mention sanctions": a silence, no position
            if _supplied(tax, parsed, hit):
                continue  # "announced new military aid": help handed over, not limits on it
            if cue.condition in tax.talks_start_from and where_talks_start(
                parsed, hit.start, hit.end
            ):
                continue  # "the line of contact should be the starting point for talks"
            holding = tax.holding_verbs.get(cue.condition, frozenset())
            if others and acting_subject_of(parsed, hit.start, hit.end) in holding:
                continue  # "a ceasefire would hold only if backed by guarantees": the terms
            framing = cue.condition in tax.frames and not cue.inverse and others
            if framing and as_subject(parsed, hit.start, hit.end):
                continue  # "a lasting settlement requires ..."
            frame = cue.condition in tax.frames and not cue.inverse
            if frame and denied_without(parsed, hit.start, hit.end):
                continue  # "no lasting peace without justice": justice is the term asked
            if on_parse.stance is None and not on_parse.negated and listed is not None:
                if listed_together(parsed, listed[1], hit.start):
                    on_parse = listed[0]  # "calls for de-escalation and a peace conference"
            if on_parse.stance is None and not on_parse.negated:
                # "ready for a ceasefire along the current line of contact": as the ceasefire
                noun = next(
                    (
                        t
                        for t in tags.values()
                        if modifies(parsed, (hit.start, hit.end), (t.cue_start, t.cue_end))
                    ),
                    None,
                )
                if noun is not None:
                    on_parse = ParsedStance(noun.stance, False, noun.cue)
            # "Kyiv offered: - no foreign bases;" the item names the condition itself
            # and the lead says what is done with it.
            named_by_lead = on_parse.stance is None and on_parse.negated and cue.inverse
            if on_parse.stance is None and not on_parse.negated and lead_stance is not None:
                on_parse = ParsedStance(lead_stance, False, None)
            withheld = on_parse.cue_word == WITHHELD
            kept_refused = condition in tax.refused_while_withheld
            if withheld and (kept_refused or not _price_named(text, hits, region_hits, hit)):
                # "no pause until all its goals are met": no term of peace is asked in
                # return, so the refusal stands
                on_parse = ParsedStance(None, True, None)
                withheld = False
            # "will not lift sanctions until ...": withheld until the price is paid
            refused = on_parse.negated or on_parse.stance is Stance.REJECT or withheld
            if refused and condition in tax.kept_when_not_lifted:
                if governing_lemma(parsed, hit.start, hit.end) in tax.lifting:
                    # "will not lift sanctions", "would not support any easing of
                    # sanctions", "refuses to ease sanctions": keeping them is the demand
                    on_parse = ParsedStance(Stance.DEMAND, False, on_parse.cue_word)
            on_parse = _whose_wish(tax, parsed, hit, condition, side, on_parse)
            if _pressure_offered(tax, parsed, hit, condition, on_parse):
                # "will impose new sanctions if Moscow refuses": a threat, not a concession
                on_parse = ParsedStance(Stance.DEMAND, False, on_parse.cue_word)
            stance = _parse_stance(tax, on_parse, cue, condition, side)
            if stance is Stance.SUPPORT or on_parse.stance is None:
                if _given(tax, parsed, hit, condition, side) and not on_parse.negated:
                    stance = Stance.OFFER  # "would give Kyiv guarantees", "order a ceasefire"
            if (
                stance is Stance.SUPPORT
                and side not in _CLAIMANTS
                and in_a_plan(parsed, hit.start, hit.end)
            ):
                stance = Stance.OFFER  # a mediator's plan "that would halt the fighting" offers it
            if condition in tax.facilitating:
                traded = any(t.stance is Stance.OFFER for t in tags.values())
                # "Russia could join talks if it pulled out its troops": talks offered for a
                # named price, not a bare willingness ("could meet if needed")
                traded = traded or (
                    stance is Stance.OFFER and _price_named(text, hits, region_hits, hit)
                )
                helping = [
                    h
                    for h in tax.facilitating[condition].scan(tokens, lo, hi)
                    if not acknowledged(parsed, h.start, h.end)
                ]
                stance = _willing_or_offering(
                    tax, condition, stance, on_parse, bool(helping), traded
                )
            if named_by_lead and lead_stance is not None:
                stance = lead_stance
            if on_parse.stance is not None:
                listed = (on_parse, hit.end)
        else:
            stance = _window_stance(
                text,
                tokens,
                hit,
                lo,
                hi,
                cue,
                condition,
                verb_stance,
                stance_hits,
                conditional_starts,
                tax,
            )
        if stance is Stance.SUPPORT and _has_foil(tax, condition, hits):
            stance = Stance.DEMAND  # "interested in a durable settlement, not a pause"
        not_negotiable = parsed is not None and on_parse.cue_word == "not negotiable"
        # "the draft would require Kyiv to hand over Donetsk": a document's own requirement
        required = parsed is not None and bool(on_parse.holder & cue_lexicon().documents)
        condition, stance = _by_side(
            tax, cue, condition, stance, side, not_negotiable, required_by_document=required
        )
        if cue.say:
            stance = Stance.DEMAND  # "it is for Ukraine alone to decide when to talk"
        if condition in tax.fixed_stance and not cue.free:
            stance = tax.default_stance[condition]
        if condition in tags:
            # The first cue of a condition decides its stance; but what cannot happen
            # without a party ("peace cannot be negotiated without Ukraine") asks for it.
            required = parsed is not None and on_parse.cue_word == "without"
            if (required or cue.say) and stance is Stance.DEMAND:
                tags[condition] = replace(tags[condition], stance=Stance.DEMAND)
            continue
        tag_regions = regions if condition in _TERRITORIAL else ()
        cue_text = text[hit.start : hit.end]
        tags[condition] = ConditionTag(
            condition, stance, tag_regions, cue_text, hit.start, hit.end, weak=cue.weak
        )
    _drop_freeze_offered_as_truce(tags)
    troops = tags.get("no-foreign-troops")
    if troops is not None and troops.stance is Stance.REJECT and side not in _NOT_SENDING:
        # "Britain stands ready to send troops": a third country's force in Ukraine is the
        # guarantee it offers, as well as a refusal of Moscow's veto on it.
        tags.setdefault(
            "security-guarantees",
            replace(troops, condition="security-guarantees", stance=Stance.OFFER),
        )
    talks = tags.get("negotiations")
    leaders = tax.present_leaders.get(side)
    if (
        talks is not None
        and talks.stance is Stance.REJECT
        and leaders
        and leaders.scan(tokens, lo, hi)
    ):
        # "no talks with the current Kyiv regime", "a decree that rules out negotiations with
        # Putin": refusing to talk to the other side's present leader asks for a new one.
        tags.setdefault(
            "leadership-change",
            replace(talks, condition="leadership-change", stance=Stance.DEMAND),
        )
    return list(tags.values())


def _welcomed(on_parse: ParsedStance) -> bool:
    """Whether the words over a bare meeting word accept or propose it ("ready for a
    meeting", "proposed a new round", "never ruled out meeting him")."""
    if on_parse.negated:
        return on_parse.stance is Stance.REJECT
    return on_parse.stance in (Stance.SUPPORT, Stance.OFFER)


def _set_against(tax: Taxonomy, cue: _Cue, hits: list[Hit]) -> bool:
    """Whether an everyday word of a condition stands beside a condition it is the foil of:
    "a lasting peace, not a pause" asks for the settlement; the pause is what it is not."""
    against = tax.set_against.get(cue.condition)
    return cue.generic and against is not None and any(h.payload.condition in against for h in hits)


def _has_foil(tax: Taxonomy, condition: str, hits: list[Hit]) -> bool:
    """Whether the sentence sets a condition against its foil ("a durable settlement, not a
    pause"): the one preferred over the other is insisted on, not merely welcomed."""
    return any(
        h.payload.generic and condition in tax.set_against.get(h.payload.condition, ())
        for h in hits
    )


def _supplied(tax: Taxonomy, parsed: ParsedSentence, hit: Hit) -> bool:
    """Whether the cue is what a supporter hands over by a verb of giving ("announced new
    military aid", "will keep arming Ukraine"): its own help, not a position on limiting it."""
    supplying = tax.supplying_verbs.get(hit.payload.condition)
    if not supplying:
        return False
    stopping = tax.stopping_verbs.get(hit.payload.condition, frozenset())
    return given_as_an_act(parsed, hit.start, hit.end, supplying, stopping)


def _land_talked_over(parsed: ParsedSentence, hit: Hit, condition: str, side: str) -> bool:
    """Land named only as the matter of talks. Moscow's word on the land it claims keeps
    its claim however it is put ("until the territorial question is solved"), so only the
    other sides' mentions are set aside."""
    if condition not in _TERRITORIAL or side == _CLAIMING_SIDE:
        return False
    return talked_over(parsed, hit.start, hit.end)


def _drop_freeze_offered_as_truce(tags: dict[str, ConditionTag]) -> None:
    """Freezing the front is the opposite of a final settlement only for whoever refuses it:
    where the same words name a truce the speaker offers or backs ("Russia would freeze the
    front in two regions if Kyiv withdrew", "a deal that would freeze the current line"),
    they state that truce, not a refusal of a settlement."""
    truce, settlement = tags.get("ceasefire"), tags.get("final-settlement")
    if truce is None or settlement is None or truce.stance not in (Stance.OFFER, Stance.SUPPORT):
        return
    if truce.cue_start < settlement.cue_end and settlement.cue_start < truce.cue_end:
        del tags["final-settlement"]


def _whose_wish(
    tax: Taxonomy,
    parsed: ParsedSentence,
    hit: Hit,
    condition: str,
    side: str,
    on_parse: ParsedStance,
) -> ParsedStance:
    """A demand word read for whose wish it states: the opponent's demand is refused
    ("Western calls for a truce are a ploy"); the speaker's own need to talk ("we need to
    talk to them") and talks as the means to its own ends ("preferred to achieve its goals
    through diplomacy") are a readiness to talk, unless "should" puts them on others."""
    if on_parse.stance is not Stance.DEMAND:
        return on_parse
    word = (on_parse.cue_word or "").lower()
    needing = word in _NEEDING  # "Kyiv needs to talk": put on Kyiv, as "must" would be
    if on_parse.holder & tax.opponents.get(side, set()) and not needing:
        return ParsedStance(Stance.REJECT, on_parse.negated, on_parse.cue_word)
    own_need = condition == "negotiations" and on_parse.holder and on_parse.holder <= _FIRST_PERSON
    aimed = hit.payload.means and word in tax.goal_words.get(condition, frozenset())
    if (own_need and needing) or (aimed and not obliged(parsed, hit.start, hit.end)):
        return ParsedStance(Stance.SUPPORT, on_parse.negated, on_parse.cue_word)
    wishing = word in tax.wishing_words.get(condition, frozenset())
    if wishing and done_by_the_wisher(parsed, hit.start, hit.end):
        # "Zelensky wants to meet Xi": the speaker's own wish to talk is a readiness to talk
        return ParsedStance(Stance.SUPPORT, on_parse.negated, on_parse.cue_word)
    return on_parse


def _by_side(
    tax: Taxonomy,
    cue: _Cue,
    condition: str,
    stance: Stance,
    side: str,
    not_negotiable: bool,
    required_by_document: bool = False,
) -> tuple[str, Stance]:
    """What a side can mean by a condition: land the defender wants is its own, Moscow's
    word on land it claims keeps the claim, Kyiv never asks to cede its land, Moscow never
    refuses Kyiv's neutrality, a go-between backs what it mediates."""
    if cue.weak and side == _DEFENDING_SIDE and stance in (Stance.DEMAND, Stance.SUPPORT):
        # "Ukraine intends to keep its territories": land the defender wants is its own.
        condition = "territorial-integrity"
    elif condition == "territory" and side == _CLAIMING_SIDE:
        # Whatever words carry it ("the status of Crimea is not up for talks", "our
        # position on the new regions has not changed"), Moscow's word on the land it
        # claims keeps its claim.
        stance = Stance.DEMAND
    elif condition == "territory" and stance is Stance.DEMAND and side == _DEFENDING_SIDE:
        # Kyiv never asks to cede its land: "no plan that asks us to leave our own land
        # will be accepted" refuses the cession the plan asks for.
        stance = Stance.REJECT
    elif condition == "territory" and side not in _CLAIMANTS and not_negotiable:
        # "recognition of Russia's occupation is not up for discussion": refused outright
        stance = Stance.REJECT
    elif (
        condition == "territory"
        and stance is Stance.DEMAND
        and side not in _CLAIMANTS
        and side != _COMMENTATOR
        and not required_by_document
    ):
        # Land is demanded by the side that claims it; a third party saying Kyiv "will
        # have to" cede it favours the cession ("territory" is Russia's demand). An
        # analyst saying "the Kremlin wants the whole of the Donbas" gives Moscow's demand.
        # A mediator's plan that "would require Kyiv to hand over" land sets it as a term
        # of the plan, a demand.
        stance = Stance.SUPPORT
    if (
        condition == "final-settlement"
        and cue.freeze
        and side in _OPPOSE_INVERSE
        and stance is Stance.DEMAND
    ):
        # Moscow refusing a "freeze" refuses the truce itself ("a freezing of the conflict
        # does not suit us"): it wants the fighting to go on until its terms are met, not
        # the full restoration that Kyiv and its allies mean by the same words.
        condition, stance = "ceasefire", Stance.REJECT
    stance = _own_borders(condition, stance, side)
    if condition == "nato-non-membership" and side in _OPPOSE_INVERSE and stance is Stance.REJECT:
        # Moscow and Minsk never refuse Kyiv's neutrality: "abandoning its non-aligned
        # status would wreck the peace process" asks for it.
        stance = Stance.DEMAND
    if side in tax.backed_by.get(condition, ()) and stance in (Stance.DEMAND, Stance.OFFER):
        stance = Stance.SUPPORT  # "the Holy See will keep helping bring children home"
    if stance is Stance.SUPPORT and condition in tax.concessions.get(side, ()):
        stance = Stance.OFFER  # "Kyiv is ready to discuss neutrality": a concession
    if stance is Stance.OFFER and condition in tax.concessions.get(_adversary(side), ()):
        # What the other side would give up is not the receiver's to offer: "a truce as soon
        # as Kyiv drops its NATO bid" names the bid's end as the price, a demand.
        stance = Stance.DEMAND
    return condition, stance


def _adversary(side: str) -> str:
    """The party on the other side of the war from a side, or "" for a third party."""
    if side in _OPPOSE_INVERSE:
        return _DEFENDING_SIDE
    return _CLAIMING_SIDE if side == _DEFENDING_SIDE else ""


def _own_borders(condition: str, stance: Stance, side: str) -> Stance:
    """Ukraine's borders as each side can mean them: Kyiv never refuses its own borders
    ("will never recognise the occupied land as Russian" asks for them back), and Moscow
    and Minsk never ask for Russia's withdrawal (a demand for it that Moscow names is the
    other side's, which it refuses: "formulas that demand our withdrawal")."""
    if condition != "territorial-integrity":
        return stance
    if side == _DEFENDING_SIDE and stance is Stance.REJECT:
        return Stance.DEMAND
    if side in _OPPOSE_INVERSE and stance is Stance.DEMAND:
        return Stance.REJECT
    return stance


def _willing_or_offering(
    tax: Taxonomy,
    condition: str,
    stance: Stance,
    on_parse: ParsedStance,
    helping: bool,
    traded: bool,
) -> Stance:
    """Talks a party "could" hold or would hold "if needed" are its willingness to talk
    (support); being ready to host, contribute or bring the sides together (helping) offers
    them, as does promising them with something else it offers ("would order a ceasefire
    and start negotiations")."""
    if stance is Stance.SUPPORT and helping:
        return Stance.OFFER  # "ready to contribute to a settlement", "an ideal venue"
    if stance is Stance.SUPPORT and traded and on_parse.stance is None:
        return Stance.OFFER  # "would cease fire and begin talks": promised with the truce
    word = (on_parse.cue_word or "").lower()
    offering = any(word.startswith(lemma[:5]) for lemma in tax.offering)
    if stance is Stance.OFFER and not (helping or offering or traded):
        return Stance.SUPPORT  # "talks could follow", "ready to meet if needed"
    return stance


def _price_named(text: str, hits: list[Hit], region_hits: list[Hit], hit: Hit) -> bool:
    """Whether another condition or a disputed region is named after a cue withheld "until"
    or "while", or offered on a condition: the price asked for it ("no truce while its
    troops stay in the Donetsk region", "could join talks if it pulled out"). What follows
    "but" is another point ("ready to meet, but will not give up land"), not the price."""
    later = (h for h in hits if h.payload.condition != hit.payload.condition)
    return any(
        h.start > hit.end and not _contrasted(text[hit.end : h.start])
        for h in (*later, *region_hits)
    )


def _contrasted(between: str) -> bool:
    """Whether words between two cues turn to another point with "but"."""
    return " but " in f" {between.lower()} "


def _pressure_offered(
    tax: Taxonomy, parsed: ParsedSentence, hit: Hit, condition: str, on_parse: ParsedStance
) -> bool:
    """Whether pressure (sanctions) is promised on a condition without being eased: only
    relief can be offered; more pressure "if Moscow refuses" is what the speaker demands."""
    if condition not in tax.kept_when_not_lifted or on_parse.stance is not Stance.OFFER:
        return False
    if on_parse.negated:
        return False
    return governing_lemma(parsed, hit.start, hit.end) not in tax.lifting


def _given(tax: Taxonomy, parsed: ParsedSentence, hit: Hit, condition: str, side: str) -> bool:
    """Whether the cue names what the speaker's side would give: a giving verb governs it
    (or is its own head) and the side is not the one that would receive it."""
    if side == tax.receiving.get(condition):
        return False
    giving = tax.giving.get(condition, frozenset())
    own = cue_head_lemma(parsed, hit.start, hit.end)
    if own in giving or governing_lemma(parsed, hit.start, hit.end) in giving:
        return True
    # "the Easter truce that Putin declared": a truce described as given
    return bool(describing_lemmas(parsed, hit.start, hit.end) & giving)


def _parse_stance(
    tax: Taxonomy, on_parse: ParsedStance, cue: _Cue, condition: str, side: str
) -> Stance:
    """The stance the parse gives a cue: the governing word's, else the condition's default."""
    stance = on_parse.stance or _default_stance(tax, condition, side)
    if (on_parse.cue_word or "").lower() in tax.support_words[condition]:
        stance = Stance.SUPPORT  # "negotiations are necessary": willing to talk
    if cue.inverse and _without_the_opposite(on_parse):
        return stance  # "ready to give up its NATO bid" offers neutrality itself
    if cue.inverse and _denied_by_outsider(tax, on_parse, condition, side):
        # "NATO membership for Ukraine is not realistic", said by a NATO member: it accepts
        # the non-membership; only a word of demand ("requires") makes it a demand
        return tax.outsider_denial[condition]
    if on_parse.negated:
        stance = _NEGATED[stance]  # "does not reject talks" supports them
    # Wanting NATO membership rejects non-membership. A bare mention with no word of stance
    # ("Ukraine's NATO ambitions") is wanted by Kyiv and its backers and opposed by Moscow
    # and Minsk.
    bare = on_parse.stance is None and not on_parse.negated
    if bare and cue.inverse and condition in tax.bare_inverse:
        return tax.bare_inverse[condition]  # "a frozen war is only a war postponed"
    if cue.inverse and not (bare and side in _OPPOSE_INVERSE):
        stance = _flip(stance)
    return stance


def _denied_by_outsider(tax: Taxonomy, on_parse: ParsedStance, condition: str, side: str) -> bool:
    """Whether a side outside the war (not a party, not a commentator) denies the opposite of
    the condition by a negation alone ("is not realistic", "should not be part of a deal"),
    not by a word of refusal ("ruled out")."""
    if condition not in tax.outsider_denial or side in _NOT_SENDING:
        return False
    return on_parse.negated and on_parse.stance is not Stance.REJECT


def _default_stance(tax: Taxonomy, condition: str, side: str) -> Stance:
    """The stance of a cue no word takes a stance on: the condition's default, except that
    a side which would provide the thing (a third country, for guarantees) names it as its
    offer, not as a demand; the parties to the war and commentators provide nothing."""
    provided = tax.provider_default.get(condition)
    if provided is not None and side not in _NOT_SENDING and side != tax.receiving.get(condition):
        return provided
    return tax.default_stance[condition]


def _without_the_opposite(on_parse: ParsedStance) -> bool:
    """Whether a willingness or an offer is to go without what an inverse cue names ("ready
    to give up its NATO bid", "prepared to forgo membership"): that is the condition itself,
    taken as the stance word says, where a refusal of the word ("will not accept foreign
    troops") still flips."""
    kept = on_parse.stance in (Stance.SUPPORT, Stance.OFFER)
    return kept and on_parse.negated and on_parse.content_negated


def _window_stance(
    text: str,
    tokens: list[Token],
    hit: Hit,
    lo: int,
    hi: int,
    cue: _Cue,
    condition: str,
    verb_stance: Stance | None,
    stance_hits: list[Hit],
    conditional_starts: list[int],
    tax: Taxonomy,
) -> Stance:
    """The stance from the words before a cue, for a sentence with no parse."""
    clause_lo = _clause_start(text, tokens, hit.first, lo)
    stance_hit = _nearest_stance(stance_hits, hit.first, hit.last, clause_lo)
    stance = stance_hit.payload if stance_hit else None
    if stance is None:
        stance = verb_stance or tax.default_stance[condition]
    if stance is not Stance.REJECT and any(clause_lo <= c < hit.first for c in conditional_starts):
        stance = Stance.DEMAND
    # A negation inside the stance cue itself ("no interest in") is not counted twice.
    negation_lo = max(clause_lo, stance_hit.last + 1) if stance_hit else clause_lo
    negated = _negated(tokens, hit.first, hit.last, negation_lo, hi, tax.negations, cue.inverse)
    if stance_hit is not None and _negated_stance(tokens, stance_hit.first, clause_lo, tax):
        negated = not negated  # "will never accept a ceasefire"
    if negated != cue.inverse:
        stance = _flip(stance)
    return stance


def _question_span(text: str, tokens: list[Token], last: int, hi: int) -> tuple[int, int]:
    """Tokens of the question that "asked whether" opens: up to the next comma."""
    for i in range(last + 1, hi):
        if "," in text[tokens[i - 1].end : tokens[i].start]:
            return last, i
    return last, hi


def _outermost_by_condition(hits: list[Hit]) -> list[Hit]:
    """Drop a cue at the edge of a longer cue of another condition ("during a ceasefire" is
    truce terms). A cue strictly inside one is in the words its gap skipped ("non-nuclear"
    in "neutral, non-bloc and non-nuclear status") and stays."""
    return [
        h
        for h in hits
        if not any(
            o is not h
            and o.payload.condition != h.payload.condition
            and o.first <= h.first
            and h.last <= o.last
            and (o.first == h.first or o.last == h.last)
            and (o.last - o.first) > (h.last - h.first)
            and not (o.payload.joint and o.last == h.last)
            for o in hits
        )
    ]


def _told_how_it_went(
    tax: Taxonomy, cue: _Cue, parsed: ParsedSentence, hit: Hit, on_parse: ParsedStance
) -> bool:
    """Whether a generic cue, with no stance on it, is what an account of how things went
    describes ("the contacts had been useful")."""
    if not cue.generic or cue.condition not in tax.told_how_it_went:
        return False
    if on_parse.stance is not None or on_parse.negated:
        return False
    return described_as_it_went(parsed, hit.start, hit.end)


def _in_context(tax: Taxonomy, hit: Hit, tokens: list[Token], lo: int, hi: int) -> bool:
    """Whether the span names the context a contextual cue needs: a bare "membership" is
    NATO membership only where NATO or the alliance is named."""
    return bool(tax.contexts[hit.payload.condition].scan(tokens, lo, hi))


def _about_another(tax: Taxonomy, parsed: ParsedSentence, hit: Hit, hits: list[Hit]) -> bool:
    """Whether a phrase on the cue names a condition that the cue is then about instead."""
    others = tax.named_by.get(hit.payload.condition)
    return others is not None and any(
        h.payload.condition in others and modifies(parsed, (h.start, h.end), (hit.start, hit.end))
        for h in hits
    )


def _framed(tax: Taxonomy, condition: str, tokens: list[Token], first: int, lo: int) -> bool:
    """Whether a framing phrase ends just before the cue ("in advance of any talks")."""
    index = tax.framing.get(condition)
    if index is None:
        return False
    window_lo = max(lo, first - _FRAMING_REACH)
    return any(h.last >= first - 2 for h in index.scan(tokens, window_lo, first))


def stance_of(words: str) -> Stance | None:
    """The stance a verb phrase carries on its own: "rejected" -> reject, "said" -> None."""
    tokens = tokenize(words)
    hits = load_taxonomy().stances.scan(tokens)
    return hits[0].payload if hits else None


def _clause_start(text: str, tokens: list[Token], first: int, lo: int) -> int:
    """Index of the first token of the clause holding token `first`."""
    for i in range(first, max(lo, first - _STANCE_WINDOW), -1):
        between = text[tokens[i - 1].end : tokens[i].start] if i > lo else ""
        if i == lo or any(ch in _CLAUSE_BREAKS for ch in between):
            return i
    return max(lo, first - _STANCE_WINDOW)


def _nearest_stance(stance_hits: list[Hit], first: int, last: int, clause_lo: int) -> Hit | None:
    """The stance cue closest before the condition cue; else a trailing rejection."""
    before = [h for h in stance_hits if clause_lo <= h.first and h.last < first]
    if before:
        return max(before, key=lambda h: h.last)
    for h in stance_hits:
        if last < h.first <= last + _TRAILING_REJECTS and h.payload is Stance.REJECT:
            return h
    return None


def _negated(tokens, first, last, clause_lo, hi, negations, inverse: bool) -> bool:
    """Whether a negation word governs the cue ("no ceasefire", "peacekeepers will not")."""
    window = range(max(clause_lo, first - _NEGATION_WINDOW), first)
    if any(_is_negation(tokens[i].norm, negations) for i in window):
        return True
    # Only cues naming a presence are negated from behind: "troops will not be deployed".
    if inverse:
        after = range(last + 1, min(hi, last + 1 + _NEGATION_WINDOW))
        return any(_is_negation(tokens[i].norm, negations) for i in after)
    return False


def _negated_stance(tokens: list[Token], first: int, clause_lo: int, tax: Taxonomy) -> bool:
    """Whether a negation stands right before a stance cue ("not ready to", "never accept")."""
    window = range(max(clause_lo, first - _STANCE_NEGATION_WINDOW), first)
    return any(_is_negation(tokens[i].norm, tax.negations) for i in window)


def _is_negation(norm: str, negations: frozenset[str]) -> bool:
    # Contractions ("won't", "doesn't") are single tokens.
    return norm in negations or norm.endswith("n't")


def _flip(stance: Stance) -> Stance:
    return Stance.DEMAND if stance is Stance.REJECT else Stance.REJECT


def _who_withdraws(tokens: list[Token], first: int, lo: int, hi: int, side: str) -> str:
    """territory when Ukrainian forces withdraw, territorial-integrity when Russian ones do."""
    nearest: tuple[int, str] | None = None
    span = range(max(lo, first - _ACTOR_BEFORE), min(hi, first + _ACTOR_AFTER + 1))
    for i in span:
        norm = tokens[i].norm
        # "from Ukraine" names the place left, not who leaves.
        if i > lo and tokens[i - 1].norm in ("from", "in") and i > first + 1:
            continue
        actor = "russia" if norm in _RUSSIA_WORDS else "ukraine" if norm in _UKRAINE_WORDS else None
        if actor and (nearest is None or abs(i - first) < abs(nearest[0] - first)):
            nearest = (i, actor)
    if nearest is not None:
        return "territorial-integrity" if nearest[1] == "russia" else "territory"
    return "territory" if side == "Russia" else "territorial-integrity"
