"""Reading article files: plain text as is, HTML through trafilatura."""

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

from app.models import PublishedBasis
from app.sources_meta import ArticleMeta, meta_for_file

TEXT_SUFFIXES = frozenset({".txt", ".md"})
HTML_SUFFIXES = frozenset({".html", ".htm"})
SUPPORTED_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES

_FRONT_MATTER = re.compile(r"\A---\n.*?\n---\n", re.DOTALL)


class LoadError(ValueError):
    """A file that cannot be turned into article text."""


@dataclass(frozen=True, slots=True)
class LoadedDocument:
    """An article's text as it will be stored, and the metadata the file itself carries."""

    text: str
    meta: ArticleMeta | None = None


def load_document(path: Path) -> LoadedDocument:
    """Read one article file; raises LoadError with a reason a person can act on."""
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        allowed = ", ".join(sorted(SUPPORTED_SUFFIXES))
        raise LoadError(f"{path}: unsupported file type {suffix or '(none)'!r}; use {allowed}")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise LoadError(f"{path}: cannot read: {exc.strerror or exc}") from exc
    if b"\x00" in data:
        raise LoadError(f"{path}: not a text file (it contains NUL bytes)")
    if suffix in HTML_SUFFIXES:
        return _load_html(path, data)
    text = _decode(path, data)
    if not text.strip():
        raise LoadError(f"{path}: the file is empty")
    return LoadedDocument(text=text)


def _decode(path: Path, data: bytes) -> str:
    try:
        # utf-8-sig drops a byte-order mark, which would otherwise shift every offset by one.
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise LoadError(
            f"{path}: not valid UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start}); "
            "convert the file to UTF-8 and try again"
        ) from exc


def _load_html(path: Path, data: bytes) -> LoadedDocument:
    import trafilatura  # imported here: it loads lxml and language data, unused for text files

    if not data.strip():
        raise LoadError(f"{path}: the file is empty")
    # Bytes, not str: trafilatura honours the page's declared charset (e.g. windows-1251).
    # with_metadata keeps trafilatura's front-matter header (title, url, date) in the stored
    # text, so the provenance of the publication date stays visible beside the article.
    text = trafilatura.extract(
        data, output_format="txt", include_comments=False, with_metadata=True
    )
    if not text or not _FRONT_MATTER.sub("", text).strip():
        raise LoadError(f"{path}: no article text found in the HTML")
    text = _separate_paragraphs(text)
    return LoadedDocument(text=text, meta=_html_meta(data))


def _separate_paragraphs(text: str) -> str:
    """Blank lines between trafilatura's blocks, as in plain-text articles."""
    # trafilatura ends each block with one newline; the engine reads paragraphs as
    # blank-line separated blocks, so a heading would otherwise run into its first paragraph.
    match = _FRONT_MATTER.match(text)
    head, body = (text[: match.end()], text[match.end() :]) if match else ("", text)
    return head + re.sub(r"\n+", "\n\n", body.strip()) + "\n"


def _html_meta(html: bytes) -> ArticleMeta | None:
    from trafilatura import extract_metadata

    found = extract_metadata(html)
    if found is None:
        return None
    published: dt.date | None = None
    if found.date:
        try:
            published = dt.date.fromisoformat(found.date[:10])
        except ValueError:
            published = None
    return ArticleMeta(
        title=found.title or None,
        publisher=found.sitename or None,
        url=found.url or None,
        published=published,
        published_basis=PublishedBasis.FRONT_MATTER.value if published else None,
        published_evidence=f"date: {found.date}" if published else None,
    )


def article_meta(path: Path, document: LoadedDocument) -> ArticleMeta | None:
    """The analyst's metadata for `path` (sources.toml beside it) over the file's own."""
    analyst = meta_for_file(path)
    if analyst is None:
        return document.meta
    return analyst.over(document.meta)


def article_files(path: Path) -> list[Path]:
    """`path` itself if a file, else the supported files below it, in name order."""
    if not path.is_dir():
        return [path]
    found = [
        p
        for p in path.rglob("*")
        if p.is_file()
        and p.suffix.lower() in SUPPORTED_SUFFIXES
        and not any(part.startswith(".") for part in p.relative_to(path).parts)
    ]
    return sorted(found)
