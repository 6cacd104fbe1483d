"""`ofsted-watch outbox`: what waits to be emailed, what failed or was cancelled and why,
and a way to put failed emails back in the queue once their cause is fixed."""

from __future__ import annotations

from typing import Any

import click

from alerts.outbox import DeliveryReport, deliver_due
from alerts.transports import make_transport
from service.app import App, utcnow
from service.commands.common import command, console, format_option, pass_app
from service.output import render
from storage import deliveries
from storage.models import DeliveryRow

COLUMNS = ["id", "kind", "status", "recipient", "subject", "attempts", "next_attempt_at", "why"]
UNSENT = (*deliveries.WAITING, deliveries.FAILED, deliveries.CANCELLED)


def as_row(row: DeliveryRow) -> dict[str, Any]:
    return {
        "id": row.id,
        "kind": row.kind,
        "status": row.status,
        "recipient": row.recipient,
        "subject": row.subject,
        "attempts": row.attempts,
        "next_attempt_at": row.next_attempt_at,
        "why": row.last_error,
        "key": row.dedupe_key,
        "created_at": row.created_at,
        "sent_at": row.sent_at,
    }


def _summary(report: DeliveryReport) -> str:
    parts = [f"{report.sent} email(s) sent"]
    parts += [f"{report.retrying} to retry later"] if report.retrying else []
    parts += [f"{report.failed} failed"] if report.failed else []
    parts += [f"{report.cancelled} cancelled"] if report.cancelled else []
    return ", ".join(parts) + "."


@command("outbox")
@format_option
@click.option(
    "--retry-failed",
    is_flag=True,
    help="Put failed emails (all, or the IDs given) back in the queue with fresh attempts.",
)
@click.option("--send", is_flag=True, help="Send what is due now, then list what is left.")
@click.option("--all", "show_all", is_flag=True, help="List sent emails too.")
@click.option("--limit", type=click.IntRange(min=1), default=100, show_default=True)
@click.argument("ids", nargs=-1, type=int, metavar="[ID]...")
@pass_app
def outbox_command(
    app: App,
    fmt: str,
    retry_failed: bool,
    send: bool,
    show_all: bool,
    limit: int,
    ids: tuple[int, ...],
) -> None:
    """List the outbox: emails waiting, being sent, failed or cancelled, newest first.

    A failed email stays failed until its cause is fixed (a mail server setting, a full
    mailbox); then --retry-failed puts it back in the queue, and it goes out with the
    next delivery (the service's outbox job, any `crawl`, or `outbox --send`).
    """
    if ids and not retry_failed:
        raise click.UsageError("IDs name failed emails to retry: add --retry-failed")
    app.init_database()
    if retry_failed:
        with app.database.sessions.begin() as session:
            count = deliveries.requeue_failed(session, utcnow(), ids)
        click.echo(f"{count} failed email(s) put back in the queue.", err=True)
        if ids and count < len(set(ids)):
            click.echo(
                f"{len(set(ids)) - count} of the IDs given name no failed email "
                "(`outbox --all` lists every email with its ID).",
                err=True,
            )
    if send:
        now = utcnow()
        report = deliver_due(app.database, app.settings, make_transport(app.settings), now)
        click.echo(_summary(report), err=True)
    statuses = deliveries.STATUSES if show_all else UNSENT
    with app.database.sessions() as session:
        rows = [as_row(row) for row in deliveries.listing(session, statuses, limit)]
    empty = "Nothing waiting, being sent, failed or cancelled." + (
        "" if show_all else " (`outbox --all` lists sent emails too.)"
    )
    render(rows, fmt, COLUMNS, console(), title="outbox", empty=empty)
