from datetime import date

import pytest

from app.extraction import extract_article
from app.extraction.conditions import condition_labels, tag_conditions
from app.extraction.lexicon import tokenize


def tags(sentence: str, side: str = "Russia") -> dict[str, str]:
    tokens = tokenize(sentence)
    found = tag_conditions(sentence, tokens, 0, len(tokens), side=side)
    return {t.condition: t.stance.value for t in found}


@pytest.mark.parametrize(
    ("sentence", "side", "expected"),
    [
        # negation before the cue rejects it
        ("There should be no ceasefire of any kind.", "Russia", {"ceasefire": "reject"}),
        # a rejection verb rejects
        ("Moscow rejects a ceasefire.", "Russia", {"ceasefire": "reject"}),
        # agreement supports
        (
            "We agree with the idea of halting military actions.",
            "Russia",
            {"ceasefire": "support"},
        ),
        # a conditional clause makes the condition a demand, the promise an offer
        (
            "He promised to order a truce if Kyiv withdraws its forces from Kherson.",
            "Russia",
            {"ceasefire": "offer", "territory": "demand"},
        ),
        # wanting NATO membership rejects non-membership (inverse cue)
        ("Zelensky insisted Ukraine will join NATO.", "Ukraine", {"nato-non-membership": "reject"}),
        # negated inverse cue is the condition itself
        (
            "Russia demands that Kyiv will not join NATO.",
            "Russia",
            {"nato-non-membership": "demand"},
        ),
        # negation after a presence cue: no foreign troops
        (
            "He insisted that European peacekeepers will not be deployed.",
            "Russia",
            {"no-foreign-troops": "demand"},
        ),
        # who withdraws decides between territory and territorial integrity
        (
            "Kyiv demands the full withdrawal of Russian troops.",
            "Ukraine",
            {"territorial-integrity": "demand"},
        ),
        (
            "Moscow demands the withdrawal of Ukrainian forces from Donetsk.",
            "Russia",
            {"territory": "demand"},
        ),
        # a negation inside the stance cue is not counted twice
        ("He has no interest in a ceasefire.", "commentator", {"ceasefire": "reject"}),
        # a sentence with three conditions
        (
            "Russia demands demilitarization, denazification and neutral status for Ukraine.",
            "Russia",
            {
                "demilitarization": "demand",
                "denazification": "demand",
                "nato-non-membership": "demand",
            },
        ),
        # talks named only as a time frame are not a position on talks
        (
            "Putin demands the surrender of Ukrainian territory in advance of any negotiations.",
            "Russia",
            {"territory": "demand"},
        ),
        # a negation before the stance cue turns it round
        ("Kyiv will never accept a ceasefire.", "Ukraine", {"ceasefire": "reject"}),
        ("Moscow is not ready to negotiate.", "Russia", {"negotiations": "reject"}),
        # the question put to a speaker is not their position
        (
            "Asked whether he would accept a ceasefire, he said Ukraine must withdraw its "
            "troops from Kherson.",
            "Russia",
            {"territory": "demand"},
        ),
        # nothing to tag
        ("Russian forces advanced near the city.", "Russia", {}),
        # a third party saying Kyiv will have to cede land favours the cession
        ("Ukraine will have to cede land in the Donbas.", "Slovakia", {"territory": "support"}),
        ("Ukraine will have to cede land in the Donbas.", "Russia", {"territory": "demand"}),
        # an analyst's account of the claimant's terms keeps them a demand
        ("The Kremlin wants the whole of the Donbas.", "commentator", {"territory": "demand"}),
        # land asked for by the side whose land it is: its territorial integrity
        (
            "Ukraine wants the territories back before any peace.",
            "Ukraine",
            {"territorial-integrity": "demand"},
        ),
        ("Moscow wants the territories before any peace.", "Russia", {"territory": "demand"}),
    ],
)
def test_conditions_and_stance(sentence, side, expected):
    assert tags(sentence, side) == expected


def test_regions_attach_to_territorial_conditions_only():
    sentence = "Kyiv must withdraw its troops from Donbass and Zaporozhye and drop its NATO bid."
    tokens = tokenize(sentence)
    found = {
        t.condition: t for t in tag_conditions(sentence, tokens, 0, len(tokens), side="Russia")
    }
    assert found["territory"].regions == ("Donbas", "Zaporizhzhia")
    assert found["nato-non-membership"].regions == ()


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Kyiv welcomed the Chinese peace plan.", {"negotiations"}),
        (
            "The peace formula calls for the withdrawal of all Russian troops from Ukraine.",
            {"territorial-integrity"},
        ),
    ],
)
def test_a_plan_named_beside_its_terms_is_only_their_frame(sentence, expected):
    assert set(tags(sentence, "Ukraine")) == expected


def test_cue_inside_longer_cue_of_other_condition_is_dropped():
    assert tags("Ukraine would rearm during a ceasefire, he warned.") == {"truce-terms": "demand"}


def test_a_truce_without_guarantees_demands_both_terms_and_guarantees():
    found = tags("A ceasefire without firm guarantees would only help Russia rearm.", "Ukraine")
    assert set(found) == {"truce-terms", "security-guarantees"}
    assert found["truce-terms"] == "demand"


def test_a_cue_in_the_words_a_longer_cue_skips_stays():
    found = tags("Ukraine must accept a neutral, non-bloc and non-nuclear status.")
    assert {"nato-non-membership", "demilitarization"} <= set(found)


def test_taxonomy_keeps_contract_ids():
    assert list(condition_labels()) == [
        "ceasefire",
        "truce-terms",
        "final-settlement",
        "territory",
        "territorial-integrity",
        "nato-non-membership",
        "demilitarization",
        "denazification",
        "leadership-change",
        "no-foreign-troops",
        "security-guarantees",
        "sanctions",
        "root-causes",
        "negotiations",
        "land-corridor",
        "minority-rights",
        "accountability",
    ]


