from datetime import date

import pytest

from app.extraction import extract_article
from app.extraction.lexicon import load_data, tokenize
from app.extraction.records import SpeakerEntry
from app.extraction.speakers import (
    delegated_to,
    description_fits,
    find_mentions,
    house_holder,
    known_sides,
    load_gazetteer,
    pronoun_fits,
    slugify,
)


def mentioned(sentence: str, on: date | None = date(2025, 3, 13), introduced=None):
    tokens = tokenize(sentence)
    found = find_mentions(
        tokens,
        0,
        len(tokens),
        on=on,
        introduced={} if introduced is None else introduced,
        text=sentence,
    )
    return [(m.speaker.name if m.speaker else None, m.how) for m in found]


def speakers(sentence: str, on: date | None = date(2025, 3, 13), introduced=None) -> list[str]:
    """The speakers named, without the pronouns and descriptions."""
    return [name for name, _ in mentioned(sentence, on, introduced) if name is not None]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Vladimir Putin said", [("Vladimir Putin", "name")]),
        ("the Kremlin has urged", [("Russia", "name")]),
        ("Kiev rejected it", [("Ukraine", "name")]),
        ("Ukraine’s foreign minister said", [("Andrii Sybiha", "title")]),
        ("he added", [(None, "pronoun")]),
        ("The president added", [(None, "description")]),
        ("The secretary-general added", [(None, "description")]),
    ],
)
def test_mentions(sentence, expected):
    assert mentioned(sentence) == expected


def test_titles_resolve_to_the_office_holder_on_the_date():
    assert mentioned("Ukraine's foreign minister said", date(2022, 12, 28)) == [
        ("Dmytro Kuleba", "title")
    ]
    assert mentioned("The US President said", date(2023, 1, 1)) == [("Joe Biden", "title")]
    assert mentioned("The US President said", date(2025, 3, 1)) == [("Donald Trump", "title")]


@pytest.mark.parametrize(
    ("sentence", "on", "holder"),
    [
        ("The US secretary of state said", date(2023, 6, 1), "Antony Blinken"),
        ("The US secretary of state said", date(2025, 6, 1), "Marco Rubio"),
        ("The U.S. Secretary of State said", date(2016, 6, 1), "John Kerry"),
        ("The NATO secretary general said", date(2023, 6, 1), "Jens Stoltenberg"),
        ("The NATO secretary general said", date(2025, 6, 1), "Mark Rutte"),
        ("The head of the alliance said", date(2024, 9, 30), "Jens Stoltenberg"),
        ("The head of the alliance said", date(2024, 10, 1), "Mark Rutte"),
        ("The German chancellor said", date(2023, 6, 1), "Olaf Scholz"),
        ("The German chancellor said", date(2025, 6, 1), "Friedrich Merz"),
        ("The German chancellor said", date(2015, 2, 12), "Angela Merkel"),
        ("The British prime minister said", date(2022, 10, 1), "Liz Truss"),
        ("The British prime minister said", date(2023, 6, 1), "Rishi Sunak"),
        ("The British prime minister said", date(2025, 6, 1), "Keir Starmer"),
        ("The Dutch prime minister said", date(2022, 6, 1), "Mark Rutte"),
        ("The Ukrainian president said", date(2015, 2, 12), "Petro Poroshenko"),
        ("The Ukrainian president said", date(2022, 3, 1), "Volodymyr Zelensky"),
        ("Ukraine's defence minister said", date(2022, 6, 1), "Oleksii Reznikov"),
        ("Ukraine's defence minister said", date(2024, 6, 1), "Rustem Umerov"),
        ("The Russian defence minister said", date(2023, 6, 1), "Sergei Shoigu"),
        ("The Russian defence minister said", date(2024, 6, 1), "Andrei Belousov"),
        ("The EU foreign policy chief said", date(2024, 6, 1), "Josep Borrell"),
        ("The EU foreign policy chief said", date(2025, 6, 1), "Kaja Kallas"),
        ("The US national security adviser said", date(2024, 6, 1), "Jake Sullivan"),
        ("The US national security adviser said", date(2025, 3, 1), "Mike Waltz"),
        ("The US national security adviser said", date(2025, 6, 1), "Marco Rubio"),
        ("The pope said", date(2024, 6, 1), "Pope Francis"),
        ("The pontiff said", date(2025, 6, 1), "Pope Leo XIV"),
        ("Turkey's foreign minister said", date(2022, 3, 10), "Mevlut Cavusoglu"),
        ("Turkey's foreign minister said", date(2025, 5, 16), "Hakan Fidan"),
        ("The Ukrainian prime minister said", date(2015, 2, 12), "Arseniy Yatsenyuk"),
        ("The French foreign minister said", date(2015, 2, 12), "Laurent Fabius"),
        ("The German foreign minister said", date(2019, 6, 1), "Heiko Maas"),
        ("The EU foreign policy chief said", date(2016, 6, 1), "Federica Mogherini"),
        ("The Kremlin spokesman said", None, "Dmitry Peskov"),
        ("The Russian leader said", None, "Vladimir Putin"),
        ("The US secretary of state said", None, "Marco Rubio"),
    ],
)
def test_a_title_names_its_holder_on_the_day(sentence, on, holder):
    assert mentioned(sentence, on) == [(holder, "title")]


