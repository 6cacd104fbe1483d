"""Rows as the crawler would have stored them, written through the real models."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import select

from service.app import App
from storage import subscriptions
from storage.models import (
    ArticleRow,
    ClassificationRow,
    DeliveryRow,
    InspectionArticleRow,
    InspectionRow,
    LocalAuthorityRow,
)

STOCKTON, HARTLEPOOL, LEEDS, CAMDEN, LIVERPOOL = (
    "E06000004",
    "E06000001",
    "E08000035",
    "E09000007",
    "E08000012",
)


def add_article(
    app: App,
    title: str,
    url: str,
    fetched_at: datetime,
    gss_codes: Sequence[str] = (),
    relevant: bool = True,
    inspection_type: str | None = None,
    judgement: str | None = None,
) -> int:
    with app.database.sessions.begin() as session:
        row = ArticleRow(
            url=url,
            content_hash=hashlib.sha256(url.encode()).hexdigest(),
            source_id=None,
            title=title,
            text=f"{title}. Inspectors published their findings.",
            published_at=fetched_at - timedelta(hours=2),
            fetched_at=fetched_at,
        )
        row.classification = ClassificationRow(
            relevant=relevant,
            score=0.9 if relevant else 0.1,
            local_authorities=list(gss_codes),
            primary_gss_code=gss_codes[0] if gss_codes else None,
            inspection_type=inspection_type,
            judgement=judgement,
            classified_at=fetched_at,
        )
        session.add(row)
        session.flush()
        return row.id


def add_inspection(
    app: App,
    gss_code: str,
    first_seen_at: datetime,
    inspection_type: str = "ilacs",
    judgement: str | None = "good",
    previous: str | None = None,
    direction: str | None = None,
    grades: dict[str, str] | None = None,
    evidence: str | None = None,
    report_url: str | None = None,
    article_ids: Sequence[int] = (),
    **extra: Any,
) -> int:
    with app.database.sessions.begin() as session:
        la = session.scalar(select(LocalAuthorityRow).where(LocalAuthorityRow.gss_code == gss_code))
        assert la is not None, gss_code
        row = InspectionRow(
            local_authority_id=la.id,
            inspection_type=inspection_type,
            judgement=judgement,
            grades=grades or {},
            previous_judgement=previous,
            direction=direction,
            published_on=extra.pop("published_on", first_seen_at.date() - timedelta(days=1)),
            inspection_start=extra.pop("inspection_start", None),
            inspection_end=extra.pop("inspection_end", None),
            report_url=report_url,
            evidence={"judgement": evidence} if evidence else {},
            first_seen_at=first_seen_at,
            first_seen_via=extra.pop("first_seen_via", "news"),
            alertable=extra.pop("alertable", True),
            updated_at=first_seen_at,
        )
        session.add(row)
        session.flush()
        for article_id in article_ids:
            session.add(
                InspectionArticleRow(
                    inspection_id=row.id, article_id=article_id, linked_at=first_seen_at
                )
            )
        return row.id


def subscribe(app: App, email: str, now: datetime, mode: str = "immediate", **filters: Any) -> int:
    with app.database.sessions.begin() as session:
        row, _ = subscriptions.upsert(session, email, mode, now, **filters)
        return row.id


def deliveries(app: App) -> list[DeliveryRow]:
    with app.database.sessions() as session:
        return list(session.scalars(select(DeliveryRow).order_by(DeliveryRow.id)))


def stockton_good(app: App, first_seen_at: datetime, title: str | None = None) -> int:
    """The running example: Stockton-on-Tees judged Good, up from Requires improvement."""
    article = add_article(
        app,
        title or "Stockton children's services rated good by Ofsted",
        "https://news.example.org/stockton-good",
        first_seen_at,
        [STOCKTON],
        inspection_type="ilacs",
        judgement="good",
    )
    return add_inspection(
        app,
        STOCKTON,
        first_seen_at,
        judgement="good",
        previous="requires_improvement",
        direction="improved",
        grades={
            "impact_of_leaders": "good",
            "help_and_protection": "good",
            "children_in_care": "good",
            "care_leavers": "requires_improvement",
        },
        evidence="Ofsted judged the council's services for children to be good overall.",
        report_url="https://reports.ofsted.gov.uk/provider/44/80563",
        article_ids=[article],
        inspection_start=date(2026, 10, 5),
        inspection_end=date(2026, 10, 16),
        published_on=date(2026, 11, 18),
    )
