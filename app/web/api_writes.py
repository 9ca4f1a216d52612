"""The JSON API's writes, for scripts with an editor's personal token
(`Authorization: Bearer ...`, made by `python -m app users token NAME`): correct or review
a statement, add one, add articles (text or URL) and follow the job that reads them.
Without a valid token (or a signed-in browser session with its CSRF token) a write gets
401; a bad value 400, a PATCH based on an older `version` than the stored one 409."""

from typing import Annotated

from fastapi import APIRouter, HTTPException
from fastapi.responses import JSONResponse
from pydantic import AfterValidator, BaseModel, ConfigDict, Field, model_validator

from app import crud
from app.config import get_settings
from app.crud.jobs import NewItem, create_job, get_job
from app.jobs import RUNNER
from app.loading import size_text
from app.sources_meta import ArticleMeta, check_published
from app.validation import IsoDate
from app.web.api import StatementOut
from app.web.auth import EditorDep
from app.web.params import RowId, SessionDep

router = APIRouter(prefix="/api")

_WRITE_ERRORS = {
    401: {"description": "No editor: sign in or send a valid Bearer token"},
    403: {"description": "A browser session without its CSRF token"},
}


def _statement_out(session: SessionDep, statement_id: int) -> StatementOut:
    row = crud.get_statement(session, statement_id)
    if row is None:
        raise HTTPException(404, f"no statement with id {statement_id}")
    return StatementOut.model_validate(row)


@router.patch(
    "/statements/{statement_id}",
    tags=["review"],
    responses={
        **_WRITE_ERRORS,
        404: {"description": "No such statement"},
        409: {
            "description": "The statement changed since the `version` sent was read; "
            "nothing was saved"
        },
    },
)
def patch_statement(
    session: SessionDep,
    editor: EditorDep,
    statement_id: RowId,
    patch: crud.StatementPatch,
) -> StatementOut:
    """Correct fields or set the status (`verified`, `rejected`, `extracted`); every change
    is recorded with the editor's name. Fields left out stay as they are. Send the
    `version` you read, so that a change someone else made meanwhile is not overwritten."""
    try:
        crud.review_statement(session, statement_id=statement_id, patch=patch, editor=editor)
    except crud.ConflictError as exc:
        raise HTTPException(
            409, f"{exc}: get it again to see the change, and send its version"
        ) from None
    except crud.ReviewError as exc:
        raise HTTPException(404 if "no statement" in str(exc) else 400, str(exc)) from None
    return _statement_out(session, statement_id)


@router.post("/statements", tags=["review"], status_code=201, responses=_WRITE_ERRORS)
def post_statement(session: SessionDep, editor: EditorDep, new: crud.NewStatement) -> StatementOut:
    """Add a statement the engine missed: its evidence is `text[start:end]` of the article."""
    try:
        statement = crud.add_statement(session, new=new, editor=editor)
    except crud.ReviewError as exc:
        raise HTTPException(404 if "no article" in str(exc) else 400, str(exc)) from None
    assert statement.id is not None
    return _statement_out(session, statement.id)


class ArticleIn(BaseModel):
    """An article to add: its text, or a URL to fetch it from; metadata optional."""

    model_config = ConfigDict(extra="forbid")

    text: str | None = Field(
        default=None,
        description=(
            "The article's text: at most ARTICLE_MAX_BYTES bytes as UTF-8 (5 MB by default), "
            "413 beyond"
        ),
    )
    url: str | None = Field(
        default=None,
        max_length=2000,
        pattern=r"^https?://",
        description="Fetched when no text is given; else the original's address",
    )
    title: str | None = Field(default=None, max_length=500)
    publisher: str | None = Field(default=None, max_length=200)
    # One the engine can reckon "last week" from, as everywhere an article comes in.
    published: Annotated[IsoDate, AfterValidator(check_published)] | None = None

    @model_validator(mode="after")
    def _text_or_url(self) -> "ArticleIn":
        if not (self.text or "").strip() and not self.url:
            raise ValueError("give the article's text or its url")
        return self


class JobItemOut(BaseModel):
    label: str
    state: str = Field(description="queued, running, done, skipped or failed")
    message: str | None
    article_id: int | None
    statements_new: int
    statements_merged: int


class JobOut(BaseModel):
    id: int
    state: str = Field(description="queued, running or done")
    total: int
    worked: int
    failed: int
    items: list[JobItemOut]
    url: str = Field(description="Where to follow the job")


def _job_out(session: SessionDep, job_id: int) -> JobOut:
    job = get_job(session, job_id)
    if job is None:
        raise HTTPException(404, f"no job with id {job_id}")
    items = [
        JobItemOut(
            label=i.label,
            state=i.state,
            message=i.message,
            article_id=i.article_id,
            statements_new=i.statements_new,
            statements_merged=i.statements_merged,
        )
        for i in job.items
    ]
    return JobOut(
        id=job.id,
        state=job.state,
        total=job.total,
        worked=job.worked,
        failed=job.failed,
        items=items,
        url=f"/api/jobs/{job.id}",
    )


@router.post(
    "/articles",
    tags=["articles"],
    status_code=202,
    responses={**_WRITE_ERRORS, 413: {"description": "The text is larger than an article may be"}},
)
def post_article(session: SessionDep, editor: EditorDep, article: ArticleIn) -> JSONResponse:
    """Queue an article for extraction; follow the returned job's `url` until `done`."""
    meta = ArticleMeta(
        title=article.title,
        publisher=article.publisher,
        url=article.url if article.text else None,
        published=article.published,
        published_basis="analyst" if article.published else None,
    )
    cap = get_settings().article_max_bytes
    if len((article.text or "").encode("utf-8")) > cap:
        raise HTTPException(
            413, f"the text is larger than {size_text(cap)}, the most an article may be"
        )
    if (article.text or "").strip():
        item = NewItem("text", "text sent to the API", (article.text or "").encode("utf-8"))
    else:
        item = NewItem("url", article.url or "")
    job_id = create_job(session, items=[item], meta=meta, user_id=editor.id)
    RUNNER.submit(job_id)
    out = _job_out(session, job_id)
    return JSONResponse(out.model_dump(), status_code=202, headers={"Location": out.url})


@router.get("/jobs/{job_id}", tags=["articles"], responses={404: {"description": "No such job"}})
def api_job(session: SessionDep, job_id: RowId) -> JobOut:
    """An ingest job's progress and each item's outcome (with the article it made)."""
    return _job_out(session, job_id)
