"""Every page that can be filtered says in its title what it shows, so a tab, a bookmark and
a screen reader's first words tell one view from another."""

import re

from fastapi.testclient import TestClient


def title(client: TestClient, url: str, **headers: str) -> str:
    response = client.get(url, headers=headers)
    assert response.status_code == 200, response.text
    return re.search(r"<title>(.*?)</title>", response.text).group(1)


def test_the_compare_title_says_the_columns_the_periods_and_the_filters(
    seeded_client: TestClient,
) -> None:
    url = "/compare?by=speaker&who=Russia&a_from=2022&a_to=2022&b_from=2025&b_to=2025"
    assert title(seeded_client, url + "&condition=territory") == (
        "Compare by speaker · Russia, 2022 against 2025 · Territory (Russian demands)"
        " · Peace Terms Tracker"
    )
    # An HTMX swap carries its title, which htmx puts in place.
    fragment = title(
        seeded_client, "/compare?by=speaker&speaker=vladimir-putin", **{"HX-Request": "true"}
    )
    assert fragment.startswith("Compare by speaker · Vladimir Putin")


def test_the_articles_title_and_heading_say_the_search(seeded_client: TestClient) -> None:
    assert title(seeded_client, "/articles?q=ceasefire") == (
        "Articles matching “ceasefire” · Peace Terms Tracker"
    )
    assert title(seeded_client, "/articles") == "Articles · Peace Terms Tracker"
    page = seeded_client.get("/articles?q=%3Cb%3E").text
    assert "matching “&lt;b&gt;”" in page  # the search stays text


def test_the_review_queue_title_says_the_reason(seeded_client: TestClient) -> None:
    assert title(seeded_client, "/review") == "Review queue · Peace Terms Tracker"
    reason = title(seeded_client, "/review?reason=speaker-pronoun")
    assert reason.startswith("Review queue: ") and reason != "Review queue · Peace Terms Tracker"


def test_no_page_says_one_in_the_plural(seeded_client: TestClient) -> None:
    pages = ["/", "/codebook", "/speakers", "/conditions", "/articles", "/compare"]
    pages += ["/compare?by=speaker", "/?side=Hungary", "/?include_commentators=1"]
    pages += ["/?speaker=viktor-orban", "/articles?q=Orban"]
    words = r"(statements|speakers|articles|marks|sources|rows)"
    for url in pages:
        html = seeded_client.get(url).text
        # In the text and in attributes (a count's aria-label, a button's title).
        for text in (re.sub(r"<[^>]+>", " ", html), html):
            wrong = re.findall(rf"(?<![\d.,])1 {words}\b|\b1 article match\b", text)
            assert not wrong, f"{url}: {wrong}"
