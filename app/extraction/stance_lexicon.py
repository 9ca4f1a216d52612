"""The stance lemma lists, loaded once: the words that carry a stance on the parse.

The walk in stance.py and the predicates in cue_roles.py read a condition cue's
governing words against these lists ("insist", "ready", "must", "if", "in exchange
for", ...). The lists themselves are data, in data/taxonomy.toml (`[stance_lemmas]`).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from app.extraction.lexicon import load_data
from app.extraction.parsing import cue_lexicon
from app.extraction.records import Stance


@dataclass(frozen=True, slots=True)
class StanceLemmas:
    by_lemma: dict[str, Stance]
    adjectives: frozenset[str]  # lemmas that carry a stance only as adjectives ("open to")
    verbs_only: frozenset[str]  # lemmas that carry a stance only as verbs ("guarantee that")
    modals: dict[str, Stance]  # "must", "should" -> demand; "could" -> offer
    negating: frozenset[str]  # verbs that undo their object: "renounce", "abandon"
    conditional_marks: frozenset[str]  # "if", "unless", "once": the main clause is an offer
    price_marks: frozenset[str]  # "if", "until", "before": what the clause asks is demanded
    condition_nouns: frozenset[str]  # "on condition that ...", "a prerequisite that ..."
    bargain_heads: frozenset[str]  # "exchange", "return" in "in exchange for"
    accepting: frozenset[str]  # "ready to accept/discuss/meet": support, not an offer
    bargaining: frozenset[str]  # "not a subject for talks": what is held beyond bargaining
    harmful: frozenset[str]  # "a freeze would reward the aggressor": the subject is rejected
    groundwork: frozenset[str]  # "the basis for a settlement": accepted as a starting point
    beneficial: frozenset[str]  # "swaps could help build trust": welcomed as useful
    trading: frozenset[str]  # "trade", "exchange": "will not trade land for a truce"
    directing: frozenset[str]  # "tell", "order": "told Putin to stop" demands it
    unchanging: frozenset[str]  # "change": "has not changed" holds, does not refuse
    plan_nouns: frozenset[str]  # documents and deals: "a plan that would halt the fighting"
    beginning: frozenset[str]  # "begin", "resume": "talks should begin" asks for the talks
    threats: frozenset[str]  # "consequences", "sanctions": a penalty threatened "if ..."
    lifting: frozenset[str]  # "lift", "ease": what undoes a penalty
    joining: frozenset[str]  # "participate": taking part in talks is a position on them
    occasion_prepositions: frozenset[str]  # "at", "during": a meeting as the occasion
    occasion_nouns: frozenset[str]  # "summit": meetings named as an occasion
    withholding_marks: frozenset[str]  # "until", "while": "no truce until ..." offers it then
    copulas: frozenset[str]  # "be", "remain": "a truce remains our demand"
    # "without", "unless", "otherwise": "there can be no lasting peace without X"
    lacking: frozenset[str]
    deliberating: frozenset[str]  # "discuss", "settle": what is talked over, not asked for
    matters: frozenset[str]  # "talks", "question": "talks about territory"
    starting_points: frozenset[str]  # "point", "basis": "the starting point for talks"
    places: frozenset[str]  # "zone", "area": "a demilitarised zone" names a place
    silence: frozenset[str]  # "mention", "word": "does not mention sanctions" names a silence
    respite: frozenset[str]  # "rearm", "regroup": a truce described as a respite is refused
    making: frozenset[str]  # "create": "create the conditions for talks" wishes for talks
    attending: frozenset[str]  # "attend": what another party is asked to attend
    hosted_events: frozenset[str]  # "summit": meetings a party convenes and invites others to
    sequels: frozenset[str]  # "then": "a ceasefire, then a deal" orders steps
    following: frozenset[str]  # "follow": "a ceasefire, followed by talks"
    acknowledging: frozenset[str]  # "thank": "thanked Ankara for its readiness to host"
    pushed_into: frozenset[str]  # "into", "toward": "press Kyiv into talks"
    blocking_marks: frozenset[str]  # "as long as", "while": the clause names what blocks
    answering: frozenset[str]  # "say": "said yes to a truce" accepts it
    answers: dict[str, Stance]  # "yes" -> support, "no" -> reject


@cache
def load_stance_lemmas() -> StanceLemmas:
    data = load_data("taxonomy.toml")["stance_lemmas"]
    by_lemma = {
        lemma: Stance(stance)
        for stance in ("reject", "demand", "support", "offer")
        for lemma in data[stance]
    }
    return StanceLemmas(
        by_lemma,
        frozenset(data["adjectives"]),
        frozenset(data["verbs_only"]),
        {
            **{m: Stance.OFFER for m in data["offer_modals"]},
            **{m: Stance.DEMAND for m in data["demand_modals"]},
        },
        frozenset(data["negating"]),
        frozenset(data["conditional_marks"]),
        frozenset(data["price_marks"]),
        frozenset(data["condition_nouns"]),
        frozenset(data["bargain_heads"]),
        frozenset(data["accepting_verbs"]),
        frozenset(data["bargaining_nouns"]),
        frozenset(data["harmful"]),
        frozenset(data["groundwork"]),
        frozenset(data["beneficial"]),
        frozenset(data["trading"]),
        frozenset(data["directing"]),
        frozenset(data["unchanging"]),
        cue_lexicon().documents | frozenset(data["deal_nouns"]),
        frozenset(data["beginning"]),
        frozenset(data["threats"]),
        frozenset(
            v for e in load_data("taxonomy.toml")["condition"] for v in e.get("lifting_verbs", ())
        ),
        frozenset(data["joining"]),
        frozenset(data["occasion_prepositions"]),
        frozenset(data["occasion_nouns"]),
        frozenset(data["withholding_marks"]),
        frozenset(data["copulas"]),
        frozenset(data["lacking"]),
        frozenset(data["deliberating"]),
        frozenset(data["bargaining_nouns"]) | frozenset(data["matters"]),
        frozenset(data["starting_points"]),
        frozenset(data["places"]),
        frozenset(data["silence"]),
        frozenset(data["respite"]),
        frozenset(data["making"]),
        frozenset(data["attending"]),
        frozenset(data["hosted_events"]),
        frozenset(data["sequels"]),
        frozenset(data["following"]),
        frozenset(data["acknowledging"]),
        frozenset(data["pushed_into"]),
        frozenset(data["blocking_marks"]),
        frozenset(data["answering"]),
        {
            **{w: Stance.SUPPORT for w in data["answers_yes"]},
            **{w: Stance.REJECT for w in data["answers_no"]},
        },
    )
