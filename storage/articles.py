"""Articles and their classifications."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from crawler.classify.result import Classification
from crawler.items import ArticleItem
from storage.models import ArticleRow, ClassificationRow


def is_stored(session: Session, url: str) -> bool:
    """True when this address (or a page that named it canonical) is already stored."""
    found = session.scalar(
        select(ArticleRow.id).where(or_(ArticleRow.url == url, ArticleRow.canonical_url == url))
    )
    return found is not None


def find_duplicate(session: Session, item: ArticleItem) -> ArticleRow | None:
    """The same story under another address: same canonical URL, or same text."""
    clauses = [ArticleRow.url == item.url, ArticleRow.content_hash == item.content_hash]
    if item.canonical_url:
        clauses += [
            ArticleRow.canonical_url == item.canonical_url,
            ArticleRow.url == item.canonical_url,
        ]
    return session.scalars(select(ArticleRow).where(or_(*clauses)).limit(1)).first()


def add_article(session: Session, item: ArticleItem) -> ArticleRow:
    row = ArticleRow(
        url=item.url,
        canonical_url=item.canonical_url,
        content_hash=item.content_hash,
        source_id=item.source_id,
        title=item.title,
        text=item.text,
        published_at=item.published_at,
        fetched_at=item.fetched_at,
    )
    session.add(row)
    session.flush()
    return row


def save_classification(
    session: Session, article: ArticleRow, result: Classification, now: datetime
) -> ClassificationRow:
    row = article.classification or ClassificationRow(article_id=article.id)
    row.relevant = result.relevant
    row.score = result.score
    row.local_authorities = [la.gss_code for la in result.local_authorities]
    row.primary_gss_code = (
        result.local_authorities[0].gss_code if result.local_authorities else None
    )
    row.inspection_type = result.inspection_type and str(result.inspection_type)
    row.judgement = result.judgement and str(result.judgement)
    row.previous_judgement = result.previous_judgement and str(result.previous_judgement)
    row.direction = result.direction and str(result.direction)
    row.grades = {str(k): str(v) for k, v in result.grades.items()}
    row.evidence = dict(result.evidence)
    row.classified_at = now
    if article.classification is None:
        article.classification = row
    session.flush()
    return row
