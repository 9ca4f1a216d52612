"""The articles (`/articles`) and one article's text with its evidence highlighted."""

from typing import Literal

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import HTMLResponse

from app import crud
from app.web.params import RowId, SessionDep
from app.web.templating import templates

router = APIRouter()


@router.get("/articles", response_class=HTMLResponse, include_in_schema=False)
def article_list(
    request: Request, session: SessionDep, order: Literal["newest", "oldest"] = "newest"
) -> HTMLResponse:
    """Every article by publication date, with how many statements it gave."""
    articles = crud.list_articles(session, newest_first=order == "newest")
    context = {"articles": articles, "order": order}
    return templates.TemplateResponse(request, "articles.html", context)


@router.get("/articles/{article_id}", response_class=HTMLResponse, include_in_schema=False)
def article_page(request: Request, session: SessionDep, article_id: RowId) -> HTMLResponse:
    """The article's full text, each statement's evidence marked, and those statements."""
    detail = crud.get_article_detail(session, article_id)
    if detail is None:
        raise HTTPException(404, f"no article {article_id}")
    return templates.TemplateResponse(request, "article.html", {"detail": detail})
