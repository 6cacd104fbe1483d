"""Sub-judgements as reporters lay them out: lists, tables and long shared predicates.

A colon or a table bar ends a grade's clause, so list and table lines are read
as lines ("Care leavers: good"); a grade at the end of a line is not an
adjective of the next line's first word; "were each good" grades every area
named before it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

Reader = Callable[..., dict[str, Any]]


def test_a_list_of_areas_with_colons(read: Reader) -> None:
    result = read(
        "Ofsted inspected Warrington's children's services in June 2024. The judgements:\n\n"
        "Overall effectiveness: requires improvement\n"
        "Impact of leaders: good\n"
        "Children who need help and protection: requires improvement\n"
        "Children in care: good\n"
        "Care leavers: good\n",
        "Warrington children's services judged requires improvement",
    )
    assert result["judgement"] == "requires_improvement"
    assert result["grades"] == {
        "overall_effectiveness": "requires_improvement",
        "impact_of_leaders": "good",
        "help_and_protection": "requires_improvement",
        "children_in_care": "good",
        "care_leavers": "good",
    }


def test_a_table_with_bars(read: Reader) -> None:
    result = read(
        "Tameside: Ofsted inspection, February 2024\n\n"
        "Judgement area | Ofsted grade\n"
        "Overall effectiveness | Good\n"
        "Help and protection | Good\n"
        "Care leavers | Good\n"
        "Children in care | Outstanding\n"
        "Impact of leaders | Good\n",
        "Tameside children's services now good",
    )
    assert result["judgement"] == "good"
    assert result["grades"]["impact_of_leaders"] == "good"
    assert result["grades"]["children_in_care"] == "outstanding"
    assert len(result["grades"]) == 5


def test_areas_that_were_each_good_and_a_grade_said_again(read: Reader) -> None:
    result = read(
        "Bury's 2020 inspection had found its services good. This time Ofsted has again "
        "judged the council's overall effectiveness to be good; leaders, help and protection "
        "and children in care were each good, and care leavers were judged outstanding.",
        "Ofsted inspection of Bury children's services in 2024",
    )
    assert result["judgement"] == "good"
    assert result["previous_judgement"] == "good"
    assert result["direction"] == "unchanged"
    assert result["grades"]["care_leavers"] == "outstanding"
    assert result["grades"]["help_and_protection"] == "good"


def test_every_area_but_the_exception(read: Reader) -> None:
    result = read(
        "Bexley Council's children's services have been judged good overall by Ofsted. All "
        "judgements were good except care leavers, which requires improvement.",
        "Bexley children's services good",
        published="2024-06-01",
    )
    assert result["grades"] == {
        "overall_effectiveness": "good",
        "impact_of_leaders": "good",
        "help_and_protection": "good",
        "children_in_care": "good",
        "care_leavers": "requires_improvement",
    }


def test_four_of_five_areas_and_the_one_graded_apart(read: Reader) -> None:
    result = read(
        "Ofsted has judged Hackney's children's services good. The report rated four of the "
        "five areas good, with care leavers judged outstanding.",
        "Hackney judged good",
        published="2024-10-01",
    )
    assert result["grades"]["care_leavers"] == "outstanding"
    assert result["grades"]["help_and_protection"] == "good"
    assert len(result["grades"]) == 5


def test_two_councils_in_the_headline_share_no_grades(read: Reader) -> None:
    result = read(
        "Ofsted has published reports on Bolton and Salford. Bolton's children's services were "
        "rated good in every area, and Salford's were rated good overall.",
        "Bolton and Salford children's services rated good",
    )
    assert result["judgement"] == "good"
    assert result["grades"] == {}


def test_services_for_care_leavers_joins_a_list_of_areas(read: Reader) -> None:
    result = read(
        "Ofsted inspectors have judged two of the four areas of Cornwall Council's children's "
        "services to be inadequate. The impact of leaders and the experiences and progress of "
        "children in care were rated inadequate, while help and protection and services for "
        "care leavers require improvement to be good. Under the new framework there is no "
        "single overall grade.",
        "Cornwall children's services 'inadequate' in two areas",
    )
    assert result["grades"] == {
        "impact_of_leaders": "inadequate",
        "children_in_care": "inadequate",
        "help_and_protection": "requires_improvement",
        "care_leavers": "requires_improvement",
    }
