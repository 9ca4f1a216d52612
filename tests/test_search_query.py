"""The search box's language: words, phrases, OR, exclusion, spelling variants, errors."""

import pytest

from app.search_query import SearchError, fts_expression, parse_search


def test_words_are_prefixes_phrases_are_exact_and_or_joins_two_terms() -> None:
    query = parse_search('russia "security guarantees" truce OR pause')
    assert fts_expression(query) == (
        '"russia"* AND "security guarantees" AND ("truce"* OR "pause"*)'
    )


def test_spelling_variants_count_as_one_word() -> None:
    assert fts_expression(parse_search("Kiev")) == '("kyiv"* OR "kiev"*)'
    assert fts_expression(parse_search("cease-fire")) == fts_expression(parse_search("ceasefire"))


def test_a_minus_excludes_a_term() -> None:
    query = parse_search("ceasefire -Trump")
    assert fts_expression(query, excluded=True) == '"trump"*'


def test_words_written_apart_that_spell_a_variant_are_one_term() -> None:
    together = fts_expression(parse_search("ceasefire"))
    assert fts_expression(parse_search("cease fire")) == together
    assert fts_expression(parse_search("cease fire now")) == together + ' AND "now"*'
    assert fts_expression(parse_search("cease OR fire")) == '("cease"* OR "fire"*)'


def test_a_phrase_brings_the_variants_of_its_words() -> None:
    assert fts_expression(parse_search('"Kiev will"')) == '("kyiv will" OR "kiev will")'
    phrase = parse_search('"talks in Kiev and Donbass"').groups[0][0]
    assert len(phrase.spellings) == 4


def test_only_exclusions_ask_for_everything_else() -> None:
    query = parse_search("-NATO")
    assert fts_expression(query) is None
    assert fts_expression(query, excluded=True) == '"nato"*'


def test_fts_syntax_in_the_box_is_only_text() -> None:
    # Words joined by punctuation stay together as a phrase, as "cease-fire" does.
    assert fts_expression(parse_search("NEAR(x y) ^z*")) == '"near x"* AND "y"* AND "z"*'


@pytest.mark.parametrize(
    ("q", "message"),
    [
        ('"security guarantees', "quotation mark is not closed"),
        ("OR truce", "OR needs a word or phrase on each side"),
        ("truce OR", "OR needs a word or phrase on each side"),
        ("truce OR -trump", "OR cannot join an excluded term"),
    ],
)
def test_a_query_that_cannot_be_read_says_how_to_fix_it(q: str, message: str) -> None:
    with pytest.raises(SearchError, match=message):
        parse_search(q)
