"""Harder shapes of real reporting: what the story is about, how outcomes are worded.

Each test is a short article written for this file (no real article is copied), pinning one
way reporters write that a naive reading gets wrong.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

Reader = Callable[..., dict[str, Any]]
Names = Callable[[dict[str, Any]], list[str]]


# --- relevance: what is the story about? -------------------------------------------------


def test_a_police_force_inspected_for_child_protection_is_not_a_council(read: Reader) -> None:
    result = read(
        "Avon and Somerset Police must improve how it protects children, inspectors said.\n"
        "His Majesty's Inspectorate of Constabulary found officers did not always tell "
        "children's social care in Bristol and South Gloucestershire about concerns quickly.\n"
        "Children's services in both council areas are inspected separately by Ofsted.",
        "Police force 'too slow' to share child protection concerns, inspectors find",
    )
    assert result["relevant"] is False


def test_council_run_providers_are_not_its_childrens_services(read: Reader) -> None:
    for title, text in (
        (
            "Supported accommodation for care leavers judged good",
            "Hartlepool Borough Council's supported accommodation service for 16 and "
            "17-year-olds in care has been judged good by Ofsted in its first inspection.",
        ),
        (
            "Short breaks home rated outstanding",
            "A council-run short breaks home for disabled children in Bolton has been rated "
            "outstanding by Ofsted.",
        ),
        (
            "Council's holiday club rated good by Ofsted",
            "Dudley Council's school holiday club has been rated good by Ofsted inspectors.",
        ),
    ):
        assert read(text, title)["relevant"] is False, title


def test_a_new_director_with_an_old_rating_in_passing_is_not_news_of_an_inspection(
    read: Reader,
) -> None:
    result = read(
        "Sefton Council has appointed a new director of children's services.\n"
        "She joins from a council in Yorkshire and will start in the spring.\n"
        "The council's leader said the appointment was a vote of confidence.\n"
        "Sefton's children's services were rated inadequate by Ofsted in 2022.",
        "New director of children's services appointed in Sefton",
    )
    assert result["relevant"] is False


def test_a_recruitment_page_citing_its_rating_is_not_relevant(read: Reader) -> None:
    result = read(
        "Join an Outstanding service.\n"
        "Our children's services were judged outstanding by Ofsted.\n"
        "We offer a salary of up to £45,000, a relocation package and protected caseloads.\n"
        "Current vacancies: senior social worker, team manager.\n"
        "Apply now or call our recruitment team.",
        "Children's social work careers in Stockport",
        "https://www.stockport.gov.uk/jobs/childrens-social-work",
    )
    assert result["relevant"] is False


def test_a_feared_outcome_in_the_headline_is_not_an_inspection(read: Reader) -> None:
    result = read(
        "Leaders of special educational needs services in Torbay have told councillors they "
        "expect an area SEND inspection soon and fear it could find systemic failings.\n"
        "Their self-assessment puts the partnership between two outcomes.",
        "SEND leaders fear inspectors could find 'systemic failings'",
    )
    assert result["relevant"] is False
    assert result["judgement"] is None


def test_a_scottish_inspection_naming_an_english_neighbour_is_not_relevant(
    read: Reader,
) -> None:
    result = read(
        "The Care Inspectorate found leadership of services for children at risk in the "
        "Scottish Borders was weak.\n"
        "Inspectors rated the impact on children as adequate.\n"
        "Northumberland County Council, across the border, is inspected by Ofsted.",
        "Care Inspectorate finds 'weak' leadership of children's services in Scottish Borders",
    )
    assert result["relevant"] is False


def test_without_a_headline_the_opening_sentence_names_the_subject(read: Reader) -> None:
    result = read(
        "A special school for pupils with autism in Essex has been rated inadequate by "
        "Ofsted.\nInspectors said some pupils' plans had not been reviewed.\n"
        "Essex County Council, which places pupils there, is reviewing every placement.\n"
        "The county's local area SEND partnership is inspected separately.",
    )
    assert result["relevant"] is False


def test_an_inspection_under_way_is_relevant_without_a_judgement(read: Reader) -> None:
    result = read(
        "Ofsted inspectors arrived at Swindon Borough Council this week to begin a full "
        "inspection of its children's services.\nThe findings are expected in the new year.\n"
        "Opposition councillors fear the service could be rated inadequate.",
        "Ofsted inspectors arrive to examine Swindon children's services",
    )
    assert result["relevant"] is True
    assert (result["inspection_type"], result["judgement"]) == ("ilacs", None)


def test_a_send_monitoring_inspection_needs_no_named_inspectorate(read: Reader) -> None:
    result = read(
        "The partnership responsible for special educational needs services in Wakefield has "
        "not taken effective action on any of its areas for priority action, a monitoring "
        "inspection has found.\nThe partnership received widespread and/or systemic failings "
        "in 2024.",
        None,
        published="2026-03-01",
    )
    assert result["relevant"] is True
    assert result["inspection_type"] == "send_monitoring"
    assert result["judgement"] == "insufficient_progress"


# --- councils ------------------------------------------------------------------------------


def test_north_and_west_northamptonshire_are_two_councils(
    read: Reader, council_names: Names
) -> None:
    result = read(
        "Ofsted has published its inspection reports for North Northamptonshire Council and "
        "West Northamptonshire Council. Both councils' children's services were judged to "
        "require improvement to be good.",
        "Ofsted reports published for North and West Northamptonshire",
    )
    assert council_names(result) == ["North Northamptonshire", "West Northamptonshire"]


def test_the_address_settles_a_shared_name(read: Reader, council_names: Names) -> None:
    result = read(
        "Children's social care in the Royal Borough has kept its good Ofsted rating.\n"
        "Social care here is run by a company which also runs children's services for "
        "Kingston and Richmond.",
        "Royal Borough's children's services rated good again",
        "https://www.windsorexpress.co.uk/gallery/windsor/1234/royal-borough-childrens-services.html",
    )
    assert council_names(result)[0] == "Windsor and Maidenhead"


def test_an_outlets_area_section_is_not_a_second_subject(
    read: Reader, council_names: Names
) -> None:
    result = read(
        "Staffordshire County Council's children's services have been rated good by Ofsted.\n"
        "Stoke-on-Trent City Council, which is separately responsible for children's "
        "services in the city, was last inspected in 2022.",
        "Staffordshire children's services rated good",
        "https://www.stokesentinel.co.uk/news/stoke-on-trent-news/staffordshire-ofsted-123",
    )
    assert council_names(result) == ["Staffordshire"]


def test_a_round_up_naming_one_council_a_sentence(read: Reader, council_names: Names) -> None:
    result = read(
        "Three councils in the north east have received very different SEND inspection "
        "results.\nOfsted and the CQC found that Gateshead's arrangements typically lead to "
        "positive experiences and outcomes.\nSunderland's were found to lead to inconsistent "
        "experiences and outcomes.\nIn South Tyneside, inspectors found widespread and/or "
        "systemic failings.\nNewcastle was not part of this round of inspections.",
        "SEND support in three north east areas rated very differently",
        published="2025-05-01",
    )
    assert council_names(result) == ["Gateshead", "Sunderland", "South Tyneside"]
    assert result["inspection_type"] == "send_area"
    assert result["judgement"] is None  # three areas, three outcomes


# --- SEND outcomes in other words -------------------------------------------------------


def test_no_statement_of_action_in_several_wordings(read: Reader) -> None:
    for sentence in (
        "Inspectors did not ask the area to produce a written statement of action.",
        "There was no requirement for a written statement of action.",
        "No written statement of action was required.",
        "The local area will not have to produce a statement of action.",
    ):
        result = read(
            "A joint inspection by Ofsted and the CQC of special educational needs and "
            f"disabilities services in Wirral found much to praise. {sentence}",
            "Wirral SEND services praised by inspectors",
            published="2019-03-01",
        )
        assert result["judgement"] == "no_wsoa", sentence


def test_revisit_progress_all_some_none_in_other_words(read: Reader) -> None:
    cases = (
        (
            "The revisit found the area had made sufficient progress in tackling every one "
            "of the weaknesses.",
            "sufficient_progress",
        ),
        (
            "The revisit found sufficient progress in addressing three of the four "
            "significant weaknesses. Insufficient progress had been made on the fourth.",
            "partial_progress",
        ),
        (
            "Services have not made sufficient progress in any of the areas inspectors "
            "criticised, the revisit found.",
            "insufficient_progress",
        ),
    )
    for sentence, expected in cases:
        result = read(
            "Ofsted and the CQC revisited Medway to check progress against the written "
            f"statement of action drawn up after their 2019 inspection. {sentence}",
            "Medway SEND revisit letter published",
            published="2022-06-01",
        )
        assert result["inspection_type"] == "send_revisit", sentence
        assert result["judgement"] == expected, sentence


def test_effective_action_in_one_area_is_partial_progress(read: Reader) -> None:
    result = read(
        "Ofsted and the CQC carried out a monitoring inspection of the Suffolk SEND "
        "partnership, 18 months after finding widespread and/or systemic failings.\nThe "
        "letter says the partnership is taking effective action in one of its three areas "
        "for priority action. It has not yet taken effective action on the other two.",
        "Mixed progress for Suffolk SEND after monitoring inspection",
    )
    assert result["inspection_type"] == "send_monitoring"
    assert result["judgement"] == "partial_progress"
    assert result["direction"] == "improved"


def test_a_monitoring_letter_that_says_things_got_worse_is_declined(read: Reader) -> None:
    result = read(
        "The Sandwell SEND partnership is not taking effective action in either of its two "
        "areas for priority action, a monitoring inspection has found.\nInspectors said the "
        "situation had deteriorated since the 2023 inspection.",
        "Sandwell SEND monitoring inspection",
        published="2025-02-01",
    )
    assert result["judgement"] == "insufficient_progress"
    assert result["direction"] == "declined"


def test_a_2023_framework_reinspection_is_not_a_revisit(read: Reader) -> None:
    result = read(
        "Inspectors from Ofsted and the CQC returned to Portsmouth in January 2026 for a full "
        "inspection, two years after they found in 2023 that the local area partnership's "
        "arrangements led to inconsistent experiences and outcomes.\nThis time they found the "
        "arrangements typically lead to positive experiences and outcomes.",
        "Portsmouth SEND partnership moves up to top outcome",
    )
    assert result["inspection_type"] == "send_area"
    assert (result["judgement"], result["previous_judgement"]) == (
        "send_positive",
        "send_inconsistent",
    )
    assert result["direction"] == "improved"


# --- graded inspections ------------------------------------------------------------------


def test_the_2026_framework_named_in_other_words(read: Reader) -> None:
    result = read(
        "Barnet was inspected in June under new rules which mean councils are no longer given "
        "a single overall grade.\nInspectors rated the impact of leaders as good, and help and "
        "protection as requiring improvement.",
        "Barnet children's services inspection",
    )
    assert result["judgement"] is None
    assert result["grades"] == {
        "impact_of_leaders": "good",
        "help_and_protection": "requires_improvement",
    }


def test_a_change_still_to_come_leaves_the_overall_grade(read: Reader) -> None:
    result = read(
        "Derby's children's services have been rated good by Ofsted.\nOverall effectiveness "
        "was judged good.\nIt is the last inspection before new arrangements come in, under "
        "which councils will no longer receive an overall effectiveness grade.",
        "Derby children's services rated good",
        published="2026-03-10",
    )
    assert result["judgement"] == "good"
    assert result["grades"]["overall_effectiveness"] == "good"


def test_care_leavers_graded_apart_use_the_five_judgement_keys(read: Reader) -> None:
    result = read(
        "Plymouth's children's services still require improvement to be good, Ofsted found.\n"
        "Children in care were rated good, but help and protection, care leavers and the "
        "impact of leaders all required improvement.",
        "Plymouth children's services still require improvement",
    )
    assert result["grades"] == {
        "overall_effectiveness": "requires_improvement",
        "children_in_care": "good",
        "help_and_protection": "requires_improvement",
        "care_leavers": "requires_improvement",
        "impact_of_leaders": "requires_improvement",
    }


def test_same_rating_as_before_is_the_previous_judgement(read: Reader) -> None:
    result = read(
        "Children's services in Calderdale have been rated good by Ofsted.\nThis is the same "
        "rating the council received at its previous inspection in 2018.",
        "Children's services rated Good by Ofsted",
        published="2024-04-01",
    )
    assert (result["judgement"], result["previous_judgement"]) == ("good", "good")
    assert result["direction"] == "unchanged"
    assert "same rating" in result["evidence"]["previous_judgement"]


def test_losing_a_grade_in_the_headline_is_the_previous_one(read: Reader) -> None:
    result = read(
        "Cheshire East Council was rated good in 2019 but Ofsted inspectors who visited in July "
        "said the service now requires improvement to be good.",
        "Cheshire East children's services lose 'good' rating",
        published="2024-09-01",
    )
    assert (result["judgement"], result["previous_judgement"]) == (
        "requires_improvement",
        "good",
    )
    assert result["direction"] == "declined"


def test_a_safeguarding_boards_grade_is_not_the_councils(read: Reader) -> None:
    result = read(
        "Ofsted inspectors judged that Salford's services for children who need help and "
        "protection, children looked after and care leavers, and leadership, management and "
        "governance all require improvement to be good.\nThe Salford Safeguarding Children "
        "Board was judged to be good.",
        "Salford children's services no longer inadequate",
        published="2016-02-01",
    )
    assert result["judgement"] == "requires_improvement"
    assert "good" not in result["grades"].values()


def test_years_after_in_the_lead_dates_an_undated_story(read: Reader) -> None:
    result = read(
        "Rochdale's children's services have been rated good in every area by Ofsted, four "
        "years after the council was told its services were inadequate.\nIn 2019 the council "
        "was rated inadequate.\nHelp and protection, children in care, care leavers and the "
        "impact of leaders were all judged good.",
        "Rochdale children's services rated good four years after inadequate verdict",
    )
    assert (result["judgement"], result["previous_judgement"]) == ("good", "inadequate")
    assert "care_leavers" in result["grades"]  # 2023: the five-judgement framework


def test_a_year_after_since_does_not_make_a_grade_historic(read: Reader) -> None:
    result = read(
        "Devon's children's services remain inadequate, Ofsted has ruled.\nInspectors found "
        "some improvements since 2020, but said help and protection was still inadequate, as "
        "was the impact of leaders.",
        "Devon children's services remain inadequate",
    )
    assert result["grades"]["help_and_protection"] == "inadequate"
    assert result["grades"]["impact_of_leaders"] == "inadequate"


def test_minutes_report_findings_in_the_past_perfect(read: Reader) -> None:
    result = read(
        "Minutes:\nThe Cabinet considered a report setting out the outcome of the Ofsted "
        "inspection of children's services.\nThe Council's services had been judged Good "
        "overall.\nRESOLVED that the outcome be noted.",
        "Cabinet - Ofsted inspection of children's services",
        "https://moderngov.trafford.gov.uk/mgAi.aspx?ID=1",
    )
    assert result["judgement"] == "good"
    assert result["previous_judgement"] is None


def test_visit_progress_in_plain_words(read: Reader) -> None:
    for title, body in (
        (
            "Harrow children's services improving, say Ofsted inspectors",
            "Inspectors carried out a monitoring visit to Harrow Council in August, six months "
            "after children's services were rated inadequate.",
        ),
        (
            "Ofsted finds 'stronger' child protection work at Barnsley",
            "Social work for children at risk in Barnsley has got better since the council's "
            "last full inspection, Ofsted said after a focused visit.",
        ),
    ):
        result = read(body, title)
        assert result["judgement"] == "no_grade", title
        assert result["direction"] == "improved", title


def test_grades_said_of_other_councils_are_not_this_inspections(read: Reader) -> None:
    result = read(
        "Wigan Council's children's services were judged good overall by Ofsted after an "
        "inspection in September, the same rating as in 2019.\nElsewhere in Greater "
        "Manchester, Bury and Oldham councils remain under government oversight after being "
        "judged inadequate.",
        "Wigan children's services keep good rating",
        published="2023-11-01",
    )
    assert (result["judgement"], result["previous_judgement"]) == ("good", "good")
    assert result["direction"] == "unchanged"


def test_one_councils_earlier_grade_is_not_a_round_ups_previous(read: Reader) -> None:
    result = read(
        "Three councils have been praised by Ofsted in focused visits to their children's "
        "services.\nIn Knowsley, inspectors found a timely response to children at risk.\nIn "
        "Halton, which was rated inadequate in 2018, work with children at risk of "
        "exploitation was now a strength.\nIn Wirral, care leavers found strong support.",
        "Merseyside councils praised in Ofsted visits",
        published="2019-12-01",
    )
    assert result["inspection_type"] == "focused_visit"
    assert len(result["local_authorities"]) == 3
    assert result["previous_judgement"] is None


def test_more_ways_of_saying_what_was_before(read: Reader) -> None:
    result = read(
        "Swindon Borough Council's children's services have been graded inadequate by Ofsted.\n"
        "It is a fall from the requires improvement rating given in 2022.",
        "Council 'disappointed' by Ofsted verdict",
        published="2025-03-01",
    )
    assert (result["judgement"], result["previous_judgement"]) == (
        "inadequate",
        "requires_improvement",
    )
    result = read(
        "Norfolk County Council's children's services have been rated good by Ofsted.\nThe "
        "judgement is the same as at the last inspection in 2018.",
        "Ofsted rates Norfolk children's services 'good'",
        published="2024-02-10",
    )
    assert (result["previous_judgement"], result["direction"]) == ("good", "unchanged")


def test_leaders_judged_good_is_the_leadership_grade(read: Reader) -> None:
    result = read(
        "Lewisham Council's children's services require improvement, Ofsted said.\nLeaders "
        "were judged to be good.",
        "Ofsted: Lewisham children's services 'require improvement'",
    )
    assert result["grades"]["impact_of_leaders"] == "good"
    assert result["judgement"] == "requires_improvement"


def test_a_council_inside_an_nhs_bodys_name_is_not_a_second_subject(
    read: Reader, council_names: Names
) -> None:
    result = read(
        "Inspectors from Ofsted and the CQC found that Kent County Council and NHS Kent and "
        "Medway had not made sufficient progress in addressing any of the significant "
        "weaknesses identified in 2019.",
        "Kent SEND services still not good enough, say inspectors",
        published="2022-11-01",
    )
    assert council_names(result) == ["Kent"]
    assert result["judgement"] == "insufficient_progress"


def test_a_standing_grade_with_no_inspection_is_not_news(read: Reader) -> None:
    result = read(
        "The Director reported on the annual engagement meeting with Ofsted.\nNo inspection "
        "had taken place this year.\nThe service remains rated outstanding following its "
        "2019 inspection.",
        "Annual conversation with Ofsted",
        "https://democracy.hants.gov.uk/mgAi.aspx?ID=1",
    )
    assert result["relevant"] is False


def test_the_chief_inspectors_national_report_is_not_a_councils_inspection(
    read: Reader,
) -> None:
    result = read(
        "His Majesty's Chief Inspector said councils across England were struggling to find "
        "homes for children in care.\nOfsted's annual report found the number of children "
        "placed far from home had risen.\nIn Leeds and Bradford, costs have soared.",
        "Ofsted chief inspector warns of 'crisis' in children's social care",
    )
    assert result["relevant"] is False


def test_a_former_council_in_the_headline_yields_to_the_successor_named(
    read: Reader, council_names: Names
) -> None:
    result = read(
        "Inspectors carried out a focused visit to Westmorland and Furness Council in "
        "October, looking at support for care leavers.\nTheir letter, published today, said "
        "young people had trusted relationships with their personal advisers.",
        "Ofsted praises Cumbria's care leavers support in focused visit",
    )
    assert council_names(result) == ["Westmorland and Furness"]


def test_having_been_judged_in_a_year_dates_the_story_after_it(read: Reader) -> None:
    result = read(
        "Tower Hamlets Council's children's services have been rated outstanding by Ofsted, "
        "having been judged inadequate in 2017.",
        "Tower Hamlets children's services rated outstanding",
    )
    assert result["inspection_type"] == "ilacs"  # after 2017: not the single inspection framework
    assert (result["judgement"], result["previous_judgement"]) == ("outstanding", "inadequate")


def test_a_resignation_over_an_inspection_is_still_about_it(read: Reader) -> None:
    result = read(
        "Bury's director of children's services has resigned ahead of a highly critical "
        "Ofsted report.\nHer departure follows an unannounced Ofsted visit in July and a "
        "letter in August, which found serious weaknesses in how the council managed risk.\n"
        "Inspectors said some children had been left at risk of harm.",
        "Bury children's director quits over Ofsted probe",
    )
    assert result["relevant"] is True


def test_a_round_up_of_councils_named_once_each_is_still_a_round_up(
    read: Reader, council_names: Names
) -> None:
    """Four councils, one sentence each: a regional round-up, not a national story."""
    result = read(
        "Three councils have improved their Ofsted ratings for children's services while one "
        "has fallen to inadequate. Knowsley and Sefton both moved from inadequate to requires "
        "improvement, and Wirral was rated good. Halton was judged inadequate, down from "
        "requires improvement.",
        "Ofsted judgements: three councils improve, one falls to inadequate",
    )
    assert result["relevant"] is True
    assert council_names(result) == ["Knowsley", "Sefton", "Wirral", "Halton"]


def test_a_headline_about_councils_announces_a_round_up(read: Reader, council_names: Names) -> None:
    result = read(
        "Gateshead's children's services were rated outstanding in June. Newcastle City Council "
        "was judged good in September, while Sunderland, run by Together for Children, kept its "
        "outstanding rating. Northumberland was rated requires improvement in October.",
        "Ofsted verdicts: how the North East's councils fared this year",
    )
    assert council_names(result) == [
        "Gateshead",
        "Newcastle upon Tyne",
        "Sunderland",
        "Northumberland",
    ]
