"""`ofsted-watch digest`: build every digest now; print them, or record and send them."""

from __future__ import annotations

from email.message import EmailMessage

import click
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

from alerts import digests
from alerts.compose import text_part
from alerts.outbox import DeliveryReport, deliver_due
from alerts.transports import make_transport
from service.app import App, utcnow
from service.commands.common import command, pass_app
from storage import deliveries

RULE = "=" * 72


def as_text(message: EmailMessage) -> str:
    """An email as a person reads it: the headers that matter and the plain-text body."""
    head = "\n".join(f"{name}: {message[name]}" for name in ("From", "To", "Date", "Subject"))
    return f"{head}\n\n{text_part(message).rstrip()}\n"


def _send(app: App) -> DeliveryReport:
    with app.database.sessions() as session:
        waiting = deliveries.counts_by_status(session)
    total = sum(waiting.get(status, 0) for status in deliveries.WAITING)
    with Progress(
        TextColumn("[bold]sending"),
        BarColumn(),
        MofNCompleteColumn(),
        console=Console(stderr=True),
        transient=True,
    ) as progress:
        task = progress.add_task("send", total=total)
        return deliver_due(
            app.database,
            app.settings,
            make_transport(app.settings),
            utcnow(),
            on_progress=lambda done: progress.update(task, completed=done),
        )


@command("digest")
@click.option("--preview", is_flag=True, help="Print each digest as it would be sent (default).")
@click.option("--send", is_flag=True, help="Record and send each digest now.")
@click.option("--mode", type=click.Choice(digests.MODES), help="Only this mode (default: both).")
@pass_app
def digest_command(app: App, preview: bool, send: bool, mode: str | None) -> None:
    """Build every digest now, each covering what is new since that subscriber's last one.

    Without --send nothing is recorded: the next digest still covers the same news.
    """
    if preview and send:
        raise click.UsageError("choose --preview or --send, not both")
    app.init_database()
    modes = [mode] if mode else list(digests.MODES)
    now = utcnow()
    if not send:
        messages = digests.preview(app.database, app.settings, modes, now)
        if not messages:
            click.echo("No digest to send: nothing new for any digest subscriber.", err=True)
        click.echo(f"\n{RULE}\n\n".join(as_text(m) for m in messages), nl=False)
        return
    recorded = digests.record(app.database, app.settings, modes, now)
    report = _send(app)
    click.echo(
        f"{recorded} digest(s) recorded; {report.sent} email(s) sent"
        + (f", {report.retrying} to retry later" if report.retrying else "")
        + (f", {report.failed} failed" if report.failed else "")
        + (f", {report.cancelled} cancelled (unsubscribed)" if report.cancelled else "")
        + ".",
        err=True,
    )
    if report.retrying or report.failed:
        why = f" ({report.server_problem})" if report.server_problem else ""
        raise click.ClickException(
            f"some emails could not be sent now{why}; they stay in the outbox "
            "(see `ofsted-watch outbox`)"
        )
