"""An editor's work on stored articles: correct the metadata (`/articles/{id}/edit`, with
a preview of the statement dates a new publication date moves) and re-extract one
article or all of them as a background job."""

from typing import Annotated

from fastapi import APIRouter, Form, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from pydantic import ValidationError
from sqlmodel import select

from app.crud.article_edits import ArticleEdit, DatePreview, edit_article, preview_published
from app.crud.jobs import NewItem, create_job
from app.jobs import RUNNER
from app.models import Article
from app.sources_meta import ArticleMeta, check_published
from app.web.auth import EditorDep, signed_in_name
from app.web.params import RowId, SessionDep
from app.web.templating import templates

router = APIRouter(include_in_schema=False)


def _article(session: SessionDep, article_id: int) -> Article:
    article = session.get(Article, article_id)
    if article is None:
        raise HTTPException(404, f"no article {article_id}")
    return article


def _form(
    request: Request,
    article: Article,
    values: dict[str, str],
    *,
    preview: DatePreview | None = None,
    error: str | None = None,
    status: int = 200,
) -> HTMLResponse:
    context = {"article": article, "values": values, "preview": preview, "error": error}
    return templates.TemplateResponse(request, "article_edit.html", context, status_code=status)


@router.get("/articles/{article_id}/edit", response_class=HTMLResponse)
def edit_form(request: Request, session: SessionDep, article_id: RowId) -> HTMLResponse:
    """The article's title, publisher, URL and publication date as a form."""
    if signed_in_name(request) is None:
        raise HTTPException(401, "sign in as an editor to make changes")
    article = _article(session, article_id)
    values = {
        "title": article.title or "",
        "publisher": article.publisher or "",
        "url": article.url or "",
        "published": article.published.isoformat() if article.published else "",
    }
    return _form(request, article, values)


@router.post("/articles/{article_id}/edit")
def save_edit(
    request: Request,
    session: SessionDep,
    article_id: RowId,
    editor: EditorDep,
    title: Annotated[str, Form()] = "",
    publisher: Annotated[str, Form()] = "",
    url: Annotated[str, Form()] = "",
    published: Annotated[str, Form()] = "",
    action: Annotated[str, Form()] = "preview",
) -> Response:
    """Preview what a new publication date moves, or save the metadata."""
    article = _article(session, article_id)
    values = {"title": title, "publisher": publisher, "url": url, "published": published}
    try:
        edit = ArticleEdit.model_validate({k: v.strip() or None for k, v in values.items()})
    except ValidationError as exc:
        where = ".".join(str(p) for p in exc.errors()[0]["loc"])
        message = f"{where}: {exc.errors()[0]['msg']}"
        return _form(request, article, values, error=message, status=400)
    if edit.published is not None:
        try:
            check_published(edit.published)  # the dates moved are reckoned from it
        except ValueError as exc:
            return _form(request, article, values, error=str(exc), status=400)
    date_changes = edit.published != article.published
    if action == "preview" and date_changes:
        preview = preview_published(session, article_id, edit.published)
        return _form(request, article, values, preview=preview)
    edit_article(session, article_id=article_id, edit=edit, editor=editor)
    return RedirectResponse(f"/articles/{article_id}", status_code=303)


@router.post("/articles/{article_id}/reextract")
def reextract_one(session: SessionDep, article_id: RowId, editor: EditorDep) -> Response:
    """Re-run the engine on this article in the background; reviewed statements stay."""
    _article(session, article_id)
    job_id = create_job(
        session,
        items=[NewItem("reextract", f"article {article_id}", str(article_id).encode())],
        meta=ArticleMeta(),
        user_id=editor.id,
    )
    RUNNER.submit(job_id)
    return RedirectResponse(f"/jobs/{job_id}", status_code=303)


@router.post("/articles/reextract")
def reextract_every(session: SessionDep, editor: EditorDep) -> Response:
    """Re-run the engine on every stored article, one job item per article."""
    ids = [i for i in session.exec(select(Article.id).order_by(Article.id)) if i is not None]
    if not ids:
        raise HTTPException(400, "there is no article to re-extract")
    items = [NewItem("reextract", f"article {i}", str(i).encode()) for i in ids]
    job_id = create_job(session, items=items, meta=ArticleMeta(), user_id=editor.id)
    RUNNER.submit(job_id)
    return RedirectResponse(f"/jobs/{job_id}", status_code=303)
