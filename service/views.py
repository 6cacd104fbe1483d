"""Rows shaped as the JSON objects of DESIGN.md §3 (a contract: keys may grow, never change)."""

from __future__ import annotations

from typing import Any

from config.gazetteer import Gazetteer
from storage.models import ArticleRow, InspectionRow, SourceRow


def article_view(row: ArticleRow, gazetteer: Gazetteer) -> dict[str, Any]:
    c = row.classification
    councils = [gazetteer.by_gss(code) for code in (c.local_authorities if c else [])]
    return {
        "url": row.url,
        "title": row.title,
        "source_id": row.source_id,
        "published_at": row.published_at,
        "fetched_at": row.fetched_at,
        "relevant": bool(c and c.relevant),
        "score": c.score if c else None,
        "local_authorities": [la.as_ref() for la in councils if la is not None],
        "inspection_type": c.inspection_type if c else None,
        "judgement": c.judgement if c else None,
        "previous_judgement": c.previous_judgement if c else None,
        "direction": c.direction if c else None,
        "canonical_url": row.canonical_url,
    }


def judgement_view(row: InspectionRow) -> dict[str, Any]:
    la = row.local_authority
    return {
        "local_authority": la.name,
        "display_name": la.display_name,
        "gss_code": la.gss_code,
        "ofsted_urn": la.ofsted_urn,
        "region": la.ons_region,
        "ofsted_region": la.ofsted_region,
        "inspection_type": row.inspection_type,
        "judgement": row.judgement,
        "grades": dict(row.grades or {}),
        "previous_judgement": row.previous_judgement,
        "direction": row.direction,
        "published_on": row.published_on,
        "inspection_start": row.inspection_start,
        "inspection_end": row.inspection_end,
        "lead_inspector": row.lead_inspector,
        "report_url": row.report_url,
        "articles": [a.url for a in row.articles],
        "first_seen_at": row.first_seen_at,
        # The contract knows two ways in: a backfill from Ofsted's own statistics is "ofsted".
        "first_seen_via": "news" if row.first_seen_via == "news" else "ofsted",
        "imported": row.first_seen_via == "import",
    }


def source_view(row: SourceRow) -> dict[str, Any]:
    return {
        "id": row.id,
        "kind": row.kind,
        "url": row.url,
        "region": row.region,
        "enabled": row.enabled,
        "last_run_at": row.last_run_at,
        "last_success_at": row.last_success_at,
        "last_error_at": row.last_error_at,
        "last_error": row.last_error,
        "consecutive_failures": row.consecutive_failures,
        "items_last_run": row.items_last_run,
        "last_run_seconds": row.last_run_seconds,
        "consecutive_empty": row.consecutive_empty,
        "last_productive_at": row.last_productive_at,
        "health": row.health,
        "health_alerted_at": row.health_alerted_at,
        "crawling_by": row.crawl_claimant,  # host:pid:token of a crawl in progress, or None
        "crawling_since": row.crawl_claimed_at,
    }