@pytest.mark.parametrize(
    "sentence",
    [
        "UN Secretary-General said",
        "UN Secretary General said",
        "the U.N. secretary-general said",
        "the UN secretary general said",
        "the United Nations Secretary-General said",
    ],
)
def test_hyphenated_and_spaced_secretary_general_are_one_title(sentence):
    assert speakers(sentence) == ["Antonio Guterres"]


@pytest.mark.parametrize(
    "sentence",
    [
        "Russian Foreign Minister Sergei Lavrov said",
        "Russian foreign minister Sergei Lavrov said",
        "foreign minister Sergei Lavrov said",
        "The Russian Foreign Minister said",
        "the russian foreign minister said",
        "Russia's top diplomat said",
    ],
)
def test_titles_match_in_any_house_style(sentence):
    assert set(speakers(sentence)) == {"Sergei Lavrov"}


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("President Putin said", "Vladimir Putin"),
        ("Mr Putin said", "Vladimir Putin"),
        ("Mr. Putin said", "Vladimir Putin"),
        ("PUTIN: We are ready", "Vladimir Putin"),
        ("Mr Sullivan said", "Jake Sullivan"),
        ("Secretary Austin said", "Lloyd Austin"),
        ("Lord Cameron said", "David Cameron"),
        ("Von der Leyen said", "Ursula von der Leyen"),
        ("vladimir putin said", "Vladimir Putin"),
    ],
)
def test_honorifics_and_case_do_not_hide_a_known_name(sentence, expected):
    assert speakers(sentence) == [expected]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Zelensky said", "Volodymyr Zelensky"),
        ("Zelenskyy said", "Volodymyr Zelensky"),
        ("Zelenskiy said", "Volodymyr Zelensky"),
        ("Zelenskii said", "Volodymyr Zelensky"),
        ("Vladimir Zelensky said", "Volodymyr Zelensky"),
        ("Podolyak said", "Mykhailo Podolyak"),
        ("Podoliak said", "Mykhailo Podolyak"),
        ("Lukashenka said", "Alexander Lukashenko"),
        ("Vassily Nebenzia said", "Vasily Nebenzya"),
        ("Denis Shmygal said", "Denys Shmyhal"),
        ("Syrsky said", "Oleksandr Syrskyi"),
        ("Kyslytsia said", "Serhiy Kyslytsya"),
        ("Erdoğan said", "Recep Tayyip Erdogan"),
        ("Orbán said", "Viktor Orban"),
        ("Çavuşoğlu said", "Mevlut Cavusoglu"),
        ("Niinistö said", "Sauli Niinisto"),
        ("Sergey Lavrov said", "Sergei Lavrov"),
        ("Arseniy Yatseniuk said", "Arseniy Yatsenyuk"),
        ("Yatsenyuk said", "Arseniy Yatsenyuk"),
        ("Foreign Minister Mauro Vieira said", "Mauro Vieira"),
    ],
)
def test_transliteration_variants_name_one_speaker(sentence, expected):
    assert speakers(sentence) == [expected]


@pytest.mark.parametrize(
    ("sentence", "government"),
    [
        ("the Russians said", "Russia"),
        ("Russian negotiators said", "Russia"),
        ("the Russian delegation said", "Russia"),
        ("Kremlin officials said", "Russia"),
        ("the Ukrainians said", "Ukraine"),
        ("the Ukrainian delegation said", "Ukraine"),
        ("Zelensky's office said", "Ukraine"),
        ("the U.S. said", "United States"),
        ("the US said", "United States"),
        ("American officials said", "United States"),
        ("the Americans said", "United States"),
        ("The alliance said", "NATO"),
        ("and the alliance said", "NATO"),
        ("Paris said", "France"),
        ("the German government said", "Germany"),
        ("the Vatican said", "Holy See"),
    ],
)
def test_demonyms_and_delegations_speak_for_their_government(sentence, government):
    assert speakers(sentence) == [government]


