"""Attribution passes over the dependency parse: each pass on short sentences of its own.

Most tables go through `extract_article`, so that each pass is seen end to end (speaker,
kind, date); the direct tests of `find_cues`, `document_issuer` and `clause_verb` show
what a pass finds before the pipeline assembles statements from it.
"""

from datetime import date

import pytest

from app.extraction import extract_article
from app.extraction.lexicon import tokenize
from app.extraction.parser import parse
from app.extraction.parsing import Context, ParsedSentence, clause_verb
from app.extraction.records import SpeakerEntry
from app.extraction.sources import document_issuer
from app.extraction.speakers import Mention, find_mentions
from app.extraction.structure import Cue, find_cues

PUBLISHED = date(2025, 6, 19)  # a Thursday

PUTIN = SpeakerEntry("vladimir-putin", "Vladimir Putin", "Russia", "person")
TRUMP = SpeakerEntry("donald-trump", "Donald Trump", "United States", "person")
RUSSIA = SpeakerEntry("russia", "Russia", "Russia", "government")
HUNGARY = SpeakerEntry("hungary", "Hungary", "Hungary", "government")


def statements(text: str) -> list[tuple[str, str]]:
    """(speaker, kind) of every statement the engine extracts from text."""
    found = extract_article(text, published=PUBLISHED).statements
    return sorted((s.speaker.name, s.kind.value) for s in found)


def speakers(text: str) -> set[str]:
    return {s.speaker.name for s in extract_article(text, published=PUBLISHED).statements}


def parsed(sentence: str) -> tuple[ParsedSentence, list[Mention]]:
    """A sentence's parse and its named speakers, as the pipeline hands them to the passes."""
    tokens = tokenize(sentence)
    mentions = find_mentions(tokens, 0, len(tokens), on=None, introduced={})
    return ParsedSentence.of(parse([sentence])[0], 0), [m for m in mentions if m.speaker]


def cues(sentence: str, context: Context | None = None) -> list[Cue]:
    parse_, mentions = parsed(sentence)
    return find_cues(parse_, mentions, context)


def sources(sentence: str, context: Context | None = None) -> list[tuple[str, str]]:
    """(speaker, cue word) of every cue find_cues keeps."""
    return [(c.speaker.name, c.verb.text) for c in cues(sentence, context)]


def mention_of(entry: SpeakerEntry) -> Mention:
    """A mention made earlier in the article (offsets outside the sentence)."""
    return Mention(-1, -1, 0, len(entry.name), entry, "name")


# --- Pass 1: the subject of the speech or position verb ----------------------------------


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # the plain subject
        ("Lavrov said Kyiv must give up its NATO bid.", [("Sergei Lavrov", "said")]),
        # through a relative clause on the subject: the clause's verb is no cue
        (
            "Lavrov, who headed the delegation in Istanbul, said Kyiv must give up its NATO bid.",
            [("Sergei Lavrov", "said")],
        ),
        # through an apposition
        (
            "Sergei Lavrov, Moscow's top diplomat, told reporters Kyiv must give up its NATO bid.",
            [("Sergei Lavrov", "told")],
        ),
        # the clause first, the speaker after
        ("Kyiv must give up its NATO bid, Lavrov said.", [("Sergei Lavrov", "said")]),
        # inversion
        ("Kyiv must give up its NATO bid, said Lavrov.", [("Sergei Lavrov", "said")]),
        # phrasal speech and position verbs, with the word they need
        ("Lavrov made clear that Kyiv must give up its NATO bid.", [("Sergei Lavrov", "made")]),
        ("Lavrov made it clear that Kyiv must give up its NATO bid.", [("Sergei Lavrov", "made")]),
        ("Washington is pushing both sides toward a ceasefire.", [("United States", "pushing")]),
        # ... and not without it
        ("Lavrov made a case against the NATO bid.", []),
        ("Moscow has made Ukraine's neutrality a condition of any deal.", [("Russia", "made")]),
        # more verbs of saying
        ("Putin assured Orban that Russia was ready for talks.", [("Vladimir Putin", "assured")]),
        ("Lavrov retorted that Kyiv must give up its NATO bid.", [("Sergei Lavrov", "retorted")]),
        # two coordinated subjects both speak
        (
            "Putin and Lukashenko said Ukraine must stay neutral.",
            [("Vladimir Putin", "said"), ("Alexander Lukashenko", "said")],
        ),
        # a position verb's subject holds the position
        ("Moscow rejects any truce along the current line.", [("Russia", "rejects")]),
        # a readiness adjective's subject holds it
        ("Zelensky is ready for talks with Putin.", [("Volodymyr Zelensky", "ready")]),
        # a clause without a speaker's name has no source
        ("The talks must end the war.", []),
        # "call" without "for" or "on" is a phone call, not a cue
        ("Putin will call Trump about a ceasefire.", []),
    ],
)
def test_the_subject_of_a_speech_verb_speaks(sentence, expected):
    assert sources(sentence) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Lavrov said Kyiv must give up its NATO bid.", [("Sergei Lavrov", "reported")]),
        (
            "Lavrov, who headed the delegation in Istanbul, said Kyiv must give up its NATO bid.",
            [("Sergei Lavrov", "reported")],
        ),
        (
            "Sergei Lavrov, Moscow's top diplomat, told reporters Kyiv must give up its NATO bid.",
            [("Sergei Lavrov", "reported")],
        ),
        ("Kyiv must give up its NATO bid, said Lavrov.", [("Sergei Lavrov", "reported")]),
        # a quotation before an inverted speaker is the speaker's own words
        (
            "“Kyiv must give up its bid to join NATO,” said Lavrov.",
            [("Sergei Lavrov", "quote")],
        ),
        # a position verb without "that" is someone's account of the position
        ("Moscow rejects any truce along the current line.", [("Russia", "characterization")]),
        # coordinated subjects of one verb share its words
        (
            "Putin and Lukashenko said Ukraine must stay neutral.",
            [("Alexander Lukashenko", "reported"), ("Vladimir Putin", "reported")],
        ),
    ],
)
def test_the_subject_of_a_speech_verb_speaks_end_to_end(text, expected):
    assert statements(text) == expected


