"""Dates as Ofsted prints them: "11 May to 22 May 2026", "13 to 24 March 2023", "28 November –
9 December 2022", "on 7 and 8 December 2021", "Between 14 May 2018 and 18 May 2018".

Reports leave out whatever the end date repeats (month, year), so a range is read right to
left: the end date is always complete and lends its month and year to the start. Text is
expected to be normalised already (straight dashes, single spaces), see `report_text.clean`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

MONTHS = {
    "january": 1,
    "february": 2,
    "march": 3,
    "april": 4,
    "may": 5,
    "june": 6,
    "july": 7,
    "august": 8,
    "september": 9,
    "october": 10,
    "november": 11,
    "december": 12,
}
_MONTH_ALIASES = {name[:3]: number for name, number in MONTHS.items()} | {"sept": 9}

_MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
    r"|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?"
)
_WEEKDAY = r"(?:(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday),?\s+)?"
_DAY = r"(\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"((?:19|20)\d\d)"
_SEP = r"\s*(?:-|to|and|until|till)\s*"

RANGE_RE = re.compile(
    rf"\b{_WEEKDAY}{_DAY}(?:\s+({_MONTH}))?(?:,?\s+{_YEAR})?{_SEP}"
    rf"{_WEEKDAY}{_DAY}\s+({_MONTH}),?\s+{_YEAR}\b",
    re.IGNORECASE,
)
SINGLE_RE = re.compile(rf"\b{_WEEKDAY}{_DAY}\s+({_MONTH}),?\s+{_YEAR}\b", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class DateSpan:
    """A date range found in text, with where it was found (for evidence and ordering)."""

    start: date
    end: date
    at: int
    text: str


_MONTH_NAMES = tuple(name.capitalize() for name in MONTHS)


def format_date(value: date) -> str:
    """ "7 July 2026", as reports print a date (whatever the process locale)."""
    return f"{value.day} {_MONTH_NAMES[value.month - 1]} {value.year}"


def format_date_range(
    start: date, end: date, joiner: str = "to", *, keep_month: bool = False, keep_year: bool = False
) -> str:
    """A range as reports print it: "13 to 24 March 2023", "28 November to 9 December 2022";
    the start repeats the end's month or year only when asked (or when they differ)."""
    if start == end:
        return format_date(end)
    if keep_year or start.year != end.year:
        first = format_date(start)
    elif keep_month or start.month != end.month:
        first = f"{start.day} {_MONTH_NAMES[start.month - 1]}"
    else:
        first = str(start.day)
    return f"{first} {joiner} {format_date(end)}"


def month_number(name: str) -> int | None:
    key = name.strip().rstrip(".").lower()
    return MONTHS.get(key) or _MONTH_ALIASES.get(key[:4]) or _MONTH_ALIASES.get(key[:3])


def _make_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _range_from_match(match: re.Match[str]) -> DateSpan | None:
    d1, m1, y1, d2, m2, y2 = match.groups()
    end_month = month_number(m2)
    if end_month is None:
        return None
    end = _make_date(int(y2), end_month, int(d2))
    start_month = month_number(m1) if m1 else end_month
    if end is None or start_month is None:
        return None
    start_year = int(y1) if y1 else end.year
    start = _make_date(start_year, start_month, int(d1))
    if start is not None and m1 and not y1 and start_month > end_month:
        # "28 December to 3 January 2023": the start belongs to the year before.
        start = _make_date(start_year - 1, start_month, int(d1))
    if start is None or start > end:
        return None
    return DateSpan(start, end, match.start(), match.group(0))


def _single_from_match(match: re.Match[str]) -> DateSpan | None:
    day, month_name, year = match.groups()
    month = month_number(month_name)
    found = _make_date(int(year), month, int(day)) if month else None
    if found is None:
        return None
    return DateSpan(found, found, match.start(), match.group(0))


def first_date_span(text: str) -> DateSpan | None:
    """The earliest date or date range in `text`; a range wins over a date starting with it."""
    best: DateSpan | None = None
    for match in RANGE_RE.finditer(text):
        best = _range_from_match(match)
        if best is not None:
            break
    for match in SINGLE_RE.finditer(text):
        if best is not None and match.start() >= best.at:
            break
        single = _single_from_match(match)
        if single is not None:
            # A lone date before the range: only keep it if the range is not its continuation.
            return single
    return best


def parse_date(text: str) -> date | None:
    """One date such as "07 July 2026" or "7 Jul 2026" anywhere in `text`."""
    for match in SINGLE_RE.finditer(text):
        found = _single_from_match(match)
        if found is not None:
            return found.start
    return None


def date_span_after(text: str, anchor: re.Pattern[str], window: int = 160) -> DateSpan | None:
    """The first date range within `window` characters after the first match of `anchor`."""
    for match in anchor.finditer(text):
        span = first_date_span(text[match.end() : match.end() + window])
        if span is not None:
            return DateSpan(span.start, span.end, match.end() + span.at, span.text)
    return None
