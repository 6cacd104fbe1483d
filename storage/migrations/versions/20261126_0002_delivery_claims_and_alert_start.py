"""delivery claim time and a subscription's alert start

A claim's time tells a live claimant from a process that merely reuses its pid;
`alerts_from` keeps a subscriber who switches from a digest to alerts from
hearing again what their digests already told them.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-26 15:38:02.696310
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import storage.models

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("deliveries", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("claimed_at", storage.models.UtcDateTime(timezone=True), nullable=True)
        )
    with op.batch_alter_table("subscriptions", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("alerts_from", storage.models.UtcDateTime(timezone=True), nullable=True)
        )


def downgrade() -> None:
    with op.batch_alter_table("subscriptions", schema=None) as batch_op:
        batch_op.drop_column("alerts_from")
    with op.batch_alter_table("deliveries", schema=None) as batch_op:
        batch_op.drop_column("claimed_at")
