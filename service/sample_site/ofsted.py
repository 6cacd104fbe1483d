"""A loopback copy of Ofsted's reports site, shaped as public scrapers describe the real one.

- `/search?...&level_1_types=3&level_2_types%5B%5D=12&start=0&rows=100`: local-authority
  children's services providers, 100 to a page, results as `ul.results-list > li > h3 > a`,
  the next page as `a.pagination__next` inside `ul.pagination li.next`. It honours
  `latest_report_date_start`/`_end` (DD-MM-YYYY), the "what changed" filter, and lists two
  closed councils that are no longer among the 153, as the real search does.
- `/provider/44/<URN>`: one page per council, each report an `a.publication-link` whose
  `span.nonvisual` says "type, pdf - DD Month YYYY", newest first, among links to things
  that are not reports we want.
- `/v1/file/<id>`: the PDFs, served by this site or, as on the real site, by another host
  (`files`, a second LoopbackSite) that the council pages link to.

Pages are rendered on request from the reports published so far, so a test can publish a
report between two crawls. Faults (`fail`) and the request log (`hits`) work as on any
LoopbackSite.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime
from html import escape
from urllib.parse import parse_qs, urlsplit

from config.gazetteer import Gazetteer, load_gazetteer
from service.sample_site.ofsted_reports import PublishedReport, council_history, file_ids
from service.sample_site.server import LoopbackSite, Page

HISTORY_UNTIL = date(2026, 9, 30)
CLOSED_COUNCILS = {"135513": "Cumbria County Council", "121939": "Northamptonshire County Council"}
_HTML = "text/html; charset=utf-8"


@dataclass
class OfstedSite(LoopbackSite):
    """The site; `files` (optional, started separately) serves the PDFs from another port."""

    gazetteer: Gazetteer = field(default_factory=load_gazetteer)
    reports: dict[str, list[PublishedReport]] = field(default_factory=lambda: defaultdict(list))
    files: LoopbackSite | None = None

    def __enter__(self) -> OfstedSite:
        self.start()
        return self

    def publish(self, *published: PublishedReport) -> None:
        """Put reports on their councils' pages (and their PDFs on the file host)."""
        for report in published:
            self.reports[report.urn].append(report)
            host = self.files or self
            host.add(report.path, report.pdf, content_type="application/pdf", validators=False)

    def all_reports(self) -> list[PublishedReport]:
        return [r for listed in self.reports.values() for r in listed]

    def file_url(self, report: PublishedReport) -> str:
        return (self.files or self).url(report.path)

    def pdf_requests(self) -> list[str]:
        """Paths of every PDF request either host answered, in order."""
        hosts = [self] if self.files is None else [self, self.files]
        return [h.path for host in hosts for h in host.hits if h.path.startswith("/v1/file/")]

    def _lookup(self, raw_path: str) -> tuple[int, Page | None]:
        with self._lock:
            scripted = bool(self.faults.get(raw_path))  # a scripted 404 is an answer too
        status, page = super()._lookup(raw_path)
        if scripted or status != 404:
            return status, page
        body = self._render(raw_path)
        return (200, Page(body.encode("utf-8"), _HTML)) if body is not None else (404, None)

    def _render(self, raw_path: str) -> str | None:
        parts = urlsplit(raw_path)
        if parts.path == "/search":
            return self._search(parse_qs(parts.query, keep_blank_values=True))
        segments = parts.path.strip("/").split("/")
        if len(segments) == 3 and segments[:2] == ["provider", "44"]:
            return self._council(segments[2])
        return None

    def _latest(self, urn: str) -> date | None:
        return max((r.published_on for r in self.reports.get(urn, ())), default=None)

    def _search(self, query: dict[str, list[str]]) -> str:
        def one(name: str) -> str:
            return (query.get(name) or [""])[0]

        wanted = one("level_1_types") == "3" and "12" in query.get("level_2_types[]", [])
        start, rows = int(one("start") or 0), int(one("rows") or 10)
        first, last = _dmy(one("latest_report_date_start")), _dmy(one("latest_report_date_end"))
        providers = [(la.official_name, la.ofsted_urn) for la in self.gazetteer]
        providers += [(name, urn) for urn, name in CLOSED_COUNCILS.items()]
        hits = []
        for name, urn in sorted(providers) if wanted else []:
            latest = self._latest(urn)
            if (first or last) and latest is None:
                continue
            if (first and latest and latest < first) or (last and latest and latest > last):
                continue
            hits.append((name, urn, latest))
        page = hits[start : start + rows]
        items = "\n".join(
            f'<li class="search-result"><h3><a href="/provider/44/{urn}">{escape(name)}</a></h3>'
            f"<p>Local authority children's services</p>"
            + (f"<p>Latest report: {latest:%d %B %Y}</p>" if latest else "")
            + "</li>"
            for name, urn, latest in page
        )
        following = ""
        if start + rows < len(hits):
            href = escape(f"/search?{_replace(query, start=start + rows)}")
            following = (
                f'<ul class="pagination"><li class="next">'
                f'<a class="pagination__next" href="{href}">Next page</a></li></ul>'
            )
        return _frame(
            "Search results",
            f"<p class='search-results__count'>{len(hits)} results</p>"
            f'<ul class="results-list">\n{items}\n</ul>{following}',
        )

    def _council(self, urn: str) -> str | None:
        la = self.gazetteer.by_urn(urn)
        name = la.official_name if la else CLOSED_COUNCILS.get(urn)
        if name is None:
            return None
        listed = sorted(self.reports.get(urn, ()), key=lambda r: r.published_on, reverse=True)
        links = [
            f'<li><a class="publication-link" href="{escape(self.file_url(r))}">'
            f"{escape(r.link_text.split(',')[0])}"
            f'<span class="nonvisual">{escape(r.link_text)}</span></a>'
            f"<time>{r.published_on:%d %B %Y}</time></li>"
            for r in listed
        ]
        # Not reports we want: a statistics return and a provider type of its own.
        links.append(
            f'<li><a class="publication-link" href="/v1/file/stats-{urn}">Local authority '
            f'statistics<span class="nonvisual">Children looked after statistical return, '
            f"xlsx - 01 March 2024</span></a></li>"
        )
        return _frame(
            escape(name),
            f"<h1>{escape(name)}</h1><p>URN: {urn}</p>"
            f"<p>Provider type: Local authority children's services</p>"
            f'<div class="publications"><h2>Reports</h2><ul>{"".join(links)}</ul></div>'
            '<p><a href="/provider/44/">All local authorities</a> '
            '<a href="/search?q=&level_1_types=1">Find a school</a></p>',
        )


def _dmy(value: str) -> date | None:
    try:
        return datetime.strptime(value, "%d-%m-%Y").date() if value else None
    except ValueError:
        return None


def _replace(query: dict[str, list[str]], **values: int) -> str:
    """The query string again, with some values changed (order kept, as a site would)."""
    pairs = []
    for name, listed in query.items():
        for value in [str(values[name])] if name in values else listed:
            pairs.append(f"{name.replace('[', '%5B').replace(']', '%5D')}={value}")
    return "&".join(pairs)


def _frame(title: str, body: str) -> str:
    return (
        f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
        f"<title>{title} - Ofsted</title></head><body>"
        '<header><a href="/">Ofsted reports</a> <a href="/search">Search</a></header>'
        f"<main>{body}</main></body></html>"
    )


def whole_history(
    gazetteer: Gazetteer | None = None, until: date = HISTORY_UNTIL
) -> list[PublishedReport]:
    """Every council's invented history: about 800 reports for the 153 councils."""
    gazetteer = gazetteer or load_gazetteer()
    ids = file_ids()
    return [r for la in gazetteer for r in council_history(la, until, ids)]
