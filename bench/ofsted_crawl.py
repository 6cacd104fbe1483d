"""What a crawl of Ofsted's site costs: a first crawl, then repeat crawls (run on demand).

Crawls the loopback copy of the site (153 councils, ~740 invented reports, PDFs on a
second host) three times through the real crawl child process: the first crawl of a new
install, a repeat crawl with nothing new, and a repeat crawl after one report was
published. Requests, bytes and seconds come from the source_runs rows the crawls leave.

Loopback answers in microseconds and the crawl runs with no delay, so the seconds
(spider open to close, from the run row; "wall" adds the crawl child's start-up and the
delivery step) measure our own work. The estimate for the real site multiplies requests
by the polite delay (Scrapy waits that long between requests to a host) and scales the
bytes by the size of real report PDFs (../shared/ofsted/report_pdfs when present).

    .venv/bin/python bench/ofsted_crawl.py [--delay 2.0] [--keep DIR]
"""

from __future__ import annotations

import argparse
import math
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import select

from config.gazetteer import load_gazetteer
from config.settings import CrawlSettings, Settings
from service.app import App
from service.crawl import crawl
from service.sample_site.ofsted import OfstedSite, whole_history
from service.sample_site.ofsted_reports import PublishedReport, build_report
from service.sample_site.report_pdf import SampleKind
from service.sample_site.server import LoopbackSite
from storage.models import SourceRunRow

NOW = datetime(2026, 11, 20, 9, 30, tzinfo=UTC)
REAL_PDFS = Path(__file__).resolve().parents[1].parent / "shared" / "ofsted" / "report_pdfs"
ASSUMED_PDF_BYTES = 250_000  # when ../shared is absent: real reports are 150-500 kB
ASSUMED_PAGE_BYTES = 40_000  # a real search or council page, with its navigation (a guess)


def settings_for(workdir: Path, site_url: str) -> Settings:
    return Settings.isolated(
        database_url=f"sqlite:///{workdir / 'bench.db'}",
        outbox_dir=workdir / "outbox",
        builtin_sources=False,
        sources=[{"id": "ofsted", "kind": "ofsted", "url": site_url}],
        crawl={
            "download_delay_seconds": 0,
            "autothrottle": False,
            "ofsted_max_reports_per_crawl": 10_000,
            "crawl_timeout_seconds": 900,
        },
    )


def one_new_report(site: OfstedSite) -> None:
    la = load_gazetteer().by_name("Stockton-on-Tees")
    assert la is not None
    published = NOW.date() - timedelta(days=1)
    start = published - timedelta(days=50)
    grades = dict.fromkeys(
        ("impact_of_leaders", "help_and_protection", "children_in_care", "care_leavers"), "good"
    )
    site.publish(
        build_report(
            la,
            SampleKind.ILACS_2026,
            "59000001",
            start,
            start + timedelta(days=11),
            published,
            "Kerry Walsh",
            grades,
        )
    )


def mean_real_pdf_bytes() -> tuple[float, str]:
    sizes = [p.stat().st_size for p in REAL_PDFS.glob("*.pdf")]
    if sizes:
        return statistics.mean(sizes), f"mean of {len(sizes)} real PDFs in ../shared"
    return ASSUMED_PDF_BYTES, "assumed (../shared absent)"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--delay", type=float, default=CrawlSettings().download_delay_seconds)
    parser.add_argument("--keep", type=Path, help="keep the database in this folder")
    args = parser.parse_args()
    workdir = args.keep or Path(tempfile.mkdtemp(prefix="ofsted-bench-"))
    workdir.mkdir(parents=True, exist_ok=True)
    (workdir / "bench.db").unlink(missing_ok=True)
    history = whole_history()
    labels = ("first crawl", "repeat, nothing new", "repeat, one new report")
    pdf_counts: list[int] = []
    walls: list[float] = []
    with LoopbackSite() as files, OfstedSite(files=files) as site:
        site.publish(*history)
        app = App.create(settings_for(workdir, site.base_url))
        app.init_database()
        for number, _ in enumerate(labels):
            if number == 2:
                one_new_report(site)
            before = len(site.pdf_requests())
            started = time.monotonic()
            summary = crawl(app, ["ofsted"], now=NOW)
            walls.append(time.monotonic() - started)
            assert summary.sources[0]["status"] == "ok", summary.sources
            pdf_counts.append(len(site.pdf_requests()) - before)
        with app.database.sessions() as session:
            runs = list(session.scalars(select(SourceRunRow).order_by(SourceRunRow.id)))
        app.close()
    report(args.delay, history, runs, list(zip(pdf_counts, walls, strict=True)), labels)
    print(f"Database: {workdir / 'bench.db'}")
    return 0


def report(
    delay: float,
    history: list[PublishedReport],
    runs: list[SourceRunRow],
    measured: list[tuple[int, float]],
    labels: tuple[str, ...],
) -> None:
    pdf_bytes, pdf_source = mean_real_pdf_bytes()
    sample_pdf = statistics.mean(len(r.pdf) for r in history)
    budget = CrawlSettings().ofsted_max_reports_per_crawl
    print(f"Loopback copy: 153 councils, {len(history)} reports, now = {NOW:%Y-%m-%d}.")
    print(
        f"{'crawl':24} {'requests':>8} {'PDFs':>5} {'bytes':>11} {'seconds':>8} {'wall s':>7}"
        f"   real site, {delay:g} s between requests"
    )
    for label, run, (pdfs, wall) in zip(labels, runs, measured, strict=True):
        assert run.finished_at is not None
        seconds = (run.finished_at - run.started_at).total_seconds()
        pages = run.requests - pdfs
        real_bytes = pdfs * pdf_bytes + pages * ASSUMED_PAGE_BYTES
        print(
            f"{label:24} {run.requests:>8} {pdfs:>5} {run.bytes_received:>11,} {seconds:>8.1f}"
            f" {wall:>7.1f}"
            f"   ~{run.requests * delay / 60:.1f} min, ~{real_bytes / 1e6:.1f} MB"
        )
    print(
        f"Estimate: requests x delay; PDFs at {pdf_bytes / 1e3:.0f} kB ({pdf_source}; the "
        f"samples are {sample_pdf / 1e3:.1f} kB), pages at an assumed "
        f"{ASSUMED_PAGE_BYTES / 1e3:.0f} kB."
    )
    print(
        f"With the default ofsted_max_reports_per_crawl = {budget}, the first crawl's "
        f"{len(history)} reports are spread over {math.ceil(len(history) / budget)} crawls."
    )


if __name__ == "__main__":
    sys.exit(main())
