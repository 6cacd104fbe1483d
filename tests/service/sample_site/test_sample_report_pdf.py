"""The sample site's report PDFs: valid PDF files that the real parser reads back exactly."""

from __future__ import annotations

import io
import itertools
import re
from datetime import date, timedelta
from typing import Any

import pytest
from pypdf import PdfReader

from config.vocabulary import GradeKey, InspectionType, Judgement
from crawler.extract.report_pdf import parse_report_pdf
from service.sample_site.report_pdf import (
    TABLE_ROWS,
    SampleKind,
    make_report_pdf,
    sample_kind_for,
)

K, J = SampleKind, Judgement
GRADES = (J.OUTSTANDING, J.GOOD, J.REQUIRES_IMPROVEMENT, J.INADEQUATE)
COUNCILS = (
    "Stockton-on-Tees",
    "Bournemouth, Christchurch and Poole",
    "Kingston upon Hull",
    "St Helens",
    "Richmond upon Thames",
)
INSPECTORS = ("Sophie Wales", "Mary-Jane O'Connor", "Jo McDonald", "Ann de Souza")
# (start, end): same month, across a month, across a year, two days, one day.
SPANS = (
    (date(2023, 3, 13), date(2023, 3, 24)),
    (date(2022, 11, 28), date(2022, 12, 9)),
    (date(2025, 12, 29), date(2026, 1, 9)),
    (date(2021, 12, 7), date(2021, 12, 8)),
    (date(2024, 6, 4), date(2024, 6, 4)),
)
OUTCOMES = {
    K.SEND_2023: (J.SEND_POSITIVE, J.SEND_INCONSISTENT, J.SEND_SYSTEMIC_FAILINGS),
    K.SEND_2016: (J.WSOA_REQUIRED, J.NO_WSOA),
    K.SEND_REVISIT: (J.SUFFICIENT_PROGRESS, J.PARTIAL_PROGRESS, J.INSUFFICIENT_PROGRESS),
    K.SEND_MONITORING: (J.SUFFICIENT_PROGRESS, J.PARTIAL_PROGRESS, J.INSUFFICIENT_PROGRESS),
}
TYPES = {
    K.ILACS_2018: InspectionType.ILACS,
    K.ILACS_2023: InspectionType.ILACS,
    K.ILACS_2026: InspectionType.ILACS,
    K.FOCUSED_VISIT: InspectionType.FOCUSED_VISIT,
    K.MONITORING_VISIT: InspectionType.MONITORING_VISIT,
    K.JTAI: InspectionType.JTAI,
    K.SEND_2023: InspectionType.SEND_AREA,
    K.SEND_2016: InspectionType.SEND_AREA,
    K.SEND_REVISIT: InspectionType.SEND_REVISIT,
    K.SEND_MONITORING: InspectionType.SEND_MONITORING,
}


def _cases() -> list[Any]:
    """Every kind, several times over, cycling councils, inspectors, date shapes, grades and
    outcomes so each grade appears in each table row and each outcome is rendered."""
    cases = []
    counter = itertools.count()
    for kind in SampleKind:
        rows = TABLE_ROWS.get(kind, ())
        variants = max(len(GRADES), len(OUTCOMES.get(kind, ())), len(SPANS))
        for variant in range(variants):
            n = next(counter)
            start, end = SPANS[n % len(SPANS)]
            grades = {key: GRADES[(variant + i) % len(GRADES)] for i, key in enumerate(rows)}
            outcomes = OUTCOMES.get(kind)
            case = {
                "kind": kind,
                "local_authority": COUNCILS[n % len(COUNCILS)],
                "inspection_start": start,
                "inspection_end": end,
                "lead_inspector": INSPECTORS[n % len(INSPECTORS)],
                "grades": grades,
                "judgement": outcomes[variant % len(outcomes)] if outcomes else None,
                "published_on": end + timedelta(days=40),
            }
            cases.append(pytest.param(case, id=f"{kind}-{variant}"))
    return cases


def _expected_judgement(case: dict[str, Any]) -> Judgement | None:
    kind, grades = case["kind"], case["grades"]
    if kind in (K.ILACS_2018, K.ILACS_2023):
        return grades[GradeKey.OVERALL_EFFECTIVENESS]
    if kind is K.ILACS_2026:
        return None
    if kind in (K.FOCUSED_VISIT, K.MONITORING_VISIT, K.JTAI):
        return J.NO_GRADE
    return case["judgement"]


