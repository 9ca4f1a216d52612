"""Reading article files: plain text as is, HTML through trafilatura.

Bytes become text by the first of: a byte-order mark (UTF-8, UTF-16, UTF-32), strict
UTF-8, UTF-16 without a mark (told by its NUL bytes), the charset an HTML page declares,
and charset-normalizer's best guess among common single-byte encodings. Line ends become
"\n" before the text is stored, so stored offsets index exactly the stored text.
"""

import codecs
import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

from charset_normalizer import CharsetMatch, from_bytes

from app.config import get_settings
from app.models import PublishedBasis
from app.sources_meta import ArticleMeta, check_published, meta_for_file

TEXT_SUFFIXES = frozenset({".txt", ".md"})
HTML_SUFFIXES = frozenset({".html", ".htm"})
SUPPORTED_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES

_FRONT_MATTER = re.compile(r"\A---\n.*?\n---\n", re.DOTALL)

# Byte-order marks, longest first: UTF-32-LE's mark begins with UTF-16-LE's.
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# The legacy encodings charset-normalizer may choose among, in order of preference when
# several give the same text (curly quotes read the same in cp1252 and cp1250: say cp1252).
# Kept to single-byte encodings: on a short file a wider pool guesses wildly (UTF-16, Urdu).
_LEGACY = (
    "cp1252",
    "cp1251",
    "koi8_r",
    "koi8_u",
    "cp1250",
    "iso8859_15",
    "iso8859_2",
    "iso8859_5",
    "mac_cyrillic",
    "cp866",
    "cp1253",
    "iso8859_7",
    "cp1254",
    "iso8859_9",
    "cp1257",
    "iso8859_13",
    "mac_roman",
    "latin_1",
)
# Control characters besides tab, line and page breaks: a decoding that yields them is a
# wrong guess (latin-1 for cp1252's curly quotes) or a binary file.
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f]")
# An HTML page's declared charset: <meta charset="..."> or content="text/html; charset=...".
_DECLARED = re.compile(rb"<meta[^>]*?charset\s*=\s*[\"']?\s*([\w.:-]+)", re.IGNORECASE)
# Browsers read these labels as windows-1252 (WHATWG Encoding), and so do the pages.
_READ_AS_CP1252 = frozenset({"ascii", "iso8859-1"})
_LINE_END = re.compile(r"\r\n?")
# The share of a UTF-16 text's characters in ASCII and Latin-1 plus its main script's
# block; the rest are punctuation such as curly quotes and dashes (block 0x20).
_ONE_SCRIPT = 0.9


class LoadError(ValueError):
    """A file that cannot be turned into article text."""


class NotTextError(ValueError):
    """Bytes that no encoding tried turns into plausible text."""


class Decoded(NamedTuple):
    """A file's text and the codec it was read with ("utf-8", "cp1252", "utf-16-le", ...)."""

    text: str
    encoding: str


@dataclass(frozen=True, slots=True)
class LoadedDocument:
    """An article's text as it will be stored, and the metadata the file itself carries."""

    text: str
    meta: ArticleMeta | None = None
    encoding: str = "utf-8"  # the codec the file's bytes were read with


def load_document(path: Path) -> LoadedDocument:
    """Read one article file; raises LoadError with a reason a person can act on."""
    check_suffix(str(path))
    limit = get_settings().article_max_bytes
    try:
        check_size(path.stat().st_size, str(path))  # before reading a byte of it
        with path.open("rb") as file:
            data = file.read(limit + 1)  # no more, should it have grown since
    except OSError as exc:
        raise LoadError(f"{path}: cannot read: {exc.strerror or exc}") from exc
    return document_from_bytes(data, name=str(path), html=path.suffix.lower() in HTML_SUFFIXES)


def check_size(size: int, name: str) -> None:
    """Refuse an article of more bytes than the article_max_bytes setting allows."""
    limit = get_settings().article_max_bytes
    if size > limit:
        raise LoadError(
            f"{name}: too large: {size:,} bytes ({size_text(size)}); an article may be at "
            f"most {limit:,} bytes ({size_text(limit)}, setting ARTICLE_MAX_BYTES)"
        )


def size_text(size: int) -> str:
    """A size as people read it: "5 MB", "1.5 MB", "300 KB", "12 bytes"."""
    if size >= 1024 * 1024:
        return f"{size / 1024 / 1024:.3g} MB"
    return f"{size / 1024:.3g} KB" if size >= 1024 else f"{size} bytes"


def check_suffix(name: str) -> None:
    """Refuse a file whose type the tracker cannot read, naming the ones it can."""
    suffix = Path(name).suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        allowed = ", ".join(sorted(SUPPORTED_SUFFIXES))
        raise LoadError(f"{name}: unsupported file type {suffix or '(none)'!r}; use {allowed}")


