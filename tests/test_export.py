"""The CSV format of the export: framing, quoting, encoding, formula neutralisation, rows."""

import csv
import datetime as dt
import io
import random

import pytest

from app.crud.statements import ConditionRow, SourceRow, StatementRow
from app.export import (
    BOM,
    COLUMNS,
    ascii_filename,
    export_filename,
    exported_conditions,
    neutralise,
    statement_rows,
    write_csv,
)
from app.export_stream import cell
from app.filters import StatementFilters


def source(article_id: int, **fields: object) -> SourceRow:
    values: dict = {
        "title": f"Article {article_id}",
        "publisher": f"Publisher {article_id}",
        "url": f"https://example.org/{article_id}",
        "published": dt.date(2024, 7, article_id),
        "evidence": "Putin said so.",
        "start": 0,
        "end": 14,
    }
    values.update(fields)
    return SourceRow(article_id=article_id, **values)


def row(statement_id: int = 1, **fields: object) -> StatementRow:
    values: dict = {
        "speaker": "Vladimir Putin",
        "speaker_slug": "vladimir-putin",
        "side": "Russia",
        "date": "2024-07-05",
        "date_precision": "day",
        "date_basis": "explicit",
        "date_evidence": "on July 5",
        "kind": "reported",
        "quote": None,
        "evidence": "Putin said Russia rejects a ceasefire.",
        "status": "extracted",
        "conditions": [ConditionRow("ceasefire", "reject")],
        "sources": [source(1)],
    }
    values.update(fields)
    return StatementRow(id=statement_id, **values)


def exported(statements: list[StatementRow], *args: object, **kwargs: object) -> str:
    return "".join(write_csv(statements, *args, **kwargs))  # type: ignore[arg-type]


def parsed(text: str) -> list[dict[str, str]]:
    assert text.startswith(BOM)
    return list(csv.DictReader(io.StringIO(text[len(BOM) :], newline="")))


def test_file_starts_with_a_bom_then_the_header_in_contract_order() -> None:
    text = exported([row()])
    assert text.startswith(BOM + ",".join(COLUMNS) + "\r\n")
    assert list(parsed(text)[0]) == list(COLUMNS)


def test_bom_can_be_left_out() -> None:
    assert exported([], bom=False) == ",".join(COLUMNS) + "\r\n"


def test_every_record_ends_with_crlf_and_bare_newlines_stay_inside_quotes() -> None:
    text = exported([row(evidence="Line one.\nLine two."), row(2)])
    assert text.endswith("\r\n")
    assert text.count("\r\n") == 3  # header and two records
    assert '"Line one.\nLine two."' in text


def test_commas_quotes_and_newlines_are_quoted_and_round_trip() -> None:
    evidence = 'He said "no ceasefire, no pause",\r\nthen left.'
    text = exported([row(evidence=evidence)])
    assert '"He said ""no ceasefire, no pause"",\r\nthen left."' in text
    assert parsed(text)[0]["evidence"] == evidence


def test_plain_cells_are_not_quoted() -> None:
    text = exported([row()])
    assert "\r\n1,2024-07-05,day,explicit,on July 5,Vladimir Putin,Russia,ceasefire," in text


def test_non_ascii_text_round_trips_through_utf8() -> None:
    statement = row(
        speaker="Володимир Зеленський",
        quote="Orbán: «мир» — now",
        kind="quote",
        sources=[source(1, title="Зеленський відповів Орбану", publisher="Українська правда")],
    )
    data = exported([statement]).encode("utf-8")
    assert data.startswith(b"\xef\xbb\xbf")
    record = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline="")))[0]
    assert record["speaker"] == "Володимир Зеленський"
    assert record["quote"] == "Orbán: «мир» — now"
    assert record["article_title"] == "Зеленський відповів Орбану"
    assert record["publisher"] == "Українська правда"


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ('=HYPERLINK("http://x","y")', '\'=HYPERLINK("http://x","y")'),
        ("-1+1", "'-1+1"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("+7 495 123", "'+7 495 123"),
        ("\t=1+1", "'\t=1+1"),
        ("\r=1+1", "'\r=1+1"),
    ],
)
def test_cells_a_spreadsheet_would_run_as_formulas_get_an_apostrophe(
    cell: str, expected: str
) -> None:
    assert neutralise(cell) == expected


