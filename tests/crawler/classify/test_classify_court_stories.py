"""A judge's ruling on a council's children's services is not an Ofsted inspection.

Family and High Court judgments criticising a council are news in the same papers, and
reporters add the council's Ofsted grade for context ("rated good by Ofsted in March").
The user wants an alert for an inspection, not for a court case; nor for a children's home,
nursery or school the council runs. An inspection story that mentions a court case in
passing is still the inspection.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

Reader = Callable[..., dict[str, Any]]

COURT = {
    "family court judgment, recent grade beside it": (
        "Lancashire County Council has apologised after a toddler was left living with a "
        "violent father. In a judgment handed down in the family court, the judge said social "
        "workers had lost sight of the child. The council's children's services were rated "
        "good by Ofsted in March, with inspectors praising the front door.",
        "Council apologises after toddler left with violent father",
    ),
    "judge in the headline, grade as a label": (
        "A judge has said that Derbyshire County Council, whose children's services are rated "
        "good by Ofsted, failed two brothers left in a neglectful home. The judge made the "
        "comments in a published ruling after care proceedings concluded.",
        "Judge: Ofsted-rated 'good' council failed children",
    ),
    "judge ruled, last inspection recalled": (
        "A judge has ruled that Norfolk County Council acted unlawfully when it placed a baby "
        "for adoption without the father's knowledge. In the judgment, the judge said the "
        "council's children's services had made serious errors. Ofsted judged Norfolk's "
        "children's services good in its most recent inspection.",
        None,
    ),
    "council-run children's home": (
        "A children's home run by Stoke-on-Trent City Council has been rated inadequate by "
        "Ofsted. Inspectors visited the four-bed home in September. The council's children's "
        "services were judged to require improvement in 2023.",
        "Council-run children's home rated inadequate by Ofsted",
    ),
}


@pytest.mark.parametrize("case", sorted(COURT))
def test_a_court_case_or_a_councils_home_is_not_an_inspection_of_the_council(
    case: str, read: Reader
) -> None:
    text, title = COURT[case]
    result = read(text, title)
    assert result["relevant"] is False
    assert result["judgement"] is None


def test_an_inspection_that_mentions_a_court_case_is_still_the_inspection(
    read: Reader,
) -> None:
    result = read(
        "Kent County Council's children's services have been rated good by Ofsted. Inspectors "
        "visited in June. They said help and protection was good, but noted that a High Court "
        "judge had criticised delays in one care case last year.",
        "Ofsted rates Kent children's services good",
    )
    assert result["relevant"] is True
    assert result["judgement"] == "good"


def test_a_judges_ruling_opening_with_the_councils_grade_is_still_the_court_story(
    read: Reader,
) -> None:
    """The grade in the first sentence is a label of the council the judge criticised."""
    result = read(
        "A council whose children's services were rated good by Ofsted only months ago has "
        "been criticised by a High Court judge over its handling of a baby's case. Mrs Justice "
        "Knowles said Hartlepool Borough Council's social workers missed obvious warning signs "
        "before the baby was seriously injured. The council said it accepted the ruling.",
        "Council apologises to family after baby harmed",
    )
    assert result["relevant"] is False


def test_care_proceedings_in_an_inspection_report_are_not_a_court_story(read: Reader) -> None:
    result = read(
        "Ofsted has rated Rotherham's children's services good after an inspection in May. "
        "Inspectors said children in pre-proceedings and care proceedings were helped quickly. "
        "Plans for children in care proceedings were clear and reviewed often.",
        None,
    )
    assert result["relevant"] is True
    assert result["judgement"] == "good"