@pytest.mark.parametrize("case", _cases())
def test_parser_reads_back_exactly_what_was_written(case: dict[str, Any]) -> None:
    kind, grades = case["kind"], case["grades"]
    pdf = make_report_pdf(
        kind,
        local_authority=case["local_authority"],
        inspection_start=case["inspection_start"],
        inspection_end=case["inspection_end"],
        lead_inspector=case["lead_inspector"],
        grades={str(key): str(value) for key, value in grades.items()},
        judgement=case["judgement"],
        published_on=case["published_on"],
    )

    facts = parse_report_pdf(pdf)

    assert facts.inspection_type is TYPES[kind]
    assert facts.local_authority == case["local_authority"]
    assert (facts.inspection_start, facts.inspection_end) == (
        case["inspection_start"],
        case["inspection_end"],
    )
    assert facts.lead_inspector == case["lead_inspector"]
    assert facts.judgement == _expected_judgement(case)
    assert facts.grades == grades
    assert facts.page_count == 2


@pytest.mark.parametrize("kind", list(SampleKind))
def test_every_kind_is_a_well_formed_pdf(kind: SampleKind) -> None:
    """Cross-reference offsets land on their objects and a strict reader accepts the file."""
    grades = dict.fromkeys(map(str, TABLE_ROWS.get(kind, ())), "good")
    judgement = OUTCOMES[kind][0] if kind in OUTCOMES else None
    pdf = make_report_pdf(
        kind,
        local_authority="Leeds",
        inspection_start=date(2024, 1, 8),
        inspection_end=date(2024, 1, 12),
        lead_inspector="Ann Smith",
        grades=grades,
        judgement=judgement,
    )
    assert pdf.startswith(b"%PDF-1.4\n") and pdf.endswith(b"%%EOF\n")
    startxref = int(re.findall(rb"startxref\n(\d+)\n", pdf)[-1])
    assert pdf[startxref:].startswith(b"xref\n0 ")
    size = int(re.findall(rb"/Size (\d+)", pdf)[-1])
    entries = pdf[startxref:].split(b"\n")[3 : 3 + size - 1]
    for number, entry in enumerate(entries, start=1):
        offset = int(entry[:10])
        assert pdf[offset:].startswith(b"%d 0 obj\n" % number)
    reader = PdfReader(io.BytesIO(pdf), strict=True)
    assert len(reader.pages) == 2
    assert len(pdf) < 5_000


def test_text_uses_the_reports_own_typography() -> None:
    """Curly apostrophes, as Word writes them, survive WinAnsi encoding."""
    pdf = make_report_pdf(
        K.FOCUSED_VISIT,
        local_authority="Leeds",
        inspection_start=date(2024, 1, 8),
        inspection_end=date(2024, 1, 9),
        lead_inspector="Ann Smith",
    )
    assert "Leeds children\u2019s services" in PdfReader(io.BytesIO(pdf)).pages[0].extract_text()


@pytest.mark.parametrize(
    ("kind", "grades", "judgement", "message"),
    [
        (K.ILACS_2023, {"overall_effectiveness": "good"}, None, "missing"),
        (K.ILACS_2026, dict.fromkeys(map(str, TABLE_ROWS[K.ILACS_2023]), "good"), None, "not in"),
        (K.SEND_2023, {}, "wsoa_required", "judgement must be one of"),
        (K.SEND_REVISIT, {}, None, "judgement must be one of"),
    ],
)
def test_impossible_reports_are_refused(
    kind: SampleKind, grades: dict[str, str], judgement: str | None, message: str
) -> None:
    with pytest.raises(ValueError, match=message):
        make_report_pdf(
            kind,
            local_authority="Leeds",
            inspection_start=date(2024, 1, 8),
            inspection_end=date(2024, 1, 12),
            lead_inspector="Ann Smith",
            grades=grades,
            judgement=judgement,
        )


def test_dates_must_run_forwards() -> None:
    with pytest.raises(ValueError, match="after"):
        make_report_pdf(
            K.JTAI,
            local_authority="Leeds",
            inspection_start=date(2024, 1, 12),
            inspection_end=date(2024, 1, 8),
            lead_inspector="Ann Smith",
        )


@pytest.mark.parametrize(
    ("inspection_type", "judgement", "start", "kind"),
    [
        ("ilacs", "good", date(2019, 5, 20), K.ILACS_2018),
        ("ilacs", "good", date(2023, 3, 6), K.ILACS_2023),
        ("ilacs", None, date(2026, 5, 11), K.ILACS_2026),
        ("send_area", "wsoa_required", date(2018, 5, 14), K.SEND_2016),
        ("send_area", "send_positive", date(2023, 10, 9), K.SEND_2023),
        ("focused_visit", "no_grade", date(2025, 12, 9), K.FOCUSED_VISIT),
        ("send_monitoring", "partial_progress", date(2025, 6, 2), K.SEND_MONITORING),
    ],
)
def test_layout_chosen_as_the_real_site_would(
    inspection_type: str, judgement: str | None, start: date, kind: SampleKind
) -> None:
    assert sample_kind_for(inspection_type, judgement, start) is kind


def test_no_layout_for_pre_2018_frameworks() -> None:
    with pytest.raises(ValueError, match="sif"):
        sample_kind_for("sif", "good", date(2014, 5, 20))
