"""The JSON API (`/api/...`): the filtered statements and their counts, for scripts.

Every list takes the timeline's filter parameters (same meaning, same 400 on a bad value)
and pages with `limit` and `offset`; `next` is the URL of the following page with the
same filters, as a path on this server (never built from the Host header, which a client
may forge), or null on the last page. `/api/statements` pages by key: its `next` says
`after=` the last statement given, so the database seeks there instead of counting past an
offset, and a page deep in a million statements costs what the first does. Its `total`
is counted only up to a cap (as the timeline's is) unless the statement tally answers the
filters: `total_capped` says when more statements match. The response models below are
what /openapi.json and /docs describe.
"""

import datetime as dt
from enum import StrEnum
from typing import Annotated, Any, Literal
from urllib.parse import urlencode

from fastapi import APIRouter, HTTPException, Query, Request
from pydantic import AfterValidator, BaseModel, ConfigDict, Field

from app import crud
from app.crud.merges import statement_alias
from app.filters import StatementFilters
from app.models import DateBasis, DatePrecision, Kind, Stance, StatementStatus
from app.web.params import FiltersDep, RowId, SessionDep

router = APIRouter(prefix="/api")
NEXT_DESCRIPTION = "Path and query of the next page on this server, null on the last"

Limit = Annotated[int, Query(ge=1, le=500, description="Items per page")]
Offset = Annotated[int, Query(ge=0, le=1_000_000_000, description="Items to skip")]
After = Annotated[
    str | None,
    Query(
        description="Start after this statement (`next` links give it): its date's first day "
        "and id, e.g. 2024-06-01.1234, or .1234 for an undated one",
        max_length=40,
        # Documented only: crud.PageKey.parse reads it, with a message about page keys.
        json_schema_extra={"pattern": r"^([0-9]{4}-[0-9]{2}-[0-9]{2})?\.[0-9]{1,19}$"},
    ),
]
Order = Annotated[
    Literal["newest", "oldest"], Query(description="Statement date order; undated last")
]


class _FromRow(BaseModel):
    model_config = ConfigDict(from_attributes=True)


def _stored(codes: type[StrEnum]) -> Any:
    """A codebook value as the database holds it: one of `codes`, or (in a row written by
    an older version or by hand; app/models.py refuses new ones) any other text, given as
    stored rather than failing every page that holds the row."""
    legacy = Annotated[
        str,
        Field(
            title=f"Stored {codes.__name__.lower()}",
            description="A value outside the codebook, kept from an older version",
        ),
    ]
    return Annotated[codes | legacy, Field(union_mode="left_to_right")]


def _in_utc(moment: dt.datetime) -> dt.datetime:
    # SQLite gives back stored times without their zone; they were written in UTC.
    return moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)


# With its offset, as the date-time the schema promises (RFC 3339) must be.
UtcDateTime = Annotated[dt.datetime, AfterValidator(_in_utc)]


class ConditionOut(_FromRow):
    condition: str = Field(description="Taxonomy condition id, e.g. territory")
    stance: _stored(Stance)
    regions: list[str] = Field(description="Regions the condition names, e.g. Donetsk")


class SourceOut(_FromRow):
    article_id: int
    title: str | None
    publisher: str | None
    url: str | None
    published: dt.date | None = Field(description="The article's publication date")
    evidence: str = Field(description="The sentence(s) of this article the statement is from")
    start: int = Field(description="Character offset of the evidence in the article text")
    end: int = Field(description="Character offset just past the evidence")


class StatementOut(_FromRow):
    id: int
    speaker: str = Field(description="Canonical speaker name, e.g. Vladimir Putin")
    speaker_slug: str
    side: str = Field(description="The party spoken for, or commentator")
    date: str | None = Field(description="When it was said: YYYY-MM-DD, YYYY-MM or YYYY")
    date_precision: _stored(DatePrecision)
    date_basis: _stored(DateBasis)
    date_evidence: str | None = Field(description="The words the date came from")
    conditions: list[ConditionOut]
    kind: _stored(Kind)
    quote: str | None = Field(description="The quoted words, when kind is quote")
    evidence: str
    status: _stored(StatementStatus)
    sources: list[SourceOut]
    updated_at: UtcDateTime = Field(description="When it last changed")
    version: int = Field(
        description="1 when stored, one more at every change; send it back as `version` "
        "with a PATCH, so that a change someone made meanwhile is refused (409) rather "
        "than overwritten"
    )


class StatementList(BaseModel):
    items: list[StatementOut]
    total: int = Field(
        description="How many statements the filters keep, on all pages; when total_capped, "
        f"the cap ({crud.COUNTED_UP_TO:,}): counting stopped there and more match"
    )
    total_capped: bool = Field(
        description="True when more statements match than total says (the count stops at "
        "the cap, unless the filters are ones the statement tally counts: at most one "
        "condition, stance and region, whole months or years, no q or source); follow "
        "next to page through all of them"
    )
    next: str | None = Field(description=NEXT_DESCRIPTION)


