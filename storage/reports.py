"""Report files on Ofsted's site: which were read, which are broken, which to try again.

A report that was read is fetched once. One whose download failed, or that could not
be read as a report (a cut-off file, an error page in its place), is retried by later
crawls, up to MAX_ATTEMPTS, then remembered as broken with the reason and never asked for
again, so one bad file cannot cost requests (or hold back the source's progress) forever.
A file that is gone (404/410) is broken at once.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from crawler.items import ReportItem
from storage import councils
from storage.models import InspectionRow, OfstedReportRow

MAX_ATTEMPTS = 3  # crawls that may try a failing download before it counts as broken
SETTLED = ("stored", "broken")


def get(session: Session, ofsted_urn: str, file_id: str) -> OfstedReportRow | None:
    return session.scalar(
        select(OfstedReportRow).where(
            OfstedReportRow.ofsted_urn == ofsted_urn, OfstedReportRow.file_id == file_id
        )
    )


def is_settled(session: Session, ofsted_urn: str, file_id: str) -> bool:
    """True when this file needs no request: read already, or known to be broken."""
    row = get(session, ofsted_urn, file_id)
    if row is not None:
        return row.status in SETTLED
    la = councils.by_urn(session, ofsted_urn)
    if la is None:
        return False
    found = session.scalar(  # an inspection stored from this file before this table existed
        select(InspectionRow.id).where(
            InspectionRow.local_authority_id == la.id, InspectionRow.ofsted_file_id == file_id
        )
    )
    return found is not None


def _row(session: Session, item: ReportItem, now: datetime) -> OfstedReportRow:
    row = get(session, item.ofsted_urn, item.file_id)
    if row is None:
        row = OfstedReportRow(
            ofsted_urn=item.ofsted_urn,
            file_id=item.file_id,
            attempts=0,
            first_seen_at=now,
        )
        session.add(row)
    row.report_url = item.report_url
    row.link_text = item.link_text
    row.published_on = item.published_on
    row.updated_at = now
    return row


def record_stored(
    session: Session, item: ReportItem, inspection_id: int, now: datetime
) -> OfstedReportRow:
    row = _row(session, item, now)
    row.status = "stored"
    row.error = None
    row.attempts += 1
    row.inspection_id = inspection_id
    session.flush()
    return row


def record_failure(session: Session, item: ReportItem, now: datetime) -> OfstedReportRow:
    """Remember why a file could not be read; returns the row (its status says what next)."""
    row = _row(session, item, now)
    row.attempts += 1
    row.error = item.parse_error
    gave_up = not item.retry_later or row.attempts >= MAX_ATTEMPTS
    row.status = "broken" if gave_up else "failing"
    session.flush()
    return row


def by_status(session: Session, status: str) -> list[OfstedReportRow]:
    query = select(OfstedReportRow).where(OfstedReportRow.status == status)
    return list(session.scalars(query.order_by(OfstedReportRow.id)))
