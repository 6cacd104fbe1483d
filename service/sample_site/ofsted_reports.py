"""Reports for the loopback copy of Ofsted's site: what each one states, and its PDF.

`council_history` invents, deterministically from a council's URN, about ten years of
reports of every kind the real site lists (ILACS in its three table layouts, focused and
monitoring visits, JTAIs, area SEND under both frameworks, revisits and monitoring
inspections), dated so that no two reports of one type fall within weeks of each other.
The PDFs come from `make_report_pdf`, which the parser reads back exactly, so a crawl of
the copy can be checked report by report against these records.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta

from config.gazetteer import LocalAuthority
from config.vocabulary import GradeKey, Judgement
from service.sample_site.report_pdf import TABLE_ROWS, SampleKind, make_report_pdf

FIRST_FILE_ID = 50_100_000
LINK_LABELS = {
    "ilacs": "Children's services inspection",
    "focused_visit": "Children's services focused visit",
    "monitoring_visit": "Children's services monitoring visit",
    "jtai": "Joint area child protection inspection",
    "send_area": "Area SEND full inspection",
    "send_revisit": "Area SEND revisit",
    "send_monitoring": "Area SEND monitoring inspection",
    "sif": "Single inspection of LA children's services",
    "older": "Children's services inspection",
}
_KIND_TYPES = {
    SampleKind.ILACS_2018: "ilacs",
    SampleKind.ILACS_2023: "ilacs",
    SampleKind.ILACS_2026: "ilacs",
    SampleKind.SEND_2023: "send_area",
    SampleKind.SEND_2016: "send_area",
}
_LETTERS = (SampleKind.FOCUSED_VISIT, SampleKind.MONITORING_VISIT, SampleKind.JTAI)
INSPECTORS = (
    "Alison Barker",
    "Daniel Okafor",
    "Fiona Grant",
    "Hannah Lewis",
    "Ian McAllister",
    "Kerry Walsh",
    "Nadia Rahman",
    "Owen Pritchard",
    "Rachel Dunne",
    "Tom Ashworth",
)
_GRADES = (Judgement.OUTSTANDING, Judgement.GOOD, Judgement.REQUIRES_IMPROVEMENT)
_WEIGHTS = (0.15, 0.5, 0.35)
_PROGRESS = (
    Judgement.SUFFICIENT_PROGRESS,
    Judgement.PARTIAL_PROGRESS,
    Judgement.INSUFFICIENT_PROGRESS,
)


@dataclass(frozen=True, slots=True)
class PublishedReport:
    """One report on a council's page: the facts it states (§2 strings) and its file."""

    urn: str
    council: str
    file_id: str
    inspection_type: str
    published_on: date
    pdf: bytes = field(repr=False)
    judgement: str | None = None
    grades: dict[str, str] = field(default_factory=dict)
    inspection_start: date | None = None
    inspection_end: date | None = None
    lead_inspector: str | None = None
    label: str | None = None  # the link's words; default: the usual ones for the type

    @property
    def link_text(self) -> str:
        words = self.label or LINK_LABELS[self.inspection_type]
        return f"{words}, pdf - {self.published_on:%d %B %Y}"

    @property
    def path(self) -> str:
        return f"/v1/file/{self.file_id}"


def build_report(
    la: LocalAuthority,
    kind: SampleKind,
    file_id: str,
    start: date,
    end: date,
    published: date,
    lead: str,
    grades: dict[str, str] | None = None,
    judgement: str | None = None,
) -> PublishedReport:
    """A sample report of `kind` and the record of what its PDF states."""
    grades = grades or {}
    pdf = make_report_pdf(
        kind,
        local_authority=la.display_name,
        inspection_start=start,
        inspection_end=end,
        lead_inspector=lead,
        grades=grades,
        judgement=judgement,
        published_on=published,
    )
    if kind in _LETTERS:
        judgement = str(Judgement.NO_GRADE)
    elif kind in TABLE_ROWS:
        judgement = grades.get(str(GradeKey.OVERALL_EFFECTIVENESS))
    return PublishedReport(
        urn=la.ofsted_urn,
        council=la.official_name,
        file_id=file_id,
        inspection_type=_KIND_TYPES.get(kind, str(kind)),
        published_on=published,
        pdf=pdf,
        judgement=judgement,
        grades=dict(grades),
        inspection_start=start,
        inspection_end=end,
        lead_inspector=lead,
    )


