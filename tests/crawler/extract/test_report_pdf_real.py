"""The parser against every real Ofsted report PDF in shared/ofsted/report_pdfs.

What each report should yield comes from three independent places: its file name (kind,
council, URN, publication date, SEND outcome), the JT-39 scraper's CSV row for the same
council and publication date (dates, lead inspector, grades), and facts checked by hand in
the report itself for the layouts that CSV does not cover. The evidence the parser quotes
must also be found in the page text extracted by a different tool (report_text/).
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest

from config.vocabulary import GradeKey, InspectionType, Judgement
from crawler.extract.report_pdf import parse_report_file

OFSTED = Path(__file__).resolve().parents[3] / ".." / "shared" / "ofsted"


def shared_path(*parts: str) -> Path:
    """A file under shared/ofsted, or a skip naming what is missing."""
    path = OFSTED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"real Ofsted data not available: {path} is absent")
    return path


G, J = GradeKey, Judgement
NAME_RE = re.compile(
    r"^(?P<kind>[a-z_]+?)_(?P<published>\d{4}-\d{2}-\d{2})_(?P<slug>[a-z-]+)_(?P<urn>\d+)"
    r"(?:_(?P<note>.+))?$"
)
KIND_TYPES = {
    "ilacs_standard": InspectionType.ILACS,
    "ilacs_short": InspectionType.ILACS,
    "sif": InspectionType.SIF,
    "lac_inspection": InspectionType.OLDER,
    "focused_visit": InspectionType.FOCUSED_VISIT,
    "monitoring_visit": InspectionType.MONITORING_VISIT,
    "jtai": InspectionType.JTAI,
    "area_send": InspectionType.SEND_AREA,
}
SEND_NOTES = {
    "positive": J.SEND_POSITIVE,
    "inconsistent": J.SEND_INCONSISTENT,
    "widespread-failings": J.SEND_SYSTEMIC_FAILINGS,
}
RI = J.REQUIRES_IMPROVEMENT
# Checked by reading each report (page and line noted); the CSV has no usable row for these.
HAND_CHECKED: dict[str, dict[str, Any]] = {
    "sif_2014-07-18_liverpool_80485": {  # p1 summary and judgements; lead on p10
        "local_authority": "Liverpool City Council",
        "dates": (date(2014, 5, 20), date(2014, 6, 11)),
        "lead_inspector": "Sheena Doyle",
        "judgement": RI,
        "grades": {
            G.OVERALL_EFFECTIVENESS: RI,
            G.HELP_AND_PROTECTION: RI,
            G.CHILDREN_IN_CARE: RI,
            G.CARE_LEAVERS: RI,
            G.IMPACT_OF_LEADERS: RI,
        },
    },
    "lac_inspection_2013-08-16_norfolk_80418": {  # p1 title page; "Grade 4 (inadequate)" p6
        "local_authority": "Norfolk County Council",
        "dates": (date(2013, 7, 8), date(2013, 7, 12)),
        "lead_inspector": "Gary Lamb",
        "judgement": J.INADEQUATE,
        "grades": {G.OVERALL_EFFECTIVENESS: J.INADEQUATE},
    },
    "focused_visit_2022-01-31_stockton-on-tees_80563": {  # p1 first paragraph; signed p4
        "local_authority": "Stockton-on-Tees",
        "dates": (date(2021, 12, 7), date(2021, 12, 8)),
        "lead_inspector": "Vicky Metheringham",
        "grades": {},
    },
    "focused_visit_2026-01-27_stockton-on-tees_80563": {  # p1; signed p5
        "local_authority": "Stockton-on-Tees",
        "dates": (date(2025, 12, 9), date(2025, 12, 10)),
        "lead_inspector": "Sophie Wales",
        "grades": {},
    },
    "area_send_2023-12-08_middlesbrough_80523_positive": {  # p1; team list p7
        "local_authority": "Middlesbrough",
        "dates": (date(2023, 10, 9), date(2023, 10, 13)),
        "lead_inspector": "David Mills",
        "grades": {},
    },
    "area_send_2024-05-07_bury_80443_widespread-failings": {  # p1; team list p11
        "local_authority": "Bury",
        "dates": (date(2024, 2, 12), date(2024, 2, 16)),
        "lead_inspector": "Adam Sproston",
        "grades": {},
    },
    "area_send_2024-07-25_blackpool_80431_inconsistent": {  # p1; team list p7
        "local_authority": "Blackpool",
        "dates": (date(2024, 5, 20), date(2024, 5, 24)),
        "lead_inspector": "Rebecca Sharples",
        "grades": {},
    },
    "ilacs_standard_2018-07-02_liverpool_80485_4-judgements": {
        "local_authority": "Liverpool City Council"
    },
    "ilacs_standard_2023-05-25_liverpool_80485_5-judgements": {"local_authority": "Liverpool"},
    "ilacs_standard_2026-07-07_liverpool_80485_post-reform_no-OE": {"local_authority": "Liverpool"},
}


@dataclass
class Expected:
    inspection_type: InspectionType
    slug: str
    facts: dict[str, Any] = field(default_factory=dict)
    sources: list[str] = field(default_factory=list)


def _pdfs() -> list[Any]:
    folder = OFSTED / "report_pdfs"
    if not folder.is_dir():
        reason = f"real Ofsted report PDFs not available: {folder} is absent"
        return [pytest.param(None, marks=pytest.mark.skip(reason=reason), id="no-pdfs")]
    return [pytest.param(path, id=path.stem) for path in sorted(folder.glob("*.pdf"))]


def _csv_grade(value: str) -> Judgement | None:
    words = value.strip().lower()
    if words.startswith("requires improvement"):
        return RI
    return {"good": J.GOOD, "outstanding": J.OUTSTANDING, "inadequate": J.INADEQUATE}.get(words)


def _csv_facts(urn: str, published: date) -> dict[str, Any]:
    """What the JT-39 scraper recorded for the report of this council published that day."""
    path = OFSTED / "scraped" / "JT-39_ofsted_csc_ilacs_history.csv"
    if not path.exists():
        return {}
    with path.open(encoding="utf-8-sig", newline="") as handle:
        rows = [
            row
            for row in csv.DictReader(handle)
            if row["urn"] == urn
            and datetime.strptime(row["publication_date"], "%d/%m/%y").date() == published
        ]
    if len(rows) != 1 or not rows[0]["inspection_start_date"]:
        return {}  # pre-2018 rows are blank or "data_unreadable"
    row = rows[0]
    facts: dict[str, Any] = {
        "dates": tuple(
            datetime.strptime(row[k], "%d/%m/%Y").date()
            for k in ("inspection_start_date", "inspection_end_date")
        ),
        "lead_inspector": row["inspector_name"],
    }
    grades = {
        G.IMPACT_OF_LEADERS: _csv_grade(row["impact_of_leaders_grade"]),
        G.HELP_AND_PROTECTION: _csv_grade(row["help_and_protection_grade"]),
    }
    if row["care_leavers_grade"] == "inspection_pre_dates_judgement":
        grades[G.CHILDREN_IN_CARE_AND_CARE_LEAVERS] = _csv_grade(row["in_care_grade"])
    else:
        grades[G.CHILDREN_IN_CARE] = _csv_grade(row["in_care_grade"])
        grades[G.CARE_LEAVERS] = _csv_grade(row["care_leavers_grade"])
    if row["overall_effectiveness_grade"] == "not_reported_post_reform":
        facts["judgement"] = None
    else:
        facts["judgement"] = grades[G.OVERALL_EFFECTIVENESS] = _csv_grade(
            row["overall_effectiveness_grade"]
        )
    facts["grades"] = grades
    return facts


def _expected(path: Path) -> Expected:
    parts = NAME_RE.match(path.stem)
    assert parts is not None, f"{path.name} does not follow <kind>_<date>_<council>_<urn>"
    expected = Expected(KIND_TYPES[parts["kind"]], parts["slug"], sources=["file name"])
    note = parts["note"] or ""
    if expected.inspection_type is InspectionType.SEND_AREA and note in SEND_NOTES:
        expected.facts["judgement"] = SEND_NOTES[note]
    if expected.inspection_type in (InspectionType.FOCUSED_VISIT, InspectionType.MONITORING_VISIT):
        expected.facts["judgement"] = J.NO_GRADE
    published = date.fromisoformat(parts["published"])
    csv_facts = _csv_facts(parts["urn"], published)
    if csv_facts:
        expected.facts.update(csv_facts)
        expected.sources.append("JT-39 CSV")
    if path.stem in HAND_CHECKED:
        expected.facts.update(HAND_CHECKED[path.stem])
        expected.sources.append("read by hand")
    return expected


@pytest.mark.parametrize("path", _pdfs())
def test_real_report_reads_as_known(path: Path) -> None:
    expected = _expected(path)
    facts = parse_report_file(path)

    assert facts.inspection_type == expected.inspection_type
    assert facts.local_authority is not None
    assert expected.slug in facts.local_authority.lower().replace(" ", "-")
    assert {"dates", "lead_inspector", "judgement"} <= expected.facts.keys(), (
        f"{path.name}: no source of known facts beyond {expected.sources}"
    )
    for name, value in expected.facts.items():
        parsed = {
            "dates": (facts.inspection_start, facts.inspection_end),
            "local_authority": facts.local_authority,
            "lead_inspector": facts.lead_inspector,
            "judgement": facts.judgement,
            "grades": facts.grades,
        }[name]
        assert parsed == value, f"{name} from {expected.sources}"


def _squashed(text: str) -> str:
    """Text compared across extractors: no whitespace, straight quotes and dashes."""
    text = text.replace("\u2019", "'").replace("\u2018", "'").replace("\u2013", "-")
    return re.sub(r"\s+", "", text).lower()


@pytest.mark.parametrize("path", _pdfs())
def test_quoted_evidence_is_on_pages_one_and_two(path: Path) -> None:
    """What decided type, judgement and grades is quoted from the report, as another tool
    also extracts pages 1-2 (pre-2013 reports give their judgement further in)."""
    text_file = shared_path("report_text", f"{path.stem}.p1-2.txt")
    facts = parse_report_file(path)
    assert {str(key) for key in facts.grades} <= facts.evidence.keys()
    assert (facts.judgement is None) == ("judgement" not in facts.evidence)
    quoted = dict(facts.evidence)
    if facts.inspection_type is InspectionType.OLDER:
        quoted = {"inspection_type": quoted["inspection_type"]}
    page_text = _squashed(text_file.read_text(encoding="utf-8"))
    for key, evidence in quoted.items():
        assert _squashed(evidence) in page_text, key


def test_ilacs_report_is_read_from_page_one_only() -> None:
    """The judgement table is on page 1: nothing else of a 13-page report is extracted."""
    path = shared_path("report_pdfs", "ilacs_standard_2023-05-25_liverpool_80485_5-judgements.pdf")
    facts = parse_report_file(path)
    assert facts.page_count == 13
    assert facts.pages_read == (1,)


def test_post_reform_ilacs_has_no_overall_effectiveness_despite_prose() -> None:
    """The 2026 report says "overall effectiveness was judged to be inadequate" about 2023,
    just below its table: that must not become this inspection's judgement."""
    path = shared_path(
        "report_pdfs", "ilacs_standard_2026-07-07_liverpool_80485_post-reform_no-OE.pdf"
    )
    facts = parse_report_file(path)
    assert facts.judgement is None
    assert G.OVERALL_EFFECTIVENESS not in facts.grades
    assert facts.grades[G.CARE_LEAVERS] == RI
    assert "judgement" not in facts.evidence


