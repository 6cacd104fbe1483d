"""Inspection dates in the spellings Ofsted reports and letters use."""

from __future__ import annotations

import re
from datetime import date

import pytest

from crawler.extract.report_dates import (
    date_span_after,
    first_date_span,
    format_date,
    format_date_range,
    parse_date,
)

D = date


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("11 May to 22 May 2026", D(2026, 5, 11), D(2026, 5, 22)),
        ("11 to 22 May 2026", D(2026, 5, 11), D(2026, 5, 22)),
        ("11 May 2026 to 22 May 2026", D(2026, 5, 11), D(2026, 5, 22)),
        ("14 May 2018 to 25 May 2018", D(2018, 5, 14), D(2018, 5, 25)),
        ("28 November - 9 December 2022", D(2022, 11, 28), D(2022, 12, 9)),
        ("28 November-9 December 2022", D(2022, 11, 28), D(2022, 12, 9)),
        ("8 - 12 July 2013", D(2013, 7, 8), D(2013, 7, 12)),
        ("20 May 2014 - 11 June 2014", D(2014, 5, 20), D(2014, 6, 11)),
        ("28 December to 3 January 2023", D(2022, 12, 28), D(2023, 1, 3)),
        ("30 December 2025 to 9 January 2026", D(2025, 12, 30), D(2026, 1, 9)),
        ("7 and 8 December 2021", D(2021, 12, 7), D(2021, 12, 8)),
        ("30 November and 1 December 2021", D(2021, 11, 30), D(2021, 12, 1)),
        ("Monday 4 July to Wednesday 6 July 2022", D(2022, 7, 4), D(2022, 7, 6)),
        ("3rd to 5th Oct 2023", D(2023, 10, 3), D(2023, 10, 5)),
        ("14 March 2023", D(2023, 3, 14), D(2023, 3, 14)),
    ],
)
def test_date_range_spellings(text: str, start: date, end: date) -> None:
    span = first_date_span(f"services on {text}. Inspectors looked at")
    assert span is not None
    assert (span.start, span.end) == (start, end)


@pytest.mark.parametrize("text", ["31 February 2023", "no dates here", ""])
def test_impossible_or_missing_dates_give_nothing(text: str) -> None:
    assert first_date_span(text) is None


def test_backwards_range_keeps_only_its_valid_end() -> None:
    span = first_date_span("12 to 5 May 2023")
    assert span is not None and (span.start, span.end) == (D(2023, 5, 5), D(2023, 5, 5))


def test_anchor_picks_the_inspection_dates_not_the_previous_ones() -> None:
    text = (
        "Dates of previous inspection: 13 to 15 May 2019\n"
        "Inspection dates: 12 to 16 February 2024\n"
    )
    span = date_span_after(text, re.compile(r"Inspection dates:"))
    assert span is not None
    assert (span.start, span.end) == (D(2024, 2, 12), D(2024, 2, 16))


def test_nothing_found_beyond_the_window_after_the_anchor() -> None:
    text = "Inspection dates:" + " filler" * 40 + " 12 to 16 February 2024"
    assert date_span_after(text, re.compile(r"Inspection dates:"), window=80) is None


def test_single_date_in_link_text() -> None:
    assert parse_date("children's services inspection - 07 july 2026.pdf") == D(2026, 7, 7)
    assert parse_date("published 7 Sept 2025") == D(2025, 9, 7)
    assert parse_date("no date") is None


@pytest.mark.parametrize(
    ("start", "end", "kwargs", "printed"),
    [
        (D(2023, 3, 13), D(2023, 3, 24), {}, "13 to 24 March 2023"),
        (D(2022, 11, 28), D(2022, 12, 9), {}, "28 November to 9 December 2022"),
        (D(2025, 12, 30), D(2026, 1, 9), {}, "30 December 2025 to 9 January 2026"),
        (D(2026, 5, 11), D(2026, 5, 22), {"keep_month": True}, "11 May to 22 May 2026"),
        (D(2018, 5, 14), D(2018, 5, 25), {"keep_year": True}, "14 May 2018 to 25 May 2018"),
        (D(2023, 3, 14), D(2023, 3, 14), {}, "14 March 2023"),
    ],
)
def test_formatted_ranges_read_back(
    start: date, end: date, kwargs: dict[str, bool], printed: str
) -> None:
    assert format_date_range(start, end, **kwargs) == printed
    span = first_date_span(printed)
    assert span is not None and (span.start, span.end) == (start, end)


def test_format_date_is_locale_free() -> None:
    assert format_date(D(2026, 7, 7)) == "7 July 2026"
