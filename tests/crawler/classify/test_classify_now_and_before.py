"""Now versus before in the many ways reporters write it.

The previous grade hides in "falling two grades from", "a step up from", "when they
were last inspected"; a school's or another council's grade in the
same page is not this council's; a report from April 2026 with three areas up
and none down is an improvement.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

Reader = Callable[..., dict[str, Any]]

CHANGES = {
    "falling two grades": (
        "Inspectors have now judged Halton's support for vulnerable children inadequate, "
        "falling two grades from good, which Ofsted gave it three years ago.",
        ("inadequate", "good", "declined"),
    ),
    "when they were last inspected": (
        "Thurrock Council's children's services have been downgraded to requires improvement "
        "by Ofsted. They were judged good when they were last inspected in 2019.",
        ("requires_improvement", "good", "declined"),
    ),
    "a step up from": (
        "In its newest report Ofsted calls Kirklees's social care for children outstanding, a "
        "step up from good at the previous visit of its inspectors in 2021.",
        ("outstanding", "good", "improved"),
    ),
    "rated inadequate until": (
        "Sandwell Children's Trust, which had been rated inadequate until 2022, has now been "
        "judged good by Ofsted inspectors.",
        ("good", "inadequate", "improved"),
    ),
    "at its last standard inspection": (
        "Ofsted has marked Havering Council's children's services down to requires improvement "
        "to be good. The council was judged good at its last standard inspection.",
        ("requires_improvement", "good", "declined"),
    ),
    "years after they were branded": (
        "Hull City Council's children's services have jumped two grades to 'good', a little "
        "over three years after Ofsted branded them inadequate.",
        ("good", "inadequate", "improved"),
    ),
    "a step forward from": (
        "Ofsted has judged Luton's children's services requires improvement to be good, a "
        "significant step forward from the inadequate judgement given in 2021.",
        ("requires_improvement", "inadequate", "improved"),
    ),
    "up a grade on": (
        "Stoke's care for vulnerable children is now good, according to inspectors: up a grade "
        "on the requires improvement verdict Ofsted reached in 2021.",
        ("good", "requires_improvement", "improved"),
    ),
    "having been good since": (
        "Ofsted's latest report puts Stoke at 'requires improvement', having been good since 2018.",
        ("requires_improvement", "good", "declined"),
    ),
    "once rated": (
        "Once rated inadequate, Stoke's services for children are now good, Ofsted has decided.",
        ("good", "inadequate", "improved"),
    ),
    "the bottom of the scale": (
        "Stoke's children's services have climbed to requires improvement, Ofsted says, after "
        "five years at the bottom of its scale.",
        ("requires_improvement", "inadequate", "improved"),
    ),
    "the same as years ago": (
        "Stoke's children's services have a requires improvement rating from Ofsted, the same "
        "as four years ago.",
        ("requires_improvement", "requires_improvement", "unchanged"),
    ),
    "no longer outstanding": (
        "Ofsted has rated Wigan good; its children's services are no longer outstanding.",
        ("good", "outstanding", "declined"),
    ),
    "to a grade, from another": (
        "Wigan's rating for children's services has been lowered by Ofsted to requires "
        "improvement, from good.",
        ("requires_improvement", "good", "declined"),
    ),
    "retains": (
        "Leeds City Council has retained its outstanding rating for children's services after "
        "an Ofsted inspection in March.",
        ("outstanding", "outstanding", "unchanged"),
    ),
}


@pytest.mark.parametrize("case", sorted(CHANGES))
def test_previous_grade_and_direction(case: str, read: Reader) -> None:
    text, (now, before, direction) = CHANGES[case]
    result = read(text, "Ofsted report on children's services")
    assert (result["judgement"], result["previous_judgement"], result["direction"]) == (
        now,
        before,
        direction,
    )
    assert result["evidence"]["previous_judgement"]


def test_a_schools_grade_in_a_related_link_is_not_the_councils(read: Reader) -> None:
    result = read(
        "Solihull's front door was the subject of an Ofsted focused visit in June, and "
        "inspectors said families got help quickly.\n\n"
        "See also: Shirley infant school holds its good grade",
        "Inspectors' letter on Solihull help for families",
    )
    assert result["inspection_type"] == "focused_visit"
    assert result["previous_judgement"] is None


def test_another_councils_progress_is_not_this_visits_direction(read: Reader) -> None:
    result = read(
        "Merton's first Ofsted focused visit of the year, in May, looked at children in need; "
        "caseloads were found to be manageable.\n\n"
        "Round-up: Wigan, visited a week later, has made good progress with its front door, "
        "the inspectors said.",
        "Ofsted focused visit: Merton",
    )
    assert result["inspection_type"] == "focused_visit"
    assert result["direction"] == "unknown"


def test_areas_up_and_none_down_after_april_2026_is_an_improvement(read: Reader) -> None:
    result = read(
        "Dudley has had its first inspection since Ofsted dropped the single overall grade in "
        "2026. Help and protection, care leavers and the impact of leaders were all judged "
        "good; children in care require improvement. Back in 2022 Dudley was judged to "
        "require improvement overall.",
        "Good marks in most areas for Dudley's children's services",
    )
    assert result["judgement"] is None
    assert result["previous_judgement"] == "requires_improvement"
    assert result["direction"] == "improved"


def test_a_headline_asking_for_improvement_is_not_improvement(read: Reader) -> None:
    result = read(
        "Ofsted inspectors have said children in Peterborough still wait too long for help, in "
        "a monitoring visit letter published this week. The council was rated inadequate in "
        "2023. Inspectors said it had not made enough progress on assessments.",
        "Peterborough children's services still need urgent improvement",
    )
    assert result["inspection_type"] == "monitoring_visit"
    assert result["direction"] == "unchanged"


def test_grades_given_for_areas_and_the_overall_grade_at_the_previous_inspection(
    read: Reader,
) -> None:
    result = read(
        "Under Ofsted's new report format, with no single overall grade, Telford & Wrekin "
        "was rated outstanding for the impact of leaders and for care leavers, and good for "
        "help and protection and for children in care. Three years earlier it was rated "
        "outstanding overall at its previous inspection in 2023.",
        "Telford's new-style Ofsted report",
        published="2026-07-10",
    )
    assert result["judgement"] is None
    assert result["grades"] == {
        "impact_of_leaders": "outstanding",
        "care_leavers": "outstanding",
        "help_and_protection": "good",
        "children_in_care": "good",
    }
    assert result["previous_judgement"] == "outstanding"
    assert result["direction"] == "declined"


def test_minutes_of_a_visit_that_found_practice_continued_to_improve(read: Reader) -> None:
    result = read(
        "Minutes: Members considered Ofsted's letter after its focused visit on care leavers in "
        "March. Officers reported that, in the inspectors' view, practice had continued to "
        "improve since the inspection in 2022, when the service was judged good. Resolved: "
        "That the letter be noted.",
        "Ofsted focused visit - outcome letter",
        url="https://democracy.calderdale.gov.uk/mgIssueHistoryHome.aspx?IId=5",
    )
    assert result["inspection_type"] == "focused_visit"
    assert result["previous_judgement"] == "good"
    assert result["direction"] == "improved"


def test_earlier_this_year_is_this_inspection(read: Reader) -> None:
    result = read(
        "Rochdale Council's children's services require improvement to be good, Ofsted has "
        "found. Inspectors who visited earlier this year praised the work with care leavers, "
        "which was rated good, but said help and protection required improvement.",
        "Rochdale children's services require improvement",
    )
    assert result["previous_judgement"] is None
    assert result["grades"]["care_leavers"] == "good"


def test_a_headline_verb_of_change_gives_the_direction(read: Reader) -> None:
    result = read(
        "An Ofsted report out this week has words of praise for social workers in Wandsworth.",
        "Wandsworth children's services move up to outstanding",
    )
    assert result["judgement"] == "outstanding"
    assert result["direction"] == "improved"
    assert result["evidence"]["direction"]


VISITS = {
    "areas for improvement are no progress": (
        "Sefton's front door had an Ofsted focused visit in March. The letter lists strengths "
        "in early help and areas for improvement in the quality of plans.",
        "unknown",
    ),
    "gone backwards": (
        "Ofsted inspectors carrying out a monitoring visit to Sefton, rated inadequate in 2023, "
        "found that practice had gone backwards in the assessment teams.",
        "declined",
    ),
    "improvements have been made": (
        "A monitoring visit by Ofsted found that improvements have been made in Sefton since "
        "the council was judged inadequate in 2023.",
        "improved",
    ),
    "on the right track": (
        "Sefton Council is on the right track, Ofsted inspectors said after a monitoring visit "
        "to the council, which was rated inadequate last year.",
        "improved",
    ),
}


@pytest.mark.parametrize("case", sorted(VISITS))
def test_the_progress_a_visit_reports(case: str, read: Reader) -> None:
    text, direction = VISITS[case]
    result = read(text, "Ofsted visit to Sefton")
    assert result["judgement"] == "no_grade"
    assert result["direction"] == direction


FIRST_TIME = {
    "good for the first time since": (
        "Walsall Council's children's services have been rated good by Ofsted for the first "
        "time since 2010.",
        ("good", None, "improved"),
    ),
    "the first time judged good since": (
        "Torbay's social care for children is good, Ofsted says, the first time the council "
        "has been judged good since 2011.",
        ("good", None, "improved"),
    ),
    "inadequate for the first time": (
        "Leeds City Council's children's services have been rated inadequate for the first "
        "time, Ofsted has said.",
        ("inadequate", None, "declined"),
    ),
    "first time, up from": (
        "Ofsted now rates Richmond's services for children outstanding, for the first time, "
        "up from good in 2022.",
        ("outstanding", "good", "improved"),
    ),
}


@pytest.mark.parametrize("case", sorted(FIRST_TIME))
def test_a_grade_given_for_the_first_time(case: str, read: Reader) -> None:
    text, expected = FIRST_TIME[case]
    result = read(text, "Ofsted report on children's services")
    assert (result["judgement"], result["previous_judgement"], result["direction"]) == expected


def test_a_grade_in_a_clause_after_an_improvement_since_a_year_is_the_new_one(
    read: Reader,
) -> None:
    result = read(
        "Ofsted said social care for children in Wigan had got much better since 2021, and "
        "rated it good.",
        "Ofsted report on Wigan",
    )
    assert result["relevant"] is True
    assert result["judgement"] == "good"
    assert result["direction"] == "improved"


def test_the_latest_of_several_earlier_grades_is_the_previous_one(read: Reader) -> None:
    """ "Inadequate in 2014, 2016 and 2018 and requires improvement at its last inspection":
    the grade before is the last one, so the same grade now is unchanged."""
    result = read(
        "Ofsted has rated Birmingham's children's services as requires improvement to be good. "
        "The council was judged inadequate in 2014, 2016 and 2018 and requires improvement at "
        "its last inspection in 2022. Inspectors visited in May 2025.",
        "Birmingham children's services rated requires improvement",
    )
    assert result["judgement"] == "requires_improvement"
    assert result["previous_judgement"] == "requires_improvement"
    assert result["direction"] == "unchanged"


def test_a_send_outcome_dated_after_it_is_the_previous_one(read: Reader) -> None:
    """ "... systemic failings at its previous inspection": the earlier outcome, compared."""
    result = read(
        "Sandwell's special educational needs and disabilities services now lead to "
        "inconsistent experiences and outcomes, Ofsted and the CQC said, after the local area "
        "partnership was found to have widespread and/or systemic failings at its previous "
        "inspection in 2023. The partnership was inspected again in September.",
        "Sandwell SEND services improve",
    )
    assert result["judgement"] == "send_inconsistent"
    assert result["previous_judgement"] == "send_systemic_failings"
    assert result["direction"] == "improved"
