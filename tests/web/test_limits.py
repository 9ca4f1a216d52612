"""Every request body is capped before the app reads it: declared or chunked."""

import pytest
from conftest import add_editor, sign_in
from fastapi.testclient import TestClient
from sqlalchemy import Engine

from app.config import get_settings


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
