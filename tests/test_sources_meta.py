"""The analyst's sources.toml."""

import datetime as dt
from pathlib import Path

import pytest

from app.config import ROOT
from app.sources_meta import ArticleMeta, MetaError, load_sources_meta, meta_for_file

SEEDS = ROOT / "seeds"


def test_seed_metadata_covers_every_seed_file() -> None:
    metas = load_sources_meta(SEEDS / "sources.toml")

    assert sorted(metas) == sorted(p.name for p in SEEDS.glob("*.txt"))
    for name, meta in metas.items():
        assert meta.title and meta.title in (SEEDS / name).read_text(encoding="utf-8")
        assert meta.published_basis in {"analyst", "analyst-approximate"}


def test_seed_metadata_holds_the_analysts_dates_and_publishers() -> None:
    metas = load_sources_meta(SEEDS / "sources.toml")
    by_prefix = {name[:3]: meta for name, meta in metas.items()}

    assert by_prefix["000"].publisher == "Institute for the Study of War"
    assert by_prefix["000"].url == (
        "https://understandingwar.org/backgrounder/russian-offensive-campaign-assessment-july-5-2024"
    )
    assert (by_prefix["001"].published, by_prefix["001"].published_basis) == (
        dt.date(2022, 12, 28),
        "analyst-approximate",
    )
    assert (by_prefix["002"].publisher, by_prefix["002"].published) == ("RT", dt.date(2024, 7, 5))
    assert by_prefix["003"].publisher is None
    assert by_prefix["004"].publisher == "Politico Europe"


def write(tmp_path: Path, body: str) -> Path:
    """A sources.toml with `body`."""
    path = tmp_path / "sources.toml"
    path.write_text(body, encoding="utf-8")
    return path


def test_a_date_without_basis_is_the_analysts(tmp_path: Path) -> None:
    path = write(tmp_path, '[files."a.txt"]\npublished = 2024-01-02\n')
    assert load_sources_meta(path)["a.txt"].published_basis == "analyst"


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ('[files."a.txt"]\npublished_basis = "guess"\n', "published_basis must be one of"),
        ('[files."a.txt"]\nheadline = "x"\n', "headline"),
        ('[files."a.txt"]\npublished = "July 5"\n', "published"),
        ("[files\n", "sources.toml"),
    ],
)
def test_bad_metadata_fails_with_the_file_and_field(
    tmp_path: Path, body: str, message: str
) -> None:
    with pytest.raises(MetaError, match=message):
        load_sources_meta(write(tmp_path, body))


def test_meta_for_file_reads_the_folders_sources_toml(tmp_path: Path) -> None:
    write(tmp_path, '[files."a.txt"]\ntitle = "A"\n')
    assert meta_for_file(tmp_path / "a.txt") == ArticleMeta(title="A")
    assert meta_for_file(tmp_path / "b.txt") is None
    assert meta_for_file(tmp_path / "sub" / "a.txt") is None


def test_over_keeps_a_date_with_its_own_provenance() -> None:
    analyst = ArticleMeta(title="Analyst", published=dt.date(2024, 7, 5), published_basis="analyst")
    page = ArticleMeta(
        title="Page",
        url="https://example.org/a",
        published=dt.date(2024, 7, 6),
        published_basis="front-matter",
        published_evidence="date: 2024-07-06",
    )

    merged = analyst.over(page)

    assert (merged.title, merged.url) == ("Analyst", "https://example.org/a")
    assert (merged.published, merged.published_basis, merged.published_evidence) == (
        dt.date(2024, 7, 5),
        "analyst",
        None,
    )
    assert ArticleMeta(title="Analyst").over(page).published_basis == "front-matter"


@pytest.mark.parametrize("date", ["0001-01-01", "9999-12-31"])
def test_a_publication_date_out_of_range_is_refused_naming_the_range(
    tmp_path: Path, date: str
) -> None:
    path = tmp_path / "sources.toml"
    path.write_text(f'[files."a.txt"]\npublished = {date}\n', encoding="utf-8")

    with pytest.raises(MetaError) as caught:
        load_sources_meta(path)

    assert str(caught.value) == (
        f"{path}: [files.'a.txt']: the publication date {date} is out of range: give one "
        "from 1900-01-01 to 2100-12-31"
    )
