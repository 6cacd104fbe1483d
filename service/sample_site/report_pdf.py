"""Small, valid PDFs shaped like real Ofsted reports, for the demo and the loopback site.

Written by hand (PDF 1.4 objects, the standard Helvetica fonts, one or two A4 pages of text
lines) so that no PDF library is needed and every byte is ours. The wording and layout copy
what the real reports print where the parser looks (titles, "Inspection dates:", the
"Judgement | Grade" table, outcome sentences, signatures), so the parser reads each PDF back
to exactly the facts it was made from.
"""

from __future__ import annotations

import textwrap
import zlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

from config.vocabulary import GradeKey, InspectionType, Judgement
from crawler.extract.report_dates import format_date, format_date_range


class SampleKind(StrEnum):
    ILACS_2018 = "ilacs_2018"  # four rows, combined children in care and care leavers
    ILACS_2023 = "ilacs_2023"  # five rows with overall effectiveness
    ILACS_2026 = "ilacs_2026"  # four rows, no overall effectiveness
    FOCUSED_VISIT = "focused_visit"
    MONITORING_VISIT = "monitoring_visit"
    JTAI = "jtai"
    SEND_2023 = "send_2023"
    SEND_2016 = "send_2016"
    SEND_REVISIT = "send_revisit"
    SEND_MONITORING = "send_monitoring"


_G = GradeKey
_ROWS_2026 = (_G.IMPACT_OF_LEADERS, _G.HELP_AND_PROTECTION, _G.CHILDREN_IN_CARE, _G.CARE_LEAVERS)
TABLE_ROWS: dict[SampleKind, tuple[GradeKey, ...]] = {
    SampleKind.ILACS_2018: (
        *(_G.IMPACT_OF_LEADERS, _G.HELP_AND_PROTECTION),
        *(_G.CHILDREN_IN_CARE_AND_CARE_LEAVERS, _G.OVERALL_EFFECTIVENESS),
    ),
    SampleKind.ILACS_2023: (*_ROWS_2026, _G.OVERALL_EFFECTIVENESS),
    SampleKind.ILACS_2026: _ROWS_2026,
}
_LEADS_TO = "The experiences and progress of "
_ROW_LABELS = {
    _G.IMPACT_OF_LEADERS: "The impact of leaders on social work practice with children and "
    "families",
    _G.HELP_AND_PROTECTION: _LEADS_TO + "children who need help and protection",
    _G.CHILDREN_IN_CARE_AND_CARE_LEAVERS: _LEADS_TO + "children in care and care leavers",
    _G.CHILDREN_IN_CARE: _LEADS_TO + "children in care",
    _G.CARE_LEAVERS: _LEADS_TO + "care leavers",
    _G.OVERALL_EFFECTIVENESS: "Overall effectiveness",
}
_GRADE_WORDS = {
    Judgement.OUTSTANDING: "Outstanding",
    Judgement.GOOD: "Good",
    Judgement.REQUIRES_IMPROVEMENT: "Requires improvement to be good",
    Judgement.INADEQUATE: "Inadequate",
}
_CYP = "children and young people with special educational needs and/or disabilities (SEND)"
_PROGRESS = {
    Judgement.SUFFICIENT_PROGRESS: "has made sufficient progress in addressing all of",
    Judgement.PARTIAL_PROGRESS: "has made sufficient progress in addressing two of",
    Judgement.INSUFFICIENT_PROGRESS: "has not made sufficient progress in addressing any of",
}
# The sentences real reports use to state each outcome (the parser keys on their wording).
_OUTCOMES = {
    SampleKind.SEND_2023: {
        Judgement.SEND_POSITIVE: "The local area partnership's SEND arrangements typically "
        "lead to positive experiences and outcomes for children and young people with SEND.",
        Judgement.SEND_INCONSISTENT: "The local area partnership's arrangements lead to "
        f"inconsistent experiences and outcomes for {_CYP}.",
        Judgement.SEND_SYSTEMIC_FAILINGS: "There are widespread and/or systemic failings "
        f"leading to significant concerns about the experiences and outcomes of {_CYP}.",
    },
    SampleKind.SEND_2016: {
        Judgement.WSOA_REQUIRED: "Her Majesty's Chief Inspector (HMCI) has determined that a "
        "Written Statement of Action (WSOA) is required because of significant areas of "
        "weakness in the local area's practice.",
        Judgement.NO_WSOA: "This letter outlines our findings from the inspection, including "
        "some areas of strength and areas for further improvement.",
    },
    SampleKind.SEND_REVISIT: {
        judgement: f"Inspectors found that the area {phrase} the four significant weaknesses "
        "identified at the initial inspection."
        for judgement, phrase in _PROGRESS.items()
    },
    SampleKind.SEND_MONITORING: {
        judgement: f"The local area partnership {phrase} the areas for priority action "
        "identified at the last full inspection."
        for judgement, phrase in _PROGRESS.items()
    },
}
_FILLER = (
    "Leaders know their services well and have an accurate understanding of the strengths "
    "and areas for development. Practitioners describe manageable workloads and supportive "
    "managers, and children are seen regularly by workers who know them well."
)


