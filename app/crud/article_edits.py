"""An editor's corrections to an article's metadata: title, publisher, URL and
publication date. A new publication date re-reads the article, so the dates of its
machine statements that hang on it move ("on Thursday" counts back from the new date, a
quote from the same occasion follows it); the editor sees what moves before saving.
Statements an editor reviewed keep their dates.

A statement other articles report too only sharpens on a re-read (see reextract.py), so
its date is moved here by its own words instead: a date counted from publication ("on
Thursday", or the publication itself) is counted again from the new date.
"""

import datetime as dt
from dataclasses import dataclass

from pydantic import BaseModel, ConfigDict, Field
from sqlmodel import Session, col, select

from app.crud.reextract import DateMove, ReextractResult, dated, reextract_article
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


@dataclass(frozen=True, slots=True)
class DatePreview:
    """What a new publication date would do: the dates that move and the re-read's counts."""

    moves: list[DateMove]
    reading: ReextractResult

    def summary(self) -> str:
        return self.reading.summary()


def _counted_again(
    statement: Statement, published: dt.date | None
) -> tuple[str | None, str] | None:
    """A date counted from publication, counted from `published` instead; None when the
    statement's date does not hang on publication (stated in the text, set by an editor)."""
    if statement.date_basis == DateBasis.PUBLICATION.value:
        return (published.isoformat(), "day") if published else (None, "unknown")
    if statement.date_basis != DateBasis.RELATIVE.value or not statement.date_evidence:
        return None
    mentions = [m for m in find_dates(statement.date_evidence, published) if m.utterance]
    if not mentions:
        return None
    return mentions[0].value, str(mentions[0].precision)


def _shared_moves(
    session: Session, article_id: int, published: dt.date | None
) -> list[tuple[Statement, tuple[str | None, str]]]:
    """Machine statements of the article that other articles report too, with the date a
    new publication date gives them (only those whose date changes)."""
    here = select(Source.statement_id).where(Source.article_id == article_id)
    elsewhere = select(Source.statement_id).where(Source.article_id != article_id)
    statements = session.exec(
        select(Statement)
        .where(
            col(Statement.id).in_(here),
            col(Statement.id).in_(elsewhere),
            Statement.status == StatementStatus.EXTRACTED.value,
        )
        .order_by(col(Statement.id))
    ).all()
    moves = []
    for statement in statements:
        new = _counted_again(statement, published)
        if new is not None and new != (statement.date, statement.date_precision):
            moves.append((statement, new))
    return moves


def _as_move(statement: Statement, new: tuple[str | None, str]) -> DateMove:
    assert statement.id is not None
    return DateMove(
        statement.id,
        statement.speaker.name,
        dated(statement.date, statement.date_precision),
        dated(*new),
    )


def preview_published(session: Session, article_id: int, published: dt.date | None) -> DatePreview:
    """What the new publication date would move (the engine reads the article again;
    nothing is stored)."""
    shared = [_as_move(s, new) for s, new in _shared_moves(session, article_id, published)]
    reading = reextract_article(session, article_id, published=published, dry_run=True)
    return DatePreview(reading.moves + shared, reading)


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
    redate = edit.published != article.published
    shared = _shared_moves(session, article_id, edit.published) if redate else []
    moves = [_as_move(s, new) for s, new in shared]
    now = utcnow()
    for statement, (date, precision) in shared:
        statement.date, statement.date_precision, statement.updated_at = date, precision, now
        session.add(statement)
    if redate:
        article.published = edit.published
        article.published_basis = (
            PublishedBasis.ANALYST.value if edit.published else PublishedBasis.NONE.value
        )
        article.published_evidence = f"set by {editor.name}"
    session.add(article)
    session.commit()
    if not redate:
        return []
    # The engine reads the article again against the new date: every date of its own
    # statements that hangs on it moves, including one dated by the same occasion.
    moves = reextract_article(session, article_id).moves + moves
    assert editor.id is not None
    for move in moves:
        session.add(
            StatementChange(
                statement_id=move.statement_id,
                user_id=editor.id,
                field="date",
                old_value=move.old,
                new_value=move.new,
                comment=f"the article's publication date became {edit.published or 'unknown'}",
            )
        )
    session.commit()
    return moves
