"""Link texts on a council's page on Ofsted's site, as the spider will meet them."""

from __future__ import annotations

import doctest
from datetime import date

import pytest

from config.vocabulary import InspectionType as T
from crawler.extract import report_links
from crawler.extract.report_links import parse_link_text


@pytest.mark.parametrize(
    ("text", "kind", "published"),
    [
        ("Children's services inspection, pdf - 07 July 2026", T.ILACS, date(2026, 7, 7)),
        ("Children’s services inspection, pdf - 25 May 2023", T.ILACS, date(2023, 5, 25)),
        ("children's services inspection,  pdf - 16 august 2013", T.ILACS, date(2013, 8, 16)),
        ("children's services inspection - 02 july 2018.pdf", T.ILACS, date(2018, 7, 2)),
        (
            "Children's services focused visit, pdf - 27 January 2026",
            T.FOCUSED_VISIT,
            date(2026, 1, 27),
        ),
        ("Joint area child protection inspection, pdf - 14 March 2024", T.JTAI, date(2024, 3, 14)),
        ("Joint targeted area inspection, pdf - 01 May 2019", T.JTAI, date(2019, 5, 1)),
        ("JTAI letter, pdf - 01 May 2019", T.JTAI, date(2019, 5, 1)),
        ("Area SEND full inspection, pdf - 08 December 2023", T.SEND_AREA, date(2023, 12, 8)),
        ("Local area SEND inspection, pdf - 03 July 2017", T.SEND_AREA, date(2017, 7, 3)),
        ("Area SEND revisit, pdf - 10 October 2019", T.SEND_REVISIT, date(2019, 10, 10)),
        ("Local area SEND revisit, pdf - 10 October 2019", T.SEND_REVISIT, date(2019, 10, 10)),
        (
            "Area SEND monitoring inspection, pdf - 02 June 2025",
            T.SEND_MONITORING,
            date(2025, 6, 2),
        ),
        ("Monitoring visit, pdf - 11 November 2023", T.MONITORING_VISIT, date(2023, 11, 11)),
        (
            "CHILDREN'S SERVICES MONITORING VISIT, PDF - 11 NOVEMBER 2023",
            T.MONITORING_VISIT,
            date(2023, 11, 11),
        ),
        (
            "Monitoring visit of Liverpool children's services, pdf - 04 December 2023",
            T.MONITORING_VISIT,
            date(2023, 12, 4),
        ),
        (
            "Single inspection of LA children's services, pdf - 18 July 2014",
            T.SIF,
            date(2014, 7, 18),
        ),
        ("Children's homes inspection, pdf - 18 July 2014", None, date(2014, 7, 18)),
        ("Fostering agency full inspection, pdf - 1 Mar 2022", None, date(2022, 3, 1)),
        ("Children's services inspection", T.ILACS, None),
        ("", None, None),
    ],
)
def test_link_text(text: str, kind: T | None, published: date | None) -> None:
    assert parse_link_text(text) == (kind, published)


def test_documented_example_holds() -> None:
    assert doctest.testmod(report_links).failed == 0
