"""Stance on the parse: the words governing a condition cue, and what they make of it.

`stance_on_parse` is tested on the cue words of short sentences (the stance it reads, and
whether an odd number of negations governs the cue); the end-to-end tables show the stance
each condition of a statement ends up with through `extract_article`.
"""

from datetime import date

import pytest

from app.extraction import extract_article
from app.extraction.parser import parse
from app.extraction.parsing import ParsedSentence
from app.extraction.records import Stance
from app.extraction.stance import stance_on_parse

PUBLISHED = date(2025, 6, 19)
OFFSET = 57  # the sentence's place in some article: offsets are article offsets

DEMAND, REJECT, SUPPORT, OFFER = Stance.DEMAND, Stance.REJECT, Stance.SUPPORT, Stance.OFFER


def stance(sentence: str, cue: str) -> tuple[Stance | None, bool]:
    """The stance and negation the parse gives the first occurrence of cue in sentence."""
    parsed = ParsedSentence.of(parse([sentence])[0], OFFSET)
    start = OFFSET + sentence.index(cue)
    found = stance_on_parse(parsed, start, start + len(cue))
    return found.stance, found.negated


def conditions(text: str) -> dict[str, str]:
    """condition -> stance over every statement the engine extracts from text."""
    found = extract_article(text, published=PUBLISHED).statements
    return {c.condition: c.stance.value for s in found for c in s.conditions}


@pytest.mark.parametrize(
    ("sentence", "cue", "expected"),
    [
        # --- modals: must and should demand, could offers
        ("Kyiv must accept a ceasefire.", "ceasefire", (DEMAND, False)),
        ("Moscow should drop its claim to Kherson.", "claim to Kherson", (DEMAND, True)),
        ("Kyiv could accept neutrality.", "neutrality", (OFFER, False)),
        # "has to" is a demand
        ("Ukraine has to withdraw from Zaporizhzhia.", "withdraw from", (DEMAND, False)),
        pytest.param(
            "Kyiv must stop the fighting.",
            "stop the fighting",
            (DEMAND, False),
        ),
        pytest.param(
            "Russia could halt strikes on power plants.",
            "halt strikes",
            (OFFER, False),
        ),
        # --- negation counts, the stance word stays
        ("Moscow will never accept a ceasefire.", "ceasefire", (SUPPORT, True)),
        ("Russia does not reject talks.", "talks", (REJECT, True)),
        # "no" before the cue
        ("There will be no ceasefire.", "ceasefire", (None, True)),
        # a negating verb undoes what it governs
        ("Kyiv should abandon its NATO bid.", "NATO bid", (DEMAND, True)),
        # no stance word at all
        ("A ceasefire began at midnight.", "ceasefire", (None, False)),
        pytest.param(
            "Russia is not ready for a ceasefire.",
            "ceasefire",
            (SUPPORT, True),
        ),
        pytest.param(
            "Moscow is not open to a ceasefire.",
            "ceasefire",
            (SUPPORT, True),
        ),
        # --- readiness
        ("Zelensky is ready for talks.", "talks", (SUPPORT, False)),
        ("Kyiv is open to a ceasefire.", "ceasefire", (SUPPORT, False)),
        ("Kyiv is opposed to a ceasefire.", "ceasefire", (REJECT, False)),
        # readiness bound by "if" is an offer
        (
            "Russia is ready to halt strikes if Kyiv withdraws from Donetsk.",
            "halt strikes",
            (OFFER, False),
        ),
        pytest.param("Moscow is unwilling to accept a ceasefire.", "ceasefire", (REJECT, False)),
        # --- conditions: what the "if" clause asks for is demanded
        (
            "Russia is ready to halt strikes if Kyiv withdraws from Donetsk.",
            "withdraws from",
            (DEMAND, False),
        ),
        (
            "Moscow would accept a ceasefire if Ukraine withdraws from Kherson.",
            "ceasefire",
            (OFFER, False),
        ),
        (
            "Moscow would accept a ceasefire if Ukraine withdraws from Kherson.",
            "withdraws from",
            (DEMAND, False),
        ),
        (
            "Russia would halt strikes on power plants once Kyiv drops its NATO bid.",
            "halt strikes",
            (OFFER, False),
        ),
        pytest.param(
            "Russia agreed to talks on condition that Kyiv withdraws its troops from Donetsk.",
            "withdraws its troops",
            (DEMAND, False),
        ),
        # --- bargains: the price is demanded
        (
            "Ukraine could accept neutrality in exchange for security guarantees.",
            "security guarantees",
            (DEMAND, False),
        ),
        (
            "Ukraine could accept neutrality in exchange for security guarantees.",
            "neutrality",
            (OFFER, False),
        ),
        (
            "Kyiv would agree to neutral status in return for security guarantees.",
            "security guarantees",
            (DEMAND, False),
        ),
        pytest.param(
            "Kyiv would agree to neutral status in return for security guarantees.",
            "neutral status",
            (OFFER, False),
        ),
        # --- "rather than", "instead of": rejected
        ("Russia wants a final settlement rather than a truce.", "truce", (REJECT, False)),
        ("Moscow seeks a lasting peace instead of a ceasefire.", "ceasefire", (REJECT, False)),
        # the other side of "rather than" keeps its own stance
        (
            "Russia wants a final settlement rather than a truce.",
            "final settlement",
            (DEMAND, False),
        ),
        # --- urging someone to accept is a demand
        ("Trump urged Kyiv to accept a truce.", "truce", (DEMAND, False)),
        ("The Kremlin called on Kyiv to agree to a ceasefire.", "ceasefire", (DEMAND, False)),
        # accepting with no one urging stays support
        ("Kyiv agreed to a truce in the Black Sea.", "truce", (SUPPORT, False)),
        # --- the walk stops at the speech verb: above it is the reporter's sentence
        ("Zelensky refused to say whether talks would resume.", "talks", (None, False)),
        # --- ready to give something offers it; ready to accept or discuss supports
        ("We are ready to exchange prisoners of war.", "exchange prisoners", (OFFER, False)),
        ("Kyiv is ready to accept a ceasefire.", "ceasefire", (SUPPORT, False)),
        ("Moscow is ready to discuss a ceasefire.", "ceasefire", (SUPPORT, False)),
        # --- "might have to" suggests; "sending X would only ..." judges X harmful
        ("Ukraine might have to give up Crimea.", "give up Crimea", (SUPPORT, False)),
        (
            "Sending Western troops would only drag us into the war.",
            "Western troops",
            (REJECT, False),
        ),
        # --- every clause an "only if" joins is part of the price
        (
            "A settlement is possible only if the West stops arming Kyiv and Kiev returns to a "
            "neutral status.",
            "neutral status",
            (DEMAND, False),
        ),
        # --- a red line is what is refused, as subject or as what the red line is
        (
            "Any recognition of the occupation is a red line.",
            "recognition of the occupation",
            (REJECT, False),
        ),
        (
            "Kyiv's red line is any recognition of the occupation.",
            "recognition of the occupation",
            (REJECT, False),
        ),
        # --- barring what the cue names negates it
        ("The draft bars Ukraine from joining NATO.", "joining NATO", (None, True)),
        # --- a cue that is itself an offering verb offers, under "ready to" as well
        (
            "Ankara is ready to host another round of talks.",
            "host another round of talks",
            (OFFER, False),
        ),
        # --- "only": the one way is demanded; "would only help" judges the cue harmful
        ("Peace could only come through talks with Moscow.", "talks", (DEMAND, False)),
        ("Progress would only come from a direct meeting.", "meeting", (DEMAND, False)),
        ("A ceasefire would only help Russia rearm.", "ceasefire", (REJECT, False)),
        ("A ceasefire would help Russia's economy.", "ceasefire", (None, False)),
        # a step judged useful to an end is welcomed, whatever the modal
        ("More prisoner swaps could help to build trust.", "prisoner swaps", (SUPPORT, False)),
        ("A truce in the air would help end the killing.", "truce", (SUPPORT, False)),
        ("A pause in strikes would not help to end the war.", "pause in strikes", (SUPPORT, True)),
        ("A ceasefire now would simply freeze Russia's gains.", "ceasefire", (REJECT, False)),
        # a copula with a dismissive adjective rejects its subject
        ("A return to the 1991 borders is unrealistic.", "1991 borders", (REJECT, False)),
        ("A truce without guarantees would be meaningless.", "truce", (REJECT, False)),
        # a text that could serve as the basis for talks is accepted to start from
        ("The plan could serve as a basis for future talks.", "talks", (SUPPORT, False)),
        ("The formula could not serve as the basis for any talks.", "talks", (SUPPORT, True)),
        # "X, not Y": the "not" negates the contrasted Y, not X
        ("Moscow wants a lasting peace, not a temporary truce.", "lasting peace", (DEMAND, False)),
        ("Moscow wants a lasting peace, not a temporary truce.", "truce", (DEMAND, True)),
        # a position that "has not changed" is held, not negated
        (
            "Our position has not changed: first a full ceasefire, then talks.",
            "ceasefire",
            (DEMAND, False),
        ),
    ],
)
def test_stance_on_parse_reads_the_words_governing_the_cue(sentence, cue, expected):
    assert stance(sentence, cue) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Lavrov said on Monday that Russia does not object to new peace talks in Geneva.",
        "Lavrov said on Monday that Russia had no objection to new peace talks in Geneva.",
    ],
)
def test_not_objecting_to_a_condition_supports_it(text):
    assert conditions(text) == {"negotiations": "support"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Lavrov said on Monday that Russia will not take part in any talks on Ukraine.", "reject"),
        ("Lavrov said on Monday that Russia would not participate in talks on Ukraine.", "reject"),
    ],
)
def test_taking_part_in_talks_is_a_position_on_them(text, expected):
    assert conditions(text) == {"negotiations": expected}


