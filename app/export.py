"""The CSV export: a row per statement, or per (statement, condition); RFC 4180, safe to
open in a spreadsheet.

Pure: statements in, text out. Choices an analyst should know about:

- By default one row per statement, so the file holds as many rows as the page says
  statements; its conditions, stances and regions are joined in their cells.
- `per="condition"`: one row per condition of a statement, so a spreadsheet can pivot on
  `condition` and `stance`. When the filters name conditions, stances or regions, only the
  condition rows that meet them are written (in both granularities): the statement is in
  the result because such a row matched, and its other conditions would make a pivot
  count things nobody asked for. A statement without conditions (possible after analyst
  edits) still gets one row, condition empty.
- A statement reported by several articles is still one row per condition: the
  `article_title`, `publisher`, `url` and `published` cells hold every article, in the
  same order in each cell, joined with " | " (an article without a publisher leaves an
  empty slot, so the n-th title, url and date always belong together). Nothing is lost
  and the row count stays "statements x conditions", never "x sources".
- `regions` are joined with "; ".
- RFC 4180 framing (comma, double quotes only where needed, CRLF line ends) encoded as
  UTF-8 *with* a byte-order mark: Excel reads a BOM-less file in the legacy code page and
  turns "Зеленський" into mojibake; Python (`encoding="utf-8-sig"`), pandas and R skip it.
- A cell that starts with `=`, `+`, `-`, `@`, tab or carriage return gets a leading
  apostrophe, so a spreadsheet shows it as text instead of running it as a formula
  (OWASP "CSV injection"). No exported cell is a signed number (ids are positive, dates
  are ISO), so nothing numeric is altered.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import unicodedata
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any

from app.crud.statements import ConditionRow, SourceRow, StatementRow
from app.extraction.conditions import condition_labels
from app.filters import StatementFilters

NO_FILTERS = StatementFilters()

COLUMNS = (
    "statement_id",
    "date",
    "date_precision",
    "date_basis",
    "date_evidence",
    "speaker",
    "side",
    "condition",
    "condition_label",
    "stance",
    "kind",
    "quote",
    "evidence",
    "regions",
    "article_title",
    "publisher",
    "url",
    "published",
    "published_basis",
    "status",
    "statement_url",
    "article_url",
)
# One row per (statement, condition) pair, or one row per statement with its conditions
# joined in one cell each ("ceasefire; territory" with stances "reject; demand").
GRANULARITIES = ("condition", "statement")
CONDITION_SEPARATOR = "; "
BOM = "\ufeff"
REGION_SEPARATOR = "; "
SOURCE_SEPARATOR = " | "
# Characters that make Excel, LibreOffice or Google Sheets read a cell as a formula.
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
Condition = tuple[str, str, tuple[str, ...]]  # condition, stance, regions
_NO_CONDITION: Condition = ("", "", ())


def neutralise(cell: str) -> str:
    """The cell as text a spreadsheet will display, never evaluate."""
    return "'" + cell if cell.startswith(FORMULA_TRIGGERS) else cell


def exported_conditions(
    statement: StatementRow, filters: StatementFilters = NO_FILTERS
) -> list[ConditionRow]:
    """The condition rows of a statement that the filters ask for (all when they ask none)."""
    conditions = [(c.condition, c.stance, c.regions) for c in statement.conditions]
    return [ConditionRow(*c) for c in _kept(conditions, filters)]


def _kept(conditions: list[Condition], filters: StatementFilters) -> list[Condition]:
    """`exported_conditions` of (condition, stance, regions) tuples."""
    if not (filters.conditions or filters.stances or filters.regions):
        return conditions or [_NO_CONDITION]
    return [c for c in conditions if filters.keeps_condition(*c)]


def _articles(sources: Iterable[SourceRow]) -> list[SourceRow]:
    """One source per article (an article may report a statement in two places)."""
    seen: dict[int, SourceRow] = {}
    for source in sources:
        seen.setdefault(source.article_id, source)
    return list(seen.values())


def _joined(values: list[str]) -> str:
    """Values of several articles in one cell; empty when none of them is known."""
    return SOURCE_SEPARATOR.join(values) if any(values) else ""


def _iso(day: dt.date | str | None) -> str:
    """A date as ISO text (SQLite hands the export its stored text already)."""
    if not day:
        return ""
    return day if isinstance(day, str) else day.isoformat()


def statement_rows(
    statement: StatementRow,
    filters: StatementFilters = NO_FILTERS,
    *,
    labels: Mapping[str, str] | None = None,
    site: str = "",
    per: str = "statement",
) -> list[list[str]]:
    """The CSV rows (cells in COLUMNS order, neutralised) of one statement: one per
    condition, or with `per="statement"` one holding them all. `site` is the base URL of
    the statement and article links."""
    s = statement
    return CsvRows(filters, labels=labels, site=site, per=per)(
        (s.id, s.date, s.date_precision, s.date_basis, s.date_evidence, s.speaker, s.side)
        + (s.kind, s.quote, s.evidence, s.status),
        [(c.condition, c.stance, c.regions) for c in s.conditions],
        [
            (a.article_id, a.title, a.publisher, a.url, a.published, a.published_basis)
            for a in _articles(s.sources)
        ],
    )


class CsvRows:
    """Makes a statement's CSV rows from plain tuples: `write_csv`'s rows, and what the
    streamed export (app/export_stream.py) puts in its condition and article cells.

    A statement is (id, date, date_precision, date_basis, date_evidence, speaker, side,
    kind, quote, evidence, status); its conditions (condition, stance, regions); its
    articles, one per article, (article_id, title, publisher, url, published,
    published_basis)."""

    def __init__(
        self,
        filters: StatementFilters,
        *,
        labels: Mapping[str, str] | None = None,
        site: str = "",
        per: str = "statement",
    ) -> None:
        self.filters = filters
        self.labels = condition_labels() if labels is None else labels
        self.site = site
        self.per = per
        self._label_of: dict[str, str] = {}  # a condition cell's label cell, once worked out

    def label(self, condition: str) -> str:
        """The label cell of a condition cell ("ceasefire; territory" names both)."""
        label = self._label_of.get(condition)
        if label is None:
            parts = condition.split(CONDITION_SEPARATOR)
            label = CONDITION_SEPARATOR.join(self.labels.get(p, p) for p in parts if p)
            self._label_of[condition] = label
        return label

    def conditions(self, conditions: list[Condition]) -> list[tuple[str, str, str, str]]:
        """The condition, condition_label, stance and regions cells (not yet neutralised)
        of each of a statement's rows: none when the filters keep none of its conditions."""
        chosen = _kept(conditions, self.filters)
        if self.per == "statement" and len(chosen) > 1:
            chosen = [
                (
                    CONDITION_SEPARATOR.join(c[0] for c in chosen),
                    CONDITION_SEPARATOR.join(c[1] for c in chosen),
                    tuple(r for c in chosen for r in c[2]),
                )
            ]
        label = self.label
        return [
            (
                condition,
                label(condition),
                stance,
                REGION_SEPARATOR.join(dict.fromkeys(regions)) if regions else "",
            )
            for condition, stance, regions in chosen
        ]

    def sources(self, articles: Sequence[Any]) -> list[str]:
        """A statement's article_title, publisher, url, published, published_basis and
        article_url cells (not yet neutralised)."""
        site = self.site
        if len(articles) == 1:  # most statements: one value a cell, nothing to join
            a = articles[0]
            return [a[1] or "", a[2] or "", a[3] or "", _iso(a[4]), a[5], f"{site}/articles/{a[0]}"]
        return [
            _joined([a[1] or "" for a in articles]),
            _joined([a[2] or "" for a in articles]),
            _joined([a[3] or "" for a in articles]),
            _joined([_iso(a[4]) for a in articles]),
            _joined([a[5] for a in articles]),
            _joined([f"{site}/articles/{a[0]}" for a in articles]),
        ]

    def __call__(
        self, statement: Sequence[Any], conditions: list[Condition], articles: Sequence[Any]
    ) -> list[list[str]]:
        """The CSV rows of one statement (cells in COLUMNS order, neutralised)."""
        chosen = self.conditions(conditions)
        if not chosen:
            return []
        id_, date, precision, basis, date_evidence, speaker, side = statement[:7]
        kind, quote, evidence, status = statement[7:11]
        *sources, article_urls = self.sources(articles)
        head = [str(id_), date or "", precision, basis, date_evidence or "", speaker, side]
        words = [kind, quote or "", evidence]
        tail = [*sources, status, f"{self.site}/statements/{id_}", article_urls]
        rows = []
        for condition, label, stance, regions in chosen:
            cells = head + [condition, label, stance] + words + [regions] + tail
            rows.append(["'" + c if c.startswith(FORMULA_TRIGGERS) else c for c in cells])
        return rows


