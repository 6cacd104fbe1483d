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
    InspectionType,
    inspection_type_label,
    judgement_label,
)
from storage.models import InspectionRow

SHORT_TYPE_LABELS = {
    InspectionType.ILACS: "ILACS",
    InspectionType.FOCUSED_VISIT: "Focused visit",
    InspectionType.MONITORING_VISIT: "Monitoring visit",
    InspectionType.JTAI: "JTAI",
    InspectionType.SEND_AREA: "Area SEND",
    InspectionType.SEND_REVISIT: "SEND revisit",
    InspectionType.SEND_MONITORING: "SEND monitoring",
    InspectionType.SIF: "SIF",
    InspectionType.OLDER: "Earlier framework",
}
# How a subject names each area when an inspection has grades but no overall grade.
SHORT_GRADE_LABELS = {
    GradeKey.IMPACT_OF_LEADERS: "leaders",
    GradeKey.HELP_AND_PROTECTION: "help and protection",
    GradeKey.CHILDREN_IN_CARE: "children in care",
    GradeKey.CARE_LEAVERS: "care leavers",
    GradeKey.CHILDREN_IN_CARE_AND_CARE_LEAVERS: "children in care and care leavers",
}
DIRECTION_LABELS = {"improved": "improved", "declined": "declined", "unchanged": "no change"}
# A judgement of null means unknown (the news did not say, the report could not be read);
# "Not graded" would claim the inspection had no grade, which is what no_grade means.
UNKNOWN_LABEL = "Not stated"


def outcome_label(value: str | None) -> str:
    return UNKNOWN_LABEL if value is None else judgement_label(value)


@dataclass(frozen=True, slots=True)
class Coverage:
    article_id: int
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
    def is_send(self) -> bool:
        return (self.inspection_type or "").startswith("send")

    @property
    def area(self) -> str:
        return "local area SEND" if self.is_send else "children's services"

    @property
    def type_label(self) -> str:
        return inspection_type_label(self.inspection_type)

    @property
    def short_type(self) -> str:
        try:
            return SHORT_TYPE_LABELS[InspectionType(self.inspection_type or "")]
        except ValueError:
            return self.type_label

    @property
    def graded_without_overall(self) -> bool:
        """ILACS from April 2026: four graded areas and no overall effectiveness grade."""
        return self.judgement is None and bool(self.area_grades)

    @property
    def area_grades(self) -> list[tuple[GradeKey, str]]:
        return [
            (key, self.grades[key.value])
            for key in GradeKey
            if key is not GradeKey.OVERALL_EFFECTIVENESS and key.value in self.grades
        ]

    @property
    def judgement_label(self) -> str:
        if self.graded_without_overall:
            return "No overall grade"
        return outcome_label(self.judgement)

    @property
    def previous_label(self) -> str | None:
        return outcome_label(self.previous_judgement) if self.previous_judgement else None

    @property
    def direction_label(self) -> str | None:
        return DIRECTION_LABELS.get(self.direction or "")

    @property
    def outcomes(self) -> set[str]:
        """What a judgement filter compares: the judgement, or the grades when there is none."""
        if self.judgement is not None:
            return {self.judgement}
        return {grade for _, grade in self.area_grades}

    @property
    def grade_rows(self) -> list[tuple[str, str]]:
        return [
            (GRADE_KEY_LABELS[key], judgement_label(self.grades[key.value]))
            for key in GradeKey
            if key.value in self.grades
        ]

    @property
    def after_label(self) -> str:
        """The outcome in a before -> after table: the grades when there is no overall one."""
        if self.graded_without_overall:
            return "; ".join(
                f"{SHORT_GRADE_LABELS[key]} {judgement_label(grade)}"
                for key, grade in self.area_grades
            )
        return self.judgement_label

    @property
    def subject(self) -> str:
        """A subject a person can act on, e.g.
        "Ofsted: Stockton-on-Tees children's services judged Good (was Requires improvement)"."""
        if self.graded_without_overall:
            return self._subject_from_grades()
        what = self.type_label[:1].lower() + self.type_label[1:]
        if self.judgement is None:
            return f"Ofsted: new {what} of {self.council} {self.area}: judgement not stated yet"
        if self.judgement == "no_grade":
            return f"Ofsted: new {what} report for {self.council} {self.area}"
        text = f"Ofsted: {self.council} {self.area} judged {self.judgement_label}"
        if self.previous_label:
            text += f" (was {self.previous_label})"
        return text

    def _subject_from_grades(self) -> str:
        grades = self.area_grades
        labels = {judgement_label(grade) for _, grade in grades}
        if len(labels) == 1 and len(grades) > 1:
            text = f"Ofsted: {self.council} {self.area} judged {labels.pop()} in all areas"
        else:
            text = f"Ofsted: {self.council} {self.area}: {self.after_label.replace(';', ',')}"
        if self.previous_label:
            text += f" (was {self.previous_label} overall)"
        return text


def event_from_row(row: InspectionRow) -> InspectionEvent:
    la = row.local_authority
    evidence = row.evidence or {}
    coverage = sorted(
        (Coverage(a.id, a.title, a.url, a.published_at) for a in row.articles),
        key=lambda c: (c.published_at or row.first_seen_at, c.article_id),
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
        grades={str(k): str(v) for k, v in (row.grades or {}).items()},
        published_on=row.published_on,
        inspection_start=row.inspection_start,
        inspection_end=row.inspection_end,
        report_url=row.report_url,
        first_seen_via=row.first_seen_via,
        first_seen_at=row.first_seen_at,
        evidence=(
            evidence.get("summary") or evidence.get("judgement") or evidence.get("inspection_type")
        ),
        coverage=coverage,
    )