def test_stance_on_parse_names_the_word_that_gave_the_stance():
    parsed = ParsedSentence.of(
        parse(["Russia wants a final settlement rather than a truce."])[0], 0
    )
    start = "Russia wants a final settlement rather than a truce.".index("truce")
    assert stance_on_parse(parsed, start, start + len("truce")).cue_word == "rather than"


def test_a_cue_outside_the_sentence_has_no_stance():
    parsed = ParsedSentence.of(parse(["Kyiv rejects a truce."])[0], OFFSET)
    found = stance_on_parse(parsed, 0, 5)
    assert (found.stance, found.negated, found.cue_word) == (None, False, None)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # --- what comes once a demand is met is offered in return
        (
            "Putin said Kyiv must leave four regions, after which Moscow would cease fire.",
            {"territory": "demand", "ceasefire": "offer"},
        ),
        (
            "Putin demanded that Kyiv leave four regions before Moscow would order a truce.",
            {"territory": "demand", "ceasefire": "offer"},
        ),
        ("Peskov said the Easter truce that Putin declared had held.", {"ceasefire": "offer"}),
        # --- telling someone to act, or saying it has to happen, demands it
        ("Trump said he told Putin to stop the fighting.", {"ceasefire": "demand"}),
        ("Trump said the shooting has to stop.", {"ceasefire": "demand"}),
        # --- guarantees a third party says Ukraine will receive are offered by it
        ("Rubio said Ukraine will receive security guarantees.", {"security-guarantees": "offer"}),
        (
            "Zelensky said Ukraine must receive security guarantees.",
            {"security-guarantees": "demand"},
        ),
        # --- Moscow never refuses Kyiv's neutrality; a third party refusing recognition rejects
        (
            "Lavrov warned that any move by Kyiv to abandon its non-aligned status was dangerous.",
            {"nato-non-membership": "demand"},
        ),
        (
            "Merz said recognition of Russia's occupation of Ukraine was not up for discussion.",
            {"territory": "reject"},
        ),
        # --- the go-betweens of exchanges back them
        (
            "Qatar said it would keep working for the return of deported children.",
            {"accountability": "support"},
        ),
        # --- a deal made behind a party's back or over its head asks for that party's say
        ("Zelensky said Kyiv will accept no deal made over its head.", {"negotiations": "demand"}),
        # the party named: no one may bargain over it, whatever refuses the bargain
        (
            "Sybiha said on Monday that no one should bargain over Ukraine's head.",
            {"negotiations": "demand"},
        ),
        ("Macron said peace cannot be negotiated on Ukraine's back.", {"negotiations": "demand"}),
        # --- that only Ukraine decides when to talk asks for its say
        (
            "Scholz said only Ukraine can decide when to talk to Moscow about the war.",
            {"negotiations": "demand"},
        ),
        # --- what a mediator's plan would do, it offers
        (
            "US officials said the revised plan would halt the fighting in Ukraine.",
            {"ceasefire": "offer"},
        ),
        # --- what a refused trade would buy is no position of its own
        ("Zelensky said Ukraine will not trade its land for a ceasefire.", {"territory": "reject"}),
        # --- Kyiv never asks to cede its own land; land not for sale is kept
        (
            "Yermak said no plan that asks us to leave our own land will be accepted.",
            {"territory": "reject"},
        ),
        ("Zelensky said Crimea is not for sale.", {"territory": "reject"}),
        ("Peskov said Crimea is not for sale.", {"territory": "demand"}),
        # --- how a truce is held takes the words' stance; objecting to rearming is a demand
        (
            "Kyslytsya said Ukraine was ready for a ceasefire along the line of contact.",
            {"ceasefire": "support", "truce-terms": "support"},
        ),
        ("Lavrov said he would not allow Kyiv to rearm.", {"truce-terms": "demand"}),
        # --- talks a party could hold are its willingness; hosting or promising them offers
        ("Peskov said talks with Kyiv could follow if needed.", {"negotiations": "support"}),
        ("Erdogan said Turkey was ready to contribute to peace talks.", {"negotiations": "offer"}),
        ("Lavrov said Russia has proposed talks with Ukraine.", {"negotiations": "offer"}),
        # --- modals
        ("Lavrov said Kyiv must withdraw its troops from Donetsk.", {"territory": "demand"}),
        ("Lavrov said Kyiv should accept a ceasefire.", {"ceasefire": "demand"}),
        pytest.param("Lavrov said Kyiv must stop the fighting.", {"ceasefire": "demand"}),
        # --- negation flips the stance word
        ("Peskov said Moscow will never accept a ceasefire.", {"ceasefire": "reject"}),
        ("Peskov said Russia does not reject talks.", {"negotiations": "support"}),
        ("Peskov said there will be no ceasefire.", {"ceasefire": "reject"}),
        # not demanding is no demand
        ("Peskov said Moscow will not demand a ceasefire.", {"ceasefire": "reject"}),
        pytest.param(
            "Peskov said Russia is not ready for a ceasefire.",
            {"ceasefire": "reject"},
        ),
        pytest.param(
            "Peskov said Moscow is unwilling to accept a ceasefire.",
            {"ceasefire": "reject"},
        ),
        # --- readiness
        ("Zelensky said Ukraine is ready for talks.", {"negotiations": "support"}),
        (
            "Peskov said Russia is ready to halt strikes if Kyiv withdraws from Donetsk.",
            {"ceasefire": "offer", "territory": "demand"},
        ),
        # --- conditions
        (
            "Putin offered a ceasefire if Ukraine withdraws its forces from Luhansk.",
            {"ceasefire": "offer", "territory": "demand"},
        ),
        (
            "Peskov said Russia would halt strikes on power plants once Kyiv drops its NATO bid.",
            {"ceasefire": "offer", "nato-non-membership": "demand"},
        ),
        pytest.param(
            "Russia agreed to talks on condition that Kyiv withdraws its troops from Donetsk.",
            {"negotiations": "support", "territory": "demand"},
        ),
        # "as soon as" and a future "after" bind as "once" does, across coordinated verbs
        (
            "Putin said Moscow would stop the war and begin negotiations as soon as Kyiv "
            "pulls its forces out of Zaporizhzhia.",
            {"ceasefire": "offer", "negotiations": "offer", "territory": "demand"},
        ),
        (
            'Putin said Russia would order a ceasefire and begin talks "immediately" once '
            "Ukraine pulled its troops out of Donetsk.",
            {"ceasefire": "offer", "negotiations": "offer", "territory": "demand"},
        ),
        (
            "Lavrov said Moscow would agree to a truce after Kyiv gives up its bid to join NATO.",
            {"ceasefire": "offer", "nato-non-membership": "demand"},
        ),
        (
            "Peskov said a truce would become possible only after Ukrainian troops leave Donetsk.",
            {"ceasefire": "offer", "territory": "demand"},
        ),
        # in a narrative of the past, "after" only orders events
        (
            "Zelensky rejected a truce after Russian troops shelled Kharkiv again.",
            {"ceasefire": "reject"},
        ),
        # --- what a demand asks of both coordinated verbs
        (
            "Guterres called on both sides to agree on a ceasefire and to return to the "
            "negotiating table.",
            {"ceasefire": "demand", "negotiations": "demand"},
        ),
        # --- items of one list share the stance the parser gave the first
        (
            "China and Brazil promote a plan that calls for de-escalation and an international "
            "peace conference.",
            {"ceasefire": "demand", "negotiations": "demand"},
        ),
        # --- refusing whatever fails to do X demands X
        (
            "Lavrov said Russia would accept no plan that failed to recognise Crimea as Russian.",
            {"territory": "demand"},
        ),
        # --- talks as the subject of what they must do are the frame, not the position
        (
            "Peskov said any talks would have to take into account the new realities.",
            {"territory": "demand"},
        ),
        # --- talks called the only way are a willingness to talk
        (
            "Rubio said the war would only end at the negotiating table.",
            {"negotiations": "support"},
        ),
        # --- a "no" before the cue's words negates them, whichever word heads the cue
        (
            "Peskov said Moscow would insist that no troops from European countries be "
            "stationed in Ukraine.",
            {"no-foreign-troops": "demand"},
        ),
        # --- a second verb shares the first one's modal
        (
            "Trump said Russia and Ukraine should stop fighting and settle their disputes "
            "through negotiations.",
            {"ceasefire": "demand", "negotiations": "demand"},
        ),
        # --- sources familiar with the talks take no position on them
        (
            "Reuters reported, citing sources familiar with the talks, that Putin had "
            "demanded that Kyiv withdraw its troops from Donetsk.",
            {"territory": "demand"},
        ),
        # --- a summit named as the occasion of a demand is where, not a position on talks
        (
            "Sybiha said Putin had demanded at the Geneva summit that Kyiv pull its troops "
            "out of Kherson.",
            {"territory": "demand"},
        ),
        (
            "Ryabkov said Moscow wanted, during the summit, a pledge to cede Luhansk.",
            {"territory": "demand"},
        ),
        # --- what nothing happens without is demanded
        (
            "Biden said no deal about Ukraine would be struck without Ukraine.",
            {"negotiations": "demand"},
        ),
        ("Pompeo said there will be no relief from sanctions.", {"sanctions": "demand"}),
        # --- saying the war will go on rejects a ceasefire, whoever says it
        (
            "Lavrov said the operation would go on until its goals had been achieved.",
            {"ceasefire": "reject"},
        ),
        (
            "Medvedev said the war will continue until the government in Kyiv is removed.",
            {"ceasefire": "reject", "leadership-change": "demand"},
        ),
        # --- a freeze named with no word of stance is named to be criticised
        (
            'Kuleba said: "A frozen war is only a war postponed."',
            {"final-settlement": "demand"},
        ),
        ("Kellogg said he wants to freeze the conflict.", {"final-settlement": "reject"}),
        # --- what a condition buys is offered in return
        (
            "Lavrov demanded that Kyiv pull its troops out of Donetsk as a condition for a "
            "ceasefire.",
            {"territory": "demand", "ceasefire": "offer"},
        ),
        # --- going along with what one's own side gives up is a concession: an offer
        (
            "Zelensky said Ukraine was ready to discuss neutrality.",
            {"nato-non-membership": "offer"},
        ),
        ("Lavrov said Moscow is ready to discuss a ceasefire.", {"ceasefire": "support"}),
        # --- the least that is demanded
        (
            "Peskov said Moscow would not settle for less than a withdrawal of Ukrainian "
            "troops from Donbas.",
            {"territory": "demand"},
        ),
        # --- held beyond bargaining: demanded as it stands, by whichever side holds it
        ("Peskov said the status of Crimea is not a subject for talks.", {"territory": "demand"}),
        (
            "Zelensky said Crimea's status is not up for negotiation.",
            {"territorial-integrity": "demand"},
        ),
        (
            "Zakharova said the status of the new regions is non-negotiable.",
            {"territory": "demand"},
        ),
        # --- bargains
        (
            "Zelensky said Ukraine could accept neutrality in exchange for security guarantees.",
            {"nato-non-membership": "offer", "security-guarantees": "demand"},
        ),
        pytest.param(
            "Zelensky said Ukraine would accept neutrality in exchange for security guarantees.",
            {"nato-non-membership": "offer", "security-guarantees": "demand"},
        ),
        # --- rather than
        (
            "Lavrov said Russia wants a final settlement rather than a truce.",
            {"final-settlement": "demand", "ceasefire": "reject"},
        ),
        # --- urging
        ("Trump urged Kyiv to accept a truce.", {"ceasefire": "demand"}),
        # --- truce terms are always demanded, whatever governs them
        (
            "Lavrov said any truce must be monitored.",
            {"ceasefire": "demand", "truce-terms": "demand"},
        ),
        ("Russia rejects a halt to mobilization during a truce.", {"truce-terms": "demand"}),
        # --- inverse cues: wanting the opposite rejects the condition
        ("Zelensky said Ukraine wants to join NATO.", {"nato-non-membership": "reject"}),
        ("Kyiv will join NATO one day, Zelensky said.", {"nato-non-membership": "reject"}),
        # not wanting the opposite is the condition itself
        ("Zelensky said Kyiv does not want to join NATO.", {"nato-non-membership": "demand"}),
        (
            "Lavrov said Moscow will not allow foreign troops in Ukraine.",
            {"no-foreign-troops": "demand"},
        ),
        # --- a stance predicated of the cue
        pytest.param("Peskov said a ceasefire is unacceptable.", {"ceasefire": "reject"}),
        pytest.param(
            "Peskov said a ceasefire is out of the question.",
            {"ceasefire": "reject"},
        ),
        # refusing their lifting keeps sanctions: the corpus convention is a demand
        pytest.param(
            "Zelensky said the lifting of sanctions is unacceptable.",
            {"sanctions": "demand"},
        ),
        # --- judged harmful: the condition as the subject of a harm
        ("Kirby said a ceasefire along the current lines would reward the aggressor.", None),
        ("Yermak said a ceasefire on today's line would be a gift to Moscow.", None),
        # --- asking the other side to accept, or to act in several clauses
        ("Peskov said Moscow insists that Kyiv accept a ceasefire.", {"ceasefire": "demand"}),
        (
            "Starmer said sanctions would stay until Russia accepted a ceasefire.",
            {"sanctions": "demand", "ceasefire": "demand"},
        ),
        (
            "Lavrov demanded that Kyiv renounce its NATO bid and agree to a demilitarized zone.",
            {"nato-non-membership": "demand", "truce-terms": "demand"},
        ),
        # --- what a price buys is offered for it
        ("Putin set out those terms as the price of a ceasefire.", {"ceasefire": "offer"}),
        ("Putin said Moscow still wanted all of Donetsk.", {"territory": "demand"}),
        # --- a settlement that frames another condition is not one itself
        (
            "Putin said a lasting settlement required removing the root causes of the conflict.",
            {"root-causes": "demand"},
        ),
        # --- what the speaker's side would give is offered; Ukraine asks for guarantees
        ("Putin said Russia would then order a ceasefire.", {"ceasefire": "offer"}),
        (
            "Rubio said the plan would give Kyiv security guarantees.",
            {"security-guarantees": "offer"},
        ),
        (
            "Zelensky said the allies must give Kyiv security guarantees.",
            {"security-guarantees": "demand"},
        ),
        (
            "The joint paper calls for no escalation of fighting, and for a peace conference "
            "to be held at a proper time, China said.",
            # no escalation of the fighting is a ceasefire position (taxonomy inverse cue)
            {"ceasefire": "demand", "negotiations": "demand"},
        ),
        # --- a goal judged out of reach is rejected
        (
            "Hegseth said returning Ukraine to its 2014 borders was an unrealistic objective.",
            {"territorial-integrity": "reject"},
        ),
        (
            "Vance said the idea that Ukraine could win back all its territory was a fantasy.",
            {"territorial-integrity": "reject"},
        ),
        # --- what comes once a demand is met is offered
        (
            "Lavrov said Russia wants Kyiv to withdraw from Donetsk before any truce.",
            {"territory": "demand", "ceasefire": "offer"},
        ),
        # --- what cannot happen without a party asks for that party
        (
            "Amherd said a peace process cannot succeed without Russia taking part.",
            {"negotiations": "demand"},
        ),
        # --- what must come first is demanded
        ("Kellogg said the first step was a ceasefire.", {"ceasefire": "demand"}),
        # --- nobody to talk to refuses talks
        ("Peskov said Moscow saw no one to negotiate with in Kyiv.", {"negotiations": "reject"}),
        ("Medvedev said there was nothing to negotiate about.", {"negotiations": "reject"}),
        # --- a command demands what it bids
        (
            'Rubio said: "Stop the killing and sit down with President Zelensky."',
            {"ceasefire": "demand", "negotiations": "demand"},
        ),
        ('Rubio said: "Agree to a ceasefire now."', {"ceasefire": "demand"}),
        # --- what the conditions are for is offered in return
        (
            "Putin named the conditions under which Moscow would cease fire: the withdrawal "
            "of Ukrainian troops from the four regions.",
            {"ceasefire": "offer", "territory": "demand"},
        ),
        # --- asking another party to be ready, or giving it days to agree, demands
        ("Scholz urged Putin to be ready for negotiations.", {"negotiations": "demand"}),
        (
            "Trump gave Russia 50 days to agree to a ceasefire.",
            {"ceasefire": "demand"},
        ),
        ("Putin said he wanted to be ready for negotiations.", {"negotiations": "support"}),
        # --- a truce without guarantees asks for them; one without a withdrawal is refused
        (
            "Sybiha said a ceasefire without firm guarantees would only help Russia rearm.",
            {"truce-terms": "demand", "security-guarantees": "demand"},
        ),
        (
            "Kuleba said a ceasefire without the withdrawal of Russian troops was a gift.",
            {"ceasefire": "reject", "territorial-integrity": "demand"},
        ),
        # --- refusing a pause that leaves the invader in place demands its withdrawal
        (
            "Sunak said a ceasefire that left Russian troops on Ukrainian land would only "
            "reward the invasion.",
            {"ceasefire": "reject", "territorial-integrity": "demand"},
        ),
        # a plan that is its own sentence offers what it would do
        (
            "The U.S. plan, handed to the delegations on Monday, would freeze the fighting where "
            "the armies now stand for 90 days, according to a summary seen by reporters.",
            {"ceasefire": "offer"},
        ),
        # "the moment" opens a condition, as "once" does
        (
            "Putin said on Friday that Russia would cease fire and start negotiations the moment "
            "Ukraine withdraws its forces from four regions.",
            {"ceasefire": "offer", "negotiations": "offer", "territory": "demand"},
        ),
        # a settlement preferred over its foil is insisted on, not merely welcomed
        (
            "Peskov said Russia was interested in a lasting peace rather than a pause.",
            {"final-settlement": "demand"},
        ),
        ("Peskov said Russia was interested in a lasting peace.", {"final-settlement": "support"}),
        # ", provided ...", which the parser hangs on "said": what it asks is demanded and
        # what it is the price of is offered
        (
            "Zelensky said Ukraine would accept a ceasefire on the front line, provided it is "
            "monitored and backed by guarantees.",
            {"ceasefire": "offer", "truce-terms": "demand", "security-guarantees": "demand"},
        ),
        (
            "Zelensky said Ukraine would accept neutrality, provided that it receives security "
            "guarantees.",
            {"nato-non-membership": "offer", "security-guarantees": "demand"},
        ),
    ],
)
def test_the_parse_stance_decides_the_statement(text, expected):
    expected = expected or {"ceasefire": "reject"}
    assert conditions(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the withdrawing side is the subject, not the nearest country named
        (
            "Jake Sullivan said that if Russia took the plan seriously and pulled its forces out, "
            "the war could end.",
            "territorial-integrity",
        ),
        ("Lavrov said Ukrainian troops must leave the Donetsk region.", "territory"),
        # a withdrawal noun names who moves, whoever demands it
        ("Russia demands the withdrawal of Ukrainian troops from Donetsk.", "territory"),
        ("Kyiv demands the withdrawal of Russian troops from Crimea.", "territorial-integrity"),
        # a pronoun that withdraws is the speaker's own side
        ('Kuleba said: "We will never withdraw from Kramatorsk."', "territory"),
        ('Lavrov said: "We will not withdraw from the Donbas."', "territorial-integrity"),
        # "it" is the side named before it, past a subordinate clause that has closed
        (
            "State Department spokesman Mark Hollis said sanctions stay until Moscow honours "
            "its pledges, including the withdrawal of its battalions and tanks from eastern "
            "Ukraine.",
            "territorial-integrity",
        ),
        (
            "Sybiha said Ukraine would halt fire once Russia did so too, but it will not "
            "withdraw its troops from the towns of the Donetsk region.",
            "territory",
        ),
        (
            "Yermak said Kyiv would reject any draft requiring it to withdraw from land it "
            "holds near Kramatorsk.",
            "territory",
        ),
        (
            "Sybiha said in a letter that Kyiv was open to a truce at any hour, but would "
            "never withdraw from the towns that Russia had failed to capture.",
            "territory",
        ),
    ],
)
def test_the_withdrawing_side_decides_the_condition(text, expected):
    assert expected in conditions(text)
    wrong = {"territory": "territorial-integrity", "territorial-integrity": "territory"}
    assert wrong[expected] not in conditions(text)


