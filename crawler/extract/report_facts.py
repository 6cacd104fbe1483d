"""What one Ofsted report says about itself, in the DESIGN.md §2 vocabulary."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from config.vocabulary import GradeKey, InspectionType, Judgement


@dataclass(frozen=True, slots=True)
class ReportFacts:
    """Facts read from a report PDF; `None` (or empty) wherever the report did not say.

    `evidence` maps "inspection_type", "judgement" and each grade key to the report text
    relied on, so a surprising value can be checked without opening the PDF.
    `pages_read` (1-based) shows how little of the document was needed.
    """

    inspection_type: InspectionType | None
    local_authority: str | None
    inspection_start: date | None
    inspection_end: date | None
    lead_inspector: str | None
    judgement: Judgement | None
    grades: dict[GradeKey, Judgement] = field(default_factory=dict)
    evidence: dict[str, str] = field(default_factory=dict)
    page_count: int = 0
    pages_read: tuple[int, ...] = ()

    def grades_as_strings(self) -> dict[str, str]:
        """Grades as plain strings, the shape `ReportItem.grades` and storage hold."""
        return {str(key): str(value) for key, value in self.grades.items()}

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict (ISO dates, plain strings)."""
        return {
            "inspection_type": None if self.inspection_type is None else str(self.inspection_type),
            "local_authority": self.local_authority,
            "inspection_start": _iso(self.inspection_start),
            "inspection_end": _iso(self.inspection_end),
            "lead_inspector": self.lead_inspector,
            "judgement": None if self.judgement is None else str(self.judgement),
            "grades": self.grades_as_strings(),
            "evidence": dict(self.evidence),
            "page_count": self.page_count,
            "pages_read": list(self.pages_read),
        }


def _iso(value: date | None) -> str | None:
    return None if value is None else value.isoformat()
