"""The extraction engine's entry point, imported on first use."""

import datetime as dt
from typing import Protocol

from app.extraction.records import ArticleExtraction


class Extractor(Protocol):
    """Anything shaped like `app.extraction.extract_article` (tests pass hand-made ones)."""

    def __call__(
        self, text: str, *, published: dt.date | None = None, title: str | None = None
    ) -> ArticleExtraction: ...


def extract_article(
    text: str, *, published: dt.date | None = None, title: str | None = None
) -> ArticleExtraction:
    """Run the extraction engine on one article's text."""
    # Resolved per call, not at import: modules that only need the record types must not
    # depend on the pipeline's entry point, and tests substitute this function.
    from app.extraction import extract_article as run

    return run(text, published=published, title=title)