# --- Pass 1: the passive agent, not a participle naming -----------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the agent of a passive position verb
        ("The truce proposal was dismissed by Moscow.", {"Russia"}),
        ("The offer of a partial ceasefire was rejected by Kyiv on Monday.", {"Ukraine"}),
        # a participle naming a thing is no speech act: Russia claims nothing here
        ("Zelensky vowed to free the land claimed by Russia in Donetsk.", {"Volodymyr Zelensky"}),
        ("Kyiv wants to recover the territories claimed by Russia.", {"Ukraine"}),
        # a passive without an agent has no speaker
        ("A ceasefire was rejected in March.", set()),
        # "quoted as saying": the passive subject speaks
        ("Peskov was quoted as saying that Russia rejects a ceasefire.", {"Dmitry Peskov"}),
        # ... and in the active: the one quoted speaks, not the outlet quoting him
        (
            "Russian state media quoted Lavrov as saying that Moscow would not agree to a truce.",
            {"Sergei Lavrov"},
        ),
        # a claim about a party, or a scenario in which it acts, is not its position
        ("Her claim that Kyiv turns down every offer of talks was only half right.", set()),
        (
            "A deal on those terms would mean Ukraine accepting neutrality for good.",
            set(),
        ),
        # an obligation put on a party is not that party's position
        (
            "Administration officials said Kyiv must accept territorial concessions.",
            {"United States"},
        ),
        # a document drafted by someone speaks for them; "calls for X to" with "for" parsed
        # as the mark of the clause after it is still "calls for"
        (
            "The plan, drafted by Russian officials, calls for Ukraine to cede the parts of "
            "Donetsk it still controls.",
            {"Russia"},
        ),
        # coordinated nationalities on one body speak for each government
        (
            "Russian and Ukrainian negotiators agreed to a prisoner swap.",
            {"Russia", "Ukraine"},
        ),
        # a document's participle speaks for everyone who issued it
        (
            "Ukraine and the United States issued a joint statement calling for a ceasefire.",
            {"Ukraine", "United States"},
        ),
    ],
)
def test_a_passive_agent_speaks_but_a_participle_naming_does_not(text, expected):
    assert speakers(text) == expected


def test_a_participle_naming_gives_no_cue():
    assert sources("Zelensky vowed to free the land claimed by Russia in Donetsk.") == [
        ("Volodymyr Zelensky", "vowed")
    ]


# --- Pass 2: "according to X", "citing X" -------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # "according to" before the clause
        (
            "According to Zelensky, Ukraine needs security guarantees first.",
            [("Volodymyr Zelensky", "According")],
        ),
        # and after it
        (
            "Ukraine needs security guarantees first, according to Zelensky.",
            [("Volodymyr Zelensky", "according")],
        ),
        # an outlet not on the list, known by its masthead word, is no source either
        ("A truce is near, according to the Financial Ledger.", []),
        # an outlet citing someone: the cited one speaks, the outlet never
        (
            "A ceasefire is impossible for now, TASS reported, citing Peskov.",
            [("Dmitry Peskov", "citing")],
        ),
        (
            "TASS, citing Peskov, reported that a truce must be verified.",
            [("Dmitry Peskov", "citing")],
        ),
        # "according to" a source nobody can name is no source
        ("According to the documents, a truce must be verified.", []),
        # "in X's words", "in X's view"
        (
            "In Zelensky's words, Ukraine will never recognise the occupied territories.",
            [("Volodymyr Zelensky", "In")],
        ),
        # an opening "For X," names whose view the sentence gives
        (
            "For the Kremlin, NATO membership for Ukraine is unacceptable.",
            [("Russia", "For")],
        ),
        # but not "for" in the middle of a clause
        ("Talks are important for Zelensky and his team.", []),
    ],
)
def test_according_to_or_citing_names_the_source(sentence, expected):
    assert sources(sentence) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "According to Zelensky, Ukraine needs security guarantees first.",
            [("Volodymyr Zelensky", "reported")],
        ),
        (
            "Ukraine needs security guarantees first, according to Zelensky.",
            [("Volodymyr Zelensky", "reported")],
        ),
        (
            "A truce must be verified by monitors, TASS reported, citing Peskov.",
            [("Dmitry Peskov", "reported")],
        ),
    ],
)
def test_according_to_or_citing_names_the_source_end_to_end(text, expected):
    assert statements(text) == expected


def test_a_cited_source_reports_the_other_sides_position_on_the_day_it_spoke():
    # The Russian negotiator relays what the Ukrainian side wants: that is Kyiv's position,
    # dated by the day he briefed reporters. His own side's position stays his words.
    text = (
        "Lavrov told reporters on Monday that Moscow would not accept European troops in "
        "Ukraine. According to Lavrov, the Ukrainian side wants security guarantees from "
        "Western states. According to Lavrov, Moscow wants Kyiv to renounce NATO membership."
    )
    found = extract_article(text, published=PUBLISHED).statements
    got = {(s.speaker.name, s.date, c.condition) for s in found for c in s.conditions}
    assert got == {
        ("Sergei Lavrov", "2025-06-16", "no-foreign-troops"),
        ("Ukraine", "2025-06-16", "security-guarantees"),
        ("Sergei Lavrov", "2025-06-16", "nato-non-membership"),
    }


# --- The speaker's description and the occasion are not what the speaker said -----------


