"""The command line, with the engine replaced by hand-made output."""

import datetime as dt
import io
import json
from pathlib import Path

import pytest
from factories import LAVROV, FakeEngine, extraction, statement
from rich.console import Console
from sqlmodel import Session, func, select
from test_loading import PAGE
from typer.testing import CliRunner

import app.engine as extraction_engine
from app import cli
from app.config import ROOT, get_settings
from app.db import get_engine, upgrade_database
from app.models import Article, Source, Speaker, Statement, StatementCondition

runner = CliRunner()

TEXT = (
    "Russia calls for “complete end” to Ukraine war\n\n"
    "Putin said there should be no ceasefire or any kind of pause.\n"
)
SENTENCE = "Putin said there should be no ceasefire or any kind of pause."
STATEMENT_KEYS = {
    "speaker",
    "side",
    "date",
    "date_precision",
    "date_basis",
    "date_evidence",
    "conditions",
    "kind",
    "quote",
    "evidence",
    "start",
    "end",
}


@pytest.fixture
def fake_engine(monkeypatch: pytest.MonkeyPatch) -> FakeEngine:
    """Every CLI call of the engine answers from this fake."""
    engine = FakeEngine()
    monkeypatch.setattr(extraction_engine, "extract_article", engine)
    return engine


def article_folder(tmp_path: Path, fake_engine: FakeEngine, count: int) -> Path:
    """A folder of `count` distinct articles, each with one statement by Putin."""
    folder = tmp_path / "articles"
    folder.mkdir()
    for i in range(count):
        text = f"{TEXT}\nArticle {i}.\n"
        (folder / f"{i:03d}.txt").write_text(text, encoding="utf-8")
        fake_engine.results[text] = extraction([statement(text, SENTENCE)])
    return folder


def table_counts() -> dict[str, int]:
    """Rows per table in the configured database."""
    with Session(get_engine()) as session:
        return {
            m.__name__: session.exec(select(func.count()).select_from(m)).one()
            for m in (Article, Speaker, Statement, StatementCondition, Source)
        }


def test_extract_prints_the_documented_json(tmp_path: Path, fake_engine: FakeEngine) -> None:
    path = tmp_path / "rt.txt"
    path.write_text(TEXT, encoding="utf-8")
    fake_engine.results[TEXT] = extraction(
        [statement(TEXT, SENTENCE, conditions=[("territory", "demand", ("Donbas",))])],
        title="Russia calls for “complete end” to Ukraine war",
    )

    result = runner.invoke(cli.app, ["extract", str(path), "--published", "2024-07-05"])

    assert result.exit_code == 0, result.output
    assert "“complete end”" in result.output  # ensure_ascii=False
    data = json.loads(result.output)
    assert data["article"] == {
        "title": "Russia calls for “complete end” to Ukraine war",
        "published": "2024-07-05",
        "published_basis": "dateline",
    }
    [found] = data["statements"]
    assert set(found) == STATEMENT_KEYS
    assert found["conditions"] == [
        {"condition": "territory", "stance": "demand", "regions": ["Donbas"]}
    ]
    assert (found["speaker"], found["side"], found["kind"]) == (
        "Vladimir Putin",
        "Russia",
        "reported",
    )
    assert TEXT[found["start"] : found["end"]] == found["evidence"] == SENTENCE
    assert fake_engine.calls == [(TEXT, dt.date(2024, 7, 5), None)]
    assert not (tmp_path / "tracker.db").exists()  # extract never opens the database


def test_extract_uses_the_analysts_metadata_beside_the_file(
    tmp_path: Path, fake_engine: FakeEngine
) -> None:
    path = tmp_path / "rt.txt"
    path.write_text(TEXT, encoding="utf-8")
    (tmp_path / "sources.toml").write_text(
        '[files."rt.txt"]\ntitle = "Analyst"\npublished = 2024-07-05\n'
        'published_basis = "analyst-approximate"\n',
        encoding="utf-8",
    )

    result = runner.invoke(cli.app, ["extract", str(path)])

    assert json.loads(result.output)["article"] == {
        "title": "Analyst",
        "published": "2024-07-05",
        "published_basis": "analyst-approximate",
    }


@pytest.mark.parametrize("value", ["2024-13-01", "July 5", "05/07/2024"])
def test_extract_rejects_a_bad_published_date(
    tmp_path: Path, fake_engine: FakeEngine, value: str
) -> None:
    path = tmp_path / "rt.txt"
    path.write_text(TEXT, encoding="utf-8")

    result = runner.invoke(cli.app, ["extract", str(path), "--published", value])

    assert result.exit_code == 2
    assert "YYYY-MM-DD" in result.output
    assert fake_engine.calls == []


