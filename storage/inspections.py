"""Inspections: one row per outcome, whether Ofsted's site or the news told us first.

The merge rules live here because they are de-duplication rules: news coverage
of an inspection and Ofsted's own report of it become one row, so one alert.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from config.vocabulary import (
    GRADE_ORDER,
    SEND_2023_ORDER,
    InspectionType,
    Judgement,
    compare,
    compare_areas,
)
from crawler.classify.result import Classification
from crawler.extract.outcomes_ods import OutcomeRecord
from crawler.items import ReportItem
from storage import councils
from storage.models import ArticleRow, InspectionArticleRow, InspectionRow

NEWS_MERGE_DAYS = 14  # two papers covering one report within a fortnight describe one inspection
REPORT_MERGE_DAYS = 10  # Ofsted publishes; the press follows within days
RECENT_DAYS = 21  # older stories and reports are history: stored, never alerted
MIN_ALERT_SCORE = 0.5

GRADED = {InspectionType.ILACS, InspectionType.SIF, InspectionType.OLDER}
SEND = {InspectionType.SEND_AREA, InspectionType.SEND_REVISIT, InspectionType.SEND_MONITORING}
SEND_OUTCOMES = {*SEND_2023_ORDER, Judgement.WSOA_REQUIRED, Judgement.NO_WSOA}


@dataclass(frozen=True, slots=True)
class Recorded:
    inspection: InspectionRow
    created: bool


def _family(inspection_type: str | None) -> set[InspectionType]:
    if inspection_type in SEND:
        return SEND
    return GRADED


def previous_outcome(
    session: Session, la_id: int, inspection_type: str | None, before: date, exclude_id: int | None
) -> str | None:
    """The council's last outcome on the same scale before `before` (graded or SEND)."""
    family = _family(inspection_type)
    wanted = set(GRADE_ORDER) if family is GRADED else SEND_OUTCOMES
    query = (
        select(InspectionRow)
        .where(
            InspectionRow.local_authority_id == la_id,
            InspectionRow.inspection_type.in_([str(t) for t in family]),
            InspectionRow.judgement.in_([str(j) for j in wanted]),
            InspectionRow.published_on < before,
        )
        .order_by(InspectionRow.published_on.desc())
    )
    for row in session.scalars(query):
        if row.id != exclude_id:
            return row.judgement
    return None


def _fill_previous(session: Session, row: InspectionRow) -> None:
    if row.previous_judgement is None and row.published_on is not None:
        row.previous_judgement = previous_outcome(
            session, row.local_authority_id, row.inspection_type, row.published_on, row.id
        )
    if row.previous_judgement and row.direction in (None, "unknown"):
        row.direction = str(_direction(row, row.previous_judgement))


def _previous_from_record(session: Session, row: InspectionRow) -> None:
    """The stored outcomes before it outrank a newspaper's account of what came before, so
    the answer is the same whether the official outcomes were imported before or after."""
    previous = None
    if row.published_on is not None:
        previous = previous_outcome(
            session, row.local_authority_id, row.inspection_type, row.published_on, row.id
        )
    if previous is not None:
        _set_previous(row, previous)
    elif row.previous_judgement:
        _set_previous(row, row.previous_judgement)


def _direction(row: InspectionRow, previous: str) -> str:
    """Now against before: the overall grade, or every area's grade when there is none."""
    if row.judgement is None and row.grades:
        return str(compare_areas(row.grades.values(), previous))
    return str(compare(row.judgement, previous))


def _link(session: Session, inspection: InspectionRow, article: ArticleRow, now: datetime) -> None:
    key = (inspection.id, article.id)
    if session.get(InspectionArticleRow, key) is None:
        session.add(InspectionArticleRow(inspection_id=key[0], article_id=key[1], linked_at=now))


def _near(
    session: Session, la_id: int, kind: str, day: date, days: int, report: bool | None
) -> InspectionRow | None:
    query = select(InspectionRow).where(
        InspectionRow.local_authority_id == la_id,
        InspectionRow.inspection_type == kind,
        InspectionRow.published_on >= day - timedelta(days=days),
        InspectionRow.published_on <= day + timedelta(days=days),
    )
    if report is False:
        query = query.where(InspectionRow.ofsted_file_id.is_(None))
    elif report is True:
        query = query.where(InspectionRow.ofsted_file_id.is_not(None))
    return session.scalars(query.order_by(InspectionRow.id)).first()


