"""A council's "Ofsted journey" page lists several past inspections: the latest is reported.

Read as one story, such a page mixes a focused visit from the middle of the list with the
grades around it. The user should see the latest entry's type and outcome, with the grade
listed before it as the previous one.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

Reader = Callable[..., dict[str, Any]]

JOURNEY = (
    "Our Ofsted journey\n\n"
    "We are proud of the progress we have made for children and families in Wigan.\n\n"
    "2014: Ofsted inspection of services for children in need of help and protection, "
    "children looked after and care leavers. Overall judgement: requires improvement.\n\n"
    "2018: ILACS inspection. Overall effectiveness: good.\n\n"
    "2021: Focused visit looking at children in care. Inspectors found areas of strength.\n\n"
    "2024: ILACS inspection. Overall effectiveness: outstanding. Impact of leaders: "
    "outstanding. Help and protection: good. Children in care: outstanding. Care leavers: "
    "outstanding.\n\nRead the full reports on the Ofsted website."
)


def test_a_journey_page_reports_its_latest_graded_inspection(read: Reader) -> None:
    result = read(JOURNEY, "Our Ofsted journey", "https://www.wigan.gov.uk/our-ofsted-journey")
    assert result["inspection_type"] == "ilacs"
    assert result["judgement"] == "outstanding"
    assert result["previous_judgement"] == "good"
    assert result["direction"] == "improved"
    assert result["grades"]["help_and_protection"] == "good"


def test_a_journey_page_ending_with_a_visit_reports_the_visit(read: Reader) -> None:
    result = read(
        "Ofsted inspections of Sunderland's children's services\n\nThe most recent full "
        "inspection, in 2022, judged services good. Sunderland's services were previously "
        "rated inadequate in 2015, and requires improvement in 2018.\n\nA joint targeted area "
        "inspection took place in 2019. A focused visit took place in 2023.",
        "Inspection history",
    )
    assert result["inspection_type"] == "focused_visit"
    assert result["judgement"] == "no_grade"
    assert result["previous_judgement"] == "good"
    assert result["direction"] == "unknown"  # ("requires improvement in 2018" is no progress)