def document_from_bytes(
    data: bytes, *, name: str, html: bool, charset: str | None = None
) -> LoadedDocument:
    """An article from a file's or a page's bytes (`charset`: what an HTTP header declared)."""
    check_size(len(data), name)
    declared = charset or (_declared_charset(data) if html else None)
    try:
        decoded = decode_bytes(data, declared=declared)
    except NotTextError as exc:
        raise LoadError(f"{name}: {exc}") from exc
    # Before anything is stored or extracted: offsets then index the text as stored.
    text = _LINE_END.sub("\n", decoded.text)
    if html:
        return _load_html(name, text, decoded.encoding)
    if not text.strip():
        raise LoadError(f"{name}: the file is empty")
    return LoadedDocument(text=text, meta=front_matter_meta(text), encoding=decoded.encoding)


# Front-matter keys and the metadata field each gives (Markdown files, trafilatura output).
_FRONT_MATTER_FIELDS = {
    "title": "title",
    "publisher": "publisher",
    "sitename": "publisher",
    "source": "publisher",
    "author": "author",
    "url": "url",
    "link": "url",
}
_FRONT_MATTER_DATES = ("date", "published", "publication_date")


def front_matter_meta(text: str) -> ArticleMeta | None:
    """The metadata of a YAML-style front matter block opening the text ("---", then
    `key: value` lines, then "---"): title, publisher, author, URL and date."""
    block = _FRONT_MATTER.match(text)
    if block is None:
        return None
    found: dict[str, object] = {}
    for line in block.group(0).splitlines()[1:-1]:
        key, sep, value = line.partition(":")
        key, value = key.strip().lower(), value.strip().strip("\"'")
        if not sep or not value:
            continue
        if key in _FRONT_MATTER_FIELDS and _FRONT_MATTER_FIELDS[key] not in found:
            found[_FRONT_MATTER_FIELDS[key]] = value
        elif key in _FRONT_MATTER_DATES and "published" not in found:
            try:
                found["published"] = check_published(dt.date.fromisoformat(value[:10]))
            except ValueError:  # not a date, or one the engine cannot reckon from
                continue
            found["published_basis"] = PublishedBasis.FRONT_MATTER.value
            found["published_evidence"] = f"{key}: {value}"
    if "url" in found and not str(found["url"]).startswith(("http://", "https://")):
        del found["url"]  # a link that is not a web address is not shown as one
    return ArticleMeta.model_validate(found) if found else None