def test_talks_merely_named_are_no_position():
    text = "Peskov said after the talks in Riyadh that Russia rejected a truce."
    assert "negotiations" not in conditions(text)


@pytest.mark.parametrize(
    "text",
    [
        "Peskov said the status of Crimea was not a subject for talks with anyone.",
        "Peskov said Russia's position on Crimea had not changed.",
        "Putin said Russia would take the region by force if Kyiv did not pull its troops out.",
        "Moscow insists that Kyiv accept the loss of the four regions.",
    ],
)
def test_moscows_word_on_the_land_it_claims_is_a_demand(text):
    assert conditions(text) == {"territory": "demand"}


def test_talks_that_are_to_begin_are_asked_for_not_a_frame():
    found = conditions("Trump wrote that a truce was needed and that negotiations should begin.")
    assert found.get("negotiations") == "demand"
    framed = conditions("Peskov said any talks must take into account the new realities.")
    assert "negotiations" not in framed


def test_armies_and_troops_make_a_sentence_about_the_war():
    found = conditions("Trump called on both armies to stop where they are and start negotiating.")
    assert "negotiations" in found


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a penalty threatened if a truce is refused or missing demands the truce
        (
            "Starmer said there would be heavy consequences if Moscow did not agree to a truce.",
            {"ceasefire": "demand"},
        ),
        (
            "Starmer said penalties would follow if there was still no truce by Friday.",
            {"ceasefire": "demand", "sanctions": "demand"},
        ),
        (
            "Starmer said new sanctions would follow if Moscow rejected the truce.",
            {"sanctions": "demand", "ceasefire": "demand"},
        ),
        # relief promised on a clause is no threat: the clause is its price
        (
            "Rubio offered to ease some sanctions if Moscow agreed to a truce.",
            {"sanctions": "offer", "ceasefire": "demand"},
        ),
    ],
)
def test_a_penalty_threatened_on_a_clause_demands_what_it_punishes_the_lack_of(text, expected):
    assert conditions(text) == expected


