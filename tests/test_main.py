"""The application's start-up: the threads pages render in."""

import pytest
from anyio import to_thread
from fastapi.testclient import TestClient

from app.config import get_settings
from app.main import app


def test_pages_render_in_as_many_threads_as_web_threads_says(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("WEB_THREADS", "3")
    monkeypatch.setenv("JOBS_IN_PROCESS", "0")
    get_settings.cache_clear()
    with TestClient(app) as client:
        tokens = client.portal.call(lambda: to_thread.current_default_thread_limiter().total_tokens)
    assert tokens == 3


def test_web_threads_defaults_to_a_few() -> None:
    assert 2 <= get_settings().web_threads <= 8