@dataclass(frozen=True, slots=True)
class _Line:
    x: float
    y: float
    text: str
    bold: bool = False


@dataclass(slots=True)
class _Page:
    """Text lines placed top-down on one A4 page (595 x 842 points)."""

    y: float = 780.0
    lines: list[_Line] = field(default_factory=list)

    def line(self, text: str, x: float = 72.0, bold: bool = False) -> None:
        self.lines.append(_Line(x, self.y, text, bold))
        self.y -= 14.0

    def gap(self) -> None:
        self.y -= 10.0

    def para(self, text: str, width: int = 88) -> None:
        for piece in textwrap.wrap(text, width):
            self.line(piece)
        self.gap()

    def row(self, left: str, right: str, width: int = 46, right_width: int = 34) -> None:
        """A table row as Word writes it: the whole left cell, then the right cell."""
        top, left_lines = self.y, textwrap.wrap(left, width)
        right_lines = textwrap.wrap(right, right_width)
        for index, piece in enumerate(left_lines):
            self.lines.append(_Line(72.0, top - 14.0 * index, piece))
        for index, piece in enumerate(right_lines):
            self.lines.append(_Line(350.0, top - 14.0 * index, piece))
        self.y = top - 14.0 * max(len(left_lines), len(right_lines)) - 4.0


def _pdf_string(text: str) -> bytes:
    """A PDF literal string in WinAnsiEncoding (cp1252): curly quotes survive as in reports."""
    out = bytearray(b"(")
    for byte in text.encode("cp1252", errors="replace"):
        if byte in b"()\\":
            out += b"\\" + bytes([byte])
        elif 32 <= byte < 127:
            out.append(byte)
        else:
            out += b"\\%03o" % byte
    return bytes(out + b")")


def _content(page: _Page) -> bytes:
    ops = [b"BT"]
    for line in page.lines:
        font = b"/F2" if line.bold else b"/F1"
        ops.append(
            b"%s 11 Tf 1 0 0 1 %.2f %.2f Tm %s Tj" % (font, line.x, line.y, _pdf_string(line.text))
        )
    ops.append(b"ET")
    return b"\n".join(ops)


_FONT = b"<< /Type /Font /Subtype /Type1 /BaseFont /%s /Encoding /WinAnsiEncoding >>"
_PAGE = b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources %s /Contents %d 0 R >>"
_STREAM = b"<< /Length %d /Filter /FlateDecode >>\nstream\n%s\nendstream"