@pytest.mark.parametrize(
    ("sentence", "cue", "expected"),
    [
        # a guarantee as a thing asked for offers nothing, even where the parser reads a verb
        (
            "Sybiha said it was unclear what security guarantees its allies would provide.",
            "security guarantees",
            (None, False),
        ),
        (
            "guarantees for the rights of Russian speakers;",
            "rights of Russian speakers",
            (None, False),
        ),
        # the verb still offers
        ("Britain will guarantee Ukraine's security.", "Ukraine's security", (OFFER, False)),
    ],
)
def test_a_guarantee_offers_only_as_a_verb(sentence, cue, expected):
    assert stance(sentence, cue) == expected


@pytest.mark.parametrize(
    ("sentence", "cue", "expected"),
    [
        # "once" read by the parser as an adverb still opens the clause of a prerequisite
        (
            "Sandu said Moldova was ready to hold elections within 60 days once a truce was "
            "in place.",
            "truce",
            (DEMAND, False),
        ),
        (
            "Healey said Britain was ready to lead a force in Ukraine once a truce was in place.",
            "truce",
            (DEMAND, False),
        ),
    ],
)
def test_once_as_an_adverb_opens_a_condition(sentence, cue, expected):
    assert stance(sentence, cue) == expected


@pytest.mark.parametrize(
    ("sentence", "cue"),
    [
        ("Sandu said Moldova could hold a vote within 60 days of a truce.", "truce"),
        ("Sandu said Moldova was ready to hold a vote within 60 days of a truce.", "truce"),
        ("Barrot said the monitors would be there on the first day of a truce.", "truce"),
    ],
)
def test_what_is_promised_counted_from_a_condition_demands_it_first(sentence, cue):
    assert stance(sentence, cue) == (DEMAND, False)


