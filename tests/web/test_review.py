"""Reviewing a statement in the browser: verify, reject, correct, with history; writes
refused without an editor's session and CSRF token."""

import re

import pytest
from fastapi.testclient import TestClient
from sqlmodel import Session, select

from app.models import Statement


def _first_id(session: Session) -> int:
    return session.exec(select(Statement.id).order_by(Statement.id)).first()


def _version(client: TestClient, statement_id: int) -> str:
    page = client.get(f"/statements/{statement_id}")
    match = re.search(r'name="version" value="([^"]+)"', page.text)
    assert match is not None
    return match.group(1)


def test_anonymous_readers_see_no_review_controls_and_cannot_write(
    seeded_client: TestClient, seeded_session: Session
) -> None:
    statement_id = _first_id(seeded_session)
    page = seeded_client.get(f"/statements/{statement_id}")
    assert "sign in</a> to verify" in page.text
    assert 'value="verify"' not in page.text

    response = seeded_client.post(f"/statements/{statement_id}/review", data={"action": "verify"})

    assert response.status_code == 401
    assert seeded_session.get(Statement, statement_id).status == "extracted"
    assert seeded_client.get(f"/statements/{statement_id}/edit").status_code == 401


def test_a_write_without_the_csrf_token_is_refused(
    seeded_client: TestClient, seeded_session: Session, editor_csrf: str
) -> None:
    statement_id = _first_id(seeded_session)

    for headers in ({}, {"X-CSRF-Token": "forged"}):
        response = seeded_client.post(
            f"/statements/{statement_id}/review", data={"action": "reject"}, headers=headers
        )
        assert response.status_code == 403
    seeded_session.expire_all()
    assert seeded_session.get(Statement, statement_id).status == "extracted"


def test_verifying_with_htmx_returns_the_updated_block_with_its_history(
    seeded_client: TestClient, seeded_session: Session, editor_csrf: str
) -> None:
    statement_id = _first_id(seeded_session)

    response = seeded_client.post(
        f"/statements/{statement_id}/review",
        data={"action": "verify", "comment": "<b>matches</b> the transcript"},
        headers={"X-CSRF-Token": editor_csrf, "HX-Request": "true"},
    )

    assert response.status_code == 200
    assert "<html" not in response.text and 'id="statement-page"' in response.text
    assert 'class="status status-verified"' in response.text
    assert "&lt;b&gt;matches&lt;/b&gt; the transcript" in response.text
    assert "<b>matches</b>" not in response.text
    seeded_session.expire_all()
    assert seeded_session.get(Statement, statement_id).status == "verified"


def test_the_edit_form_saves_corrections_and_the_timeline_shows_them(
    seeded_client: TestClient, seeded_session: Session, editor_csrf: str
) -> None:
    statement_id = _first_id(seeded_session)
    form = seeded_client.get(f"/statements/{statement_id}/edit")
    assert 'name="speaker"' in form.text and 'name="condition"' in form.text

    response = seeded_client.post(
        f"/statements/{statement_id}/review",
        data={
            "csrf_token": editor_csrf,
            "version": _version(seeded_client, statement_id),
            "action": "save",
            "speaker": "Maria Zakharova",
            "side": "Russia",
            "date": "2024-07-03",
            "date_precision": "day",
            "kind": "reported",
            "quote": "",
            "condition": ["ceasefire", "", "territory"],
            "stance": ["reject", "demand", "demand"],
            "regions": ["", "", "Donetsk, Luhansk"],
            "comment": "the spokeswoman said it, not the president",
        },
        follow_redirects=False,
    )

    assert response.status_code == 303
    page = seeded_client.get(f"/statements/{statement_id}")
    assert '<h1><span class="side-dot" aria-hidden="true"></span>Maria Zakharova</h1>' in page.text
    assert "set by an analyst: by editor" in page.text
    assert "territory: demand (Donetsk, Luhansk)" in page.text  # the history row
    assert "the spokeswoman said it, not the president" in page.text
    timeline = seeded_client.get("/?speaker=maria-zakharova")
    assert f'href="/statements/{statement_id}"' in timeline.text


def test_a_bad_value_is_shown_in_the_form_and_nothing_is_saved(
    seeded_client: TestClient, seeded_session: Session, editor_csrf: str
) -> None:
    statement_id = _first_id(seeded_session)
    before = seeded_session.get(Statement, statement_id).date

    response = seeded_client.post(
        f"/statements/{statement_id}/review",
        data={
            "csrf_token": editor_csrf,
            "action": "save",
            "speaker": "Vladimir Putin",
            "side": "Russia",
            "date": "2024-02-30",
            "date_precision": "day",
            "kind": "reported",
            "condition": ["ceasefire"],
            "stance": ["reject"],
            "regions": [""],
        },
    )

    assert response.status_code == 400
    assert "2024-02-30 is not a real date" in response.text
    assert 'name="speaker"' in response.text  # the form is shown again, as it was typed
    assert 'value="2024-02-30"' in response.text
    seeded_session.expire_all()
    assert seeded_session.get(Statement, statement_id).date == before