def write_pdf(contents: Sequence[bytes], title: str) -> bytes:
    """A PDF whose pages draw these content streams with /F1 Helvetica and /F2 Helvetica-Bold.

    Objects 1-4 are the catalog, page tree and two fonts; each page adds a page and its
    compressed content stream; the cross-reference table records every object's offset.
    """
    page_ids = [5 + 2 * i for i in range(len(contents))]
    info_id = 5 + 2 * len(contents)
    kids = b" ".join(b"%d 0 R" % i for i in page_ids)
    objects: dict[int, bytes] = {
        1: b"<< /Type /Catalog /Pages 2 0 R >>",
        2: b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, len(contents)),
        3: _FONT % b"Helvetica",
        4: _FONT % b"Helvetica-Bold",
        info_id: b"<< /Title %s /Producer (ofsted-watch sample site) >>" % _pdf_string(title),
    }
    for page_id, content in zip(page_ids, contents, strict=True):
        stream = zlib.compress(content)
        objects[page_id] = _PAGE % (b"<< /Font << /F1 3 0 R /F2 4 0 R >> >>", page_id + 1)
        objects[page_id + 1] = _STREAM % (len(stream), stream)
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = {}
    for number in sorted(objects):
        offsets[number] = len(out)
        out += b"%d 0 obj\n%s\nendobj\n" % (number, objects[number])
    xref_at = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (info_id + 1)
    out += b"".join(b"%010d 00000 n \n" % offsets[n] for n in range(1, info_id + 1))
    out += b"trailer\n<< /Size %d /Root 1 0 R /Info %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        info_id + 1,
        info_id,
        xref_at,
    )
    return bytes(out)


@dataclass(frozen=True, slots=True)
class SampleReport:
    """The facts one sample PDF states; `make_report_pdf` renders it."""

    kind: SampleKind
    local_authority: str
    inspection_start: date
    inspection_end: date
    lead_inspector: str
    grades: Mapping[GradeKey, Judgement] = field(default_factory=dict)
    judgement: Judgement | None = None
    published_on: date | None = None


def _ilacs(report: SampleReport) -> list[_Page]:
    one, two = _Page(), _Page()
    la = report.local_authority
    if report.kind is SampleKind.ILACS_2018:
        one.line("1")
        one.line(la, bold=True)
        one.line("Inspection of local authority children’s services", bold=True)
        dates = format_date_range(
            report.inspection_start, report.inspection_end, keep_month=True, keep_year=True
        )
        one.line(f"Inspection dates: {dates}")
        one.line(f"Lead inspector: {report.lead_inspector} HMI")
    else:
        one.line(f"Inspection of {la} local authority children’s services", bold=True)
        # 2026 reports repeat the month: "11 May to 22 May 2026"
        keep = report.kind is SampleKind.ILACS_2026
        dates = format_date_range(report.inspection_start, report.inspection_end, keep_month=keep)
        one.line(f"Inspection dates: {dates}")
        one.line(f"Lead inspector: {report.lead_inspector}, His Majesty’s Inspector")
    one.gap()
    one.row("Judgement", "Grade")
    narrow = 22 if report.kind is SampleKind.ILACS_2018 else 34
    for key in TABLE_ROWS[report.kind]:
        one.row(_ROW_LABELS[key], _GRADE_WORDS[report.grades[key]], right_width=narrow)
    one.gap()
    if report.kind is SampleKind.ILACS_2026:
        one.para(
            f"Services for children and families in {la} have improved since the last "
            "inspection, when overall effectiveness was judged to require improvement to be good."
        )
    one.para(_FILLER)
    two.line(f"Inspection of {la} local authority children’s services")
    two.line(f"{format_date_range(report.inspection_start, report.inspection_end)} 2")
    two.line("What needs to improve?", bold=True)
    two.para(_FILLER)
    return [one, two]


def _letter_opening(report: SampleReport, heading: str) -> _Page:
    page = _Page()
    page.line(format_date(report.published_on or report.inspection_end))
    page.gap()
    page.line("Director of Children’s Services")
    page.line(report.local_authority)
    page.gap()
    page.line("Dear Director")
    page.gap()
    page.line(heading, bold=True)
    page.gap()
    return page


def _last_page(report: SampleReport, note: str) -> _Page:
    """Page 2 of a letter: more findings, then the lead inspector signs."""
    page = _Page()
    page.line("2")
    page.para(_FILLER)
    page.para(note)
    page.line("Yours sincerely")
    page.gap()
    page.line(report.lead_inspector)
    page.line("His Majesty’s Inspector")
    return page


