"""Ofsted's reports site: the councils' pages, their report links, and the report PDFs.

The source's url is the site root (DESIGN.md §3). From it the spider derives the search
for local-authority children's services providers and each council's page,
`<root>/provider/44/<URN>`; report links are followed as found (on the real site they
point at another host, files.ofsted.gov.uk).

Between crawls the spider keeps two dates in its source's validator columns, as a feed
keeps ETag and Last-Modified (saved only after a crawl that finished without failures):

- `last_modified`: the day of the last complete crawl. The next crawl asks the search
  only for councils whose latest report was published since a few days before it (the
  site's own "what changed" filter), so a repeat crawl costs a handful of requests.
- `etag`: the day of the last full sweep, reading every council page (search results
  and the gazetteer's URNs). One is made when there is no complete crawl to start from
  and every `ofsted_full_sweep_days`, in case the site's filter ever misses a report.

Which reports are stored or broken is storage's business: each PDF request carries
`skip_if_stored`, so the downloader middleware skips them and no PDF that was read is
fetched again. One that failed, to download or to parse, is counted in the run and
tried again by later crawls until storage gives up on it (and says so).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from scrapy import Request
from scrapy.exceptions import CloseSpider
from scrapy.http import Response
from scrapy.settings import BaseSettings
from scrapy.spidermiddlewares.httperror import HttpError
from twisted.python.failure import Failure

from config.gazetteer import load_gazetteer
from config.vocabulary import InspectionType
from crawler import stats as keys
from crawler.extract.report_links import parse_link_text
from crawler.extract.report_pdf import ReportParseError, parse_report_pdf
from crawler.items import FeedStateItem, ReportItem
from crawler.settings import SETTINGS_KEY, ofsted_settings
from crawler.spiders.base import SourceSpider, was_skipped

SEARCH_FILTER = "q=&location=&lat=&lon=&radius=&level_1_types=3&level_2_types%5B%5D=12"
ROWS = 100
RECHECK_DAYS = 3  # the site's index may lag publication by a day or two
MAX_SEARCH_PAGES = 20  # 153 councils fit on 2 pages; more means the site is misbehaving
GONE = (404, 410)
# Council pages failing one after another before any was read: the site is refusing us (a
# 403 wall) or the source's address is wrong. Stop rather than knock 153 times.
COUNCIL_FAILURES_TO_STOP = 5
PROVIDER_RE = re.compile(r"/provider/\d+/(\d+)")
FILE_ID_RE = re.compile(r"/file/([A-Za-z0-9_-]{1,32})(?:[/?#]|$)")
# Search first, then council pages, then PDFs newest first: a crawl whose report budget
# runs out has fetched the newest reports of every council.
PRIORITY_SEARCH, PRIORITY_COUNCIL = 300_000, 200_000
EPOCH = date(2000, 1, 1)


@dataclass(frozen=True, slots=True)
class ReportLink:
    """One report as a council page lists it, before its PDF is read."""

    urn: str
    file_id: str
    url: str
    text: str
    inspection_type: InspectionType
    published_on: date | None


def search_url(root: str, start: int = 0, since: date | None = None) -> str:
    changed = f"&latest_report_date_start={since:%d-%m-%Y}" if since else ""
    return f"{root}/search?{SEARCH_FILTER}{changed}&start={start}&rows={ROWS}"


def council_url(root: str, urn: str) -> str:
    return f"{root}/provider/44/{urn}"


def file_id_of(url: str) -> str:
    """Ofsted's file id (`/v1/file/<id>`), or a stable stand-in for an address of another shape."""
    match = FILE_ID_RE.search(url)
    return match.group(1) if match else "url-" + hashlib.sha1(url.encode()).hexdigest()[:24]


