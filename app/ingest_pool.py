"""Ingesting many files on every core: worker processes read and parse the articles (the
spaCy pipeline loaded once per process), the main process stores them in the given order,
one transaction per article, so the database sees what a serial run would write."""

import multiprocessing
import os
from collections import deque
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from sqlmodel import Session

import app.engine as extraction_engine
from app import crud
from app.config import get_settings
from app.db import get_engine
from app.extraction.parser import load_parser
from app.extraction.records import ArticleExtraction
from app.loading import article_meta, load_document
from app.sources_meta import ArticleMeta

# Articles parsed ahead of the one being stored, per worker: enough to keep the workers
# busy while the main process writes, few enough to bound the memory they hold.
AHEAD_PER_WORKER = 4

Store = Callable[[], crud.IngestResult]


@dataclass(frozen=True, slots=True)
class Prepared:
    """An article file read and extracted in a worker, ready to store."""

    text: str
    file_name: str
    meta: ArticleMeta | None
    encoding: str | None
    extraction: ArticleExtraction


def default_workers() -> int:
    """One worker per core this process may use."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def _load_parser() -> None:
    load_parser(get_settings().spacy_model)


def prepare(path: Path) -> Prepared:
    """Read and extract one file (in a worker process)."""
    document = load_document(path)
    meta = article_meta(path, document)
    given = meta or ArticleMeta()
    # The same call ingest_article makes, so storing it changes nothing but where it ran.
    extraction = extraction_engine.extract_article(
        document.text, published=given.published, title=given.title
    )
    return Prepared(document.text, path.name, meta, document.encoding, extraction)


def store(prepared: Prepared) -> crud.IngestResult:
    """Store a prepared article in its own session and transaction (in the main process)."""

    def extracted(text: str, **_given: object) -> ArticleExtraction:
        return prepared.extraction

    with Session(get_engine()) as session:
        result = crud.ingest_article(
            session,
            text=prepared.text,
            file_name=prepared.file_name,
            meta=prepared.meta,
            extract=extracted,
        )
    result.encoding = prepared.encoding
    return result


def stored_in_order(
    sources: list[Path | str], *, workers: int, serial: Callable[[Path | str], crud.IngestResult]
) -> Iterator[tuple[Path | str, Store]]:
    """Each source with a callable that stores it (raising what reading, fetching or
    extracting it raised), in the given order; files are parsed by `workers` processes
    ahead of their turn, URLs and runs of one worker go through `serial`."""
    files = [s for s in sources if isinstance(s, Path)]
    if workers <= 1 or len(files) <= 1:
        for source in sources:
            yield source, lambda source=source: serial(source)
        return
    # fork where there is one: the workers start with the parser the main process loaded
    # (and with any extractor a test put in its place); spawn elsewhere loads it once each.
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
    with ProcessPoolExecutor(
        max_workers=min(workers, len(files)), mp_context=context, initializer=_load_parser
    ) as pool:
        pending: deque[tuple[Path | str, Future[Prepared] | None]] = deque()
        queue = iter(sources)
        for source in queue:
            pending.append(
                (source, pool.submit(prepare, source) if isinstance(source, Path) else None)
            )
            if len(pending) >= workers * AHEAD_PER_WORKER:
                break
        while pending:
            source, future = pending.popleft()
            if future is None:
                yield source, lambda source=source: serial(source)
            else:
                yield source, lambda future=future: store(future.result())
            for source in queue:
                pending.append(
                    (source, pool.submit(prepare, source) if isinstance(source, Path) else None)
                )
                break