def test_the_backdrop_after_a_trailing_said_is_not_the_speakers_words():
    text = (
        "Ukraine will not agree to any pause that leaves Russian forces on its land, a senior "
        "Ukrainian official said on Wednesday, as Western leaders weighed a push for talks."
    )
    found = extract_article(text, published=PUBLISHED).statements
    expected = {"ceasefire", "territorial-integrity"}
    assert {c.condition for s in found for c in s.conditions} == expected


def condition_ids(text: str) -> set[str]:
    found = extract_article(text, published=PUBLISHED).statements
    return {c.condition for s in found for c in s.conditions}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # an adverbial participle sets the scene: no talks position in "peace summit"
        (
            "Speaking at a peace summit in Geneva, Lavrov said Russia rejects any ceasefire.",
            {"ceasefire"},
        ),
        (
            "Speaking after a call on a truce with Trump, Putin said Kyiv must drop its NATO bid.",
            {"nato-non-membership"},
        ),
        # the speaker's own description
        (
            "Macron, who hosted the talks on a ceasefire, said Europe backs security guarantees "
            "for Ukraine.",
            {"security-guarantees"},
        ),
        # where the speech verb was used
        (
            "Lavrov told reporters at the peace talks in Istanbul that Kyiv must drop its "
            "NATO bid.",
            {"nato-non-membership"},
        ),
        # the parser hangs the that-clause on "talks": it is still the content
        (
            "Lavrov told reporters after talks in Istanbul that Kyiv must drop its NATO bid.",
            {"nato-non-membership"},
        ),
    ],
)
def test_the_occasion_and_the_speakers_description_are_not_content(text, expected):
    assert condition_ids(text) == expected


# --- Nested cues: the governing clause wins ------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the position inside the reported clause is the reporter's account of it
        ("Russia is ready for talks, Lavrov said.", {"Sergei Lavrov"}),
        ("Peskov said Moscow is ready for talks.", {"Dmitry Peskov"}),
        ("Zelensky said that Putin wants the surrender of Ukrainian land.", {"Volodymyr Zelensky"}),
        # a present-tense position is no past speech act of its own
        (
            "Zelensky said that Putin demands the surrender of Ukrainian land.",
            {"Volodymyr Zelensky"},
        ),
        # a pronoun never takes a clause over from a name
        ("Zelensky said he rejects any freeze of the front line.", {"Volodymyr Zelensky"}),
        # a relative clause on the last of coordinated sources speaks for them all
        (
            "The draft was turned down by Kyiv and its allies, who want Ukraine restored "
            "within its 1991 borders.",
            {"Ukraine"},
        ),
        # "..., X said" that the parser coordinates with the words still governs them
        (
            "Russia is ready to revive the grain deal, but only with firm guarantees this "
            "time, Foreign Minister Sergei Lavrov said on Monday.",
            {"Sergei Lavrov"},
        ),
    ],
)
def test_the_governing_clause_wins(text, expected):
    assert speakers(text) == expected


def test_the_governing_cue_is_the_only_cue_kept():
    assert sources("Russia is ready for talks, Lavrov said.") == [("Sergei Lavrov", "said")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a past speech act with a subject of its own is that subject's statement
        (
            "Zelensky recalled that Putin had demanded the withdrawal of Ukrainian forces from "
            "Kherson.",
            {"Vladimir Putin"},
        ),
        ("Zelensky said Putin rejected a ceasefire.", {"Vladimir Putin"}),
        ("Macron noted that Zelensky proposed a truce in the air.", {"Volodymyr Zelensky"}),
        # an assurance given to someone is the assurer's
        ("Macron recalled that Putin had assured him he was ready for talks.", {"Vladimir Putin"}),
        # not in a time clause: "until Russia agreed" is no speech act
        (
            "Zelensky said Ukraine would keep fighting until Russia agreed to a ceasefire.",
            {"Volodymyr Zelensky"},
        ),
        # not a readiness adjective: being ready is no speech act
        ("Zelensky recalled that Moscow was ready for talks.", {"Volodymyr Zelensky"}),
        # a pronoun for the speaker is the same speaker, not a nested one
        ("Putin said he rejected a ceasefire in March.", {"Vladimir Putin"}),
        # backing, reaffirming or making clear a position is a speech act of its own
        ("Peskov said Putin had backed a pause in strikes on power plants.", {"Vladimir Putin"}),
        ("Zelensky said Macron had reaffirmed support for a truce.", {"Emmanuel Macron"}),
        # emphasizing or asking is a speech act too, and a title that names another person
        # counts as that person's name
        (
            "Vladimir Putin met his generals on Monday.\n\n"
            "The Russian president emphasized then that Moscow was open to talks, Peskov added.",
            {"Vladimir Putin"},
        ),
        (
            "Umerov said the Russian side had asked for a written pledge never to join NATO.",
            {"Russia"},
        ),
        (
            "Ushakov told reporters that Putin had made clear that any deal must address the "
            "root causes.",
            {"Vladimir Putin"},
        ),
    ],
)
def test_a_nested_past_speech_act_keeps_its_own_speaker(text, expected):
    assert speakers(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a government's past act dated on its own is the government's, not the teller's
        (
            "Zelensky said that Ukraine had proposed a mutual halt to long-range strikes on "
            "Monday.",
            {"Ukraine"},
        ),
        ("Lavrov said that Russia had offered a truce in June.", {"Russia"}),
        (
            "According to Umerov, Kyiv had offered a halt to strikes on power plants in June.",
            {"Ukraine"},
        ),
        (
            "According to Lavrov, Putin had proposed last week that heavy weapons be pulled back.",
            {"Vladimir Putin"},
        ),
        # undated, it is the teller's account of his own government's position
        ("Peskov said Russia agreed to a truce.", {"Dmitry Peskov"}),
        ("According to Lavrov, Russia wants a neutral Ukraine.", {"Sergei Lavrov"}),
    ],
)
def test_a_dated_past_act_of_the_tellers_own_side_is_the_actors(text, expected):
    assert speakers(text) == expected


