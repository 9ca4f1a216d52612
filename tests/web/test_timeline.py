"""The timeline page: list, facets, filters, HTMX fragments, escaping and errors."""

import json
import re

from bs4 import BeautifulSoup, Tag
from chart_json import chart_json
from factories import LAVROV, FakeEngine, extraction, statement
from fastapi.testclient import TestClient
from sqlmodel import Session, select

from app import crud
from app.filters import StatementFilters
from app.models import Speaker, Statement
from app.sources_meta import ArticleMeta

TEXT = (
    "Headline\n\n"
    'Putin said: "<script>alert(1)</script> is no way to end the war, and neither is a pause."\n\n'
    "Lavrov also said that Russia demands control over Donetsk and Luhansk.\n"
)
PUTIN_SENTENCE = (
    'Putin said: "<script>alert(1)</script> is no way to end the war, and neither is a pause."'
)
LAVROV_SENTENCE = "Lavrov also said that Russia demands control over Donetsk and Luhansk."


def text_of(node: Tag, selector: str) -> str:
    """The whitespace-normalized text of the first match of `selector` under `node`."""
    found = node.select_one(selector)
    assert found is not None, f"nothing matches {selector!r}"
    return " ".join(found.get_text(" ").split())


def soup(response) -> BeautifulSoup:
    return BeautifulSoup(response.text, "html.parser")


def seed(session: Session, *, url: str = "https://example.org/rt") -> None:
    """One article with a quoted statement by Putin and a reported one by Lavrov."""
    engine = FakeEngine(
        {
            TEXT: extraction(
                [
                    statement(
                        TEXT,
                        PUTIN_SENTENCE,
                        kind="quote",
                        quote="<script>alert(1)</script> is no way to end the war",
                    ),
                    statement(
                        TEXT,
                        LAVROV_SENTENCE,
                        speaker=LAVROV,
                        conditions=[("territory", "demand", ("Donetsk", "Luhansk"))],
                        date="2022-12",
                        precision="month",
                    ),
                ]
            )
        }
    )
    meta = ArticleMeta(title="RT <b>article</b>", publisher="RT", url=url)
    crud.ingest_article(session, text=TEXT, file_name="rt.txt", meta=meta, extract=engine)


def test_each_statement_shows_date_precision_speaker_kind_conditions_and_source(
    client: TestClient, session: Session
) -> None:
    seed(session)

    page = soup(client.get("/"))

    items = page.select("#results li.statement")
    assert [text_of(i, ".speaker") for i in items] == ["Vladimir Putin", "Sergey Lavrov"]
    putin, lavrov = items
    assert text_of(putin, ".date") == "5 Jul 2024"
    assert putin.select(".precision-marker") == []  # a day needs no marker
    assert text_of(lavrov, ".date") == "~ Dec 2022"
    assert text_of(lavrov, ".precision-marker") == "month"
    assert text_of(putin, ".side-label") == "Russia"
    assert text_of(putin, ".kind") == "quote"
    assert text_of(lavrov, ".chip") == "Territory (Russian demands) demand Donetsk, Luhansk"
    link = lavrov.select_one(".source a")
    assert link is not None and link.get_text() == "RT <b>article</b>"
    assert link["href"].startswith("/articles/")
    assert text_of(page, ".result-count") == "2 statements (commentators hidden)"


def test_markup_in_quotes_and_titles_is_escaped(client: TestClient, session: Session) -> None:
    seed(session)

    html = client.get("/").text

    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<b>article</b>" not in html


def test_chart_data_is_json_that_cannot_close_its_script_element(
    client: TestClient, session: Session
) -> None:
    seed(session)

    data = soup(client.get("/")).select_one("#chart-data")

    assert data is not None and "</script" not in data.decode_contents()
    assert "\\u003cscript\\u003e" in data.decode_contents()


def test_only_web_links_are_made_clickable(client: TestClient, session: Session) -> None:
    seed(session, url="javascript:alert(1)")

    html = client.get("/").text

    assert "javascript:alert" not in html


