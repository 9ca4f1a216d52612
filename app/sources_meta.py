"""Per-article metadata: an analyst's `sources.toml` beside the files, or a file's own."""

import datetime as dt
import tomllib
from pathlib import Path

from pydantic import BaseModel, ConfigDict, ValidationError, field_validator

from app.models import PublishedBasis

META_FILE_NAME = "sources.toml"
# The publication dates the tracker takes. The engine dates "last year" or "three weeks
# ago" by arithmetic on the publication date, which overflows near the calendar's ends
# (year 1, year 9999); a wider range than any article about the war needs.
EARLIEST_PUBLISHED = dt.date(1900, 1, 1)
LATEST_PUBLISHED = dt.date(2100, 12, 31)


def check_published(value: dt.date) -> dt.date:
    """`value` if the tracker can work with it as a publication date, else ValueError."""
    if not EARLIEST_PUBLISHED <= value <= LATEST_PUBLISHED:
        raise ValueError(
            f"the publication date {value.isoformat()} is out of range: give one from "
            f"{EARLIEST_PUBLISHED.isoformat()} to {LATEST_PUBLISHED.isoformat()}"
        )
    return value


class MetaError(ValueError):
    """A metadata file that cannot be read or does not fit the expected shape."""


class ArticleMeta(BaseModel):
    """What is known about an article besides its text; every field is optional."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    title: str | None = None
    publisher: str | None = None
    author: str | None = None
    url: str | None = None
    published: dt.date | None = None
    published_basis: str | None = None
    published_evidence: str | None = None
    note: str | None = None

    @field_validator("published_basis")
    @classmethod
    def _known_basis(cls, value: str | None) -> str | None:
        """Reject typos early: the basis is shown to readers as the date's provenance."""
        if value is not None and value not in set(PublishedBasis):
            allowed = ", ".join(PublishedBasis)
            raise ValueError(f"published_basis must be one of {allowed}; got {value!r}")
        return value

    def over(self, fallback: "ArticleMeta | None") -> "ArticleMeta":
        """This metadata, with fields it lacks taken from `fallback`."""
        if fallback is None:
            return self
        own = self.model_dump(exclude_none=True)
        if "published" in own:
            # The date and its provenance travel together, never mixed across layers.
            theirs = fallback.model_dump(
                exclude_none=True, exclude={"published", "published_basis", "published_evidence"}
            )
        else:
            theirs = fallback.model_dump(exclude_none=True)
        return ArticleMeta(**{**theirs, **own})


def load_sources_meta(path: Path) -> dict[str, ArticleMeta]:
    """Read a sources.toml: one `[files."NAME"]` table per article file name."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise MetaError(f"{path}: {exc}") from exc
    files = data.get("files", {})
    if not isinstance(files, dict):
        raise MetaError(f'{path}: expected [files."NAME"] tables')
    metas: dict[str, ArticleMeta] = {}
    for name, fields in files.items():
        try:
            meta = ArticleMeta.model_validate(fields)
        except ValidationError as exc:
            raise MetaError(f"{path}: [files.{name!r}]: {exc}") from exc
        if meta.published is not None:
            try:
                check_published(meta.published)
            except ValueError as exc:
                raise MetaError(f"{path}: [files.{name!r}]: {exc}") from None
        # An analyst's date with no stated basis is still the analyst's.
        if meta.published is not None and meta.published_basis is None:
            meta = meta.model_copy(update={"published_basis": PublishedBasis.ANALYST.value})
        metas[name] = meta
    return metas


def meta_for_file(path: Path) -> ArticleMeta | None:
    """The entry for `path` in the sources.toml of its folder, if there is one."""
    meta_path = path.parent / META_FILE_NAME
    if not meta_path.is_file():
        return None
    return load_sources_meta(meta_path).get(path.name)