def _day(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        return None  # a feed's validator from before the source changed kind


def _priority(published: date | None) -> int:
    return max(0, (published - EPOCH).days) if published else 0


class OfstedSpider(SourceSpider):
    name = "ofsted"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.root = self.url.rstrip("/")
        self.gazetteer = load_gazetteer()
        self.complete_on = _day(self.last_modified)
        self.swept_on = _day(self.etag)
        self.full_sweep = True
        self.council_pages_read = 0
        self.council_failures_in_row = 0
        self.given_up = False

    @classmethod
    def update_settings(cls, settings: BaseSettings) -> None:
        """Politeness for this host, derived from our settings (so tests can run at speed)."""
        super().update_settings(settings)
        ours = settings.get(SETTINGS_KEY)
        if ours is not None:
            settings.setdict(ofsted_settings(ours), priority="spider")

    def since(self) -> date | None:
        """The date for the "what changed" search, or None for a full sweep."""
        today = self.now.date()
        every = self.settings[SETTINGS_KEY].crawl.ofsted_full_sweep_days
        if self.complete_on is None or self.swept_on is None:
            return None
        if (today - self.swept_on).days >= every:
            return None
        return self.complete_on - timedelta(days=RECHECK_DAYS)

    async def start(self) -> AsyncIterator[Any]:
        since = self.since()
        self.full_sweep = since is None
        today = self.now.date().isoformat()
        swept = today if self.full_sweep else self.etag
        yield FeedStateItem(source_id=self.source_id, etag=swept, last_modified=today)
        yield Request(
            search_url(self.root, 0, since),
            callback=self.parse_search,
            errback=self.search_failed,
            cb_kwargs={"page": 1},
            priority=PRIORITY_SEARCH,
            dont_filter=True,
        )

    def parse_search(self, response: Response, page: int) -> Iterator[Request]:
        self.count("source/search_pages")
        hrefs = response.css("ul.results-list > li > h3 > a::attr(href)").getall()
        hrefs += response.css("a[href*='/provider/']::attr(href)").getall()
        for href in dict.fromkeys(hrefs):
            match = PROVIDER_RE.search(href)
            if match:
                yield from self.council(match.group(1))
        following = response.css(
            "a.pagination__next::attr(href), ul.pagination li.next a::attr(href)"
        ).get()
        if following and page < MAX_SEARCH_PAGES:
            yield response.follow(
                following,
                callback=self.parse_search,
                errback=self.search_failed,
                cb_kwargs={"page": page + 1},
                priority=PRIORITY_SEARCH,
            )
        elif self.full_sweep:
            yield from self.every_council()

    def search_failed(self, failure: Failure) -> Iterator[Request]:
        """Without the search nothing says which councils changed: an error run. A full
        sweep still reads every council the gazetteer knows."""
        self.fail_source(f"search page not fetched: {self.describe(failure)}")
        if self.full_sweep:
            yield from self.every_council()

    def every_council(self) -> Iterator[Request]:
        for la in self.gazetteer:
            yield from self.council(la.ofsted_urn)

    def council(self, urn: str) -> Iterator[Request]:
        if self.gazetteer.by_urn(urn) is None:  # a school, a closed council: not ours
            self.count("source/skipped_other_providers")
            return
        yield Request(
            council_url(self.root, urn),
            callback=self.parse_council,
            errback=self.council_failed,
            cb_kwargs={"urn": urn},
            priority=PRIORITY_COUNCIL,
        )

    def council_failed(self, failure: Failure) -> None:
        """A missing page is noted (the gazetteer's URN may be stale) but does not hold back
        the source's progress; any other failure does, so the next crawl reads it again."""
        if self.given_up:
            return  # a request already on its way when the crawl was stopped
        self.council_failures_in_row += 1
        if (
            self.council_pages_read == 0
            and self.council_failures_in_row >= COUNCIL_FAILURES_TO_STOP
            and not was_skipped(failure)
        ):
            why = (
                f"stopped after {self.council_failures_in_row} council pages in a row failed "
                f"and none was read (last: {self.describe(failure)})"
            )
            self.fail_source(why)
            self.given_up = True
            raise CloseSpider("council pages failing")
        if isinstance(failure.value, HttpError) and failure.value.response.status in GONE:
            assert self.crawler.stats is not None
            why = f"council page missing: {failure.value.response.url}"
            self.crawler.stats.set_value(keys.LAST_ITEM_ERROR, why)
            self.count("source/council_pages_missing")
            self.logger.warning("%s", why)
            return
        self.fail_item(failure)

    def parse_council(self, response: Response, urn: str) -> Iterator[Request]:
        self.count("source/council_pages")
        self.council_pages_read += 1
        self.council_failures_in_row = 0
        for anchor in response.css("a.publication-link"):
            link = self.report_link(anchor, response, urn)
            if link is None:
                self.count("source/skipped_other_links")
                continue
            self.count(keys.ITEMS_FOUND)
            yield Request(
                link.url,
                callback=self.parse_report,
                errback=self.report_failed,
                cb_kwargs={"link": link},
                meta={"skip_if_stored": ("report", urn, link.file_id), "report_file": True},
                priority=_priority(link.published_on),
            )

    def report_link(self, anchor: Any, response: Response, urn: str) -> ReportLink | None:
        """The link's report, if it is one we want (children's services or area SEND)."""
        href = anchor.attrib.get("href")
        hidden = " ".join(anchor.css("span.nonvisual ::text").getall()).strip()
        text = " ".join((hidden or " ".join(anchor.css("::text").getall())).split())
        kind, published = parse_link_text(text)
        if not href or kind is None:
            return None
        url = response.urljoin(href)
        return ReportLink(urn, file_id_of(url), url, text, kind, published)

    def parse_report(self, response: Response, link: ReportLink) -> Iterator[ReportItem]:
        try:
            facts = parse_report_pdf(response.body)
        except ReportParseError as exc:
            # A file that does not read is often a cut-off download or an error page where
            # the PDF should be: later crawls try again, up to storage's limit of attempts.
            yield self.failed(link, str(exc), retry_later=True)
            return
        kind = facts.inspection_type or link.inspection_type  # old SIF/LAC links say "inspection"
        yield ReportItem(
            source_id=self.source_id,
            ofsted_urn=link.urn,
            file_id=link.file_id,
            report_url=link.url,
            link_text=link.text,
            inspection_type=str(kind),
            published_on=link.published_on,
            fetched_at=self.now,
            inspection_start=facts.inspection_start,
            inspection_end=facts.inspection_end,
            lead_inspector=facts.lead_inspector,
            judgement=None if facts.judgement is None else str(facts.judgement),
            grades=facts.grades_as_strings(),
            evidence={**facts.evidence, "link_text": link.text},
        )

    def report_failed(self, failure: Failure) -> Iterator[ReportItem]:
        if was_skipped(failure):  # stored already, or left for the next crawl
            return
        link: ReportLink = failure.request.cb_kwargs["link"]  # type: ignore[attr-defined]
        gone = isinstance(failure.value, HttpError) and failure.value.response.status in GONE
        yield self.failed(link, self.describe(failure), retry_later=not gone)

    def failed(self, link: ReportLink, why: str, retry_later: bool) -> ReportItem:
        """Count the failure in this run and hand it to storage to remember."""
        self.count(keys.ITEM_ERRORS)
        assert self.crawler.stats is not None
        self.crawler.stats.set_value(keys.LAST_ITEM_ERROR, f"{link.url}: {why}")
        self.logger.warning("report %s not read: %s", link.url, why)
        return ReportItem(
            source_id=self.source_id,
            ofsted_urn=link.urn,
            file_id=link.file_id,
            report_url=link.url,
            link_text=link.text,
            inspection_type=str(link.inspection_type),
            published_on=link.published_on,
            fetched_at=self.now,
            parse_error=why,
            retry_later=retry_later,
        )