# --- People the gazetteer lacks, introduced with a role -----------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the side comes from a nationality in the description
        (
            "Ivan Korolenko, a spokesman for the Russian Foreign Ministry, said Moscow rejects "
            "any ceasefire.",
            [("Ivan Korolenko", "Russia", "reported")],
        ),
        # or from a known speaker in it
        (
            "Marta Kovalenko, an adviser to Zelensky, said Ukraine will never cede Crimea.",
            [("Marta Kovalenko", "Ukraine", "reported")],
        ),
        # with no party named, a role without a side is a commentator's
        (
            "Ivan Korolenko, a spokesman for the Foreign Ministry, said Moscow rejects any "
            "ceasefire.",
            [("Ivan Korolenko", "commentator", "characterization")],
        ),
        # an analyst is a commentator whatever their nationality
        (
            "Pavel Rudnev, a Russian political analyst, said Moscow wants a final settlement.",
            [("Pavel Rudnev", "commentator", "characterization")],
        ),
        # a bare name could be a place, a firm or a ship: no guess
        ("Pavel Rudnev said Ukraine must drop its NATO bid.", []),
        # the role before the name, with the government it serves
        (
            "The representative of China, Geng Lin, called for a settlement through dialogue.",
            [("Geng Lin", "China", "characterization")],
        ),
        (
            "China's envoy, Geng Lin, called for a settlement through dialogue.",
            [("Geng Lin", "China", "characterization")],
        ),
        (
            "The Russian delegate, Oleg Sitnikov, said Kyiv must accept a ceasefire.",
            [("Oleg Sitnikov", "Russia", "reported")],
        ),
        # the parser may hang the name on an earlier word and leave the verb no subject
        (
            "Later, opening a debate on the war, the British foreign secretary, Tom Hale, "
            "told MPs that Russian troops must leave Ukraine.",
            [("Tom Hale", "United Kingdom", "reported")],
        ),
    ],
)
def test_a_person_introduced_with_a_role_speaks(text, expected):
    found = extract_article(text, published=PUBLISHED).statements
    assert [(s.speaker.name, s.speaker.side, s.kind.value) for s in found] == expected


def test_an_introduced_person_is_listed_with_the_article():
    text = "Marta Kovalenko, an adviser to Zelensky, said Ukraine will never cede Crimea."
    introduced = extract_article(text, published=PUBLISHED).speakers_introduced
    assert [(s.name, s.side, s.kind) for s in introduced] == [
        ("Marta Kovalenko", "Ukraine", "person")
    ]


# --- Government bodies speak for their government ------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a possessive government
        ("Saudi Arabia's foreign ministry said it supports a ceasefire.", {"Saudi Arabia"}),
        # a nationality adjective
        ("The Turkish foreign ministry said it backs direct talks.", {"Turkey"}),
        ("Ukrainian negotiators demanded a full ceasefire.", {"Ukraine"}),
        ("The Russian delegation insisted on Ukraine's neutrality.", {"Russia"}),
        # "in" a capital
        ("Officials in Kyiv said Ukraine will not cede Crimea.", {"Ukraine"}),
        # the leaders of the countries a nationality word groups
        (
            "The leaders of several European countries said a ceasefire must come first.",
            {"European Union"},
        ),
        # a body of no named government speaks for no one
        ("The foreign ministry said it supports a ceasefire.", set()),
        ("The leaders of several countries said a ceasefire must come first.", set()),
    ],
)
def test_a_government_body_speaks_for_its_government(text, expected):
    assert speakers(text) == expected


def test_the_topic_of_a_paper_is_not_its_speaker():
    text = "The leaders' statement on Ukraine says Russia must withdraw all its troops."
    assert "Ukraine" not in speakers(text)


# --- Documents speak for their issuer ------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the possessor of the document
        (
            "Russia's memorandum demands the withdrawal of Ukrainian troops from Donetsk.",
            {"Russia"},
        ),
        # the issuer named in an earlier sentence
        (
            "Moscow published a memorandum on peace talks.\n\n"
            "The document demands that Ukraine stay neutral.",
            {"Russia"},
        ),
        # "a draft" is not one the article has introduced
        ("A draft demands the withdrawal of Ukrainian troops from Donetsk.", set()),
        # no issuer known: no speaker
        ("The memorandum demands the withdrawal of Ukrainian troops from Donetsk.", set()),
        (
            "The memorandum, which Moscow published, demands the withdrawal of Ukrainian "
            "troops from Donetsk.",
            {"Russia"},
        ),
        (
            "The Russian memorandum calls for the withdrawal of Ukrainian troops from Donetsk.",
            {"Russia"},
        ),
        (
            "Kyiv presented a draft that demands security guarantees.",
            {"Ukraine"},
        ),
        (
            "Russia handed over a memorandum on Monday.\n\n"
            "The memorandum demands the withdrawal of Ukrainian troops from Donetsk.",
            {"Russia"},
        ),
        # setting out or outlining a document issues it too (not the plan named before)
        (
            "Zelensky presented his plan on Thursday.\n\n"
            "China set out a rival proposal in May. It calls for:\n\n"
            "— More exchanges of prisoners of war.",
            {"China"},
        ),
        (
            "Zelensky presented his plan on Thursday.\n\n"
            "Hungary outlined a rival proposal in May. The proposal calls for a ceasefire "
            "along the front line.",
            {"Hungary"},
        ),
    ],
)
def test_a_document_speaks_for_its_issuer(text, expected):
    assert speakers(text) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # a possessive names the issuer, but no verb says it was issued here
        ("Russia's memorandum arrived in Istanbul.", ("Russia", False)),
        # a nationality adjective
        ("The Russian memorandum arrived in Istanbul.", ("Russia", False)),
        # the subject of an issuing verb
        ("Russia handed over a memorandum on Monday.", ("Russia", True)),
        ("Kyiv presented a draft of its own.", ("Ukraine", True)),
        ("The Russian delegation swapped memorandums with Kyiv on Monday.", ("Russia", True)),
        # a relative clause with an issuing verb
        (
            "The memorandum, which Moscow published the next day, runs to four pages.",
            ("Russia", True),
        ),
        # receiving a document is not issuing it
        ("Kyiv received a memorandum from Moscow.", None),
        # no document at all
        ("Russia handed over two prisoners.", None),
        (
            "The memorandum was published by Moscow on Monday.",
            ("Russia", True),
        ),
    ],
)
def test_document_issuer_names_who_issued_it(sentence, expected):
    found = document_issuer(*parsed(sentence))
    assert ((found[0].speaker.name, found[1] is not None) if found else None) == expected