def test_extract_table_shows_each_statement(tmp_path: Path, fake_engine: FakeEngine) -> None:
    path = tmp_path / "rt.txt"
    path.write_text(TEXT, encoding="utf-8")
    fake_engine.results[TEXT] = extraction([statement(TEXT, SENTENCE)])

    result = runner.invoke(
        cli.app, ["extract", str(path), "--format", "table"], env={"COLUMNS": "200"}
    )

    assert result.exit_code == 0, result.output
    assert "Vladimir Putin" in result.output and "ceasefire: reject" in result.output


def test_extract_of_an_empty_file_is_a_clear_error(tmp_path: Path, fake_engine: FakeEngine) -> None:
    path = tmp_path / "empty.txt"
    path.write_text("", encoding="utf-8")

    result = runner.invoke(cli.app, ["extract", str(path)])

    assert result.exit_code == 1
    assert "the file is empty" in result.output


def test_ingest_twice_adds_nothing_the_second_time(tmp_path: Path, fake_engine: FakeEngine) -> None:
    folder = article_folder(tmp_path, fake_engine, 3)

    first = runner.invoke(cli.app, ["ingest", str(folder)])
    before = table_counts()
    second = runner.invoke(cli.app, ["ingest", str(folder)])

    assert first.exit_code == 0, first.output
    assert first.output.splitlines()[-1] == (
        "articles: 3 new, 0 skipped; statements: 1 new, 2 merged"
    )
    assert second.output.splitlines()[-1] == (
        "articles: 0 new, 3 skipped; statements: 0 new, 0 merged"
    )
    assert table_counts() == before
    assert before["Source"] == 3


