"""Command line: `python -m app ingest | extract | reextract | serve | score | users | worker
| db | backup | restore`."""

import datetime as dt
import json
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.progress import Progress
from rich.table import Table
from sqlmodel import Session

import app.engine as extraction_engine
from app import crud
from app.article_folders import list_article_files
from app.backup_cli import backup, restore
from app.config import get_settings
from app.crud.ingest import article_with_url
from app.crud.transactions import NotStored
from app.db import get_engine, upgrade_database
from app.db_checks import check_database, configuration_problem
from app.db_cli import db_app
from app.extraction.parser import ParserUnavailable, load_parser
from app.extraction.records import ArticleExtraction
from app.fetching import FetchError, load_url
from app.ingest_pool import default_workers, stored_in_order
from app.loading import LoadError, article_meta, load_document
from app.sources_meta import MetaError, check_published
from app.users_cli import users_app
from app.worker_cli import worker

app = typer.Typer(
    help="Peace Terms Tracker: extract dated war-termination conditions from articles.",
    no_args_is_help=True,
    add_completion=False,
)
app.add_typer(users_app, name="users")
app.add_typer(db_app, name="db")
app.command()(worker)
app.command()(backup)
app.command()(restore)

# Below this many files a progress bar is noise; one line per file says more.
PROGRESS_THRESHOLD = 10
# Encodings `ingest` does not mention per file: UTF-8 with or without its byte-order mark.
_USUAL_ENCODINGS = frozenset({None, "utf-8", "utf-8-sig"})


class OutputFormat(StrEnum):
    JSON = "json"
    TABLE = "table"


def _parse_date(value: str) -> dt.date:
    """A YYYY-MM-DD publication date the engine can reckon from, or a usage error (exit
    code 2)."""
    try:
        date = dt.date.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter(f"{value!r} is not a date in the form YYYY-MM-DD") from None
    try:
        return check_published(date)
    except ValueError as exc:
        raise typer.BadParameter(str(exc)) from None


@dataclass
class IngestTotals:
    """Running totals over one `ingest` run."""

    new: int = 0
    skipped: int = 0
    statements_new: int = 0
    statements_merged: int = 0
    failed: list[str] = field(default_factory=list)
    links_not_followed: int = 0

    def add(self, result: crud.IngestResult) -> None:
        """Count one article's result."""
        if result.skipped:
            self.skipped += 1
            return
        self.new += 1
        self.statements_new += result.statements_new
        self.statements_merged += result.statements_merged

    def summary(self) -> str:
        """The final line, e.g. `articles: 5 new, 0 skipped; statements: 31 new, 4 merged`."""
        failed = f", {len(self.failed)} failed" if self.failed else ""
        if self.links_not_followed:
            failed += f", {self.links_not_followed} symbolic links not followed"
        return (
            f"articles: {self.new} new, {self.skipped} skipped{failed}; "
            f"statements: {self.statements_new} new, {self.statements_merged} merged"
        )


def ingest_file(path: Path) -> crud.IngestResult:
    """Load one file and ingest it in its own session and transaction."""
    document = load_document(path)
    meta = article_meta(path, document)
    with Session(get_engine()) as session:
        result = crud.ingest_article(session, text=document.text, file_name=path.name, meta=meta)
    result.encoding = document.encoding
    return result


def ingest_url(url: str) -> crud.IngestResult:
    """Fetch one article page (checked as the web's URLs are) and ingest it; a URL stored
    before is skipped without fetching it again."""
    with Session(get_engine()) as session:
        known = article_with_url(session, url)
        if known is not None:
            return crud.IngestResult(url, known.id, skipped=True, title=known.title)
    document, meta = load_url(url)
    with Session(get_engine()) as session:
        result = crud.ingest_article(session, text=document.text, file_name=url, meta=meta)
    result.encoding = document.encoding
    return result


def ingest_one(source: Path | str) -> crud.IngestResult:
    """Ingest one file or URL in this process."""
    return ingest_url(source) if isinstance(source, str) else ingest_file(source)