# --- News outlets are never the speaker ---------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the outlet reports, the subject of the clause holds the position
        ("Russia will insist on Ukraine's neutrality, Reuters reported.", {"Russia"}),
        ("Putin wants Ukraine to stay out of NATO, Bloomberg reported.", {"Vladimir Putin"}),
        # an outlet's report with no one named in it is no one's statement
        ("Ukraine must withdraw from Donetsk, the Associated Press reported on Monday.", set()),
        ("Bloomberg reported that a truce must be verified.", set()),
        # words told to an outlet are the speaker's
        ("Peskov told Reuters that Russia rejects a ceasefire.", {"Dmitry Peskov"}),
    ],
)
def test_a_news_outlet_is_never_the_speaker(text, expected):
    assert speakers(text) == expected


# --- Guesses are no statements ------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # a cue under a verb of guessing is the guesser's, and the guesser is no speaker
        ("Diplomats expect Moscow to press for a ban on NATO membership.", []),
        ("Analysts expect Russia to demand the withdrawal of Ukrainian forces from Kherson.", []),
        ("Diplomats believe Putin wants a ceasefire.", []),
        ("Some observers think Moscow wants a freeze of the front line.", []),
        # a speaker who expects something of the other side holds that position
        ("Moscow expects Kyiv to withdraw its troops from Donetsk.", [("Russia", "expects")]),
    ],
)
def test_a_guess_gives_no_cue(sentence, expected):
    assert sources(sentence) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Diplomats expect Moscow to press for a ban on NATO membership.",
        "Analysts expect Russia to demand the withdrawal of Ukrainian forces from Kherson.",
        "Diplomats believe Putin wants a ceasefire.",
        "Some observers think Moscow wants a freeze of the front line.",
        "The institute assesses that the Kremlin will press for a ceasefire on its terms.",
    ],
)
def test_a_guess_gives_no_statement(text):
    assert statements(text) == []


# --- Dates hang from the cue's own verb ---------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "words", "verb"),
    [
        # a date inside the reported clause belongs to that clause
        (
            "Zelensky recalled on Tuesday that Putin on 14 June demanded a withdrawal.",
            "14 June",
            "demanded",
        ),
        (
            "Zelensky recalled on Tuesday that Putin on 14 June demanded a withdrawal.",
            "Tuesday",
            "recalled",
        ),
        # an adverbial clause's date is that clause's
        ("Speaking on Monday, Lavrov said Kyiv must drop its NATO bid.", "Monday", "Speaking"),
        # a relative clause's date is the relative clause's
        ("Lavrov said Kyiv must drop the NATO bid it adopted in 2019.", "2019", "adopted"),
        # a date between "said" and the reported clause's subject is the saying's
        ("Trump said on Sunday he was ready to host the talks.", "Sunday", "said"),
        ("Zelensky recalled that on Sunday Trump called for a truce.", "Sunday", "called"),
        # the day of the audience the speaker told is the telling's
        (
            "Rubio told reporters flying with him to Tokyo on Friday that a truce was near.",
            "Friday",
            "told",
        ),
        (
            "Rubio told journalists accompanying him to Riyadh on Friday that a truce was near.",
            "Friday",
            "told",
        ),
        # the day the speaker's own interview was made public is the saying's
        (
            "Lavrov said in an interview with NBC broadcast on Sunday that Putin was ready.",
            "Sunday",
            "said",
        ),
        (
            "Lavrov said in an interview with a daily published on Sunday that talks could go on.",
            "Sunday",
            "said",
        ),
        # but what is spoken of keeps its own days
        (
            "Zakharova, commenting on an article published on Sunday, said troops were unwelcome.",
            "Sunday",
            "published",
        ),
        (
            "Zelensky recalled his proposal, made on 8 July, to hold talks in Minsk.",
            "8 July",
            "made",
        ),
    ],
)
def test_a_date_belongs_to_the_verb_of_its_clause(sentence, words, verb):
    parse_ = ParsedSentence.of(parse([sentence])[0], 40)  # any article offset
    index = clause_verb(parse_, 40 + sentence.index(words))
    assert parse_.doc[index].text == verb


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the inner speaker's own date, not the recaller's
        (
            "Zelensky recalled on Tuesday that Putin on 14 June demanded the withdrawal of "
            "Ukrainian troops from Kherson.",
            ("Vladimir Putin", "2025-06-14", "explicit"),
        ),
        # the speech verb's own date
        (
            "Zelensky said on Tuesday that Russia demands the withdrawal of Ukrainian troops "
            "from Kherson.",
            ("Volodymyr Zelensky", "2025-06-17", "relative"),
        ),
        (
            "Lavrov said on 3 June that Kyiv must renounce its NATO ambitions.",
            ("Sergei Lavrov", "2025-06-03", "explicit"),
        ),
        # the occasion around the speech verb
        (
            "Speaking on Monday, Lavrov said Kyiv must drop its NATO bid.",
            ("Sergei Lavrov", "2025-06-16", "relative"),
        ),
        # the occasion hung on the speaker
        (
            "Lavrov, speaking in Antalya on Monday, said Kyiv must drop its NATO bid.",
            ("Sergei Lavrov", "2025-06-16", "relative"),
        ),
        # the sentence that says who stated the words before is their occasion
        (
            "Russia will never accept a ceasefire. This was stated by Sergei Lavrov to "
            "reporters after the talks in Istanbul on Monday.",
            ("Sergei Lavrov", "2025-06-16", "relative"),
        ),
        # the interview the words were given in, however the parser hangs it
        (
            "In an interview with CBS aired on Sunday, Zelensky said Ukraine would not give up "
            "the Donbas.",
            ("Volodymyr Zelensky", "2025-06-15", "relative"),
        ),
        # the occasion a relative clause on the speaker tells, when the verb has no date
        (
            "Erdogan, who addressed the assembly on Tuesday, said Turkey would host talks "
            "to end the war.",
            ("Recep Tayyip Erdogan", "2025-06-17", "relative"),
        ),
        (
            "Starmer, who took office on Friday, said on Tuesday that sanctions on Russia "
            "would stay.",
            ("Keir Starmer", "2025-06-17", "relative"),
        ),
        # the question the words answer, put on a day before the speaker is named
        (
            "In Kyiv on Tuesday, asked whether talks could resume, Andrii Sybiha said "
            "Ukraine was ready for direct talks.",
            ("Andrii Sybiha", "2025-06-17", "relative"),
        ),
        # the day the document the position is set out in was issued
        (
            "In the plan it presented on Tuesday, Ukraine offered to stop the fighting "
            "along the front line.",
            ("Ukraine", "2025-06-17", "relative"),
        ),
        # the day of the paper a present-tense position is read from
        (
            "China wants a ceasefire, according to a joint statement issued after talks "
            "between Putin and Xi in the Kremlin on Tuesday.",
            ("China", "2025-06-17", "relative"),
        ),
        # words given "in a comment to" an outlet: an interview, dated by the month
        (
            "Sybiha said in a comment to Ukrkurier that Ukraine is ready for direct talks.",
            ("Andrii Sybiha", "2025-06", "inferred"),
        ),
        (
            "Ukraine is ready for direct talks. Minister of Foreign Affairs of Ukraine Andrii "
            "Sybiha said this in a comment to Ukrkurier.",
            ("Andrii Sybiha", "2025-06", "inferred"),
        ),
        # a date in the content is not the speaker's
        (
            "Lavrov said Kyiv must drop the NATO bid it adopted in 2019.",
            ("Sergei Lavrov", "2025-06-19", "publication"),
        ),
        # an undated earlier occasion stays undated
        (
            "Zelensky has said Ukraine will never cede Crimea.",
            ("Volodymyr Zelensky", None, "inferred"),
        ),
    ],
)
def test_a_statement_is_dated_by_its_own_cue(text, expected):
    [statement] = extract_article(text, published=PUBLISHED).statements
    assert (statement.speaker.name, statement.date, statement.date_basis.value) == expected


