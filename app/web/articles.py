"""The articles (`/articles`) and one article's text with its evidence highlighted."""

from typing import Annotated, Literal

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, PlainTextResponse

from app import crud
from app.crud.catalog import ArticleHit, article_text, search_articles
from app.filters import MAX_QUERY_LENGTH
from app.search_query import SearchError, SearchQuery, parse_search
from app.web.params import RowId, SessionDep
from app.web.templating import templates

router = APIRouter()


@router.get("/articles", response_class=HTMLResponse, include_in_schema=False)
def article_list(
    request: Request,
    session: SessionDep,
    order: Literal["newest", "oldest"] = "newest",
    q: Annotated[str | None, Query(description="Search of titles and text")] = None,
) -> HTMLResponse:
    """Every article by publication date, with how many statements it gave; with `q`, the
    articles whose title or text the search finds, each with its text around the hit."""
    q = (q or "").strip()
    newest_first = order == "newest"
    query = _read_search(q) if q else None
    # Punctuation alone seeks nothing; only exclusions ("-NATO") seek everything else.
    searched = query is not None and bool(query.groups or query.excluded)
    if query is not None and searched:
        hits = search_articles(session, query, newest_first=newest_first)
    else:
        hits = [ArticleHit(a, None) for a in crud.list_articles(session, newest_first=newest_first)]
    context = {"hits": hits, "order": order, "q": q, "searched": searched}
    return templates.TemplateResponse(request, "articles.html", context)


def _read_search(q: str) -> SearchQuery:
    """The search box read; a 400 that says how to fix it when it cannot be."""
    if len(q) > MAX_QUERY_LENGTH:
        raise HTTPException(400, f"q is longer than {MAX_QUERY_LENGTH} characters")
    try:
        return parse_search(q)
    except SearchError as error:
        raise HTTPException(400, f"q: {error}") from None


@router.get("/articles/{article_id}", response_class=HTMLResponse, include_in_schema=False)
def article_page(
    request: Request,
    session: SessionDep,
    article_id: RowId,
    part: Annotated[int, Query(ge=1, le=1_000_000, description="Part of a long text")] = 1,
) -> HTMLResponse:
    """The article's text, each statement's evidence marked, and those statements; a long
    text in parts of at most 100,000 characters (`?part=2`), so a page stays small."""
    detail = crud.get_article_detail(session, article_id, part=part)
    if detail is None:
        raise HTTPException(404, f"no article {article_id}")
    if part > detail.parts:
        raise HTTPException(404, f"article {article_id} has {detail.parts} parts, not {part}")
    return templates.TemplateResponse(request, "article.html", {"detail": detail})


@router.get("/articles/{article_id}/text", include_in_schema=False)
def article_download(session: SessionDep, article_id: RowId) -> PlainTextResponse:
    """The article's whole text as stored, as a plain-text file."""
    text = article_text(session, article_id)
    if text is None:
        raise HTTPException(404, f"no article {article_id}")
    disposition = f'attachment; filename="article-{article_id}.txt"'
    return PlainTextResponse(text, headers={"Content-Disposition": disposition})
