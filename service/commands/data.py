"""Reading what is stored, and classifying documents by hand."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any, TextIO

import click

from config.vocabulary import InspectionType
from crawler.classify import Document, classify
from crawler.extract.article import ExtractionError, extract_article
from crawler.extract.encoding import decode_html
from service.app import App
from service.commands.common import (
    command,
    console,
    councils_for,
    format_option,
    parse_since,
    pass_app,
    since_date,
)
from service.output import render
from service.views import article_view, judgement_view, source_view
from storage import queries
from storage import sources as source_rows


@command("articles")
@click.option(
    "--la", "names", multiple=True, metavar="NAME", help="Council (any name, code or URN)."
)
@click.option("--region", "regions", multiple=True, metavar="R", help="ONS or Ofsted region.")
@click.option(
    "--since",
    metavar="DATE",
    help="Published on or after this date, YYYY-MM-DD (undated articles: fetched on or after).",
)
@click.option("--all", "show_all", is_flag=True, help="Include articles judged not relevant.")
@click.option(
    "--search",
    metavar="TEXT",
    help="Only articles whose title or text contain TEXT (any case, taken literally).",
)
@format_option
@pass_app
def articles_command(
    app: App,
    names: tuple[str, ...],
    regions: tuple[str, ...],
    since: str | None,
    show_all: bool,
    search: str | None,
    fmt: str,
) -> None:
    """Stored articles (default: relevant ones only), newest first."""
    codes = councils_for(app, names, regions)
    app.init_database()  # a first command on a fresh install finds an empty database, not an error
    with app.database.sessions() as session:
        rows = queries.articles(
            session,
            relevant_only=not show_all,
            since=parse_since(since),
            search=search,
            gss_codes=codes if codes is not None else (),
        )
        if codes == []:
            rows = []
        views = [article_view(r, app.gazetteer) for r in rows]
    for view in views:
        view["councils"] = [la["name"] for la in view["local_authorities"]]
    columns = ["published_at", "councils", "inspection_type", "judgement", "title", "url"]
    render(views, fmt, columns, console(), title="articles")


@command("judgements")
@click.option(
    "--la", "names", multiple=True, metavar="NAME", help="Council (any name, code or URN)."
)
@click.option("--region", "regions", multiple=True, metavar="R", help="ONS or Ofsted region.")
@click.option(
    "--type",
    "inspection_type",
    type=click.Choice([t.value for t in InspectionType]),
    help="Only this inspection type.",
)
@click.option("--since", metavar="DATE", help="Published on or after this date (YYYY-MM-DD).")
@format_option
@pass_app
def judgements_command(
    app: App,
    names: tuple[str, ...],
    regions: tuple[str, ...],
    inspection_type: str | None,
    since: str | None,
    fmt: str,
) -> None:
    """Stored inspections and their outcomes, newest first."""
    codes = councils_for(app, names, regions)
    app.init_database()  # a first command on a fresh install finds an empty database, not an error
    with app.database.sessions() as session:
        rows = (
            []
            if codes == []
            else queries.inspections(
                session,
                gss_codes=codes or (),
                inspection_type=inspection_type,
                since=since_date(since),
            )
        )
        views = [judgement_view(r) for r in rows]
    columns = [
        "published_on",
        "display_name",
        "inspection_type",
        "judgement",
        "previous_judgement",
        "direction",
        "first_seen_via",
    ]
    render(views, fmt, columns, console(), title="judgements")


@command("sources")
@format_option
@pass_app
def sources_command(app: App, fmt: str) -> None:
    """Every source, enabled or not, and its health."""
    app.init_database()
    with app.database.sessions() as session:
        views = [source_view(r) for r in source_rows.all_sources(session)]
    for view in views:
        # Disabled sources are listed too, so the user sees all there is; one dropped from
        # the configuration keeps its row (its articles point at it) and says so.
        configured = app.settings.source(view["id"]) is not None
        view["state"] = (
            "enabled" if view["enabled"] else "disabled" if configured else "not configured"
        )
    columns = [
        "id",
        "state",
        "kind",
        "health",
        "last_success_at",
        "consecutive_failures",
        "items_last_run",
        "last_error",
    ]
    render(views, fmt, columns, console(), title="sources")


def _read(path: str) -> str:
    if path == "-":
        return sys.stdin.read()
    try:
        return Path(path).read_text(encoding="utf-8", errors="replace")
    except OSError as exc:
        raise click.BadParameter(f"cannot read {path}: {exc.strerror}", param_hint="PATH") from exc


def _read_html(path: str) -> str:
    """A saved page decoded as a browser would (BOM, then <meta charset>, else UTF-8 or
    windows-1252), not assumed UTF-8: pages saved from older news sites are often 1252."""
    stream = sys.stdin.buffer if path == "-" and hasattr(sys.stdin, "buffer") else None
    if path == "-" and stream is None:
        return sys.stdin.read()  # already text (an embedding program's StringIO)
    try:
        data = stream.read() if stream is not None else Path(path).read_bytes()
    except OSError as exc:
        raise click.BadParameter(f"cannot read {path}: {exc.strerror}", param_hint="PATH") from exc
    return decode_html(data)


def _document(line: str) -> tuple[Any, Document]:
    """One JSON line as (id, Document); ValueError saying what is wrong with it."""
    try:
        doc = json.loads(line)
    except json.JSONDecodeError as exc:
        raise ValueError(f"not JSON: {exc}") from None
    if not isinstance(doc, dict):
        raise ValueError(f"not a JSON object but {type(doc).__name__}")
    missing = [key for key in ("id", "text") if key not in doc]
    if missing:
        raise ValueError(f"missing {', '.join(repr(k) for k in missing)}")
    if not isinstance(doc["id"], str | int) or isinstance(doc["id"], bool):
        raise ValueError("'id' must be a string or a number")
    for key in ("text", "title", "url"):
        value = doc.get(key)
        if not isinstance(value, str) and not (key != "text" and value is None):
            raise ValueError(f"{key!r} must be a string")
    return doc["id"], Document(text=doc["text"], title=doc.get("title"), url=doc.get("url"))


def _classify_lines(stream: TextIO, out: TextIO) -> int:
    """One result line per good input line, in order; each bad line is reported on stderr
    with its number and skipped. Returns how many lines were bad."""
    failures = 0
    for number, line in enumerate(stream, start=1):
        if not line.strip():
            continue
        try:
            doc_id, document = _document(line)
        except ValueError as exc:
            failures += 1
            click.echo(f"ofsted-watch: line {number}: skipped: {exc}", err=True)
            continue
        result = classify(document).to_dict(id=doc_id)
        out.write(json.dumps(result, ensure_ascii=False) + "\n")
        out.flush()
    return failures


@command("classify")
@click.argument("path", default="-", required=False)
@click.option(
    "--html", is_flag=True, help="The document is an HTML page: extract the article first."
)
@click.option(
    "--jsonl",
    is_flag=True,
    help="Read JSON lines (id, text, title, url); write one result per line.",
)
@click.option("--url", help="The document's address (a clue to the council).")
@click.option("--title", help="The document's headline.")
def classify_command(
    path: str, html: bool, jsonl: bool, url: str | None, title: str | None
) -> None:
    """Classify one document (or JSON lines) and print the result as JSON."""
    if path != "-" and not Path(path).is_file():
        raise click.BadParameter(f"no such file: {path}", param_hint="PATH")
    if jsonl:
        stream = sys.stdin if path == "-" else open(path, encoding="utf-8")  # noqa: SIM115
        with stream:
            failures = _classify_lines(stream, sys.stdout)
        if failures:
            raise SystemExit(1)
        return
    text = _read_html(path) if html else _read(path)
    if html:
        try:
            page = extract_article(text, url or "")
        except ExtractionError as exc:
            raise click.ClickException(str(exc)) from exc
        title, text = title or page.title, page.text
    result = classify(Document(text=text, title=title, url=url))
    click.echo(json.dumps(result.to_dict(), ensure_ascii=False, indent=2))
