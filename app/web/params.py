"""Reading the shared statement filters from a request (one dependency for every route)."""

import re
from typing import Annotated, Any

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


async def checked_query(request: Request) -> None:
    """Every route's query string and text body, before its own parameters are read: a
    parameter that takes one value given several times is a 400 (FastAPI would keep the
    last silently), and so is a NUL in any value (PostgreSQL refuses it in text: a 500 in
    the driver) or, in JSON, a lone surrogate (no text can be encoded from it)."""
    params = request.query_params.multi_items()
    try:
        one_value_each(params)
    except FilterError as error:
        raise HTTPException(status_code=400, detail=str(error)) from error
    for name, value in params:
        _check_text(name, name)
        _check_text(name, value)
    kind = request.headers.get("content-type", "")
    if kind.startswith("application/x-www-form-urlencoded"):
        # Parsed once, kept for the route (FastAPI may have read it already). Multipart
        # forms carry files, which may hold any byte: the Add page checks its own fields.
        for name, value in (await request.form()).multi_items():
            _check_text(name, name)
            _check_text(name, str(value))
    elif kind.startswith("application/json"):
        try:
            document = await request.json()  # parsed once, kept for the route
        except ValueError:
            return  # FastAPI answers the body that is not JSON itself
        _check_json("the body", document)


# A UTF-16 surrogate alone: json.loads reads "\ud800", but no encoding can write it.
_SURROGATE = re.compile("[\ud800-\udfff]")


def _check_text(name: str, value: str) -> None:
    label = name if name.isprintable() and not _SURROGATE.search(name) else quoted(name)
    if "\x00" in value:
        raise HTTPException(status_code=400, detail=f"{label} contains a NUL character")
    if _SURROGATE.search(value):
        raise HTTPException(
            status_code=400,
            detail=f"{label} is not valid text: it holds a lone UTF-16 surrogate",
        )


def _check_json(name: str, value: Any) -> None:
    """Every string of a JSON document, each named by the key it is under."""
    if isinstance(value, str):
        _check_text(name, value)
    elif isinstance(value, list):
        for item in value:
            _check_json(name, item)
    elif isinstance(value, dict):
        for key, item in value.items():
            _check_text(key, key)
            _check_json(key, item)


FiltersDep = Annotated[StatementFilters, Depends(statement_filters)]


def is_htmx(request: Request) -> bool:
    """An HTMX request (not a history restore, which needs the whole page)."""
    return (
        request.headers.get("HX-Request") == "true"
        and request.headers.get("HX-History-Restore-Request") != "true"
    )