class SpeakerOut(_FromRow):
    slug: str
    name: str
    side: str
    kind: str = Field(description="person, government or organization")
    statements: int = Field(description="How many of the filtered statements are theirs")
    first_date: str | None = Field(description="Earliest of those statements' dates")
    last_date: str | None = Field(description="Latest of those statements' dates")


class SpeakerList(BaseModel):
    items: list[SpeakerOut]
    total: int
    next: str | None = Field(description=NEXT_DESCRIPTION)


class StanceCounts(BaseModel):
    demand: int = 0
    reject: int = 0
    support: int = 0
    offer: int = 0


class ConditionCountOut(_FromRow):
    condition: str = Field(description="Taxonomy condition id")
    label: str
    statements: int = Field(description="Filtered statements stating it, in any stance")
    stances: StanceCounts


class ConditionList(BaseModel):
    items: list[ConditionCountOut]


def _page_url(request: Request, pairs: list[tuple[str, str]]) -> str:
    """This route's path with another query string: a URL relative to this server."""
    return f"{request.url.path}?{urlencode(pairs)}"


def _next_url(
    request: Request,
    filters: StatementFilters,
    *,
    total: int,
    limit: int,
    offset: int,
    **view: str,
) -> str | None:
    """The URL of the page after this one, with the same filters; None after the last."""
    if offset + limit >= total:
        return None
    pairs = [*filters.query_items(), *view.items()]
    pairs += [("limit", str(limit)), ("offset", str(offset + limit))]
    return _page_url(request, pairs)


@router.get("/statements", tags=["statements"])
def api_statements(
    request: Request,
    session: SessionDep,
    filters: FiltersDep,
    limit: Limit = 50,
    offset: Offset = 0,
    order: Order = "newest",
    after: After = None,
) -> StatementList:
    """The filtered statements, one page at a time, in date order."""
    try:
        key = crud.PageKey.parse(after) if after is not None else None
    except ValueError as exc:
        raise HTTPException(status_code=400, detail=str(exc)) from exc
    # One more than a page: whether there is a next one, without counting past it.
    page = crud.search_statements(
        session,
        filters,
        limit=limit + 1,
        offset=offset,
        newest_first=order == "newest",
        after=key,
    )
    items = page.items[:limit]
    next_url = None
    if len(page.items) > limit:
        pairs = [*filters.query_items(), ("order", order), ("limit", str(limit))]
        pairs.append(("after", str(crud.PageKey.after(items[-1]))))
        next_url = _page_url(request, pairs)
    return StatementList(
        items=[StatementOut.model_validate(row) for row in items],
        total=page.total,
        total_capped=page.capped,
        next=next_url,
    )


@router.get(
    "/statements/{statement_id}",
    tags=["statements"],
    responses={
        308: {"description": "Merged into another statement: Location gives its URL"},
        404: {"description": "No such statement"},
    },
)
def api_statement(session: SessionDep, statement_id: RowId) -> StatementOut:
    """One statement by id (whatever its status), with its conditions and sources."""
    row = crud.get_statement(session, statement_id)
    if row is None:
        joined = statement_alias(session, statement_id)
        if joined is not None:  # merged into another by an editor
            raise HTTPException(
                308, f"merged into {joined}", headers={"Location": f"/api/statements/{joined}"}
            )
        raise HTTPException(status_code=404, detail=f"no statement with id {statement_id}")
    return StatementOut.model_validate(row)


@router.get("/speakers", tags=["aggregates"])
def api_speakers(
    request: Request,
    session: SessionDep,
    filters: FiltersDep,
    limit: Limit = 50,
    offset: Offset = 0,
) -> SpeakerList:
    """Speakers with how many filtered statements each made, most first.

    speaker, side and include_commentators choose which speakers are listed; the other
    filters only change the counts (a speaker with none of the statements counts 0)."""
    speakers = crud.speaker_counts(session, filters)
    return SpeakerList(
        items=[SpeakerOut.model_validate(s) for s in speakers[offset : offset + limit]],
        total=len(speakers),
        next=_next_url(request, filters, total=len(speakers), limit=limit, offset=offset),
    )


@router.get("/conditions", tags=["aggregates"])
def api_conditions(session: SessionDep, filters: FiltersDep) -> ConditionList:
    """Every taxonomy condition with how many filtered statements state it, per stance.

    With condition or stance filters only the condition rows meeting them count, as in
    the CSV export."""
    return ConditionList(
        items=[ConditionCountOut.model_validate(c) for c in crud.condition_counts(session, filters)]
    )