def test_a_title_beside_the_government_name_is_the_person():
    # "the US" + "US secretary of state": the noun phrase is headed by the title.
    assert speakers("the US secretary of state said", date(2024, 1, 1)) == ["Antony Blinken"]
    assert speakers("the Kremlin spokesman said") == ["Dmitry Peskov"]


@pytest.mark.parametrize(
    ("sentence", "on", "expected"),
    [
        ("NATO chief Jens Stoltenberg said", date(2025, 6, 1), ["Jens Stoltenberg"] * 2),
        (
            "Dmytro Kuleba, Ukraine's foreign minister, said",
            date(2025, 6, 1),
            ["Dmytro Kuleba"] * 2,
        ),
        ("former US President Donald Trump said", date(2023, 6, 1), ["Donald Trump"] * 2),
        ("US Secretary of State Mike Pompeo said", date(2025, 6, 1), ["Mike Pompeo"] * 2),
        ("Kremlin aide Yuri Ushakov said", None, ["Yuri Ushakov"] * 2),
    ],
)
def test_a_name_beside_a_title_decides_whatever_the_day(sentence, on, expected):
    assert speakers(sentence, on) == expected


@pytest.mark.parametrize(
    ("sentence", "on"),
    [
        ("the former US secretary of state said", date(2025, 6, 1)),  # not the holder
        ("the deputy head of the Presidential Office said", date(2024, 5, 1)),  # not Yermak
        ("the pope said", date(2025, 4, 30)),  # between two popes
        ("Pope Benedict said", date(2025, 6, 1)),  # a pope the gazetteer does not know
        ("the Kremlin aide said", None),  # Ushakov or Medinsky?
        ("a Chinese Foreign Ministry spokeswoman said", None),  # not Zakharova
        ("the UK Secretary of State for Defence said", None),  # not the US secretary of state
        ("the Israeli prime minister said", date(2024, 6, 1)),  # only Bennett is listed
    ],
)
def test_a_title_with_no_single_holder_names_no_one(sentence, on):
    assert speakers(sentence, on) == []


@pytest.mark.parametrize(
    "sentence",
    [
        "He played his trump card",
        "Francis said",  # a pope only once the article has named him
        "Sullivan said",
        "Senator Dan Sullivan said",
        "Austin, Texas, said",
        "Costa Rica said",
        "she told the Washington Post",
        "the Kyiv Independent reported",
        "Hunter Biden said",
        "Daniil Medvedev said",
        "under the Minsk agreements",
        "the Helsinki Final Act",
        "a waltz in Xi'an",
        "Leo said",
    ],
)
def test_common_words_and_other_bearers_of_a_name_are_no_speaker(sentence):
    assert speakers(sentence) == []


@pytest.mark.parametrize(
    ("first", "later", "expected"),
    [
        ("Jake Sullivan arrived.", "Sullivan said", "Jake Sullivan"),
        ("Pope Francis spoke in Rome.", "Francis said", "Pope Francis"),
        ("Mr Sullivan arrived.", "Sullivan said", "Jake Sullivan"),
    ],
)
def test_an_ambiguous_surname_names_who_the_article_named_in_full(first, later, expected):
    introduced: dict = {}
    speakers(first, introduced=introduced)
    assert speakers(later, introduced=introduced) == [expected]


def test_introduced_person_gets_side_from_title_and_surname_resolves_later():
    introduced: dict = {}
    first = mentioned("Former Russian diplomat Anton Petrov told reporters", introduced=introduced)
    assert first == [("Anton Petrov", "introduced")]
    assert introduced["petrov"].side == "commentator"
    assert mentioned("said Petrov", introduced=introduced) == [("Anton Petrov", "name")]