@pytest.mark.parametrize(
    ("sentence", "side", "expected"),
    [
        ("The envoy called for a pause in hostilities over Easter.", "Turkey", {"ceasefire"}),
        # a bare "silence" in a sentence about the war is a truce
        ("Kyiv offers two weeks of silence on the whole front.", "Ukraine", {"ceasefire"}),
        ("Moscow would agree to a pause in strikes on power plants.", "Russia", {"ceasefire"}),
        ("Zelensky would have to make concessions on territory.", "United States", {"territory"}),
        ("Kyiv wants a halt to the fighting before winter.", "Ukraine", {"ceasefire"}),
        ("Ukraine will regain all of its territory.", "Ukraine", {"territorial-integrity"}),
        ("Moscow wants Ukraine kept out of NATO.", "Russia", {"nato-non-membership"}),
        ("Russia insists on a reduction of Ukraine's army.", "Russia", {"demilitarization"}),
        ("Europe will offer a credible deterrent.", "European Union", {"security-guarantees"}),
        ("Any pull of Ukraine into NATO would wreck a deal.", "Russia", {"nato-non-membership"}),
        ("Zelensky's term had run out in May.", "Russia", {"leadership-change"}),
        ("A truce would give Kyiv time to rebuild its army.", "Russia", {"truce-terms"}),
        # a pause that gives the other side time to recover, whatever it would do with it
        ("A truce would give Moscow time to prepare a new assault.", "Poland", {"truce-terms"}),
        ("They would use any pause to reload.", "Ukraine", {"truce-terms"}),
        ("We need a final, legally binding settlement.", "Russia", {"final-settlement"}),
        # the settlement words said of the peace, not before it, and an end "for good"
        ("Any agreement must be fair and long-term.", "Russia", {"final-settlement"}),
        ("Peace here has to be just and lasting.", "Germany", {"final-settlement"}),
        ("The leaders want to end this war for good.", "Finland", {"final-settlement"}),
        ("We need legally binding agreements with the West.", "Russia", {"final-settlement"}),
        ("China wants de-escalation around the plant.", "China", {"ceasefire"}),
        ("Moscow said it had halted strikes on power plants.", "Russia", {"ceasefire"}),
        ("The disputes must be settled through negotiations.", "Brazil", {"negotiations"}),
        ("Ankara is ready to bring the two sides together.", "Turkey", {"negotiations"}),
        ("The Holy See will keep helping to bring children home.", "Holy See", {"accountability"}),
        ("Talks with Kyiv must respect new realities.", "Russia", {"territory", "negotiations"}),
        (
            "There will be no pause in the operation until its goals are met.",
            "Russia",
            {"ceasefire"},
        ),
        (
            "Russian troops must return to the lines they held.",
            "Ukraine",
            {"territorial-integrity"},
        ),
        (
            "Berlin will never accept a peace that redraws borders by force.",
            "Germany",
            {"territory"},
        ),
        (
            "Territorial questions could be negotiated with Kyiv later.",
            "United States",
            {"negotiations"},
        ),
        ("The president urged both armies to end the fighting.", "Brazil", {"ceasefire"}),
        ("The minister restated his opposition to any truce.", "Russia", {"ceasefire"}),
        ("Kyiv still hopes to become part of NATO one day.", "Ukraine", {"nato-non-membership"}),
        ("The Kremlin wants a pro-Russian government in Kyiv.", "Russia", {"leadership-change"}),
        ("He wants a long-term peace settlement, not a pause.", "Ukraine", {"final-settlement"}),
        ("Kyiv needs to cede the rest of the region, he said.", "Russia", {"territory"}),
        ("Ukraine is ready for a meeting of leaders with Russia.", "Ukraine", {"negotiations"}),
        ("Moscow has never refused to talk to Kyiv.", "Russia", {"negotiations"}),
        ("Russia will scale down its military activity near Kyiv.", "Russia", {"ceasefire"}),
        ("Troops from NATO countries are unacceptable.", "Russia", {"no-foreign-troops"}),
        ("Ukraine will never give the peninsula up.", "Ukraine", {"territory"}),
        ("Moscow must stop striking the power grid.", "United States", {"ceasefire"}),
        ("The shooting has to stop first.", "United States", {"ceasefire"}),
        ("Ukraine must never join the alliance.", "Russia", {"nato-non-membership"}),
        ("A halt to NATO's expansion is the key.", "Russia", {"nato-non-membership"}),
        ("Kyiv has the right to choose its own alliances.", "NATO", {"nato-non-membership"}),
        ("Medinsky proposed short truces on parts of the front.", "Russia", {"ceasefire"}),
        ("Occupied lands should be given back to Ukraine.", "Turkey", {"territorial-integrity"}),
        ("No settlement is possible without Russia.", "Russia", {"negotiations"}),
        ("The West must stop pouring weapons into Ukraine.", "China", {"demilitarization"}),
        ("Kyiv will free all of its territories.", "Ukraine", {"territorial-integrity"}),
        ("A pause on its own is not peace.", "Ukraine", {"final-settlement"}),
        ("No deal can be struck over Ukraine's head.", "Ukraine", {"negotiations"}),
        ("The Kremlin still wants the whole of the Donbas.", "Russia", {"territory"}),
        ("Moscow wants a neutral Ukraine.", "Russia", {"nato-non-membership"}),
        ("Russia must compensate Ukraine for the damage.", "Ukraine", {"accountability"}),
        (
            "Kyiv will not negotiate with Russia as long as Putin is president.",
            "Ukraine",
            {"leadership-change"},
        ),
        ("Kellogg has floated freezing the front line.", "United States", {"ceasefire"}),
        (
            "Washington will never recognise the results of the referendums.",
            "United States",
            {"territory"},
        ),
        ("There is no one to sign anything with in Kyiv.", "Russia", {"negotiations"}),
        (
            "Kyiv must regain control of its border with Russia.",
            "Ukraine",
            {"territorial-integrity"},
        ),
        (
            "Peace will come when the last Russian soldier has left.",
            "Lithuania",
            {"territorial-integrity"},
        ),
        ("Any plan must reflect the realities that have taken shape.", "Russia", {"territory"}),
        # borders not to be changed by force: the principle of territorial integrity
        ("Borders must not be changed by force.", "European Union", {"territorial-integrity"}),
        (
            "Poland will never recognise a change of borders achieved by force.",
            "Poland",
            {"territorial-integrity"},
        ),
        ("Russia must pay for the destruction it caused.", "Ukraine", {"accountability"}),
        ("Frozen Russian assets should be used to rebuild Ukraine.", "Poland", {"accountability"}),
        ("Ukraine's army must be reduced in size.", "Russia", {"demilitarization"}),
        ("Both armies should stop where they are.", "United States", {"ceasefire", "truce-terms"}),
        ("Putin is ready to meet Zelensky's team to end the war.", "Russia", {"negotiations"}),
        ("Kyiv will not hand over a single town it holds.", "Ukraine", {"territory"}),
        ("Ukrainians will not gift their land to the occupier.", "Ukraine", {"territory"}),
        ("Our children must come home from Russia.", "Ukraine", {"accountability"}),
        (
            "Moscow rejects the International Criminal Court's warrant.",
            "Russia",
            {"accountability"},
        ),
        ("Moscow would study the Ukrainian proposals for the war.", "Russia", {"negotiations"}),
        ("Ukraine's place is in NATO.", "Ukraine", {"nato-non-membership"}),
        ("Kyiv is ready for a complete silence in the sky and at sea.", "Ukraine", {"ceasefire"}),
        (
            "There can be no impunity for the crimes in Ukraine.",
            "European Union",
            {"accountability"},
        ),
        ("Ukraine would not trade the Donbas for a few warm weeks.", "Ukraine", {"territory"}),
        ("Kyiv will have to give ground to end the war.", "United States", {"territory"}),
        (
            "Zelensky said he would like to meet President Xi about the war.",
            "Ukraine",
            {"negotiations"},
        ),
        ("No settlement can be agreed without Europe.", "European Union", {"negotiations"}),
        ("No plan can work unless Kyiv agrees to it.", "European Union", {"negotiations"}),
        # a cue's first word in -s: "pay for ... damage" finds "until Russia pays for"
        ("Sanctions stay until Russia pays for the damage.", "European Union", {"accountability"}),
        ("We will not hand the occupier the land of our people.", "Ukraine", {"territory"}),
        # stopping the fire, or stopping on a line, is a ceasefire
        ("Kyiv would stop firing along the line of contact.", "Ukraine", {"ceasefire"}),
        ("The fire would cease once the troops pull back.", "Russia", {"ceasefire"}),
        ("Russia could stop on the present line in Kherson.", "Russia", {"ceasefire"}),
        ("The hot phase of the war could end this year.", "Ukraine", {"ceasefire"}),
        # the strength of an army capped, or weapons pumped in, is about demilitarization
        (
            "Moscow wants caps on the strength of Ukraine's armed forces.",
            "Russia",
            {"demilitarization"},
        ),
        ("The West keeps pumping Kyiv full of weapons.", "Russia", {"demilitarization"}),
        # paid for the destruction: the past tense of paying for damage
        ("Sanctions stay until Russia has paid for the destruction.", "Poland", {"accountability"}),
        # helping guarantee a deal or a truce, or taking on responsibility for security
        (
            "Britain stands ready to help guarantee any deal.",
            "United Kingdom",
            {"security-guarantees"},
        ),
        (
            "Berlin will take on responsibility for Ukraine's security after the war.",
            "Germany",
            {"security-guarantees"},
        ),
        # strong enough to deter a new attack: what guarantees are for
        (
            "Any peace must leave Kyiv able to deter a new attack.",
            "France",
            {"security-guarantees"},
        ),
        # a presence on the ground, troops contributed, a contingent sent
        (
            "Rome could contribute some troops to a force in Ukraine.",
            "Italy",
            {"no-foreign-troops"},
        ),
        ("Paris wants a presence on the ground in Ukraine.", "France", {"no-foreign-troops"}),
        # penalties and pressure on Russia's economy are sanctions
        ("Penalties on Russia would follow if it refuses.", "United States", {"sanctions"}),
        # swapping territory, or land that stays with Russia
        ("Any deal will involve some swapping of territory.", "United States", {"territory"}),
        ("Crimea will stay with Russia, he wrote.", "United States", {"territory"}),
        # the NATO umbrella and an irreversible path name membership
        (
            "Kyiv wants the rest of Ukraine under the NATO umbrella.",
            "Ukraine",
            {"nato-non-membership"},
        ),
        ("Ukraine is on an irreversible path to NATO.", "NATO", {"nato-non-membership"}),
        # arms to Ukraine in other words: missiles, pumped "into", kept "flowing"
        (
            "Sending cruise missiles to Kyiv would be a grave error.",
            "Russia",
            {"demilitarization"},
        ),
        (
            "As long as they pump weapons into Ukraine there is no peace.",
            "Russia",
            {"demilitarization"},
        ),
        ("Talks are pointless while Western weapons keep flowing.", "Russia", {"demilitarization"}),
        # handing the other side land, with or without "over"
        ("No deal may hand the invader Ukrainian land.", "Poland", {"territory"}),
        ("Handing Kharkiv territory to Moscow is unthinkable.", "Ukraine", {"territory"}),
        # settling things with the other leader in person is about talks
        ("Kyiv wants to resolve the last points with Merz in person.", "Ukraine", {"negotiations"}),
        ("He said he would wait for Putin in Ankara in person.", "Ukraine", {"negotiations"}),
        # readiness to meet in any format or at any level is about talks
        ("Kyiv is ready to meet them in any format.", "Ukraine", {"negotiations"}),
        ("Ankara can host Russia and Ukraine at any level.", "Turkey", {"negotiations"}),
        # the land taken back, as won back
        (
            "Stefanchuk said the seized villages would be won back by diplomacy.",
            "Ukraine",
            {"territorial-integrity"},
        ),
        (
            "Biden said Ukraine could win the whole of its south back.",
            "United States",
            {"territorial-integrity"},
        ),
        # bringing people home, as having them brought home
        (
            "Budanov said the next swap must bring home every soldier held in Kursk.",
            "Ukraine",
            {"accountability"},
        ),
        # a cue's last word in -s: "host ... meeting" finds "host further meetings"
        (
            "Riyadh is ready to host further meetings to end the war.",
            "Saudi Arabia",
            {"negotiations"},
        ),
    ],
)
def test_paraphrase_families_name_their_condition(sentence, side, expected):
    assert set(tags(sentence, side)) >= expected


