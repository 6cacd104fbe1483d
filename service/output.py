"""Listing output in the three formats every listing command offers: table, json, csv."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence
from datetime import date, datetime
from typing import Any

from rich.console import Console
from rich.table import Table
from rich.text import Text

FORMATS = ("table", "json", "csv")


def _plain(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    return value


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return ", ".join(_cell(v) for v in value)
    if isinstance(value, dict):
        return ", ".join(f"{k}: {_cell(v)}" for k, v in value.items())
    return str(_plain(value))


def render(
    rows: Sequence[dict[str, Any]],
    fmt: str,
    columns: Sequence[str],
    console: Console,
    title: str | None = None,
    empty: str | None = None,
) -> None:
    """json: one array of full objects; csv: every key; table: the chosen columns, each
    value printed literally."""
    if fmt == "json":
        console.file.write(json.dumps(list(rows), default=_plain, indent=2, ensure_ascii=False))
        console.file.write("\n")
        return
    if fmt == "csv":
        keys = list(rows[0].keys()) if rows else list(columns)
        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, fieldnames=keys, extrasaction="ignore")
        writer.writeheader()
        for row in rows:
            writer.writerow({k: _cell(row.get(k)) for k in keys})
        console.file.write(buffer.getvalue())
        return
    if not rows:
        console.print(Text(empty or f"No {title or 'rows'} found.", style="dim"))
        return
    table = Table(title=title, show_lines=False)
    for column in columns:
        table.add_column(column.replace("_", " "), overflow="fold")
    for row in rows:
        # Text, not str: a scraped title or an error message is shown as written, never
        # read as Rich markup ("[bold]", "[/]" would style it or raise MarkupError).
        table.add_row(*(Text(_cell(row.get(c))) for c in columns))
    console.print(table)
