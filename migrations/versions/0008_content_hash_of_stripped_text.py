"""Article identity ignores blank space around the text: the content hash of each stored
article is recomputed over its stripped text (an article that would then collide with
another, stored twice before this, keeps its old hash).

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-02
"""

import hashlib
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import context, op

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_ARTICLE = sa.table(
    "article", sa.column("id", sa.Integer), sa.column("text", sa.Text), sa.column("content_hash")
)


def _rehash(strip: bool) -> None:
    if context.is_offline_mode():
        return  # a data migration: nothing to render as SQL
    connection = op.get_bind()
    rows = connection.execute(sa.select(_ARTICLE.c.id, _ARTICLE.c.text)).all()
    taken = set(connection.execute(sa.select(_ARTICLE.c.content_hash)).scalars())
    for article_id, text in rows:
        digest = hashlib.sha256((text.strip() if strip else text).encode("utf-8")).hexdigest()
        if digest in taken:
            continue  # unchanged, or a twin stored before: keep the old hash
        connection.execute(
            _ARTICLE.update().where(_ARTICLE.c.id == article_id).values(content_hash=digest)
        )
        taken.add(digest)


def upgrade() -> None:
    """Recompute content hashes over the stripped text."""
    _rehash(strip=True)


def downgrade() -> None:
    """Back to hashes over the text as stored."""
    _rehash(strip=False)
