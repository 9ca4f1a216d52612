"""The FastAPI application: pages, static files and the health check."""

from typing import Annotated

from fastapi import Depends, FastAPI
from fastapi.staticfiles import StaticFiles
from sqlmodel import Session

from app.config import ROOT
from app.db import get_session
from app.web import statements

app = FastAPI(title="Peace Terms Tracker", docs_url=None, redoc_url=None)
app.mount("/static", StaticFiles(directory=ROOT / "static"), name="static")
app.include_router(statements.router)


@app.get("/healthz")
def healthz(session: Annotated[Session, Depends(get_session)]) -> dict[str, str]:
    """Liveness and database reachability, for load balancers and `serve` checks."""
    session.connection().exec_driver_sql("SELECT 1")
    return {"status": "ok"}
