"""Reads behind the statement, article, speaker and condition pages, as plain data.

The article text is cut into highlighted segments and excerpts by `app.text_marks`.
The article list can be searched with the statement search's language (app/search_query.py).
"""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_right
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import NamedTuple

from sqlalchemy import func
from sqlmodel import Session, col, select

from app.crud.fulltext import substring_match
from app.crud.review import ChangeRow, list_changes
from app.crud.statements import NOT_REJECTED, StatementRow, row_loads, statement_rows, to_row
from app.dating import date_explanation
from app.extraction.conditions import condition_labels
from app.models import (
    Article,
    Source,
    Speaker,
    Stance,
    Statement,
    StatementCondition,
)
from app.search_query import SearchQuery, finds, first_hit
from app.text_marks import (
    Excerpt,
    Segment,
    excerpt,
    highlight,
    paragraph_bounds,
    text_parts,
)

STANCES = tuple(s.value for s in Stance)
SNIPPET_LENGTH = 200  # characters of an article's text shown around a search hit
_SPACE = re.compile(r"\s")


# ---- one statement ------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class StatementSource:
    """One article reporting a statement, with each place it does so in context."""

    article_id: int
    title: str
    publisher: str | None
    url: str | None
    published: dt.date | None
    published_basis: str
    places: list[Excerpt]
    source_ids: list[int]  # the Source row of each place (an editor may split one off)


@dataclass(frozen=True, slots=True)
class StatementDetail:
    statement: StatementRow
    sources: list[StatementSource]
    date_explanation: str  # how the date was obtained, as a sentence
    version: int  # the version an editor's form is based on
    changes: list[ChangeRow]  # every editor's change, oldest first
    doubts: list[str]  # the engine's reasons for doubt (codes of extraction/doubts.py)


def get_statement_detail(session: Session, statement_id: int) -> StatementDetail | None:
    """A statement with its sources in context and how its date was found, or None."""
    query = select(Statement).where(Statement.id == statement_id).options(*row_loads())
    statement = session.exec(query).first()
    if statement is None:
        return None
    by_article: dict[int, list[Source]] = defaultdict(list)
    for src in sorted(statement.sources, key=lambda src: (src.article_id, src.start)):
        by_article[src.article_id].append(src)
    sources = []
    for article_id, places in by_article.items():
        article = places[0].article
        sources.append(
            StatementSource(
                article_id=article_id,
                title=article.title or article.file_name,
                publisher=article.publisher,
                url=article.url,
                published=article.published,
                published_basis=article.published_basis,
                places=[excerpt(article.text, src.start, src.end) for src in places],
                source_ids=[src.id for src in places if src.id is not None],
            )
        )
    # The engine resolves relative dates against the article it first read them in.
    published = next((s.published for s in sources if s.published), None)
    explanation = date_explanation(
        date=statement.date,
        basis=statement.date_basis,
        evidence=statement.date_evidence,
        published=published,
    )
    assert statement.id is not None
    return StatementDetail(
        to_row(statement),
        sources,
        explanation,
        version=statement.version,
        changes=list_changes(session, statement.id),
        doubts=list(statement.doubts),
    )


# ---- articles -----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ArticleSummary:
    """An article as listed: its metadata and how many statements and speakers it gave."""

    id: int
    title: str
    publisher: str | None
    url: str | None
    published: dt.date | None
    published_basis: str
    ingested_at: dt.datetime
    statements: int  # not counting rejected ones
    speakers: int


@dataclass(frozen=True, slots=True)
class ArticleDetail:
    article: ArticleSummary
    paragraphs: list[list[Segment]]  # the part of the text shown, evidence highlighted
    statements: list[StatementRow]  # first met in that part, in order of appearance
    paragraph_starts: list[int]  # offset of each paragraph: a selection maps to the text
    part: int = 1  # the part of the text shown, from 1 (a long article is shown in parts)
    parts: int = 1
    part_span: tuple[int, int] = (0, 0)  # where the part starts and ends in the text
    text_length: int = 0  # characters in the whole text
    statements_total: int = 0  # the article's statements, in every part


def _article_summaries(session: Session, *where: object, newest_first: bool = True):
    counts = (
        select(
            Source.article_id,
            func.count(func.distinct(Statement.id)).label("statements"),
            func.count(func.distinct(Statement.speaker_id)).label("speakers"),
        )
        .join(Statement, col(Statement.id) == col(Source.statement_id))
        .where(NOT_REJECTED)
        .group_by(col(Source.article_id))
        .subquery()
    )
    published = col(Article.published)
    query = (
        select(
            Article.id,
            func.coalesce(Article.title, Article.file_name),
            Article.publisher,
            Article.url,
            Article.published,
            Article.published_basis,
            Article.ingested_at,
            func.coalesce(counts.c.statements, 0),
            func.coalesce(counts.c.speakers, 0),
        )
        .join(counts, counts.c.article_id == Article.id, isouter=True)
        .order_by(
            published.is_(None),
            published.desc() if newest_first else published.asc(),
            col(Article.id).desc(),
        )
    )
    for clause in where:
        query = query.where(clause)
    return [ArticleSummary(*row) for row in session.exec(query)]


