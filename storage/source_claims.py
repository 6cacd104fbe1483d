"""Who is crawling a source now: a claim on the source's row.

A process claims a source before it starts the crawl child, with a conditional
UPDATE that matches only a free row (or the exact stale claim the caller judged
dead), so of two processes claiming at once exactly one wins, on SQLite and on
PostgreSQL alike. The claim is released by its token, so a process can never
release a claim that has since passed to another.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import CursorResult, or_, select, update
from sqlalchemy.orm import Session

from storage.models import SourceRow


@dataclass(frozen=True, slots=True)
class CrawlClaim:
    source_id: str
    claimant: str  # host:pid:process-token
    claimed_at: datetime
    token: str  # this claim, as opposed to a later one by the same process


def current(session: Session, source_id: str) -> CrawlClaim | None:
    row = session.execute(
        select(SourceRow.crawl_claimant, SourceRow.crawl_claimed_at, SourceRow.crawl_token).where(
            SourceRow.id == source_id
        )
    ).one_or_none()
    if row is None or row.crawl_token is None:
        return None
    return CrawlClaim(source_id, row.crawl_claimant or "", row.crawl_claimed_at, row.crawl_token)


def _rowcount(result: object) -> int:
    assert isinstance(result, CursorResult)
    return result.rowcount


def claim(
    session: Session,
    source_id: str,
    claimant: str,
    token: str,
    now: datetime,
    take_over: str | None = None,
) -> bool:
    """Claim a free source; or one held by the claim whose token is `take_over` (dead).
    False when another process holds it (or took the dead claim first)."""
    free = SourceRow.crawl_token.is_(None)
    condition = free if take_over is None else or_(free, SourceRow.crawl_token == take_over)
    result = session.execute(
        update(SourceRow)
        .where(SourceRow.id == source_id, condition)
        .values(
            crawl_claimant=claimant, crawl_claimed_at=now, crawl_token=token, crawl_stopping=False
        )
        .execution_options(synchronize_session=False)
    )
    return _rowcount(result) == 1


def mark_stopping(session: Session, tokens: Iterable[str]) -> int:
    """The claimant is asking its crawl to stop: runs ending now are `stopped`."""
    wanted = list(tokens)
    if not wanted:
        return 0
    result = session.execute(
        update(SourceRow)
        .where(SourceRow.crawl_token.in_(wanted))
        .values(crawl_stopping=True)
        .execution_options(synchronize_session=False)
    )
    return _rowcount(result)


def release(session: Session, tokens: Iterable[str]) -> int:
    """Give the sources back; a claim already taken over by another process is left alone."""
    wanted = list(tokens)
    if not wanted:
        return 0
    result = session.execute(
        update(SourceRow)
        .where(SourceRow.crawl_token.in_(wanted))
        .values(crawl_claimant=None, crawl_claimed_at=None, crawl_token=None, crawl_stopping=False)
        .execution_options(synchronize_session=False)
    )
    return _rowcount(result)
