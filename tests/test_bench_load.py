"""The load benchmark serves a real uvicorn, stops by itself and counts every failure."""

import pytest
from own_thread import in_own_thread
from sqlalchemy import Engine

from bench import load

pytestmark = pytest.mark.sqlite_only(reason="the load benchmark reads a SQLite file")


def measure(db: str | None, **options: float) -> dict:
    """bench.load.measure, which runs an event loop of its own."""
    return in_own_thread(load.measure, db, **options)


def test_a_short_load_run_answers_every_kind_of_request_without_errors(
    seeded_engine: Engine,
) -> None:
    result = measure(seeded_engine.url.database, clients=4, seconds=3, workers=1)

    seen = result["seen"]
    assert {kind for kind, _ in load.MIX} == set(seen)
    assert all(t.seconds and not t.errors for t in seen.values()), load.table(result)
    assert 3 <= result["elapsed"] < 3 + 30  # the last requests finish, none is started late
    assert "| **all** |" in load.table(result)


def test_it_never_runs_past_its_limit(
    seeded_engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(load, "MAX_SECONDS", 1.0)
    result = measure(seeded_engine.url.database, clients=2, seconds=600, workers=1)
    assert result["elapsed"] < 1 + 30


def test_failed_requests_are_counted_as_errors(
    seeded_engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(load, "MIX", [("missing", "/statements/999999999")])
    result = measure(seeded_engine.url.database, clients=2, seconds=1, workers=1)
    missing = result["seen"]["missing"]
    assert missing.errors > 0 and not missing.seconds and missing.statuses.get(404)