@pytest.mark.parametrize(
    ("sentence", "tense"),
    [
        ("Lavrov says Kyiv must drop its NATO bid.", "present"),
        ("Lavrov said Kyiv must drop its NATO bid.", "past"),
        # "has said": an undated earlier occasion
        ("Lavrov has said Kyiv must drop its NATO bid.", "perfect"),
        # "had said": narrative past
        ("Lavrov had said Kyiv must drop its NATO bid.", "past"),
        # "had previously said": an earlier occasion again, undated
        ("Previously, Lavrov had said Kyiv must drop its NATO bid.", "perfect"),
        ("Lavrov had earlier said Kyiv must drop its NATO bid.", "perfect"),
        # words given to a news outlet
        ("Lavrov told Reuters that Kyiv must drop its NATO bid.", "interview"),
        # a chamber addressed in session is no outlet
        ("Lavrov told the Duma that Kyiv must drop its NATO bid.", "past"),
        # "saying" takes the tense of the clause it hangs from
        ("Lavrov spoke in Minsk, saying Kyiv must drop its NATO bid.", "past"),
    ],
)
def test_a_cue_carries_the_tense_of_its_verb_group(sentence, tense):
    [cue] = cues(sentence)
    assert cue.tense == tense


# --- Context: references resolved against what the article established -------------------


@pytest.mark.parametrize(
    ("sentence", "context", "expected"),
    [
        # "the two leaders": the last two people named
        (
            "The two leaders agreed on the need for a ceasefire.",
            Context(participants=(PUTIN, TRUMP)),
            ["Vladimir Putin", "Donald Trump"],
        ),
        ("The two leaders agreed on the need for a ceasefire.", Context(participants=(PUTIN,)), []),
        # other leaders are not the participants
        (
            "Several leaders agreed on the need for a ceasefire.",
            Context(participants=(PUTIN, TRUMP)),
            [],
        ),
        (
            "The heads of the two chambers agreed on the need for a ceasefire.",
            Context(participants=(PUTIN, TRUMP)),
            [],
        ),
        # an impersonal passive: the person the previous sentence was about
        (
            "It was stressed that any ceasefire must be verified.",
            Context(topic=PUTIN),
            ["Vladimir Putin"],
        ),
        ("It was stressed that any ceasefire must be verified.", Context(), []),
        # the person the readout had acting speaks, not who issued a proposal it mentions
        (
            "It was stressed that any ceasefire must be verified.",
            Context(topic=PUTIN, acting=PUTIN, issuer=mention_of(HUNGARY)),
            ["Vladimir Putin"],
        ),
        # "it" as a speaker: the government named last
        (
            "It says sanctions must be lifted before any peace talks.",
            Context(group=mention_of(HUNGARY)),
            ["Hungary"],
        ),
        ("It says sanctions must be lifted before any peace talks.", Context(), []),
        # a document: the issuer of the last document spoken of
        (
            "The memorandum demands the withdrawal of Ukrainian troops from Donetsk.",
            Context(issuer=mention_of(RUSSIA)),
            ["Russia"],
        ),
        ("The memorandum demands the withdrawal of Ukrainian troops from Donetsk.", Context(), []),
    ],
)
def test_context_resolves_references_to_earlier_sentences(sentence, context, expected):
    assert [c.speaker.name for c in cues(sentence, context)] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Putin spoke with Trump on Tuesday. "
            "The two leaders agreed on the need for a ceasefire.",
            {"Vladimir Putin", "Donald Trump"},
        ),
        (
            "Putin held a call with Trump on Tuesday. It was stressed that any ceasefire must be "
            "verified.",
            {"Vladimir Putin"},
        ),
        (
            "Hungary blocked the sanctions package.\n\n"
            "It says sanctions must be lifted before any peace talks.",
            {"Hungary"},
        ),
        (
            "The Kremlin released a readout of the call with Trump.\n\n"
            "It was stressed that any ceasefire must be verified.",
            {"Russia"},
        ),
        (
            "Xi Jinping held a call with Emmanuel Macron.\n\n"
            "Macron put forward a proposal for a pause in strikes on power plants.\n\n"
            "The Chinese President set out his view of the talks.\n\n"
            "It was stressed that any ceasefire must be verified.",
            {"Xi Jinping", "Emmanuel Macron"},
        ),
    ],
)
def test_context_resolves_references_end_to_end(text, expected):
    assert speakers(text) == expected


