"""ILACS reports from April 2026 have no overall grade: the four areas carry the outcome.

Reporters write "good in all four areas", "requires improvement for help and protection
and good for the other three", "four good judgements" or list the judgements. The user
sees every area's grade, no overall judgement (DESIGN.md §2), the grade before, and a
direction by the rule storage uses too (config.vocabulary.compare_areas): no area worse
than before and some better is an improvement, whatever a councillor claims.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

Reader = Callable[..., dict[str, Any]]

ALL_GOOD = {
    "impact_of_leaders": "good",
    "help_and_protection": "good",
    "children_in_care": "good",
    "care_leavers": "good",
}

REPORTS = {
    "good in all four areas, up from requires improvement": (
        "Sefton Council's children's services have been judged good in all four areas by "
        "Ofsted. The inspection in July was one of the first under the new framework, which "
        "no longer gives an overall grade. At its previous inspection in 2022 the council was "
        "rated requires improvement.",
        "Sefton children's services judged good in all four areas",
        ALL_GOOD,
        "requires_improvement",
        "improved",
    ),
    "one area apart, good for the other three": (
        "Barnsley Council's children's services have been rated requires improvement for help "
        "and protection and good for the other three areas. Ofsted inspected the council in "
        "August; under the framework introduced in April 2026 there is no overall grade. "
        "Barnsley was previously rated good in 2023.",
        "Ofsted: Barnsley children's services require improvement in one area",
        {**ALL_GOOD, "help_and_protection": "requires_improvement"},
        "good",
        "declined",
    ),
    "four good judgements, down from outstanding": (
        "Stockport Council has received four good judgements from Ofsted following an "
        "inspection of its children's services in September. Inspectors found the impact of "
        "leaders, help and protection, children in care and care leavers were all good. The "
        "council was rated outstanding at its last inspection in 2022.",
        "Four good judgements for Stockport children's services",
        ALL_GOOD,
        "outstanding",
        "declined",
    ),
    "leaders graded as the object, the remaining areas after": (
        "Ofsted has judged the impact of leaders in Wakefield's children's services "
        "outstanding, with the remaining three areas rated good. The inspection took place in "
        "July under the new framework, which has no overall effectiveness grade. Wakefield was "
        "rated good at its last inspection in 2022.",
        "Wakefield children's services outstanding for leadership",
        {**ALL_GOOD, "impact_of_leaders": "outstanding"},
        "good",
        "improved",
    ),
    "good across the board since the grade was scrapped": (
        "Ofsted has rated Enfield's children's services good across the board, in the first "
        "inspection since the overall effectiveness grade was scrapped. Inspectors visited in "
        "September. Enfield was judged good at its previous inspection in 2022.",
        "Enfield children's services good across the board",
        ALL_GOOD,
        "good",
        "unchanged",
    ),
    "each of the four areas": (
        "Each of the four areas inspected by Ofsted in Kirklees was judged good, inspectors "
        "said after a visit in May. Under the new framework there is no single overall "
        "judgement. Kirklees was rated good in 2023.",
        "Each of four areas judged good in Kirklees",
        ALL_GOOD,
        "good",
        "unchanged",
    ),
}


@pytest.mark.parametrize("case", sorted(REPORTS))
def test_a_report_without_an_overall_grade(case: str, read: Reader) -> None:
    text, title, grades, previous, direction = REPORTS[case]
    result = read(text, title, published="2026-10-01")
    assert result["inspection_type"] == "ilacs"
    assert result["judgement"] is None
    assert result["grades"] == grades
    assert result["previous_judgement"] == previous
    assert result["direction"] == direction


def test_areas_beat_the_articles_words_on_direction(read: Reader) -> None:
    """Two areas up from inadequate, none down: improved, though the headline says 'still
    failing' (storage would compute the same from the grades)."""
    result = read(
        "Help for children at risk in Peterborough remains inadequate, inspectors have said. "
        "The inspection in September was under the framework that no longer gives a single "
        "overall judgement. Inspectors rated the impact of leaders and help and protection "
        "inadequate. Children in care and care leavers require improvement to be good. The "
        "council was rated inadequate overall in November 2023.",
        "Ofsted: Peterborough children's services still failing in key areas",
    )
    assert result["judgement"] is None
    assert result["previous_judgement"] == "inadequate"
    assert result["direction"] == "improved"


def test_no_grade_before_stated_the_reports_words_decide(read: Reader) -> None:
    result = read(
        "Ofsted has judged Reading's children's services good for help and protection, "
        "children in care, care leavers and the impact of leaders. The inspection in July was "
        "under the new framework. Inspectors said services had improved significantly since "
        "the last inspection.",
        "Reading children's services good in every area",
        published="2026-10-01",
    )
    assert result["previous_judgement"] is None
    assert result["direction"] == "improved"


def test_the_reform_named_as_stopping_the_grade_and_long_headings(read: Reader) -> None:
    """ "Since Ofsted stopped giving councils a single overall grade" marks the new framework
    on an undated page; the judgement headings in full, with the grade after a colon."""
    result = read(
        "Ofsted has reported on Leeds, its first inspection since Ofsted stopped giving councils "
        "a single overall grade.\n\nThe impact of leaders on social work practice with "
        "children and families: outstanding\n\nThe experiences and progress of children who "
        "need help and protection: good\n\nThe experiences and progress of children in care: "
        "outstanding\n\nThe experiences and progress of care leavers: outstanding\n\nLeeds was "
        "rated outstanding overall at its previous inspection in 2022.",
        "Ofsted publishes report on Leeds children's services",
    )
    assert result["judgement"] is None
    assert result["grades"] == {
        "impact_of_leaders": "outstanding",
        "help_and_protection": "good",
        "children_in_care": "outstanding",
        "care_leavers": "outstanding",
    }
    assert result["direction"] == "declined"


def test_areas_listed_before_an_also_take_its_grade(read: Reader) -> None:
    result = read(
        "Inspectors rated overall effectiveness good, with help and protection, children in "
        "care and care leavers also good, and the impact of leaders outstanding. Brighton and "
        "Hove City Council was rated good at its previous inspection in 2022.",
        "Brighton and Hove children's services judged good by Ofsted",
        published="2025-10-10",
    )
    assert result["grades"] == {
        "overall_effectiveness": "good",
        "impact_of_leaders": "outstanding",
        "help_and_protection": "good",
        "children_in_care": "good",
        "care_leavers": "good",
    }
