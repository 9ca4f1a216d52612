"""The streamed export's CSV text, written from the batches' plain tuples (see
app/crud/export_rows.py): the same bytes as `app.export.write_csv`, in about 60% of the
time (100k statements, bench/fill.py's data).

Where the time went, and what this does instead:

- csv.writer copies every character into a buffer of 4 bytes a character and looks at each
  (about 9 us a row of 500 characters). Here a cell is escaped by `cell`, a few searches
  in C that find nothing in most cells, and a row is one f-string.
- Most cells repeat: dates, speakers, sides, the combinations of conditions, stances and
  regions, an article's title and URL in each statement it reports. Those are worked out
  once each while remembered (`_Memo`); only the statement's own text is escaped per row.
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
# Entries of each memo below before it starts afresh: bounds the memory of an export whose
# values hardly repeat (a few MB each; the server's peak was 20 MB higher at 100k with
# 10,000 and the reader's 20,000 articles, 193 MB).
# bench/fill.py's 100k statements hold 11,000 combinations of conditions; an article is
# looked up by the tuple the export's reader hands while it remembers the article
# (export_rows.ARTICLES_REMEMBERED).
REMEMBERED = 5_000


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
    dict look-up when known), forgotten all at once past REMEMBERED entries."""

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
    label and stance cells, and its regions cell) and `article` (an article reporting a
    statement alone: its article_title to published_basis cells, and its article_url cell)."""

    def __init__(self, filters: StatementFilters, *, site: str, per: str) -> None:
        self.rows = CsvRows(filters, site=site, per=per)
        self.values = _Memo(cell)
        self.conditions = _Memo(self._condition_cells)
        self.article = _Memo(lambda article: self.sources((article,)))

    def _condition_cells(self, stored: tuple[tuple[str, str, str], ...]) -> list[tuple[str, str]]:
        conditions = [
            (condition, stance, () if regions == "[]" else tuple(json.loads(regions)))
            for condition, stance, regions in stored
        ]
        return [
            (f"{cell(condition)},{cell(label)},{cell(stance)}", cell(regions))
            for condition, label, stance, regions in self.rows.conditions(conditions)
        ]

    def sources(self, articles: tuple[tuple[Any, ...], ...]) -> tuple[str, str]:
        """The article_title to published_basis cells of a statement's articles, joined,
        and its article_url cell."""
        *sources, article_urls = map(cell, self.rows.sources(articles))
        return ",".join(sources), article_urls

    def bound(self) -> None:
        for memo in (self.values, self.conditions, self.article):
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
    values, conditions_of, article_cells = cells.values, cells.conditions, cells.article
    statements_url = site + "/statements/"
    # A site that needs escaping (never one that a request's base URL gives) makes every
    # statement_url cell go through `cell`.
    plain_site = cell(statements_url) == statements_url
    lines: list[str] = []
    for batch in batches:
        conditions, articles = batch.conditions, batch.articles
        for done, statement in enumerate(batch.statements, 1):
            # ExportBatch.statements' 12 columns, unpacked at once (the last: the keyset's day).
            (
                id_,
                date,
                precision,
                basis,
                date_evidence,
                speaker,
                side,
                kind,
                quote,
                evidence,
                status,
                _,
            ) = statement
            chosen = conditions_of[conditions.get(id_, ())]
            if chosen:
                number = str(id_)
                url = statements_url + number
                number = number if id_ >= 0 else cell(number)
                date = values[date] if date else ""
                date_evidence = cell(date_evidence) if date_evidence else ""
                quote = cell(quote) if quote else ""
                evidence = cell(evidence)
                reported = articles.get(id_, ())
                if len(reported) == 1:  # most statements
                    sources, article_urls = article_cells[reported[0]]
                else:
                    sources, article_urls = cells.sources(reported)
                url = url if plain_site else cell(url)
                for condition, regions in chosen:
                    lines.append(
                        f"{number},{date},{values[precision]},{values[basis]},{date_evidence},"
                        f"{values[speaker]},{values[side]},{condition},{values[kind]},{quote},"
                        f"{evidence},{regions},{sources},{values[status]},{url},{article_urls}\r\n"
                    )
            if done % STREAM_EVERY == 0:
                yield "".join(lines)
                lines.clear()
        if lines:
            yield "".join(lines)
            lines.clear()
        cells.bound()
