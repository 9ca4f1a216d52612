"""Adding articles (`/articles/new`): upload files, paste text or give URLs, with the
editor's title, publisher, URL and date; the work runs as a background job whose progress
page (`/jobs/{id}`) the browser polls."""

import datetime as dt

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from pydantic import ValidationError
from starlette.datastructures import FormData, UploadFile

from app.config import get_settings
from app.crud.jobs import NewItem, create_job, get_job
from app.jobs import RUNNER
from app.loading import LoadError, check_suffix, size_text
from app.sources_meta import ArticleMeta, check_published
from app.web.auth import EditorDep, signed_in_name
from app.web.params import RowId, SessionDep, is_htmx
from app.web.templating import templates

router = APIRouter(include_in_schema=False)

MAX_ITEMS = 100  # files and URLs in one job
META_FIELDS = ("title", "publisher", "url", "published")


class AddError(ValueError):
    """The form cannot become a job; the message says why (status: 400 or 413)."""

    def __init__(self, message: str, status: int = 400) -> None:
        super().__init__(message)
        self.status = status


@router.get("/articles/new", response_class=HTMLResponse)
def add_form(request: Request) -> HTMLResponse:
    """The form for adding articles (editors only can submit it)."""
    return _form(request, {}, None, 200)


def _form(request: Request, values: dict[str, str], error: str | None, status: int) -> HTMLResponse:
    context = {
        "values": values,
        "error": error,
        "signed_in": signed_in_name(request) is not None,
        "max_size": size_text(get_settings().article_max_bytes),
        "max_items": MAX_ITEMS,
    }
    return templates.TemplateResponse(request, "add_articles.html", context, status_code=status)


@router.post("/articles/new")
async def add_articles(request: Request, session: SessionDep, editor: EditorDep) -> Response:
    """Queue the files, text and URLs as one job and show its progress."""
    form = await request.form(max_files=MAX_ITEMS, max_fields=50)
    values = {k: str(form.get(k) or "") for k in (*META_FIELDS, "text", "urls")}
    try:
        for name, value in values.items():
            if "\x00" in value:  # PostgreSQL refuses it in text; no title or URL holds one
                raise AddError(f"{name} contains a NUL character")
        meta = meta_from(values)
        items = await items_from(form)
    except AddError as exc:
        return _form(request, values, str(exc), exc.status)
    job_id = create_job(session, items=items, meta=meta, user_id=editor.id)
    RUNNER.submit(job_id)
    return RedirectResponse(f"/jobs/{job_id}", status_code=303)


def meta_from(values: dict[str, str]) -> ArticleMeta:
    """The editor's metadata for the new articles; an empty field leaves it to the page."""
    given = {k: values[k].strip() for k in META_FIELDS if values.get(k, "").strip()}
    if "published" in given:
        try:
            day = dt.date.fromisoformat(given["published"])
        except ValueError:
            raise AddError(f"publication date {given['published']!r} is not YYYY-MM-DD") from None
        try:
            check_published(day)  # the engine reckons "last week" from it
        except ValueError as exc:
            raise AddError(str(exc)) from None
        given["published_basis"] = "analyst"
    if "url" in given and not given["url"].startswith(("http://", "https://")):
        raise AddError("the article's URL must start with http:// or https://")
    try:
        return ArticleMeta.model_validate(given)
    except ValidationError as exc:
        raise AddError(str(exc.errors()[0]["msg"])) from None


async def items_from(form: FormData) -> list[NewItem]:
    """The uploaded files, the pasted text and the URLs of the form, checked and capped."""
    cap = get_settings().article_max_bytes
    too_large = f"larger than {size_text(cap)}, the most an article may be"
    items: list[NewItem] = []
    for upload in form.getlist("files"):
        if not isinstance(upload, UploadFile) or not upload.filename:
            continue  # the empty file field of a form without files
        try:
            check_suffix(upload.filename)
        except LoadError as exc:
            # One file the tracker cannot read fails on its own; the others still go in.
            items.append(NewItem("file", upload.filename, failure=str(exc)))
            continue
        data = await upload.read(cap + 1)
        if len(data) > cap:
            raise AddError(f"{upload.filename} is {too_large}; nothing was added", 413)
        if not data.strip():
            items.append(NewItem("file", upload.filename, failure=f"{upload.filename} is empty"))
            continue
        items.append(NewItem("file", upload.filename, data))
    text = str(form.get("text") or "")
    if text.strip():
        data = text.encode("utf-8")
        if len(data) > cap:
            raise AddError(f"the pasted text is {too_large}; nothing was added", 413)
        items.append(NewItem("text", "pasted text", data))
    for line in str(form.get("urls") or "").splitlines():
        url = line.strip()
        if not url:
            continue
        if not url.startswith(("http://", "https://")) or len(url) > 2000:
            raise AddError(f"{url[:200]!r} is not an http or https URL")
        items.append(NewItem("url", url))
    if not items:
        raise AddError("choose files, paste text or give URLs to add")
    if len(items) > MAX_ITEMS:
        raise AddError(f"at most {MAX_ITEMS} files and URLs at once; got {len(items)}")
    return items


@router.get("/jobs/{job_id}", response_class=HTMLResponse)
def job_page(request: Request, session: SessionDep, job_id: RowId) -> Response:
    """A job's progress; polled by HTMX until finished, then it leads to the new article."""
    job = get_job(session, job_id)
    if job is None:
        raise HTTPException(404, f"no job {job_id}")
    if is_htmx(request):
        response = templates.TemplateResponse(
            request, "job.html", {"job": job}, block_name="progress"
        )
        if job.finished and len(job.articles) == 1 and not job.failed:
            # One article: go and review its statements (the page would offer the link).
            response.headers["HX-Redirect"] = f"/articles/{job.articles[0]}"
        return response
    return templates.TemplateResponse(request, "job.html", {"job": job})
