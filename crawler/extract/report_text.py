"""From page texts to `ReportFacts`: the rules for each report layout, reading few pages.

Pages are asked for one at a time through `PageSource`, so a layout that has everything on
page 1 never costs the extraction of page 2, and a letter's signature costs only its last
page. The PDF side (limits, errors) lives in `report_pdf`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date
from typing import Protocol

from config.vocabulary import GradeKey, Judgement
from crawler.extract import report_grades as grades_mod
from crawler.extract import report_people as people
from crawler.extract.report_dates import DateSpan, date_span_after
from crawler.extract.report_facts import ReportFacts
from crawler.extract.report_kind import KindMatch, ReportKind, detect_kind, local_authority_name

_TRANSLATION = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u2013": "-",
        "\u2014": "-",
        "\u2011": "-",
        "\u2212": "-",
        "\u00a0": " ",
        "\u00ad": None,
    }
)
# Beyond these, a report has nothing more to tell us: keeps a hostile PDF from costing much.
MAX_TAIL_PAGES = 3
MAX_PAGE_FOR_SEARCH = 60
OLDER_SCAN_PAGES = range(1, 9)


class PageSource(Protocol):
    """Cleaned text of a document's pages, extracted on demand (0-based index)."""

    @property
    def page_count(self) -> int: ...

    def text(self, index: int) -> str: ...


def clean(text: str) -> str:
    """Straight quotes and dashes, one space between words, lines kept (layouts need them)."""
    lines = (" ".join(line.translate(_TRANSLATION).split()) for line in text.splitlines())
    return "\n".join(lines).strip()


_DATES_HEADING_RE = re.compile(r"\bInspection\s+dates?\s*:?", re.IGNORECASE)
_LETTER_DATES_RE = re.compile(r"findings\s+of\s+the\s+[^.]{0,40}?visit\s+to\b", re.IGNORECASE)
# Capitalised only: letters open a sentence with it ("Between 10 and 14 June 2019, Ofsted
# ..."), while a lower-case "from" turns up anywhere.
_BETWEEN_RE = re.compile(r"\b(?:Between|From)\b")
_ON_DATES_RE = re.compile(
    r"\b(?:visit(?:ed)?|revisit(?:ed)?|took\s+place)\b[^.]{0,120}?\bon\b", re.I
)


def _inspection_dates(kind: ReportKind, head: str) -> DateSpan | None:
    anchors: tuple[tuple[re.Pattern[str], int], ...]
    if kind.is_letter:
        anchors = ((_LETTER_DATES_RE, 200), (_BETWEEN_RE, 60), (_ON_DATES_RE, 60))
    else:
        anchors = ((_DATES_HEADING_RE, 80), (_BETWEEN_RE, 60))
    for anchor, window in anchors:
        span = date_span_after(head, anchor, window)
        if span is not None:
            return span
    return None


def _tail_pages(pages: PageSource, penultimate_first: bool = False) -> Iterator[str]:
    """The last pages, last first, where letters sign off. Area SEND reports end with a page
    of partnership details and list the team just before it, so they may start one earlier
    (the last page is still tried, after that one)."""
    if pages.page_count > MAX_PAGE_FOR_SEARCH:
        return
    last = pages.page_count - 1
    indexes = list(range(last, max(0, last - MAX_TAIL_PAGES), -1))
    if penultimate_first and len(indexes) > 1:
        indexes[0], indexes[1] = indexes[1], indexes[0]
    for index in indexes:
        yield pages.text(index)


_SIF_INFO_PAGE_RE = re.compile(r"Information\s+about\s+this\s+inspection\s+(\d{1,3})\b", re.I)


def _sif_lead(pages: PageSource) -> str | None:
    """The SIF names its lead inspector on the page its contents (page 2) list as "Information
    about this inspection", so only that page (and the next, in case of an offset) is read."""
    found = _SIF_INFO_PAGE_RE.search(pages.text(1))
    if found is None:
        return None
    number = int(found.group(1))
    for index in (number - 1, number):
        if 1 < index < min(pages.page_count, MAX_PAGE_FOR_SEARCH):
            name = people.lead_from_heading(pages.text(index))
            if name is not None:
                return name
    return None


def _lead_inspector(kind: ReportKind, pages: PageSource, head: str) -> str | None:
    if kind.is_letter:
        for text in _tail_pages(pages):
            name = people.signatory(text)
            if name is not None:
                return name
        return people.lead_from_letter_body(head)
    name = people.lead_from_heading(head)
    if name is not None:
        return name
    if kind in (ReportKind.SEND_2023, ReportKind.SEND_MONITORING):
        for text in _tail_pages(pages, penultimate_first=True):
            name = people.lead_from_send_team(text)
            if name is not None:
                return name
    if kind is ReportKind.SIF:
        return _sif_lead(pages)
    return None


_Outcome = tuple[Judgement | None, dict[GradeKey, Judgement], dict[str, str]]
_LETTER_SENTENCE_RE = re.compile(
    r"This\s+letter\s+summarises[^.]*\.|carried\s+out\s+a\s+joint\s+inspection[^.]*\.", re.I
)


def _graded_outcome(table: grades_mod.GradeTable) -> _Outcome:
    evidence = {str(key): text for key, text in table.evidence.items()}
    judgement = table.grades.get(GradeKey.OVERALL_EFFECTIVENESS)
    if judgement is not None:
        evidence["judgement"] = evidence[str(GradeKey.OVERALL_EFFECTIVENESS)]
    return judgement, dict(table.grades), evidence


