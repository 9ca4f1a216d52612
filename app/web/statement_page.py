"""One statement in full (`/statements/{id}`): fields, sources in context, how it was dated."""

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import HTMLResponse

from app import crud
from app.web.params import RowId, SessionDep
from app.web.templating import templates

router = APIRouter()


@router.get("/statements/{statement_id}", response_class=HTMLResponse, include_in_schema=False)
def statement_page(request: Request, session: SessionDep, statement_id: RowId) -> HTMLResponse:
    """Every field of a statement, its evidence highlighted in each article reporting it."""
    detail = crud.get_statement_detail(session, statement_id)
    if detail is None:
        raise HTTPException(404, f"no statement {statement_id}")
    return templates.TemplateResponse(request, "statement.html", {"detail": detail})
