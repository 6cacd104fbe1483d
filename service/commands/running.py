"""Setting up, running the service, crawling now, and how things stand."""

from __future__ import annotations

import signal
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType
from typing import Any

import click
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table
from rich.text import Text

from service.app import App
from service.commands.common import command, pass_app
from service.crawl import Children, CrawlSummary, crawl
from service.scheduler import Service


@command("init")
@pass_app
def init_command(app: App) -> None:
    """Create or migrate the database and load the councils and sources."""
    app.init_database()
    click.echo(
        f"Database ready ({app.database.engine.url.render_as_string(hide_password=True)}): "
        f"{len(app.gazetteer)} councils, {len(app.settings.enabled_sources())} enabled sources."
    )


@command("run")
@pass_app
def run_command(app: App) -> None:
    """Run the background service until SIGINT or SIGTERM."""
    app.init_database()
    Service(app).run_forever()


def summary_table(summary: CrawlSummary) -> Table:
    table = Table(title=f"crawl finished in {summary.seconds:.1f} s")
    for column in ("source", "status", "found", "new", "requests", "error"):
        table.add_column(column, overflow="fold")
    for s in summary.sources:
        style = "red" if s.get("status") == "error" else None
        cells = [s.get("source"), s.get("status"), s.get("found", ""), s.get("new", "")]
        cells += [s.get("requests", ""), s.get("error") or ""]
        table.add_row(*(Text(str(c)) for c in cells), style=style)  # error text is literal
    return table


@contextmanager
def stop_on_signals(children: Children) -> Iterator[list[str]]:
    """While crawling, SIGINT/SIGTERM ask the crawl to stop cleanly; a second one kills it.
    Yields the names of the signals received."""
    received: list[str] = []

    def handle(signum: int, _frame: FrameType | None) -> None:
        received.append(signal.Signals(signum).name)
        if children.stopping.is_set():
            children.kill_all()
        children.stopping.set()

    previous = {sig: signal.signal(sig, handle) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        yield received
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)


def _stopped_line(summary: CrawlSummary, why: str) -> str:
    stored = sum(int(s.get("new") or 0) for s in summary.sources)
    names = ", ".join(str(s["source"]) for s in summary.sources if s.get("status") == "stopped")
    return (
        f"ofsted-watch: crawl stopped by {why}"
        + (f" ({names})" if names else "")
        + f"; {stored} new item(s) fetched before the stop are kept."
    )


@command("crawl")
@click.argument("source_ids", nargs=-1, metavar="[SOURCE_ID]...")
@pass_app
def crawl_command(app: App, source_ids: tuple[str, ...]) -> None:
    """Crawl the named sources (default: all enabled) now, then deliver what is due.

    Ctrl-C stops the crawl cleanly (what was fetched is kept; exit status 130)."""
    unknown = [s for s in source_ids if app.settings.source(s) is None]
    if unknown:
        raise click.BadParameter(
            f"no source called {', '.join(unknown)} (see `ofsted-watch sources`)",
            param_hint="SOURCE_ID",
        )
    ids = list(source_ids) or [s.id for s in app.settings.enabled_sources()]
    app.init_database()
    err = Console(stderr=True)
    children = Children()
    with (
        stop_on_signals(children) as received,
        Progress(
            TextColumn("[bold]crawling"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("{task.fields[last]}", markup=False),
            TimeElapsedColumn(),
            console=err,
            transient=True,
        ) as progress,
    ):
        task = progress.add_task("crawl", total=len(ids), last="")

        def on_event(event: dict[str, Any]) -> None:
            if event.get("event") == "source_finished":
                progress.update(task, advance=1, last=f"{event['source']}: {event.get('status')}")

        summary = crawl(app, ids, on_event=on_event, children=children)
    if summary.stopped:
        click.echo(_stopped_line(summary, received[0] if received else "a signal"), err=True)
        raise SystemExit(130)
    err.print(summary_table(summary))
    delivery = summary.delivery
    err.print(
        f"{summary.alerts_queued} alert(s) queued; {delivery.sent} email(s) sent"
        + (f", {delivery.retrying} to retry" if delivery.retrying else "")
        + (f", {delivery.failed} failed" if delivery.failed else "")
        + ".",
        markup=False,
    )
    if summary.all_busy:
        for s in summary.sources:
            click.echo(f"ofsted-watch: {s['source']} is busy: {s['error']}", err=True)
        raise SystemExit(1)
    if summary.all_failed:
        raise SystemExit(1)
