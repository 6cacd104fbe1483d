"""The official "Local authority inspection outcomes" spreadsheet, real and broken."""

from __future__ import annotations

import zipfile
from collections import Counter
from datetime import date
from pathlib import Path

import pytest
from odf.opendocument import OpenDocumentSpreadsheet, OpenDocumentText
from odf.table import Table, TableCell, TableRow
from odf.text import P

from config.vocabulary import GradeKey as G
from config.vocabulary import InspectionType as T
from config.vocabulary import Judgement as J
from crawler.extract.outcomes_ods import (
    SHEET_CURRENT,
    SHEET_HISTORY,
    SHEET_IN_YEAR,
    OutcomesFile,
    OutcomesFileError,
    read_outcomes,
)
from crawler.extract.report_pdf import parse_report_file

OFSTED = Path(__file__).resolve().parents[3] / ".." / "shared" / "ofsted"
OUTCOMES = OFSTED / "official" / "LA_Inspection_Outcomes_as_at_31_March_2025.ods"
RI = J.REQUIRES_IMPROVEMENT


@pytest.fixture(scope="module")
def outcomes() -> OutcomesFile:
    if not OUTCOMES.exists():
        pytest.skip(f"official outcomes spreadsheet not available: {OUTCOMES} is absent")
    return read_outcomes(OUTCOMES)


def test_every_council_has_its_latest_ilacs(outcomes: OutcomesFile) -> None:
    assert len(outcomes.current) == 153
    assert len({r.gss_code for r in outcomes.current}) == 153
    assert all(r.inspection_type is T.ILACS and r.judgement is not None for r in outcomes.current)
    assert len(outcomes.in_year) == 112
    assert len(outcomes.history) == 271


def test_known_councils_as_the_sheet_prints_them(outcomes: OutcomesFile) -> None:
    by_name = {r.local_authority: r for r in outcomes.current}
    liverpool = by_name["Liverpool"]
    assert liverpool.gss_code == "E08000012"
    assert (liverpool.inspection_start, liverpool.published_on) == (
        date(2023, 3, 13),
        date(2023, 5, 25),
    )
    assert liverpool.inspection_end is None
    assert liverpool.judgement is J.INADEQUATE
    assert liverpool.grades == {
        G.OVERALL_EFFECTIVENESS: J.INADEQUATE,
        G.IMPACT_OF_LEADERS: J.INADEQUATE,
        G.HELP_AND_PROTECTION: J.INADEQUATE,
        G.CHILDREN_IN_CARE: RI,
        G.CARE_LEAVERS: J.INADEQUATE,
    }
    york = by_name["York"]
    assert york.judgement is J.OUTSTANDING and set(york.grades.values()) == {J.OUTSTANDING}
    assert york.published_on == date(2025, 4, 15)


def test_pre_2023_inspections_carry_the_combined_judgement(outcomes: OutcomesFile) -> None:
    """Before 2023 one judgement covered children in care and care leavers."""
    norfolk = next(r for r in outcomes.current if r.local_authority == "Norfolk")
    assert norfolk.inspection_start == date(2022, 11, 7)
    assert norfolk.grades == {
        G.OVERALL_EFFECTIVENESS: J.GOOD,
        G.IMPACT_OF_LEADERS: J.GOOD,
        G.HELP_AND_PROTECTION: J.GOOD,
        G.CHILDREN_IN_CARE_AND_CARE_LEAVERS: J.GOOD,
    }


def test_web_link_codes_are_kept_but_gss_codes_identify(outcomes: OutcomesFile) -> None:
    city = next(r for r in outcomes.current if r.local_authority == "City of London")
    assert city.gss_code == "E09000001"
    assert city.web_link == "https://reports.ofsted.gov.uk/provider/44/206"
    assert city.link_code == "206"  # as published; not City of London's own code


def test_in_year_visits_are_typed_and_ungraded(outcomes: OutcomesFile) -> None:
    kinds = Counter(r.inspection_type for r in outcomes.in_year)
    assert kinds == {T.ILACS: 52, T.FOCUSED_VISIT: 36, T.MONITORING_VISIT: 24}
    visits = [r for r in outcomes.in_year if r.inspection_type is not T.ILACS]
    assert all(r.judgement is J.NO_GRADE and r.grades == {} for r in visits)
    barking = next(r for r in visits if r.local_authority == "Barking and Dagenham")
    assert barking.inspection_label == "ILACS Focused Visit"
    assert barking.visit_theme == "Children in need/subject to a plan"
    assert barking.inspection_start == date(2025, 3, 26)


def test_history_keeps_councils_that_no_longer_exist(outcomes: OutcomesFile) -> None:
    gone = {r.local_authority for r in outcomes.history if r.authority_status != "Current"}
    assert gone == {"Bournemouth", "Cumbria", "Northamptonshire"}
    assert {r.inspection_label for r in outcomes.history} == {
        "ILACS Standard Inspection",
        "ILACS Short Inspection",
    }


def test_inspections_lists_each_inspection_once(outcomes: OutcomesFile) -> None:
    merged = outcomes.inspections()
    assert len({r.key for r in merged}) == len(merged)
    assert {r.key for r in outcomes.current} <= {r.key for r in merged}
    assert len(merged) == len({r.key for r in (*outcomes.history, *outcomes.in_year)})
    assert merged == sorted(merged, key=lambda r: (r.published_on or date.min, r.local_authority))