def _single_outcome(outcome: grades_mod.Outcome | None) -> _Outcome:
    if outcome is None:
        return None, {}, {}
    return outcome.judgement, {}, {"judgement": outcome.evidence}


def _older_outcome(pages: PageSource) -> _Outcome:
    """Pre-2013 reports give overall effectiveness a few pages in: scan until found."""
    for index in OLDER_SCAN_PAGES:
        if index >= pages.page_count:
            break
        found = grades_mod.read_older_overall(pages.text(index))
        if found is not None:
            grade, text = found
            key = GradeKey.OVERALL_EFFECTIVENESS
            return grade, {key: grade}, {"judgement": text, str(key): text}
    return None, {}, {}


def _outcome(kind: ReportKind, pages: PageSource, head: str) -> _Outcome:
    if kind is ReportKind.ILACS:
        return _graded_outcome(grades_mod.read_ilacs_table(pages.text(0)))
    if kind is ReportKind.SIF:
        return _graded_outcome(grades_mod.read_sif_grades(pages.text(0)))
    if kind is ReportKind.OLDER:
        return _older_outcome(pages)
    if kind is ReportKind.SEND_2023:
        return _single_outcome(grades_mod.read_send_2023_outcome(head))
    if kind is ReportKind.SEND_2016:
        return _single_outcome(grades_mod.read_send_2016_outcome(head))
    if kind in (ReportKind.SEND_REVISIT, ReportKind.SEND_MONITORING):
        return _single_outcome(grades_mod.read_progress(head))
    sentence = _LETTER_SENTENCE_RE.search(head)
    evidence = {"judgement": " ".join(sentence.group(0).split())} if sentence else {}
    return Judgement.NO_GRADE, {}, evidence


_GRADE_WORDS = r"(?:Outstanding|Good|Requires\s+improvement(?:\s+to\s+be\s+good)?|Inadequate)"
# The last row of an ILACS grade table: what follows it is the report's own summary.
_TABLE_END = re.compile(rf"(?:Overall\s+effectiveness|care\s+leavers)\s+{_GRADE_WORDS}\s+(?=[A-Z])")
_FINDINGS = re.compile(
    r"(?:Headline\s+findings|Findings\s+and\s+evaluation\s+of\s+progress)\s+(?=[A-Z])"
)
_FIRST_SENTENCE = re.compile(r"(.{20,400}?[.!?])(?=\s+[A-Z(]|\s*$)", re.S)


def _summary(kind: ReportKind, head: str) -> str | None:
    """The report's opening finding ("Services for children in Liverpool have significantly
    improved ..."): what an alert should quote, rather than the report's title."""
    start: int | None = None
    if kind in (ReportKind.ILACS, ReportKind.SIF):
        ends = [m.end() for m in _TABLE_END.finditer(head, 0, 2500)]
        start = ends[-1] if ends else None
    if start is None:
        found = _FINDINGS.search(head)
        start = found.end() if found else None
    if start is None:
        return None
    sentence = _FIRST_SENTENCE.match(head, start)
    return " ".join(sentence.group(1).split()) if sentence else None


def _head(pages: PageSource) -> str:
    """Pages 1 and 2: everything but signatures and team lists is there in every layout."""
    return "\n".join(pages.text(index) for index in range(min(2, pages.page_count)))


def _detect(pages: PageSource) -> KindMatch | None:
    found = detect_kind(pages.text(0))
    if found is None and pages.page_count > 1:
        found = detect_kind(_head(pages))
    return found


def _facts(found: KindMatch, pages: PageSource, head: str) -> ReportFacts:
    kind = found.kind
    span = _inspection_dates(kind, head)
    judgement, grades, evidence = _outcome(kind, pages, head)
    summary = _summary(kind, head)
    if summary:
        evidence["summary"] = summary
    return ReportFacts(
        inspection_type=kind.inspection_type,
        local_authority=local_authority_name(kind, head),
        inspection_start=_start(span),
        inspection_end=_end(span),
        lead_inspector=_lead_inspector(kind, pages, head),
        judgement=judgement,
        grades=grades,
        evidence={"inspection_type": found.evidence, **evidence},
        page_count=pages.page_count,
    )


def _complete(facts: ReportFacts) -> bool:
    has_outcome = facts.judgement is not None or bool(facts.grades)
    return None not in (facts.inspection_start, facts.local_authority) and has_outcome


def read_facts(pages: PageSource) -> ReportFacts:
    """Every fact the report's own wording gives; None where it gives none.

    Page 1 alone usually says it all; page 2 is read only when something is missing, and
    always for 2016 SEND letters, whose silence about a written statement of action means
    there is none, so that silence must cover both pages.
    """
    found = _detect(pages)
    if found is None:
        return ReportFacts(None, None, None, None, None, None, page_count=pages.page_count)
    if found.kind is not ReportKind.SEND_2016:
        facts = _facts(found, pages, pages.text(0))
        if _complete(facts) or pages.page_count < 2:
            return facts
    return _facts(found, pages, _head(pages))


def _start(span: DateSpan | None) -> date | None:
    return None if span is None else span.start


def _end(span: DateSpan | None) -> date | None:
    return None if span is None else span.end
