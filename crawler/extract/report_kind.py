"""Which kind of Ofsted report a page-1 text is, and which council it names.

Kinds are finer than the §2 inspection types because the 2016 and 2023 area SEND frameworks
share a type but not a layout. Rules are tried in order, most specific first: letters mention
"the inspection of local authority children's services (ILACS) framework" and full reports
mention earlier monitoring visits, so titles are matched at the start of a line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum

from config.vocabulary import InspectionType


class ReportKind(Enum):
    SEND_MONITORING = "send_monitoring"
    SEND_2023 = "send_2023"
    SEND_REVISIT = "send_revisit"
    SEND_2016 = "send_2016"
    FOCUSED_VISIT = "focused_visit"
    MONITORING_VISIT = "monitoring_visit"
    JTAI = "jtai"
    SIF = "sif"
    ILACS = "ilacs"
    OLDER = "older"

    @property
    def inspection_type(self) -> InspectionType:
        if self in (ReportKind.SEND_2023, ReportKind.SEND_2016):
            return InspectionType.SEND_AREA
        return InspectionType(self.value)

    @property
    def is_letter(self) -> bool:
        """Letters are signed at the end by the inspector who led the visit."""
        return self in _LETTERS


_LETTERS = frozenset(
    {
        ReportKind.FOCUSED_VISIT,
        ReportKind.MONITORING_VISIT,
        ReportKind.JTAI,
        ReportKind.SEND_2016,
        ReportKind.SEND_REVISIT,
    }
)

_I, _M = re.IGNORECASE, re.MULTILINE
_CS = r"children'?s\s+services"
_SIF_TITLE = (
    r"services\s+for\s+children\s+in\s+need\s+of\s+help\s+and\s+protection,?\s+"
    r"children\s+looked\s+after\s+and\s+care\s+leavers"
)
_RULES: tuple[tuple[ReportKind, re.Pattern[str]], ...] = (
    (
        ReportKind.SEND_MONITORING,
        re.compile(
            r"^\s*(?:area\s+SEND\s+)?monitoring\s+inspection\s+(?:of|report)\b"
            r"|\barea\s+SEND\s+monitoring\s+inspection\s+of\b",
            _I | _M,
        ),
    ),
    (ReportKind.SEND_2023, re.compile(r"^\s*Area\s+SEND\s+inspection\s+of\b", _I | _M)),
    (
        ReportKind.SEND_REVISIT,
        re.compile(r"\bSEND\s+revisit\b|\brevisited\s+the\s+(?:local\s+)?area\b", _I),
    ),
    (
        ReportKind.SEND_2016,
        re.compile(
            r"^\s*Joint\s+local\s+area\s+(?:SEND|special\s+educational)"
            r"|conducted\s+a\s+joint\s+inspection\s+of\s+the\s+local\s+area\b",
            _I | _M,
        ),
    ),
    (
        ReportKind.FOCUSED_VISIT,
        re.compile(
            r"findings\s+of\s+the\s+focused\s+visit|^\s*Focused\s+visit\s+(?:to|of)\b", _I | _M
        ),
    ),
    (
        ReportKind.MONITORING_VISIT,
        re.compile(
            r"findings\s+of\s+the\s+(?:\w+\s+)?monitoring\s+visit"
            r"|^\s*(?:\w+\s+)?Monitoring\s+visit\s+(?:to|of)\b",
            _I | _M,
        ),
    ),
    (
        ReportKind.JTAI,
        re.compile(
            r"^\s*Joint\s+targeted\s+area\s+inspection\s+of\b"
            r"|^\s*Joint\s+area\s+child\s+protection\s+inspection\b"
            r"|carried\s+out\s+a\s+joint\s+inspection\s+of\s+the\s+multi-agency\s+response",
            _I | _M,
        ),
    ),
    (ReportKind.SIF, re.compile(_SIF_TITLE, _I)),
    (
        ReportKind.ILACS,
        re.compile(
            rf"^\s*Inspection\s+of\s+(?:[\s\S]{{0,100}}?\s)?local\s+authority\s+{_CS}"
            r"|\bJudgement\s*\|?\s*Grade\b",
            _M,
        ),
    ),
    (
        ReportKind.OLDER,
        re.compile(
            r"^\s*Inspection\s+of\s+(?:safeguarding\s+and\s+)?looked\s+after\s+children"
            r"|^\s*Inspection\s+of\s+safeguarding\b"
            r"|\bannual\s+performance\s+assessment\b|\bchildren'?s\s+services\s+assessment\b"
            r"|^\s*Unannounced\s+inspection\s+of\b"
            r"|inspection\s+of\s+local\s+authority\s+arrangements\s+for\s+the\s+protection",
            _I | _M,
        ),
    ),
)


@dataclass(frozen=True, slots=True)
class KindMatch:
    kind: ReportKind
    evidence: str


def detect_kind(text: str) -> KindMatch | None:
    """The report kind from page-1 text, with the wording that decided it."""
    for kind, pattern in _RULES:
        match = pattern.search(text)
        if match is not None:
            return KindMatch(kind, " ".join(match.group(0).split()))
    return None


_COUNCIL_LINE_RE = re.compile(
    r"\b(?:Council|Borough|County|City\s+of|Corporation|Isles\s+of\s+Scilly)\b", _I
)
_NAME_PATTERNS: dict[ReportKind, tuple[re.Pattern[str], ...]] = {
    ReportKind.ILACS: (
        re.compile(
            rf"^\s*Inspection\s+of\s+(?!local\s+authority)([\s\S]{{1,100}}?)\s+local\s+authority\s+{_CS}",
            _M,
        ),
    ),
    ReportKind.SEND_2023: (
        re.compile(r"inspection\s+of\s+([\s\S]{1,100}?)\s+local\s+area\s+partnership", _I),
    ),
    ReportKind.SEND_MONITORING: (
        re.compile(r"inspection\s+of\s+([\s\S]{1,100}?)\s+local\s+area\s+partnership", _I),
    ),
    ReportKind.SEND_2016: (
        re.compile(r"SEND\s+inspection\s+in\s+([^\n]{1,80})", _I),
        re.compile(r"local\s+area\s+of\s+([\s\S]{1,80}?)\s+to\s+judge", _I),
    ),
    ReportKind.SEND_REVISIT: (
        re.compile(r"SEND\s+revisit\s+in\s+([^\n]{1,80})", _I),
        re.compile(r"\barea\s+of\s+([\s\S]{1,80}?)\s+to\s+(?:decide|determine)", _I),
    ),
    ReportKind.FOCUSED_VISIT: (
        re.compile(
            rf"Focused\s+visit\s+(?:to|of)\s+([\s\S]{{1,80}}?)\s+(?:local\s+authority\s+)?{_CS}", _I
        ),
    ),
    ReportKind.MONITORING_VISIT: (
        re.compile(
            rf"Monitoring\s+visit\s+(?:to|of)\s+([\s\S]{{1,80}}?)\s+(?:local\s+authority\s+)?{_CS}",
            _I,
        ),
    ),
}
_JTAI_TITLE_RE = re.compile(r"multi-agency\s+response\s+to\s+([\s\S]{1,300})", _I)
_JTAI_PLACE_RE = re.compile(r".*\bin\s+([A-Z][^.]{0,60})$")


def local_authority_name(kind: ReportKind, text: str) -> str | None:
    """The council (or area) as the report prints it, without "local area partnership"."""
    for pattern in _NAME_PATTERNS.get(kind, ()):
        match = pattern.search(text)
        if match is not None:
            return _tidy_name(match.group(1))
    if kind is ReportKind.JTAI:
        return _jtai_place(text)
    if kind in (ReportKind.ILACS, ReportKind.SIF, ReportKind.OLDER):
        return _council_line_near_title(text)
    return None


def _jtai_place(text: str) -> str | None:
    """The place ending the title: "... response to children who need help in Liverpool"."""
    match = _JTAI_TITLE_RE.search(text)
    if match is None:
        return None
    title = re.split(r"\.\s|\n\s*\n|\bBetween\b|\bThis\s+letter\b", match.group(1))[0]
    place = _JTAI_PLACE_RE.search(" ".join(title.split()).rstrip("."))
    return _tidy_name(place.group(1)) if place else None


_TITLE_RE = re.compile(r"^\s*Inspection\s+of\b", _M)


def _council_line_near_title(text: str) -> str | None:
    """Older layouts print the council on its own line just before or after the title: a
    line naming a council wins, else the line just above the title (page numbers skipped)."""
    lines = [re.sub(r"^\d+\s+", "", line.strip()) for line in text.splitlines()]
    title_at = next((i for i, line in enumerate(lines) if _TITLE_RE.match(line)), None)
    if title_at is None:
        return None
    above = [line for line in lines[max(0, title_at - 4) : title_at] if line and not line.isdigit()]
    below = lines[title_at + 1 : title_at + 8]
    for line in above[::-1] + below:
        if _COUNCIL_LINE_RE.search(line) and len(line) < 80 and not _TITLE_RE.match(line):
            return _tidy_name(line)
    return _tidy_name(above[-1]) if above and len(above[-1]) < 80 else None


def _tidy_name(raw: str) -> str | None:
    name = " ".join(raw.split()).strip(" ,.:;")
    name = re.sub(r"\s+local\s+area\s+partnership$", "", name, flags=_I)
    name = re.sub(r"\s*-\s*", "-", name) if re.search(r"\w\s*-\s*\w", name) else name
    return name or None
