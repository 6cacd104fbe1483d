"""What alerts talk about: an inspection outcome, as plain values for templates.

Built from storage rows once, so templates never touch the ORM and the same
event renders the same email on every attempt.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from config.vocabulary import (
    GRADE_KEY_LABELS,
    GradeKey,
    inspection_type_label,
    judgement_label,
)
from storage.models import InspectionRow


@dataclass(frozen=True, slots=True)
class Coverage:
    title: str
    url: str
    published_at: datetime | None


@dataclass(frozen=True, slots=True)
class InspectionEvent:
    inspection_id: int
    council: str
    gss_code: str
    ons_region: str
    ofsted_region: str
    inspection_type: str | None
    judgement: str | None
    previous_judgement: str | None
    direction: str | None
    grades: dict[str, str]
    published_on: date | None
    inspection_start: date | None
    inspection_end: date | None
    report_url: str | None
    first_seen_via: str
    first_seen_at: datetime
    evidence: str | None
    coverage: list[Coverage] = field(default_factory=list)

    @property
    def type_label(self) -> str:
        return inspection_type_label(self.inspection_type)

    @property
    def judgement_label(self) -> str:
        if self.judgement is None and self.grades:
            return "No overall grade"
        return judgement_label(self.judgement)

    @property
    def previous_label(self) -> str | None:
        return judgement_label(self.previous_judgement) if self.previous_judgement else None

    @property
    def grade_rows(self) -> list[tuple[str, str]]:
        rows = []
        for key in GradeKey:
            if key.value in self.grades:
                rows.append((GRADE_KEY_LABELS[key], judgement_label(self.grades[key.value])))
        return rows

    @property
    def subject(self) -> str:
        """A subject a person can act on, e.g.
        "Ofsted: Stockton-on-Tees children's services judged Good (was Requires improvement)"."""
        area = (
            "local area SEND"
            if (self.inspection_type or "").startswith("send")
            else ("children's services")
        )
        if self.judgement in (None, "no_grade"):
            text = f"Ofsted: new {self.type_label.lower()} report for {self.council} {area}"
        else:
            text = f"Ofsted: {self.council} {area} judged {self.judgement_label}"
        if self.previous_label and self.judgement not in (None, "no_grade"):
            text += f" (was {self.previous_label})"
        return text


def event_from_row(row: InspectionRow) -> InspectionEvent:
    la = row.local_authority
    evidence = row.evidence or {}
    coverage = sorted(
        (Coverage(a.title, a.url, a.published_at) for a in row.articles),
        key=lambda c: c.published_at or row.first_seen_at,
    )
    return InspectionEvent(
        inspection_id=row.id,
        council=la.display_name,
        gss_code=la.gss_code,
        ons_region=la.ons_region,
        ofsted_region=la.ofsted_region,
        inspection_type=row.inspection_type,
        judgement=row.judgement,
        previous_judgement=row.previous_judgement,
        direction=row.direction,
        grades=dict(row.grades or {}),
        published_on=row.published_on,
        inspection_start=row.inspection_start,
        inspection_end=row.inspection_end,
        report_url=row.report_url,
        first_seen_via=row.first_seen_via,
        first_seen_at=row.first_seen_at,
        evidence=evidence.get("judgement") or evidence.get("inspection_type"),
        coverage=coverage,
    )