@pytest.mark.parametrize(
    ("sentence", "side"),
    [
        ("Then Irma Koval, a former Polish deputy minister, thinks so.", "commentator"),
        ("Yet Irma Koval, the Polish deputy minister, thinks so.", "Poland"),
        # only a person is a "who": with no office named, one speaking for themselves,
        # whatever country the clause names
        ("Irma Koval, who studies Polish trade policy in Riga, thinks so.", "commentator"),
        ("Irma Koval, who is the Polish deputy minister, thinks so.", "Poland"),
    ],
)
def test_a_person_described_after_the_name_is_introduced(sentence, side):
    introduced: dict = {}
    assert mentioned(sentence, introduced=introduced) == [("Irma Koval", "introduced")]
    assert introduced["koval"].side == side


@pytest.mark.parametrize(
    "sentence",
    [
        "The Baltic Institute, a think tank in Riga, thinks so.",
        "High Representative, the Polish deputy minister, thinks so.",
        "Irma Koval, a neighbour of ours, thinks so.",
    ],
)
def test_a_body_a_title_or_a_description_without_role_introduces_no_one(sentence):
    assert mentioned(sentence) == []


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Nehammer said after meeting Putin", "Karl Nehammer"),
        ("Oleh Nikolenko, the ministry's spokesman, said", "Oleg Nikolenko"),
        # named with no title, and in either transliteration
        ("Prime Minister Arseniy Yatseniuk said", "Arseniy Yatsenyuk"),
        ("Yatsenyuk told parliament", "Arseniy Yatsenyuk"),
        ("Karasin told state news agencies", "Grigory Karasin"),
        ("Ayrault said after the meeting", "Jean-Marc Ayrault"),
    ],
)
def test_the_war_s_diplomats_are_in_the_gazetteer(sentence, expected):
    assert expected in speakers(sentence)


def test_official_introduced_with_nationality_speaks_for_that_side():
    introduced: dict = {}
    mentioned("Russian deputy minister Ivan Sidorov said", introduced=introduced)
    assert introduced["sidorov"].side == "Russia"


def test_an_unknown_official_beside_an_ambiguous_title_is_introduced():
    introduced: dict = {}
    found = mentioned("Russian Deputy Foreign Minister Alexander Grushko said", None, introduced)
    assert found == [("Alexander Grushko", "introduced")]
    assert introduced["grushko"].side == "Russia"


def test_every_side_of_the_gazetteer_and_roles_is_known():
    sides = {row["side"] for row in load_data("speakers.toml")["speaker"]}
    sides |= {n["side"] for n in load_data("roles.toml")["nationalities"]}
    assert sides <= known_sides()
    assert {"Russia", "Ukraine", "United States", "NATO", "European Union"} <= known_sides()


def test_every_title_row_has_a_valid_term_of_office():
    for row in load_data("speakers.toml")["speaker"]:
        for title in row.get("titles", ()):
            start, end = title.get("from"), title.get("to")
            if start and end:
                assert date.fromisoformat(start) < date.fromisoformat(end), row["name"]
    assert load_gazetteer() is load_gazetteer()  # loaded once, and it loads


def test_slugify_strips_accents():
    assert slugify("Viktor Orbán") == "viktor-orban"


def test_an_age_description_refers_back_to_the_person_named_before():
    from datetime import date

    from app.extraction import extract_article

    text = (
        "Vladimir Putin met the visiting envoy in Moscow. The 72-year-old said on Friday "
        "that Russia rejected any ceasefire that let Kyiv rearm."
    )
    found = extract_article(text, published=date(2025, 8, 17)).statements
    assert {s.speaker.name for s in found} == {"Vladimir Putin"}


def test_a_pronoun_fits_the_people_the_gazetteer_knows_and_anyone_it_does_not():
    kallas = SpeakerEntry("kaja-kallas", "Kaja Kallas", "European Union", "person")
    lavrov = SpeakerEntry("sergei-lavrov", "Sergei Lavrov", "Russia", "person")
    stranger = SpeakerEntry("olena-hrytsenko", "Olena Hrytsenko", "commentator", "person")
    assert pronoun_fits("she", kallas) and pronoun_fits("her", kallas)
    assert not pronoun_fits("he", kallas)
    assert pronoun_fits("his", lavrov) and not pronoun_fits("she", lavrov)
    assert pronoun_fits("she", stranger) and pronoun_fits("he", stranger)


def test_a_title_resolves_to_the_holder_of_an_earlier_year():
    tokens = tokenize("The British foreign secretary said the sanctions would stay.")
    [mention] = find_mentions(tokens, 0, len(tokens), on=date(2015, 3, 1), introduced={})
    assert mention.speaker is not None and mention.speaker.name == "Philip Hammond"


