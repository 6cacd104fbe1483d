"""The local_authorities table, kept equal to the gazetteer."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from config.gazetteer import Gazetteer
from storage.models import LocalAuthorityRow


def sync_gazetteer(session: Session, gazetteer: Gazetteer) -> int:
    """Insert or update every council; returns how many rows were added."""
    existing = {row.gss_code: row for row in session.scalars(select(LocalAuthorityRow))}
    added = 0
    for la in gazetteer:
        row = existing.get(la.gss_code)
        if row is None:
            # A council whose code changed (Barnsley, Sheffield in 2025) keeps its row.
            row = next((existing[c] for c in la.old_gss_codes if c in existing), None)
        if row is None:
            row = LocalAuthorityRow(gss_code=la.gss_code)
            session.add(row)
            added += 1
        row.gss_code = la.gss_code
        row.old_gss_codes = list(la.old_gss_codes)
        row.name = la.name
        row.display_name = la.display_name
        row.ofsted_urn = la.ofsted_urn
        row.ons_region = la.ons_region
        row.ofsted_region = la.ofsted_region
    session.flush()
    return added


def by_gss(session: Session, gss_code: str) -> LocalAuthorityRow | None:
    return session.scalar(select(LocalAuthorityRow).where(LocalAuthorityRow.gss_code == gss_code))


def by_urn(session: Session, urn: str) -> LocalAuthorityRow | None:
    return session.scalar(select(LocalAuthorityRow).where(LocalAuthorityRow.ofsted_urn == urn))