def test_the_holder_of_a_demand_word_is_named():
    parsed = ParsedSentence.of(parse(["Western calls for a truce are a ploy."])[0], 0)
    start = "Western calls for a truce are a ploy.".index("truce")
    assert "western" in stance_on_parse(parsed, start, start + 5).holder
    modal = "Kyiv must agree to a truce."
    parsed = ParsedSentence.of(parse([modal])[0], 0)
    assert stance_on_parse(parsed, modal.index("truce"), modal.index("truce") + 5).holder == set()


def test_a_speakers_own_need_to_talk_is_a_readiness_to_talk():
    text = "Putin said: “Maybe we need to have a phone call with President Trump about the war.”"
    assert conditions(text) == {"negotiations": "support"}
    demanded = conditions("Putin said Kyiv needs to hold talks with Moscow about the war.")
    assert demanded.get("negotiations") == "demand"


def test_a_mediator_ready_to_bring_the_sides_together_offers_talks():
    found = conditions(
        "Erdogan said Ankara was ready to bring Russia and Ukraine together in Istanbul."
    )
    assert found == {"negotiations": "offer"}


def test_talks_as_the_means_to_ones_own_ends_are_a_willingness_to_talk():
    own = conditions(
        "Peskov said Moscow preferred to achieve its goals in Ukraine through diplomacy."
    )
    assert own == {"negotiations": "support"}
    urged = conditions("Guterres urged Russia and Ukraine to settle the war through negotiations.")
    assert urged.get("negotiations") == "demand"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # going without what an inverse cue names, as offered: the condition itself
        (
            "Sybiha said Kyiv was ready to give up its bid to join NATO if partners gave "
            "it guarantees.",
            "offer",
        ),
        ("Sybiha said Kyiv could set aside its NATO ambitions for guarantees.", "offer"),
        # asked of the other side, or refused, it stays as it was
        ("Peskov said Kyiv must give up its NATO ambitions.", "demand"),
        ("Sybiha said Kyiv would not give up its NATO ambitions.", "reject"),
    ],
)
def test_an_offer_to_go_without_the_opposite_offers_the_condition(text, expected):
    assert conditions(text)["nato-non-membership"] == expected


