"""Which inspection, which judgement, now versus before — in reporters' own words."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

Reader = Callable[..., dict[str, Any]]
Names = Callable[[dict[str, Any]], list[str]]


# --- graded inspections: now, before and direction -------------------------------------


def test_rated_good_up_from_requires_improvement(read: Reader) -> None:
    result = read(
        "Bexley's children's services have been rated good by Ofsted, up from requires "
        "improvement at the last inspection.",
        "Bexley children's services rated good",
    )
    assert (result["inspection_type"], result["judgement"]) == ("ilacs", "good")
    assert result["previous_judgement"] == "requires_improvement"
    assert result["direction"] == "improved"
    assert "up from" in result["evidence"]["previous_judgement"]


def test_a_grade_from_an_earlier_year_is_the_previous_one(read: Reader) -> None:
    result = read(
        "Walsall Council's children's services are now good, Ofsted said in a report published "
        "this week. The service was judged inadequate in 2019.",
        "Ofsted: Walsall children's services now good",
        published="2023-05-01",
    )
    assert result["judgement"] == "good"
    assert result["previous_judgement"] == "inadequate"
    assert result["direction"] == "improved"


def test_remains_inadequate_is_unchanged(read: Reader) -> None:
    result = read(
        "Tameside Council's children's services remain inadequate, Ofsted has said after its "
        "latest full inspection. Inspectors found some improvements but said too many children "
        "were still left at risk.",
        "Children's services in Tameside remain inadequate",
    )
    assert result["judgement"] == "inadequate"
    assert result["previous_judgement"] == "inadequate"
    assert result["direction"] == "unchanged"


def test_from_inadequate_to_good(read: Reader) -> None:
    result = read(
        "Ofsted has praised Havering's children's services for a turnaround from 'inadequate' to "
        "'good' in three years.",
        "Havering children's services: from inadequate to good",
    )
    assert (result["judgement"], result["previous_judgement"]) == ("good", "inadequate")


def test_a_downgrade_is_declined(read: Reader) -> None:
    result = read(
        "Ofsted has downgraded Swindon Borough Council's children's services from good to "
        "requires improvement to be good after an inspection in May.",
        "Swindon children's services downgraded",
    )
    assert result["judgement"] == "requires_improvement"
    assert result["previous_judgement"] == "good"
    assert result["direction"] == "declined"


def test_an_old_rating_mentioned_in_passing_is_not_the_judgement(read: Reader) -> None:
    result = read(
        "Ofsted inspectors have praised Salford City Council's children's services and rated "
        "them good in a report published on Friday. The council was judged inadequate in 2015, "
        "and requires improvement in 2019.",
        "Salford children's services rated good",
        published="2024-06-01",
    )
    assert result["judgement"] == "good"
    assert result["previous_judgement"] == "requires_improvement"


# --- negation and hedging never give a grade ---------------------------------------------


def test_not_inadequate_gives_no_grade(read: Reader) -> None:
    result = read(
        "Haringey Council insists its children's services are not inadequate, after Ofsted "
        "inspectors raised concerns in a letter following a visit last month.",
        "Haringey says children's services not inadequate",
    )
    assert result["judgement"] != "inadequate"


def test_could_be_rated_inadequate_gives_no_grade(read: Reader) -> None:
    result = read(
        "Councillors fear Slough's children's services could be rated inadequate when Ofsted "
        "inspectors arrive next month. A report to the cabinet said the council expects a full "
        "inspection in the spring.",
        "Fears Slough children's services could be rated inadequate",
    )
    assert result["judgement"] is None


def test_fears_it_will_be_gives_no_grade(read: Reader) -> None:
    result = read(
        "Bristol City Council's director fears the children's services department will be "
        "judged inadequate by Ofsted when inspectors publish their report next week.",
        "Council fears Ofsted verdict",
    )
    assert result["judgement"] is None


def test_good_as_an_adjective_is_not_a_grade(read: Reader) -> None:
    result = read(
        "Ofsted inspectors found good practice in Knowsley's early help teams and good work with "
        "care leavers, but said the council's children's services require improvement to be "
        "good overall.",
        "Knowsley children's services require improvement",
    )
    assert result["judgement"] == "requires_improvement"


# --- sub-judgements ---------------------------------------------------------------------


def test_sub_judgements_from_a_2024_report(read: Reader) -> None:
    result = read(
        "Derby City Council's children's services have been judged good by Ofsted following an "
        "inspection in February 2024. The experiences and progress of children in care were "
        "judged outstanding, while help and protection was rated good. The impact of leaders "
        "was also judged good, as were the experiences of care leavers.",
        "Ofsted judges Derby children's services good",
    )
    assert result["grades"] == {
        "overall_effectiveness": "good",
        "children_in_care": "outstanding",
        "help_and_protection": "good",
        "impact_of_leaders": "good",
        "care_leavers": "good",
    }
    assert "children in care" in result["evidence"]["grades"] or result["evidence"]["grades"]


def test_all_areas_in_the_2018_to_2022_framework_use_the_combined_care_key(read: Reader) -> None:
    result = read(
        "Oldham Council's children's services have been rated good in all four areas by Ofsted "
        "following an inspection in 2019.",
        "Oldham children's services good across the board",
        published="2019-11-01",
    )
    assert result["grades"] == {
        "overall_effectiveness": "good",
        "impact_of_leaders": "good",
        "help_and_protection": "good",
        "children_in_care_and_care_leavers": "good",
    }


def test_a_list_of_areas_under_a_header(read: Reader) -> None:
    result = read(
        "Ofsted has published its report on Enfield's children's services. The following areas "
        "were rated as requires improvement to be good:\n"
        "- The impact of leaders on social work practice\n"
        "- The experiences and progress of children who need help and protection\n"
        "Children in care and care leavers were judged good.",
        "Enfield children's services require improvement",
        published="2021-03-01",
    )
    assert result["grades"]["impact_of_leaders"] == "requires_improvement"
    assert result["grades"]["help_and_protection"] == "requires_improvement"
    assert result["grades"]["children_in_care_and_care_leavers"] == "good"


def test_post_april_2026_ilacs_has_no_overall_grade(read: Reader) -> None:
    result = read(
        "Ofsted's first inspection of City of York Council's children's services under the new "
        "framework, published in June 2026, gives no overall effectiveness grade. Inspectors "
        "judged the impact of leaders to be good, help and protection good, children in care "
        "outstanding and care leavers requires improvement.",
        "Ofsted reports on York children's services under new inspection rules",
    )
    assert result["inspection_type"] == "ilacs"
    assert result["judgement"] is None
    assert result["grades"] == {
        "impact_of_leaders": "good",
        "help_and_protection": "good",
        "children_in_care": "outstanding",
        "care_leavers": "requires_improvement",
    }


# --- visits and joint inspections ----------------------------------------------------------


def test_a_monitoring_visit_has_no_grade_and_shows_progress_as_direction(read: Reader) -> None:
    result = read(
        "Birmingham Children's Trust has made progress since its services were judged "
        "inadequate, according to a letter published by Ofsted after its third monitoring "
        "visit. Inspectors said managers now had better oversight of caseloads.",
        "Ofsted sees progress in Birmingham",
    )
    assert result["inspection_type"] == "monitoring_visit"
    assert result["judgement"] == "no_grade"
    assert result["previous_judgement"] == "inadequate"
    assert result["direction"] == "improved"


def test_a_visit_that_finds_no_progress_is_unchanged(read: Reader) -> None:
    result = read(
        "A follow-up visit by Ofsted found a lack of progress in Peterborough's children's "
        "services, which were rated inadequate last year. Inspectors said in a letter that risk "
        "to children was still not consistently identified.",
        "Ofsted finds lack of progress in Peterborough",
    )
    assert result["inspection_type"] == "monitoring_visit"
    assert result["direction"] == "unchanged"


def test_a_focused_visit_to_a_council_rated_requires_improvement(read: Reader) -> None:
    result = read(
        "An Ofsted focused visit to Essex County Council's children's services in November "
        "looked at arrangements for care leavers. Inspectors said young people were well "
        "supported. The council was rated requires improvement to be good in 2021.",
        "Ofsted focused visit finds strengths in Essex",
        published="2023-12-01",
    )
    assert (result["inspection_type"], result["judgement"]) == ("focused_visit", "no_grade")
    assert result["previous_judgement"] == "requires_improvement"
    assert result["grades"] == {}


def test_a_jtai_is_never_graded(read: Reader) -> None:
    result = read(
        "Ofsted, the Care Quality Commission, HMICFRS and HM Inspectorate of Probation have "
        "carried out a joint targeted area inspection in Lewisham looking at the response to "
        "children at risk of criminal exploitation. Inspectors found strong partnership working.",
        "Joint inspection of Lewisham's response to child exploitation",
    )
    assert (result["inspection_type"], result["judgement"]) == ("jtai", "no_grade")
    assert result["direction"] == "unknown"


# --- area SEND inspections ------------------------------------------------------------------


def test_2023_send_outcome_positive_in_its_own_words(read: Reader) -> None:
    result = read(
        "An Ofsted and Care Quality Commission inspection has found that the local area "
        "partnership's arrangements typically lead to positive experiences and outcomes for "
        "children and young people with special educational needs and disabilities in Rutland.",
        "Special needs services praised",
    )
    assert (result["inspection_type"], result["judgement"]) == ("send_area", "send_positive")


def test_2023_send_outcome_inconsistent(read: Reader) -> None:
    result = read(
        "Children with special educational needs in Wigan get an inconsistent experience, "
        "inspectors from Ofsted and the CQC have found. Their report says the partnership's "
        "arrangements lead to inconsistent experiences and outcomes.",
        "Mixed picture for SEND services in Wigan",
    )
    assert result["judgement"] == "send_inconsistent"


def test_2023_send_outcome_systemic_failings(read: Reader) -> None:
    result = read(
        "Ofsted and the Care Quality Commission have found widespread and/or systemic failings "
        "in services for children with special educational needs and disabilities in Medway. "
        "The local area partnership must now produce a priority action plan.",
        "Inspectors find widespread failings in Medway SEND services",
    )
    assert result["judgement"] == "send_systemic_failings"
    assert "systemic failings" in result["evidence"]["judgement"]


def test_the_three_outcomes_listed_as_background_are_not_a_result(read: Reader) -> None:
    result = read(
        "Ofsted and the CQC revisited Norfolk's SEND services in 2022 and found the weaknesses "
        "had been addressed.\n"
        "Following a full inspection there are three possible inspection outcomes:\n"
        "- The arrangements typically lead to positive experiences and outcomes.\n"
        "- The arrangements lead to inconsistent experiences and outcomes.\n"
        "- There are widespread and/or systemic failings.",
        "Ofsted and CQC area SEND inspections",
    )
    assert result["inspection_type"] == "send_revisit"
    assert result["judgement"] == "sufficient_progress"


def test_written_statement_of_action_required(read: Reader) -> None:
    result = read(
        "Ofsted and the Care Quality Commission have told Bury Council and the local clinical "
        "commissioning group to produce a written statement of action after an inspection of "
        "special educational needs services found significant weaknesses.",
        "Written statement of action for Bury SEND services",
    )
    assert (result["inspection_type"], result["judgement"]) == ("send_area", "wsoa_required")


def test_avoiding_a_written_statement_of_action_is_no_wsoa(read: Reader) -> None:
    result = read(
        "Special educational needs services in Sefton have avoided a written statement of "
        "action after a joint inspection by Ofsted and the CQC in 2019. Inspectors found leaders "
        "had a clear understanding of the area's strengths.",
        "Sefton SEND services avoid written statement of action",
    )
    assert result["judgement"] == "no_wsoa"


def test_revisit_progress_in_all_areas(read: Reader) -> None:
    result = read(
        "Ofsted and the CQC revisited Oldham in 2021 to check progress against the written "
        "statement of action. Inspectors found the area had made sufficient progress in "
        "addressing all four significant weaknesses identified at the initial inspection.",
        "SEND services in Oldham make progress",
    )
    assert result["inspection_type"] == "send_revisit"
    assert result["judgement"] == "sufficient_progress"
    assert (result["previous_judgement"], result["direction"]) == ("wsoa_required", "improved")


def test_revisit_progress_in_some_areas(read: Reader) -> None:
    result = read(
        "Ofsted and CQC inspectors returned to Swindon in 2020 to assess special educational "
        "needs services. They found the area had made sufficient progress in two of the five "
        "significant weaknesses, but not enough progress in the other three.",
        "Some progress on SEND in Swindon",
    )
    assert (result["judgement"], result["direction"]) == ("partial_progress", "improved")


def test_revisit_progress_in_no_area(read: Reader) -> None:
    result = read(
        "A revisit by Ofsted and the CQC to Croydon found the local area had not made "
        "sufficient progress in addressing any of the significant weaknesses identified at the "
        "initial SEND inspection in 2018.",
        "No progress on SEND weaknesses in Croydon, inspectors say",
    )
    assert (result["judgement"], result["direction"]) == ("insufficient_progress", "unchanged")


def test_send_monitoring_inspection_taking_effective_action(read: Reader) -> None:
    result = read(
        "An Ofsted and CQC monitoring inspection of special educational needs services in "
        "Cheshire East has found the local area partnership is taking effective action to "
        "address the areas for priority action identified at the full inspection in 2023.",
        "SEND partnership taking effective action, inspectors find",
    )
    assert result["inspection_type"] == "send_monitoring"
    assert result["judgement"] == "sufficient_progress"
    assert result["previous_judgement"] == "send_systemic_failings"


# --- older regimes ---------------------------------------------------------------------------


def test_adequate_in_an_older_regime_maps_to_requires_improvement(read: Reader) -> None:
    result = read(
        "An unannounced Ofsted inspection of safeguarding and looked after children services in "
        "Devon found services were adequate overall, the report published this week said.",
        "Devon children's services only adequate",
        published="2010-11-20",
    )
    assert (result["inspection_type"], result["judgement"]) == ("older", "requires_improvement")


def test_single_inspection_framework_is_recognised(read: Reader) -> None:
    result = read(
        "Hampshire County Council's children's services have been judged outstanding under "
        "Ofsted's single inspection framework. Adoption performance was also rated outstanding.",
        "Hampshire children's services outstanding",
        published="2014-06-01",
    )
    assert (result["inspection_type"], result["judgement"]) == ("sif", "outstanding")


# --- the many ways a grade is written ------------------------------------------------------

PHRASINGS = [
    ("have been rated as requiring improvement by Ofsted", "requires_improvement"),
    ("were graded 'requires improvement' by Ofsted inspectors", "requires_improvement"),
    ("were found by Ofsted to require improvement to be good", "requires_improvement"),
    ("have been branded inadequate by Ofsted", "inadequate"),
    ("were handed the lowest possible rating by Ofsted this week", "inadequate"),
    ("have received a 'good' rating from Ofsted", "good"),
    ("were given a good rating by Ofsted inspectors", "good"),
    ("are good across the board, according to Ofsted", "good"),
    ("are now good, Ofsted says", "good"),
    ("were found to be good in an Ofsted inspection published on Friday", "good"),
    ("achieved the top rating of outstanding in an Ofsted inspection", "outstanding"),
    ("have been awarded the highest possible Ofsted grade", "outstanding"),
]


@pytest.mark.parametrize(("phrase", "grade"), PHRASINGS)
def test_each_way_of_writing_a_grade(phrase: str, grade: str, read: Reader) -> None:
    result = read(
        f"Leeds City Council's children's services {phrase}. Inspectors visited in May and "
        "published their report today.",
        "Ofsted report on Leeds children's services",
    )
    assert result["judgement"] == grade


def test_an_ilacs_inspected_after_april_2026_has_no_overall_grade_even_undated(
    read: Reader,
) -> None:
    result = read(
        "Ofsted inspected Wigan Council's children's services in June 2026. Inspectors judged "
        "help and protection good and the experiences of care leavers outstanding.",
        "Wigan children's services inspection report published",
    )
    assert result["inspection_type"] == "ilacs"
    assert result["judgement"] is None
    assert result["grades"]["help_and_protection"] == "good"
    assert "overall_effectiveness" not in result["grades"]


def test_a_2023_send_outcome_keeps_the_earlier_written_statement_as_previous(read: Reader) -> None:
    result = read(
        "An Ofsted and CQC inspection of special educational needs services in Walsall found "
        "that the local area partnership's arrangements typically lead to positive experiences "
        "and outcomes. In 2019 the area was required to produce a written statement of action.",
        "Walsall SEND services praised",
        published="2024-05-01",
    )
    assert (result["judgement"], result["previous_judgement"]) == ("send_positive", "wsoa_required")
    # Different frameworks, but a statement of action then and the best outcome now is better.
    assert result["direction"] == "improved"


def test_across_send_frameworks_the_article_says_which_way(read: Reader) -> None:
    result = read(
        "Ofsted and the CQC found that the Bury local area partnership's arrangements lead to "
        "inconsistent experiences and outcomes for children with SEND. Services have "
        "deteriorated since 2018, when inspectors did not ask for a written statement of action.",
        "Bury SEND inspection",
        published="2024-05-01",
    )
    assert (result["judgement"], result["previous_judgement"]) == ("send_inconsistent", "no_wsoa")
    assert result["direction"] == "declined"


def test_a_2023_reinspection_compares_outcomes_on_one_scale(read: Reader) -> None:
    result = read(
        "Inspectors found that Hampshire's arrangements typically lead to positive experiences "
        "and outcomes for children and young people with SEND. At the previous inspection in "
        "2023 the partnership's arrangements were found to lead to inconsistent experiences "
        "and outcomes.",
        "Hampshire SEND services get Ofsted and CQC's top outcome",
        published="2026-02-01",
    )
    assert (result["judgement"], result["previous_judgement"]) == (
        "send_positive",
        "send_inconsistent",
    )
    assert result["direction"] == "improved"


def test_a_single_inspection_framework_list_of_capitalised_grades(read: Reader) -> None:
    result = read(
        "Ofsted has published its inspection of Croydon's services for children. Overall, "
        "children's services in Croydon are inadequate.\n"
        "Children who need help and protection – Inadequate\n"
        "Children looked after and achieving permanence – Requires improvement\n"
        "Adoption performance – Good\n"
        "Experiences and progress of care leavers – Requires improvement\n"
        "Leadership, management and governance – Inadequate",
        "Croydon children's services inadequate",
        published="2017-09-01",
    )
    assert (result["inspection_type"], result["judgement"]) == ("sif", "inadequate")
    assert result["grades"] == {
        "overall_effectiveness": "inadequate",
        "help_and_protection": "inadequate",
        "children_in_care": "requires_improvement",
        "care_leavers": "requires_improvement",
        "impact_of_leaders": "inadequate",
    }


NOW_AND_BEFORE = [
    (
        "Ofsted has rated them good, an upgrade from 'requires improvement'.",
        "good",
        "requires_improvement",
        "improved",
    ),
    (
        "Ofsted has rated them good, having been rated inadequate at the previous inspection.",
        "good",
        "inadequate",
        "improved",
    ),
    (
        "Ofsted has judged them good. Their previous rating was 'requires improvement'.",
        "good",
        "requires_improvement",
        "improved",
    ),
    (
        "Last rated good in 2016, they have now been judged outstanding by Ofsted.",
        "outstanding",
        "good",
        "improved",
    ),
    ("Ofsted has rated them inadequate, down from good.", "inadequate", "good", "declined"),
    (
        "They have improved from requires improvement to good, Ofsted says.",
        "good",
        "requires_improvement",
        "improved",
    ),
    (
        "Ofsted has rated them good. They were rated requires improvement at the last inspection.",
        "good",
        "requires_improvement",
        "improved",
    ),
]


@pytest.mark.parametrize(("sentence", "now", "before", "direction"), NOW_AND_BEFORE)
def test_now_and_before_in_a_sentence(
    sentence: str, now: str, before: str, direction: str, read: Reader
) -> None:
    result = read(
        f"Oldham Council's children's services were inspected in May. {sentence}",
        "Oldham children's services: Ofsted report published",
    )
    assert (result["judgement"], result["previous_judgement"]) == (now, before)
    assert result["direction"] == direction


def test_a_report_published_after_the_reform_on_an_earlier_inspection_keeps_its_overall_grade(
    read: Reader,
) -> None:
    """Eight real reports published in May and June 2026 came from inspections before April
    and carry an overall effectiveness grade."""
    result = read(
        "Norfolk County Council's children's services have been rated outstanding by Ofsted "
        "following a short inspection in February. The overall effectiveness of services was "
        "judged outstanding, up from good in 2023.",
        "Norfolk children's services rated outstanding",
        published="2026-05-19",
    )
    assert (result["judgement"], result["previous_judgement"]) == ("outstanding", "good")
    assert result["direction"] == "improved"


def test_a_late_2026_story_that_names_only_one_grade_keeps_it(read: Reader) -> None:
    """No area grades to carry the outcome: dropping "inadequate" would hide the story from
    subscribers who filter on it."""
    result = read(
        "Children's services at Sandwell Council have been rated inadequate by Ofsted. "
        "Inspectors found serious and widespread failures which left children at risk of harm.",
        "Sandwell children's services rated inadequate",
        published="2026-11-20",
    )
    assert result["judgement"] == "inadequate"


def test_a_late_2026_story_with_area_grades_has_no_overall_grade(read: Reader) -> None:
    result = read(
        "Ofsted rated Liverpool's children's services good for help and protection, children "
        "in care and leadership, and requires improvement for care leavers. Inspectors visited "
        "in May.",
        "Liverpool children's services improve",
        published="2026-07-10",
    )
    assert result["judgement"] is None
    assert result["grades"] == {
        "help_and_protection": "good",
        "children_in_care": "good",
        "impact_of_leaders": "good",
        "care_leavers": "requires_improvement",
    }


@pytest.mark.parametrize(
    "clause",
    [
        "in the first inspection since 2022",
        "in its first full inspection",
        "in the first inspection since the new council was created",
    ],
)
def test_the_first_inspection_since_is_this_one(read: Reader, clause: str) -> None:
    result = read(
        f"Kent County Council's children's services have been rated good by Ofsted, {clause}. "
        "Inspectors praised social workers.",
        "Kent children's services rated",
    )
    assert result["relevant"] is True
    assert (result["inspection_type"], result["judgement"]) == ("ilacs", "good")


def test_inspectors_who_visited_during_a_full_inspection_do_not_make_it_a_visit(
    read: Reader,
) -> None:
    """ "Oversee improvements" once read as a visit finding improvement."""
    result = read(
        "Services for vulnerable children in Liverpool have significantly improved since they "
        "were rated inadequate three years ago, inspectors have said.\nOfsted judged three of "
        "the four areas it looked at to be good, with support for care leavers rated as "
        "requiring improvement.\nIn 2023 a commissioner was brought in to oversee "
        "improvements.\nInspectors, who visited in May, found most children now receive good "
        "services.",
        "Liverpool children's services 'significantly improved', says Ofsted",
        published="2026-07-08",
    )
    assert result["inspection_type"] == "ilacs"
    assert result["previous_judgement"] == "inadequate"