def _visit_letter(report: SampleReport) -> list[_Page]:
    la, start, end = report.local_authority, report.inspection_start, report.inspection_end
    joiner = "and" if (end - start).days == 1 else "to"
    word = "focused" if report.kind is SampleKind.FOCUSED_VISIT else "monitoring"
    one = _letter_opening(report, f"{word.capitalize()} visit to {la} children’s services")
    one.para(
        f"This letter summarises the findings of the {word} visit to {la} children’s services "
        f"on {format_date_range(start, end, joiner)}. His Majesty’s Inspectors for this visit were "
        f"{report.lead_inspector} and Robin Ellis."
    )
    if report.kind is SampleKind.MONITORING_VISIT:
        one.para(
            "This visit was the second monitoring visit since the local authority was judged "
            "inadequate for overall effectiveness."
        )
    one.line("Headline findings", bold=True)
    one.para(_FILLER)
    return [
        one,
        _last_page(report, f"Ofsted will take the findings from this {word} visit into account."),
    ]


def _jtai_letter(report: SampleReport) -> list[_Page]:
    la, subject = report.local_authority, "children and families who need help"
    one = _letter_opening(
        report, f"Joint targeted area inspection of the multi-agency response to {subject} in {la}"
    )
    dates = format_date_range(report.inspection_start, report.inspection_end, "and")
    one.para(
        f"Between {dates}, Ofsted, "
        "the Care Quality Commission (CQC), His Majesty’s Inspectorate of Constabulary and Fire "
        "& Rescue Services (HMICFRS) and His Majesty’s Inspectorate of Probation (HMI Probation) "
        f"carried out a joint inspection of the multi-agency response to {subject} in {la}."
    )
    one.para(_FILLER)
    return [
        one,
        _last_page(report, "The inspectorates will share these findings with the partners."),
    ]


def _send_2016_letter(report: SampleReport) -> list[_Page]:
    la, revisit = report.local_authority, report.kind is SampleKind.SEND_REVISIT
    heading = f"Joint local area SEND {'revisit' if revisit else 'inspection'} in {la}"
    one = _letter_opening(report, heading)
    dates = format_date_range(
        report.inspection_start, report.inspection_end, "and", keep_month=True, keep_year=True
    )
    if revisit:
        one.para(
            f"Between {dates}, Ofsted and the Care Quality Commission (CQC) revisited the local "
            f"area of {la} to decide whether sufficient progress has been made in addressing "
            "each of the areas of significant weakness in the written statement of action."
        )
    else:
        one.para(
            f"Between {dates}, Ofsted and the Care Quality Commission (CQC) conducted a joint "
            f"inspection of the local area of {la} to judge the effectiveness of the area in "
            "implementing the special educational needs and disability reforms."
        )
    assert report.judgement is not None
    one.para(_OUTCOMES[report.kind][report.judgement])
    return [one, _last_page(report, "Ofsted and CQC will publish this letter on their websites.")]


def _send_2023_report(report: SampleReport) -> list[_Page]:
    la, monitoring = report.local_authority, report.kind is SampleKind.SEND_MONITORING
    one, two = _Page(), _Page()
    one.line("Local area partnership report")
    one.gap()
    title = "Area SEND monitoring inspection" if monitoring else "Area SEND inspection"
    one.line(f"{title} of {la} Local Area Partnership", bold=True)
    one.gap()
    one.line(
        f"Inspection dates: {format_date_range(report.inspection_start, report.inspection_end)}"
    )
    one.gap()
    one.line("Monitoring inspection outcome" if monitoring else "Inspection outcome", bold=True)
    assert report.judgement is not None
    one.para(_OUTCOMES[report.kind][report.judgement])
    one.line("Information about the local area partnership", bold=True)
    one.para(_FILLER)
    two.line(f"Area SEND inspection report: {la} Local Area Partnership 2")
    two.para(_FILLER)
    two.line("Inspection team", bold=True)
    two.row(f"{report.lead_inspector}, Ofsted HMI lead inspector", "Sam Patel, CQC lead inspector")
    return [one, two]


