"""Merges by editors: speaker aliases, statement aliases, and speakers an editor corrected.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-02
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Create speaker_alias and statement_alias; add speaker.edited."""
    with op.batch_alter_table("speaker") as batch:
        batch.add_column(sa.Column("edited", sa.Boolean(), nullable=False, server_default="0"))
    op.create_table(
        "speaker_alias",
        sa.Column("slug", sa.String(), nullable=False),
        sa.Column("name", sa.String(), nullable=False),
        sa.Column("speaker_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["speaker_id"],
            ["speaker.id"],
            name=op.f("fk_speaker_alias_speaker_id_speaker"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("slug", name=op.f("pk_speaker_alias")),
    )
    op.create_index(op.f("ix_speaker_alias_speaker_id"), "speaker_alias", ["speaker_id"])
    op.create_table(
        "statement_alias",
        sa.Column("old_id", sa.Integer(), nullable=False),
        sa.Column("statement_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["statement_id"],
            ["statement.id"],
            name=op.f("fk_statement_alias_statement_id_statement"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("old_id", name=op.f("pk_statement_alias")),
    )
    op.create_index(op.f("ix_statement_alias_statement_id"), "statement_alias", ["statement_id"])


def downgrade() -> None:
    op.drop_index(op.f("ix_statement_alias_statement_id"), table_name="statement_alias")
    op.drop_table("statement_alias")
    op.drop_index(op.f("ix_speaker_alias_speaker_id"), table_name="speaker_alias")
    op.drop_table("speaker_alias")
    with op.batch_alter_table("speaker") as batch:
        batch.drop_column("edited")
