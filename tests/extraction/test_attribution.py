"""The word-pattern passes of the attribution sieve (sentences the parse left alone)."""

from datetime import date

from app.extraction import extract_article
from app.extraction.attribution import find_anchors
from app.extraction.lexicon import tokenize
from app.extraction.speakers import find_mentions


def word_pattern_speakers(sentence: str) -> list[str]:
    tokens = tokenize(sentence)
    mentions = find_mentions(
        tokens, 0, len(tokens), on=date(2025, 3, 13), introduced={}, text=sentence
    )
    mentions = [m for m in mentions if m.speaker is not None]
    anchors = find_anchors(sentence, tokens, 0, len(tokens), mentions)
    return [a.speaker.name for a in anchors]


def test_a_name_in_apposition_just_before_the_verb_is_its_subject():
    sentence = (
        '"Every prisoner must come home," the Kremlin\'s chief of staff, Dmitry Peskov, '
        "told reporters."
    )
    assert word_pattern_speakers(sentence) == ["Dmitry Peskov"]


def test_the_subject_of_a_passive_position_verb_receives_it_and_holds_no_position():
    # "would be offered": offered to Russia by someone else
    assert word_pattern_speakers("Russia would be offered relief in stages.") == []
    assert word_pattern_speakers("Ukraine should be offered a path into NATO.") == []


def test_a_progressive_position_verb_keeps_its_subject():
    assert word_pattern_speakers("Kyiv was proposing a halt to strikes on power plants.") == [
        "Ukraine"
    ]


def test_a_ban_reported_inside_another_speakers_words_is_the_banning_leaders_position():
    # "X said that Y had banned talks": the ban is Y's act, as "Y had demanded" is Y's.
    text = (
        "Sergei Lavrov said on Monday that Volodymyr Zelensky had forbidden by decree "
        "any negotiations with the Russian president."
    )
    found = extract_article(text, published=date(2025, 3, 13)).statements
    positions = {(s.speaker.name, t.condition, t.stance.value) for s in found for t in s.conditions}
    assert ("Volodymyr Zelensky", "negotiations", "reject") in positions
    assert not any(s.speaker.name == "Sergei Lavrov" for s in found)


def test_analysts_in_a_capital_do_not_speak_for_its_government():
    onlookers = "Analysts in Kyiv said a deal that leaves Donetsk unresolved would be hard to sell."
    officials = "Officials in Kyiv said Ukraine would never cede Donetsk."
    published = date(2026, 9, 15)
    assert [
        s.speaker.name for s in extract_article(onlookers, published=published).statements
    ] == []
    assert [s.speaker.name for s in extract_article(officials, published=published).statements] == [
        "Ukraine"
    ]
