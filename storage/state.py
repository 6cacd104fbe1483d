"""The running service's heartbeat, so `status` can tell whether it is alive."""

from __future__ import annotations

import os
from datetime import datetime

from sqlalchemy.orm import Session

from storage.models import ServiceStateRow


def put(session: Session, key: str, value: str, now: datetime) -> None:
    row = session.get(ServiceStateRow, key)
    if row is None:
        session.add(ServiceStateRow(key=key, value=value, updated_at=now))
    else:
        row.value, row.updated_at = value, now


def get(session: Session, key: str) -> ServiceStateRow | None:
    return session.get(ServiceStateRow, key)


def beat(session: Session, now: datetime) -> None:
    put(session, "heartbeat", str(os.getpid()), now)
