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
from collections.abc import Iterable, Iterator, Mapping

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
_NO_CONDITION = ConditionRow(condition="", stance="")


def neutralise(cell: str) -> str:
    """The cell as text a spreadsheet will display, never evaluate."""
    return "'" + cell if cell.startswith(FORMULA_TRIGGERS) else cell


def exported_conditions(
    statement: StatementRow, filters: StatementFilters = NO_FILTERS
) -> list[ConditionRow]:
    """The condition rows of a statement that the filters ask for (all when they ask none)."""
    if not (filters.conditions or filters.stances or filters.regions):
        return list(statement.conditions) or [_NO_CONDITION]
    return [
        c for c in statement.conditions if filters.keeps_condition(c.condition, c.stance, c.regions)
    ]


def _articles(sources: Iterable[SourceRow]) -> list[SourceRow]:
    """One source per article (an article may report a statement in two places)."""
    seen: dict[int, SourceRow] = {}
    for source in sources:
        seen.setdefault(source.article_id, source)
    return list(seen.values())


def _joined(values: list[str]) -> str:
    """Values of several articles in one cell; empty when none of them is known."""
    return SOURCE_SEPARATOR.join(values) if any(values) else ""


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
    labels = condition_labels() if labels is None else labels
    articles = _articles(statement.sources)
    published = [a.published.isoformat() if a.published else "" for a in articles]
    article_cells = [
        _joined([a.title or "" for a in articles]),
        _joined([a.publisher or "" for a in articles]),
        _joined([a.url or "" for a in articles]),
        _joined(published),
        _joined([a.published_basis for a in articles]),
    ]
    chosen = exported_conditions(statement, filters)
    if per == "statement" and chosen:
        chosen = [
            ConditionRow(
                CONDITION_SEPARATOR.join(c.condition for c in chosen),
                CONDITION_SEPARATOR.join(c.stance for c in chosen),
                tuple(r for c in chosen for r in c.regions),
            )
        ]
    rows = []
    for c in chosen:
        label = CONDITION_SEPARATOR.join(
            labels.get(part, part) for part in c.condition.split(CONDITION_SEPARATOR) if part
        )
        cells = [
            str(statement.id),
            statement.date or "",
            statement.date_precision,
            statement.date_basis,
            statement.date_evidence or "",
            statement.speaker,
            statement.side,
            c.condition,
            label,
            c.stance,
            statement.kind,
            statement.quote or "",
            statement.evidence,
            REGION_SEPARATOR.join(dict.fromkeys(c.regions)),
            *article_cells,
            statement.status,
            f"{site}/statements/{statement.id}",
            _joined([f"{site}/articles/{a.article_id}" for a in articles]),
        ]
        rows.append([neutralise(cell) for cell in cells])
    return rows


CHUNK = 64 * 1024  # characters per streamed chunk


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
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)

    def drain() -> str:
        text = buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()
        return text

    writer.writerow(COLUMNS)
    yield (BOM if bom else "") + drain()
    for statement in statements:
        rows = statement_rows(statement, filters, labels=labels, site=site, per=per)
        writer.writerows(rows)
        # One chunk per statement would cost a thread hop each when streamed; batch them.
        if buffer.tell() >= CHUNK:
            yield drain()
    if buffer.tell():
        yield drain()


def export_filename(filters: StatementFilters, today: dt.date, per: str = "statement") -> str:
    """ "peace-terms_<what is filtered>_per-<granularity>_<today>.csv" (may hold non-ASCII
    letters from `q`)."""
    return f"peace-terms_{filters.describe()}_per-{per}_{today.isoformat()}.csv"


def ascii_filename(name: str) -> str:
    """The file name in plain ASCII for old clients: accents dropped, other letters removed."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return re.sub(r"[^A-Za-z0-9._-]+", "-", ascii_name)
