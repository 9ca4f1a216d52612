"""An editor's merges and splits from the browser: merge a speaker into another
(`/speakers/merge`), join two statements of one utterance, split a report off."""

from typing import Annotated

from fastapi import APIRouter, Form, HTTPException
from fastapi.responses import RedirectResponse, Response

from app.crud.merges import merge_speakers, merge_statements, split_source
from app.crud.review import ReviewError
from app.models import MAX_ID
from app.web.auth import EditorDep
from app.web.params import RowId, SessionDep

router = APIRouter(include_in_schema=False)


def _refused(session: SessionDep, exc: ReviewError) -> HTTPException:
    session.rollback()
    return HTTPException(404 if str(exc).startswith("no ") else 400, str(exc))


@router.post("/speakers/merge")
def merge_speaker(
    session: SessionDep,
    editor: EditorDep,
    merged: Annotated[str, Form(max_length=200)],
    into: Annotated[str, Form(max_length=200)],
) -> Response:
    """Merge one speaker into another; their statements follow, the name becomes an alias."""
    try:
        merge_speakers(session, merged_slug=merged, into_slug=into, editor=editor)
    except ReviewError as exc:
        raise _refused(session, exc) from None
    return RedirectResponse(f"/?speaker={into}&include_commentators=1", status_code=303)


@router.post("/statements/{statement_id}/merge")
def merge_statement(
    session: SessionDep,
    editor: EditorDep,
    statement_id: RowId,
    other: Annotated[int, Form(ge=1, le=MAX_ID)],
) -> Response:
    """Join statement `other` into this one (the same utterance stored twice)."""
    try:
        merge_statements(session, kept_id=statement_id, merged_id=other, editor=editor)
    except ReviewError as exc:
        raise _refused(session, exc) from None
    return RedirectResponse(f"/statements/{statement_id}", status_code=303)


@router.post("/statements/{statement_id}/split")
def split_statement(
    session: SessionDep,
    editor: EditorDep,
    statement_id: RowId,
    source: Annotated[int, Form(ge=1, le=MAX_ID)],
) -> Response:
    """Make one report of this statement a statement of its own, to correct next."""
    try:
        new_id = split_source(session, statement_id=statement_id, source_id=source, editor=editor)
    except ReviewError as exc:
        raise _refused(session, exc) from None
    return RedirectResponse(f"/statements/{new_id}", status_code=303)
