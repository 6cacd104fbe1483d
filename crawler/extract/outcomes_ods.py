"""Ofsted's official "Local authority inspection outcomes" spreadsheet (ODS) as typed records.

The backfill (`ofsted-watch import-outcomes FILE`) loads it so a new install knows every
council's current judgements. Read with odfpy, the OpenDocument library pandas itself uses
for ODS. Columns are found by their header text, not position, so a re-ordered release
still reads and a wrong file fails naming exactly what it lacks.

Councils are identified by name and by the GSS code the sheets print in "Local authority
area code". Each row's web link is a HYPERLINK() formula to provider/44/<code>; that code is
kept (`link_code`) but is wrong for a few councils in the published file (City of London,
North Northamptonshire), so match on the GSS code or the name, never on the link.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from odf import teletype
from odf.namespaces import OFFICENS, TABLENS
from odf.opendocument import load
from odf.table import Table, TableRow

from config.errors import OfstedWatchError
from config.vocabulary import GradeKey, InspectionType, Judgement
from crawler.extract.report_grades import grade_from_phrase

SHEET_CURRENT = "Inspections_as_at_31_March"
SHEET_IN_YEAR = "In-year_inspections"
SHEET_HISTORY = "ILACS_inspection_history"
ODS_MIMETYPE = "application/vnd.oasis.opendocument.spreadsheet"
MAX_FILE_BYTES = 50_000_000
_MAX_COLUMNS = 40  # real sheets use 11-13; repeated empty cells run to column 16384
_HEADER_SEARCH_ROWS = 10

# Column headers, lower-cased; a tuple lists the spellings different sheets use.
_COL_NAME = ("local authority name",)
_COL_CODE = ("local authority area code",)
_COL_LINK = ("web link",)
_COL_REGION = ("ofsted region", "region")
_COL_START = ("inspection date", "inspection/visit date")
_COL_PUBLISHED = ("publication date",)
_COL_TYPE = ("inspection type", "inspection/visit type")
_COL_STATUS = ("local authority status",)
_COL_THEME = ("visit theme",)
_GRADE_COLUMNS: tuple[tuple[GradeKey, str], ...] = (
    (GradeKey.OVERALL_EFFECTIVENESS, "overall effectiveness"),
    (
        GradeKey.IMPACT_OF_LEADERS,
        "the impact of leaders on social work practice with children and families",
    ),
    (
        GradeKey.HELP_AND_PROTECTION,
        "the experiences and progress of children who need help and protection",
    ),
    (GradeKey.CHILDREN_IN_CARE, "the experiences and progress of children in care"),
    (GradeKey.CARE_LEAVERS, "the experiences and progress of care leavers"),
)
_REQUIRED: dict[str, tuple[tuple[str, ...], ...]] = {
    SHEET_CURRENT: (_COL_NAME, _COL_CODE, _COL_START, _COL_PUBLISHED),
    SHEET_IN_YEAR: (_COL_NAME, _COL_CODE, _COL_START, _COL_PUBLISHED, _COL_TYPE),
    SHEET_HISTORY: (_COL_NAME, _COL_CODE, _COL_START, _COL_PUBLISHED, _COL_TYPE),
}
_TYPES = (
    (re.compile(r"focused\s+visit", re.I), InspectionType.FOCUSED_VISIT),
    (re.compile(r"monitoring\s+visit", re.I), InspectionType.MONITORING_VISIT),
    (re.compile(r"\bILACS\b.*\binspection\b", re.I), InspectionType.ILACS),
    (re.compile(r"\bSIF\b|single\s+inspection", re.I), InspectionType.SIF),
    (re.compile(r"\bJTAI\b|joint\s+targeted", re.I), InspectionType.JTAI),
)
_LINK_RE = re.compile(r'HYPERLINK\(\s*"([^"]+)"', re.I)
_LINK_CODE_RE = re.compile(r"/provider/\d+/(\d+)")


class OutcomesFileError(OfstedWatchError):
    """Not the official outcomes spreadsheet: not ODS, a sheet or column missing, bad value."""


@dataclass(frozen=True, slots=True)
class OutcomeRecord:
    """One inspection or visit as one sheet of the official file lists it.

    `inspection_end` is always None: the sheets give only the first day. `inspection_type`
    is None for a type this reader does not know; `inspection_label` keeps the printed one.
    """

    sheet: str
    row: int  # 1-based, as a spreadsheet program shows it
    local_authority: str
    gss_code: str | None
    link_code: str | None  # from the HYPERLINK; unreliable, see the module docstring
    web_link: str | None
    region: str | None
    inspection_type: InspectionType | None
    inspection_label: str | None
    inspection_start: date | None
    inspection_end: date | None
    published_on: date | None
    judgement: Judgement | None
    grades: dict[GradeKey, Judgement] = field(default_factory=dict)
    visit_theme: str | None = None
    authority_status: str | None = None

    @property
    def key(self) -> tuple[str, str | None, date | None]:
        """Same council, type and start date: the same inspection, whichever sheet lists it."""
        council = self.gss_code or self.local_authority.lower()
        kind = None if self.inspection_type is None else str(self.inspection_type)
        return council, kind, self.inspection_start


@dataclass(frozen=True, slots=True)
class OutcomesFile:
    current: tuple[OutcomeRecord, ...]  # each council's latest ILACS judgements
    in_year: tuple[OutcomeRecord, ...]  # inspections and visits of the year to 31 March
    history: tuple[OutcomeRecord, ...]  # every ILACS inspection since 2018

    def inspections(self) -> list[OutcomeRecord]:
        """Every inspection once (history first, then in-year visits, then latest ones),
        oldest publication first: what a backfill stores."""
        seen: dict[tuple[str, str | None, date | None], OutcomeRecord] = {}
        for record in (*self.history, *self.in_year, *self.current):
            seen.setdefault(record.key, record)
        return sorted(seen.values(), key=lambda r: (r.published_on or date.min, r.local_authority))


@dataclass(frozen=True, slots=True)
class _Cell:
    text: str
    value: Any  # a date for date cells, else the text
    formula: str | None


def _cell(node: Any) -> _Cell:
    text = " ".join(teletype.extractText(node).split())
    formula = node.getAttrNS(TABLENS, "formula")
    if node.getAttrNS(OFFICENS, "value-type") == "date":
        raw = node.getAttrNS(OFFICENS, "date-value") or ""
        try:
            return _Cell(text, date.fromisoformat(raw[:10]), formula)
        except ValueError:
            pass
    return _Cell(text, text, formula)


def _rows(table: Any) -> Iterator[tuple[int, list[_Cell]]]:
    """(row number, cells) for each non-empty row; repeated blanks are skipped, not expanded."""
    number = 0
    for row in table.getElementsByType(TableRow):
        repeat = int(row.getAttrNS(TABLENS, "number-rows-repeated") or 1)
        cells: list[_Cell] = []
        for node in row.childNodes:
            if len(cells) >= _MAX_COLUMNS:
                break
            span = int(node.getAttrNS(TABLENS, "number-columns-repeated") or 1)
            cells.extend([_cell(node)] * min(span, _MAX_COLUMNS - len(cells)))
        number += 1
        if any(cell.text for cell in cells):
            yield number, cells
        number += repeat - 1


def _header_index(sheet: str, rows: list[tuple[int, list[_Cell]]]) -> tuple[int, dict[str, int]]:
    for position, (_, cells) in enumerate(rows[:_HEADER_SEARCH_ROWS]):
        names = {" ".join(c.text.lower().split()): i for i, c in enumerate(cells) if c.text}
        if _COL_NAME[0] in names:
            missing = [
                spellings[0]
                for spellings in _REQUIRED[sheet]
                if not any(name in names for name in spellings)
            ]
            if missing:
                raise OutcomesFileError(f"sheet {sheet!r} lacks column(s): {', '.join(missing)}")
            return position, names
    raise OutcomesFileError(f"sheet {sheet!r} has no header row with 'Local authority name'")


class _Row:
    """One data row, read by column header."""

    def __init__(self, sheet: str, number: int, cells: list[_Cell], names: dict[str, int]):
        self.sheet, self.number, self._cells, self._names = sheet, number, cells, names

    def cell(self, spellings: tuple[str, ...]) -> _Cell | None:
        for name in spellings:
            index = self._names.get(name)
            if index is not None:
                return self._cells[index] if index < len(self._cells) else None
        return None

    def text(self, spellings: tuple[str, ...]) -> str | None:
        found = self.cell(spellings)
        return found.text if found is not None and found.text else None

    def date(self, spellings: tuple[str, ...]) -> date | None:
        found = self.cell(spellings)
        if found is None or not found.text:
            return None
        if isinstance(found.value, date):
            return found.value
        try:  # a text cell typed by hand, as the sheets display dates: 10/07/2023
            day, month, year = (int(part) for part in found.text.split("/"))
            return date(year, month, day)
        except ValueError:
            raise self.error(spellings[0], found.text, "a date") from None

    def error(self, column: str, value: str, expected: str) -> OutcomesFileError:
        return OutcomesFileError(
            f"sheet {self.sheet!r} row {self.number}, column {column!r}: "
            f"{value!r} is not {expected}"
        )


def _grades(row: _Row) -> dict[GradeKey, Judgement]:
    grades: dict[GradeKey, Judgement] = {}
    for key, column in _GRADE_COLUMNS:
        text = row.text((column,))
        if text is None:
            continue
        grade = grade_from_phrase(text)
        if grade is None:
            raise row.error(column, text, "one of the four grades")
        grades[key] = grade
    if GradeKey.CARE_LEAVERS not in grades and GradeKey.CHILDREN_IN_CARE in grades:
        # Before 2023 one judgement covered both; the sheets print it under children in care.
        grades[GradeKey.CHILDREN_IN_CARE_AND_CARE_LEAVERS] = grades.pop(GradeKey.CHILDREN_IN_CARE)
    return grades


def _inspection_type(label: str | None) -> InspectionType | None:
    if label is None:  # the "latest judgements" sheet lists only ILACS inspections
        return InspectionType.ILACS
    return next((kind for pattern, kind in _TYPES if pattern.search(label)), None)


def _record(row: _Row) -> OutcomeRecord:
    label = row.text(_COL_TYPE)
    kind = _inspection_type(label)
    grades = _grades(row) if kind in (InspectionType.ILACS, InspectionType.SIF, None) else {}
    judgement = grades.get(GradeKey.OVERALL_EFFECTIVENESS)
    if kind in (InspectionType.FOCUSED_VISIT, InspectionType.MONITORING_VISIT, InspectionType.JTAI):
        judgement = Judgement.NO_GRADE
    link = row.cell(_COL_LINK)
    url_match = _LINK_RE.search(link.formula or "") if link is not None else None
    url = url_match.group(1) if url_match else None
    code_match = _LINK_CODE_RE.search(url or "")
    name = row.text(_COL_NAME)
    if name is None:
        raise row.error(_COL_NAME[0], "", "a council name")
    return OutcomeRecord(
        sheet=row.sheet,
        row=row.number,
        local_authority=name,
        gss_code=row.text(_COL_CODE),
        link_code=code_match.group(1) if code_match else None,
        web_link=url,
        region=row.text(_COL_REGION),
        inspection_type=kind,
        inspection_label=label,
        inspection_start=row.date(_COL_START),
        inspection_end=None,
        published_on=row.date(_COL_PUBLISHED),
        judgement=judgement,
        grades=grades,
        visit_theme=row.text(_COL_THEME),
        authority_status=row.text(_COL_STATUS),
    )


def _read_sheet(sheet: str, table: Any) -> tuple[OutcomeRecord, ...]:
    rows = list(_rows(table))
    header_at, names = _header_index(sheet, rows)
    return tuple(
        _record(_Row(sheet, number, cells, names)) for number, cells in rows[header_at + 1 :]
    )


def _load(path: Path) -> Any:
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise OutcomesFileError(f"{path.name}: {size:,} bytes is too large for this file")
        document = load(str(path))
    except OutcomesFileError:
        raise
    except (OSError, zipfile.BadZipFile) as exc:
        raise OutcomesFileError(f"{path.name}: not an ODS spreadsheet ({exc})") from exc
    except Exception as exc:  # odfpy raises KeyError/XML errors for zips that are not ODF
        raise OutcomesFileError(f"{path.name}: not an ODS spreadsheet ({exc!r})") from exc
    if document.mimetype != ODS_MIMETYPE:
        raise OutcomesFileError(f"{path.name}: not a spreadsheet (type {document.mimetype!r})")
    return document


def read_outcomes(path: Path) -> OutcomesFile:
    """The three data sheets of the official file. Raises OutcomesFileError naming what is
    missing or wrong (file type, sheet, column, or the row and column of a bad value)."""
    document = _load(Path(path))
    tables = {t.getAttribute("name"): t for t in document.spreadsheet.getElementsByType(Table)}
    missing = [name for name in (SHEET_CURRENT, SHEET_IN_YEAR, SHEET_HISTORY) if name not in tables]
    if missing:
        raise OutcomesFileError(
            f"{Path(path).name}: missing sheet(s) {', '.join(missing)} "
            f"(found: {', '.join(tables) or 'none'})"
        )
    return OutcomesFile(
        current=_read_sheet(SHEET_CURRENT, tables[SHEET_CURRENT]),
        in_year=_read_sheet(SHEET_IN_YEAR, tables[SHEET_IN_YEAR]),
        history=_read_sheet(SHEET_HISTORY, tables[SHEET_HISTORY]),
    )
