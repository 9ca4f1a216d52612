"""Merges and splits from the browser: editors only, with the old id leading on."""

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.orm.exc import StaleDataError
from sqlmodel import Session, func, select

from app.models import Source, Speaker, Statement
from app.web import merges


def _two_of_one_speaker(session: Session) -> tuple[int, int]:
    speaker_id = session.exec(
        select(Statement.speaker_id)
        .group_by(Statement.speaker_id)
        .having(func.count() > 1)
        .order_by(func.count().desc())
    ).first()
    first, second = session.exec(
        select(Statement.id).where(Statement.speaker_id == speaker_id).order_by(Statement.id)
    ).all()[:2]
    return first, second


def test_anonymous_users_cannot_merge_or_split(seeded_client: TestClient) -> None:
    assert (
        seeded_client.post("/speakers/merge", data={"merged": "a", "into": "b"}).status_code == 401
    )
    assert seeded_client.post("/statements/1/merge", data={"other": "2"}).status_code == 401
    assert seeded_client.post("/statements/1/split", data={"source": "1"}).status_code == 401
    assert "Merge a speaker into another" not in seeded_client.get("/speakers").text


def test_merging_statements_then_splitting_the_report_off_again(
    seeded_client: TestClient, seeded_session: Session, editor_csrf: str
) -> None:
    kept, merged = _two_of_one_speaker(seeded_session)

    response = seeded_client.post(
        f"/statements/{kept}/merge",
        data={"csrf_token": editor_csrf, "other": str(merged)},
        follow_redirects=False,
    )

    assert response.status_code == 303
    old = seeded_client.get(f"/statements/{merged}", follow_redirects=False)
    assert old.status_code == 308 and old.headers["location"] == f"/statements/{kept}"
    api = seeded_client.get(f"/api/statements/{merged}", follow_redirects=False)
    assert api.headers["location"] == f"/api/statements/{kept}"
    page = seeded_client.get(f"/statements/{kept}").text
    assert f"statement {merged} joined it" in page
    assert "Split this report off" in page

    seeded_session.expire_all()
    last = seeded_session.exec(
        select(Source.id).where(Source.statement_id == kept).order_by(Source.id.desc())
    ).first()
    split = seeded_client.post(
        f"/statements/{kept}/split",
        data={"csrf_token": editor_csrf, "source": str(last)},
        follow_redirects=False,
    )
    assert split.status_code == 303
    new_page = seeded_client.get(split.headers["location"]).text
    assert f"split off statement {kept}" in new_page


def test_merging_a_statement_into_itself_is_a_400(
    seeded_client: TestClient, editor_csrf: str
) -> None:
    response = seeded_client.post(
        "/statements/1/merge", data={"csrf_token": editor_csrf, "other": "1"}
    )
    assert response.status_code == 400
    assert "cannot be merged with itself" in response.text


def test_merging_a_speaker_from_the_speakers_page(
    seeded_client: TestClient, seeded_session: Session, editor_csrf: str
) -> None:
    page = seeded_client.get("/speakers").text
    assert "Merge a speaker into another" in page
    slugs = list(seeded_session.exec(select(Speaker.slug).order_by(Speaker.id)))
    merged, into = slugs[-1], slugs[0]

    response = seeded_client.post(
        "/speakers/merge",
        data={"csrf_token": editor_csrf, "merged": merged, "into": into},
        follow_redirects=False,
    )

    assert response.status_code == 303
    seeded_session.expire_all()
    assert merged not in set(seeded_session.exec(select(Speaker.slug)))
    old_link = seeded_client.get(f"/api/statements?speaker={merged}&include_commentators=1")
    assert old_link.status_code == 200  # a saved link to the merged speaker still works
    assert {s["speaker_slug"] for s in old_link.json()["items"]} == {into}


def test_a_refused_merge_offers_the_way_back_to_the_statement(
    seeded_client: TestClient, editor_csrf: str
) -> None:
    response = seeded_client.post(
        "/statements/1/merge",
        data={"csrf_token": editor_csrf, "other": "999999"},
        headers={"Referer": "http://testserver/statements/1"},
    )
    assert response.status_code == 404
    assert 'href="/statements/1">Back to the page you came from' in response.text


def test_a_merge_that_meets_a_statement_saved_meanwhile_is_a_conflict_not_an_error(
    seeded_client: TestClient,
    seeded_session: Session,
    editor_csrf: str,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    kept, merged = _two_of_one_speaker(seeded_session)

    def saved_meanwhile(*_args: object, **_kwargs: object) -> None:
        raise StaleDataError("UPDATE statement expected to update 1 row(s); 0 were matched.")

    monkeypatch.setattr(merges, "merge_statements", saved_meanwhile)
    response = seeded_client.post(
        f"/statements/{kept}/merge",
        data={"csrf_token": editor_csrf, "other": str(merged)},
        follow_redirects=False,
    )

    assert response.status_code == 409
    assert "saved by someone else meanwhile" in response.text
    assert "UPDATE" not in response.text
