"""One statement in full (`/statements/{id}`): fields, sources in context, how it was dated."""

from typing import Annotated

from fastapi import APIRouter, HTTPException, Path, Request
from fastapi.responses import HTMLResponse

from app import crud
from app.web.params import SessionDep
from app.web.templating import templates

router = APIRouter()

# SQLite integers are 64-bit; a larger id is a 400, not an overflow error.
StatementId = Annotated[int, Path(ge=1, le=2**63 - 1)]


@router.get("/statements/{statement_id}", response_class=HTMLResponse, include_in_schema=False)
def statement_page(
    request: Request, session: SessionDep, statement_id: StatementId
) -> HTMLResponse:
    """Every field of a statement, its evidence highlighted in each article reporting it."""
    detail = crud.get_statement_detail(session, statement_id)
    if detail is None:
        raise HTTPException(404, f"no statement {statement_id}")
    return templates.TemplateResponse(request, "statement.html", {"detail": detail})
