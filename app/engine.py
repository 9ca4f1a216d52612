"""The one seam between storage and the extraction engine (tests replace it)."""

import datetime as dt
from typing import Protocol

from app.extraction import extract_article as run_pipeline
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
    return run_pipeline(text, published=published, title=title)
