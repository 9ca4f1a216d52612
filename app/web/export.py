"""`/export.csv`: the filtered statements as a CSV download (format: app.export)."""

import datetime as dt
from collections.abc import AsyncIterator, Iterator
from typing import Annotated, Literal
from urllib.parse import quote

from fastapi import APIRouter, Query, Request
from fastapi.responses import StreamingResponse
from sqlalchemy import Engine, Select
from starlette.concurrency import run_in_threadpool
from starlette.types import Receive, Scope, Send

from app.crud.export_rows import export_query, iter_export_batches
from app.export import ascii_filename, export_filename
from app.export_stream import write_csv_batches
from app.filters import StatementFilters
from app.web.params import FiltersDep, SessionDep

router = APIRouter(tags=["export"])


class ClosingStreamingResponse(StreamingResponse):
    """A StreamingResponse that closes its body as soon as the response ends, sent or cut
    short by the client (Starlette leaves that to the garbage collector), so the body's
    database connection goes back to the pool then."""

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        try:
            await super().__call__(scope, receive, send)
        finally:
            await self.body_iterator.aclose()  # type: ignore[attr-defined]


def csv_chunks(
    engine: Engine,
    query: Select,
    filters: StatementFilters,
    *,
    newest_first: bool,
    site: str,
    per: str,
) -> Iterator[bytes]:
    """The export's bytes, read on a connection of its own, held while the export lasts
    (the request's session is the dependency's, closed whenever FastAPI is done with it)."""
    with engine.connect() as connection:
        batches = iter_export_batches(connection, query, newest_first=newest_first)
        for text in write_csv_batches(batches, filters, site=site, per=per):
            yield text.encode("utf-8")


# Bytes read in one turn of a page thread: a small export is sent after one turn, not one
# turn per batch of rows plus one to find the end, each a wait in line for a thread.
SENT_AT_ONCE = 256 * 1024


async def in_threadpool(chunks: Iterator[bytes]) -> AsyncIterator[bytes]:
    """`chunks` read in a worker thread (they wait on the database), up to SENT_AT_ONCE
    bytes a turn, and closed, their connection released, when the response ends however it
    ends."""
    try:
        more = True
        # A cancelled request waits for the chunks being read, so closing never races it.
        while more:
            data, more = await run_in_threadpool(_read_some, chunks)
            if data:
                yield data
    finally:
        chunks.close()


def _read_some(chunks: Iterator[bytes]) -> tuple[bytes, bool]:
    """The next chunks joined, up to about SENT_AT_ONCE bytes, and whether more follow."""
    parts: list[bytes] = []
    size = 0
    while size < SENT_AT_ONCE:
        chunk = next(chunks, None)
        if chunk is None:
            return b"".join(parts), False
        parts.append(chunk)
        size += len(chunk)
    return b"".join(parts), True


def content_disposition(filename: str) -> str:
    """An attachment header with an ASCII name and the exact UTF-8 name (RFC 6266)."""
    return (
        f"attachment; filename=\"{ascii_filename(filename)}\"; filename*=UTF-8''{quote(filename)}"
    )


@router.get(
    "/export.csv",
    response_class=ClosingStreamingResponse,
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
) -> ClosingStreamingResponse:
    """Download the filtered statements as CSV, one row per statement (or per statement and
    condition); the file name says which."""
    chunks = csv_chunks(
        session.get_bind().engine,
        export_query(session, filters),
        filters,
        newest_first=order == "newest",
        site=str(request.base_url).rstrip("/"),
        per=per,
    )
    name = export_filename(filters, dt.date.today(), per)
    return ClosingStreamingResponse(
        in_threadpool(chunks),
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": content_disposition(name)},
    )
