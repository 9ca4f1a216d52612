"""Writers wait their turn: two `python -m app ingest` processes (one with a long article)
and an editor saving reviews in the browser, all at once on one SQLite file, lose nothing
and never fail with "database is locked"."""

import os
import random
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import add_editor, sign_in
from factories import FakeEngine, extraction, statement
from fastapi.testclient import TestClient
from sqlalchemy import func
from sqlmodel import Session, col, select

from app import crud
from app.config import get_settings
from app.crud.tally import tally_matches_statements
from app.db import get_engine, upgrade_database
from app.extraction.records import SpeakerEntry
from app.models import Article, Source, Statement, StatementChange

ROOT = Path(__file__).resolve().parents[1]
# Statements the editor reviews: a speaker no article of the ingests names, so no ingest
# adds a source to them (which would rightly make a stale form a conflict).
REVIEWED = SpeakerEntry("desk-reviewer-target", "Desk Target", "commentator", "person")
SPEAKERS = ["Putin", "Zelensky", "Lavrov", "Peskov", "Yermak", "Medvedev"]
VERBS = ["said", "told reporters", "insisted", "declared"]
CLAUSES = [
    "that Russia demands that Ukraine withdraw its troops from {r} before any ceasefire",
    "that Ukraine will never recognise the occupation of {r}",
    "that Moscow insists on Ukraine's neutral status and rejects NATO membership for Kyiv",
    "that Ukraine is ready for talks if its partners give security guarantees",
    "that sanctions must be lifted before any peace agreement is signed",
]
REGIONS = ["Donetsk", "Luhansk", "Crimea", "Zaporizhzhia", "Kherson"]
MONTHS = ["January", "March", "May", "July", "September", "November"]


def article(rng: random.Random, number: int, size: int) -> str:
    """An article of our own sentences, about `size` characters, four to a paragraph."""
    paragraphs = [f"Positions restated, part {number}\n\nMarch 4, 2025"]
    length = 0
    while length < size:
        sentences = [
            f"{rng.choice(SPEAKERS)} {rng.choice(VERBS)} on {rng.choice(MONTHS)} "
            f"{rng.randint(1, 28)}, {rng.choice([2023, 2024, 2025])} "
            f"{rng.choice(CLAUSES).format(r=rng.choice(REGIONS))}."
            for _ in range(4)
        ]
        paragraphs.append(" ".join(sentences))
        length += len(paragraphs[-1])
    return "\n\n".join(paragraphs) + "\n"


def folders(tmp_path: Path) -> tuple[Path, Path]:
    """One ingest's folder: a long article (~200 KB, more than a thousand statements) and
    two short ones; the other's: twenty-four short ones."""
    rng = random.Random(5)
    first, second = tmp_path / "first", tmp_path / "second"
    first.mkdir()
    second.mkdir()
    (first / "00_long.txt").write_text(article(rng, 0, 200_000))
    for n in (1, 2):
        (first / f"{n:02d}_short.txt").write_text(article(rng, n, 2_000))
    for n in range(24):
        (second / f"{n:02d}_other.txt").write_text(article(rng, 100 + n, 2_000))
    return first, second


def seed_reviewed(session: Session) -> list[int]:
    """Five statements for the editor to review (of five days: one would be one statement)."""
    ids = []
    for n in range(5):
        sentence = f"Desk Target said on July {n + 1} that a ceasefire must come first."
        text = f"Desk note {n}\n\n{sentence}\n"
        found = extraction([statement(text, sentence, speaker=REVIEWED, date=f"2024-07-0{n + 1}")])
        result = crud.ingest_article(
            session, text=text, file_name=f"desk{n}.txt", extract=FakeEngine({text: found})
        )
        ids.append(
            session.exec(
                select(Source.statement_id).where(Source.article_id == result.article_id)
            ).one()
        )
    return ids


@pytest.mark.sqlite_only(reason="SQLite's single write lock is what the writers share")
def test_two_ingests_and_an_editor_at_once_lose_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("JOBS_IN_PROCESS", "0")
    get_settings.cache_clear()
    upgrade_database()
    with Session(get_engine()) as session:
        reviewed = seed_reviewed(session)
    add_editor(get_engine())
    first, second = folders(tmp_path)
    env = {**os.environ, "DATABASE_URL": get_settings().database_url}
    ingests = [
        subprocess.Popen(
            [sys.executable, "-m", "app", "ingest", "--jobs", "1", str(folder)],
            cwd=ROOT,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for folder in (first, second)
    ]
    from app.main import app

    saved: list[tuple[int, str, int]] = []
    deadline = time.monotonic() + 150
    with TestClient(app) as client:
        csrf = sign_in(client)
        # The editor saves reviews, one every few tens of milliseconds, until both
        # ingests are done: verify with a note, hand back with another, and so on.
        while any(p.poll() is None for p in ingests) and time.monotonic() < deadline:
            statement_id = reviewed[len(saved) % len(reviewed)]
            action = "verify" if (len(saved) // len(reviewed)) % 2 == 0 else "reopen"
            comment = f"review {len(saved)}"
            response = client.post(
                f"/statements/{statement_id}/review",
                data={"action": action, "comment": comment},
                headers={"X-CSRF-Token": csrf},
                follow_redirects=False,
            )
            saved.append((statement_id, comment, response.status_code))
            time.sleep(0.03)
    outputs = [p.communicate(timeout=30) for p in ingests]

    for process, (out, err) in zip(ingests, outputs, strict=True):
        assert process.returncode == 0, (out, err)
        assert "locked" not in out + err
    assert len(saved) > 20  # the editor was saving all along
    assert {status for _, _, status in saved} == {303}, saved
    lines = [line for out, _ in outputs for line in out.splitlines()]
    reported = [
        re.match(r"new +(\S+) \(statements: (\d+) new, (\d+) merged", line) for line in lines
    ]
    new = {m.group(1): int(m.group(2)) for m in reported if m}
    assert len(new) == 27  # every file stored, none skipped or failed
    with Session(get_engine()) as session:
        stored = set(session.exec(select(Article.file_name)))
        assert set(new) <= stored
        statements = session.exec(select(func.count()).select_from(Statement)).one()
        assert statements == sum(new.values()) + len(reviewed)
        assert new["00_long.txt"] > 1000
        for name in new:  # every article is the source of what its line reported
            article_id = session.exec(select(Article.id).where(Article.file_name == name)).one()
            sourced = session.exec(
                select(func.count(func.distinct(Source.statement_id))).where(
                    Source.article_id == article_id
                )
            ).one()
            assert sourced >= new[name]
        comments = set(session.exec(select(StatementChange.comment)))
        assert {comment for _, comment, _ in saved} <= comments
        last = {statement_id: comment for statement_id, comment, _ in saved}
        for statement_id in reviewed:
            [latest] = session.exec(
                select(StatementChange.comment)
                .where(StatementChange.statement_id == statement_id)
                .order_by(col(StatementChange.id).desc())
                .limit(1)
            )
            assert latest == last[statement_id]
        assert tally_matches_statements(session.connection())