def decode_bytes(data: bytes, *, declared: str | None = None) -> Decoded:
    """The text of a file's bytes and the encoding used; raises NotTextError if none fits."""
    for bom, codec in _BOMS:
        if data.startswith(bom):
            return _decode_by_bom(data, bom, codec)
    if b"\x00" in data:
        utf16 = _utf16_without_bom(data)
        if utf16 is None:
            raise NotTextError("not a text file (it contains NUL bytes and is not UTF-16)")
        return utf16
    try:
        return Decoded(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    for codec in _legacy_candidates(data, declared):
        try:
            text = data.decode(codec)
        except (UnicodeDecodeError, LookupError):
            continue
        if not _CONTROL.search(text):
            return Decoded(text, codec)
    raise NotTextError(
        "not a text file, or in an encoding not recognised: it is not UTF-8, UTF-16 or a "
        "common single-byte encoding (cp1252, cp1251, koi8-r, ...); save it as UTF-8"
    )


def _decode_by_bom(data: bytes, bom: bytes, codec: str) -> Decoded:
    # Decoded past the mark, which would otherwise shift every offset by one.
    plain = codec.removesuffix("-sig")
    try:
        text = data[len(bom) :].decode(plain)
    except UnicodeDecodeError as exc:
        raise NotTextError(
            f"starts with a {plain.upper()} byte-order mark but is not valid {plain.upper()} "
            f"(at byte offset {exc.start + len(bom)})"
        ) from None
    if "\x00" in text:
        raise NotTextError(f"not a text file (read as {codec}, it contains NUL characters)")
    return Decoded(text, codec)


def _utf16_without_bom(data: bytes) -> Decoded | None:
    """UTF-16 without a byte-order mark, told by its high bytes: a NUL for every space,
    digit and Latin letter, always on the same side of the pair, and the rest nearly all
    one script's block (0x04 for Cyrillic: Russian and Ukrainian text has few NULs)."""
    if len(data) % 2:
        return None
    even, odd = data[0::2], data[1::2]
    if even.count(0) == 0 and odd.count(0):
        codec, high = "utf-16-le", odd
    elif odd.count(0) == 0 and even.count(0):
        codec, high = "utf-16-be", even
    else:
        return None
    # Other bytes read in pairs (UTF-8 with a stray NUL, a binary file) spread their
    # "high bytes" over many values.
    blocks = Counter(high)
    latin = blocks.pop(0)
    if latin + max(blocks.values(), default=0) < _ONE_SCRIPT * len(high):
        return None
    try:
        text = data.decode(codec)
    except UnicodeDecodeError:
        return None
    return None if _CONTROL.search(text) else Decoded(text, codec)


def _legacy_candidates(data: bytes, declared: str | None) -> list[str]:
    """Codecs to try in turn: the page's declared one, then charset-normalizer's guesses."""
    candidates = [declared] if declared else []
    # A lenient mess threshold: short files heavy in quotes and dashes look messy at 0.2.
    rest = list(from_bytes(data, cp_isolation=list(_LEGACY), threshold=0.5))
    ranked = []
    while rest:
        # charset-normalizer's own order, but among matches it deems equally good (as on
        # short files) the most common codec first rather than whichever it tried first.
        head = rest[0]
        ties = [
            m
            for m in rest
            if abs(m.chaos - head.chaos) < 0.005 and abs(m.coherence - head.coherence) <= 0.02
        ]
        ranked += sorted(ties, key=_preference)
        rest = [m for m in rest if m not in ties]
    for match in ranked:
        candidates.extend(_same_text_codecs(match))  # named by the most common of them
    return [codecs.lookup(c).name for c in dict.fromkeys(candidates)]


def _same_text_codecs(match: CharsetMatch) -> list[str]:
    """The codecs that decode a file to the same text as `match`, in _LEGACY's order."""
    same = {match.encoding, *match.could_be_from_charset}
    # or its own: charset-normalizer may add a charset the file declares, or a fallback
    return [c for c in _LEGACY if c in same] or [match.encoding]


def _preference(match: CharsetMatch) -> int:
    """Where the most common codec giving `match`'s text stands in _LEGACY (outside: last)."""
    codec = _same_text_codecs(match)[0]
    return _LEGACY.index(codec) if codec in _LEGACY else len(_LEGACY)


def _declared_charset(data: bytes) -> str | None:
    """The legacy charset an HTML page declares in its head, as a Python codec name."""
    found = _DECLARED.search(data, 0, 4096)
    if found is None:
        return None
    try:
        codec = codecs.lookup(found.group(1).decode("ascii")).name
    except (LookupError, UnicodeDecodeError):
        return None
    if codec.startswith(("utf-16", "utf-32")) or codec in {"utf-8", "utf-8-sig"}:
        return None  # a byte-order mark or strict UTF-8 has had its chance already
    return "cp1252" if codec in _READ_AS_CP1252 else codec


def _load_html(name: str, text: str, encoding: str) -> LoadedDocument:
    import trafilatura  # imported here: it loads lxml and language data, unused for text files

    if not text.strip():
        raise LoadError(f"{name}: the file is empty")
    # Text, not bytes: the page is decoded as any other file (its declared charset first).
    # with_metadata keeps trafilatura's front-matter header (title, url, date) in the stored
    # text, so the provenance of the publication date stays visible beside the article.
    body = trafilatura.extract(
        text, output_format="txt", include_comments=False, with_metadata=True
    )
    if not body or not _FRONT_MATTER.sub("", body).strip():
        raise LoadError(f"{name}: no article text found in the HTML (read as {encoding})")
    body = _separate_paragraphs(_LINE_END.sub("\n", body))
    return LoadedDocument(text=body, meta=_html_meta(text), encoding=encoding)


def _separate_paragraphs(text: str) -> str:
    """Blank lines between trafilatura's blocks, as in plain-text articles."""
    # trafilatura ends each block with one newline; the engine reads paragraphs as
    # blank-line separated blocks, so a heading would otherwise run into its first paragraph.
    match = _FRONT_MATTER.match(text)
    head, body = (text[: match.end()], text[match.end() :]) if match else ("", text)
    return head + re.sub(r"\n+", "\n\n", body.strip()) + "\n"


def _html_meta(html: str) -> ArticleMeta | None:
    from trafilatura import extract_metadata

    found = extract_metadata(html)
    if found is None:
        return None
    published: dt.date | None = None
    if found.date:
        try:
            published = check_published(dt.date.fromisoformat(found.date[:10]))
        except ValueError:
            published = None
    return ArticleMeta(
        title=found.title or None,
        publisher=found.sitename or None,
        author=found.author or None,
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