def list_articles(session: Session, *, newest_first: bool = True) -> list[ArticleSummary]:
    """Every article with its statement and speaker counts, by publication date."""
    return _article_summaries(session, newest_first=newest_first)


@dataclass(frozen=True, slots=True)
class ArticleHit:
    """An article the search found, with its text around the first place it is found."""

    article: ArticleSummary
    snippet: str | None  # plain text, about SNIPPET_LENGTH long; None if only the title has it


def search_articles(
    session: Session, query: SearchQuery, *, newest_first: bool = True
) -> list[ArticleHit]:
    """The articles whose title or text the search finds, by publication date, each with
    a snippet of its text around the first hit."""
    # The database narrows the articles down by substrings (never too few); the words then
    # decide as the statements' full-text index does: a phrase's words side by side, a
    # word's start, exclusions by word.
    candidates = substring_match(SearchQuery(query.groups, ()), Article.title, Article.text)
    snippets: dict[int, str | None] = {}
    rows = session.exec(select(Article.id, Article.title, Article.text).where(candidates))
    for article_id, title, text in rows:
        if finds(query, f"{title or ''}\n\n{text}"):
            hit = first_hit(query, text)
            if not query.groups:  # only exclusions: nothing to point at, show the start
                hit = (0, 0)
            snippets[article_id] = _snippet(text, *hit) if hit else None
    summaries = _article_summaries(session, candidates, newest_first=newest_first)
    return [ArticleHit(a, snippets[a.id]) for a in summaries if a.id in snippets]