def test_another_wars_terms_are_not_this_wars():
    assert tags("Both leaders called for an immediate ceasefire in Gaza and Lebanon.") == {}
    found = tags("Both called for a ceasefire in Ukraine, as in Gaza.")
    assert set(found) == {"ceasefire"}


def test_a_question_put_to_the_speaker_is_not_a_position():
    sentence = "Asked if Kyiv would accept a truce, the minister talked about prisoners of war."
    assert set(tags(sentence)) == {"accountability"}


def test_troops_a_third_country_would_send_are_a_guarantee_it_offers():
    found = tags(
        "Britain stands ready to send troops as part of a multinational force once a "
        "ceasefire is in place.",
        "United Kingdom",
    )
    assert found == {"no-foreign-troops": "reject", "security-guarantees": "offer"}


def test_moscow_refusing_foreign_troops_offers_no_guarantee():
    found = tags("Moscow rejects any deployment of foreign troops in Ukraine.", "Russia")
    assert found == {"no-foreign-troops": "demand"}


def test_a_freeze_refused_by_moscow_refuses_the_truce():
    sentence = "We will not accept a freezing of the conflict."
    assert tags(sentence, "Russia").get("ceasefire") == "reject"
    # The same words from Kyiv ask for a final settlement instead.
    assert tags(sentence, "Ukraine").get("final-settlement") == "demand"