@pytest.mark.parametrize(
    "cell", ["", "Putin said", "2024-07-05", "12", "a=b", "'quoted", "Donetsk; Luhansk"]
)
def test_ordinary_cells_are_left_alone(cell: str) -> None:
    assert neutralise(cell) == cell


def test_formulas_in_any_text_field_are_neutralised_in_the_file() -> None:
    statement = row(
        kind="quote",
        quote='=HYPERLINK("http://x","y")',
        evidence="-1+1",
        speaker="@SUM(A1)",
        sources=[source(1, title="+cmd|' /C calc'!A0")],
    )
    record = parsed(exported([statement]))[0]
    assert record["quote"] == '\'=HYPERLINK("http://x","y")'
    assert record["evidence"] == "'-1+1"
    assert record["speaker"] == "'@SUM(A1)"
    assert record["article_title"] == "'+cmd|' /C calc'!A0"
    assert record["statement_id"] == "1"
    assert record["date"] == "2024-07-05"


def test_one_row_per_condition_with_label_stance_and_regions() -> None:
    statement = row(
        conditions=[
            ConditionRow("ceasefire", "reject"),
            ConditionRow("territory", "demand", ("Donetsk", "Luhansk")),
        ]
    )
    records = parsed(exported([statement], per="condition"))
    assert [(r["statement_id"], r["condition"], r["stance"]) for r in records] == [
        ("1", "ceasefire", "reject"),
        ("1", "territory", "demand"),
    ]
    assert records[1]["regions"] == "Donetsk; Luhansk"
    assert records[0]["regions"] == ""
    assert records[1]["condition_label"] == "Territory (Russian demands)"
    assert records[0]["evidence"] == records[1]["evidence"]


def test_condition_and_stance_filters_keep_only_the_matching_condition_rows() -> None:
    statement = row(
        conditions=[
            ConditionRow("ceasefire", "reject"),
            ConditionRow("territory", "demand"),
            ConditionRow("nato-non-membership", "demand"),
        ]
    )
    territory = StatementFilters(conditions=("territory",))
    assert [c.condition for c in exported_conditions(statement, territory)] == ["territory"]
    demands = StatementFilters(stances=("demand",))
    assert [c.condition for c in exported_conditions(statement, demands)] == [
        "territory",
        "nato-non-membership",
    ]
    both = StatementFilters(conditions=("ceasefire", "territory"), stances=("reject",))
    assert [c.condition for c in exported_conditions(statement, both)] == ["ceasefire"]
    wanted = StatementFilters(conditions=("territory",), stances=("demand",))
    records = parsed(exported([statement], wanted, per="condition"))
    assert [(r["condition"], r["stance"]) for r in records] == [("territory", "demand")]


def test_the_region_filter_keeps_rows_naming_the_region_in_any_spelling() -> None:
    statement = row(
        conditions=[
            ConditionRow("territory", "demand", ("Donbass",)),
            ConditionRow("territory", "reject", ("Crimea",)),
        ]
    )
    chosen = exported_conditions(statement, StatementFilters(regions=("Donbas",)))
    assert [(c.stance, c.regions) for c in chosen] == [("demand", ("Donbass",))]


def test_a_statement_without_conditions_still_gets_a_row() -> None:
    records = parsed(exported([row(conditions=[])]))
    assert [(r["statement_id"], r["condition"], r["stance"]) for r in records] == [("1", "", "")]


