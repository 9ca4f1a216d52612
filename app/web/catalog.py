"""The indexes of speakers (`/speakers`) and taxonomy conditions (`/conditions`)."""

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from app import crud
from app.web.params import SessionDep
from app.web.templating import templates

router = APIRouter()


@router.get("/speakers", response_class=HTMLResponse, include_in_schema=False)
def speakers(request: Request, session: SessionDep) -> HTMLResponse:
    """Every speaker by side, with statement counts and first and last dates."""
    groups = crud.list_speakers(session)
    return templates.TemplateResponse(request, "speakers.html", {"groups": groups})


@router.get("/conditions", response_class=HTMLResponse, include_in_schema=False)
def conditions(request: Request, session: SessionDep) -> HTMLResponse:
    """Every taxonomy condition, with statement counts by stance and first and last dates."""
    rows = crud.list_conditions(session)
    return templates.TemplateResponse(request, "conditions.html", {"conditions": rows})