def test_a_word_that_undoes_the_cue_negates_the_content_not_the_stance():
    sentence = "Kyiv is ready to give up its NATO bid."
    parsed = ParsedSentence.of(parse([sentence])[0], 0)
    start = sentence.index("NATO bid")
    found = stance_on_parse(parsed, start, start + len("NATO bid"))
    assert found.negated and found.content_negated
    sentence = "Kyiv will not accept foreign troops."
    parsed = ParsedSentence.of(parse([sentence])[0], 0)
    start = sentence.index("foreign troops")
    assert not stance_on_parse(parsed, start, start + len("foreign troops")).content_negated


@pytest.mark.parametrize(
    ("sentence", "cue", "expected"),
    [
        # a truce described as a respite for an army is refused
        (
            "Lavrov said a short truce would give the Ukrainian army a breathing space.",
            "truce",
            (REJECT, False),
        ),
        (
            "Kallas warned that a truce which froze the front would let Moscow regroup.",
            "truce",
            (REJECT, False),
        ),
        # the respite of another word beside it is not the cue's
        (
            "Peskov said a lasting settlement, not a pause to rearm, was on the agenda.",
            "lasting settlement",
            (None, False),
        ),
    ],
)
def test_a_condition_described_as_a_respite_for_an_army_is_refused(sentence, cue, expected):
    assert stance(sentence, cue) == expected


