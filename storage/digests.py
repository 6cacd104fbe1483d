"""What a digest covers: queries over a time window, never state kept in memory."""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from storage.models import (
    ArticleRow,
    ClassificationRow,
    InspectionArticleRow,
    InspectionRow,
    LocalAuthorityRow,
)


def inspections_between(session: Session, since: datetime, until: datetime) -> list[InspectionRow]:
    """Outcomes first seen in (since, until] that may be told to people, council and
    coverage loaded."""
    query = (
        select(InspectionRow)
        .where(
            InspectionRow.alertable.is_(True),
            InspectionRow.first_seen_at > since,
            InspectionRow.first_seen_at <= until,
        )
        .order_by(InspectionRow.first_seen_at, InspectionRow.id)
        .options(selectinload(InspectionRow.local_authority), selectinload(InspectionRow.articles))
    )
    return list(session.scalars(query))


def relevant_articles_between(
    session: Session, since: datetime, until: datetime
) -> list[ArticleRow]:
    """Relevant articles fetched in (since, until], newest first, classification loaded."""
    query = (
        select(ArticleRow)
        .join(ClassificationRow)
        .where(
            ClassificationRow.relevant.is_(True),
            ArticleRow.fetched_at > since,
            ArticleRow.fetched_at <= until,
        )
        .order_by(ArticleRow.published_at.desc().nulls_last(), ArticleRow.id.desc())
        .options(selectinload(ArticleRow.classification))
    )
    return list(session.scalars(query))


def inspections_of_articles(session: Session, article_ids: list[int]) -> dict[int, set[int]]:
    """For each article, the inspections it is coverage of."""
    if not article_ids:
        return {}
    rows = session.execute(
        select(InspectionArticleRow.article_id, InspectionArticleRow.inspection_id).where(
            InspectionArticleRow.article_id.in_(article_ids)
        )
    ).all()
    out: dict[int, set[int]] = defaultdict(set)
    for article_id, inspection_id in rows:
        out[article_id].add(inspection_id)
    return dict(out)


def councils_by_gss(session: Session) -> dict[str, LocalAuthorityRow]:
    return {row.gss_code: row for row in session.scalars(select(LocalAuthorityRow))}
