"""The plain list of statements."""

from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse
from sqlmodel import Session

from app import crud
from app.db import get_session
from app.web.templating import templates

router = APIRouter()

PAGE_SIZE = 100


@router.get("/", response_class=HTMLResponse)
def statement_list(
    request: Request,
    session: Annotated[Session, Depends(get_session)],
    page: Annotated[int, Query(ge=1, le=10_000)] = 1,
) -> HTMLResponse:
    """Every statement, newest first, with its sources; HTMX requests get the list only."""
    offset = (page - 1) * PAGE_SIZE
    total = crud.count_statements(session)
    context = {
        "statements": crud.list_statements(session, limit=PAGE_SIZE, offset=offset),
        "counts": {
            "articles": crud.count_articles(session),
            "statements": total,
            "speakers": crud.count_speakers(session),
        },
        "page": page,
        "has_next": offset + PAGE_SIZE < total,
    }
    htmx = request.headers.get("HX-Request") == "true"
    response = templates.TemplateResponse(
        request, "statements/list.html", context, block_name="results" if htmx else None
    )
    response.headers["Vary"] = "HX-Request"
    return response