def ingest_paths(
    paths: list[Path],
    *,
    err_console: Console | None = None,
    urls: list[str] | None = None,
    workers: int = 1,
    follow_symlinks: bool = False,
) -> IngestTotals:
    """Ingest every article file under `paths` and every URL, reporting each failure and
    going on; with several `workers`, files are parsed in that many processes. A folder's
    unreadable entries count as failures; links leading outside it are followed only with
    `follow_symlinks`."""
    err = err_console or Console(stderr=True)
    totals = IngestTotals()
    files: list[Path | str] = list(urls or [])
    for path in paths:
        if not path.exists():
            totals.failed.append(str(path))
            _print_error(err, f"error: {path}: no such file or folder")
            continue
        listing = list_article_files(path, follow_symlinks=follow_symlinks)
        for problem in listing.unreadable:
            totals.failed.append(str(problem.path))
            _print_error(err, f"error: {problem}")
        for link in listing.not_followed:
            totals.links_not_followed += 1
            _print_error(err, f"skipped  {link}")
        files.extend(listing.files)
    # A bar only helps a person watching a terminal; logs get one line per file instead.
    show_bar = len(files) >= PROGRESS_THRESHOLD and err.is_terminal
    with Progress(console=err, transient=True, disable=not show_bar) as progress:
        task = progress.add_task("ingesting", total=len(files))
        for path, store in stored_in_order(files, workers=workers, serial=ingest_one):
            try:
                result = store()
            except (LoadError, MetaError, FetchError, NotStored) as exc:
                totals.failed.append(str(path))
                _print_error(err, f"error: {exc}")  # our own errors name the file already
            except Exception as exc:  # one bad file must not stop the others
                totals.failed.append(str(path))
                _print_error(err, f"error: {path}: {type(exc).__name__}: {exc}")
            else:
                totals.add(result)
                if not show_bar:
                    typer.echo(_describe(path, result))
            progress.advance(task)
    return totals


def _print_error(console: Console, message: str) -> None:
    # Plain text: file names and exception messages may contain [brackets] rich would eat.
    console.print(message, markup=False, highlight=False, soft_wrap=True)


def _describe(path: Path | str, result: crud.IngestResult) -> str:
    # Only a guessed or unusual encoding is worth a word: it explains garbled characters.
    read_as = "" if result.encoding in _USUAL_ENCODINGS else f"; read as {result.encoding}"
    name = path if isinstance(path, str) else path.name
    if result.skipped:
        return f"skipped  {name} (already ingested{read_as})"
    return (
        f"new      {name} (statements: {result.statements_new} new, "
        f"{result.statements_merged} merged{read_as})"
    )


def require_parser() -> None:
    """Load and check the configured spaCy pipeline now, with a one-line error if it is wrong."""
    try:
        load_parser(get_settings().spacy_model)
    except ParserUnavailable as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(2) from None


@app.command()
def ingest(
    sources: Annotated[
        list[str] | None,
        typer.Argument(
            metavar="PATH|URL",
            help="Article files, folders or http(s) URLs (default: the seeds folder).",
        ),
    ] = None,
    jobs: Annotated[
        int | None,
        typer.Option(min=1, help="Processes parsing articles (default: one per core)."),
    ] = None,
    follow_symlinks: Annotated[
        bool,
        typer.Option(
            "--follow-symlinks",
            help="Also read symbolic links in a folder that lead outside it (skipped and "
            "reported by default).",
        ),
    ] = False,
) -> None:
    """Extract and store articles; texts and URLs already ingested are skipped."""
    check_database()
    require_parser()
    upgrade_database()
    given = sources or [str(get_settings().seeds_dir)]
    urls = [s for s in given if s.startswith(("http://", "https://"))]
    paths = [Path(s) for s in given if s not in urls]
    totals = ingest_paths(
        paths, urls=urls, workers=jobs or default_workers(), follow_symlinks=follow_symlinks
    )
    typer.echo(totals.summary())
    if totals.failed:
        raise typer.Exit(1)


def extraction_json(extraction: ArticleExtraction) -> dict[str, Any]:
    """The documented JSON shape of `extract --format json`."""
    return {
        "article": {
            "title": extraction.title,
            "published": extraction.published.isoformat() if extraction.published else None,
            "published_basis": extraction.published_basis,
        },
        "statements": [
            {
                "speaker": s.speaker.name,
                "side": s.speaker.side,
                "date": s.date,
                "date_precision": str(s.date_precision),
                "date_basis": str(s.date_basis),
                "date_evidence": s.date_evidence,
                "conditions": [
                    {"condition": c.condition, "stance": str(c.stance), "regions": list(c.regions)}
                    for c in s.conditions
                ],
                "kind": str(s.kind),
                "quote": s.quote,
                "evidence": s.evidence,
                "start": s.start,
                "end": s.end,
            }
            for s in extraction.statements
        ],
    }


def _table(extraction: ArticleExtraction) -> Table:
    published = extraction.published.isoformat() if extraction.published else "unknown"
    table = Table(
        title=f"{extraction.title or '(untitled)'}\npublished {published} "
        f"({extraction.published_basis}); {len(extraction.statements)} statements",
        show_lines=True,
        expand=True,
    )
    table.add_column("date", min_width=10, ratio=1)
    table.add_column("speaker", ratio=1)
    table.add_column("conditions", ratio=1, overflow="fold")
    table.add_column("kind: evidence", ratio=3)
    for s in extraction.statements:
        conditions = "\n".join(
            f"{c.condition}: {c.stance}" + (f" ({', '.join(c.regions)})" if c.regions else "")
            for c in s.conditions
        )
        table.add_row(
            f"{s.date or 'unknown'}\n{s.date_precision}, {s.date_basis}",
            f"{s.speaker.name}\n{s.speaker.side}",
            conditions,
            f"{s.kind}: {s.evidence}",
        )
    return table