def ilacs_grades(kind: SampleKind, overall: Judgement, rng: random.Random) -> dict[str, str]:
    """A plausible table: each sub-judgement at the overall grade or one step either side."""
    order = (*_GRADES, Judgement.INADEQUATE)
    grades = {}
    for key in TABLE_ROWS[kind]:
        step = 0 if key is GradeKey.OVERALL_EFFECTIVENESS else rng.choice((-1, 0, 0, 1))
        grades[str(key)] = str(order[min(3, max(0, order.index(overall) + step))])
    return grades


def _between(rng: random.Random, first: date, last: date) -> date:
    day = first + timedelta(days=rng.randint(0, max(0, (last - first).days)))
    return day - timedelta(days=day.weekday())  # inspections start on a Monday


class _History:
    """Collects one council's reports in time order, dropping any not yet published."""

    def __init__(self, la: LocalAuthority, until: date, ids: Callable[[], str]) -> None:
        self.la, self.until, self.ids = la, until, ids
        self.rng = random.Random(int(la.ofsted_urn))
        self.reports: list[PublishedReport] = []

    def add(
        self,
        kind: SampleKind,
        start: date,
        days: int,
        grades: dict[str, str] | None = None,
        judgement: str | None = None,
    ) -> bool:
        end = start + timedelta(days=days)
        published = end + timedelta(days=self.rng.randint(28, 56))
        if published > self.until:
            return False
        lead = self.rng.choice(INSPECTORS)
        self.reports.append(
            build_report(self.la, kind, self.ids(), start, end, published, lead, grades, judgement)
        )
        return True

    def ilacs(self, kind: SampleKind, first: date, last: date) -> Judgement | None:
        overall = self.rng.choices((*_GRADES, Judgement.INADEQUATE), (*_WEIGHTS, 0.1))[0]
        grades = ilacs_grades(kind, overall, self.rng)
        days = self.rng.choice((4, 11))  # short or standard
        return overall if self.add(kind, _between(self.rng, first, last), days, grades) else None


def council_history(
    la: LocalAuthority, until: date, ids: Callable[[], str]
) -> list[PublishedReport]:
    """About ten years of one council's reports, oldest first, none published after `until`."""
    h, rng = _History(la, until, ids), random.Random(int(la.ofsted_urn) + 1)
    if rng.random() < 0.6:
        outcome = rng.choice((Judgement.WSOA_REQUIRED, Judgement.NO_WSOA))
        start = _between(rng, date(2016, 9, 1), date(2019, 3, 1))
        h.add(SampleKind.SEND_2016, start, 4, judgement=str(outcome))
        if outcome is Judgement.WSOA_REQUIRED:
            revisit = start + timedelta(days=rng.randint(600, 800))
            h.add(SampleKind.SEND_REVISIT, revisit, 3, judgement=str(rng.choice(_PROGRESS)))
    first = h.ilacs(SampleKind.ILACS_2018, date(2018, 3, 1), date(2020, 2, 1))
    if first is Judgement.INADEQUATE:
        h.add(SampleKind.MONITORING_VISIT, _between(rng, date(2020, 9, 1), date(2021, 3, 1)), 1)
    h.add(SampleKind.FOCUSED_VISIT, _between(rng, date(2021, 6, 1), date(2022, 10, 1)), 1)
    if rng.random() < 0.25:
        h.add(SampleKind.JTAI, _between(rng, date(2019, 6, 1), date(2025, 6, 1)), 4)
    if rng.random() < 0.5:
        outcome = rng.choices(
            (
                Judgement.SEND_POSITIVE,
                Judgement.SEND_INCONSISTENT,
                Judgement.SEND_SYSTEMIC_FAILINGS,
            ),
            (0.3, 0.5, 0.2),
        )[0]
        start = _between(rng, date(2023, 2, 1), date(2025, 3, 1))
        h.add(SampleKind.SEND_2023, start, 4, judgement=str(outcome))
        if outcome is Judgement.SEND_SYSTEMIC_FAILINGS:
            later = start + timedelta(days=rng.randint(380, 500))
            h.add(SampleKind.SEND_MONITORING, later, 2, judgement=str(rng.choice(_PROGRESS)))
    if rng.random() < 0.9:
        h.ilacs(SampleKind.ILACS_2023, date(2023, 1, 9), date(2026, 2, 1))
    else:
        h.ilacs(SampleKind.ILACS_2026, date(2026, 4, 6), until - timedelta(days=70))
    return sorted(h.reports, key=lambda r: r.published_on)


def file_ids(first: int = FIRST_FILE_ID) -> Callable[[], str]:
    """A source of distinct file ids, as Ofsted's file store numbers them."""
    counter: Iterator[int] = iter(range(first, first + 10**7))
    return lambda: str(next(counter))
