"""Regions are stored under one name each: spellings an editor typed before this ("Donbass",
"Zaporozhye") become the gazetteer's name ("Donbas", "Zaporizhzhia"), so the region filter,
which matches stored names, finds them.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-02
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import context, op

from app.extraction.conditions import region_name

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_CONDITION = sa.table(
    "statement_condition", sa.column("id", sa.Integer), sa.column("regions", sa.JSON)
)


def upgrade() -> None:
    """Rewrite every stored region under its canonical name."""
    if context.is_offline_mode():
        return  # a data migration: nothing to render as SQL
    connection = op.get_bind()
    rows = connection.execute(sa.select(_CONDITION.c.id, _CONDITION.c.regions)).all()
    for row_id, regions in rows:
        canonical = list(dict.fromkeys(region_name(r) for r in regions or []))
        if canonical != list(regions or []):
            connection.execute(
                _CONDITION.update().where(_CONDITION.c.id == row_id).values(regions=canonical)
            )


def downgrade() -> None:
    """Nothing to undo: the spellings typed before were not kept."""
