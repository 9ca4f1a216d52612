"""`/feed.atom`: the newest statements of any filtered view as an Atom feed, so a feed
reader follows "Russia, territory" without an account. Same filters as the timeline."""

from fastapi import APIRouter, Request
from fastapi.responses import Response

from app import crud
from app.extraction.conditions import condition_labels
from app.feed import atom_feed
from app.web.params import FiltersDep, SessionDep
from app.web.templating import query_string

router = APIRouter(tags=["export"])

FEED_SIZE = 50


def feed_title(filters_items: list[tuple[str, str]]) -> str:
    """ "Peace Terms Tracker: side=Russia, condition=territory"."""
    described = ", ".join(f"{name}={value}" for name, value in filters_items)
    return "Peace Terms Tracker" + (f": {described}" if described else ": all statements")


@router.get(
    "/feed.atom",
    response_class=Response,
    responses={200: {"content": {"application/atom+xml": {}}, "description": "Atom feed"}},
)
def feed(request: Request, session: SessionDep, filters: FiltersDep) -> Response:
    """The 50 statements stored last among those the filters keep, newest first."""
    page = crud.search_statements(session, filters, limit=FEED_SIZE, recently_stored=True)
    site = str(request.base_url).rstrip("/")
    items = filters.query_items()
    body = atom_feed(
        page.items,
        title=feed_title(items),
        site=site,
        self_url=f"{site}/feed.atom{query_string(items)}",
        page_url=f"{site}/{query_string(items)}",
        labels=condition_labels(),
    )
    return Response(body, media_type="application/atom+xml; charset=utf-8")