def _set_previous(row: InspectionRow, previous: str) -> None:
    row.previous_judgement = previous
    direction = _direction(row, previous)
    if direction != "unknown" or row.direction in (None, "unknown"):
        row.direction = direction


def _on_scale(row: InspectionRow) -> bool:
    """True when the row's judgement is one a later outcome of its family compares with."""
    wanted = set(GRADE_ORDER) if _family(row.inspection_type) is GRADED else SEND_OUTCOMES
    return row.inspection_type in _family(row.inspection_type) and row.judgement in wanted


def _refresh_later(session: Session, row: InspectionRow) -> None:
    """An outcome stored after later ones (history is read newest first; an import may follow a
    crawl) is their previous one: correct the rows after it, up to the next judged outcome."""
    if row.published_on is None or not _on_scale(row):
        return
    family = _family(row.inspection_type)
    later = session.scalars(
        select(InspectionRow)
        .where(
            InspectionRow.local_authority_id == row.local_authority_id,
            InspectionRow.published_on > row.published_on,
        )
        .order_by(InspectionRow.published_on, InspectionRow.id)
    )
    for other in later:
        if other.published_on is None or _family(other.inspection_type) is not family:
            continue
        previous = previous_outcome(
            session, other.local_authority_id, other.inspection_type, other.published_on, other.id
        )
        if previous is not None and previous != other.previous_judgement:
            _set_previous(other, previous)
        if _on_scale(other):
            break


def record_news(
    session: Session, article: ArticleRow, result: Classification, now: datetime
) -> list[Recorded]:
    """Attach a relevant article to its inspection, creating the inspection if it is new.

    A round-up names several councils with one set of labels, which cannot be
    trusted per council: it is linked as coverage where an inspection exists,
    and creates nothing.
    """
    if not result.relevant or result.score < MIN_ALERT_SCORE or not result.inspection_type:
        return []
    day = (article.published_at or article.fetched_at).date()
    recorded: list[Recorded] = []
    for position, la in enumerate(result.local_authorities):
        la_row = councils.by_gss(session, la.gss_code)
        if la_row is None:
            continue
        existing = _near(
            session, la_row.id, str(result.inspection_type), day, NEWS_MERGE_DAYS, None
        )
        if existing is not None:
            _link(session, existing, article, now)
            if existing.judgement is None and existing.first_seen_via == "news" and position == 0:
                existing.judgement = result.judgement and str(result.judgement)
                existing.updated_at = now
            recorded.append(Recorded(existing, created=False))
            continue
        if position > 0 or len(result.local_authorities) > 1:
            continue
        row = InspectionRow(
            local_authority_id=la_row.id,
            inspection_type=str(result.inspection_type),
            judgement=result.judgement and str(result.judgement),
            grades={str(k): str(v) for k, v in result.grades.items()},
            previous_judgement=result.previous_judgement and str(result.previous_judgement),
            direction=result.direction and str(result.direction),
            published_on=day,
            evidence=dict(result.evidence),
            first_seen_at=now,
            first_seen_via="news",
            alertable=(now.date() - day).days <= RECENT_DAYS,
            updated_at=now,
        )
        session.add(row)
        session.flush()
        _previous_from_record(session, row)
        _link(session, row, article, now)
        recorded.append(Recorded(row, created=True))
    session.flush()
    return recorded


def is_report_stored(session: Session, ofsted_urn: str, file_id: str) -> bool:
    la = councils.by_urn(session, ofsted_urn)
    if la is None:
        return False
    found = session.scalar(
        select(InspectionRow.id).where(
            InspectionRow.local_authority_id == la.id, InspectionRow.ofsted_file_id == file_id
        )
    )
    return found is not None