def _snippet(text: str, start: int, end: int, length: int = SNIPPET_LENGTH) -> str:
    """About `length` characters of the text around text[start:end], a third before it,
    cut at spaces, whitespace folded, with an ellipsis where the text goes on."""
    first = max(0, min(start - length // 3, len(text) - length))
    last = max(end, first + length)
    if first > 0 and (space := _SPACE.search(text, first, start)):
        first = space.end()
    if last < len(text) and (spaces := [m.start() for m in _SPACE.finditer(text, end, last)]):
        last = spaces[-1]
    words = " ".join(text[first:last].split())
    return ("…" if first > 0 else "") + words + ("…" if last < len(text) else "")


def get_article_detail(session: Session, article_id: int, *, part: int = 1) -> ArticleDetail | None:
    """An article's text (or, for a long one, its `part`-th part: see text_parts) with its
    statements' evidence highlighted, and the statements first met there. A part beyond
    the last gives no paragraphs and no statements."""
    summary = _article_summaries(session, Article.id == article_id)
    if not summary:
        return None
    text = session.exec(select(Article.text).where(Article.id == article_id)).one()
    spans = session.exec(
        select(Source.statement_id, Source.start, Source.end)
        .join(Statement, col(Statement.id) == col(Source.statement_id))
        .where(Source.article_id == article_id, NOT_REJECTED)
    ).all()
    first: dict[int, int] = {}  # each statement's first place in the text
    for sid, start, _ in sorted(spans, key=lambda span: span[1]):
        first.setdefault(sid, start)
    parts = text_parts(text)
    if not 1 <= part <= len(parts):
        return ArticleDetail(summary[0], [], [], [], part, len(parts), (0, 0), len(text))
    lo, hi = parts[part - 1]
    # A statement belongs to the part its first place is in (is anchored there), and is
    # listed beside that part's text.
    part_starts = [start for start, _end in parts]
    part_of = {sid: max(1, bisect_right(part_starts, start)) for sid, start in first.items()}
    here = [sid for sid, number in part_of.items() if number == part]
    rows = sorted(statement_rows(session, here).values(), key=lambda row: (first[row.id], row.id))
    before = [sid for sid, number in part_of.items() if number < part]
    paragraphs = highlight(text, spans, (lo, hi), anchored_before=before)
    starts = [max(a, lo) for a, b in paragraph_bounds(text) if a < hi and b > lo]
    return ArticleDetail(
        summary[0],
        paragraphs,
        rows,
        starts,
        part,
        len(parts),
        (lo, hi),
        len(text),
        len(first),
    )


def article_text(session: Session, article_id: int) -> str | None:
    """An article's whole text as stored, or None if there is no such article."""
    return session.exec(select(Article.text).where(Article.id == article_id)).first()


# ---- speakers and conditions --------------------------------------------------------


class StoredDate(NamedTuple):
    """A stored date ("2024", "2024-06", "2024-06-14") with how it was found (DateBasis),
    so a page can say "reported" beside a date taken from publication."""

    date: str
    basis: str


def _first_last(dates: Iterable[StoredDate]) -> tuple[StoredDate | None, StoredDate | None]:
    """Earliest and latest of dates at mixed precision ("2024", "2024-06", "2024-06-14")."""
    dates = list(dates)
    if not dates:
        return None, None

    def start(d: StoredDate) -> tuple[str, str]:
        return (d.date + "-01-01"[len(d.date) - 4 :] if len(d.date) < 10 else d.date), d.date

    def end(d: StoredDate) -> tuple[str, str]:
        return (d.date + "-12-31"[len(d.date) - 4 :] if len(d.date) < 10 else d.date), d.date

    return min(dates, key=start), max(dates, key=end)


@dataclass(frozen=True, slots=True)
class SpeakerSummary:
    slug: str
    name: str
    side: str
    kind: str
    statements: int  # not counting rejected ones
    conditions: int  # distinct taxonomy conditions stated
    first: StoredDate | None
    last: StoredDate | None

    @property
    def is_commentator(self) -> bool:
        return self.side == "commentator"


@dataclass(frozen=True, slots=True)
class SideGroup:
    side: str
    speakers: list[SpeakerSummary]


def _side_order(side: str) -> tuple[int, str]:
    principal = {"Russia": 0, "Ukraine": 1, "commentator": 3}
    return principal.get(side, 2), side


def speaker_names(session: Session) -> list[str]:
    """Every speaker's name, alphabetically: the choices an editor picks a speaker from."""
    return list(session.exec(select(Speaker.name).order_by(Speaker.name)))


def list_speakers(session: Session) -> list[SideGroup]:
    """Every speaker with counts and date range, grouped by side (Russia, Ukraine, others
    alphabetically, commentators last), most statements first within a side."""
    statements = dict(
        session.exec(
            select(Statement.speaker_id, func.count(col(Statement.id)))
            .where(NOT_REJECTED)
            .group_by(col(Statement.speaker_id))
        ).all()
    )
    conditions = dict(
        session.exec(
            select(Statement.speaker_id, func.count(func.distinct(StatementCondition.condition)))
            .join(StatementCondition, col(StatementCondition.statement_id) == col(Statement.id))
            .where(NOT_REJECTED)
            .group_by(col(Statement.speaker_id))
        ).all()
    )
    dates: dict[int, list[StoredDate]] = defaultdict(list)
    for speaker_id, date, basis in session.exec(
        select(Statement.speaker_id, Statement.date, Statement.date_basis).where(
            NOT_REJECTED, col(Statement.date).is_not(None)
        )
    ):
        dates[speaker_id].append(StoredDate(date, basis))
    groups: dict[str, list[SpeakerSummary]] = defaultdict(list)
    for speaker in session.exec(select(Speaker)):
        groups[speaker.side].append(
            SpeakerSummary(
                speaker.slug,
                speaker.name,
                speaker.side,
                speaker.kind,
                statements.get(speaker.id, 0),
                conditions.get(speaker.id, 0),
                *_first_last(dates[speaker.id]),
            )
        )
    return [
        SideGroup(side, sorted(groups[side], key=lambda s: (-s.statements, s.name)))
        for side in sorted(groups, key=_side_order)
    ]


@dataclass(frozen=True, slots=True)
class ConditionSummary:
    id: str
    label: str
    statements: int  # not counting rejected ones
    by_stance: dict[str, int]  # demand, reject, support, offer (in that order)
    speakers: int
    first: StoredDate | None
    last: StoredDate | None


def list_conditions(session: Session) -> list[ConditionSummary]:
    """Every taxonomy condition in taxonomy order (then any unknown ids found in the
    database), with statement counts by stance, speakers and date range."""
    labels = condition_labels()
    cond = col(StatementCondition.condition)
    distinct = func.count(func.distinct(Statement.id))

    def joined(*columns):
        return (
            select(*columns)
            .join(Statement, col(Statement.id) == col(StatementCondition.statement_id))
            .where(NOT_REJECTED)
        )

    by_stance: dict[str, dict[str, int]] = defaultdict(dict)
    stance = col(StatementCondition.stance)
    for condition, said, n in session.exec(joined(cond, stance, distinct).group_by(cond, stance)):
        by_stance[condition][said] = n
    speakers = func.count(func.distinct(Statement.speaker_id))
    totals = {
        condition: (n, people)
        for condition, n, people in session.exec(joined(cond, distinct, speakers).group_by(cond))
    }
    dates: dict[str, list[StoredDate]] = defaultdict(list)
    for condition, date, basis in session.exec(
        joined(cond, Statement.date, Statement.date_basis).where(col(Statement.date).is_not(None))
    ):
        dates[condition].append(StoredDate(date, basis))
    ids = list(labels) + sorted(set(totals) - set(labels))
    return [
        ConditionSummary(
            cid,
            labels.get(cid, cid),
            totals.get(cid, (0, 0))[0],
            {stance: by_stance[cid].get(stance, 0) for stance in STANCES},
            totals.get(cid, (0, 0))[1],
            *_first_last(dates[cid]),
        )
        for cid in ids
    ]
