"""Writing articles: extraction first, then speakers, statements and sources in one short
write transaction."""

import hashlib
from dataclasses import dataclass

from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, select

import app.engine as extraction_engine
from app.crud.article_rows import Draft, draft, store_records, wanted_of
from app.crud.transactions import begin_write, collector_paused, write_retrying
from app.engine import Extractor
from app.extraction.records import ArticleExtraction
from app.models import Article, PublishedBasis
from app.sources_meta import ArticleMeta


@dataclass(slots=True)
class IngestResult:
    """What ingesting one article did."""

    file_name: str
    article_id: int | None
    skipped: bool = False  # the same text was ingested before; nothing changed
    title: str | None = None
    statements_new: int = 0
    statements_merged: int = 0  # attached as a further source to an existing statement
    sources_new: int = 0
    encoding: str | None = None  # how the file's bytes were read, where a caller read a file


def content_hash(text: str) -> str:
    """The sha256 hex digest identifying an article's text; blank space around it does not
    count (a copy saved with an extra blank line is the same article)."""
    return hashlib.sha256(text.strip().encode("utf-8")).hexdigest()


def ingest_article(
    session: Session,
    *,
    text: str,
    file_name: str,
    meta: ArticleMeta | None = None,
    extract: Extractor | None = None,
) -> IngestResult:
    """Extract one article, then store it in one short write transaction (run again when
    it meets another writer's lock, see app/crud/transactions.py); a known text is skipped.
    Raises NotStored, naming `file_name`, when the database refuses it."""
    digest = content_hash(text)
    known = _stored_as(session, digest)
    # Ends the read: on PostgreSQL it would otherwise stay open through the extraction.
    session.rollback()
    if known is not None:
        return _skipped(file_name, known)
    meta = meta or ArticleMeta()
    # Parsing takes seconds for a long article: it happens before any transaction opens.
    extraction = (extract or extraction_engine.extract_article)(
        text, published=meta.published, title=meta.title
    )
    wanted = [wanted_of(record, text) for record in extraction.statements]

    def write() -> IngestResult:
        # Python objects are made before the lock is taken, once per attempt (a rolled
        # back attempt leaves its objects in no state to use again).
        drafts = [draft(r, w, text) for r, w in zip(extraction.statements, wanted, strict=True)]
        article = _article(extraction, text=text, digest=digest, file_name=file_name, meta=meta)
        with collector_paused():
            return _store(session, article, drafts)

    return write_retrying(session, write, what=file_name)


def _store(session: Session, article: Article, drafts: list[Draft]) -> IngestResult:
    """Write the article and its records in one transaction, begun as a writer."""
    begin_write(session)
    # Another writer may have stored the same text while this one was extracting.
    if (known := _stored_as(session, article.content_hash)) is not None:
        session.rollback()
        return _skipped(article.file_name, known)
    try:
        session.add(article)
        session.flush()
        assert article.id is not None
        written = store_records(session, article.id, drafts)
        session.commit()
    except IntegrityError:
        session.rollback()
        # Another process stored the same text between our check and our commit.
        if (known := _stored_as(session, article.content_hash)) is None:
            raise
        session.rollback()
        return _skipped(article.file_name, known)
    return IngestResult(
        article.file_name,
        article.id,
        title=article.title,
        statements_new=written.statements_new,
        statements_merged=written.statements_merged,
        sources_new=written.sources_new,
    )


def _article(
    extraction: ArticleExtraction, *, text: str, digest: str, file_name: str, meta: ArticleMeta
) -> Article:
    """The article's row: the analyst's or the page's metadata first, then the engine's."""
    if meta.published is not None:
        published = meta.published
        basis = meta.published_basis or PublishedBasis.SUPPLIED.value
        evidence = meta.published_evidence or meta.note
    else:
        published = extraction.published
        basis = extraction.published_basis or PublishedBasis.NONE.value
        evidence = extraction.published_evidence
    return Article(
        content_hash=digest,
        file_name=file_name,
        title=meta.title or extraction.title,
        publisher=meta.publisher,
        author=meta.author,
        url=meta.url,
        published=published,
        published_basis=basis,
        published_evidence=evidence,
        text=text,
    )


def _skipped(file_name: str, known: tuple[int | None, str | None]) -> IngestResult:
    article_id, title = known
    return IngestResult(file_name, article_id, skipped=True, title=title)


def _stored_as(session: Session, digest: str) -> tuple[int | None, str | None] | None:
    """The id and title of the article stored with this text, if any."""
    article = _article_by_hash(session, digest)
    return None if article is None else (article.id, article.title)


def _article_by_hash(session: Session, digest: str) -> Article | None:
    return session.exec(select(Article).where(Article.content_hash == digest)).first()


def article_with_url(session: Session, url: str) -> Article | None:
    """An article already stored from this URL, if any."""
    return session.exec(select(Article).where(Article.url == url)).first()