@pytest.mark.parametrize(
    ("name", "opening"),
    [
        (
            "ilacs_standard_2026-07-07_liverpool_80485_post-reform_no-OE.pdf",
            "Services for children",
        ),
        ("ilacs_standard_2023-05-25_liverpool_80485_5-judgements.pdf", "Services in Liverpool"),
        (
            "focused_visit_2026-01-27_stockton-on-tees_80563.pdf",
            "Since the last inspection in 2023",
        ),
    ],
)
def test_the_reports_opening_finding_is_kept_for_alerts_to_quote(name: str, opening: str) -> None:
    """An alert quoting "Inspection of Liverpool local authority children's services" tells
    the reader nothing; the first sentence after the grades (or "Headline findings") does."""
    facts = parse_report_file(shared_path("report_pdfs", name))
    assert facts.evidence["summary"].startswith(opening)
    assert facts.evidence["summary"].endswith(".")


def test_letter_lead_inspector_is_the_signatory_on_the_last_page() -> None:
    path = shared_path("report_pdfs", "focused_visit_2026-01-27_stockton-on-tees_80563.pdf")
    facts = parse_report_file(path)
    assert facts.lead_inspector == "Sophie Wales"
    assert facts.pages_read == (1, facts.page_count)


def test_area_send_lead_comes_from_the_team_list_before_the_last_page() -> None:
    path = shared_path("report_pdfs", "area_send_2024-05-07_bury_80443_widespread-failings.pdf")
    facts = parse_report_file(path)
    assert facts.lead_inspector == "Adam Sproston"
    assert facts.pages_read == (1, facts.page_count - 1)
