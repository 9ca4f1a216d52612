"""Every request is bounded: its body is capped before the app reads it (declared or
chunked), and each of its SQL statements stops past a time limit (503)."""

import time

import pytest
from conftest import add_editor, sign_in
from fastapi.testclient import TestClient
from sqlalchemy import Engine, text
from sqlmodel import Session
from test_statement_limits import slow_statement

from app import crud
from app.config import get_settings
from app.web.errors import errors_are_json


@pytest.fixture
def small_cap(monkeypatch: pytest.MonkeyPatch) -> int:
    monkeypatch.setenv("ARTICLE_MAX_BYTES", "2048")
    get_settings.cache_clear()
    return 2048 * 10


def test_a_declared_length_over_the_cap_is_refused_with_json_on_the_api(
    client: TestClient, small_cap: int
) -> None:
    response = client.post("/api/articles", content=b"{" + b" " * small_cap + b"}")

    assert response.status_code == 413
    assert response.json() == {"detail": "the request is larger than 20 KB"}


def test_a_chunked_body_is_cut_off_when_it_passes_the_cap(
    client: TestClient, engine: Engine, small_cap: int
) -> None:
    add_editor(engine)
    csrf = sign_in(client)

    def chunks():  # type: ignore[no-untyped-def]
        for _ in range(40):
            yield b"x" * 1024

    response = client.post(
        "/articles/new",
        content=chunks(),
        headers={"Content-Type": "multipart/form-data; boundary=b", "X-CSRF-Token": csrf},
    )

    assert response.status_code == 413
    assert "the request is larger than 20 KB" in response.text


def test_a_body_under_the_cap_reaches_the_app(client: TestClient, small_cap: int) -> None:
    response = client.post("/api/articles", json={"text": "short"})
    assert response.status_code == 401  # the app answered: no editor


@pytest.fixture
def slow_reads(engine: Engine, monkeypatch: pytest.MonkeyPatch) -> None:
    """The article list and the API's speakers read with a statement that takes seconds."""

    def slow(session: Session, *_args: object, **_kwargs: object) -> list[object]:
        session.exec(text(slow_statement(engine, 3))).all()  # type: ignore[call-overload]
        return []

    monkeypatch.setattr(crud, "list_articles", slow)
    monkeypatch.setattr(crud, "speaker_counts", slow)


def test_a_request_whose_statement_runs_past_the_limit_gets_503_with_a_message(
    client: TestClient, slow_reads: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("WEB_STATEMENT_TIMEOUT", "0.1")
    get_settings.cache_clear()
    message = "the database took longer than 0.1 s to answer, so the request was stopped"

    started = time.monotonic()
    page = client.get("/articles")
    api = client.get("/api/speakers")

    assert time.monotonic() - started < 4  # both stopped, not run to their end
    assert page.status_code == 503 and message in page.text
    assert api.status_code == 503 and api.json()["detail"].startswith(message)
    assert client.get("/").status_code == 200  # the next request is not held by it


def test_the_schema_documents_the_503_of_every_operation(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    error = {"application/json": {"schema": {"$ref": "#/components/schemas/ErrorOut"}}}
    for path, methods in spec["paths"].items():
        for method, operation in methods.items():
            content = operation["responses"]["503"]["content"]
            assert content == error if errors_are_json(path) else "text/html" in content, (
                method,
                path,
            )
