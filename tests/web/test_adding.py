"""Adding articles from the browser: paste, upload, URLs; a background job with progress,
size caps, dedupe, and writes refused to anonymous users."""

import re
import time
from collections.abc import Iterator

import pytest
from conftest import add_editor, sign_in
from fastapi.testclient import TestClient
from pages import ARTICLE_HTML, html, redirect, serving
from sqlalchemy import Engine
from sqlmodel import Session, select

from app.config import get_settings
from app.models import Article, IngestJob

PASTED = (
    "Kremlin sets out terms\n\n"
    "Russian President Vladimir Putin said on Friday that Russia would agree to a ceasefire "
    "only if Ukraine withdrew its troops from the Donetsk region.\n"
)


@pytest.fixture
def editor(client: TestClient, engine: Engine) -> str:
    add_editor(engine)
    return sign_in(client)


def wait_for(client: TestClient, job_url: str, timeout: float = 60.0) -> str:
    """The job page once the job is done."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        page = client.get(job_url)
        if 'data-state="done"' in page.text:
            return page.text
        time.sleep(0.1)
    raise AssertionError(f"{job_url} did not finish in {timeout} s")


def add(client: TestClient, csrf: str, files=None, **fields: str):  # type: ignore[no-untyped-def]
    return client.post(
        "/articles/new",
        data={"csrf_token": csrf, **fields},
        files=files or [],
        follow_redirects=False,
    )


def test_anonymous_users_are_asked_to_sign_in_and_cannot_add(client: TestClient) -> None:
    form = client.get("/articles/new")
    assert "Adding articles needs an editor" in form.text

    response = client.post("/articles/new", data={"text": PASTED})

    assert response.status_code == 401


def test_adding_needs_the_csrf_token(client: TestClient, editor: str) -> None:
    response = client.post("/articles/new", data={"text": PASTED}, follow_redirects=False)
    assert response.status_code == 403


def test_pasted_text_becomes_an_article_with_the_editors_metadata(
    client: TestClient, editor: str, engine: Engine
) -> None:
    response = add(client, editor, text=PASTED, publisher="Test Wire", published="2025-03-14")
    assert response.status_code == 303
    job_url = response.headers["location"]
    assert re.fullmatch(r"/jobs/\d+", job_url)

    page = wait_for(client, job_url)

    with Session(engine) as session:
        article = session.exec(select(Article)).one()
    assert (article.publisher, article.published, article.published_basis) == (
        "Test Wire",
        __import__("datetime").date(2025, 3, 14),
        "analyst",
    )
    assert f'href="/articles/{article.id}"' in page
    polled = client.get(job_url, headers={"HX-Request": "true"})
    assert "<html" not in polled.text
    assert polled.headers["HX-Redirect"] == f"/articles/{article.id}"
    assert "Vladimir Putin" in client.get(polled.headers["HX-Redirect"]).text


def test_uploads_in_legacy_encodings_and_html_are_read_and_a_repeat_is_skipped(
    client: TestClient, editor: str, engine: Engine
) -> None:
    western = PASTED.replace("Kremlin sets out terms", "Kremlin’s “terms” for a truce")
    files = [
        ("files", ("kremlin.txt", western.encode("cp1252"), "text/plain")),
        ("files", ("wire.html", ARTICLE_HTML.encode(), "text/html")),
    ]
    page = wait_for(client, add(client, editor, files=files).headers["location"])
    assert page.count('class="job-state">done<') == 2

    with Session(engine) as session:
        titles = set(session.exec(select(Article.title)))
    assert "Kremlin’s “terms” for a truce" in titles
    assert "Kremlin names terms for a truce" in titles

    again = wait_for(client, add(client, editor, files=files[:1]).headers["location"])
    assert "the same text was added before" in again


@pytest.mark.parametrize(
    ("fields", "files", "message"),
    [
        ({}, [], "choose files, paste text or give URLs"),
        ({"urls": "javascript:alert(1)"}, [], "is not an http or https URL"),
        ({"text": "x", "published": "14/03/2025"}, [], "is not YYYY-MM-DD"),
    ],
)
def test_bad_forms_are_refused_with_a_message_and_store_nothing(
    client: TestClient, editor: str, engine: Engine, fields, files, message: str
) -> None:  # type: ignore[no-untyped-def]
    response = add(client, editor, files=files, **fields)

    assert response.status_code == 400
    assert message in response.text
    with Session(engine) as session:
        assert session.exec(select(Article)).first() is None


def test_files_and_pasted_text_over_the_article_size_get_413_and_queue_nothing(
    client: TestClient, editor: str, engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ARTICLE_MAX_BYTES", "2048")
    get_settings.cache_clear()
    assert "at most 2 KB each" in client.get("/articles/new").text

    big = [("files", ("big.txt", PASTED.encode() * 20, "text/plain"))]
    big_file = add(client, editor, files=big)
    assert big_file.status_code == 413
    assert "big.txt is larger than 2 KB, the most an article may be; nothing was added" in (
        big_file.text
    )

    huge = add(client, editor, text=PASTED * 20)
    assert huge.status_code == 413
    assert "the pasted text is larger than 2 KB, the most an article may be" in huge.text
    with Session(engine) as session:
        assert session.exec(select(IngestJob)).first() is None

    # The setting is the limit: under the default 5 MB the same file is taken.
    monkeypatch.delenv("ARTICLE_MAX_BYTES")
    get_settings.cache_clear()
    taken = add(client, editor, files=big)
    assert taken.status_code == 303
    assert 'data-state="done"' in wait_for(client, taken.headers["location"])


@pytest.fixture
def site(monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    with serving(
        {"/article": html(ARTICLE_HTML), "/inward": redirect("http://127.0.0.1:9/")}
    ) as address:
        monkeypatch.setenv("FETCH_ALLOWED_HOSTS", address)
        get_settings.cache_clear()
        yield address


def test_urls_are_fetched_in_the_background_and_a_refused_one_does_not_stop_the_rest(
    client: TestClient, editor: str, engine: Engine, site: str
) -> None:
    urls = f"http://{site}/article\nhttp://{site}/inward\n"

    page = wait_for(client, add(client, editor, urls=urls).headers["location"])

    assert page.count('class="job-state">done<') == 1
    assert page.count('class="job-state">failed<') == 1
    assert "is a loopback address (127.0.0.1); refused" in page
    with Session(engine) as session:
        article = session.exec(select(Article)).one()
    assert article.url == f"http://{site}/article"
    assert (article.title, article.publisher, article.author) == (
        "Kremlin names terms for a truce",
        "Test Wire",
        "Jane Reporter",
    )
    assert str(article.published) == "2025-03-14"

    again = wait_for(client, add(client, editor, urls=f"http://{site}/article").headers["location"])
    assert "this URL was added before" in again


def test_a_file_that_cannot_be_read_fails_alone_and_the_others_go_in(
    client: TestClient, editor: str, engine: Engine
) -> None:
    files = [
        ("files", ("report.pdf", b"%PDF-1.7", "application/pdf")),
        ("files", ("blank.txt", b"   \n", "text/plain")),
        ("files", ("kremlin.txt", PASTED.encode(), "text/plain")),
    ]

    page = wait_for(client, add(client, editor, files=files).headers["location"])

    assert page.count('class="job-state">failed<') == 2
    assert "unsupported file type" in page and "blank.txt is empty" in page
    assert page.count('class="job-state">done<') == 1
    with Session(engine) as session:
        assert len(session.exec(select(Article)).all()) == 1


def test_a_publication_date_the_engine_cannot_reckon_from_is_refused(
    client: TestClient, editor: str, engine: Engine
) -> None:
    response = add(client, editor, text=PASTED, published="0001-01-01")

    assert response.status_code == 400
    assert "the publication date 0001-01-01 is out of range" in response.text
    with Session(engine) as session:
        assert session.exec(select(IngestJob)).all() == []
