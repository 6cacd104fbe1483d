"""What the parser does with input that is not a good report: a clear ReportParseError,
quickly, and never more than a few pages read. PDFs here are made by the project's own
writer (service/sample_site) or derived from it byte by byte; the encrypted ones by pypdf."""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader, PdfWriter

from config.errors import OfstedWatchError
from config.vocabulary import InspectionType, Judgement
from crawler.extract.report_pdf import (
    MAX_PAGES,
    ReportParseError,
    parse_report_file,
    parse_report_pdf,
)
from service.sample_site.report_pdf import make_report_pdf, write_pdf

GOOD = dict.fromkeys(
    ("impact_of_leaders", "help_and_protection", "children_in_care", "care_leavers"), "good"
)


def _ilacs_pdf() -> bytes:
    return make_report_pdf(
        "ilacs_2023",
        local_authority="Leeds",
        inspection_start=date(2024, 1, 8),
        inspection_end=date(2024, 1, 19),
        lead_inspector="Ann Smith",
        grades={**GOOD, "overall_effectiveness": "good"},
    )


def _text_page(*lines: str) -> bytes:
    ops = [b"BT /F1 11 Tf"]
    for number, line in enumerate(lines):
        ops.append(b"1 0 0 1 72 %d Tm (%s) Tj" % (760 - 14 * number, line.encode()))
    return b"\n".join([*ops, b"ET"])


def _encrypted(user_password: str) -> bytes:
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(_ilacs_pdf())))
    writer.encrypt(user_password=user_password, owner_password="owner", algorithm="RC4-128")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def test_error_belongs_to_the_project_hierarchy() -> None:
    assert issubclass(ReportParseError, OfstedWatchError)


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "empty file"),
        (b"<!DOCTYPE html><html><body>403 Forbidden</body></html>", "not a PDF"),
        (b"PK\x03\x04 a zip file", "not a PDF"),
        (b"%PDF-1.7\n", "broken PDF"),
    ],
    ids=["empty", "html-error-page", "zip", "header-only"],
)
def test_not_a_report_is_refused_with_the_reason(data: bytes, reason: str) -> None:
    with pytest.raises(ReportParseError, match=reason):
        parse_report_pdf(data)


@pytest.mark.parametrize("fraction", [0.1, 0.5, 0.9, 0.99])
def test_truncated_download_is_refused(fraction: float) -> None:
    data = _ilacs_pdf()
    with pytest.raises(ReportParseError, match="broken PDF"):
        parse_report_pdf(data[: int(len(data) * fraction)])


def test_password_protected_pdf_is_refused() -> None:
    with pytest.raises(ReportParseError, match="encrypted"):
        parse_report_pdf(_encrypted("secret"))


def test_pdf_encrypted_only_against_editing_is_still_read() -> None:
    """An owner password alone (empty user password) does not stop anyone reading it."""
    facts = parse_report_pdf(_encrypted(""))
    assert facts.judgement is Judgement.GOOD
    assert facts.local_authority == "Leeds"


def test_pdf_without_text_is_refused_as_probably_scanned() -> None:
    with pytest.raises(ReportParseError, match="no text"):
        parse_report_pdf(write_pdf([b"", b"0 0 m 100 100 l S"], "images only"))


def test_oversized_input_is_refused_before_parsing(tmp_path: Path) -> None:
    data = _ilacs_pdf()
    with pytest.raises(ReportParseError, match="exceeds"):
        parse_report_pdf(data, max_bytes=len(data) - 1)
    path = tmp_path / "big.pdf"
    path.write_bytes(data)
    with pytest.raises(ReportParseError, match="exceeds"):
        parse_report_file(path, max_bytes=100)


def test_missing_file_is_a_parse_error(tmp_path: Path) -> None:
    with pytest.raises(ReportParseError, match=r"absent\.pdf"):
        parse_report_file(tmp_path / "absent.pdf")


def test_decompression_bomb_page_is_refused() -> None:
    """8 MB of text operators compress to a few kB; the page is refused, not extracted."""
    bomb = b"BT /F1 11 Tf (" + b"A" * 8_000_000 + b") Tj ET"
    data = write_pdf([bomb], "bomb")
    assert len(data) < 100_000
    with pytest.raises(ReportParseError, match="exceeds"):
        parse_report_pdf(data)


def test_cyclic_page_tree_is_refused() -> None:
    data = _ilacs_pdf()
    looped = data.replace(b"/Kids [5 0 R 7 0 R]", b"/Kids [2 0 R      ]")
    assert looped != data and len(looped) == len(data)
    with pytest.raises(ReportParseError, match="broken PDF"):
        parse_report_pdf(looped)


def test_implausibly_long_document_is_refused_without_walking_it() -> None:
    data = write_pdf([_text_page("Inspection dates: 1 to 5 May 2026")] * (MAX_PAGES + 1), "x")
    with pytest.raises(ReportParseError, match="pages"):
        parse_report_pdf(data)


def test_long_document_costs_only_its_first_pages() -> None:
    first = _text_page(
        "Inspection of Leeds local authority children's services",
        "Inspection dates: 1 to 5 May 2026",
        "Lead inspector: Ann Smith, His Majesty's Inspector",
        "Judgement Grade",
        "Overall effectiveness Good",
    )
    data = write_pdf([first] + [_text_page("more findings")] * 1500, "long")
    facts = parse_report_pdf(data)
    assert facts.page_count == 1501
    assert facts.pages_read == (1,)
    assert (facts.inspection_type, facts.lead_inspector) == (InspectionType.ILACS, "Ann Smith")
    assert facts.judgement is Judgement.GOOD
    assert (facts.inspection_start, facts.inspection_end) == (date(2026, 5, 1), date(2026, 5, 5))


def test_long_letter_is_not_searched_for_its_signature() -> None:
    """A letter too long to be real is not searched from the end: the lead comes from its
    first page, the only page read."""
    first = _text_page(
        "Focused visit to Leeds children's services",
        "This letter summarises the findings of the focused visit to Leeds children's",
        "services on 3 and 4 June 2025. His Majesty's Inspectors for this visit were",
        "Ann Smith and Rob Jones.",
    )
    data = write_pdf([first] + [_text_page("Yours sincerely", "", "Someone Else")] * 100, "x")
    facts = parse_report_pdf(data)
    assert facts.lead_inspector == "Ann Smith"
    assert facts.pages_read == (1,)


def test_readable_pdf_of_another_kind_gives_no_facts_rather_than_wrong_ones() -> None:
    data = write_pdf([_text_page("School inspection report", "Overall effectiveness Good")], "x")
    facts = parse_report_pdf(data)
    assert facts.inspection_type is None
    assert facts.judgement is None
    assert facts.grades == {}


def test_junk_inside_a_pdf_is_tolerated_when_the_text_survives() -> None:
    data = _ilacs_pdf()
    damaged = data[:200] + bytes(range(256)) * 20 + data[200:]
    facts = parse_report_pdf(damaged)
    assert facts.judgement is Judgement.GOOD
