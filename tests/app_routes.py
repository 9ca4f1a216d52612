"""Every GET route of the web app as a URL to request, for the tests that must hold on all
of them (security headers, HEAD): a route added later is covered without editing a list,
and one whose path parameter has no sample here fails until it gets one."""

import re
from collections.abc import Iterator
from typing import Any

from conftest import sign_in
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import Engine
from sqlmodel import Session, select

from app.crud.jobs import NewItem, create_job
from app.crud.users import create_user
from app.models import Article, Statement
from app.sources_meta import ArticleMeta

ADMIN_NAME = "admin"
ADMIN_PASSWORD = "a long admin password"

# Query strings worth a request of their own besides the bare route: a filtered page, a
# page of the API with a `next` link, and one refused as a 400.
EXTRA_URLS = (
    "/?speaker=vladimir-putin&include_commentators=1",
    "/api/statements?limit=2",
    "/api/speakers?limit=1",
    "/?source=abc",
    "/api/statements?source=abc",
    "/no-such-page",
    "/api/no-such-route",
    "/static/style.css",
    "/static/favicon.svg",
    "/static/no-such-file.js",
)


def get_routes(app: FastAPI) -> Iterator[tuple[str, set[str]]]:
    """(path template, methods) of every route of the app, including the included routers'
    (newer FastAPI nests them in app.routes) and the static mount (no methods)."""
    try:
        from fastapi.routing import iter_route_contexts
    except ImportError:  # FastAPI before 0.16x: app.routes is flat
        routes: Any = app.routes
    else:
        routes = iter_route_contexts(app.routes)
    for route in routes:
        yield route.path, set(getattr(route, "methods", None) or ())


def sample_ids(engine: Engine) -> dict[str, str]:
    """A value for every path parameter: a seeded statement and article, a job, a file."""
    with Session(engine) as session:
        statement = session.exec(select(Statement.id).order_by(Statement.id)).first()
        article = session.exec(select(Article.id).order_by(Article.id)).first()
        job = create_job(
            session,
            items=[NewItem("text", "pasted text", failure="unreadable: a sample job")],
            meta=ArticleMeta(),
            user_id=None,
        )
    assert statement is not None and article is not None, "the database is not seeded"
    return {
        "statement_id": str(statement),
        "article_id": str(article),
        "job_id": str(job),
        "path": "style.css",
    }


def get_urls(app: FastAPI, ids: dict[str, str]) -> list[str]:
    """One URL per GET route (and the static mount) with `ids` filled in, then EXTRA_URLS."""
    urls = []
    for template, methods in get_routes(app):
        if methods and "GET" not in methods:
            continue
        if not methods:  # a mount: the static files
            template = template + "/{path}"
        names = re.findall(r"{(\w+)(?::\w+)?}", template)
        missing = [name for name in names if name not in ids]
        assert not missing, f"{template}: no sample value for {missing} in sample_ids()"
        urls.append(re.sub(r"{(\w+)(?::\w+)?}", lambda m: ids[m.group(1)], template))
    return [*urls, *EXTRA_URLS]


def sign_in_admin(client: TestClient, engine: Engine) -> None:
    """Sign the client in as an admin, so the editors' and admins' pages answer 200."""
    with Session(engine) as session:
        create_user(session, name=ADMIN_NAME, password=ADMIN_PASSWORD, is_admin=True)
    sign_in(client, ADMIN_NAME, ADMIN_PASSWORD)