def test_a_settlement_that_ends_the_sanctions_is_their_time_frame():
    found = tags("Sanctions will stay in place until there is a just and lasting peace.", "Germany")
    assert set(found) == {"sanctions"}


def test_frozen_assets_are_not_a_frozen_war():
    found = tags("Russian assets frozen in Europe must stay frozen until Moscow pays.", "Ukraine")
    assert "final-settlement" not in found
    assert "final-settlement" in tags("A frozen war is only a war postponed.", "Ukraine")


def test_refusing_to_recognise_annexed_land_rejects_the_claim_to_it():
    found = tags("France will never recognise the annexation of Crimea.", "France")
    assert found == {"territory": "reject"}
    # statements.md's own wording: refusing to recognise the occupation restores borders
    occupation = tags("We will never recognise the occupation.", "Ukraine")
    assert occupation.get("territorial-integrity") == "demand"


def test_a_principle_stated_for_every_country_is_no_term_of_this_war():
    sentence = "The territorial integrity of all countries should be respected in Ukraine."
    assert "territorial-integrity" not in tags(sentence, "China")
    assert "territorial-integrity" in tags("Ukraine's territorial integrity must be respected.")


def test_refusing_talks_with_the_other_sides_present_leader_asks_for_a_new_one():
    found = tags("There can be no negotiations with the current Kiev regime.", "Russia")
    assert found == {"negotiations": "reject", "leadership-change": "demand"}
    # the same words from the side whose government it is ask for nothing of the kind
    assert "leadership-change" not in tags("There can be no talks with the Kiev regime.", "Ukraine")


def parsed_conditions(text: str) -> dict[str, str]:
    """condition -> stance over every statement the engine extracts from text, on the parse."""
    found = extract_article(text, published=date(2025, 6, 19)).statements
    return {c.condition: c.stance.value for s in found for c in s.conditions}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # more pressure promised on a condition is a threat: demanded, not offered
        (
            "Barrot said France would impose new sanctions on Moscow if it kept refusing talks.",
            "demand",
        ),
        ("Rubio said sanctions would only be tightened unless Moscow changed course.", "demand"),
        # relief granted by whoever imposes the sanctions is offered
        ("Rubio said sanctions would be eased in stages as Moscow complied.", "offer"),
        ("Rubio offered to lift some sanctions if Moscow agreed to a truce.", "offer"),
        # relief called a reward keeps them
        ("Sybiha said any easing of sanctions would be a reward for aggression.", "demand"),
        # relief asked for by the side under sanctions is its demand
        ("Lavrov said the sanctions would have to be lifted in stages.", "demand"),
    ],
)
def test_sanctions_relief_is_offered_and_more_pressure_demanded(text, expected):
    assert parsed_conditions(text)["sanctions"] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a demand the speaker ascribes to its opponents is not its own
        ("Lavrov said Western calls for a truce were a ploy to rearm Kyiv.", "reject"),
        ("Lavrov said Kyiv demands a truce only to regroup.", "reject"),
        # its own side's demand, and a modal, stay demands
        ("Lavrov said Russia demands a truce.", "demand"),
        ("Lavrov said Kyiv must agree to a truce.", "demand"),
    ],
)
def test_a_demand_ascribed_to_the_opponent_is_refused(text, expected):
    assert parsed_conditions(text)["ceasefire"] == expected


@pytest.mark.parametrize(
    "text",
    [
        "Shoigu said Moscow wanted guarantees for the Russian language in Ukraine.",
        "Zakharova said any deal must contain guarantees of the rights of Russian speakers.",
    ],
)
def test_guarantees_of_minority_rights_are_not_security_guarantees(text):
    found = parsed_conditions(text)
    assert "minority-rights" in found
    assert "security-guarantees" not in found


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # refused only until the other side pays a named price: offered once it does
        ("Peskov said there would be no truce while Ukrainian units remain in Kharkiv.", "offer"),
        ("Peskov said Moscow will not agree to a ceasefire until Kyiv pulls out.", "offer"),
        # refused until something that is no term of peace: the refusal stands
        (
            "Peskov said there would be no ceasefire until all its goals are achieved.",
            "reject",
        ),
        ("Zelensky said there can be no ceasefire while Russian troops keep attacking.", "reject"),
    ],
)
def test_a_truce_refused_until_a_price_is_paid_is_offered(text, expected):
    assert parsed_conditions(text)["ceasefire"] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # talks held out to the other side for a named price are offered
        ("Zelensky said Russia could join talks tomorrow if it pulled its troops out.", "offer"),
        # a bare willingness, or a price-like term only after "but", stays support
        ("Zelensky said he could meet Putin if needed.", "support"),
        (
            "Zelensky said Kyiv was ready to meet if it saw a result, but would not cede land.",
            "support",
        ),
    ],
)
def test_talks_held_out_for_a_named_price_are_offered(text, expected):
    assert parsed_conditions(text)["negotiations"] == expected


@pytest.mark.parametrize(
    "text",
    [
        # a copula whose subject names the aim demands its complement
        "Scholz said the aim remained a ceasefire along the front.",
        "Scholz said what the leaders demanded in Paris was a full ceasefire.",
        # "remain" is a copula like "be"
        "Scholz said a full ceasefire of 30 days remains our demand.",
    ],
)
def test_what_a_speaker_names_as_the_aim_is_demanded(text):
    assert parsed_conditions(text)["ceasefire"] == "demand"


