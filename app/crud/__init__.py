"""Every read and write of the database, as keyword-only typed functions."""

from app.crud.ingest import IngestResult, content_hash, ingest_article
from app.crud.search import (
    ChartPoint,
    FacetValue,
    StatementPage,
    chart_points,
    facet_counts,
    filter_vocabulary,
    get_statement,
    iter_statements,
    matching_ids,
    search_statements,
    timeline,
)
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
    "ChartPoint",
    "FacetValue",
    "StatementPage",
    "chart_points",
    "facet_counts",
    "filter_vocabulary",
    "get_statement",
    "iter_statements",
    "matching_ids",
    "search_statements",
    "timeline",
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
