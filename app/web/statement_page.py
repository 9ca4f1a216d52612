"""One statement in full (`/statements/{id}`): fields, sources in context, how it was
dated, its review history; `/statements/{id}/edit` shows its fields as a form."""

from typing import Annotated, Literal

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import HTMLResponse

from app import crud
from app.crud.merges import statement_alias
from app.extraction.doubts import DOUBTS
from app.web.auth import signed_in_name
from app.web.params import RowId, SessionDep, is_htmx
from app.web.templating import query_string, templates

router = APIRouter()

# Opened from the review queue (`?queue=1`), perhaps narrowed to one reason for doubt:
# declared so that a bad value is a 400; statement_response reads them from the request.
InQueue = Annotated[Literal["1"] | None, Query()]
Reason = Annotated[Literal[tuple(DOUBTS)] | None, Query()]  # type: ignore[valid-type]


def statement_response(
    request: Request,
    session: SessionDep,
    statement_id: int,
    *,
    editing: bool = False,
    error: str | None = None,
    draft: dict[str, object] | None = None,
    status_code: int = 200,
) -> HTMLResponse:
    """The statement page, or (for HTMX) its `statement` block, in view or edit mode; a
    `draft` (the editor's refused form) is shown in the form instead of the stored values,
    so nothing typed is lost."""
    detail = crud.get_statement_detail(session, statement_id)
    if detail is None:
        joined = statement_alias(session, statement_id)
        if joined is not None:
            # merged into another by an editor: the old permalink leads there
            raise HTTPException(308, "merged", headers={"Location": f"/statements/{joined}"})
        raise HTTPException(404, f"no statement {statement_id}")
    # Opened from the review queue: "next" goes on through the queue (same reason filter).
    reason = request.query_params.get("reason") or None
    if reason not in DOUBTS:  # (a POST's address was not checked as the GETs' are)
        reason = None
    in_queue = request.query_params.get("queue") == "1"
    following = crud.next_in_queue(session, after=statement_id, reason=reason) if in_queue else None
    queue_query = query_string([("queue", "1")] + ([("reason", reason)] if reason else []))
    context = {
        "detail": detail,
        "queue_query": queue_query if in_queue else "",
        "next_url": f"/statements/{following}{queue_query}" if following else None,
        "editing": editing and signed_in_name(request) is not None,
        "error": error,
        "draft": draft,
        "speaker_names": crud.speaker_names(session) if editing else [],
    }
    blocks = {"block_name": "statement"} if is_htmx(request) else {}
    if blocks:
        status_code = 200  # HTMX swaps only successful responses; the error shows in the block
    return templates.TemplateResponse(
        request, "statement.html", context, status_code=status_code, **blocks
    )


@router.get("/statements/{statement_id}", response_class=HTMLResponse, include_in_schema=False)
def statement_page(
    request: Request,
    session: SessionDep,
    statement_id: RowId,
    queue: InQueue = None,
    reason: Reason = None,
) -> HTMLResponse:
    """Every field of a statement, its evidence highlighted in each article reporting it."""
    return statement_response(request, session, statement_id)


@router.get("/statements/{statement_id}/edit", response_class=HTMLResponse, include_in_schema=False)
def edit_form(
    request: Request,
    session: SessionDep,
    statement_id: RowId,
    queue: InQueue = None,
    reason: Reason = None,
) -> HTMLResponse:
    """The statement with its fields as a form (signed-in editors only)."""
    if signed_in_name(request) is None:
        raise HTTPException(401, "sign in as an editor to make changes")
    return statement_response(request, session, statement_id, editing=True)
