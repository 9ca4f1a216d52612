"""`/export.csv`: the filtered statements as a CSV download (format: app.export)."""

import datetime as dt
from collections.abc import Iterator
from typing import Annotated, Literal
from urllib.parse import quote

from fastapi import APIRouter, Query, Request
from fastapi.responses import StreamingResponse

from app import crud
from app.export import ascii_filename, export_filename, write_csv
from app.web.params import FiltersDep, SessionDep

router = APIRouter(tags=["export"])


def content_disposition(filename: str) -> str:
    """An attachment header with an ASCII name and the exact UTF-8 name (RFC 6266)."""
    return (
        f"attachment; filename=\"{ascii_filename(filename)}\"; filename*=UTF-8''{quote(filename)}"
    )


@router.get(
    "/export.csv",
    response_class=StreamingResponse,
    responses={
        200: {
            "content": {"text/csv": {"schema": {"type": "string"}}},
            "description": "UTF-8 CSV with a byte-order mark, CRLF line ends, one row per "
            "statement (as many as the timeline's total), or with per=condition one per "
            "statement and condition (only the conditions the filters ask for).",
        }
    },
)
def export_csv(
    request: Request,
    session: SessionDep,
    filters: FiltersDep,
    order: Literal["newest", "oldest"] = "newest",
    per: Annotated[
        Literal["statement", "condition"],
        Query(description="One row per statement (default), or per statement and condition"),
    ] = "statement",
) -> StreamingResponse:
    """Download the filtered statements as CSV, one row per statement (or per statement and
    condition); the file name says which."""
    statements = crud.iter_statements(session, filters, newest_first=order == "newest")
    site = str(request.base_url).rstrip("/")

    def chunks() -> Iterator[bytes]:
        for text in write_csv(statements, filters, site=site, per=per):
            yield text.encode("utf-8")

    name = export_filename(filters, dt.date.today(), per)
    return StreamingResponse(
        chunks(),
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": content_disposition(name)},
    )
