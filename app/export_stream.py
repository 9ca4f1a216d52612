"""The streamed export's CSV text, written from the batches' plain tuples (see
app/crud/export_rows.py): the same bytes as `app.export.write_csv`, several times faster.

Where the time went, and what this does instead (measured on 100k statements):

- csv.writer copies every character into a buffer of 4 bytes a character and looks at each
  (about 9 us a row of 500 characters). Here a cell is escaped by `cell`, a few searches
  in C that find nothing in most cells, and a row is one f-string.
- Most cells repeat: dates, speakers, sides, the handful of condition, stance and region
  combinations, an article's title and URL in each statement it reports. Those are worked
  out once each per export (`_Memo`); only the statement's own text is escaped per row.
- What the cells of conditions and articles hold (labels, filtered conditions, joined
  articles) is worked out by `app.export.CsvRows`, as for the plain path: the two cannot
  disagree on it; only neutralising and quoting are written twice.
  tests/web/test_export_stream.py checks the bytes of both on awkward data.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING, Any

from app.export import BOM, COLUMNS, FORMULA_TRIGGERS, NO_FILTERS, CsvRows
from app.filters import StatementFilters

if TYPE_CHECKING:
    from app.crud.export_rows import ExportBatch

STREAM_EVERY = 1000  # statements per streamed chunk (about 0.5 MB)
# Cells remembered per kind before starting afresh: bounds the memory of an export whose
# values hardly repeat, and costs nothing when they do.
REMEMBERED = 20_000


def quoted(text: str) -> str:
    """A cell as csv.writer writes it (QUOTE_MINIMAL, CRLF line ends): in double quotes,
    its own doubled, when it holds a comma, a double quote, a CR or a LF."""
    if "," in text or '"' in text or "\n" in text or "\r" in text:
        return '"' + text.replace('"', '""') + '"'
    return text


def cell(text: str) -> str:
    """A cell as `write_csv` writes it: neutralised (app.export.neutralise), then quoted."""
    return quoted("'" + text if text.startswith(FORMULA_TRIGGERS) else text)


class _Memo(dict):
    """A function's results by argument, each worked out once (`memo[argument]`, a plain
    dict look-up when known)."""

    def __init__(self, work: Callable[[Any], Any]) -> None:
        super().__init__()
        self.work = work

    def __missing__(self, key: Any) -> Any:
        value = self[key] = self.work(key)
        return value

    def bound(self) -> None:
        if len(self) > REMEMBERED:
            self.clear()


class _Cells:
    """The escaped cells of what repeats across statements: `values` (a date, a speaker, a
    status), `conditions` (a statement's stored conditions: per exported row its condition,
    label and stance cells, and its regions cell) and `sources` (a statement's articles:
    the article_title to published_basis cells, and the article_url cell)."""

    def __init__(self, filters: StatementFilters, *, site: str, per: str) -> None:
        self.rows = CsvRows(filters, site=site, per=per)
        self.values = _Memo(cell)
        self.conditions = _Memo(self._condition_cells)
        self.sources = _Memo(self._source_cells)

    def _condition_cells(self, stored: tuple[tuple[str, str, str], ...]) -> list[tuple[str, str]]:
        conditions = [
            (condition, stance, () if regions == "[]" else tuple(json.loads(regions)))
            for condition, stance, regions in stored
        ]
        return [
            (f"{cell(condition)},{cell(label)},{cell(stance)}", cell(regions))
            for condition, label, stance, regions in self.rows.conditions(conditions)
        ]

    def _source_cells(self, articles: tuple[tuple[Any, ...], ...]) -> tuple[str, str]:
        *sources, article_urls = map(cell, self.rows.sources(articles))
        return ",".join(sources), article_urls

    def bound(self) -> None:
        for memo in (self.values, self.conditions, self.sources):
            memo.bound()


def write_csv_batches(
    batches: Iterable[ExportBatch],
    filters: StatementFilters = NO_FILTERS,
    *,
    site: str = "",
    per: str = "statement",
) -> Iterator[str]:
    """`write_csv` of the export's batches, the same text: the BOM and header first, then
    a chunk every STREAM_EVERY statements."""
    yield BOM + ",".join(map(cell, COLUMNS)) + "\r\n"
    cells = _Cells(filters, site=site, per=per)
    values, conditions_of, sources_of = cells.values, cells.conditions, cells.sources
    statements_url = site + "/statements/"
    # A site that needs escaping (never one that a request's base URL gives) makes every
    # statement_url cell go through `cell`.
    plain_site = cell(statements_url) == statements_url
    lines: list[str] = []
    for batch in batches:
        conditions, articles = batch.conditions, batch.articles
        for done, statement in enumerate(batch.statements, 1):
            id_, date, precision, basis, date_evidence, speaker, side = statement[:7]
            kind, quote, evidence, status = statement[7:11]
            chosen = conditions_of[conditions.get(id_, ())]
            if chosen:
                number = str(id_)
                url = statements_url + number
                head = (
                    f"{number if id_ >= 0 else cell(number)},"
                    f"{values[date] if date else ''},{values[precision]},{values[basis]},"
                    f"{cell(date_evidence) if date_evidence else ''},"
                    f"{values[speaker]},{values[side]}"
                )
                words = f"{values[kind]},{cell(quote) if quote else ''},{cell(evidence)}"
                sources, article_urls = sources_of[articles.get(id_, ())]
                tail = (
                    f"{sources},{values[status]},{url if plain_site else cell(url)},"
                    f"{article_urls}\r\n"
                )
                for condition, regions in chosen:
                    lines.append(f"{head},{condition},{words},{regions},{tail}")
            if done % STREAM_EVERY == 0:
                yield "".join(lines)
                lines.clear()
        if lines:
            yield "".join(lines)
            lines.clear()
        cells.bound()