@pytest.mark.parametrize(
    "text",
    [
        # what there can be no peace without is the term; the peace only frames it
        "There will be no lasting peace in the south without a tribunal, Kallas said on Monday.",
        "There can be no lasting peace unless the root causes are removed, Zakharova said.",
        "Otherwise it is not peace, it is an interval before the next war, Zelensky said.",
    ],
)
def test_a_peace_denied_without_a_term_is_only_its_frame(text):
    assert "final-settlement" not in parsed_conditions(text)


@pytest.mark.parametrize(
    "text",
    [
        # freezing the front offered or floated is the truce itself, not a settlement refused
        "Putin told Trump on Monday that Russia would freeze the front in Kherson if Kyiv left.",
        "Kellogg has floated freezing the front line and pressing both sides into talks.",
    ],
)
def test_a_freeze_offered_is_a_truce_not_a_settlement_refused(text):
    found = parsed_conditions(text)
    assert found["ceasefire"] in ("offer", "support")
    assert "final-settlement" not in found


def test_a_truce_along_the_current_front_line_claims_no_land():
    # the line names where the fighting stops, not a territorial demand
    found = parsed_conditions(
        "Fidan said on Monday that Turkey backed a halt to fighting along the current front line."
    )
    assert "territory" not in found
    assert found["ceasefire"] == "support"


@pytest.mark.parametrize(
    "text",
    [
        # land named only as what talks will take up is no territorial position
        "Kellogg said on Monday that territorial questions could be negotiated afterwards.",
        "Zelensky said on Monday that questions of territory could only be decided by the leaders.",
        "Kallas said on Monday that a ceasefire must come before any talks about territory.",
    ],
)
def test_land_named_as_the_matter_of_talks_is_no_territorial_term(text):
    found = parsed_conditions(text)
    assert "territory" not in found
    assert "territorial-integrity" not in found


def test_refusing_to_discuss_land_stays_a_position_on_it():
    text = "Yermak said on Monday that Kyiv would not discuss any territorial questions now."
    assert parsed_conditions(text)["territory"] == "reject"


def test_a_pause_set_against_a_lasting_peace_is_no_ceasefire_position():
    # the settlement is what is asked; the pause is only what it is not
    text = "Yermak wrote on Monday that Kyiv wanted a just and lasting peace, not a pause."
    assert parsed_conditions(text) == {"final-settlement": "demand"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # what a truce needs to hold is the position; the truce only frames it
        (
            "Erdogan said on Monday that a ceasefire would hold only if guarantees backed it.",
            {"security-guarantees": "demand"},
        ),
        (
            "Zelensky said on Monday that any ceasefire would need a clear monitoring mechanism.",
            {"truce-terms": "demand"},
        ),
    ],
)
def test_a_truce_named_by_what_it_needs_to_hold_frames_those_terms(text, expected):
    assert parsed_conditions(text) == expected


def test_a_truce_said_to_be_needed_is_still_asked_for():
    text = "Parolin said on Monday that a ceasefire was needed as soon as possible."
    assert parsed_conditions(text) == {"ceasefire": "demand"}


@pytest.mark.parametrize(
    "text",
    [
        # the line named as where talks start is the talks' format, not a truce term
        "Kallas said on Monday that the current line of contact should be the starting point "
        "for any negotiations.",
        "Kallas said on Monday that talks on land should start from the current line of contact.",
    ],
)
def test_a_line_named_as_where_talks_start_is_no_truce_term(text):
    assert "truce-terms" not in parsed_conditions(text)


def test_a_demilitarised_zone_is_no_limit_on_the_army():
    # the adjective describes a strip of ground, not limits on Ukraine's forces
    text = "Rubio said on Monday that Washington had floated a demilitarised economic zone."
    assert "demilitarization" not in parsed_conditions(text)
    demanded = "Lavrov said on Monday that Russia demanded the demilitarization of Ukraine."
    assert parsed_conditions(demanded) == {"demilitarization": "demand"}


def test_guarantees_named_bare_by_a_would_be_guarantor_are_its_offer():
    def stances(text: str) -> dict[str, str]:
        found = extract_article(text, published=date(2025, 3, 14)).statements
        return {c.condition: c.stance.value for s in found for c in s.conditions}

    guarantor = "Starmer said on Monday that Britain was working with partners on the guarantees."
    assert stances(guarantor) == {"security-guarantees": "offer"}
    receiver = "Sybiha said on Monday that Kyiv was working with partners on the guarantees."
    assert stances(receiver) == {"security-guarantees": "demand"}


@pytest.mark.parametrize(
    ("sentence", "side"),
    [
        # Kyiv never refuses its own borders
        ("Kyiv will never recognise the occupied territories as Russian.", "Ukraine"),
        # Moscow never asks for its own withdrawal: the demand it names is the other side's
        (
            "The so-called victory plan, with its demands for the withdrawal of Russian "
            "troops, is a fantasy.",
            "Russia",
        ),
    ],
)
def test_each_side_means_ukraines_borders_its_own_way(sentence, side):
    expected = "demand" if side == "Ukraine" else "reject"
    assert tags(sentence, side)["territorial-integrity"] == expected


def test_what_the_other_side_would_give_up_is_demanded_not_offered():
    text = (
        "Lavrov said on Monday that if the West wanted peace, it would stop arming Kyiv "
        "with long-range missiles."
    )
    found = extract_article(text, published=date(2025, 3, 14)).statements
    assert {c.condition: c.stance.value for s in found for c in s.conditions} == {
        "demilitarization": "demand"
    }


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a supporter handing over arms: its own help, not limits on Ukraine's arms
        ("Macron announced a new package of military aid for Kyiv on Tuesday.", None),
        ("The chancellor said on Tuesday that Berlin would keep arming Ukraine.", None),
        ("Lin said on Tuesday that Beijing never provided lethal weapons to either side.", None),
        # stopping the supply, or a text providing for limits, is still the condition
        ("Lavrov demanded on Tuesday that the West stop sending military aid to Kyiv.", "demand"),
        ("Lavrov said on Tuesday the draft provides for limits on Ukraine's army.", "demand"),
    ],
)
def test_arms_a_supporter_hands_over_are_no_limit_on_them(text, expected):
    found = extract_article(text, published=date(2025, 3, 14)).statements
    named = [c for s in found for c in s.conditions if c.condition == "demilitarization"]
    assert {c.stance.value for c in named} == ({expected} if expected else set())