def test_a_stale_form_is_refused_and_the_other_change_is_kept(
    seeded_client: TestClient, seeded_session: Session, editor_csrf: str
) -> None:
    statement_id = _first_id(seeded_session)
    stale = _version(seeded_client, statement_id)
    seeded_client.post(
        f"/statements/{statement_id}/review",
        data={"csrf_token": editor_csrf, "action": "reject", "version": stale},
    )

    response = seeded_client.post(
        f"/statements/{statement_id}/review",
        data={"csrf_token": editor_csrf, "action": "verify", "version": stale},
    )

    assert response.status_code == 409
    assert "changed by someone else" in response.text
    seeded_session.expire_all()
    assert seeded_session.get(Statement, statement_id).status == "rejected"


def test_the_queue_lists_doubted_statements_and_leads_from_one_to_the_next(
    seeded_client: TestClient, seeded_session: Session, editor_csrf: str
) -> None:
    queue = seeded_client.get("/review")
    assert queue.status_code == 200
    ids = [int(i) for i in re.findall(r'class="queue-item" data-id="(\d+)"', queue.text)]
    assert len(ids) >= 2
    counts = [seeded_session.get(Statement, i).doubt_count for i in ids]
    assert counts == sorted(counts, reverse=True)

    first = seeded_client.get(f"/statements/{ids[0]}?queue=1")
    assert f'data-key="n" href="/statements/{ids[1]}?queue=1"' in first.text
    assert "<kbd>n</kbd> next" in first.text

    seeded_client.post(
        f"/statements/{ids[0]}/review?queue=1",
        data={"action": "verify"},
        headers={"X-CSRF-Token": editor_csrf},
    )
    again = seeded_client.get("/review")
    assert f'class="queue-item" data-id="{ids[0]}"' not in again.text


def test_the_queue_filters_by_a_reason_and_refuses_an_unknown_one(
    seeded_client: TestClient,
) -> None:
    filtered = seeded_client.get("/review?reason=date-publication")
    assert filtered.status_code == 200
    assert filtered.text.count('class="queue-item"') == filtered.text.count(
        '<span class="doubt">dated by the article&#39;s publication date</span>'
    )
    assert seeded_client.get("/review?reason=sure").status_code == 400


def test_an_editor_adds_a_missed_statement_from_selected_evidence(
    seeded_client: TestClient, seeded_session: Session, editor_csrf: str
) -> None:
    from app.models import Article

    article = seeded_session.exec(select(Article).order_by(Article.id)).first()
    page = seeded_client.get(f"/articles/{article.id}")
    assert "Add a statement the engine missed" in page.text
    assert 'data-start="0"' in page.text
    start = article.text.index("Putin")
    end = article.text.index(".", start) + 1

    response = seeded_client.post(
        f"/articles/{article.id}/statements",
        data={
            "csrf_token": editor_csrf,
            "start": str(start),
            "end": str(end),
            "speaker": "A New Analyst",
            "side": "commentator",
            "date": "",
            "date_precision": "unknown",
            "kind": "characterization",
            "condition": ["negotiations", ""],
            "stance": ["support", "demand"],
            "regions": ["", ""],
        },
        follow_redirects=False,
    )

    assert response.status_code == 303
    statement_page = seeded_client.get(response.headers["location"])
    assert "A New Analyst" in statement_page.text
    assert 'class="status status-added"' in statement_page.text
    assert "created" in statement_page.text  # the history's first row
    assert article.text[start:end] in statement_page.text


def test_adding_a_statement_without_conditions_is_refused(
    seeded_client: TestClient, seeded_session: Session, editor_csrf: str
) -> None:
    response = seeded_client.post(
        "/articles/1/statements",
        data={
            "csrf_token": editor_csrf,
            "start": "0",
            "end": "10",
            "speaker": "Somebody",
            "side": "Russia",
            "date_precision": "unknown",
            "kind": "reported",
        },
    )
    assert response.status_code == 400
    assert "the statement was not added" in response.text
    assert seeded_client.get("/articles/1").status_code == 200


def test_every_view_can_be_limited_to_reviewed_statements(
    seeded_client: TestClient, seeded_session: Session, editor_csrf: str
) -> None:
    ids = list(seeded_session.exec(select(Statement.id).order_by(Statement.id)))
    for statement_id, action in ((ids[0], "verify"), (ids[1], "reject")):
        seeded_client.post(
            f"/statements/{statement_id}/review",
            data={"action": action},
            headers={"X-CSRF-Token": editor_csrf},
        )

    api = seeded_client.get("/api/statements?status=reviewed&include_commentators=1").json()
    assert [s["id"] for s in api["items"]] == [ids[0]]
    timeline = seeded_client.get("/?status=reviewed&include_commentators=1").text
    assert f'data-id="{ids[0]}"' in timeline and f'data-id="{ids[2]}"' not in timeline
    assert "reviewed by an editor" in seeded_client.get("/").text
    export = seeded_client.get("/export.csv?status=reviewed&include_commentators=1").text
    assert export.count("\n") - 1 == api["total"] == 1  # a row per statement
    compare = seeded_client.get("/compare?status=reviewed&include_commentators=1")
    assert compare.status_code == 200


