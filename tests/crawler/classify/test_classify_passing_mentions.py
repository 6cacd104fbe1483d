"""A council's Ofsted rating cited while the news is something else is no alert.

Elections, parliamentary questions, recruitment pages and reports on getting
ready for the next inspection all name Ofsted, a council and a grade; none of
them reports an inspection. The positives at the end are the same settings
(committee minutes, a leader's statement) when they do report one.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

Reader = Callable[..., dict[str, Any]]

PASSING = {
    "election hustings": (
        "Mayoral hopefuls trade blows over children's services",
        "Three candidates for the Croydon mayoralty clashed over children's services at a "
        'hustings on Tuesday. The sitting mayor told the audience: "Ofsted rates our '
        "children's services good and I intend to keep it that way.\" A rival candidate said "
        "waiting lists for EHCP assessments were the longest in London.",
    ),
    "readiness report to a scrutiny panel": (
        "ILACS readiness report",
        "Officers told the panel how ready the service is for its next Ofsted visit under "
        "the framework for inspecting local authority children's services. Cheshire East had "
        "been judged requires improvement in 2022, members were reminded, and a "
        "self-assessment has gone to Ofsted ahead of an inspection at any time.",
    ),
    "a council preparing for inspection": (
        "Wirral gets ready for Ofsted inspectors",
        "Wirral Council is preparing for an Ofsted inspection of its children's services, "
        "expected later this year. The service was rated good in 2022, and a mock inspection in "
        "the spring found strengths in early help.",
    ),
    "parliamentary written question": (
        "Written question: Children's social care in Bradford",
        "To ask the Secretary of State for Education, what support her department is giving "
        "to Bradford's children's services, which Ofsted judged inadequate. The minister "
        "answered that the trust was working with an adviser and that progress was monitored "
        "every quarter.",
    ),
    "MP's speech in the Commons": (
        "Walsall MP calls for fairer funding for children's social care",
        "Walsall's MP told the House of Commons that the town's children's services, rated "
        "good by Ofsted, were being stretched by the cost of placements. She asked the "
        "minister for a fairer funding formula for councils with high levels of need.",
    ),
    "court case": (
        "Stepfather jailed for neglect of toddler in Oldham",
        "A stepfather has been jailed for five years for neglecting a two-year-old boy, "
        "Manchester Crown Court heard. The family had been known to Oldham Council's children's "
        "services, which Ofsted rated requires improvement in its last inspection. A child "
        "safeguarding practice review is under way.",
    ),
    "inquest": (
        "Inquest told teenager had been on a child protection plan",
        "An inquest has heard that a 15-year-old girl from Rochdale had been on a child "
        "protection plan before she died. The coroner was told that Rochdale's children's "
        "services were judged good by Ofsted in 2023.",
    ),
    "budget savings despite a rating": (
        "Budget: £3m savings from children's services despite 'inadequate' rating",
        "Tameside Council plans to save £3m from children's services next year, although the "
        "department is still rated inadequate by Ofsted. The proposals go to the budget meeting "
        "in February.",
    ),
    "overspend with the last inspection's year": (
        "Norfolk facing £40m overspend on children's social care",
        "Norfolk County Council is facing a £40m overspend on children's social care this "
        "year. Its children's services were rated good by Ofsted after an inspection in 2022, "
        "but the council warned that standards could slip without more money.",
    ),
    "improvement plan a year on": (
        "Cheshire East publishes SEND improvement plan",
        "Cheshire East Council has published its SEND improvement plan, which responds to the "
        "priority actions set by Ofsted and the CQC last year. The inspection in 2024 found "
        "widespread and/or systemic failings. A monitoring inspection is expected later this "
        "year.",
    ),
    "recruitment page": (
        "Children's social work jobs in Camden",
        "Why work for Camden? Ofsted judged our children's services outstanding, and we are "
        "recruiting experienced social workers for our assessment and child in need teams. We "
        "offer a competitive salary and a relocation package. View our current vacancies and "
        "apply today.",
    ),
}


@pytest.mark.parametrize("case", sorted(PASSING))
def test_a_rating_cited_in_passing_is_not_relevant(case: str, read: Reader) -> None:
    title, text = PASSING[case]
    result = read(text, title)
    assert result["relevant"] is False, result["evidence"]
    assert result["judgement"] is None and result["local_authorities"] == []


def test_minutes_reporting_a_new_inspection_stay_relevant(read: Reader) -> None:
    result = read(
        "Minutes. Item 7: Ofsted. Salford's Director told members that the February inspection "
        "had found overall effectiveness to be good, up from requires improvement at the "
        "previous inspection in 2021. Resolved: that the outcome be noted.",
        "Ofsted inspection of children's services - outcome",
        url="https://democracy.salford.gov.uk/ieListDocuments.aspx?CId=1",
    )
    assert result["relevant"] is True
    assert result["inspection_type"] == "ilacs"
    assert result["judgement"] == "good"
    assert result["previous_judgement"] == "requires_improvement"


def test_a_quoted_grade_from_the_report_still_counts(read: Reader) -> None:
    result = read(
        "Ofsted's report, published today, says: \"Children's services in Halton are now good, "
        'and leaders know their service well." Inspectors visited in March.',
        "Halton children's services praised",
    )
    assert result["relevant"] is True
    assert result["judgement"] == "good"


def test_preparing_for_adulthood_is_not_an_awaited_inspection(read: Reader) -> None:
    result = read(
        "Inspectors from Ofsted and the CQC found that the local area partnership's "
        "arrangements typically lead to positive experiences and outcomes for children and "
        "young people with SEND. Preparing for adulthood was singled out as a strength.",
        "Preparing for adulthood praised as Swindon SEND support gets top outcome",
    )
    assert result["relevant"] is True
    assert result["judgement"] == "send_positive"


def test_an_mp_asking_the_government_about_a_rated_service_is_not_relevant(
    read: Reader,
) -> None:
    result = read(
        "A Hull MP has asked the government what extra help it will give the city's children's "
        "services, which were judged requires improvement by Ofsted. Speaking in the House of "
        "Commons, he said too many children were placed far from home.",
        "MP presses ministers over Hull children's services",
    )
    assert result["relevant"] is False


def test_a_revisit_finding_progress_on_weaknesses_found_years_ago_is_news(
    read: Reader,
) -> None:
    result = read(
        "Dudley has made sufficient progress in two of its five significant weaknesses from "
        "2019, inspectors returning to the borough have found. Ofsted and the CQC said the rest "
        "had not improved enough.",
        "Dudley SEND: progress in some areas",
        url="https://www.expressandstar.com/news/2021/06/10/dudley-send-revisit/",
    )
    assert result["relevant"] is True
    assert result["inspection_type"] == "send_revisit"
    assert result["judgement"] == "partial_progress"


def test_minutes_reporting_what_inspectors_had_found_in_a_send_inspection(read: Reader) -> None:
    result = read(
        "Minutes. Item 4. SEND. The Assistant Director explained that Ofsted and the CQC, in "
        "their January inspection of Southwark's SEND partnership, had found widespread "
        "and/or systemic failings. Resolved: That the report be noted.",
        "SEND inspection - report to the Board",
        url="https://democracy.southwark.gov.uk/mgAi.aspx?ID=9",
    )
    assert result["relevant"] is True
    assert result["judgement"] == "send_systemic_failings"
    assert result["previous_judgement"] is None


def test_a_monitoring_visit_reported_without_naming_ofsted_is_relevant(read: Reader) -> None:
    result = read(
        "Torbay Council is making progress in improving services for children in need, "
        "inspectors have found. The fourth monitoring visit since the council was rated "
        "inadequate found better management oversight.",
        "Torbay making progress, monitoring visit finds",
    )
    assert result["relevant"] is True
    assert result["inspection_type"] == "monitoring_visit"
    assert result["previous_judgement"] == "inadequate"


GRADE_NO_REPORT = {
    "plan to keep a grade": (
        "Council agrees £4m plan to keep 'good' children's services",
        "Bolton Council's cabinet has agreed to spend £4m protecting its good children's "
        "services from cuts. Ofsted rated the service good in 2023.",
    ),
    "anniversary of a grade": (
        "Torbay children's services: two years on from inadequate",
        "Two years after Ofsted rated Torbay's children's services inadequate, the council says "
        "caseloads are down and 50 social workers have joined. The next monitoring visit is "
        "expected in the summer.",
    ),
    "a decade of the same grade": (
        "Trafford marks ten years of 'good' children's services",
        "Staff gathered at the town hall to mark a decade in which Ofsted has rated Trafford's "
        "children's services good at every inspection.",
    ),
    "reader's letter": (
        "Letters: Sefton's children deserve better",
        "Sir, the recent Ofsted report rating Sefton's children's services inadequate should "
        "make every councillor think again. Yours, a retired social worker, Southport.",
    ),
}


@pytest.mark.parametrize("case", sorted(GRADE_NO_REPORT))
def test_a_grade_with_no_report_behind_it_is_not_relevant(case: str, read: Reader) -> None:
    title, text = GRADE_NO_REPORT[case]
    assert read(text, title)["relevant"] is False


def test_a_short_report_of_a_kept_grade_is_relevant(read: Reader) -> None:
    result = read(
        "Trafford Council has kept its good rating for children's services after an Ofsted "
        "inspection in May.",
        "Trafford children's services still good",
    )
    assert result["relevant"] is True
    assert result["judgement"] == "good"
    assert result["direction"] == "unchanged"


def test_a_headline_giving_ofsteds_verdict_makes_a_terse_report_relevant(read: Reader) -> None:
    result = read(
        "So it is official: Barnet's children's services are outstanding. That is up a grade "
        "on the good verdict of 2021.",
        "Ofsted verdict on Barnet",
    )
    assert result["relevant"] is True
    assert result["judgement"] == "outstanding"
    assert result["previous_judgement"] == "good"