def test_this_was_stated_by_gives_the_sentence_before_its_speaker():
    text = (
        "Russia will not agree to a freeze of the conflict along the current line. "
        "This was stated by Deputy Foreign Minister Sergei Ryabkov on Tuesday.\n\n"
        "According to him, Moscow remains open to talks on a settlement."
    )
    found = extract_article(text, published=date(2025, 3, 14)).statements
    assert {s.speaker.name for s in found} == {"Sergei Ryabkov"}
    # Moscow refusing a freeze refuses the truce (conditions.py, _by_side)
    assert {s.date for s in found if any(c.condition == "ceasefire" for c in s.conditions)} == {
        "2025-03-11"
    }


def test_he_said_this_gives_the_sentence_before_its_speaker_and_day():
    text = (
        "Vladimir Putin spoke to military commanders in Moscow.\n\n"
        "Russia will not agree to a freeze of the conflict along the current line. "
        "He said this on Monday."
    )
    found = extract_article(text, published=date(2025, 3, 14)).statements
    assert [(s.speaker.name, s.date) for s in found] == [("Vladimir Putin", "2025-03-10")]


def test_a_named_person_in_the_clause_outranks_an_unnamed_source():
    text = (
        "According to a Turkish diplomatic source, Foreign Minister Hakan Fidan opened the "
        "session by urging both delegations to agree on a ceasefire."
    )
    found = extract_article(text, published=date(2025, 5, 16)).statements
    assert [s.speaker.name for s in found] == ["Hakan Fidan"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "If Beijing wants to play a constructive role, it can start by urging Moscow to "
            "pull its forces out.",
            set(),
        ),
        (
            "Unless Beijing agrees to press Moscow to pull its forces out, the war will go on.",
            set(),
        ),
        ("Beijing wants Moscow to pull its forces out.", {"China"}),
        # the time a demand lasts until, or a plan starts from, names a price, not a stance
        (
            "Restrictions on trade must stay in place, and get stricter, until Moscow "
            "accepts a truce.",
            set(),
        ),
        (
            "Once Moscow has agreed to the truce, all deported children would come home and "
            "all prisoners would be exchanged.",
            set(),
        ),
    ],
)
def test_a_supposition_is_not_the_stance_of_its_subject(text, expected):
    assert speakers(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "only" makes any clause the price of its head
        ("Relief from the embargo would come only after Moscow signed a peace deal.", set()),
        ("Talks on a settlement should open only when Kyiv says it is ready.", set()),
        # a clause of how long names the time a demand lasts
        ("The penalties cannot be eased while Moscow refuses to halt the fighting.", set()),
        ("The restrictions will remain for as long as Russia continues its war.", set()),
        # "as soon as" sets the time a thing starts from
        ("Talks would begin as soon as Kyiv announced it was leaving the four regions.", set()),
        # a present-tense "when" sets a condition
        ("Moscow can come back to the table when it accepts a full withdrawal.", set()),
        # in the past, "when" dates what the subject said
        (
            "The line took shape in October, when Trump said both armies should stop the "
            "fighting where they stand.",
            {"Donald Trump"},
        ),
    ],
)
def test_a_clause_that_sets_a_price_or_a_time_is_not_the_stance_of_its_subject(text, expected):
    assert speakers(text) == expected


def test_as_x_put_it_makes_x_the_speaker_of_the_main_clause():
    text = (
        "As Emmanuel Macron put it in Strasbourg on Tuesday, Europe should hold its own "
        "dialogue with Russia on a ceasefire."
    )
    found = extract_article(text, published=PUBLISHED).statements
    assert [(s.speaker.name, s.date) for s in found] == [("Emmanuel Macron", "2025-06-17")]


