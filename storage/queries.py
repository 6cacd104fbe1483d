"""Read-side queries behind the listing commands."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime

from sqlalchemy import or_, select
from sqlalchemy.orm import Session, selectinload

from storage.models import (
    ArticleRow,
    ClassificationRow,
    InspectionRow,
    LocalAuthorityRow,
)


def articles(
    session: Session,
    *,
    relevant_only: bool = True,
    since: datetime | None = None,
    search: str | None = None,
    gss_codes: Sequence[str] = (),
    limit: int = 500,
) -> list[ArticleRow]:
    query = (
        select(ArticleRow)
        .outerjoin(ClassificationRow)
        .options(selectinload(ArticleRow.classification))
        .order_by(ArticleRow.published_at.desc().nulls_last(), ArticleRow.id.desc())
    )
    if relevant_only:
        query = query.where(ClassificationRow.relevant.is_(True))
    if since is not None:
        query = query.where(
            or_(ArticleRow.published_at >= since, ArticleRow.published_at.is_(None))
        ).where(ArticleRow.fetched_at >= since)
    if search:
        # Literal text, case-insensitive: "100%" or "a_b" are not wildcards.
        query = query.where(
            or_(
                ArticleRow.title.icontains(search, autoescape=True),
                ArticleRow.text.icontains(search, autoescape=True),
            )
        )
    rows = list(session.scalars(query))
    if gss_codes:
        wanted = set(gss_codes)
        rows = [
            r
            for r in rows
            if r.classification and wanted & set(r.classification.local_authorities or [])
        ]
    return rows[:limit]


def inspections(
    session: Session,
    *,
    gss_codes: Sequence[str] = (),
    inspection_type: str | None = None,
    since: date | None = None,
    limit: int = 1000,
) -> list[InspectionRow]:
    query = (
        select(InspectionRow)
        .join(LocalAuthorityRow)
        .options(selectinload(InspectionRow.local_authority), selectinload(InspectionRow.articles))
        .order_by(InspectionRow.published_on.desc().nulls_last(), InspectionRow.id.desc())
        .limit(limit)
    )
    if gss_codes:
        query = query.where(LocalAuthorityRow.gss_code.in_(list(gss_codes)))
    if inspection_type:
        query = query.where(InspectionRow.inspection_type == inspection_type)
    if since is not None:
        query = query.where(InspectionRow.published_on >= since)
    return list(session.scalars(query))
