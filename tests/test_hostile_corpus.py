"""The hostile corpus (tests/fixtures/hostile/cases.toml): every file through `python -m
app ingest` (or `extract`) in process with the real engine, every request through the app,
each with its expected outcome; and for all of them, no server error, no traceback,
nothing stored of a refused file, no payload unescaped on a page, no formula in the CSV
export, a well-formed Atom feed."""

import csv
import datetime as dt
import importlib.util
import io
import os
import re
import shutil
import time
import tomllib
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote
from xml.etree import ElementTree

import pytest
from conftest import add_editor, sign_in
from fastapi.testclient import TestClient
from httpx import Response
from sqlalchemy import Engine
from sqlmodel import Session, func, select
from typer.testing import CliRunner
from web.test_head_requests import call

from app import cli
from app.config import get_settings
from app.crud.users import create_user, issue_token
from app.db import get_engine
from app.export import FORMULA_TRIGGERS
from app.models import Article, Source, Speaker, Statement, StatementCondition

CORPUS = Path(__file__).parent / "fixtures" / "hostile"
MANIFEST = tomllib.loads((CORPUS / "cases.toml").read_text(encoding="utf-8"))
FILE_CASES: list[dict[str, Any]] = MANIFEST["file"]
REQUEST_CASES: list[dict[str, Any]] = MANIFEST["request"]

# Markup that must never reach a page, a fragment or a feed as markup.
PAYLOADS = ("<script>alert", "<img src=x", "<svg onload", "<iframe", 'href="javascript:')
# What a server error or an unhandled exception would show.
CRASH_SIGNS = ("Traceback (most recent call last)", "Internal Server Error")
# httpx refuses longer URLs; uvicorn would refuse them too, but the app must cope alone.
MAX_CLIENT_URL = 65_536
SECRET = "This file lies outside the folder and is not for the tracker.\n"

runner = CliRunner()


def expand(value: Any) -> Any:
    """A manifest value with each `{value, times}` table made into that string repeated."""
    if isinstance(value, dict):
        if set(value) == {"value", "times"}:
            return value["value"] * value["times"]
        return {k: expand(v) for k, v in value.items()}
    if isinstance(value, list):
        return [expand(v) for v in value]
    return value


def test_the_corpus_has_at_least_30_cases_and_uses_every_file_it_holds() -> None:
    ids = [c["id"] for c in FILE_CASES + REQUEST_CASES]
    assert len(ids) >= 30 and len(set(ids)) == len(ids)
    used = set(MANIFEST["support"])
    used |= {c["file"] for c in FILE_CASES if "file" in c}
    used |= {c["upload"]["file"] for c in REQUEST_CASES if "file" in c.get("upload", {})}
    held = {p.name for p in CORPUS.iterdir() if p.is_file()}
    assert held - used == set(), "files no case uses"
    assert used - held == set(), "cases naming files that are not there"


def test_the_binary_files_are_what_their_generator_writes() -> None:
    spec = importlib.util.spec_from_file_location(
        "make_binary_files", CORPUS / "make_binary_files.py"
    )
    assert spec is not None and spec.loader is not None
    generator = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(generator)
    for name, data in generator.files().items():
        assert (CORPUS / name).read_bytes() == data, f"{name}: run make_binary_files.py again"


# --- files ------------------------------------------------------------------------------


def table_counts(engine: Engine) -> dict[str, int]:
    with Session(engine) as session:
        return {
            m.__name__: session.exec(select(func.count()).select_from(m)).one()
            for m in (Article, Source, Speaker, Statement, StatementCondition)
        }