def test_a_refused_save_keeps_what_the_editor_typed_even_after_someone_elses_change(
    seeded_client: TestClient, seeded_session: Session, editor_csrf: str
) -> None:
    statement_id = _first_id(seeded_session)
    stale = _version(seeded_client, statement_id)
    seeded_client.post(
        f"/statements/{statement_id}/review",
        data={"csrf_token": editor_csrf, "action": "verify", "version": stale},
    )
    typed = {
        "csrf_token": editor_csrf,
        "version": stale,
        "action": "save",
        "speaker": "Someone Typed",
        "side": "Ukraine",
        "date": "2024-07-01",
        "date_precision": "day",
        "kind": "quote",
        "quote": "kept words",
        "condition": ["ceasefire"],
        "stance": ["offer"],
        "regions": ["Kharkiv"],
        "comment": "keep me",
    }

    conflict = seeded_client.post(f"/statements/{statement_id}/review", data=typed)

    assert conflict.status_code == 409
    assert "save again to apply them over it" in conflict.text
    for value in ('value="Someone Typed"', 'value="keep me"', 'value="Kharkiv"', "kept words"):
        assert value in conflict.text
    assert '<option value="offer" selected>' in conflict.text
    again = re.search(r'name="version" value="([^"]+)"', conflict.text)
    assert again is not None and again.group(1) != stale  # saving again is deliberate
    saved = seeded_client.post(
        f"/statements/{statement_id}/review",
        data={**typed, "version": again.group(1)},
        follow_redirects=False,
    )
    assert saved.status_code == 303


@pytest.mark.parametrize(
    ("rows", "message"),
    [
        (
            {"condition": ["", ""], "stance": ["demand", "demand"], "regions": ["", ""]},
            "give at least one condition",
        ),
        (
            {
                "condition": ["ceasefire", ""],
                "stance": ["reject", "demand"],
                "regions": ["", "Kharkiv"],
            },
            "regions Kharkiv are given without a condition",
        ),
        (
            {
                "condition": ["ceasefire", "ceasefire"],
                "stance": ["reject", "offer"],
                "regions": ["", ""],
            },
            "ceasefire is listed twice",
        ),
    ],
)
def test_edits_that_cannot_stand_are_refused_in_plain_words(
    seeded_client: TestClient,
    seeded_session: Session,
    editor_csrf: str,
    rows: dict[str, list[str]],
    message: str,
) -> None:
    statement_id = _first_id(seeded_session)
    response = seeded_client.post(
        f"/statements/{statement_id}/review",
        data={
            "csrf_token": editor_csrf,
            "action": "save",
            "speaker": "Vladimir Putin",
            "side": "Russia",
            "date": "",
            "date_precision": "unknown",
            "kind": "reported",
            **rows,
        },
    )
    assert response.status_code == 400
    assert message in response.text
    assert "List should have" not in response.text
    seeded_session.expire_all()
    assert seeded_session.get(Statement, statement_id).status == "extracted"


def test_added_evidence_must_be_whole_words_and_an_undated_one_says_so(
    seeded_client: TestClient, seeded_session: Session, editor_csrf: str
) -> None:
    from app.models import Article

    article = seeded_session.exec(select(Article).order_by(Article.id)).first()
    start = article.text.index("Putin") + 1  # inside the name
    base = {
        "csrf_token": editor_csrf,
        "speaker": "Someone",
        "side": "commentator",
        "date": "",
        "date_precision": "day",
        "kind": "reported",
        "condition": ["negotiations"],
        "stance": ["support"],
        "regions": [""],
    }
    inside = seeded_client.post(
        f"/articles/{article.id}/statements", data={**base, "start": start, "end": start + 40}
    )
    assert inside.status_code == 400 and "inside a word" in inside.text

    whole = article.text.index("Putin")
    end = article.text.index(".", whole) + 1
    added = seeded_client.post(
        f"/articles/{article.id}/statements", data={**base, "start": whole, "end": end}
    )
    page = seeded_client.get(added.url).text
    assert "no date could be established" in page
    assert "set by an analyst" not in page


def test_the_last_statement_of_the_queue_says_so(
    seeded_client: TestClient, editor_csrf: str
) -> None:
    ids = re.findall(r'class="queue-item" data-id="(\d+)"', seeded_client.get("/review").text)
    last = seeded_client.get(f"/statements/{ids[-1]}?queue=1").text
    assert "Last in the queue" in last and 'data-key="n"' not in last
