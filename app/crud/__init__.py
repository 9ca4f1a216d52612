"""Every read and write of the database, as keyword-only typed functions."""

from app.crud.ingest import IngestResult, content_hash, ingest_article
from app.crud.statements import (
    ConditionRow,
    SourceRow,
    StatementRow,
    count_articles,
    count_sources,
    count_speakers,
    count_statements,
    list_statements,
)

__all__ = [
    "ConditionRow",
    "IngestResult",
    "SourceRow",
    "StatementRow",
    "content_hash",
    "count_articles",
    "count_sources",
    "count_speakers",
    "count_statements",
    "ingest_article",
    "list_statements",
]
