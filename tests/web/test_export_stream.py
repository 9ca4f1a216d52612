"""`/export.csv` as a stream: batch boundaries (ties on a date, a statement's conditions,
undated statements) change nothing in the file, the file is byte for byte what the plain
`write_csv` writes of the same statements, and the stream reads on a connection of its
own, held while it lasts and released when the client leaves."""

import asyncio
import csv
import datetime as dt
import io

import pytest
from factories import FakeEngine, extraction, statement
from fastapi.testclient import TestClient
from own_thread import in_own_thread
from sqlalchemy import Engine, event
from sqlmodel import Session, col, select
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request

from app import crud
from app.crud.export_rows import export_query, iter_export_batches
from app.crud.search import matching_ids, timeline_order
from app.crud.statements import row_loads, to_row
from app.export import write_csv
from app.export_stream import write_csv_batches
from app.extraction.records import SpeakerEntry
from app.filters import StatementFilters
from app.models import Article, Source, Speaker, Statement, StatementCondition
from app.sources_meta import ArticleMeta

SPEAKERS = [
    SpeakerEntry("vladimir-putin", "Vladimir Putin", "Russia", "person"),
    SpeakerEntry("sergei-lavrov", "Sergei Lavrov", "Russia", "person"),
    SpeakerEntry("volodymyr-zelensky", "Volodymyr Zelensky", "Ukraine", "person"),
]
# Dates with many statements each (ties the keyset must break by id), a month and a year
# (whose first day sorts among the days), and none (undated, listed last).
DATES = ["2024-07-05"] * 7 + ["2024-07"] * 3 + ["2024-06-30"] * 2 + ["2024"] * 2 + [None] * 5
PRECISION = {10: "day", 7: "month", 4: "year", 0: "unknown"}
CONDITIONS = [
    [("ceasefire", "reject")],
    [("territory", "demand", ("Donetsk", "Luhansk")), ("ceasefire", "support")],
    [("negotiations", "offer"), ("territory", "reject", ("Crimea",)), ("sanctions", "demand")],
]
# Statements a batch: far fewer than there are, so every kind of boundary is crossed.
SMALL = {"FIRST_BATCH": 2, "BATCH": 3}

Params = list[tuple[str, str]]
VARIANTS: list[Params] = [
    [],
    [("per", "condition")],
    [("order", "oldest")],
    [("order", "oldest"), ("per", "condition")],
    [("condition", "territory"), ("per", "condition")],
    [("speaker", "sergei-lavrov"), ("order", "oldest")],
    [("precision", "unknown")],
]


def seed_ties(session: Session) -> None:
    """Two articles' worth of statements, most of them sharing a date with others."""
    for article in range(2):
        sentences = [
            f"Statement {i} of article {article} was about talks number {i * 7 + article}."
            for i in range(len(DATES))
        ]
        text = "\n".join(sentences) + "\n"
        statements = [
            statement(
                text,
                sentence,
                speaker=SPEAKERS[i % len(SPEAKERS)],
                conditions=CONDITIONS[i % len(CONDITIONS)],
                date=date,
                precision=PRECISION[len(date or "")],
            )
            for i, (sentence, date) in enumerate(zip(sentences, DATES, strict=True))
        ]
        meta = ArticleMeta(title=f"Article {article}", publisher="Wire")
        crud.ingest_article(
            session,
            text=text,
            file_name=f"ties-{article}.txt",
            meta=meta,
            extract=FakeEngine({text: extraction(statements)}),
        )


@pytest.fixture
def tied_client(client: TestClient, session: Session) -> TestClient:
    seed_ties(session)
    return client


class OpenConnections:
    """How many connections of the engine's pool are out now (any pool, NullPool too)."""

    def __init__(self, engine: Engine) -> None:
        self.count = 0
        event.listen(engine.pool, "checkout", self._out)
        event.listen(engine.pool, "checkin", self._back)

    def _out(self, *args: object) -> None:
        self.count += 1

    def _back(self, *args: object) -> None:
        self.count -= 1


def records(content: bytes) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(content.decode("utf-8-sig"), newline="")))


def api_items(client: TestClient, params: Params) -> list[dict]:
    """The API's statements for the filters, in the timeline's order."""
    filters = [(k, v) for k, v in params if k != "per"]
    page = client.get("/api/statements", params=[*filters, ("limit", "500")]).json()
    assert page["next"] is None
    return page["items"]