def test_an_empty_result_says_so_and_offers_to_clear_filters(client: TestClient) -> None:
    page = soup(client.get("/?q=nothing"))
    empty = page.select_one("#results .empty")
    assert empty is not None and "No statements match" in empty.get_text()
    assert empty.select_one("a")["href"] == "/"


def test_htmx_requests_get_the_results_and_out_of_band_facets(
    client: TestClient, session: Session
) -> None:
    seed(session)

    response = client.get("/?speaker=vladimir-putin", headers={"HX-Request": "true"})

    assert response.status_code == 200
    assert "<html" not in response.text
    # The page title first (htmx sets it from the fragment), then the results section.
    title, rest = response.text.lstrip().split("\n", 1)
    assert title == "<title>Vladimir Putin · Timeline · Peace Terms Tracker</title>"
    assert rest.lstrip().startswith('<section id="results"')
    fragment = soup(response)
    assert len(fragment.select("li.statement")) == 1
    facets = fragment.select_one("#facets")
    assert facets is not None and facets["hx-swap-oob"] == "true"
    assert "HX-Request" in [v.strip() for v in response.headers["vary"].split(",")]


def test_a_history_restore_gets_the_whole_page(client: TestClient, session: Session) -> None:
    seed(session)
    headers = {"HX-Request": "true", "HX-History-Restore-Request": "true"}
    assert "<html" in client.get("/", headers=headers).text


def test_filtering_by_speaker_and_condition_keeps_only_matching_statements(
    seeded_client: TestClient, seeded_session: Session
) -> None:
    expected = crud.search_statements(
        seeded_session,
        StatementFilters(speakers=("vladimir-putin",), conditions=("territory",)),
        limit=500,
    )

    page = soup(seeded_client.get("/?speaker=vladimir-putin&condition=territory"))

    ids = [int(li["data-id"]) for li in page.select("li.statement")]
    assert ids == [row.id for row in expected.items] and ids
    for li in page.select("li.statement"):
        assert text_of(li, ".speaker") == "Vladimir Putin"
        assert "Territory" in text_of(li, ".chips")
    active = [text_of(a, "a") for a in page.select(".active-filters li")]
    assert active == ["speaker Vladimir Putin ×", "condition Territory (Russian demands) ×"]


def test_facet_counts_are_counts_under_the_other_filters(
    seeded_client: TestClient, seeded_session: Session
) -> None:
    page = soup(seeded_client.get("/?condition=territory"))

    for label in page.select('fieldset[data-facet="speaker"] label'):
        slug = label.select_one("input")["value"]
        shown = int(text_of(label, ".facet-count"))
        actual = crud.search_statements(
            seeded_session,
            StatementFilters(speakers=(slug,), conditions=("territory",)),
            limit=1,
        ).total
        assert shown == actual, slug


def test_commentators_are_hidden_unless_included(
    seeded_client: TestClient, seeded_session: Session
) -> None:
    commentator = seeded_session.exec(select(Speaker).where(Speaker.side == "commentator")).first()
    assert commentator is not None

    hidden = seeded_client.get("/").text
    shown = seeded_client.get("/?include_commentators=1").text
    named = seeded_client.get(f"/?speaker={commentator.slug}").text

    assert f'/?speaker={commentator.slug}"' not in hidden.split('id="results"')[1]
    assert commentator.name in shown.split('id="results"')[1]
    assert commentator.name in named.split('id="results"')[1]


def test_full_text_search_finds_words_in_quotes_and_evidence(
    seeded_client: TestClient, seeded_session: Session
) -> None:
    page = soup(seeded_client.get("/?q=denazification"))
    items = page.select("li.statement")
    assert items
    for li in items:
        statement_row = seeded_session.get(Statement, int(li["data-id"]))
        assert statement_row is not None
        words = f"{statement_row.quote or ''} {statement_row.evidence}".lower()
        assert "denazification" in words


def test_oldest_first_reverses_the_dated_order(seeded_client: TestClient) -> None:
    def dates(order: str) -> list[str]:
        page = soup(seeded_client.get(f"/?order={order}&include_commentators=1"))
        return [li["data-id"] for li in page.select("li.statement")]

    newest, oldest = dates("newest"), dates("oldest")
    assert set(newest) == set(oldest) and newest != oldest