_TEMPLATES = {
    **dict.fromkeys((SampleKind.ILACS_2018, SampleKind.ILACS_2023, SampleKind.ILACS_2026), _ilacs),
    **dict.fromkeys((SampleKind.FOCUSED_VISIT, SampleKind.MONITORING_VISIT), _visit_letter),
    **dict.fromkeys((SampleKind.SEND_2016, SampleKind.SEND_REVISIT), _send_2016_letter),
    **dict.fromkeys((SampleKind.SEND_2023, SampleKind.SEND_MONITORING), _send_2023_report),
    SampleKind.JTAI: _jtai_letter,
}


def _check(report: SampleReport) -> None:
    """Refuse a report the real site could not have published, naming what is wrong."""
    if report.inspection_start > report.inspection_end:
        raise ValueError("inspection_start is after inspection_end")
    rows = TABLE_ROWS.get(report.kind, ())
    missing = [str(key) for key in rows if key not in report.grades]
    extra = [str(key) for key in report.grades if key not in rows]
    if missing or extra:
        raise ValueError(f"{report.kind} grades: missing {missing}, not in its table {extra}")
    bad = [str(key) for key, value in report.grades.items() if value not in _GRADE_WORDS]
    if bad:
        raise ValueError(f"grades {bad} are not one of the four grades")
    outcomes = _OUTCOMES.get(report.kind)
    if outcomes is not None and report.judgement not in outcomes:
        raise ValueError(f"{report.kind} judgement must be one of {sorted(outcomes)}")


def render_report(report: SampleReport) -> bytes:
    """The PDF bytes of one sample report."""
    _check(report)
    pages = _TEMPLATES[report.kind](report)
    return write_pdf(
        [_content(page) for page in pages], f"{report.local_authority} - {report.kind}"
    )


def make_report_pdf(
    kind: SampleKind | str,
    *,
    local_authority: str,
    inspection_start: date,
    inspection_end: date,
    lead_inspector: str,
    grades: Mapping[str, str] | None = None,
    judgement: str | None = None,
    published_on: date | None = None,
) -> bytes:
    """A report PDF of `kind` stating exactly these facts (§2 strings for grades/judgement).

    ILACS kinds take `grades` for their table's rows (2018: the combined children in care and
    care leavers row; 2026: no overall effectiveness); area SEND kinds, revisits and SEND
    monitoring take `judgement`; letters take neither. Raises ValueError naming what is wrong.
    """
    return render_report(
        SampleReport(
            kind=SampleKind(kind),
            local_authority=local_authority,
            inspection_start=inspection_start,
            inspection_end=inspection_end,
            lead_inspector=lead_inspector,
            grades={GradeKey(key): Judgement(value) for key, value in (grades or {}).items()},
            judgement=None if judgement is None else Judgement(judgement),
            published_on=published_on,
        )
    )


def sample_kind_for(
    inspection_type: str, judgement: str | None, inspection_start: date
) -> SampleKind:
    """The layout the real site would serve for an inspection of this type and date."""
    kind = InspectionType(inspection_type)
    if kind is InspectionType.ILACS:
        if inspection_start < date(2023, 1, 1):
            return SampleKind.ILACS_2018
        return (
            SampleKind.ILACS_2023 if inspection_start < date(2026, 4, 1) else SampleKind.ILACS_2026
        )
    if kind is InspectionType.SEND_AREA:
        old = judgement in (Judgement.WSOA_REQUIRED, Judgement.NO_WSOA)
        return SampleKind.SEND_2016 if old else SampleKind.SEND_2023
    try:  # letters and SEND revisits/monitoring share their type's name
        return SampleKind(kind.value)
    except ValueError:
        raise ValueError(f"no sample layout for inspection type {inspection_type!r}") from None