@pytest.mark.parametrize(
    ("text", "condition", "expected"),
    [
        # a condition someone does not mention: a silence, not a position on it
        ("Lavrov said on Tuesday that the draft does not mention sanctions.", "sanctions", None),
        (
            "Minsk's paper of May calls for a truce without saying a word about a withdrawal "
            "of Russian troops.",
            "territorial-integrity",
            None,
        ),
        (
            "The note made no mention of Ukraine's bid to join NATO, Lavrov said.",
            "nato-non-membership",
            None,
        ),
        # mentioning it is still a position on it
        (
            "Lavrov said on Tuesday that the text must mention the lifting of sanctions.",
            "sanctions",
            "demand",
        ),
        (
            "The note mentions Ukraine's bid to join NATO, Lavrov said.",
            "nato-non-membership",
            "demand",
        ),
    ],
)
def test_a_condition_left_unmentioned_is_no_position_on_it(text, condition, expected):
    found = extract_article(text, published=date(2025, 3, 14)).statements
    named = [c for s in found for c in s.conditions if c.condition == condition]
    assert {c.stance.value for c in named} == ({expected} if expected else set())


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a side outside the war that denies the membership by a negation accepts its absence
        (
            "Defence Secretary Lloyd Austin said on Monday that NATO membership for Ukraine "
            "was not a realistic outcome of the talks.",
            "support",
        ),
        # a word of refusal, or Moscow's denial, still demands it
        (
            "Defence Secretary Lloyd Austin said on Monday that the draft ruled out NATO "
            "membership for Ukraine.",
            "demand",
        ),
        (
            "Foreign Minister Sergei Lavrov said on Monday that NATO membership for Ukraine "
            "was not acceptable.",
            "demand",
        ),
    ],
)
def test_an_outsider_denying_nato_membership_accepts_neutrality(text, expected):
    found = extract_article(text, published=date(2025, 3, 14)).statements
    assert {c.condition: c.stance.value for s in found for c in s.conditions} == {
        "nato-non-membership": expected
    }


@pytest.mark.parametrize(
    "sentence",
    [
        "Membership is a matter for the allies and for Kyiv, and for nobody else.",
        "The allies said that membership would be the best shield for Kyiv.",
        "Moldova asked for membership of NATO last spring.",
    ],
)
def test_a_bare_membership_beside_nato_or_the_alliance_is_nato_membership(sentence):
    assert tags(sentence, "Poland") == {"nato-non-membership": "reject"}


def test_a_bare_membership_with_no_alliance_named_is_no_term():
    assert tags("Membership of the trade bloc was discussed in Kyiv.", "Poland") == {}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # an account of how the talks went names them, with no position on them
        ("Ukraine's envoy told reporters on Friday that the talks had been constructive.", []),
        ("A Kremlin aide said on Friday that the contacts with Washington were on hold.", []),
        # a modal judges the talks: a position
        (
            "A Kremlin aide said on Friday that a second round of talks would be pointless.",
            [("negotiations", "reject")],
        ),
    ],
)
def test_an_account_of_how_talks_went_is_no_position_on_them(text, expected):
    found = extract_article(text, published=date(2025, 3, 14)).statements
    assert [(c.condition, c.stance.value) for s in found for c in s.conditions] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a country refusing to apply or join sanctions states its own trade policy
        (
            "Foreign Minister Mauro Vieira said on Friday that his country has never applied "
            "unilateral sanctions against Russia.",
            [],
        ),
        (
            "Presidential spokesman Ibrahim Kalin said on Friday that Turkey will not join the "
            "measures the West has taken against Russia, nor any new sanctions.",
            [],
        ),
        # refusing to lift them keeps them: a term of the settlement
        (
            "The British foreign secretary said on Friday that London would not lift sanctions "
            "until Russia withdraws its troops.",
            [("sanctions", "demand"), ("territorial-integrity", "demand")],
        ),
    ],
)
def test_refusing_to_apply_sanctions_is_a_countrys_own_policy_not_a_term(text, expected):
    found = extract_article(text, published=date(2025, 3, 14)).statements
    assert [(c.condition, c.stance.value) for s in found for c in s.conditions] == expected


@pytest.mark.parametrize(
    "opening",
    ["Commenting on the new American sanctions on Russian oil", "Reacting to the new sanctions"],
)
def test_the_topic_a_speaker_comments_on_is_not_their_condition(opening):
    text = f"{opening}, Dmitry Peskov said on Friday that Moscow was ready for talks."
    found = extract_article(text, published=date(2025, 3, 14)).statements
    assert [(c.condition, c.stance.value) for s in found for c in s.conditions] == [
        ("negotiations", "support")
    ]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # checking a claim or a list is no truce term
        ("Kyiv says it has verified the identities of thousands of deported children.", False),
        ("Moscow claimed two villages, a claim that reporters could not verify.", False),
        # a mobilisation reported as an event of the war is no truce term
        ("Russia announced a partial mobilisation of reservists on Wednesday.", False),
        # checking that a truce holds, or no mobilisation during it, is
        ("Moscow wants to know who would verify that the ceasefire is observed.", True),
        ("Moscow insists on a halt to mobilisation during any ceasefire.", True),
    ],
)
def test_verifying_or_mobilising_is_a_truce_term_only_beside_the_truce(sentence, expected):
    assert ("truce-terms" in tags(sentence)) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # readiness for, or a proposal of, a meeting is a position on talks
        ("Peskov said on Monday that Moscow was ready for a meeting in Istanbul.", "support"),
        ("Sybiha said on Monday that Kyiv had proposed a new round in Geneva.", "offer"),
        ("Putin said on Monday that he never ruled out meeting his Ukrainian rival.", "support"),
    ],
)
def test_a_meeting_welcomed_or_proposed_is_a_position_on_talks(text, expected):
    assert parsed_conditions(text) == {"negotiations": expected}


