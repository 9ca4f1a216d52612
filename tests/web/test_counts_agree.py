"""Every number the reader sees counts the same thing: statements.

For many filter combinations on the seeds, each facet count beside a value must be the
total that choosing that value alone gives, and the page total must be the API's total,
the export's rows (a row per statement), the distinct statements of the per-condition
export, and the statements behind the chart's marks.
"""

import csv
import html
import io
import re

import pytest
from chart_json import chart_json
from fastapi.testclient import TestClient

Params = list[tuple[str, str]]

COMBINATIONS: list[Params] = [
    [],
    [("side", "Russia")],
    [("side", "Russia"), ("side", "Ukraine")],
    [("condition", "territory")],
    [("condition", "territory"), ("stance", "demand")],
    [("condition", "ceasefire"), ("condition", "territory"), ("stance", "reject")],
    [("stance", "offer"), ("stance", "support")],
    [("region", "Donbass")],
    [("precision", "month"), ("precision", "year")],
    [("speaker", "vladimir-putin"), ("condition", "nato-non-membership")],
    [("include_commentators", "1"), ("kind", "reported")],
    [("q", "ceasefire OR truce"), ("date_from", "2022"), ("date_to", "2024-06")],
    [("status", "extracted"), ("kind", "quote")],
    [("side", "commentator")],
]

# <input ... name="stance" value="demand" ...> ... <span class="facet-count" ...>3</span>
FACET = re.compile(
    r'<input type="(?:checkbox|radio)" name="(\w+)" value="([^"]+)".*?'
    r'<span class="facet-count"[^>]*>(\d+)</span>',
    re.DOTALL,
)
MULTIPLE = {"speaker", "side", "condition", "stance", "region", "precision"}


def label(params: Params) -> str:
    return "&".join(f"{k}={v}" for k, v in params) or "none"


def facet_counts(page: str) -> list[tuple[str, str, int]]:
    panel = page[page.index('id="facets"') : page.index('class="form-actions"')]
    return [(name, html.unescape(value), int(n)) for name, value, n in FACET.findall(panel)]


def api_total(client: TestClient, params: Params) -> int:
    response = client.get("/api/statements", params=[*params, ("limit", "1")])
    assert response.status_code == 200, response.text
    return response.json()["total"]


def page_total(page: str) -> int:
    return int(re.search(r"<p class=\"result-count\"[^>]*><strong>(\d+)</strong>", page).group(1))


def csv_rows(client: TestClient, params: Params) -> list[dict[str, str]]:
    response = client.get("/export.csv", params=params)
    assert response.status_code == 200
    return list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))


@pytest.mark.parametrize("params", COMBINATIONS, ids=label)
def test_every_facet_count_is_what_choosing_that_value_gives(
    seeded_client: TestClient, params: Params
) -> None:
    response = seeded_client.get("/", params=params)
    assert response.status_code == 200
    counts = facet_counts(response.text)
    assert {name for name, _, _ in counts} >= {"speaker", "side", "condition", "stance", "kind"}
    checked = 0
    for name, value, count in counts:
        if count == 0:
            continue
        alone = [(k, v) for k, v in params if k != name] + [(name, value)]
        assert api_total(seeded_client, alone) == count, f"{name}={value} under {label(params)}"
        checked += 1
    assert checked > 0


@pytest.mark.parametrize("params", COMBINATIONS, ids=label)
def test_page_api_export_and_chart_count_the_same_statements(
    seeded_client: TestClient, params: Params
) -> None:
    page = seeded_client.get("/", params=params).text
    total = page_total(page)
    assert total == api_total(seeded_client, params)
    per_statement = csv_rows(seeded_client, params)
    assert len(per_statement) == total
    per_condition = csv_rows(seeded_client, [*params, ("per", "condition")])
    assert len({r["statement_id"] for r in per_condition}) == total
    # The chart: one mark group per dated (statement, condition) row the filters keep.
    chart = chart_json(page)
    plotted = {i for mark in chart["marks"] for i in mark["ids"]}
    dated = {int(r["statement_id"]) for r in per_condition if r["date"] and r["condition"]}
    assert plotted == dated
    assert sum(mark["count"] for mark in chart["marks"]) == sum(
        1 for r in per_condition if r["date"] and r["condition"]
    )


def test_the_interface_says_what_is_counted(seeded_client: TestClient) -> None:
    page = seeded_client.get("/").text
    assert "Every count on this page is a number of statements" in page
    assert re.search(r"\d+ marks? for \d+ statements? and their conditions", page)


def test_region_spellings_are_one_region(seeded_client: TestClient) -> None:
    counts = facet_counts(seeded_client.get("/").text)
    regions = {value: n for name, value, n in counts if name == "region"}
    assert "Donbas" in regions and "Donbass" not in regions
    for spelling in ("Donbass", "donbas", "Donbas"):
        assert api_total(seeded_client, [("region", spelling)]) == regions["Donbas"]


def test_short_facets_keep_their_order_whatever_is_ticked(seeded_client: TestClient) -> None:
    def order(params: Params) -> dict[str, list[str]]:
        page = seeded_client.get("/", params=params).text
        listed: dict[str, list[str]] = {}
        for name, value, _ in facet_counts(page):
            listed.setdefault(name, []).append(value)
        return listed

    before = order([])
    for params in ([("stance", "offer")], [("condition", "territory"), ("side", "Ukraine")]):
        after = order(params)
        for name in ("side", "stance", "kind", "precision", "status", "condition"):
            shared = [v for v in after.get(name, []) if v in before.get(name, [])]
            assert shared == [v for v in before.get(name, []) if v in shared], name
    assert before["stance"] == [
        s for s in ("demand", "reject", "support", "offer") if s in before["stance"]
    ]


@pytest.mark.parametrize("params", COMBINATIONS[:6], ids=label)
def test_a_mark_of_several_statements_links_to_exactly_them(
    seeded_client: TestClient, params: Params
) -> None:
    """The link static/timeline.js builds for a counted mark lists its statements, no more."""
    page = seeded_client.get("/", params=params).text
    chart = chart_json(page)
    several = [m for m in chart["marks"] if m["count"] > 1]
    assert several or params  # the seeds have such marks on the unfiltered timeline
    for mark in several:
        month = mark["precision"] == "month" or mark["span"] == "month"
        period = (
            mark["date"][:4] if mark["precision"] == "year" else mark["date"][: 7 if month else 10]
        )
        replaced = {"condition", "side", "stance", "precision", "date_from", "date_to"}
        link = [(k, v) for k, v in params if k not in replaced]
        link += [
            ("condition", mark["condition"]),
            ("side", mark["side"]),
            ("stance", mark["stance"]),
        ]
        link += [("precision", mark["precision"]), ("date_from", period), ("date_to", period)]
        assert api_total(seeded_client, link) == mark["count"], mark
