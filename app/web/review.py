"""An editor's review of one statement (`POST /statements/{id}/review`): verify, reject,
reopen, or save corrected fields, inline with HTMX. Every write needs a signed-in editor
and the session's CSRF token (see auth.py)."""

from typing import Annotated

from fastapi import APIRouter, Form, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from pydantic import ValidationError
from starlette.datastructures import FormData

from app import crud
from app.crud.review import (
    ConflictError,
    NewStatement,
    ReviewError,
    StatementPatch,
    review_statement,
)
from app.models import StatementStatus
from app.web.auth import EditorDep
from app.web.errors import plain_message
from app.web.params import RowId, SessionDep, is_htmx
from app.web.statement_page import statement_response
from app.web.templating import templates

router = APIRouter(include_in_schema=False)

# The buttons of the review form: what each sets the status to (None: keep it).
_ACTIONS = {
    "verify": StatementStatus.VERIFIED,
    "reject": StatementStatus.REJECTED,
    "reopen": StatementStatus.EXTRACTED,
    "save": None,
}


def patch_from_form(form: FormData, action: str) -> StatementPatch:
    """The editor's form as a patch: the field set, the condition rows, the button pressed."""
    if action not in _ACTIONS:
        raise ReviewError(f"unknown action {action!r}")
    fields: dict[str, object] = {"status": _ACTIONS[action]}
    if form.get("version"):
        fields["version"] = form.get("version")  # what the form was loaded with
    if form.get("comment"):
        fields["comment"] = form.get("comment")
    if action == "save":
        for name in ("speaker", "side", "date", "date_precision", "kind"):
            if form.get(name) is not None:
                fields[name] = str(form.get(name)).strip()
        fields["quote"] = form.get("quote") or None
        fields["conditions"] = condition_rows(form)
        if fields.get("date_precision") == "unknown" or not fields.get("date"):
            fields["date"], fields["date_precision"] = None, "unknown"  # no date given
    return StatementPatch.model_validate(fields)


def draft_of(form: FormData) -> dict[str, object]:
    """The edit form as the editor filled it, to show again if it is refused."""
    draft: dict[str, object] = {
        name: str(form.get(name) or "")
        for name in ("speaker", "side", "date", "date_precision", "kind", "quote", "comment")
    }
    draft["conditions"] = [
        {"condition": c, "stance": s, "regions": r} for c, s, r in _table(form) if c or r
    ]
    return draft


def _table(form: FormData) -> list[tuple[str, str, str]]:
    """The rows of the form's condition table: (condition, stance, regions) as typed."""
    columns = (form.getlist(name) for name in ("condition", "stance", "regions"))
    return [(str(c), str(s), str(r)) for c, s, r in zip(*columns, strict=False)]


def condition_rows(form: FormData) -> list[dict[str, object]]:
    """The form's condition table: one row per condition, an emptied row left out (but
    regions typed in a row without a condition are refused, not dropped)."""
    rows = _table(form)
    orphans = [r.strip() for c, _s, r in rows if not c and r.strip()]
    if orphans:
        raise ReviewError(f"regions {', '.join(orphans)} are given without a condition")
    return [{"condition": c, "stance": s, "regions": r.split(",")} for c, s, r in rows if c]


def _message(error: ValidationError) -> str:
    """The validation errors in an analyst's words ("give at least one condition")."""
    return "; ".join(plain_message(item) for item in error.errors())


@router.get("/review", response_class=HTMLResponse)
def review_queue(
    request: Request,
    session: SessionDep,
    reason: Annotated[str | None, Query(max_length=40)] = None,
    page: Annotated[int, Query(ge=1, le=10**6)] = 1,
) -> HTMLResponse:
    """The machine statements waiting for review, least certain first."""
    try:
        queue = crud.review_queue(session, reason=reason or None, page=page)
    except ReviewError as exc:
        raise HTTPException(400, str(exc)) from None
    return templates.TemplateResponse(request, "review.html", {"queue": queue})


@router.post("/statements/{statement_id}/review")
async def review(
    request: Request,
    session: SessionDep,
    statement_id: RowId,
    editor: EditorDep,
    action: Annotated[str, Form()],
) -> Response:
    """Verify, reject, reopen or save corrections; the page (or block) comes back updated."""
    form = await request.form()
    draft = draft_of(form) if action == "save" else None
    try:
        patch = patch_from_form(form, action)
        review_statement(session, statement_id=statement_id, patch=patch, editor=editor)
    except ConflictError as exc:
        session.rollback()
        message = f"{exc}: its current values are shown on this page"
        if draft is not None:
            message += "; your changes are kept in the form: save again to apply them over it"
        return statement_response(
            request,
            session,
            statement_id,
            editing=draft is not None,
            error=message,
            draft=draft,
            status_code=409,
        )
    except (ReviewError, ValidationError) as exc:
        session.rollback()
        message = _message(exc) if isinstance(exc, ValidationError) else str(exc)
        if "no statement" in message:
            raise HTTPException(404, message) from None
        return statement_response(
            request,
            session,
            statement_id,
            editing=True,
            error=message,
            draft=draft,
            status_code=400,
        )
    if is_htmx(request):
        return statement_response(request, session, statement_id)
    queue = request.url.query
    return RedirectResponse(
        f"/statements/{statement_id}" + (f"?{queue}" if queue else ""), status_code=303
    )


@router.post("/articles/{article_id}/statements")
async def add_statement(
    request: Request, session: SessionDep, article_id: RowId, editor: EditorDep
) -> Response:
    """Store a statement the engine missed, from evidence the editor selected in the text."""
    form = await request.form()
    fields: dict[str, object] = {
        name: str(form.get(name) or "").strip()
        for name in ("start", "end", "speaker", "side", "date", "date_precision", "kind", "comment")
    }
    fields.update(article_id=article_id, quote=form.get("quote") or None)
    if not fields["date"]:
        fields["date"], fields["date_precision"] = None, "unknown"  # no date given
    try:
        fields["conditions"] = condition_rows(form)
        new = NewStatement.model_validate(fields)
        statement = crud.add_statement(session, new=new, editor=editor)
    except (ReviewError, ValidationError) as exc:
        session.rollback()
        message = _message(exc) if isinstance(exc, ValidationError) else str(exc)
        if message.startswith("no article"):
            raise HTTPException(404, message) from None
        raise HTTPException(400, f"the statement was not added: {message}") from None
    return RedirectResponse(f"/statements/{statement.id}", status_code=303)