@pytest.mark.parametrize(
    ("sentence", "cue", "expected"),
    [
        # conditions brought about wish for what they are conditions for
        ("Beijing urged both sides to create the conditions for a truce.", "truce", SUPPORT),
        (
            "Brasilia wants the parties to create the conditions for resuming talks.",
            "talks",
            SUPPORT,
        ),
        # a condition named alone still puts a price on it
        ("Moscow set out its conditions for resuming talks.", "talks", DEMAND),
    ],
)
def test_creating_the_conditions_for_a_thing_wishes_for_it(sentence, cue, expected):
    assert stance(sentence, cue)[0] is expected


def test_what_follows_not_a_but_is_wanted_not_refused():
    # "not A, but B": the "not" refuses A only
    sentence = "Our goal is not a pause of a few weeks, but a treaty that ends the war."
    assert stance(sentence, "ends the war")[1] is False
    # "A, not B": the "not" still refuses B
    assert stance("Kyiv wants a lasting peace, not a pause.", "pause")[1] is True


def test_wanting_to_talk_oneself_is_a_readiness_to_talk():
    own = conditions("Lula said on Monday he wanted to meet Zelensky.")
    assert own.get("negotiations") == "support"
    others = conditions("Lula said on Monday he wanted to see the two leaders sit down.")
    assert others.get("negotiations") == "demand"


@pytest.mark.parametrize(
    ("sentence", "cue"),
    [
        # the copula's "not" is counted once, on the way up, not again by the predicate
        ("A truce in the south is not possible now.", "truce"),
        ("The aim is not a truce in the south.", "truce"),
        # "not A but B": A is refused
        ("The aim is not a truce in the south, but a treaty.", "truce"),
    ],
)
def test_a_copulas_negation_refuses_its_subject_once(sentence, cue):
    assert stance(sentence, cue)[1] is True


@pytest.mark.parametrize(
    ("sentence", "cue", "expected"),
    [
        # another party asked to come to a summit or conference is invited: an offer
        ("Sybiha said that envoys from Minsk should attend the summit.", "summit", OFFER),
        ("Sybiha said Kyiv wants Chinese diplomats to attend the next summit.", "summit", OFFER),
        ("Sybiha said Belarusian envoys should take part in the summit.", "summit", OFFER),
        # going oneself, or asking a party into talks, is still a demand
        ("Sybiha said that we must attend the summit.", "summit", DEMAND),
        ("Sybiha said that Russia must take part in the talks.", "talks", DEMAND),
    ],
)
def test_asking_another_party_to_attend_a_summit_invites_it(sentence, cue, expected):
    assert stance(sentence, cue)[0] is expected


