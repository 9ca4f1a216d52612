"""A new publication date moves every date that hangs on it, shown before it is saved."""

import datetime as dt

import pytest
from sqlmodel import Session, select

from app import crud
from app.crud.article_edits import ArticleEdit, edit_article, preview_published
from app.crud.review import list_changes
from app.crud.users import create_user
from app.models import Statement, User
from app.sources_meta import ArticleMeta

TEXT = (
    "Stubb sets out terms\n\n"
    "Finnish President Alexander Stubb said on Thursday that Europe backs an unconditional "
    "ceasefire.\n\n"
    '"Ukraine needs real security guarantees before any truce," Stubb told reporters.\n'
)


@pytest.fixture
def editor(session: Session) -> User:
    return create_user(session, name="anna", password="a long password")


@pytest.fixture
def article_id(session: Session) -> int:
    meta = ArticleMeta(published=dt.date(2025, 6, 13), published_basis="analyst")
    return crud.ingest_article(session, text=TEXT, file_name="stubb.txt", meta=meta).article_id


def _dates(session: Session) -> list[str | None]:
    return [s.date for s in session.exec(select(Statement).order_by(Statement.id))]


def test_the_preview_shows_relative_and_same_occasion_dates_moving_and_stores_nothing(
    session: Session, article_id: int
) -> None:
    assert _dates(session) == ["2025-06-12", "2025-06-12"]

    preview = preview_published(session, article_id, dt.date(2025, 6, 20))

    assert sorted(m.new for m in preview.moves) == ["2025-06-19 (day)", "2025-06-19 (day)"]
    session.expire_all()
    assert _dates(session) == ["2025-06-12", "2025-06-12"]


def test_saving_moves_them_and_records_why(session: Session, article_id: int, editor: User) -> None:
    edit = ArticleEdit(title="Stubb sets out terms", published=dt.date(2025, 6, 20))

    moves = edit_article(session, article_id=article_id, edit=edit, editor=editor)

    assert len(moves) == 2
    session.expire_all()
    assert _dates(session) == ["2025-06-19", "2025-06-19"]
    for statement_id in session.exec(select(Statement.id)):
        [change] = list_changes(session, statement_id)
        assert change.comment == "the article's publication date became 2025-06-20"


def test_a_statement_other_articles_report_is_counted_again_from_its_own_words(
    session: Session, article_id: int, editor: User
) -> None:
    other = "Another report\n\n" + TEXT.split("\n\n", 1)[1]
    meta = ArticleMeta(published=dt.date(2025, 6, 13), published_basis="analyst")
    crud.ingest_article(session, text=other, file_name="other.txt", meta=meta)
    shared = session.exec(select(Statement).where(Statement.date_basis == "relative")).first()
    assert len({s.article_id for s in shared.sources}) == 2

    preview = preview_published(session, article_id, dt.date(2025, 6, 20))
    assert shared.id in {m.statement_id for m in preview.moves}

    edit_article(
        session,
        article_id=article_id,
        edit=ArticleEdit(published=dt.date(2025, 6, 20)),
        editor=editor,
    )
    session.refresh(shared)
    assert shared.date == "2025-06-19"
