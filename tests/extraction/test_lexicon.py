from app.extraction.lexicon import PhraseIndex, tokenize


def test_tokenizer_splits_possessive_but_keeps_contractions_and_abbreviations():
    norms = [t.norm for t in tokenize("Putin’s aide said Kyiv won’t join; U.S. cease-fire")]
    assert norms == ["putin", "'s", "aide", "said", "kyiv", "won't", "join", "u.s", "cease-fire"]


def test_phrase_index_finds_overlapping_stems_and_gaps():
    index = PhraseIndex()
    index.add("withdraw* ... troops", "withdrawal")
    index.add("troops", "troops")
    tokens = tokenize("Kyiv must withdraw all of its troops from Donbas")
    found = sorted((h.payload, h.first, h.last) for h in index.scan(tokens))
    assert found == [("troops", 6, 6), ("withdrawal", 2, 6)]


def test_gap_is_bounded():
    index = PhraseIndex()
    index.add("withdraw* ... troops", "x")
    tokens = tokenize("withdraw a b c d e f g troops")
    assert index.scan(tokens) == []


def test_case_sensitive_phrase_needs_capital():
    index = PhraseIndex()
    index.add("Putin", "p", case_sensitive=True)
    assert index.scan(tokenize("putin")) == []
    assert len(index.scan(tokenize("Putin"))) == 1


def test_case_sensitive_phrase_may_start_with_a_lowercase_article():
    index = PhraseIndex()
    index.add("the Kremlin", "k", case_sensitive=True)
    assert len(index.scan(tokenize("Putin and the Kremlin said"))) == 1
    assert index.scan(tokenize("the kremlin")) == []


def test_a_stem_ending_in_e_also_finds_its_ing_form():
    index = PhraseIndex()
    index.add("cede*", "cede")
    index.add("rule* out", "rule out")
    found = index.scan(tokenize("Kyiv is not ceding land and is ruling out a freeze"))
    assert [h.payload for h in found] == ["cede", "rule out"]
    # the -ing form is the stem's, not any word sharing its first letters
    assert index.scan(tokenize("the cedar trees")) == []
