"""The link text of a report on a council's page: "Children's services inspection, pdf - 07 July
2026" gives the inspection type and the publication date before any PDF is fetched.

The wording of some types was never confirmed (monitoring visits, SEND monitoring), so rules
match the distinctive words case-insensitively, most specific first. Old reports (SIF, LAC)
are also listed as "Children's services inspection": the PDF's own wording is the better
source of the type, and this one is the fallback.
"""

from __future__ import annotations

import re
from datetime import date

from config.vocabulary import InspectionType
from crawler.extract.report_dates import parse_date

_RULES: tuple[tuple[re.Pattern[str], InspectionType], ...] = tuple(
    (re.compile(pattern, re.IGNORECASE), kind)
    for pattern, kind in (
        (r"\bSEND\s+monitoring\b|\bmonitoring\s+inspection\b", InspectionType.SEND_MONITORING),
        (r"\bSEND\s+re-?visit\b|\bre-?visit\b.*\bSEND\b", InspectionType.SEND_REVISIT),
        (r"\bSEND\b|special\s+educational\s+needs", InspectionType.SEND_AREA),
        (r"\bfocused\s+visit\b", InspectionType.FOCUSED_VISIT),
        (r"\bmonitoring\s+visit\b", InspectionType.MONITORING_VISIT),
        (
            r"\bjoint\s+targeted\s+area\b|\bjoint\s+area\s+child\s+protection\b|\bJTAI\b",
            InspectionType.JTAI,
        ),
        (r"\bsingle\s+inspection\b", InspectionType.SIF),
        (r"\bchildren'?s\s+services\s+inspection\b", InspectionType.ILACS),
    )
)
_TYPE_PART_RE = re.compile(r"^(.*?)(?:,?\s*pdf)?\s*(?:-\s*\d|$)", re.IGNORECASE | re.DOTALL)


def link_type(text: str) -> InspectionType | None:
    """The inspection type the words of a report link name, or None for anything else."""
    words = " ".join(text.replace("\u2019", "'").replace("\u2018", "'").split())
    match = _TYPE_PART_RE.match(words)
    head = match.group(1) if match else words
    for pattern, kind in _RULES:
        if pattern.search(head):
            return kind
    return None


def parse_link_text(text: str) -> tuple[InspectionType | None, date | None]:
    """(inspection type, publication date) from a report link's text; either may be None.

    >>> parse_link_text("Children's services inspection, pdf - 07 July 2026")
    (<InspectionType.ILACS: 'ilacs'>, datetime.date(2026, 7, 7))
    """
    return link_type(text), parse_date(text.replace("\u2013", "-"))
