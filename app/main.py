"""The FastAPI application: pages, export, JSON API, static files and the health check."""

from typing import Annotated

from fastapi import Depends, FastAPI
from fastapi.staticfiles import StaticFiles
from sqlmodel import Session

from app.config import ROOT
from app.db import get_session
from app.web import api, api_docs, articles, catalog, compare, export, statement_page, timeline
from app.web.errors import install_error_handlers

app = FastAPI(
    title="Peace Terms Tracker",
    summary="Dated statements of conditions for ending the Russia-Ukraine war, by speaker.",
    docs_url=None,  # served from vendored assets by app.web.api_docs, not from a CDN
    redoc_url=None,
)
app.mount("/static", StaticFiles(directory=ROOT / "static"), name="static")
install_error_handlers(app)
app.include_router(timeline.router)
app.include_router(statement_page.router)
app.include_router(articles.router)
app.include_router(compare.router)
app.include_router(catalog.router)
app.include_router(export.router)
app.include_router(api.router)
app.include_router(api_docs.router)


@app.get("/healthz", include_in_schema=False)
def healthz(session: Annotated[Session, Depends(get_session)]) -> dict[str, str]:
    """Liveness and database reachability, for load balancers and `serve` checks."""
    session.connection().exec_driver_sql("SELECT 1")
    return {"status": "ok"}