CHUNK = 64 * 1024  # characters per streamed chunk


class _Writer:
    """CSV text in pieces: rows go into a buffer, `drain` takes what it holds."""

    def __init__(self) -> None:
        self.buffer = io.StringIO()
        self.writer = csv.writer(self.buffer, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)

    def drain(self) -> str:
        text = self.buffer.getvalue()
        self.buffer.seek(0)
        self.buffer.truncate()
        return text


def write_csv(
    statements: Iterable[StatementRow],
    filters: StatementFilters = NO_FILTERS,
    *,
    bom: bool = True,
    site: str = "",
    per: str = "statement",
) -> Iterator[str]:
    """The CSV text in chunks of about CHUNK characters, the (BOM and) header first."""
    labels = condition_labels()
    out = _Writer()
    out.writer.writerow(COLUMNS)
    yield (BOM if bom else "") + out.drain()
    for statement in statements:
        rows = statement_rows(statement, filters, labels=labels, site=site, per=per)
        out.writer.writerows(rows)
        # One chunk per statement would cost a thread hop each when streamed; batch them.
        if out.buffer.tell() >= CHUNK:
            yield out.drain()
    if out.buffer.tell():
        yield out.drain()


def export_filename(filters: StatementFilters, today: dt.date, per: str = "statement") -> str:
    """ "peace-terms_<what is filtered>_per-<granularity>_<today>.csv" (may hold non-ASCII
    letters from `q`)."""
    return f"peace-terms_{filters.describe()}_per-{per}_{today.isoformat()}.csv"


def ascii_filename(name: str) -> str:
    """The file name in plain ASCII for old clients: accents dropped, other letters removed."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return re.sub(r"[^A-Za-z0-9._-]+", "-", ascii_name)
