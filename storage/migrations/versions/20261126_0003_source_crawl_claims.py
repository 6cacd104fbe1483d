"""who is crawling a source now

A source is claimed by a conditional UPDATE before its crawl starts, so a
one-off `crawl` and the service (or two crawls started at once) never crawl it
together; `crawl_stopping` lets a run stopped on request be recorded as
stopped rather than as a failure.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-26 16:50:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import storage.models

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("sources", schema=None) as batch_op:
        batch_op.add_column(sa.Column("crawl_claimant", sa.String(length=200), nullable=True))
        batch_op.add_column(
            sa.Column("crawl_claimed_at", storage.models.UtcDateTime(timezone=True), nullable=True)
        )
        batch_op.add_column(sa.Column("crawl_token", sa.String(length=32), nullable=True))
        batch_op.add_column(
            sa.Column("crawl_stopping", sa.Boolean(), server_default=sa.false(), nullable=False)
        )


def downgrade() -> None:
    with op.batch_alter_table("sources", schema=None) as batch_op:
        batch_op.drop_column("crawl_stopping")
        batch_op.drop_column("crawl_token")
        batch_op.drop_column("crawl_claimed_at")
        batch_op.drop_column("crawl_claimant")