def test_ingest_reports_a_bad_file_and_goes_on(tmp_path: Path, fake_engine: FakeEngine) -> None:
    folder = article_folder(tmp_path, fake_engine, 2)
    (folder / "001b.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    text = "Lavrov spoke.\n"
    (folder / "002.md").write_text(text, encoding="utf-8")
    bad = statement(text, "Lavrov spoke.", speaker=LAVROV)
    bad.also_at = [(0, 999)]
    fake_engine.results[text] = extraction([bad])

    result = runner.invoke(cli.app, ["ingest", str(folder), str(tmp_path / "missing")])

    assert result.exit_code == 1
    assert "001b.txt: not a text file" in result.output
    assert "002.md: ValueError: engine gave offsets 0:999 outside the article" in result.output
    assert "missing: no such file or folder" in result.output
    assert result.output.splitlines()[-1] == (
        "articles: 2 new, 0 skipped, 3 failed; statements: 1 new, 1 merged"
    )
    assert table_counts()["Article"] == 2


def test_ingest_refuses_a_file_over_the_article_size_stores_nothing_of_it_and_fails(
    tmp_path: Path, fake_engine: FakeEngine, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = article_folder(tmp_path, fake_engine, 1)
    big = folder / "big.txt"
    big.write_text("Putin said there should be no ceasefire. " * 75, encoding="utf-8")
    monkeypatch.setenv("ARTICLE_MAX_BYTES", "2048")
    get_settings.cache_clear()

    result = runner.invoke(cli.app, ["ingest", str(folder)])

    assert result.exit_code == 1
    assert (
        f"error: {big}: too large: 3,075 bytes (3 KB); an article may be at most 2,048 bytes "
        "(2 KB, setting ARTICLE_MAX_BYTES)"
    ) in result.output
    assert result.output.splitlines()[-1] == (
        "articles: 1 new, 0 skipped, 1 failed; statements: 1 new, 0 merged"
    )
    assert table_counts()["Article"] == 1
    assert [text for text, *_ in fake_engine.calls if text.startswith("Putin")] == []

    # The setting is the limit: under the default the same file goes in.
    monkeypatch.delenv("ARTICLE_MAX_BYTES")
    get_settings.cache_clear()
    again = runner.invoke(cli.app, ["ingest", str(big)])
    assert again.exit_code == 0, again.output
    assert table_counts()["Article"] == 2


def test_ingest_of_many_files_shows_a_progress_bar_in_a_terminal(
    tmp_path: Path, fake_engine: FakeEngine, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = article_folder(tmp_path, fake_engine, cli.PROGRESS_THRESHOLD)
    upgrade_database()
    screen = io.StringIO()
    terminal = Console(file=screen, force_terminal=True, width=100)

    totals = cli.ingest_paths([folder], err_console=terminal)

    assert (totals.new, totals.failed) == (cli.PROGRESS_THRESHOLD, [])
    assert "ingesting" in screen.getvalue()
    assert capsys.readouterr().out == ""  # the bar replaces the line per file


def test_ingest_of_many_files_into_a_log_prints_a_line_each(
    tmp_path: Path, fake_engine: FakeEngine
) -> None:
    folder = article_folder(tmp_path, fake_engine, cli.PROGRESS_THRESHOLD)

    result = runner.invoke(cli.app, ["ingest", str(folder)])

    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert len(lines) == cli.PROGRESS_THRESHOLD + 1
    assert lines[0] == "new      000.txt (statements: 1 new, 0 merged)"
    assert lines[1] == "new      001.txt (statements: 0 new, 1 merged)"


def test_ingest_stores_the_folders_metadata(tmp_path: Path, fake_engine: FakeEngine) -> None:
    folder = article_folder(tmp_path, fake_engine, 1)
    (folder / "sources.toml").write_text(
        '[files."000.txt"]\ntitle = "Analyst title"\npublisher = "RT"\n', encoding="utf-8"
    )

    runner.invoke(cli.app, ["ingest", str(folder / "000.txt")])

    with Session(get_engine()) as session:
        article = session.exec(select(Article)).one()
    assert (article.title, article.publisher, article.file_name) == (
        "Analyst title",
        "RT",
        "000.txt",
    )


def test_serve_migrates_ingests_seeds_into_an_empty_database_and_runs_uvicorn(
    tmp_path: Path, fake_engine: FakeEngine, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = article_folder(tmp_path, fake_engine, 2)
    monkeypatch.setenv("SEEDS_DIR", str(folder))
    cli.get_settings.cache_clear()
    started: list[tuple[str, dict[str, object]]] = []
    monkeypatch.setattr("uvicorn.run", lambda target, **kw: started.append((target, kw)))

    first = runner.invoke(cli.app, ["serve", "--port", "8123"])
    second = runner.invoke(cli.app, ["serve"])

    assert first.exit_code == 0, first.output
    assert "articles: 2 new, 0 skipped" in first.output
    assert "ingesting" not in second.output  # the database is no longer empty
    assert started == [
        ("app.main:app", {"host": "127.0.0.1", "port": 8123, "reload": False}),
        ("app.main:app", {"host": "127.0.0.1", "port": 8000, "reload": False}),
    ]


def test_ingest_of_an_html_page_stores_its_main_text_and_metadata(
    tmp_path: Path, fake_engine: FakeEngine
) -> None:
    path = tmp_path / "page.html"
    path.write_text(PAGE, encoding="utf-8")

    result = runner.invoke(cli.app, ["ingest", str(path)])

    assert result.exit_code == 0, result.output
    with Session(get_engine()) as session:
        article = session.exec(select(Article)).one()
    assert "Russia is for a complete and final end to the conflict" in article.text
    assert "Copyright" not in article.text
    assert (article.title, article.url, article.publisher) == (
        "Putin says no ceasefire",
        "https://example.com/news/putin-ceasefire",
        "Example News",
    )
    assert (article.published, article.published_basis) == (dt.date(2024, 7, 5), "front-matter")
    [(text, published, title)] = fake_engine.calls
    assert (text, published, title) == (article.text, dt.date(2024, 7, 5), article.title)


# Own wording, with characters a wrong decoding would garble: curly quotes, a dash, ellipsis.
LEGACY_TEXT = (
    "Envoy rejects “frozen conflict” terms\n\n"
    "The envoy said Kyiv would accept “no pause — none at all…” in the talks.\n"
)
LEGACY_SENTENCE = "The envoy said Kyiv would accept “no pause — none at all…” in the talks."


@pytest.mark.parametrize(
    ("codec", "prefix", "line_end", "read_as"),
    [
        ("cp1252", b"", "\r\n", "cp1252"),
        ("utf-16-le", b"\xff\xfe", "\n", "utf-16-le"),
        ("utf-16-be", b"\xfe\xff", "\r", "utf-16-be"),
    ],
)
def test_ingest_of_a_legacy_or_utf16_file_stores_the_right_characters(
    tmp_path: Path, fake_engine: FakeEngine, codec: str, prefix: bytes, line_end: str, read_as: str
) -> None:
    path = tmp_path / "legacy.txt"
    path.write_bytes(prefix + LEGACY_TEXT.replace("\n", line_end).encode(codec))
    # The engine only answers for the correctly decoded text with LF line ends.
    fake_engine.results[LEGACY_TEXT] = extraction([statement(LEGACY_TEXT, LEGACY_SENTENCE)])

    result = runner.invoke(cli.app, ["ingest", str(path)])

    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[0] == (
        f"new      legacy.txt (statements: 1 new, 0 merged; read as {read_as})"
    )
    with Session(get_engine()) as session:
        article = session.exec(select(Article)).one()
        source = session.exec(select(Source)).one()
    assert article.text == LEGACY_TEXT
    assert article.text[source.start : source.end] == source.evidence == LEGACY_SENTENCE


def test_ingest_of_a_cp1252_file_with_cr_line_ends_keeps_offsets_with_the_real_engine(
    tmp_path: Path,
) -> None:
    text = (
        "Kremlin sets out terms\n\n"
        "Putin said on Friday that Russia would reject any ceasefire unless Ukraine "
        "withdrew its troops from the Donetsk region.\n\n"
        "“We will not accept a pause — not now, not later,” Putin told reporters.\n"
    )
    path = tmp_path / "kremlin.txt"
    path.write_bytes(text.replace("\n", "\r").encode("cp1252"))

    result = runner.invoke(cli.app, ["ingest", str(path)])

    assert result.exit_code == 0, result.output
    assert "read as cp1252" in result.output
    with Session(get_engine()) as session:
        article = session.exec(select(Article)).one()
        sources = session.exec(select(Source)).all()
    assert article.text == text
    assert sources, "the engine found no statement"
    for source in sources:
        assert article.text[source.start : source.end] == source.evidence


def test_users_add_reads_the_password_from_stdin_and_token_prints_a_token() -> None:
    added = runner.invoke(
        cli.app, ["users", "add", "anna", "--admin", "--password-stdin"], input="a long password\n"
    )
    assert added.exit_code == 0, added.output
    assert "created admin anna" in added.output

    issued = runner.invoke(cli.app, ["users", "token", "anna"])
    assert issued.exit_code == 0, issued.output
    token = issued.output.strip()
    assert len(token) >= 40

    from app.crud.users import authenticate, user_by_token

    with Session(get_engine()) as session:
        assert authenticate(session, name="anna", password="a long password") is not None
        user = user_by_token(session, token)
        assert user is not None and user.is_admin


def test_users_add_refuses_a_short_password_and_a_taken_name() -> None:
    short = runner.invoke(cli.app, ["users", "add", "anna", "--password-stdin"], input="short\n")
    assert short.exit_code == 1
    assert "at least 10 characters" in short.output

    runner.invoke(cli.app, ["users", "add", "anna", "--password-stdin"], input="a long password\n")
    again = runner.invoke(
        cli.app, ["users", "add", "anna", "--password-stdin"], input="a long password\n"
    )
    assert again.exit_code == 1
    assert "exists already" in again.output


def test_users_token_for_an_unknown_user_fails() -> None:
    result = runner.invoke(cli.app, ["users", "token", "nobody"])
    assert result.exit_code == 1
    assert "no user 'nobody'" in result.output


def test_reextract_reports_what_changed_and_refuses_an_unknown_article(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    text = "Ceasefire\n\nPutin said there should be no ceasefire or any kind of pause.\n"
    sentence = "Putin said there should be no ceasefire or any kind of pause."
    first = FakeEngine(
        {text: extraction([statement(text, sentence, date="2024-07", precision="month")])}
    )
    second = FakeEngine({text: extraction([statement(text, sentence, date="2024-07-05")])})
    upgrade_database()
    with Session(get_engine()) as session:
        from app import crud as crud_module

        crud_module.ingest_article(session, text=text, file_name="a.txt", extract=first)
    monkeypatch.setattr(extraction_engine, "extract_article", second)

    result = runner.invoke(cli.app, ["reextract"])

    assert result.exit_code == 0, result.output
    assert "statements: 0 added, 1 changed, 0 removed, 0 kept" in result.output
    missing = runner.invoke(cli.app, ["reextract", "--article", "99"])
    assert missing.exit_code == 1
    assert "no article 99" in missing.output


def test_ingest_fetches_urls_checked_and_skips_one_stored_before(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from pages import ARTICLE_HTML, html, serving

    from app.config import get_settings

    with serving({"/truce": html(ARTICLE_HTML)}) as address:
        monkeypatch.setenv("FETCH_ALLOWED_HOSTS", address)
        get_settings.cache_clear()
        url = f"http://{address}/truce"

        first = runner.invoke(cli.app, ["ingest", url, "http://10.0.0.1/inside"])
        again = runner.invoke(cli.app, ["ingest", url])

    assert first.exit_code == 1  # the private address failed, the other went in
    assert f"new      {url}" in first.output
    assert "is a private address (10.0.0.1); refused" in first.output
    assert "articles: 1 new, 0 skipped, 1 failed" in first.output
    assert again.exit_code == 0 and f"skipped  {url}" in again.output
    with Session(get_engine()) as session:
        article = session.exec(select(Article)).one()
    assert (article.url, article.publisher) == (url, "Test Wire")


@pytest.mark.parametrize("value", ["0001-01-01", "9999-12-31", "0001-01-02"])
def test_extract_refuses_a_publication_date_out_of_range_in_one_clear_message(
    tmp_path: Path, fake_engine: FakeEngine, value: str
) -> None:
    path = tmp_path / "rt.txt"
    path.write_text(TEXT, encoding="utf-8")

    result = runner.invoke(cli.app, ["extract", str(path), "--published", value])

    assert result.exit_code == 2
    message = " ".join(result.output.replace("│", " ").split())
    assert f"the publication date {value} is out of range: give one from 1900-01-01 to " in (
        message
    )
    assert "Overflow" not in result.output and "Traceback" not in result.output
    assert fake_engine.calls == []


def test_an_analysts_date_out_of_range_is_one_line_naming_the_file(
    tmp_path: Path, fake_engine: FakeEngine
) -> None:
    path = tmp_path / "rt.txt"
    path.write_text(TEXT, encoding="utf-8")
    (tmp_path / "sources.toml").write_text('[files."rt.txt"]\npublished = 0001-01-01\n')

    extracted = runner.invoke(cli.app, ["extract", str(path)])
    ingested = runner.invoke(cli.app, ["ingest", str(path)])

    assert extracted.exit_code == 1
    assert extracted.output == (
        f"error: {tmp_path / 'sources.toml'}: [files.'rt.txt']: the publication date "
        "0001-01-01 is out of range: give one from 1900-01-01 to 2100-12-31\n"
    )
    assert ingested.exit_code == 1
    assert "the publication date 0001-01-01 is out of range" in ingested.output
    assert fake_engine.calls == []


def test_extract_names_the_encoding_a_file_was_read_with_besides_its_json(
    tmp_path: Path, fake_engine: FakeEngine
) -> None:
    path = tmp_path / "legacy.txt"
    path.write_bytes(LEGACY_TEXT.encode("cp1252"))

    result = runner.invoke(cli.app, ["extract", str(path)])

    assert result.exit_code == 0, result.output
    assert result.stderr == f"note: {path} read as cp1252\n"
    assert json.loads(result.stdout)["statements"] == []


def test_ingest_of_ukrainian_in_utf16_without_a_byte_order_mark(
    tmp_path: Path, fake_engine: FakeEngine
) -> None:
    text = "Зеленський заявив, що Україна не віддасть жодної території.\n"
    path = tmp_path / "kyiv.txt"
    path.write_bytes(text.encode("utf-16-le"))

    result = runner.invoke(cli.app, ["ingest", str(path)])

    assert result.exit_code == 0, result.output
    assert "new      kyiv.txt (statements: 0 new, 0 merged; read as utf-16-le)" in result.output
    with Session(get_engine()) as session:
        assert session.exec(select(Article.text)).one() == text


def test_a_cr_only_copy_of_a_seed_gives_the_same_statements_with_the_real_engine(
    tmp_path: Path,
) -> None:
    seed = next((ROOT / "seeds").glob("002_*.txt"))
    original, old_mac = tmp_path / "original.txt", tmp_path / "old-mac.txt"
    original.write_bytes(seed.read_bytes())
    old_mac.write_bytes(seed.read_bytes().replace(b"\n", b"\r"))
    assert b"\n" not in old_mac.read_bytes()

    expected = runner.invoke(cli.app, ["extract", str(original)])
    result = runner.invoke(cli.app, ["extract", str(old_mac)])

    assert expected.exit_code == result.exit_code == 0, result.output
    statements = json.loads(expected.stdout)["statements"]
    assert len(statements) >= 5
    assert json.loads(result.stdout)["statements"] == statements
