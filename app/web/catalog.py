"""The indexes of speakers (`/speakers`) and taxonomy conditions (`/conditions`), and the
codebook (`/codebook`) that defines every term the pages use."""

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from app import crud
from app.codebook import load_codebook
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


@router.get("/codebook", response_class=HTMLResponse, include_in_schema=False)
def codebook(request: Request, session: SessionDep) -> HTMLResponse:
    """Every condition, stance, kind, date basis and status defined, with cues and counts."""
    counts = {c.id: c for c in crud.list_conditions(session)}
    context = {"book": load_codebook(), "counts": counts}
    return templates.TemplateResponse(request, "codebook.html", context)
