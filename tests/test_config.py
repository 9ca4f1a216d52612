"""Settings from the environment."""

import os

import pytest
from pydantic import ValidationError

from app.config import DEFAULT_DATABASE_URL, ROOT, Settings, get_settings


def test_database_url_comes_from_the_environment() -> None:
    # conftest points DATABASE_URL at a throwaway database for every test
    assert get_settings().database_url == os.environ["DATABASE_URL"]
    assert get_settings().database_url != DEFAULT_DATABASE_URL


def test_defaults_are_a_sqlite_file_and_the_seeds_folder_in_the_project(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("DATABASE_URL")
    settings = Settings()
    assert settings.database_url == f"sqlite:///{ROOT / 'data' / 'tracker.db'}"
    assert settings.seeds_dir == ROOT / "seeds"


def test_empty_database_url_falls_back_to_the_default(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DATABASE_URL", "")
    assert Settings().database_url == DEFAULT_DATABASE_URL


@pytest.mark.parametrize("scheme", ["postgres", "postgresql"])
def test_plain_postgres_urls_use_psycopg_3(monkeypatch: pytest.MonkeyPatch, scheme: str) -> None:
    monkeypatch.setenv("DATABASE_URL", f"{scheme}://u:p@db.internal/tracker")
    assert Settings().database_url == "postgresql+psycopg://u:p@db.internal/tracker"


def test_a_malformed_database_url_fails_at_start(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DATABASE_URL", "not a url")
    with pytest.raises(ValidationError, match="DATABASE_URL is not a database URL"):
        Settings()


def test_trusted_hosts_are_listed_and_an_empty_list_fails_at_start(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("TRUSTED_HOSTS", " Tracker.Example.org, ,*.example.net ")
    assert Settings().trusted_host_list == ["tracker.example.org", "*.example.net"]
    monkeypatch.setenv("TRUSTED_HOSTS", " , ")
    with pytest.raises(ValidationError, match="TRUSTED_HOSTS names no host"):
        Settings()
