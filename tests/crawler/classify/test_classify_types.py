"""Which inspection: frameworks told apart by their own marks, not by a passing word.

The SIF graded adoption and reviewed the local safeguarding children board,
but a wish for "speedier adoptions" is no adoption grade and the board also
existed under the older regimes; a revisit that inspectors "will" make has not
happened; the date in "the same grade the council was given in 2018" is the past.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

Reader = Callable[..., dict[str, Any]]


def test_an_adoption_wish_does_not_make_an_ilacs_report_a_sif_one(read: Reader) -> None:
    result = read(
        "Rochdale's children's services are good, inspectors have found, the same grade the "
        "council was given in 2018. The impact of leaders and help and protection were both "
        "rated good.",
        "Rochdale holds on to 'good' - but Ofsted asks for speedier adoptions",
    )
    assert result["inspection_type"] == "ilacs"
    assert result["judgement"] == "good"


def test_an_adoption_grade_still_marks_the_sif(read: Reader) -> None:
    result = read(
        "Ofsted has judged Redcar and Cleveland's services good overall. Inspectors said "
        "leadership, management and governance were strong, and the council's adoption service "
        "was rated outstanding.",
        "Redcar and Cleveland children's services rated good",
    )
    assert result["inspection_type"] == "sif"


def test_a_safeguarding_board_alone_does_not_make_an_older_inspection_sif(
    read: Reader,
) -> None:
    result = read(
        "Walsall's safeguarding was found inadequate when Ofsted looked at its safeguarding "
        "and looked after children services; its care for looked after children was adequate. "
        "The Local Safeguarding Children Board should challenge partners more, it said.",
        "Walsall safeguarding services judged inadequate",
    )
    assert result["inspection_type"] == "older"
    assert result["judgement"] == "inadequate"


def test_a_revisit_still_to_come_leaves_the_area_inspection_as_the_news(read: Reader) -> None:
    result = read(
        "Halton must write a statement of action after Ofsted and the CQC found significant "
        "weaknesses in its SEND support in March. A revisit will check later whether sufficient "
        "progress has been made.",
        "Halton SEND inspection outcome",
    )
    assert result["inspection_type"] == "send_area"
    assert result["judgement"] == "wsoa_required"
    assert result["previous_judgement"] is None


def test_services_said_to_be_good_hold_the_grade_and_keeping_it_is_unchanged(
    read: Reader,
) -> None:
    result = read(
        "Rotherham's children's services are good, inspectors have found. Help and protection "
        "and the impact of leaders were both rated good.",
        "Rotherham keeps 'good' Ofsted grade for children's services",
    )
    assert result["judgement"] == "good"
    assert result["previous_judgement"] == "good"
    assert result["direction"] == "unchanged"


def test_a_service_good_at_something_is_no_grade(read: Reader) -> None:
    result = read(
        "Ofsted's focused visit to Knowsley found that social workers are good at building "
        "relationships with children, though plans were not always reviewed.",
        "Knowsley focused visit letter published",
    )
    assert result["inspection_type"] == "focused_visit"
    assert result["previous_judgement"] is None


def test_a_hedge_does_not_reach_a_finding_in_the_next_clause(read: Reader) -> None:
    result = read(
        "Ofsted has warned that Dudley Council's children's services could be rated inadequate "
        "if improvements are not made, after an inspection found them to require improvement.",
        "Ofsted report on Dudley children's services",
    )
    assert result["judgement"] == "requires_improvement"


def test_a_hedged_grade_alone_gives_no_judgement(read: Reader) -> None:
    result = read(
        "Ofsted inspectors visited Dudley Council's children's services this week. Councillors "
        "fear the service could be rated inadequate when the report is published.",
        "Ofsted inspection of Dudley children's services",
    )
    assert result["judgement"] is None


def test_a_2023_outcome_with_progress_since_last_time_is_a_full_inspection(read: Reader) -> None:
    result = read(
        "Ofsted and the CQC found that Ealing's local area partnership arrangements lead to "
        "inconsistent experiences and outcomes for children and young people with SEND. "
        "Inspectors said the partnership had made progress since the last inspection in 2018, "
        "when a written statement of action was required.",
        "Ealing SEND inspection",
    )
    assert result["inspection_type"] == "send_area"
    assert result["judgement"] == "send_inconsistent"
    assert result["previous_judgement"] == "wsoa_required"


def test_inspectors_who_returned_and_gave_an_outcome_did_a_full_inspection(read: Reader) -> None:
    result = read(
        "Ofsted and the CQC have published their inspection of SEND services in Brent. The "
        "partnership's arrangements typically lead to positive experiences and outcomes. "
        "Inspectors returned to Brent four years after finding significant weaknesses.",
        "Brent SEND inspection",
    )
    assert result["inspection_type"] == "send_area"
    assert result["judgement"] == "send_positive"
    assert result["previous_judgement"] == "wsoa_required"


def test_areas_that_were_the_inspections_scope_are_not_graded(read: Reader) -> None:
    result = read(
        "Covering help and protection, children looked after and care leavers, Ofsted's "
        "inspection of Brent concluded that services were good. Adoption performance was "
        "outstanding.",
        "Brent children's services inspection",
    )
    assert result["inspection_type"] == "sif"
    assert result["judgement"] == "good"


def test_a_previous_inspection_in_2016_puts_an_undated_report_in_the_ilacs_years(
    read: Reader,
) -> None:
    result = read(
        "Ofsted has rated Harrow Council's children's services good, up from requires "
        "improvement at its previous inspection in 2016.",
        "Harrow children's services rated good",
    )
    assert result["inspection_type"] == "ilacs"
    assert result["previous_judgement"] == "requires_improvement"


def test_a_previous_inspection_in_2014_leaves_an_undated_report_in_the_sif_years(
    read: Reader,
) -> None:
    result = read(
        "Ofsted has rated Harrow Council's children's services good, up from requires "
        "improvement at its previous inspection in 2014.",
        "Harrow children's services rated good",
    )
    assert result["inspection_type"] == "sif"


def test_a_grade_missed_out_on_is_not_the_grade(read: Reader) -> None:
    result = read(
        "Bury Council's children's services narrowly missed out on a good rating, Ofsted's "
        "report shows, and were judged to require improvement.",
        "Ofsted report on Bury",
    )
    assert result["judgement"] == "requires_improvement"


def test_an_unnamed_two_day_visit_with_a_letter_is_a_focused_visit(read: Reader) -> None:
    result = read(
        "Ofsted inspectors spent two days in Bolton in March looking at how the council "
        "responds to referrals. In a letter published this week, they said children were seen "
        "quickly. Bolton was rated good in 2021.",
        "Inspectors' letter praises Bolton front door",
    )
    assert result["inspection_type"] == "focused_visit"
    assert result["judgement"] == "no_grade"
    assert result["previous_judgement"] == "good"


def test_an_ofsted_visit_that_found_improvements_is_a_visit(read: Reader) -> None:
    result = read(
        "Croydon's care for looked after children was the focus of a February Ofsted visit, "
        "which found improvements; the council has been judged good since 2021.",
        "Ofsted visit finds improvements in Croydon",
    )
    assert result["inspection_type"] == "focused_visit"
    assert result["direction"] == "improved"
