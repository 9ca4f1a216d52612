"""The timeline (`/`): filtered statements in date order, with facets and a chart."""

from dataclasses import fields
from typing import Annotated, Literal

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse

from app import crud
from app.chart import Chart, ChartMark
from app.extraction.conditions import condition_labels
from app.filters import StatementFilters
from app.web.params import FiltersDep, SessionDep, is_htmx
from app.web.templating import filter_summary, query_string, side_colour, templates

router = APIRouter()

PAGE_SIZE = 50


@router.get("/", response_class=HTMLResponse, include_in_schema=False)
def timeline(
    request: Request,
    session: SessionDep,
    filters: FiltersDep,
    page: Annotated[int, Query(ge=1, le=100_000)] = 1,
    order: Literal["newest", "oldest"] = "newest",
) -> HTMLResponse:
    """Statements in date order; an HTMX request gets the results and facet counts only."""
    view = crud.timeline(
        session,
        filters,
        limit=PAGE_SIZE,
        offset=(page - 1) * PAGE_SIZE,
        newest_first=order == "newest",
    )
    labels = {(name, f.value): f.label for name, values in view.facets.items() for f in values}
    summary = filter_summary(filters.query_items(), labels)
    context = {
        "filters": filters,
        "items": filters.query_items(),
        "view": view,
        "chart": chart_data(view.chart, filters),
        "facet_labels": labels,
        "summary": summary,
        "page_title": f"{summary + ' · ' if summary else ''}Timeline · Peace Terms Tracker",
        "page": page,
        "order": order,
        "page_size": PAGE_SIZE,
        "sources_listed_up_to": crud.SOURCES_LISTED_UP_TO,
    }
    if not is_htmx(request):
        response = templates.TemplateResponse(request, "timeline.html", context)
    else:
        response = templates.TemplateResponse(
            request, "timeline.html", context, block_name="results"
        )
        # The address bar gets the canonical permalink, not the form's empty fields.
        view_items = [("order", order)] if order != "newest" else []
        view_items += [("page", str(page))] if page > 1 else []
        response.headers["HX-Push-Url"] = "/" + query_string(filters.query_items() + view_items)
    response.headers["Vary"] = "HX-Request"
    return response


# The marks go as rows of values in this order, the names once: thousands of marks each
# naming its twelve fields were most of the page's weight.
MARK_FIELDS = tuple(f.name for f in fields(ChartMark))


def chart_data(chart: Chart, filters: StatementFilters) -> dict[str, object]:
    """What timeline.js plots: the marks (a row of values each, in the order of
    `mark_fields`), the conditions in taxonomy order, side colours, how many points
    (statement-condition pairs) and statements the marks stand for, and the date filters
    (the time axis spans them, so the slider starts from them)."""
    present = {m.condition for m in chart.marks}
    return {
        "date_from": filters.date_from.isoformat() if filters.date_from else None,
        "date_to": filters.date_to.isoformat() if filters.date_to else None,
        "mark_fields": MARK_FIELDS,
        "marks": [[getattr(m, name) for name in MARK_FIELDS] for m in chart.marks],
        "binned": chart.binned,
        "bin": chart.bin,
        "conditions": [label for cid, label in condition_labels().items() if cid in present],
        "colours": {side: side_colour(side) for side in sorted({m.side for m in chart.marks})},
        "points": chart.points,
        "statements": chart.statements,
    }