def record_report(session: Session, item: ReportItem, now: datetime) -> Recorded | None:
    """Store an Ofsted report as the authoritative record, merging news or an import already
    seen for the same inspection (same council and type, published within days).

    A second file for an inspection already stored from a report (a corrected reissue, a
    second link) adds nothing: one inspection, one alert.
    """
    la = councils.by_urn(session, item.ofsted_urn)
    if la is None:
        return None
    same = session.scalar(
        select(InspectionRow).where(
            InspectionRow.local_authority_id == la.id,
            InspectionRow.ofsted_file_id == item.file_id,
        )
    )
    if same is not None:
        return Recorded(same, created=False)
    day = item.published_on or now.date()
    row = None
    if item.inspection_type:
        reissued = _near(session, la.id, item.inspection_type, day, REPORT_MERGE_DAYS, report=True)
        if reissued is not None:
            return Recorded(reissued, created=False)
        row = _near(session, la.id, item.inspection_type, day, REPORT_MERGE_DAYS, report=False)
    created = row is None
    if row is None:
        row = InspectionRow(
            local_authority_id=la.id,
            first_seen_at=now,
            first_seen_via="ofsted",
            alertable=(now.date() - day).days <= RECENT_DAYS,
        )
        session.add(row)
    row.inspection_type = item.inspection_type
    row.judgement = item.judgement
    row.grades = dict(item.grades)
    row.published_on = day
    row.inspection_start = item.inspection_start
    row.inspection_end = item.inspection_end
    row.lead_inspector = item.lead_inspector
    row.report_url = item.report_url
    row.ofsted_file_id = item.file_id
    row.evidence = {**(row.evidence or {}), **item.evidence}
    row.updated_at = now
    session.flush()
    _previous_from_record(session, row)
    row.direction = row.direction or "unknown"
    _refresh_later(session, row)
    return Recorded(row, created=created)


def record_outcome(
    session: Session, gss_code: str, record: OutcomeRecord, now: datetime
) -> str | None:
    """One row of Ofsted's official outcomes spreadsheet, stored as history that never alerts.

    The same inspection already stored (from the site, the news or an earlier import) is
    completed rather than duplicated, so importing twice adds nothing. Returns "added",
    "completed" or "unchanged", or None for a row with no inspection type or date we can use.
    """
    la = councils.by_gss(session, gss_code)
    day = record.published_on
    if la is None or record.inspection_type is None or day is None:
        return None
    kind = str(record.inspection_type)
    row = _near(session, la.id, kind, day, REPORT_MERGE_DAYS, report=None)
    if row is not None and not _complete_from(row, record):
        return "unchanged"
    outcome = "completed"
    if row is None:
        outcome = "added"
        row = InspectionRow(
            local_authority_id=la.id,
            inspection_type=kind,
            published_on=day,
            first_seen_at=now,
            first_seen_via="import",
            alertable=False,
            evidence={"import": f"{record.sheet} row {record.row}"},
        )
        _complete_from(row, record)
        session.add(row)
    row.updated_at = now
    session.flush()
    _fill_previous(session, row)
    _refresh_later(session, row)
    return outcome


def _complete_from(row: InspectionRow, record: OutcomeRecord) -> bool:
    """Fill what the row lacks from the official record; True when anything changed.

    The official figures replace a newspaper's reading, never a report's own.
    """
    judgement = None if record.judgement is None else str(record.judgement)
    grades = {str(k): str(v) for k, v in record.grades.items()}
    trusted = row.first_seen_via in ("ofsted", "import") or row.ofsted_file_id is not None
    changed = False
    if judgement is not None and row.judgement != judgement and not (trusted and row.judgement):
        row.judgement, changed = judgement, True
    if grades and row.grades != grades and not (trusted and row.grades):
        row.grades, changed = grades, True
    if record.inspection_start and row.inspection_start is None:
        row.inspection_start, changed = record.inspection_start, True
    return changed


def with_details(session: Session, ids: list[int]) -> list[InspectionRow]:
    """Inspections with their council and coverage loaded (for emails and listings)."""
    if not ids:
        return []
    query = (
        select(InspectionRow)
        .where(InspectionRow.id.in_(ids))
        .options(selectinload(InspectionRow.local_authority), selectinload(InspectionRow.articles))
    )
    return list(session.scalars(query))


def alertable_since(session: Session, since: datetime) -> list[InspectionRow]:
    """New outcomes that may be alerted on, with council and coverage loaded."""
    query = (
        select(InspectionRow)
        .where(InspectionRow.alertable.is_(True), InspectionRow.first_seen_at >= since)
        .order_by(InspectionRow.first_seen_at, InspectionRow.id)
        .options(selectinload(InspectionRow.local_authority), selectinload(InspectionRow.articles))
    )
    return list(session.scalars(query))