def test_sheet_agrees_with_the_report_pdf(outcomes: OutcomesFile) -> None:
    """Two official sources for Liverpool's 2023 inspection say the same."""
    pdf = OFSTED / "report_pdfs" / "ilacs_standard_2023-05-25_liverpool_80485_5-judgements.pdf"
    if not pdf.exists():
        pytest.skip(f"real report PDF not available: {pdf} is absent")
    facts = parse_report_file(pdf)
    record = next(r for r in outcomes.current if r.local_authority == "Liverpool")
    assert (facts.judgement, facts.grades) == (record.judgement, record.grades)
    assert facts.inspection_start == record.inspection_start


# --- broken files, made with odfpy -------------------------------------------------------

HEADER = [
    "Web link",
    "Local authority area code",
    "Local authority name",
    "Ofsted region",
    "Inspection date",
    "Publication date",
    "Inspection type",
    "Overall effectiveness",
]


def _sheet(name: str, rows: list[list[str]]) -> Table:
    table = Table(name=name)
    for values in rows:
        row = TableRow()
        for value in values:
            cell = TableCell(valuetype="string")
            cell.addElement(P(text=value))
            row.addElement(cell)
        table.addElement(row)
    return table


def _write_ods(path: Path, sheets: dict[str, list[list[str]]]) -> Path:
    document = OpenDocumentSpreadsheet()
    for name, rows in sheets.items():
        document.spreadsheet.addElement(_sheet(name, rows))
    document.save(str(path))
    return path


GOOD_ROW = ["link", "E06000004", "Stockton-on-Tees", "North East", "06/03/2023", "09/05/2023"]


def _valid_sheets() -> dict[str, list[list[str]]]:
    row = [*GOOD_ROW, "ILACS Standard Inspection", "Good"]
    return {
        name: [["Title"], HEADER, row] for name in (SHEET_CURRENT, SHEET_IN_YEAR, SHEET_HISTORY)
    }


def test_small_valid_file_reads(tmp_path: Path) -> None:
    result = read_outcomes(_write_ods(tmp_path / "ok.ods", _valid_sheets()))
    record = result.history[0]
    assert (record.local_authority, record.row) == ("Stockton-on-Tees", 3)
    assert record.inspection_start == date(2023, 3, 6)
    assert record.judgement is J.GOOD


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"not a spreadsheet at all", "not an ODS spreadsheet"),
        (b"%PDF-1.7\n%%EOF\n", "not an ODS spreadsheet"),
    ],
)
def test_file_that_is_not_ods(tmp_path: Path, content: bytes, message: str) -> None:
    path = tmp_path / "outcomes.ods"
    path.write_bytes(content)
    with pytest.raises(OutcomesFileError, match=message):
        read_outcomes(path)


def test_zip_that_is_not_opendocument(tmp_path: Path) -> None:
    path = tmp_path / "outcomes.ods"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("readme.txt", "hello")
    with pytest.raises(OutcomesFileError, match="not an ODS spreadsheet"):
        read_outcomes(path)


def test_text_document_is_not_a_spreadsheet(tmp_path: Path) -> None:
    document = OpenDocumentText()
    document.text.addElement(P(text="Local authority inspection outcomes"))
    path = tmp_path / "outcomes.odt"
    document.save(str(path))
    with pytest.raises(OutcomesFileError, match="not a spreadsheet"):
        read_outcomes(path)


def test_missing_sheet_is_named(tmp_path: Path) -> None:
    sheets = _valid_sheets()
    del sheets[SHEET_IN_YEAR]
    with pytest.raises(OutcomesFileError, match=f"missing sheet.*{SHEET_IN_YEAR}"):
        read_outcomes(_write_ods(tmp_path / "x.ods", sheets))


def test_missing_column_is_named(tmp_path: Path) -> None:
    sheets = _valid_sheets()
    sheets[SHEET_HISTORY][1] = [h for h in HEADER if h != "Publication date"]
    with pytest.raises(OutcomesFileError, match=f"{SHEET_HISTORY}.*publication date"):
        read_outcomes(_write_ods(tmp_path / "x.ods", sheets))


def test_sheet_without_header_row_is_refused(tmp_path: Path) -> None:
    sheets = _valid_sheets()
    sheets[SHEET_CURRENT] = [["Title"], ["some", "other", "table"]]
    with pytest.raises(OutcomesFileError, match="no header row"):
        read_outcomes(_write_ods(tmp_path / "x.ods", sheets))


def test_unknown_grade_names_row_and_column(tmp_path: Path) -> None:
    sheets = _valid_sheets()
    sheets[SHEET_CURRENT][2] = [*GOOD_ROW, "ILACS Standard Inspection", "Excellent"]
    with pytest.raises(OutcomesFileError, match="row 3, column 'overall effectiveness'"):
        read_outcomes(_write_ods(tmp_path / "x.ods", sheets))


def test_bad_date_names_row_and_column(tmp_path: Path) -> None:
    sheets = _valid_sheets()
    bad = list(GOOD_ROW)
    bad[4] = "sometime in March"
    sheets[SHEET_CURRENT][2] = [*bad, "ILACS Standard Inspection", "Good"]
    with pytest.raises(OutcomesFileError, match="row 3, column 'inspection date'"):
        read_outcomes(_write_ods(tmp_path / "x.ods", sheets))
