"""Ingesting with a process pool stores exactly what a serial run stores."""

from pathlib import Path

import pytest
from rich.console import Console
from sqlmodel import Session, select

from app.cli import ingest_paths
from app.config import get_settings
from app.db import get_engine, upgrade_database
from app.models import Article, Statement

# Our own sentences; the second and fourth report the first's statement again.
ARTICLES = {
    "a.txt": (
        "Kremlin sets out terms\n\nMarch 4, 2025\n\n"
        "Putin said on Monday that Russia demands that Ukraine withdraw its troops from "
        "Donetsk before any ceasefire. \u201cThere will be no truce while Kyiv rearms,\u201d "
        "Putin told reporters."
    ),
    "b.txt": (
        "Moscow repeats its line\n\nMarch 5, 2025\n\n"
        "\u201cThere will be no truce while Kyiv rearms,\u201d Putin said on Monday. "
        "Zelensky said Ukraine is ready for talks if its partners give security guarantees."
    ),
    "c.txt": (
        "Kyiv answers\n\nMarch 6, 2025\n\n"
        "Zelensky rejected any ceasefire that freezes the front line, saying on Wednesday "
        "that Ukraine will never recognise the occupation of Crimea."
    ),
    "d.txt": (
        "Envoys meet\n\nMarch 7, 2025\n\n"
        "Lavrov said on Thursday that Moscow insists on Ukraine's neutral status and that "
        "Western troops in Ukraine are unacceptable."
    ),
    "e.txt": "",
}


def snapshot() -> list[tuple]:
    """Every article and statement as stored, ids included."""
    with Session(get_engine()) as session:
        articles = [
            (a.id, a.file_name, a.content_hash, a.title, a.published)
            for a in session.exec(select(Article).order_by(Article.id))
        ]
        statements = [
            (
                s.id,
                s.speaker.slug,
                s.date,
                s.date_precision,
                s.kind,
                s.quote,
                s.evidence,
                sorted((c.condition, c.stance, tuple(c.regions)) for c in s.conditions),
                sorted((x.article_id, x.start, x.end) for x in s.sources),
            )
            for s in session.exec(select(Statement).order_by(Statement.id))
        ]
    return [*articles, *statements]


def ingest_into(
    name: str, folder: Path, workers: int, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> tuple[list[tuple], str, list[str]]:
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / name}")
    get_settings.cache_clear()
    get_engine.cache_clear()
    upgrade_database()
    err = Console(stderr=True, record=True, width=200)
    totals = ingest_paths([folder], err_console=err, workers=workers)
    return snapshot(), totals.summary(), err.export_text().splitlines()


def test_a_pool_of_workers_stores_what_a_serial_run_stores(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "articles"
    folder.mkdir()
    for name, text in ARTICLES.items():
        (folder / name).write_bytes(text.encode() if text else b"\x00\x01 not text")
    (folder / "a copy.txt").write_text(ARTICLES["a.txt"] + "\n")

    serial = ingest_into("serial.db", folder, 1, tmp_path, monkeypatch)
    pooled = ingest_into("pooled.db", folder, 2, tmp_path, monkeypatch)

    assert pooled == serial
    stored, summary, errors = serial
    assert "1 skipped, 1 failed" in summary and "merged" in summary
    assert len(errors) == 1 and "e.txt" in errors[0]
    assert len(stored) > 6  # articles and statements were stored at all
