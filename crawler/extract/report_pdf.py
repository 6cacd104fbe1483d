"""Read an Ofsted local-authority report PDF (pypdf) into `ReportFacts`.

A report URL may serve anything: an HTML error page, a truncated download, an encrypted or
deliberately hostile file. Every such case ends in `ReportParseError` with a reason a person
can act on, and the cost is bounded: the input size is capped, only the pages a layout needs
are extracted (usually one or two), a page whose content stream is implausibly large is
refused before text extraction, and extracted text is truncated.
"""

from __future__ import annotations

import io
import logging
from dataclasses import replace
from pathlib import Path

from pypdf import PdfReader
from pypdf.generic import DictionaryObject

from config.errors import OfstedWatchError
from crawler.extract.report_facts import ReportFacts
from crawler.extract.report_text import clean, read_facts

__all__ = ["ReportFacts", "ReportParseError", "parse_report_file", "parse_report_pdf"]

log = logging.getLogger(__name__)

MAX_PDF_BYTES = 30_000_000  # real reports are 0.1-2 MB
MAX_CONTENT_BYTES = 3_000_000  # decoded content of one page; real pages are under 100 kB
MAX_PAGE_CHARS = 40_000  # a dense page of text is about 5,000 characters
MAX_PAGES = 2_000  # the longest reports (SIF) run to about 60 pages
_HEADER_WINDOW = 1024  # the PDF header may follow a little junk (ISO 32000-1, 7.5.2)


class ReportParseError(OfstedWatchError):
    """The bytes are not a report PDF we can read: not a PDF, broken, encrypted, no text."""


class _PdfPages:
    """Pages of one PDF, each extracted at most once and only when asked for."""

    def __init__(self, reader: PdfReader, page_count: int) -> None:
        self._reader = reader
        self._count = page_count
        self._texts: dict[int, str] = {}
        self.first_failure: str | None = None

    @property
    def page_count(self) -> int:
        return self._count

    @property
    def pages_read(self) -> tuple[int, ...]:
        return tuple(sorted(index + 1 for index in self._texts))

    def text(self, index: int) -> str:
        if not 0 <= index < self._count:
            return ""
        if index not in self._texts:
            self._texts[index] = self._extract(index)
        return self._texts[index]

    def _extract(self, index: int) -> str:
        """Text of one page; a page pypdf cannot read reads as empty, and the reason is kept."""
        try:
            page = self._reader.pages[index]
            contents = page.get_contents()
            size = 0 if contents is None else len(contents.get_data())
            if size > MAX_CONTENT_BYTES:
                raise ReportParseError(f"content of {size:,} bytes exceeds {MAX_CONTENT_BYTES:,}")
            return clean(page.extract_text()[:MAX_PAGE_CHARS])
        except Exception as exc:  # pypdf raises many types on hostile input; all mean "unreadable"
            reason = f"page {index + 1} unreadable: {type(exc).__name__}: {exc}"
            log.debug("%s", reason)
            self.first_failure = self.first_failure or reason
            return ""


def _check_bytes(data: bytes, max_bytes: int) -> None:
    if not data:
        raise ReportParseError("empty file (0 bytes)")
    if len(data) > max_bytes:
        raise ReportParseError(f"file of {len(data):,} bytes exceeds the {max_bytes:,} limit")
    if b"%PDF-" not in data[:_HEADER_WINDOW]:
        raise ReportParseError(f"not a PDF: starts with {data[:40]!r}")


def _declared_pages(reader: PdfReader) -> int:
    """The page count the document claims (/Count of its page tree), without walking it."""
    tree = reader.root_object.get("/Pages")
    node = tree.get_object() if tree is not None else None
    count = node.get("/Count", 0) if isinstance(node, DictionaryObject) else 0
    return int(count) if isinstance(count, int) else 0


def _open(data: bytes) -> tuple[PdfReader, int]:
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted and not reader.decrypt(""):
            raise ReportParseError("encrypted PDF: it needs a password")
        declared = _declared_pages(reader)
        if declared > MAX_PAGES:
            # pypdf resolves every page object to count them: refuse before paying for that.
            raise ReportParseError(f"{declared:,} pages; no report is longer than {MAX_PAGES:,}")
        count = len(reader.pages)
    except ReportParseError:
        raise
    except Exception as exc:  # broken xref, truncated file, missing crypto support, ...
        raise ReportParseError(f"broken PDF: {type(exc).__name__}: {exc}") from exc
    if count == 0:
        raise ReportParseError("PDF has no pages")
    return reader, count


def parse_report_pdf(data: bytes, *, max_bytes: int = MAX_PDF_BYTES) -> ReportFacts:
    """Facts of one report. Raises ReportParseError for anything that is not a readable report.

    A readable PDF whose wording matches no known layout is not an error: its facts are all
    None, and the caller falls back on what the link text said.
    """
    _check_bytes(data, max_bytes)
    reader, count = _open(data)
    pages = _PdfPages(reader, count)
    if not any(pages.text(index) for index in range(min(2, count))):
        reason = pages.first_failure or "no text on pages 1-2 (a scanned image?)"
        raise ReportParseError(reason)
    facts = read_facts(pages)
    return replace(facts, pages_read=pages.pages_read)


def parse_report_file(path: Path, *, max_bytes: int = MAX_PDF_BYTES) -> ReportFacts:
    """`parse_report_pdf` for a file, refusing an oversized one before reading it."""
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise ReportParseError(f"{path.name}: {size:,} bytes exceeds the {max_bytes:,} limit")
        data = path.read_bytes()
    except OSError as exc:
        raise ReportParseError(f"{path}: {exc.strerror or exc}") from exc
    return parse_report_pdf(data, max_bytes=max_bytes)
