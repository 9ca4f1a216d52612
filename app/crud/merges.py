"""An editor's merges and splits: one speaker known under two names, one utterance stored
as two statements, and a report wrongly merged into a statement. Each leaves a trace in
the history of the statements it touches, and old ids keep leading somewhere."""

from sqlalchemy import update
from sqlmodel import Session, col, select

from app.crud.review import ReviewError
from app.models import (
    Source,
    Speaker,
    SpeakerAlias,
    Statement,
    StatementAlias,
    StatementChange,
    StatementCondition,
    StatementStatus,
    User,
    utcnow,
)


def _change(
    session: Session, statement_id: int, editor: User, field: str, old: str | None, new: str
) -> None:
    assert editor.id is not None
    session.add(
        StatementChange(
            statement_id=statement_id,
            user_id=editor.id,
            field=field,
            old_value=old,
            new_value=new,
        )
    )


def merge_speakers(session: Session, *, merged_slug: str, into_slug: str, editor: User) -> int:
    """Give every statement of one speaker to another; the first's name and slug become
    aliases of the second, so future ingests resolve it there. Returns statements moved."""
    if merged_slug == into_slug:
        raise ReviewError("a speaker cannot be merged into itself")
    merged = session.exec(select(Speaker).where(Speaker.slug == merged_slug)).first()
    into = session.exec(select(Speaker).where(Speaker.slug == into_slug)).first()
    if merged is None or into is None:
        raise ReviewError(f"no speaker {merged_slug if merged is None else into_slug!r}")
    assert merged.id is not None and into.id is not None
    statements = session.exec(select(Statement).where(Statement.speaker_id == merged.id)).all()
    for statement in statements:
        assert statement.id is not None
        _change(session, statement.id, editor, "speaker", merged.name, into.name)
        statement.speaker_id = into.id
        statement.updated_at = utcnow()
        session.add(statement)
    # Aliases of the merged speaker follow it, and it becomes one itself.
    session.execute(
        update(SpeakerAlias)
        .where(col(SpeakerAlias.speaker_id) == merged.id)
        .values(speaker_id=into.id)
    )
    session.add(SpeakerAlias(slug=merged.slug, name=merged.name, speaker_id=into.id))
    session.flush()
    session.delete(merged)
    session.commit()
    return len(statements)


def merge_statements(session: Session, *, kept_id: int, merged_id: int, editor: User) -> None:
    """Join two statements of one utterance: the second's reports and conditions join the
    first, and its id leads to the first from now on."""
    if kept_id == merged_id:
        raise ReviewError("a statement cannot be merged with itself")
    kept, merged = session.get(Statement, kept_id), session.get(Statement, merged_id)
    if kept is None or merged is None:
        raise ReviewError(f"no statement {kept_id if kept is None else merged_id}")
    if kept.speaker_id != merged.speaker_id:
        raise ReviewError(
            f"statement {merged_id} is by {merged.speaker.name}, not {kept.speaker.name}: "
            "correct the speaker first"
        )
    held = {(c.condition, c.stance) for c in kept.conditions}
    for condition in merged.conditions:
        if (condition.condition, condition.stance) not in held:
            kept.conditions.append(
                StatementCondition(
                    condition=condition.condition,
                    stance=condition.stance,
                    regions=list(condition.regions),
                )
            )
    places = {(s.article_id, s.start) for s in kept.sources}
    for source in list(merged.sources):
        # Moved through the relationship (the back-reference takes it out of `merged`'s
        # list): deleting `merged` cascades to whatever it still holds.
        if (source.article_id, source.start) in places:
            merged.sources.remove(source)  # a repeat of a place `kept` has: an orphan, deleted
        else:
            kept.sources.append(source)
    session.flush()
    # Ids that led to the merged statement now lead to the kept one.
    session.execute(
        update(StatementAlias)
        .where(col(StatementAlias.statement_id) == merged_id)
        .values(statement_id=kept_id)
    )
    session.add(StatementAlias(old_id=merged_id, statement_id=kept_id))
    _change(session, kept_id, editor, "merged", None, f"statement {merged_id} joined it")
    kept.status = StatementStatus.EDITED.value
    kept.updated_at = utcnow()
    session.add(kept)
    session.delete(merged)
    session.commit()


def split_source(session: Session, *, statement_id: int, source_id: int, editor: User) -> int:
    """Take one report off a statement it was wrongly merged into: it becomes a statement
    of its own (same fields, to correct next). Returns the new statement's id."""
    statement = session.get(Statement, statement_id)
    source = session.get(Source, source_id)
    if statement is None:
        raise ReviewError(f"no statement {statement_id}")
    if source is None or source.statement_id != statement_id:
        raise ReviewError(f"statement {statement_id} has no source {source_id}")
    if len(statement.sources) < 2:
        raise ReviewError("a statement's only report cannot be split off")
    split = Statement(
        speaker_id=statement.speaker_id,
        date=statement.date,
        date_precision=statement.date_precision,
        date_basis=statement.date_basis,
        date_evidence=statement.date_evidence,
        kind=statement.kind,
        quote=source.quote,
        evidence=source.evidence,
        status=StatementStatus.EDITED.value,
        conditions=[
            StatementCondition(condition=c.condition, stance=c.stance, regions=list(c.regions))
            for c in statement.conditions
        ],
    )
    session.add(split)
    session.flush()
    assert split.id is not None
    split.sources.append(source)  # the back-reference takes it out of `statement`'s list
    session.flush()
    if statement.evidence == source.evidence:
        # The statement showed the report that left: it shows one it still has.
        remaining = next(s for s in statement.sources if s.id != source.id)
        statement.evidence, statement.quote = remaining.evidence, remaining.quote
    where = f"article {source.article_id}, at {source.start}"
    _change(session, statement_id, editor, "split", where, f"became statement {split.id}")
    _change(session, split.id, editor, "created", None, f"split off statement {statement_id}")
    statement.status = StatementStatus.EDITED.value
    statement.updated_at = utcnow()
    session.add(statement)
    session.commit()
    return split.id


def statement_alias(session: Session, old_id: int) -> int | None:
    """The statement a merged-away id now leads to, or None."""
    alias = session.get(StatementAlias, old_id)
    return alias.statement_id if alias else None
