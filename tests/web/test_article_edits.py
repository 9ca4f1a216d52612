"""Correcting an article's details (a new publication date moves the dates that hang on
it, shown before saving) and re-extracting from the browser."""

import datetime as dt
import re
import time

from fastapi.testclient import TestClient
from sqlmodel import Session, select

from app.models import Article, Source, Statement


def _article_with_relative_dates(session: Session) -> tuple[Article, Statement]:
    query = (
        select(Article, Statement)
        .join(Source, Source.article_id == Article.id)
        .join(Statement, Statement.id == Source.statement_id)
        .where(Statement.date_basis.in_(["relative", "publication"]), Statement.date.is_not(None))
        .order_by(Article.id, Statement.id)
    )
    return session.exec(query).first()


def test_anonymous_users_cannot_edit_or_reextract(seeded_client: TestClient) -> None:
    assert seeded_client.get("/articles/1/edit").status_code == 401
    assert seeded_client.post("/articles/1/edit", data={"title": "x"}).status_code == 401
    assert seeded_client.post("/articles/1/reextract").status_code == 401
    assert "Re-extract" not in seeded_client.get("/articles/1").text


def test_a_new_publication_date_shows_what_moves_then_moves_it(
    seeded_client: TestClient, seeded_session: Session, editor_csrf: str
) -> None:
    article, moved = _article_with_relative_dates(seeded_session)
    old_date = moved.date
    later = article.published + dt.timedelta(days=7)
    form = {
        "csrf_token": editor_csrf,
        "title": article.title,
        "publisher": article.publisher or "",
        "url": article.url or "",
        "published": later.isoformat(),
    }

    preview = seeded_client.post(f"/articles/{article.id}/edit", data=form)

    assert preview.status_code == 200
    assert "What the new date moves" in preview.text
    assert f'href="/statements/{moved.id}"' in preview.text
    seeded_session.expire_all()
    assert seeded_session.get(Statement, moved.id).date == old_date  # nothing saved yet

    saved = seeded_client.post(
        f"/articles/{article.id}/edit", data={**form, "action": "save"}, follow_redirects=False
    )

    assert saved.status_code == 303
    seeded_session.expire_all()
    assert seeded_session.get(Statement, moved.id).date != old_date
    stored = seeded_session.get(Article, article.id)
    assert (stored.published, stored.published_basis) == (later, "analyst")
    history = seeded_client.get(f"/statements/{moved.id}").text
    assert f"the article&#39;s publication date became {later.isoformat()}" in history


def test_details_without_a_date_change_save_directly_and_bad_values_are_refused(
    seeded_client: TestClient, seeded_session: Session, editor_csrf: str
) -> None:
    article = seeded_session.exec(select(Article).order_by(Article.id)).first()
    base = {
        "csrf_token": editor_csrf,
        "title": "A corrected <title>",
        "publisher": "",
        "url": "",
        "published": article.published.isoformat() if article.published else "",
    }

    bad = seeded_client.post(f"/articles/{article.id}/edit", data={**base, "url": "ftp://x"})
    assert bad.status_code == 400 and "url" in bad.text
    ok = seeded_client.post(f"/articles/{article.id}/edit", data=base, follow_redirects=False)
    assert ok.status_code == 303
    page = seeded_client.get(f"/articles/{article.id}").text
    assert "A corrected &lt;title&gt;" in page


def test_the_reextract_button_runs_a_job_that_keeps_every_statement_id(
    seeded_client: TestClient, seeded_session: Session, editor_csrf: str
) -> None:
    before = set(seeded_session.exec(select(Statement.id)))

    response = seeded_client.post(
        "/articles/reextract", data={"csrf_token": editor_csrf}, follow_redirects=False
    )
    assert response.status_code == 303
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        page = seeded_client.get(response.headers["location"]).text
        if 'data-state="done"' in page:
            break
        time.sleep(0.2)
    assert page.count('class="job-state">done<') == 5
    assert '<h1 id="job-heading">Re-extracting articles</h1>' in page
    assert "review its 0 statements" not in page
    summaries = re.findall(r"statements: (\d+) added, (\d+) changed, (\d+) removed", page)
    assert summaries and all(s == ("0", "0", "0") for s in summaries)
    seeded_session.expire_all()
    assert set(seeded_session.exec(select(Statement.id))) == before


def test_a_publication_date_the_engine_cannot_reckon_from_is_refused(
    seeded_client: TestClient, seeded_session: Session, editor_csrf: str
) -> None:
    article, _ = _article_with_relative_dates(seeded_session)
    before = article.published
    for published in ("0001-01-01", "9999-12-31"):
        for action in ("preview", "save"):
            form = {"csrf_token": editor_csrf, "published": published, "action": action}
            response = seeded_client.post(f"/articles/{article.id}/edit", data=form)
            assert response.status_code == 400, (published, action)
            assert f"the publication date {published} is out of range" in response.text
    seeded_session.refresh(article)
    assert article.published == before