def refuse_listing(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Makes `folder` unreadable: by its mode, or for root (who reads anything) by making
    listing it fail as the operating system would."""
    if os.geteuid() != 0:
        folder.chmod(0)
        return
    scandir = os.scandir

    def refusing(path: Any = ".") -> Any:
        if Path(os.fsdecode(path)) == folder:
            raise PermissionError(13, "Permission denied", str(folder))
        return scandir(path)

    monkeypatch.setattr(os, "scandir", refusing)


def case_input(case: dict[str, Any], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The path the case gives the command: a corpus file, a generated one, or a folder."""
    if "generate" in case:
        recipe = case["generate"]
        path = tmp_path / recipe["name"]
        path.write_text("".join(p * n for p, n in recipe["pieces"]), encoding="utf-8")
        return path
    source = CORPUS / case["file"]
    setup = case.get("setup")
    if setup is None:
        return source
    folder = tmp_path / "articles"
    folder.mkdir()
    shutil.copy(source, folder / source.name)
    if setup == "link_outside":
        outside = tmp_path / "elsewhere"
        outside.mkdir()
        (outside / "secret.txt").write_text(SECRET, encoding="utf-8")
        (folder / "leak.txt").symlink_to(outside / "secret.txt")
    elif setup == "unreadable_subfolder":
        locked = folder / "locked"
        locked.mkdir()
        (locked / "inside.txt").write_text(SECRET, encoding="utf-8")
        refuse_listing(locked, monkeypatch)
    else:
        raise AssertionError(f"unknown setup {setup!r}")
    return folder


@pytest.fixture
def cli_on(engine: Engine, monkeypatch: pytest.MonkeyPatch) -> Iterator[Engine]:
    """The command line's database is the test's migrated one."""
    monkeypatch.setenv("DATABASE_URL", engine.url.render_as_string(hide_password=False))
    get_settings.cache_clear()
    get_engine.cache_clear()
    yield engine
    if get_engine.cache_info().currsize:
        get_engine().dispose()  # before the database is dropped
    get_engine.cache_clear()


def as_params(cases: list[dict[str, Any]]) -> list[Any]:
    """The cases as pytest parameters, a known miss (`xfail = "why"`) marked strict."""
    return [
        pytest.param(c, id=c["id"], marks=[pytest.mark.xfail(reason=c["xfail"], strict=True)])
        if "xfail" in c
        else pytest.param(c, id=c["id"])
        for c in cases
    ]


@pytest.mark.parametrize("case", as_params(FILE_CASES))
def test_file_case(
    case: dict[str, Any],
    tmp_path: Path,
    cli_on: Engine,
    client: TestClient,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    for name, value in case.get("env", {}).items():
        monkeypatch.setenv(name, value)
    get_settings.cache_clear()
    path = case_input(case, tmp_path, monkeypatch)
    command = case.get("command", "ingest")
    extra = ["--jobs", "1"] if command == "ingest" else []
    before = table_counts(cli_on)

    try:
        result = runner.invoke(
            cli.app,
            [command, *extra, *case.get("args", []), str(path)],
            env={"COLUMNS": "400"},  # a usage error's box must not wrap the message
        )
    finally:
        for locked in tmp_path.glob("articles/locked"):
            locked.chmod(0o755)

    output = result.output
    assert not any(sign in output for sign in CRASH_SIGNS), output
    assert result.exception is None or isinstance(result.exception, SystemExit), output
    assert case.get("message", "") in output
    outcome = case["outcome"]
    if outcome == "usage":
        assert result.exit_code == 2, output
        assert table_counts(cli_on) == before
    elif outcome == "refused":
        assert result.exit_code == case.get("exit_code", 1), output
        assert table_counts(cli_on) == before, "a refused file left rows behind"
    else:
        assert outcome == "ingested"
        assert result.exit_code == case.get("exit_code", 0), output
        check_ingested(case, cli_on, output)
        check_shown_safely(client, cli_on, case.get("shown", {}))


def check_ingested(case: dict[str, Any], engine: Engine, output: str) -> None:
    """One article stored as the case expects, its statements whole."""
    with Session(engine) as session:
        [article] = session.exec(select(Article)).all()
        statements = session.exec(select(Statement)).all()
        sources = session.exec(select(Source)).all()
        speakers = {s.id: s.name for s in session.exec(select(Speaker)).all()}
    low, high = case.get("statements", [0, 10_000])
    assert low <= len(statements) <= high, [s.evidence for s in statements]
    said_by = {speakers[s.speaker_id] for s in statements}
    assert set(case.get("speakers", [])) <= said_by
    if "dates" in case:
        assert sorted({s.date for s in statements if s.date}) == sorted(case["dates"])
    for statement in statements:
        assert_real_date(statement.date, statement.date_precision)
    for source in sources:  # every report of a statement points into the stored text
        assert source.article_id == article.id
        assert 0 <= source.start < source.end <= len(article.text)
        assert article.text[source.start : source.end] == source.evidence
    assert {s.statement_id for s in sources} == {s.id for s in statements}
    for text in case.get("text_has", []):
        assert text in article.text
    for text in case.get("text_lacks", []):
        assert text not in article.text
    assert "\r" not in article.text
    if "encoding" in case:
        assert f"read as {case['encoding']}" in output
    for field, expected in case.get("article", {}).items():
        assert str(getattr(article, field) or "") == expected, field


def assert_real_date(date: str | None, precision: str) -> None:
    """A stored date is a day, month or year that exists, at its precision."""
    if date is None:
        assert precision == "unknown"
        return
    shape = {"day": "%Y-%m-%d", "month": "%Y-%m", "year": "%Y"}[precision]
    assert dt.datetime.strptime(date, shape).strftime(shape) == date


def check_shown_safely(client: TestClient, engine: Engine, shown: dict[str, list[str]]) -> None:
    """Every page, fragment, export and feed showing the article answers, with its
    payloads inert; `shown` names text the article page and the export hold."""
    with Session(engine) as session:
        article_id = session.exec(select(Article.id)).one()
        statement_ids = session.exec(select(Statement.id)).all()
    pages = [
        "/?include_commentators=1",
        "/articles",
        f"/articles/{article_id}",
        "/speakers",
        "/compare?by=speaker",
        *(f"/statements/{i}" for i in statement_ids),
    ]
    for url in pages:
        for headers in ({}, {"HX-Request": "true"}):
            response = client.get(url, headers=headers)
            assert response.status_code == 200, (url, response.text[:300])
            assert_inert(response.text, url)
    text = client.get(f"/articles/{article_id}/text")
    assert text.status_code == 200 and text.headers["content-type"].startswith("text/plain")
    api = client.get("/api/statements?include_commentators=1")
    assert api.status_code == 200 and api.json()["total"] == len(statement_ids)
    assert_well_formed_feed(client.get("/feed.atom?include_commentators=1"))
    export = client.get("/export.csv?include_commentators=1")
    assert_no_formulas(export)
    assert_no_formulas(client.get("/export.csv?include_commentators=1&per=condition"))
    page = client.get(f"/articles/{article_id}").text
    for text in shown.get("article_page", []):
        assert text in page
    for text in shown.get("export", []):
        assert text in export.content.decode("utf-8-sig")


def assert_inert(body: str, where: str) -> None:
    for payload in PAYLOADS:
        assert payload not in body, (where, payload)
    for sign in CRASH_SIGNS:
        assert sign not in body, where


def assert_well_formed_feed(response: Response) -> None:
    assert response.status_code == 200
    ElementTree.fromstring(response.content)  # raises on a character XML does not allow


def assert_no_formulas(response: Response) -> None:
    assert response.status_code == 200
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    for row in rows[1:]:
        for cell in row:
            assert not cell.startswith(FORMULA_TRIGGERS), cell


# --- requests ---------------------------------------------------------------------------


def request_url(case: dict[str, Any]) -> str:
    """The case's path with its generated parameters appended, percent-encoded."""
    url = case["path"]
    pairs = []
    for item in case.get("query", []):
        value = item["value"] * item.get("times", 1)
        for n in range(item.get("count", 1)):
            name = f"{item['name']}{n}" if item.get("numbered") else item["name"]
            pairs.append(f"{quote(name)}={quote(value)}")
    if pairs:
        url += ("&" if "?" in url else "?") + "&".join(pairs)
    return url


def editor_token(engine: Engine) -> str:
    with Session(engine) as session:
        create_user(session, name="script", password="a long editor password")
        return issue_token(session, name="script")


def wait_for_job(client: TestClient, url: str, timeout: float = 30.0) -> str:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        page = client.get(url)
        if 'data-state="done"' in page.text:
            return page.text
        time.sleep(0.05)
    raise AssertionError(f"{url} did not finish in {timeout} s")


def send(case: dict[str, Any], client: TestClient, engine: Engine) -> Response:
    headers = dict(case.get("headers", {}))
    method = case.get("method", "GET")
    kwargs: dict[str, Any] = {}
    if case.get("token"):
        headers["Authorization"] = f"Bearer {editor_token(engine)}"
    if "body" in case:
        body = case["body"]
        if "raw" in body:
            kwargs["content"] = body["raw"].encode()
        else:
            kwargs["content"] = (body["fill"] * body["size"]).encode()[: body["size"]]
    if "form" in case:
        kwargs["data"] = dict(case["form"])
        if "csrf_from" in case:  # a form page's token, as a browser would send it
            page = client.get(case["csrf_from"]).text
            token = re.search(r'name="csrf_token" value="([^"]+)"', page)
            assert token is not None
            kwargs["data"]["csrf_token"] = token.group(1)
    if "json" in case:
        kwargs["json"] = expand(case["json"])
    if case.get("editor") or "upload" in case:
        add_editor(engine)
        headers["X-CSRF-Token"] = sign_in(client)
    if "upload" in case:
        upload = case["upload"]
        if "file" in upload:
            name, data = upload["file"], (CORPUS / upload["file"]).read_bytes()
        else:
            name = upload["name"]
            data = (upload["fill"] * upload["size"]).encode()[: upload["size"]]
        kwargs["files"] = [("files", (name, data, "application/octet-stream"))]
    url = request_url(case)
    if len(url) > MAX_CLIENT_URL:
        assert not (headers or kwargs), "only a plain GET goes straight through ASGI"
        status, sent_headers, content = call(client.app, method, url)
        return Response(status, headers=sent_headers, content=content)
    return client.request(method, url, headers=headers, follow_redirects=False, **kwargs)


@pytest.mark.parametrize("case", as_params(REQUEST_CASES))
def test_request_case(
    case: dict[str, Any],
    seeded_client: TestClient,
    seeded_engine: Engine,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    for name, value in case.get("env", {}).items():
        monkeypatch.setenv(name, value)
    get_settings.cache_clear()

    before = table_counts(seeded_engine)

    response = send(case, seeded_client, seeded_engine)

    assert response.status_code == case["status"], response.text[:500]
    content_type = response.headers.get("content-type", "")
    if case.get("empty"):
        assert response.content == b""
        return
    body = response.text
    for sign in CRASH_SIGNS:
        assert sign not in body
    if content_type.startswith("application/json"):
        shown = str(response.json().get("detail", body)) if response.status_code >= 400 else body
    else:
        shown = body
        if content_type.startswith(("text/html", "application/atom+xml")):
            assert_inert(body, case["id"])
        if content_type.startswith("application/atom+xml"):
            assert_well_formed_feed(response)
        if content_type.startswith("text/csv") and response.status_code == 200:
            assert_no_formulas(response)
    for text in case.get("has", []):
        assert text in shown
    for text in case.get("lacks", []):
        assert text not in body
    if "job_has" in case:
        page = wait_for_job(seeded_client, response.headers["location"])
        for text in case["job_has"]:
            assert text in page
    assert table_counts(seeded_engine) == before  # no request here stores an article