def test_pages_carry_the_filters(seeded_client: TestClient, seeded_session: Session) -> None:
    total = crud.search_statements(seeded_session, StatementFilters(), limit=1).total
    assert total > 0
    page = soup(seeded_client.get("/?side=Russia"))
    export = page.select_one("a.export")
    assert export is not None and export["href"] == "/export.csv?side=Russia&order=newest"


def test_bad_filter_values_get_a_visible_notice_not_a_server_error(client: TestClient) -> None:
    for query in (
        "speaker=nobody",
        "condition=peace-now",
        "stance=maybe",
        "date_from=2024-13-01",
        "date_from=2025-01-01&date_to=2024-01-01",
        "page=0",
        "order=sideways",
        "include_commentators=perhaps",
    ):
        response = client.get(f"/?{query}")
        assert response.status_code == 400, query
        assert soup(response).select_one(".notice") is not None, query


def test_health_and_static_files(client: TestClient) -> None:
    assert client.get("/healthz").json() == {"status": "ok"}
    css = client.get("/static/style.css")
    assert css.status_code == 200 and "text/css" in css.headers["content-type"]
    for asset in ("vendor/htmx.min.js", "vendor/echarts.min.js", "timeline.js"):
        assert client.get(f"/static/{asset}").status_code == 200, asset


def test_an_article_reporting_a_statement_twice_is_listed_once(
    client: TestClient, session: Session
) -> None:
    text = f"{LAVROV_SENTENCE} Other words. {LAVROV_SENTENCE}"
    engine = FakeEngine(
        {text: extraction([statement(text, LAVROV_SENTENCE, also=[LAVROV_SENTENCE])])}
    )
    meta = ArticleMeta(title="Twice")
    crud.ingest_article(session, text=text, file_name="t.txt", meta=meta, extract=engine)

    page = soup(client.get("/"))

    [source] = page.select(".source")
    assert " ".join(source.get_text(" ").split()) == "Twice · 2024-07-05 · 2 places"


def test_a_page_past_the_last_says_so_and_leads_to_the_last(seeded_client: TestClient) -> None:
    page = seeded_client.get("/?page=99").text
    assert "Page 99 is past the last page" in page
    assert "4901" not in page
    assert re.search(r'href="/\?[^"]*">Go to page 1</a>', page)


def test_an_empty_result_keeps_the_facets_to_widen_the_search(seeded_client: TestClient) -> None:
    page = seeded_client.get("/?q=zzzzunfindable").text
    assert "No statements match these filters" in page
    assert 'data-facet="condition"' in page


def test_search_hits_are_highlighted_and_bad_syntax_is_a_400(seeded_client: TestClient) -> None:
    page = seeded_client.get("/?q=cease-fire&include_commentators=1").text
    assert re.search(r'<mark class="hit">[Cc]ease(fire|-fire)', page)
    bad = seeded_client.get('/?q="security guarantees')
    assert bad.status_code == 400
    assert "quotation mark is not closed" in bad.text
    api = seeded_client.get("/api/statements?q=truce OR")
    assert api.status_code == 400 and "OR needs a word" in api.json()["detail"]


def test_a_date_taken_from_publication_reads_reported_wherever_it_is_shown(
    seeded_client: TestClient, seeded_session
) -> None:  # type: ignore[no-untyped-def]
    from sqlmodel import select

    from app.models import Statement

    dated_by_publication = seeded_session.exec(
        select(Statement.id).where(Statement.date_basis == "publication")
    ).first()
    exact = seeded_session.exec(
        select(Statement.id).where(Statement.date_basis == "explicit")
    ).first()
    assert dated_by_publication is not None and exact is not None

    page = seeded_client.get(f"/statements/{dated_by_publication}").text
    assert 'class="reported-on"' in page
    assert 'class="reported-on"' not in seeded_client.get(f"/statements/{exact}").text
    assert 'class="reported-on"' in seeded_client.get("/?include_commentators=1").text


