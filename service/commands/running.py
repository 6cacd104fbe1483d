"""Setting up, running the service, crawling now, and how things stand."""

from __future__ import annotations

from typing import Any

import click
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from service.app import App
from service.commands.common import command, pass_app
from service.crawl import CrawlSummary, crawl
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
        table.add_row(
            str(s.get("source")),
            str(s.get("status")),
            str(s.get("found", "")),
            str(s.get("new", "")),
            str(s.get("requests", "")),
            str(s.get("error") or ""),
            style=style,
        )
    return table


@command("crawl")
@click.argument("source_ids", nargs=-1, metavar="[SOURCE_ID]...")
@pass_app
def crawl_command(app: App, source_ids: tuple[str, ...]) -> None:
    """Crawl the named sources (default: all enabled) now, then deliver what is due."""
    unknown = [s for s in source_ids if app.settings.source(s) is None]
    if unknown:
        raise click.BadParameter(
            f"no source called {', '.join(unknown)} (see `ofsted-watch sources`)",
            param_hint="SOURCE_ID",
        )
    ids = list(source_ids) or [s.id for s in app.settings.enabled_sources()]
    app.init_database()
    err = Console(stderr=True)
    with Progress(
        TextColumn("[bold]crawling"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.fields[last]}"),
        TimeElapsedColumn(),
        console=err,
        transient=True,
    ) as progress:
        task = progress.add_task("crawl", total=len(ids), last="")

        def on_event(event: dict[str, Any]) -> None:
            if event.get("event") == "source_finished":
                progress.update(task, advance=1, last=f"{event['source']}: {event.get('status')}")

        summary = crawl(app, ids, on_event=on_event)
    err.print(summary_table(summary))
    delivery = summary.delivery
    err.print(
        f"{summary.alerts_queued} alert(s) queued; {delivery.sent} email(s) sent"
        + (f", {delivery.retrying} to retry" if delivery.retrying else "")
        + (f", {delivery.failed} failed" if delivery.failed else "")
        + "."
    )
    if summary.all_failed:
        raise SystemExit(1)