@pytest.mark.parametrize(
    "text",
    [
        # a meeting named as an occasion, or one event judged, is no position on talks
        "At the meeting on Monday, Lavrov said that Russia was winning the war.",
        "Zakharova said on Monday that the meeting in Malta was a farce staged by Kyiv.",
        "Peskov said on Monday that the meeting of the Russian delegates ended late.",
    ],
)
def test_a_meeting_named_or_judged_is_no_position_on_talks(text):
    assert "negotiations" not in parsed_conditions(text)


@pytest.mark.parametrize(
    "text",
    [
        # the question of the claimed land held closed, or beyond bargaining: kept, demanded
        "Peskov said on Monday that the question of Crimea was closed once and for all.",
        "Lavrov said on Monday that the issue of Crimea was not up for discussion.",
        "Zakharova said the status of the four regions was not a subject for bargaining.",
    ],
)
def test_the_question_of_claimed_land_held_closed_is_a_territorial_demand(text):
    assert parsed_conditions(text) == {"territory": "demand"}


@pytest.mark.parametrize(
    "sentence",
    [
        "The central bank reserves held in Brussels must stay immobilised until Moscow pays.",
        "Berlin wants the Russian state assets kept frozen for as long as the war goes on.",
        "The leaders demanded the immobilisation of the bank's assets until the war ends.",
    ],
)
def test_russian_assets_kept_frozen_are_sanctions(sentence):
    assert tags(sentence, "European Union").get("sanctions") == "demand"


@pytest.mark.parametrize(
    ("sentence", "side"),
    [
        ("Kyiv insists on the release of the civilians detained in the occupied towns.", "Ukraine"),
        ("The envoys demanded that Moscow free all the hostages before the vote.", "Poland"),
        ("We will not rest until every one of our people held by Russia comes back.", "Ukraine"),
        ("The president wants the detainees on both sides swapped before winter.", "Ukraine"),
    ],
)
def test_detained_civilians_and_hostages_are_accountability(sentence, side):
    assert tags(sentence, side).get("accountability") == "demand"


@pytest.mark.parametrize(
    "sentence",
    [
        "Kyiv wants the disengagement of units near the two contested villages.",
        "The plan asks both sides to pull their armour back by ten kilometres.",
        "Kyiv demands that Russian units also retreat the same distance from the line.",
        "Paris called for the withdrawal of tanks from the contact line in Luhansk.",
    ],
)
def test_pulling_forces_apart_along_the_line_is_a_truce_term(sentence):
    assert tags(sentence, "Ukraine").get("truce-terms") == "demand"


@pytest.mark.parametrize(
    "sentence",
    [
        "Kyiv wants an armed OSCE mission along the whole border before any vote.",
        "The minister insisted that a UN mission must cover the separatist areas too.",
        "Kyiv demands an observer mission drawn from neutral states to watch the line.",
    ],
)
def test_a_mission_sent_to_watch_the_line_is_a_truce_term(sentence):
    assert tags(sentence, "Ukraine").get("truce-terms") == "demand"


@pytest.mark.parametrize(
    "text",
    [
        "Peskov said on Monday that Moscow saw no basis for talks while Ukrainian units held "
        "ground in the Kursk region.",
        "Podolyak said on Monday that Kyiv would not negotiate until the last Russian soldier "
        "had left Kherson.",
    ],
)
def test_talks_refused_for_as_long_as_something_holds_are_refused(text):
    assert parsed_conditions(text).get("negotiations") == "reject"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a mediator's venue or good offices offer talks
        (
            "Erdogan said on Monday that Ankara stood ready to host a further round of talks.",
            "offer",
        ),
        # another party taking part is no mediation: hoping for it backs the talks
        (
            "Kyiv said on Monday that it hoped Brazil would take part in the next peace summit.",
            "support",
        ),
        (
            "Peskov said on Monday that the Ukrainians would take part in those negotiations.",
            "support",
        ),
    ],
)
def test_only_a_venue_or_good_offices_make_talks_an_offer(text, expected):
    assert parsed_conditions(text).get("negotiations") == expected


def test_hostages_are_not_hosting():
    text = "The EU said on Monday that Moscow had a week to free the hostages and begin talks."
    assert parsed_conditions(text).get("negotiations") not in (None, "offer")


@pytest.mark.parametrize(
    "text",
    [
        "Lavrov thanked the Emir of Qatar on Monday for his willingness to give the sides a "
        "platform, and said Moscow was ready to go on talking with Kyiv.",
        "Lavrov said on Monday that Moscow had no objection to a Saudi role in any future talks.",
    ],
)
def test_another_partys_help_acknowledged_is_not_the_speakers_offer(text):
    assert parsed_conditions(text).get("negotiations") == "support"


@pytest.mark.parametrize(
    "sentence",
    [
        "The Kremlin insists that no European soldier may set foot in the country.",
        "Moscow warned that soldiers from NATO states would never be tolerated there.",
        "Russia rejects any Western contingent on Ukrainian soil.",
    ],
)
def test_soldiers_and_contingents_of_the_west_are_foreign_troops(sentence):
    assert tags(sentence, "Russia").get("no-foreign-troops") == "demand"


@pytest.mark.parametrize(
    "sentence",
    [
        "Kyiv says Russia must pay for this war, down to the last ruined school.",
        "The minister wants the funds kept in Europe until Moscow has paid.",
        "Any deal has to start with Russia paying for what its army wrecked.",
    ],
)
def test_russia_paying_is_accountability(sentence):
    assert tags(sentence, "Ukraine").get("accountability") == "demand"


@pytest.mark.parametrize(
    "sentence",
    [
        "Kyiv insists that its border guards return to the whole frontier before any vote.",
        "The minister said Ukraine must control its border with Russia before local polls.",
        "First the border, and only after that the local elections in Ukraine.",
    ],
)
def test_ukraines_own_border_back_in_its_hands_is_territorial_integrity(sentence):
    assert tags(sentence, "Ukraine").get("territorial-integrity") == "demand"


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Beijing calls for no escalation of the fighting in Ukraine.", "demand"),
        ("The envoy urged Moscow not to escalate the war any further.", "demand"),
        ("Kyiv wants both sides to reduce attacks on power stations.", "demand"),
    ],
)
def test_keeping_the_fighting_from_growing_is_a_ceasefire_position(sentence, expected):
    assert tags(sentence, "China").get("ceasefire") == expected


