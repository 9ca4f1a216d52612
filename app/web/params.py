"""Reading the shared statement filters from a request (one dependency for every route)."""

from typing import Annotated

from fastapi import Depends, HTTPException, Path, Query, Request
from sqlmodel import Session

from app import crud
from app.db import get_session
from app.filter_query import FilterQuery, one_value_each, resolve_filters
from app.filters import FilterError, StatementFilters
from app.models import MAX_ID
from app.validation import Digits, quoted

SessionDep = Annotated[Session, Depends(get_session)]

# A row id in a path: ASCII digits, and one the id columns can hold (else a 400, not an
# error from the database).
RowId = Annotated[int, Path(ge=1, le=MAX_ID), Digits]


def statement_filters(
    session: SessionDep, query: Annotated[FilterQuery, Query()]
) -> StatementFilters:
    """The filters of this request (read by FastAPI into FilterQuery, so /openapi.json
    documents them); a 400 naming the value the database does not know."""
    try:
        return resolve_filters(query, crud.filter_vocabulary(session))
    except FilterError as error:
        raise HTTPException(status_code=400, detail=str(error)) from error


def checked_query(request: Request) -> None:
    """Every route's query string, before its own parameters are read: a parameter that
    takes one value given several times is a 400 (FastAPI would keep the last silently),
    and so is a NUL in any value (PostgreSQL refuses it in text: a 500 in the driver)."""
    params = request.query_params.multi_items()
    try:
        one_value_each(params)
    except FilterError as error:
        raise HTTPException(status_code=400, detail=str(error)) from error
    for name, value in params:
        if "\x00" in value or "\x00" in name:
            label = name if name.isprintable() else quoted(name)
            raise HTTPException(status_code=400, detail=f"{label} contains a NUL character")


FiltersDep = Annotated[StatementFilters, Depends(statement_filters)]


def is_htmx(request: Request) -> bool:
    """An HTMX request (not a history restore, which needs the whole page)."""
    return (
        request.headers.get("HX-Request") == "true"
        and request.headers.get("HX-History-Restore-Request") != "true"
    )