def test_a_list_after_a_colon_is_what_the_speaker_said_not_a_description_of_them():
    text = (
        "Zelensky stated in his nightly address on Monday that Ukraine is ready for "
        "negotiations on one condition: the restoration of its territorial integrity."
    )
    found = extract_article(text, published=PUBLISHED).statements
    assert {c.condition for s in found for c in s.conditions} == {
        "negotiations",
        "territorial-integrity",
    }


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Washington presented its plan on Monday. The U.S. plan would send a United "
            "Nations force into the Donbas once a ceasefire holds.",
            {"United States"},
        ),
        (
            "Washington presented its plan on Monday. Under the proposal, sanctions on "
            "Russia would be eased in stages.",
            {"United States"},
        ),
        (
            "Russia handed over its memorandum on Monday. It asked for limits on the size of "
            "Ukraine's army.",
            {"Russia"},
        ),
        # what a document did is an event, not what it says
        ("Washington presented its plan on Monday. The plan failed to bring a ceasefire.", set()),
        ("Russia asked about the plan on Monday. Kyiv's army is large.", set()),
    ],
)
def test_a_document_that_would_act_speaks_for_its_issuer(text, expected):
    assert speakers(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "according to the text": the document the article introduced, for its issuer
        (
            "Washington sent Kyiv a draft on Monday.\n\n"
            "Ukraine would have to cap its army at 600,000, according to the text.",
            {"United States"},
        ),
        # the issuer named in the phrase itself
        (
            "Ukraine would have to drop its NATO bid, according to a Russian draft.",
            {"Russia"},
        ),
        # no issuer known: no speaker
        ("Ukraine would have to drop its NATO bid, according to the document.", set()),
    ],
)
def test_a_document_cited_with_according_to_speaks_for_its_issuer(text, expected):
    assert speakers(text) == expected


def test_an_abbreviated_rank_is_not_part_of_an_introduced_name():
    text = (
        "Sen. Jane Holloway of Vermont, the top Democrat on the committee, said in a "
        "statement on Sunday that any agreement must include real security guarantees."
    )
    assert speakers(text) == {"Jane Holloway"}


def test_a_country_describing_a_named_analyst_is_not_the_speaker():
    text = (
        "Marta Kowalczyk, a Russia analyst at a policy institute in Riga, said the Kremlin "
        "would not settle for less than all of Donetsk."
    )
    assert speakers(text) == {"Marta Kowalczyk"}


def test_leaders_named_beside_their_countries_each_speak():
    text = (
        "In Paris on Monday, Chancellor Friedrich Merz and the leaders of Italy, Britain and "
        "Poland, Giorgia Meloni, Keir Starmer and Donald Tusk, demanded that Russia accept a "
        "full ceasefire."
    )
    assert {"Keir Starmer", "Donald Tusk"} <= speakers(text)
    assert "Italy" not in speakers(text)


def test_what_a_speaker_did_by_proposing_is_their_content():
    text = "Putin responded on Monday by proposing direct talks between the delegations."
    found = extract_article(text, published=date(2025, 3, 14)).statements
    assert [(s.speaker.name, [c.condition for c in s.conditions]) for s in found] == [
        ("Vladimir Putin", ["negotiations"])
    ]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # a question that opens by addressing its answerer: the name after it speaks
        (
            "Minister Sybiha, Sergei Lavrov told reporters on Monday that Russia would never "
            "accept a ceasefire.",
            ["Sergei Lavrov"],
        ),
        (
            "QUESTION: Secretary General, Viktor Orban said on Friday that Europe should call "
            "for a ceasefire.",
            ["Viktor Orban"],
        ),
        # an apposition closed by a comma describes the name before it, who speaks
        (
            "Sergei Lavrov, the Russian foreign minister, told reporters on Monday that Russia "
            "would never accept a ceasefire.",
            ["Sergei Lavrov"],
        ),
    ],
)
def test_a_name_addressed_at_the_start_of_a_question_is_not_its_speaker(sentence, expected):
    assert [c.speaker.name for c in cues(sentence)] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # an adverb of guessing makes the sentence the writer's guess at intent
        ("The Kremlin likely intends to use any pause in the fighting to rearm.", set()),
        ("Moscow probably seeks to use the summit talks to split the allies.", set()),
        # without it, the party's stated position
        ("The Kremlin seeks to use the talks to secure a ceasefire on its terms.", {"Russia"}),
    ],
)
def test_a_guess_at_a_partys_intent_is_not_its_position(text, expected):
    assert speakers(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # an open question about a party is no position of the party
        ("It is still unclear whether Moscow would agree to a truce before the summer.", set()),
        ("Everyone in Vienna was asking whether Kyiv was getting ready to talk to Moscow.", set()),
        # a "that" clause reports the position
        (
            "Officials in Vienna said that Moscow would agree to a truce before the summer.",
            {"Russia"},
        ),
    ],
)
def test_an_open_question_about_a_party_is_not_its_position(text, expected):
    assert speakers(text) == expected


def test_a_speaker_asked_about_something_between_commas_is_the_subject_of_said():
    text = (
        "Maria Zakharova, asked about British plans for a force to police any truce, said "
        "Moscow would never accept European soldiers on Ukrainian soil."
    )
    assert speakers(text) == {"Maria Zakharova"}


def test_a_nested_report_in_the_past_progressive_is_the_inner_speakers():
    text = (
        "A European official said on Monday that Moscow was still insisting that Ukrainian "
        "troops leave all of Donetsk."
    )
    assert speakers(text) == {"Russia"}


@pytest.mark.parametrize(
    "text",
    [
        # the parser gives "said" both subjects
        "Ukraine, Zelensky said on Monday, would agree to a ceasefire only with guarantees.",
        # the aside is parsed as a clause of what it reports
        "Zelensky spoke to reporters in Kyiv on Monday. Ukraine, he said, would agree to a "
        "ceasefire only with guarantees.",
    ],
)
def test_a_reporting_aside_inside_the_words_makes_its_subject_the_speaker(text):
    assert speakers(text) == {"Volodymyr Zelensky"}


def test_what_a_party_may_prefer_is_a_guess_not_its_position():
    text = (
        "Diplomats said the delay could suit Moscow, which may prefer a frozen conflict that "
        "keeps Kyiv off balance."
    )
    assert "Russia" not in speakers(text)


def test_a_speaker_right_after_a_day_and_month_is_the_subject_of_the_verb():
    text = (
        "At the summit on 15 August Putin told Trump that Kyiv must pull its forces out of Donetsk."
    )
    assert speakers(text) == {"Vladimir Putin"}
