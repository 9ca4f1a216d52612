"""The Atom feed of a filtered view: valid Atom, the same filters as the timeline, newest
stored first, user text escaped."""

from xml.etree import ElementTree as ET

from factories import ingest_hostile_article
from fastapi.testclient import TestClient
from sqlmodel import Session, select

from app.models import Statement

ATOM = "{http://www.w3.org/2005/Atom}"


def _entries(client: TestClient, query: str = "") -> tuple[ET.Element, list[ET.Element]]:
    response = client.get(f"/feed.atom{query}")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/atom+xml")
    feed = ET.fromstring(response.content)
    return feed, feed.findall(f"{ATOM}entry")


def test_the_feed_holds_what_the_filters_keep_newest_stored_first(
    seeded_client: TestClient, seeded_session: Session
) -> None:
    feed, entries = _entries(seeded_client, "?side=Russia&condition=territory")

    api = seeded_client.get("/api/statements?side=Russia&condition=territory&limit=500").json()
    assert len(entries) == min(50, api["total"]) > 0
    urls = [e.find(f"{ATOM}id").text for e in entries]
    ids = [int(u.rsplit("/", 1)[1]) for u in urls]
    assert set(ids) <= {s["id"] for s in api["items"]}
    stored = {s.id: s.created_at for s in seeded_session.exec(select(Statement))}
    assert [stored[i] for i in ids] == sorted((stored[i] for i in ids), reverse=True)
    assert feed.find(f"{ATOM}title").text == "Peace Terms Tracker: side=Russia, condition=territory"
    assert all(
        "territory" in {c.get("term") for c in e.findall(f"{ATOM}category")} for e in entries
    )
    assert (
        feed.find(f"{ATOM}link[@rel='self']")
        .get("href")
        .endswith("/feed.atom?side=Russia&condition=territory")
    )


def test_the_timeline_offers_the_feed_of_its_view(seeded_client: TestClient) -> None:
    page = seeded_client.get("/?side=Russia").text
    assert 'type="application/atom+xml"' in page
    assert 'href="/feed.atom?side=Russia"' in page


def test_a_bad_filter_is_a_400_and_user_text_stays_text(
    client: TestClient, session: Session
) -> None:
    assert client.get("/feed.atom?stance=maybe").status_code == 400
    ingest_hostile_article(session)

    response = client.get("/feed.atom?include_commentators=1")

    feed = ET.fromstring(response.content)  # well-formed despite the payloads
    assert b"<script>" not in response.content
    titles = [e.find(f"{ATOM}title").text for e in feed.findall(f"{ATOM}entry")]
    assert any("<script>" in t for t in titles)  # kept as text, escaped in the XML