def test_heading_and_title_say_the_filters_and_follow_an_htmx_swap(
    seeded_client: TestClient,
) -> None:
    page = seeded_client.get("/?speaker=vladimir-putin&condition=territory&q=Donbas").text
    summary = "Vladimir Putin, Territory (Russian demands), “Donbas”"
    assert f"<title>{summary} · Timeline · Peace Terms Tracker</title>" in page
    assert f'Statements: <span class="heading-filters">{summary}</span></h1>' in page
    fragment = seeded_client.get("/?side=Ukraine", headers={"HX-Request": "true"}).text
    assert "<title>Ukraine · Timeline · Peace Terms Tracker</title>" in fragment
    assert "<title>Timeline · Peace Terms Tracker</title>" in seeded_client.get("/").text


def test_search_takes_exclusions_alone_words_written_apart_and_variants_in_phrases(
    seeded_client: TestClient,
) -> None:
    def total(q: str) -> int:
        response = seeded_client.get("/api/statements", params={"q": q, "limit": 1})
        assert response.status_code == 200, response.text
        return response.json()["total"]

    everything, nato = total(""), total("NATO")
    assert 0 < nato < everything
    assert total("-NATO") == everything - nato
    assert total("cease fire") == total("ceasefire") > 0
    assert total('"Kiev regime"') == total('"Kyiv regime"')


def test_many_points_are_binned_by_month_and_the_caption_says_so(
    seeded_client: TestClient, monkeypatch
) -> None:

    import app.chart as chart_module

    one_by_one = chart_json(seeded_client.get("/").text)
    monkeypatch.setattr(chart_module, "BIN_ABOVE", 10)
    page = seeded_client.get("/").text
    binned = chart_json(page)
    assert binned["binned"] and "Days are binned into months" in page
    assert len(binned["marks"]) < len(one_by_one["marks"])
    assert sum(m["count"] for m in binned["marks"]) == binned["points"] == one_by_one["points"]
    assert all(m["date"].endswith("-01") for m in binned["marks"] if m["span"] == "month")


def test_the_source_facet_waits_for_narrower_filters_past_its_limit(
    seeded_client: TestClient, monkeypatch
) -> None:
    from app.crud import search

    listed = seeded_client.get("/").text
    assert 'name="source"' in listed and "Articles are listed once" not in listed
    monkeypatch.setattr(search, "SOURCES_LISTED_UP_TO", 3)
    page = seeded_client.get("/").text
    assert "Articles are listed once the filters keep 2,000 statements or fewer" in page
    assert 'type="radio" name="source" value="' not in page.replace('value=""', "")
    one_article = seeded_client.get("/?source=1").text
    assert 'name="source" value="1"' in one_article and "checked" in one_article


def test_past_the_count_cap_the_page_says_more_than_and_what_the_facets_count(
    seeded_client: TestClient, monkeypatch
) -> None:
    from app.crud import search

    cut = "/?date_from=1990-01-02"  # cuts a month: counted from the statements, not the tally
    exact = soup(seeded_client.get(cut))
    assert "more than" not in text_of(exact, ".result-count").lower()
    assert "most recent" not in text_of(exact, "#facets")
    monkeypatch.setattr(search, "COUNTED_UP_TO", 3)
    page = soup(seeded_client.get(cut))
    assert text_of(page, ".result-count").startswith("More than 3 statements")
    note = "these counts are over the 3 most recent"
    assert note in text_of(page, "#facets")
    assert page.select("li.statement"), "the statements are listed all the same"
    fragment = soup(seeded_client.get(cut, headers={"HX-Request": "true"}))
    assert text_of(fragment, ".result-count").startswith("More than 3 statements")
    assert note in text_of(fragment, "#facets[hx-swap-oob]")


def test_a_chart_cut_at_its_limit_says_it_shows_the_most_recent(
    seeded_client: TestClient, monkeypatch
) -> None:
    from app.crud import search

    assert "most recent" not in seeded_client.get("/").text
    monkeypatch.setattr(search, "CHART_LIMIT", 5)
    page = seeded_client.get("/").text
    assert "Showing the 5 most recent" in page
    found = re.search(r'id="chart-data">(.*?)</script>', page, re.DOTALL)
    assert json.loads(found.group(1))["points"] == 5