def test_several_source_articles_share_one_row_joined_in_the_same_order() -> None:
    statement = row(
        sources=[
            source(1, title="ISW", publisher="Institute for the Study of War"),
            source(1, start=200, end=220),  # the same article again: listed once
            source(2, title="RT piece", publisher=None, url=None, published=None),
            source(3, title="Politico"),
        ]
    )
    records = parsed(exported([statement]))
    assert len(records) == 1
    record = records[0]
    assert record["article_title"] == "ISW | RT piece | Politico"
    assert record["publisher"] == "Institute for the Study of War |  | Publisher 3"
    assert record["url"] == "https://example.org/1 |  | https://example.org/3"
    assert record["published"] == "2024-07-01 |  | 2024-07-03"


def test_unknown_article_fields_leave_the_cell_empty() -> None:
    statement = row(sources=[source(1, publisher=None, url=None, published=None)])
    record = parsed(exported([statement]))[0]
    assert (record["publisher"], record["url"], record["published"]) == ("", "", "")
    assert statement_rows(row(sources=[]))[0][COLUMNS.index("article_title")] == ""


def test_rows_follow_the_order_of_the_statements() -> None:
    records = parsed(exported([row(3), row(1), row(2)]))
    assert [r["statement_id"] for r in records] == ["3", "1", "2"]


def test_chunks_are_the_header_then_batches_of_statements(monkeypatch) -> None:
    chunks = list(write_csv([row(1), row(2)]))
    assert len(chunks) == 2  # small exports: the header, then one batch
    assert chunks[0] == BOM + ",".join(COLUMNS) + "\r\n"

    monkeypatch.setattr("app.export.CHUNK", 1)
    batched = list(write_csv([row(1), row(2)]))
    assert len(batched) == 3  # a chunk per statement once each passes the size
    assert "".join(batched) == "".join(chunks)


def test_file_name_says_the_filters_and_the_day() -> None:
    filters = StatementFilters(speakers=("vladimir-putin",), conditions=("territory",))
    name = export_filename(filters, dt.date(2025, 3, 14))
    assert name == "peace-terms_vladimir-putin_territory_per-statement_2025-03-14.csv"
    name = export_filename(filters, dt.date(2025, 3, 14), "condition")
    assert name == "peace-terms_vladimir-putin_territory_per-condition_2025-03-14.csv"
    assert export_filename(StatementFilters(), dt.date(2025, 3, 14)) == (
        "peace-terms_all_per-statement_2025-03-14.csv"
    )


def test_ascii_file_name_drops_accents_and_other_scripts() -> None:
    assert ascii_filename("peace-terms_q-orbán_2025-03-14.csv") == (
        "peace-terms_q-orban_2025-03-14.csv"
    )
    assert ascii_filename("peace-terms_q-зеленський_2025-03-14.csv") == (
        "peace-terms_q-_2025-03-14.csv"
    )
    assert ascii_filename('a"b\\c d.csv') == "a-b-c-d.csv"


def test_one_row_per_statement_joins_its_conditions_and_links_back() -> None:
    statement = row(
        conditions=[
            ConditionRow("ceasefire", "reject"),
            ConditionRow("territory", "demand", ("Donetsk", "Luhansk")),
        ]
    )

    [cells] = statement_rows(statement, per="statement", site="https://tracker.example")

    record = dict(zip(COLUMNS, cells, strict=True))
    assert (record["condition"], record["stance"]) == ("ceasefire; territory", "reject; demand")
    assert record["regions"] == "Donetsk; Luhansk"
    assert record["statement_url"] == "https://tracker.example/statements/1"
    assert record["article_url"] == "https://tracker.example/articles/1"
    assert record["date_evidence"] == "on July 5"
    assert len(statement_rows(statement)) == 1  # the default: one row per statement
    assert len(statement_rows(statement, per="condition")) == 2


def test_a_streamed_cell_is_what_csv_writer_writes_of_the_neutralised_text() -> None:
    """The streamed export escapes cells itself (app/export_stream.py): as csv.writer does."""
    rng = random.Random(9)
    alphabet = "ab ,\"\r\n=+-@\t'Ж\x00;|"
    for _ in range(5000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randrange(7)))
        written = io.StringIO()
        csv.writer(written, lineterminator="\r\n").writerow([neutralise(text), "x"])
        assert cell(text) + ",x\r\n" == written.getvalue(), repr(text)
