"""The domain vocabulary of DESIGN.md §2 (a contract): values stored, printed and filtered on.

Every room uses these strings; the human labels are what emails and tables show.
"""

from __future__ import annotations

from collections.abc import Iterable
from enum import StrEnum


class InspectionType(StrEnum):
    ILACS = "ilacs"
    FOCUSED_VISIT = "focused_visit"
    MONITORING_VISIT = "monitoring_visit"
    JTAI = "jtai"
    SEND_AREA = "send_area"
    SEND_REVISIT = "send_revisit"
    SEND_MONITORING = "send_monitoring"
    SIF = "sif"
    OLDER = "older"


class Judgement(StrEnum):
    OUTSTANDING = "outstanding"
    GOOD = "good"
    REQUIRES_IMPROVEMENT = "requires_improvement"
    INADEQUATE = "inadequate"
    SEND_POSITIVE = "send_positive"
    SEND_INCONSISTENT = "send_inconsistent"
    SEND_SYSTEMIC_FAILINGS = "send_systemic_failings"
    WSOA_REQUIRED = "wsoa_required"
    NO_WSOA = "no_wsoa"
    SUFFICIENT_PROGRESS = "sufficient_progress"
    PARTIAL_PROGRESS = "partial_progress"
    INSUFFICIENT_PROGRESS = "insufficient_progress"
    NO_GRADE = "no_grade"


class GradeKey(StrEnum):
    OVERALL_EFFECTIVENESS = "overall_effectiveness"
    IMPACT_OF_LEADERS = "impact_of_leaders"
    HELP_AND_PROTECTION = "help_and_protection"
    CHILDREN_IN_CARE = "children_in_care"
    CARE_LEAVERS = "care_leavers"
    CHILDREN_IN_CARE_AND_CARE_LEAVERS = "children_in_care_and_care_leavers"


class Direction(StrEnum):
    IMPROVED = "improved"
    DECLINED = "declined"
    UNCHANGED = "unchanged"
    UNKNOWN = "unknown"


# The four grades of ILACS and SIF, best first: used to compare now with before.
GRADE_ORDER = (
    Judgement.OUTSTANDING,
    Judgement.GOOD,
    Judgement.REQUIRES_IMPROVEMENT,
    Judgement.INADEQUATE,
)
SEND_2023_ORDER = (
    Judgement.SEND_POSITIVE,
    Judgement.SEND_INCONSISTENT,
    Judgement.SEND_SYSTEMIC_FAILINGS,
)

INSPECTION_TYPE_LABELS = {
    InspectionType.ILACS: "Children's services inspection (ILACS)",
    InspectionType.FOCUSED_VISIT: "Focused visit",
    InspectionType.MONITORING_VISIT: "Monitoring visit",
    InspectionType.JTAI: "Joint targeted area inspection",
    InspectionType.SEND_AREA: "Area SEND inspection",
    InspectionType.SEND_REVISIT: "Area SEND revisit",
    InspectionType.SEND_MONITORING: "Area SEND monitoring inspection",
    InspectionType.SIF: "Single inspection framework inspection",
    InspectionType.OLDER: "Inspection (earlier framework)",
}

JUDGEMENT_LABELS = {
    Judgement.OUTSTANDING: "Outstanding",
    Judgement.GOOD: "Good",
    Judgement.REQUIRES_IMPROVEMENT: "Requires improvement",
    Judgement.INADEQUATE: "Inadequate",
    Judgement.SEND_POSITIVE: "Positive experiences and outcomes",
    Judgement.SEND_INCONSISTENT: "Inconsistent experiences and outcomes",
    Judgement.SEND_SYSTEMIC_FAILINGS: "Widespread and/or systemic failings",
    Judgement.WSOA_REQUIRED: "Written statement of action required",
    Judgement.NO_WSOA: "No written statement of action",
    Judgement.SUFFICIENT_PROGRESS: "Sufficient progress",
    Judgement.PARTIAL_PROGRESS: "Partial progress",
    Judgement.INSUFFICIENT_PROGRESS: "Insufficient progress",
    Judgement.NO_GRADE: "No grade (visit letter)",
}

GRADE_KEY_LABELS = {
    GradeKey.OVERALL_EFFECTIVENESS: "Overall effectiveness",
    GradeKey.IMPACT_OF_LEADERS: "Impact of leaders",
    GradeKey.HELP_AND_PROTECTION: "Help and protection",
    GradeKey.CHILDREN_IN_CARE: "Children in care",
    GradeKey.CARE_LEAVERS: "Care leavers",
    GradeKey.CHILDREN_IN_CARE_AND_CARE_LEAVERS: "Children in care and care leavers",
}


def judgement_label(value: str | None) -> str:
    if value is None:
        return "Not graded"
    try:
        return JUDGEMENT_LABELS[Judgement(value)]
    except ValueError:
        return value


def inspection_type_label(value: str | None) -> str:
    if value is None:
        return "Inspection"
    try:
        return INSPECTION_TYPE_LABELS[InspectionType(value)]
    except ValueError:
        return value


def compare(now: str | None, before: str | None) -> Direction:
    """Direction between two outcomes on the same scale; unknown when not comparable."""
    for scale in (GRADE_ORDER, SEND_2023_ORDER):
        if now in scale and before in scale:
            a, b = scale.index(Judgement(now)), scale.index(Judgement(before))  # type: ignore[arg-type]
            if a < b:
                return Direction.IMPROVED
            if a > b:
                return Direction.DECLINED
            return Direction.UNCHANGED
    return Direction.UNKNOWN


def compare_areas(grades: Iterable[str], before: str | None) -> Direction:
    """A report from April 2026 on (no overall grade) against the previous overall grade:
    no area worse and some better is an improvement, as a reporter would call "good in
    three of four areas, up from requires improvement"; the reverse a decline; every area
    the same unchanged; better and worse areas together say nothing."""
    seen = {compare(grade, before) for grade in grades}
    seen.discard(Direction.UNCHANGED)
    if Direction.UNKNOWN in seen or len(seen) > 1:
        return Direction.UNKNOWN
    return seen.pop() if seen else Direction.UNCHANGED
