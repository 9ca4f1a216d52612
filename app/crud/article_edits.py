"""An editor's corrections to an article's metadata: title, publisher, URL and
publication date. A new publication date re-resolves the relative dates of the article's
machine statements ("on Thursday" now counts back from the new date); the editor sees
what moves before saving. Statements an editor reviewed keep their dates."""

import datetime as dt

from pydantic import BaseModel, ConfigDict, Field
from sqlmodel import Session, select

from app.crud.reextract import DateMove
from app.extraction.dates import find_dates
from app.models import (
    Article,
    DateBasis,
    PublishedBasis,
    Source,
    Statement,
    StatementChange,
    StatementStatus,
    User,
    utcnow,
)


class ArticleEdit(BaseModel):
    """The article's metadata as the editor sets it (all of it: an empty field clears)."""

    model_config = ConfigDict(extra="forbid")

    title: str | None = Field(default=None, max_length=500)
    publisher: str | None = Field(default=None, max_length=200)
    url: str | None = Field(default=None, max_length=2000, pattern=r"^https?://")
    published: dt.date | None = None


def _dated(date: str | None, precision: str) -> str:
    return f"{date} ({precision})" if date else "undated"


def _redated(statement: Statement, published: dt.date | None) -> tuple[str | None, str] | None:
    """The statement's date against another publication date: (date, precision), or None
    when its date does not hang on publication (stated in the text, set by an editor)."""
    if statement.date_basis == DateBasis.PUBLICATION.value:
        return (published.isoformat(), "day") if published else (None, "unknown")
    if statement.date_basis != DateBasis.RELATIVE.value or not statement.date_evidence:
        return None
    mentions = [m for m in find_dates(statement.date_evidence, published) if m.utterance]
    if not mentions:
        return None
    return mentions[0].value, str(mentions[0].precision)


def date_moves(session: Session, article_id: int, published: dt.date | None) -> list[DateMove]:
    """The machine statements of the article whose dates move with this publication date."""
    statements = session.exec(
        select(Statement)
        .join(Source, Source.statement_id == Statement.id)  # type: ignore[arg-type]
        .where(
            Source.article_id == article_id,
            Statement.status == StatementStatus.EXTRACTED.value,
        )
        .distinct()
        .order_by(Statement.id)  # type: ignore[arg-type]
    ).all()
    moves = []
    for statement in statements:
        new = _redated(statement, published)
        if new is None or new == (statement.date, statement.date_precision):
            continue
        assert statement.id is not None
        moves.append(
            DateMove(
                statement.id,
                statement.speaker.name,
                _dated(statement.date, statement.date_precision),
                _dated(*new),
            )
        )
    return moves


def edit_article(
    session: Session, *, article_id: int, edit: ArticleEdit, editor: User
) -> list[DateMove]:
    """Save the editor's metadata; with a new publication date, move the machine
    statements' dates that hang on it (each move recorded in the statement's history)."""
    article = session.get(Article, article_id)
    if article is None:
        raise LookupError(f"no article {article_id}")
    article.title = (edit.title or "").strip() or article.file_name
    article.publisher = (edit.publisher or "").strip() or None
    article.url = edit.url or None
    moves: list[DateMove] = []
    if edit.published != article.published:
        moves = date_moves(session, article_id, edit.published)
        article.published = edit.published
        article.published_basis = (
            PublishedBasis.ANALYST.value if edit.published else PublishedBasis.NONE.value
        )
        article.published_evidence = f"set by {editor.name}"
        now = utcnow()
        for move in moves:
            statement = session.get(Statement, move.statement_id)
            assert statement is not None and editor.id is not None
            new = _redated(statement, edit.published)
            assert new is not None
            statement.date, statement.date_precision = new
            statement.updated_at = now
            session.add(
                StatementChange(
                    statement_id=move.statement_id,
                    user_id=editor.id,
                    changed_at=now,
                    field="date",
                    old_value=move.old,
                    new_value=move.new,
                    comment=f"the article's publication date became {edit.published or 'unknown'}",
                )
            )
    session.add(article)
    session.commit()
    return moves
