"""Relevant or not: inspections of councils' children's services and SEND arrangements only.

Every negative here is a story a keyword filter would send to a subscriber by
mistake: Ofsted, a council and a grade all appear, but what was inspected is
a school, a nursery, a home, an agency, a hospital, adult care or the police,
or the rating is only recalled while the news is something else.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

Reader = Callable[..., dict[str, Any]]
Names = Callable[[dict[str, Any]], list[str]]


NEGATIVES = {
    "school": (
        "Primary school in special measures after Ofsted visit",
        "St Mary's Primary School in Wakefield has been rated inadequate by Ofsted. Inspectors "
        "said pupils' behaviour was poor and leaders had not acted quickly enough. The "
        "headteacher said the school would work with the council to improve.",
    ),
    "nursery": (
        "Bolton nursery celebrates outstanding Ofsted report",
        "Little Acorns Day Nursery in Bolton has been judged outstanding in all areas by Ofsted. "
        "The inspector praised staff for the care they give children. Bolton Council's early "
        "years team congratulated the nursery.",
    ),
    "council-run children's home": (
        "Council-run children's home rated inadequate",
        "A children's home run by Rotherham Council has been rated inadequate by Ofsted after "
        "inspectors found staff did not always keep young people safe. The home, which cares for "
        "four children, will be reinspected. Rotherham Council's cabinet member for children's "
        "services said the council was disappointed.",
    ),
    "fostering agency": (
        "Fostering agency rated good",
        "An independent fostering agency based in Leeds has been rated good by Ofsted. Inspectors "
        "said foster carers felt well supported and children made good progress. The agency "
        "works with several councils across West Yorkshire.",
    ),
    "CQC hospital children's services": (
        "Hospital children's services rated inadequate by CQC",
        "Children and young people's services at the Royal Cornwall Hospital have been rated "
        "inadequate by the Care Quality Commission. The CQC said the paediatric ward did not "
        "have enough nurses. Cornwall Council's health scrutiny committee will discuss the report.",
    ),
    "adult social care": (
        "Norfolk adult social care rated good",
        "Norfolk County Council's adult social care services have been rated good by the Care "
        "Quality Commission. The CQC assessment found people were supported to live "
        "independently. Unpaid carers said they still struggled to get help.",
    ),
    "police": (
        "Police failing vulnerable children, inspectors say",
        "His Majesty's Inspectorate of Constabulary and Fire and Rescue Services has found that "
        "Durham Constabulary's response to child protection concerns is inadequate. Inspectors "
        "said officers did not always recognise risks to children. The force accepted the "
        "findings.",
    ),
    "youth offending team": (
        "Youth offending team rated good",
        "HM Inspectorate of Probation has rated Kent's youth offending service good. Inspectors "
        "said staff built strong relationships with the children they supervise.",
    ),
    "old rating in a budget story": (
        "Kent approves extra £2m for children's social care",
        "Kent County Council has approved an extra £2m for children's social care to cope with "
        "rising demand. The cabinet member said the money would pay for more social workers. "
        "The service was rated good by Ofsted in 2022.",
    ),
    "old rating in a director story": (
        "Slough children's services director to step down",
        "The director of children's services at Slough Borough Council is to step down next "
        "month after four years in the role. She joined after the service was rated inadequate "
        "by Ofsted in 2019. A replacement will be recruited in the new year.",
    ),
    "national statistics": (
        "Ofsted: one in ten councils' children's services inadequate",
        "Ofsted's annual report shows that 15 councils in England are currently judged "
        "inadequate for children's services. The chief inspector said the national picture was "
        "improving, with more councils rated good or outstanding than five years ago.",
    ),
    "Welsh council": (
        "Inspectors praise Cardiff children's services",
        "Care Inspectorate Wales has praised Cardiff Council's children's services after an "
        "inspection in the spring. Inspectors found staff knew children well and that the "
        "service had improved.",
    ),
}


@pytest.mark.parametrize("case", sorted(NEGATIVES))
def test_hard_negatives_are_not_relevant(case: str, read: Reader) -> None:
    title, text = NEGATIVES[case]
    result = read(text, title)
    assert result["relevant"] is False
    assert result["score"] < 0.5
    assert result["judgement"] is None and result["local_authorities"] == []


def test_a_council_inspection_is_relevant_with_evidence(read: Reader, council_names: Names) -> None:
    result = read(
        "Sheffield City Council's children's services have been rated good by Ofsted. "
        "Inspectors said children were helped quickly when they needed it.",
        "Sheffield children's services rated good",
    )
    assert result["relevant"] is True and result["score"] >= 0.5
    assert council_names(result) == ["Sheffield"]
    assert result["evidence"]["relevant"]


def test_a_resignation_that_reports_a_new_inspection_is_relevant(read: Reader) -> None:
    result = read(
        "Ofsted has judged Medway Council's children's services inadequate in a report "
        "published today. Inspectors found children at risk of harm were not always seen "
        "quickly enough. The council's director of children's services has resigned.",
        "Medway children's services director resigns after inadequate Ofsted verdict",
    )
    assert result["relevant"] is True
    assert result["judgement"] == "inadequate"


def test_an_inspection_in_progress_is_relevant_without_a_judgement(read: Reader) -> None:
    result = read(
        "Ofsted and Care Quality Commission inspectors are back in Hertfordshire this week for a "
        "monitoring inspection of services for children with special educational needs and "
        "disabilities. The findings are expected to be published next month.",
        "Inspectors return to check Hertfordshire SEND services",
    )
    assert result["relevant"] is True
    assert result["inspection_type"] == "send_monitoring"
    assert result["judgement"] is None


def test_a_round_up_lists_every_council_first_named_first(
    read: Reader, council_names: Names
) -> None:
    result = read(
        "Ofsted has published inspection reports for Leeds, Bradford and Calderdale this week. "
        "Leeds City Council's children's services remain outstanding, Bradford was judged "
        "requires improvement to be good and Calderdale was rated good.",
        "Ofsted publishes three Yorkshire council inspections",
    )
    assert result["relevant"] is True
    assert council_names(result)[:1] == ["Leeds"]
    assert set(council_names(result)) == {"Leeds", "Bradford", "Calderdale"}


def test_a_story_with_no_identifiable_english_council_is_not_relevant(read: Reader) -> None:
    result = read(
        "Ofsted has rated a council's children's services inadequate, inspectors said today.",
        "Children's services rated inadequate",
    )
    assert result["relevant"] is False


def test_a_new_director_story_recalling_last_years_rating_is_not_relevant(read: Reader) -> None:
    result = read(
        "Peterborough City Council has appointed a new director of children's services. The "
        "service, which Ofsted rated inadequate last year, will be led by Jane Smith from next "
        "month.",
        "New children's services director for Peterborough",
    )
    assert result["relevant"] is False
