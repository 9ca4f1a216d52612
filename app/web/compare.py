"""The Compare page (`/compare`): conditions by speaker or side, and one speaker or side
between two periods."""

from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.responses import HTMLResponse

from app import crud
from app.filter_query import MAX_NAME_LENGTH
from app.filters import FilterError, parse_date
from app.web.params import FiltersDep, SessionDep, is_htmx
from app.web.templating import filter_summary, templates

router = APIRouter()

_DATE = "ISO date, YYYY-MM or YYYY"


def compare_query(
    session: SessionDep,
    filters: FiltersDep,
    by: Annotated[crud.Axis, Query(description="Matrix columns: side or speaker")] = crud.Axis.SIDE,
    who: Annotated[
        str | None,
        Query(
            description="Speaker slug or side for the period view; default Russia",
            max_length=MAX_NAME_LENGTH,
        ),
    ] = None,
    a_from: Annotated[
        str | None, Query(description=f"Period A start ({_DATE})", max_length=10)
    ] = None,
    a_to: Annotated[str | None, Query(description=f"Period A end ({_DATE})", max_length=10)] = None,
    b_from: Annotated[
        str | None, Query(description=f"Period B start ({_DATE})", max_length=10)
    ] = None,
    b_to: Annotated[str | None, Query(description=f"Period B end ({_DATE})", max_length=10)] = None,
) -> crud.CompareQuery:
    """The page's parameters as one object; a 400 naming the bad value when one is wrong."""
    try:
        a = period(a_from, a_to, "a")
        b = period(b_from, b_to, "b")
    except FilterError as error:
        raise HTTPException(status_code=400, detail=str(error)) from error
    target = None
    if who and who.strip():
        target = crud.find_who(session, who.strip())
        if target is None:
            raise HTTPException(
                status_code=400,
                detail=f"unknown who {who.strip()!r}: use a speaker slug or a side, e.g. Russia",
            )
    return crud.CompareQuery(filters=filters, by=by, who=target, a=a, b=b)


def period(start: str | None, end: str | None, name: str) -> crud.Period | None:
    """A period from its two ends; either end alone stands for its own day, month or year."""
    start, end = (start or "").strip() or None, (end or "").strip() or None
    if start is None and end is None:
        return None
    from_name, to_name = f"{name}_from", f"{name}_to"
    if start is not None:
        first = parse_date(start, from_name, first=True)
        last = parse_date(end or start, to_name if end else from_name, first=False)
    else:
        first = parse_date(end, to_name, first=True)
        last = parse_date(end, to_name, first=False)
    assert first is not None and last is not None  # both parsed from a non-empty value
    if first > last:
        raise FilterError(f"{name}_from is after {name}_to")
    return crud.Period(first, last)


CompareDep = Annotated[crud.CompareQuery, Depends(compare_query)]


def title(page: crud.ComparePage) -> str:
    """ "Compare by side · Russia, 2022 against 2025 · Territory · Peace Terms Tracker"."""
    parts = [f"Compare by {page.query.by.value}"]
    if page.who and page.a and page.b:
        a, b = ("–".join(dict.fromkeys(p.bounds)) for p in (page.a, page.b))
        parts.append(f"{page.who.name}, {a} against {b}")
    names = {("speaker", w.value): w.name for w in page.choices if not w.is_side}
    if summary := filter_summary(page.query.filters.query_items(), names):
        parts.append(summary)
    return " · ".join([*parts, "Peace Terms Tracker"])


@router.get("/compare", response_class=HTMLResponse, include_in_schema=False)
def compare(request: Request, session: SessionDep, query: CompareDep) -> HTMLResponse:
    """The matrix and the period view; an HTMX request gets the results block only."""
    page = crud.comparison(session, query)
    context = {"page": page, "items": query.filters.query_items(), "page_title": title(page)}
    blocks = {"block_name": "results"} if is_htmx(request) else {}
    response = templates.TemplateResponse(request, "compare.html", context, **blocks)
    response.headers["Vary"] = "HX-Request"
    return response