@app.command()
def extract(
    path: Annotated[
        Path, typer.Argument(metavar="PATH", help="One article file (.txt, .md, .html).")
    ],
    published: Annotated[
        dt.date | None,
        typer.Option(
            parser=_parse_date,
            metavar="YYYY-MM-DD",
            help="Publication date (default: sources.toml beside the file, or found in it).",
        ),
    ] = None,
    output: Annotated[
        OutputFormat, typer.Option("--format", help="json (stable interface) or table.")
    ] = OutputFormat.JSON,
) -> None:
    """Run the extraction engine on one file and print what it finds; stores nothing."""
    require_parser()
    try:
        document = load_document(path)
        meta = article_meta(path, document)
    except (LoadError, MetaError) as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(1) from None
    if document.encoding not in _USUAL_ENCODINGS:
        # On stderr: the JSON on stdout is a stable interface.
        typer.echo(f"note: {path} read as {document.encoding}", err=True)
    # Same precedence as ingest: --published, then the analyst's or the file's metadata.
    basis = None
    if published is None and meta is not None and meta.published is not None:
        published, basis = meta.published, meta.published_basis
    title = meta.title if meta else None
    try:
        extraction = extraction_engine.extract_article(
            document.text, published=published, title=title
        )
    except Exception as exc:
        typer.echo(f"error: {path}: extraction failed: {type(exc).__name__}: {exc}", err=True)
        raise typer.Exit(1) from None
    extraction.title = title or extraction.title
    extraction.published_basis = basis or extraction.published_basis
    if output is OutputFormat.JSON:
        typer.echo(json.dumps(extraction_json(extraction), ensure_ascii=False, indent=2))
    else:
        Console().print(_table(extraction))


@app.command()
def serve(
    host: Annotated[str, typer.Option(help="Interface to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
    reload: Annotated[bool, typer.Option(help="Restart on code changes.")] = False,
) -> None:
    """Migrate the database, ingest the seeds into an empty one, and serve the dashboard."""
    import uvicorn

    check_database()
    require_parser()
    upgrade_database()
    with Session(get_engine()) as session:
        empty = crud.count_articles(session) == 0
    seeds = get_settings().seeds_dir
    if empty and seeds.is_dir():
        typer.echo(f"empty database: ingesting {seeds}")
        typer.echo(ingest_paths([seeds]).summary())
    uvicorn.run("app.main:app", host=host, port=port, reload=reload)


@app.command()
def reextract(
    article: Annotated[
        int | None, typer.Option(help="Only the article with this id (default: all).")
    ] = None,
) -> None:
    """Run the engine again on stored articles; statements editors reviewed stay as they are."""
    from app.crud.reextract import reextract_all, reextract_article

    check_database()
    require_parser()
    upgrade_database()
    err = Console(stderr=True)
    with Session(get_engine()) as session:
        if article is not None:
            try:
                result = reextract_article(session, article)
            except LookupError as exc:
                typer.echo(f"error: {exc}", err=True)
                raise typer.Exit(1) from None
        else:
            with Progress(console=err, transient=True, disable=not err.is_terminal) as bar:
                task = bar.add_task("re-extracting", total=None)
                result = reextract_all(
                    session, progress=lambda n, of: bar.update(task, completed=n, total=of)
                )
    typer.echo(result.summary())


@app.command()
def score(
    without_published: Annotated[
        bool, typer.Option(help="Also score with no publication date supplied.")
    ] = False,
) -> None:
    """Score the engine on the annotated seeds and both halves of the development corpus."""
    from app.evaluation import SCORED_SETS, score_set

    for name in SCORED_SETS:
        typer.echo(score_set(name).line(name))
        if without_published:
            typer.echo(score_set(name, with_published=False).line(f"{name}, no --published"))


def main(args: list[str] | None = None) -> None:
    """`python -m app` (with `args`, else the process's arguments): the commands, with a
    wrong setting or an unusable database said in one line on stderr (exit code 1)
    instead of a traceback."""
    try:
        app(args=args, prog_name="python -m app")
    except Exception as exc:
        problem = configuration_problem(exc)
        if problem is None:
            raise
        typer.echo(f"error: {problem}", err=True)
        raise SystemExit(1) from None
