"""The extraction engine: pure functions from article text to dated statements."""

from app.extraction.pipeline import extract_article

__all__ = ["extract_article"]
