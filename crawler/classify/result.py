"""What the classifier reads (Document) and what it says (Classification, DESIGN.md §4)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import Enum
from typing import Any

from config.gazetteer import LocalAuthority


@dataclass(frozen=True, slots=True)
class Document:
    """Everything a reporter would use to place an article: body, headline, address, outlet."""

    text: str
    title: str | None = None
    url: str | None = None
    source_region: str | None = None  # ONS region of the source that found it
    published: date | None = None


@dataclass(slots=True)
class Classification:
    relevant: bool
    score: float
    local_authorities: list[LocalAuthority] = field(default_factory=list)
    inspection_type: str | None = None
    judgement: str | None = None
    previous_judgement: str | None = None
    direction: str | None = None
    grades: dict[str, str] = field(default_factory=dict)
    evidence: dict[str, str] = field(default_factory=dict)

    @property
    def local_authority(self) -> LocalAuthority | None:
        """The council the article is chiefly about."""
        return self.local_authorities[0] if self.local_authorities else None

    def to_dict(self, id: str | None = None) -> dict[str, Any]:
        """The §4 contract object, keys in the documented order, values plain strings."""
        out: dict[str, Any] = {} if id is None else {"id": id}
        out.update(
            relevant=self.relevant,
            score=round(self.score, 3),
            local_authorities=[la.as_ref() for la in self.local_authorities],
            inspection_type=_plain(self.inspection_type),
            judgement=_plain(self.judgement),
            previous_judgement=_plain(self.previous_judgement),
            direction=_plain(self.direction),
            grades={str(_plain(k)): _plain(v) for k, v in self.grades.items()},
            evidence=dict(self.evidence),
        )
        return out


def _plain(value: str | None) -> str | None:
    """An enum member prints as its value ("ilacs"), never as InspectionType.ILACS."""
    return value.value if isinstance(value, Enum) else value