def test_a_description_naming_an_office_fits_only_those_known_to_hold_it():
    rubio = SpeakerEntry("marco-rubio", "Marco Rubio", "United States", "person")
    zelensky = SpeakerEntry("volodymyr-zelensky", "Volodymyr Zelensky", "Ukraine", "person")
    stranger = SpeakerEntry("jane-roe", "Jane Roe", "commentator", "person")
    assert description_fits("the secretary", rubio) is True
    assert description_fits("the secretary", zelensky) is False
    assert description_fits("the secretary", stranger) is None  # no title known
    assert description_fits("the official", zelensky) is True  # names no office


def test_the_head_of_state_fits_only_those_known_as_president():
    witkoff = SpeakerEntry("steve-witkoff", "Steve Witkoff", "United States", "person")
    zelensky = SpeakerEntry("volodymyr-zelensky", "Volodymyr Zelensky", "Ukraine", "person")
    assert description_fits("The Head of State", zelensky) is True
    assert description_fits("The Head of State", witkoff) is False


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("The head of state noted", [(None, "description")]),
        ("The Federal Chancellor stressed", [(None, "description")]),
        ("The head of Russian diplomacy said", [("Sergei Lavrov", "title")]),
    ],
)
def test_the_descriptions_of_official_readouts_refer_to_a_person(sentence, expected):
    assert mentioned(sentence) == expected


def test_a_description_fits_those_holding_its_office_on_the_day_when_a_day_is_given():
    putin = SpeakerEntry("vladimir-putin", "Vladimir Putin", "Russia", "person")
    assert description_fits("the prime minister", putin) is True  # he was, 2008-2012
    assert description_fits("the prime minister", putin, date(2014, 9, 8)) is False
    assert description_fits("the prime minister", putin, date(2010, 9, 8)) is True


def test_the_head_of_state_is_a_description_of_a_president():
    zelensky = SpeakerEntry("volodymyr-zelensky", "Volodymyr Zelensky", "Ukraine", "person")
    rubio = SpeakerEntry("marco-rubio", "Marco Rubio", "United States", "person")
    assert mentioned("The Head of State added") == [(None, "description")]
    assert description_fits("the Head of State", zelensky) is True
    assert description_fits("the head of state", rubio) is False


def test_a_bare_title_in_a_governments_own_words_is_its_holder_of_the_day():
    assert house_holder("The President", "United States", date(2025, 9, 2)).name == "Donald Trump"
    assert house_holder("the Secretary", "United States", date(2023, 6, 5)).name == (
        "Antony Blinken"
    )
    assert house_holder("the President", "Russia", date(2024, 12, 18)).name == "Vladimir Putin"
    assert house_holder("the Ambassador", "Russia", date(2024, 12, 18)) is None


def test_a_spokesman_for_an_office_does_not_hold_it():
    dujarric = SpeakerEntry("stephane-dujarric", "Stéphane Dujarric", "United Nations", "person")
    assert description_fits("the secretary-general", dujarric) is False
    assert description_fits("the spokesman", dujarric) is True


def test_a_document_an_envoy_presents_is_their_governments_a_leaders_their_own():
    witkoff = SpeakerEntry("steve-witkoff", "Steve Witkoff", "United States", "person")
    vance = SpeakerEntry("jd-vance", "JD Vance", "United States", "person")
    zelensky = SpeakerEntry("volodymyr-zelensky", "Volodymyr Zelensky", "Ukraine", "person")
    stranger = SpeakerEntry("jane-roe", "Jane Roe", "Narnia", "person")
    assert delegated_to(witkoff).name == "United States"
    assert delegated_to(vance).name == "United States"  # a vice president leads nothing
    assert delegated_to(zelensky) == zelensky
    assert delegated_to(stranger) == stranger  # no government of that side known


def test_capitalised_words_before_a_role_noun_name_an_employer_not_a_person():
    found = mentioned(
        '"A freeze rewards Moscow," said Tobias Lindqvist, a former State Department official.'
    )
    assert ("State Department", "introduced") not in found


def test_a_title_coordinated_with_another_before_a_name_is_no_person():
    text = (
        "State Councillor and Foreign Minister Wang Yi said on Wednesday that China would "
        "keep pushing for peace talks on Ukraine."
    )
    found = extract_article(text, published=date(2022, 9, 22)).statements
    assert {s.speaker.name for s in found} == {"Wang Yi"}