@pytest.mark.parametrize("params", VARIANTS, ids=lambda p: "&".join(map("=".join, p)) or "all")
def test_small_batches_give_the_file_of_one_batch(
    tied_client: TestClient, params: Params, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("app.crud.export_rows.FIRST_BATCH", 10_000)
    monkeypatch.setattr("app.crud.export_rows.BATCH", 10_000)
    whole = tied_client.get("/export.csv", params=params).content
    for name, size in SMALL.items():
        monkeypatch.setattr(f"app.crud.export_rows.{name}", size)
    batched = tied_client.get("/export.csv", params=params).content
    assert batched == whole
    assert len(records(batched)) > 2 * SMALL["BATCH"]


@pytest.mark.parametrize("params", VARIANTS, ids=lambda p: "&".join(map("=".join, p)) or "all")
def test_small_batches_keep_the_timeline_order_and_every_condition(
    tied_client: TestClient, params: Params, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name, size in SMALL.items():
        monkeypatch.setattr(f"app.crud.export_rows.{name}", size)
    rows = records(tied_client.get("/export.csv", params=params).content)
    items = api_items(tied_client, params)
    # The same statements in the same order, each once and its rows together.
    assert list(dict.fromkeys(r["statement_id"] for r in rows)) == [str(i["id"]) for i in items]
    if ("per", "condition") in params:
        wanted = {v for k, v in params if k == "condition"}
        expected = [
            (str(i["id"]), c["condition"], c["stance"])
            for i in items
            for c in i["conditions"]
            if not wanted or c["condition"] in wanted
        ]
        assert [(r["statement_id"], r["condition"], r["stance"]) for r in rows] == expected
    else:
        assert len(rows) == len(items)
        for row, item in zip(rows, items, strict=True):
            assert row["condition"] == "; ".join(c["condition"] for c in item["conditions"])


def test_undated_statements_come_last_newest_stored_first(
    tied_client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name, size in SMALL.items():
        monkeypatch.setattr(f"app.crud.export_rows.{name}", size)
    for order in ("newest", "oldest"):
        rows = records(tied_client.get(f"/export.csv?order={order}").content)
        dates = [r["date"] for r in rows]
        undated = [int(r["statement_id"]) for r in rows if not r["date"]]
        assert len(undated) == 2 * DATES.count(None)
        assert dates[-len(undated) :] == [""] * len(undated)
        assert undated == sorted(undated, reverse=True)


def test_the_stream_reads_on_its_own_connection_after_the_request_session_closed(
    tied_client: TestClient, engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    from app.web.export import export_csv

    for name, size in SMALL.items():
        monkeypatch.setattr(f"app.crud.export_rows.{name}", size)
    expected = tied_client.get("/export.csv?per=condition").content
    scope = {"type": "http", "scheme": "http", "server": ("testserver", 80), "path": "/"}
    scope |= {"headers": [], "query_string": b"", "root_path": ""}
    opened = OpenConnections(engine)
    # The request's session on a connection that is closed before the body is read, as
    # the session dependency may be: reading through it would raise.
    with engine.connect() as connection:
        request_session = Session(bind=connection)
        response = export_csv(Request(scope), request_session, StatementFilters(), per="condition")
        request_session.close()
    assert connection.closed

    async def body() -> bytes:
        return b"".join([chunk async for chunk in response.body_iterator])

    assert run_apart(body()) == expected
    assert opened.count == 0  # the stream's own connection went back


@pytest.mark.parametrize("spec_version", ["2.0", "2.4"])
def test_a_client_leaving_mid_stream_releases_the_connection_at_once(
    tied_client: TestClient, engine: Engine, monkeypatch: pytest.MonkeyPatch, spec_version: str
) -> None:
    from app.main import app

    for name, size in SMALL.items():
        monkeypatch.setattr(f"app.crud.export_rows.{name}", size)
    monkeypatch.setattr("app.web.export.SENT_AT_ONCE", 1)  # each batch sent on its own
    whole = tied_client.get("/export.csv").content
    scope = {
        "type": "http",
        "asgi": {"version": "3.0", "spec_version": spec_version},
        "http_version": "1.1",
        "method": "GET",
        "scheme": "http",
        "path": "/export.csv",
        "raw_path": b"/export.csv",
        "query_string": b"",
        "root_path": "",
        "headers": [(b"host", b"testserver")],
        "client": ("127.0.0.1", 50000),
        "server": ("testserver", 80),
        "state": {},
    }
    received: list[bytes] = []
    opened = OpenConnections(engine)

    async def leave_after_two_chunks() -> None:
        gone = asyncio.Event()

        async def receive() -> dict:
            await gone.wait()
            return {"type": "http.disconnect"}

        async def send(message: dict) -> None:
            if message["type"] != "http.response.body":
                return
            if gone.is_set():
                raise OSError("connection reset")  # what an ASGI 2.4 server does
            received.append(message["body"])
            if len(received) == 2:
                gone.set()
                await asyncio.sleep(0.05)  # let the server notice

        try:
            await app(scope, receive, send)
        except Exception:  # the server's business (ClientDisconnect)
            pass
        # Checked before the loop runs again: a garbage collector's close comes later.
        assert opened.count == 0

    run_apart(leave_after_two_chunks())
    assert 2 <= len(received) and len(b"".join(received)) < len(whole)


def test_a_small_export_is_read_in_one_turn_of_a_page_thread(
    tied_client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name, size in SMALL.items():
        monkeypatch.setattr(f"app.crud.export_rows.{name}", size)  # many batches
    turns = []

    async def counted(call, *args):
        turns.append(call)
        return await run_in_threadpool(call, *args)

    monkeypatch.setattr("app.web.export.run_in_threadpool", counted)
    whole = tied_client.get("/export.csv")
    assert whole.status_code == 200 and whole.text.count("\r\n") > 3 * SMALL["BATCH"]
    assert len(turns) == 1

    monkeypatch.setattr("app.web.export.SENT_AT_ONCE", 1)
    turns.clear()
    assert tied_client.get("/export.csv").content == whole.content
    assert len(turns) > 3


def run_apart(coroutine):
    """asyncio.run, in a thread of its own (tests/own_thread.py says why)."""
    return in_own_thread(asyncio.run, coroutine)


# Cells a spreadsheet would run or a CSV reader would split: quotes, commas, line breaks,
# every formula trigger, non-ASCII, empty. (Kinds, stances, statuses, precisions and date
# bases are the codebook's: the models refuse others.)
AWKWARD = [
    'He said, "no ceasefire", then left.\nLine two',
    '=HYPERLINK("http://x","y")',
    "-1+1",
    "+7 495 123",
    "@SUM(A1)",
    "\t=1+1",
    "\r=1+1, said\r\n",
    "a lone\rcarriage return",
    "Зеленський: «мир» — now",
    "plain words",
    "",
]
AWKWARD_REGIONS = [[], ["Donbas"], ["Donbas", "Donbas", "Crimea"], ["=Evil", "A, B"], ["Donbass"]]
AWKWARD_CONDITIONS = [
    [],
    [("territory", "demand")],
    [("ceasefire", "reject"), ("territory", "support"), ('=weird, "one"', "offer")],
    [("negotiations", "offer"), ("sanctions", "demand")],
]


def seed_awkward(session: Session) -> None:
    """Statements whose every kind of cell is awkward somewhere: reported by no, one, two
    articles or by one article twice; with no, one or several conditions; dated at every
    precision or undated."""
    speakers = [
        Speaker(slug=f"speaker-{i}", name=name, side=side, kind="person")
        for i, (name, side) in enumerate(
            [('Doe, "Jane"', "Russia"), ("=Evil", "Ukraine"), ("Орбан", 'Side, "B"')]
        )
    ]
    articles = [
        Article(
            content_hash=f"{i:064x}",
            file_name=f"awkward-{i}.txt",
            title=[None, *AWKWARD][i % (len(AWKWARD) + 1)],
            publisher=[None, "Wire", "-Minus", "Українська правда"][i % 4],
            url=[None, "https://example.org/a?x=1,2", "https://example.org/b"][i % 3],
            published=[None, dt.date(2024, 7, i + 1)][i % 2],
            published_basis=["dateline", "@basis", "none"][i % 3],
            text="Article text.",
        )
        for i in range(12)
    ]
    session.add_all(speakers + articles)
    session.flush()
    dates = [("2024-07-05", "day"), ("2024-07", "month"), ("2024", "year"), (None, "unknown")]
    for i in range(40):
        date, precision = dates[i % len(dates)]
        statement = Statement(
            speaker_id=speakers[i % len(speakers)].id,
            date=date,
            date_precision=precision,
            date_basis=["explicit", "inferred"][i % 2],
            date_evidence=[None, *AWKWARD][i % (len(AWKWARD) + 1)],
            kind=["reported", "quote", "characterization"][i % 3],
            quote=[None, *AWKWARD][(i + 3) % (len(AWKWARD) + 1)],
            evidence=AWKWARD[(i + 5) % len(AWKWARD)],
            status=["extracted", "verified"][i % 2],
        )
        session.add(statement)
        session.flush()
        for n, (condition, stance) in enumerate(AWKWARD_CONDITIONS[i % len(AWKWARD_CONDITIONS)]):
            regions = AWKWARD_REGIONS[(i + n) % len(AWKWARD_REGIONS)]
            session.add(
                StatementCondition(
                    statement_id=statement.id, condition=condition, stance=stance, regions=regions
                )
            )
        # No article, one, two (added in the reverse of article order), one article twice.
        reported = [[], [i % 12], [(i + 7) % 12, i % 12], [i % 12, i % 12]][i % 4]
        for place, article in enumerate(reported):
            start = 10 * place
            session.add(
                Source(
                    statement_id=statement.id,
                    article_id=articles[article].id,
                    evidence="x",
                    start=start,
                    end=start + 1,
                )
            )
    session.commit()


def plain_csv(
    session: Session, filters: StatementFilters, *, newest_first: bool, site: str, per: str
) -> str:
    """The export written by `write_csv` from fully loaded statements, in timeline order."""
    ordered = matching_ids(session, filters).order_by(*timeline_order(newest_first=newest_first))
    ids = list(session.exec(ordered))
    loaded = {
        s.id: to_row(s)
        for s in session.exec(
            select(Statement).where(col(Statement.id).in_(ids)).options(*row_loads())
        )
    }
    return "".join(write_csv([loaded[i] for i in ids], filters, site=site, per=per))


def streamed_csv(
    engine: Engine, filters: StatementFilters, *, newest_first: bool, site: str, per: str
) -> str:
    with Session(engine) as session:
        query = export_query(session, filters)
    with engine.connect() as connection:
        batches = iter_export_batches(connection, query, newest_first=newest_first)
        return "".join(write_csv_batches(batches, filters, site=site, per=per))


AWKWARD_FILTERS = [
    StatementFilters(include_commentators=True),
    StatementFilters(conditions=("territory",)),
    StatementFilters(conditions=("ceasefire", "negotiations"), stances=("reject", "offer")),
    StatementFilters(regions=("Donbas",)),
    StatementFilters(precisions=("unknown",)),
]


@pytest.mark.parametrize("filters", AWKWARD_FILTERS, ids=lambda f: f.describe())
@pytest.mark.parametrize("per", ["statement", "condition"])
@pytest.mark.parametrize("site", ["http://testserver", "", '=site,"x"'])
def test_the_streamed_export_is_byte_for_byte_the_plain_one(
    engine: Engine,
    session: Session,
    monkeypatch: pytest.MonkeyPatch,
    filters: StatementFilters,
    per: str,
    site: str,
) -> None:
    seed_awkward(session)
    for newest_first in (True, False):
        expected = plain_csv(session, filters, newest_first=newest_first, site=site, per=per)
        assert expected.count("\n") > 10
        assert streamed_csv(engine, filters, newest_first=newest_first, site=site, per=per) == (
            expected
        )
    # Batches of a few statements, and too little remembered to keep anything long: the
    # same again.
    for name, size in SMALL.items():
        monkeypatch.setattr(f"app.crud.export_rows.{name}", size)
    monkeypatch.setattr("app.crud.export_rows.ARTICLES_REMEMBERED", 2)
    monkeypatch.setattr("app.export_stream.REMEMBERED", 2)
    expected = plain_csv(session, filters, newest_first=True, site=site, per=per)
    assert streamed_csv(engine, filters, newest_first=True, site=site, per=per) == expected