@pytest.mark.parametrize(
    "sentence",
    [
        "The allies said decisions on NATO's enlargement rest with its members alone.",
        "The senator said Ukraine's alliances are for Kyiv and NATO to settle.",
    ],
)
def test_enlargement_left_to_the_allies_rejects_non_membership(sentence):
    assert tags(sentence, "NATO").get("nato-non-membership") == "reject"


@pytest.mark.parametrize(
    "sentence",
    [
        "Brussels insists it will keep up the pressure until the Kremlin accepts a truce.",
        "Paris wants more pressure on Moscow, through its banks and its oil trade.",
        "The leaders will continue to impose economic costs on the aggressor.",
    ],
)
def test_pressure_kept_on_russia_is_sanctions(sentence):
    assert tags(sentence, "European Union").get("sanctions") == "demand"


@pytest.mark.parametrize(
    "text",
    [
        # offering to host the parties themselves is offering talks
        "Orban said on Monday that Budapest stood ready to host the two presidents.",
        "Erdogan said on Monday that Turkey would gladly host both sides in Istanbul.",
        "Qatar said on Monday that Doha remained ready to host the two delegations.",
    ],
)
def test_hosting_the_parties_is_an_offer_of_talks(text):
    assert parsed_conditions(text) == {"negotiations": "offer"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a mediator's document requiring a cession sets it as a term: a demand
        (
            "The American framework would require Ukraine to withdraw its forces from the "
            "Donetsk region, officials said on Monday.",
            "demand",
        ),
        # a third party saying Kyiv will have to cede land favours the cession
        (
            "Viktor Orban said on Monday that Ukraine would have to give up the Donetsk "
            "region in the end.",
            "support",
        ),
    ],
)
def test_a_document_requiring_a_cession_demands_it(text, expected):
    found = extract_article(text, published=date(2025, 11, 24)).statements
    stances = {c.stance.value for s in found for c in s.conditions if c.condition == "territory"}
    assert stances == {expected}


@pytest.mark.parametrize(
    ("sentence", "side", "expected"),
    [
        ("Kyiv is not ready to hand over Kramatorsk to anyone.", "Ukraine", "reject"),
        ("We will not trade Sloviansk for a signature on paper.", "Ukraine", "reject"),
        ("Moscow insists that Kyiv withdraw from Kramatorsk before any truce.", "Russia", "demand"),
    ],
)
def test_the_donetsk_cities_kyiv_still_holds_name_the_land_moscow_claims(sentence, side, expected):
    # the cities of the region Ukraine still holds stand for the region itself
    assert tags(sentence, side).get("territory") == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a figure for the army a deal lets Ukraine keep: the deal's side concedes it
        (
            "Rubio said on Tuesday that the new text would let Kyiv keep an army of up to "
            "500,000 men.",
            "offer",
        ),
        (
            "Rubio said on Tuesday that the compromise allows Ukraine 500,000 troops in peacetime.",
            "offer",
        ),
        # a ceiling asked for is still a demand
        ("Lavrov said on Tuesday that Moscow wants a cap on the size of Ukraine's army.", "demand"),
    ],
)
def test_an_army_a_deal_lets_ukraine_keep_is_offered(text, expected):
    assert parsed_conditions(text)["demilitarization"] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # questioning a leader's legitimacy asks for a new one
        ("Putin said on Monday that Moscow may question the legitimacy of Zelensky.", "demand"),
        # affirming it refuses to replace him
        (
            "Kallas said on Monday that Zelensky is the legitimate president of his country.",
            "reject",
        ),
        # signing only with "legitimate" authorities, whatever words stand between
        (
            "Putin said on Monday that Moscow would sign only with legitimate Ukrainian "
            "authorities.",
            "demand",
        ),
        # a legitimacy "open to question" is questioned; "not a legitimate" partner is denied
        ("Peskov said on Monday that the legitimacy of Zelensky is open to question.", "demand"),
        ("Putin said on Monday that Zelensky was not a legitimate partner for talks.", "demand"),
    ],
)
def test_a_leaders_legitimacy_is_the_opposite_of_replacing_him(text, expected):
    assert parsed_conditions(text)["leadership-change"] == expected


@pytest.mark.parametrize(
    ("sentence", "side", "expected"),
    [
        # one border as well as all borders
        (
            "No European border can be redrawn by force.",
            "Germany",
            {"territorial-integrity": "demand"},
        ),
        # the alliance's forward base is the opposite of neutrality
        (
            "Russia will never allow Ukraine to become a NATO foothold.",
            "Russia",
            {"nato-non-membership": "demand"},
        ),
        # doubting the leader's authority to sign a deal questions his legitimacy
        (
            "Who has the legal authority to sign on the Ukrainian side must be settled first.",
            "Russia",
            {"leadership-change": "demand"},
        ),
        # heavy weapons pulled back hold a truce; no troops leave land
        (
            "The withdrawal of heavy weapons from the line of contact must be complete.",
            "France",
            {"truce-terms": "demand"},
        ),
        # paying for peace with land is ceding it
        ("Ukraine will not pay for peace with its land.", "Ukraine", {"territory": "reject"}),
        # land "not for trade" is kept, as land "not for sale" is
        ("Ukraine's land is not for trade.", "Ukraine", {"territory": "reject"}),
        # limits on the army named by its size
        (
            "Kyiv rules out any limits on the size of its forces.",
            "Ukraine",
            {"demilitarization": "reject"},
        ),
    ],
)
def test_paraphrases_of_borders_bases_and_army_limits(sentence, side, expected):
    assert tags(sentence, side) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Both sides should sign the freeze before Christmas.", {"ceasefire": "demand"}),
        # the verb is no truce by itself
        ("The bank will freeze the accounts of the company.", {}),
    ],
)
def test_a_bare_freeze_is_a_truce_in_a_story_about_the_war(sentence, expected):
    tokens = tokenize(sentence)
    found = tag_conditions(
        sentence, tokens, 0, len(tokens), side="United States", story_about_war=True
    )
    assert {t.condition: t.stance.value for t in found} == expected


def test_troops_of_nato_countries_are_foreign_troops_as_troops_from_them_are():
    text = "Lavrov said on Monday that troops of NATO countries in Ukraine would be unacceptable."
    found = extract_article(text, published=date(2025, 5, 12)).statements
    assert [{t.condition: t.stance.value for t in s.conditions} for s in found] == [
        {"no-foreign-troops": "demand"}
    ]
