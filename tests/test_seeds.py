"""The seed articles end to end, through the real extraction engine."""

import json
from pathlib import Path

from sqlmodel import Session, func, select
from typer.testing import CliRunner

from app import cli
from app.config import ROOT
from app.db import get_engine
from app.models import Article, Source, Speaker, Statement, StatementCondition
from app.sources_meta import load_sources_meta

SEEDS = ROOT / "seeds"
runner = CliRunner()


def table_counts() -> dict[str, int]:
    """Rows per table in the configured database."""
    with Session(get_engine()) as session:
        return {
            m.__name__: session.exec(select(func.count()).select_from(m)).one()
            for m in (Article, Speaker, Statement, StatementCondition, Source)
        }


def test_ingesting_the_seeds_twice_stores_them_once() -> None:
    first = runner.invoke(cli.app, ["ingest"])
    before = table_counts()
    second = runner.invoke(cli.app, ["ingest", str(SEEDS)])

    assert first.exit_code == 0, first.output
    assert first.output.splitlines()[-1].startswith("articles: 5 new, 0 skipped; statements: ")
    assert before["Statement"] > 0 and before["Source"] >= before["Statement"]
    assert second.output.splitlines()[-1] == (
        "articles: 0 new, 5 skipped; statements: 0 new, 0 merged"
    )
    assert table_counts() == before


def test_seed_articles_carry_the_analysts_metadata_and_exact_evidence() -> None:
    runner.invoke(cli.app, ["ingest"])
    metas = load_sources_meta(SEEDS / "sources.toml")

    with Session(get_engine()) as session:
        articles = session.exec(select(Article)).all()
        for article in articles:
            meta = metas[article.file_name]
            assert article.text == (SEEDS / article.file_name).read_text(encoding="utf-8")
            assert (article.title, article.publisher, article.url) == (
                meta.title,
                meta.publisher,
                meta.url,
            )
            assert (article.published, article.published_basis) == (
                meta.published,
                meta.published_basis,
            )
            for source in article.sources:
                assert article.text[source.start : source.end] == source.evidence
    assert len(articles) == 5


def test_extract_json_of_the_rt_seed(tmp_path: Path) -> None:
    path = next(SEEDS.glob("002_*.txt"))

    result = runner.invoke(cli.app, ["extract", str(path)])

    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["article"] == {
        "title": "Russia calls for “complete end” to Ukraine war",
        "published": "2024-07-05",
        "published_basis": "analyst",
    }
    text = path.read_text(encoding="utf-8")
    for found in data["statements"]:
        assert text[found["start"] : found["end"]] == found["evidence"]
    putin = [s for s in data["statements"] if s["speaker"] == "Vladimir Putin"]
    assert any(c["condition"] == "ceasefire" for s in putin for c in s["conditions"])
    assert not (tmp_path / "tracker.db").exists()  # extract never opens the database
