"""Reading the shared statement filters from a request (one dependency for every route)."""

from typing import Annotated

from fastapi import Depends, HTTPException, Path, Query, Request
from sqlmodel import Session

from app import crud
from app.db import get_session
from app.filters import FilterError, StatementFilters, parse_filters

SessionDep = Annotated[Session, Depends(get_session)]

# SQLite integers are 64-bit; a larger id is a 400, not an overflow error.
RowId = Annotated[int, Path(ge=1, le=2**63 - 1)]


def statement_filters(
    request: Request,
    session: SessionDep,
    # Declared for the OpenAPI page; the values are read (and checked) by parse_filters.
    speaker: Annotated[
        list[str] | None, Query(description="Speaker slug, e.g. vladimir-putin; repeatable")
    ] = None,
    side: Annotated[
        list[str] | None, Query(description="Side, e.g. Russia, Ukraine; repeatable")
    ] = None,
    condition: Annotated[
        list[str] | None, Query(description="Taxonomy condition id, e.g. territory; repeatable")
    ] = None,
    stance: Annotated[
        list[str] | None, Query(description="demand, reject, support or offer; repeatable")
    ] = None,
    region: Annotated[
        list[str] | None,
        Query(
            description="A region named by a territorial condition, any spelling (Donbass "
            "finds Donbas); repeatable"
        ),
    ] = None,
    precision: Annotated[
        list[str] | None,
        Query(description="Date precision: day, month, year or unknown; repeatable"),
    ] = None,
    kind: Annotated[str | None, Query(description="quote, reported or characterization")] = None,
    date_from: Annotated[str | None, Query(description="ISO date (or YYYY-MM, YYYY)")] = None,
    date_to: Annotated[str | None, Query(description="ISO date (or YYYY-MM, YYYY)")] = None,
    q: Annotated[str | None, Query(description="Full-text search of quotes and evidence")] = None,
    status: Annotated[
        str | None,
        Query(
            description="extracted, verified, edited, added, rejected, or reviewed (verified, "
            "edited or added: what editors vouched for)"
        ),
    ] = None,
    source: Annotated[str | None, Query(description="Article id")] = None,
    include_commentators: Annotated[
        str | None, Query(description="1 to include commentators (excluded by default)")
    ] = None,
) -> StatementFilters:
    """The filters of this request; a 400 naming the bad value when one is wrong."""
    try:
        return parse_filters(request.query_params.multi_items(), crud.filter_vocabulary(session))
    except FilterError as error:
        raise HTTPException(status_code=400, detail=str(error)) from error


FiltersDep = Annotated[StatementFilters, Depends(statement_filters)]


def is_htmx(request: Request) -> bool:
    """An HTMX request (not a history restore, which needs the whole page)."""
    return (
        request.headers.get("HX-Request") == "true"
        and request.headers.get("HX-History-Restore-Request") != "true"
    )