@pytest.mark.parametrize(
    ("sentence", "cue", "expected"),
    [
        # "when" on what will or would happen is a condition: the main clause is offered,
        # what the "when" clause asks is the price
        ("Minsk said the guns would fall silent when Kyiv's army left.", "fall silent", OFFER),
        ("Minsk said the shelling will stop when Kyiv's army leaves.", "shelling will", OFFER),
        # in a narrative of the past it only dates the event
        ("When they met in Minsk, Lavrov said Russia wanted a ceasefire.", "ceasefire", DEMAND),
    ],
)
def test_when_on_what_will_happen_binds_an_offer(sentence, cue, expected):
    assert stance(sentence, cue)[0] is expected


@pytest.mark.parametrize(
    ("sentence", "cue"),
    [
        ("The envoys agreed that both armies should continue the prisoner exchanges.", "prisoner"),
        ("The two presidents agreed that the monitors must expand the ceasefire.", "ceasefire"),
    ],
)
def test_what_the_sides_agree_should_happen_is_accepted(sentence, cue):
    assert stance(sentence, cue) == (SUPPORT, False)


@pytest.mark.parametrize(
    ("sentence", "cue", "expected"),
    [
        # the first step of a sequence stated as a position is asked for before the rest
        ("Our line is simple: a truce on all fronts, then a treaty.", "truce", DEMAND),
        ("Kyiv's position is clear: a full truce, followed by talks.", "truce", DEMAND),
        # a step a verb arranges is not a stated sequence
        ("Trump began arranging a summit, to be followed by a truce.", "summit", None),
    ],
)
def test_the_first_step_of_a_stated_sequence_is_demanded(sentence, cue, expected):
    assert stance(sentence, cue)[0] is expected


def test_a_step_after_then_does_not_share_the_first_steps_demand():
    text = 'Sybiha wrote on Monday: "Our line holds: first a full truce, then talks at any level."'
    assert conditions(text) == {"ceasefire": "demand", "negotiations": "support"}


@pytest.mark.parametrize(
    ("sentence", "cue"),
    [
        # a bare verb opening what follows a colon commands, whatever the parser hangs it on
        ('"Moscow could end it today: stop the shelling and go home," Volker wrote.', "stop"),
        (
            "The way for Russia to escape new tariffs is simple: stop the shelling and sit down.",
            "stop",
        ),
    ],
)
def test_a_bare_verb_after_a_colon_is_a_command(sentence, cue):
    assert stance(sentence, cue)[0] is DEMAND


@pytest.mark.parametrize(
    ("sentence", "cue"),
    [
        # what a condition buys is offered, every item of it
        ("Moscow named a pullback from Kherson as its condition for a truce and talks.", "talks"),
        (
            "Russia named a Ukrainian pullback as one of its preconditions for a ceasefire and "
            "the resumption of negotiations.",
            "negotiations",
        ),
    ],
)
def test_each_item_a_condition_buys_is_offered(sentence, cue):
    assert stance(sentence, cue)[0] is OFFER


@pytest.mark.parametrize(
    "sentence",
    [
        "Moscow does not get a veto over where the peacekeepers are stationed.",
        "The Kremlin will not have a veto over which peacekeepers come.",
    ],
)
def test_a_light_verb_carries_its_negation_to_the_stance_noun(sentence):
    assert stance(sentence, "peacekeepers") == (REJECT, True)


@pytest.mark.parametrize(
    ("sentence", "cue", "expected"),
    [
        # "only grow": how far the pressure goes, not a judgement that it harms
        ("The pressure on Moscow will only grow until it accepts a truce.", "pressure", None),
        ("Sanctions will only increase while the war goes on.", "Sanctions", None),
        # "only help": merely, and so rejected
        ("A ceasefire now would only help Russia rearm.", "ceasefire", REJECT),
    ],
)
def test_only_with_an_intransitive_verb_is_not_merely(sentence, cue, expected):
    assert stance(sentence, cue)[0] is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a matter settled only through one format of talks: that format is insisted on
        (
            "Sergei Lavrov said on Monday that the dispute can only be resolved "
            "through direct talks between the two governments.",
            "demand",
        ),
        (
            "The Kremlin said on Monday that the crisis can be settled only by negotiations "
            "between Kyiv and the regions.",
            "demand",
        ),
        # peace coming only at the table is willingness to talk
        (
            "Marco Rubio said on Monday that the war would only end at the negotiating table.",
            "support",
        ),
    ],
)
def test_settled_only_through_talks_demands_that_format(text, expected):
    assert conditions(text)["negotiations"] == expected


@pytest.mark.parametrize(
    "text",
    [
        "Jake Sullivan said on Monday that Washington will not push Kyiv into negotiations "
        "it does not want.",
        "Antony Blinken said on Monday that the allies are not pressing Ukraine toward talks "
        "with the Kremlin.",
    ],
)
def test_not_pressing_a_party_into_talks_leaves_them_its_say(text):
    assert conditions(text)["negotiations"] == "demand"


@pytest.mark.parametrize(
    ("text", "condition"),
    [
        # what the other side refuses while the speaker holds back is asked of it
        (
            "Dmitry Peskov said on Monday that Moscow sees no point in a pause while Kyiv "
            "refuses to talk about the root causes of the conflict.",
            "root-causes",
        ),
        # what is missing as long as the main clause holds is asked for
        (
            "Sergei Lavrov said on Monday that any peace forum is useless as long as Russia "
            "is not at the table.",
            "negotiations",
        ),
    ],
)
def test_a_refusal_that_blocks_for_now_asks_for_what_is_refused(text, condition):
    assert conditions(text)[condition] == "demand"


@pytest.mark.parametrize(
    ("sentence", "cue", "expected"),
    [
        ("Kyiv has said yes to a full truce in the air.", "truce", SUPPORT),
        ("Moscow now has to say yes to the ceasefire.", "ceasefire", DEMAND),
        ("The Kremlin says no to any pause in the fighting.", "pause", REJECT),
    ],
)
def test_saying_yes_or_no_to_a_condition_is_an_answer_to_it(sentence, cue, expected):
    assert stance(sentence, cue)[0] is expected
