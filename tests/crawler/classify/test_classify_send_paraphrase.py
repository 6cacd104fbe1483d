"""Area SEND outcomes in a reporter's own words, and the words that are no outcome.

The 2023 framework has three outcomes; reporters name them by their place on
the scale ("the lowest of three", "the middle outcome", "the strongest result")
or by what the report found ("serious failings across the partnership",
"children ... have inconsistent experiences"). An aim ("the best outcomes for
children"), a fear or an outcome avoided is none of them. Under the 2016
framework, "no significant weaknesses" means no written statement of action.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

Reader = Callable[..., dict[str, Any]]

PARAPHRASES = {
    "lowest of three": (
        "Torbay's SEND services have received the lowest of three possible outcomes, the CQC "
        "and Ofsted report says.",
        "send_systemic_failings",
    ),
    "failings across the partnership": (
        "Swindon: Ofsted and CQC inspectors found serious failings across the partnership "
        "responsible for SEND.",
        "send_systemic_failings",
    ),
    "worst rating": (
        "Ofsted and the CQC handed Luton's SEND services the worst rating an area can get, and "
        "the partnership must now write a plan.",
        "send_systemic_failings",
    ),
    "have inconsistent experiences": (
        "Ofsted and the CQC said children and young people with SEND in Bexley have "
        "inconsistent experiences, depending on where they live.",
        "send_inconsistent",
    ),
    "middle outcome": (
        "Reading's SEND partnership received the middle outcome of the three after an "
        "inspection by Ofsted and the Care Quality Commission.",
        "send_inconsistent",
    ),
    "systemic failures": (
        "Ofsted and the CQC identified widespread and systemic failures in Torbay's support for "
        "children with SEND.",
        "send_systemic_failings",
    ),
    "most positive of three": (
        "Torbay's SEND partnership received the most positive of the three outcomes from "
        "Ofsted and the CQC.",
        "send_positive",
    ),
    "experiences vary too much": (
        "Ofsted and the CQC inspected Torbay's local area partnership in March. Their report "
        "says experiences for children with SEND vary too much.",
        "send_inconsistent",
    ),
    "bottom category": (
        "Hull's SEND partnership sits in the bottom category after its inspection by the CQC "
        "and Ofsted.",
        "send_systemic_failings",
    ),
    "strongest result": (
        "In Rutland the SEND arrangements lead to positive experiences and outcomes for most "
        "children, Ofsted and the CQC say: the best result an area can get.",
        "send_positive",
    ),
    "middle one of three": (
        "Dorset's SEND partnership has been given the middle one of three possible outcomes by "
        "Ofsted and the CQC.",
        "send_inconsistent",
    ),
    "most positive outcome": (
        "Rutland's local area partnership for special educational needs and disabilities has "
        "received the most positive outcome from Ofsted and the CQC.",
        "send_positive",
    ),
    "most serious outcome": (
        "Ofsted and the CQC gave Wirral's SEND partnership the most serious outcome an area "
        "can receive.",
        "send_systemic_failings",
    ),
    "most positive judgement": (
        "Ofsted and the CQC gave Halton's local area SEND partnership the most positive "
        "judgement an area can receive.",
        "send_positive",
    ),
    "middle-ranking outcome": (
        "Halton's SEND partnership was given the middle-ranking outcome by Ofsted and the CQC.",
        "send_inconsistent",
    ),
    "widespread or systemic failings": (
        "Support for children with special educational needs in Sefton has widespread or "
        "systemic failings, Ofsted and the CQC said.",
        "send_systemic_failings",
    ),
}


@pytest.mark.parametrize("case", sorted(PARAPHRASES))
def test_a_paraphrased_2023_outcome(case: str, read: Reader) -> None:
    text, expected = PARAPHRASES[case]
    result = read(text, "SEND inspection outcome published")
    assert result["inspection_type"] == "send_area"
    assert result["judgement"] == expected
    assert result["evidence"]["judgement"]


def test_an_outcome_avoided_is_not_the_outcome(read: Reader) -> None:
    result = read(
        "Ofsted and the CQC found that Bromley's SEND arrangements lead to inconsistent "
        "experiences and outcomes. The partnership avoided the lowest rating, which would have "
        "meant a monitoring inspection.",
        "Bromley SEND inspection outcome",
    )
    assert result["judgement"] == "send_inconsistent"


def test_an_aim_for_the_best_outcomes_is_no_outcome(read: Reader) -> None:
    result = read(
        "Sefton's SEND services are being inspected by Ofsted and the CQC this week. The "
        "council hopes for the best outcome for its children and the highest rating.",
        "Inspectors in Sefton to look at SEND support",
    )
    assert result["judgement"] is None


def test_no_significant_weaknesses_means_no_statement_of_action(read: Reader) -> None:
    result = read(
        "Calderdale has no significant weaknesses in its SEND arrangements, according to the "
        "letter Ofsted and the CQC sent after their inspection.",
        "Calderdale SEND inspection letter",
    )
    assert result["judgement"] == "no_wsoa"


def test_a_monitoring_inspection_with_progress_on_one_priority_of_three(read: Reader) -> None:
    result = read(
        "The partnership responsible for SEND services in Kent is not taking effective action, "
        "Ofsted and the CQC have said after a monitoring inspection. Inspectors said it had made "
        "progress on one priority but not on the other two.",
        "Kent SEND monitoring inspection",
    )
    assert result["inspection_type"] == "send_monitoring"
    assert result["judgement"] == "partial_progress"


def test_progress_had_been_made_in_all_areas_is_sufficient(read: Reader) -> None:
    result = read(
        "On their return to Walsall in February, CQC and Ofsted inspectors decided that "
        "sufficient progress had been made in all five areas of significant weakness.",
        "Walsall SEND revisit",
    )
    assert result["inspection_type"] == "send_revisit"
    assert result["judgement"] == "sufficient_progress"


REVISITS = {
    "enough progress in all": (
        "Ofsted and the CQC revisited Oldham's SEND services and found the area had made "
        "enough progress in all of the significant weaknesses identified in 2019.",
        "sufficient_progress",
    ),
    "progress made in each": (
        "Ofsted and the CQC revisited Oldham's SEND services and said progress has been made "
        "in each of the areas of significant weakness.",
        "sufficient_progress",
    ),
    "four of the five": (
        "Ofsted and the CQC revisited Oldham and found it had made sufficient progress in "
        "addressing four of the five significant weaknesses found in 2019.",
        "partial_progress",
    ),
    "addressed all": (
        "A revisit by the CQC and Ofsted concluded that Oldham has addressed all of its SEND "
        "weaknesses from 2019.",
        "sufficient_progress",
    ),
    "none": (
        "Ofsted and the CQC revisited Oldham and found it had not made sufficient progress in "
        "any of the significant weaknesses identified in 2019.",
        "insufficient_progress",
    ),
}


@pytest.mark.parametrize("case", sorted(REVISITS))
def test_a_revisit_in_one_sentence(case: str, read: Reader) -> None:
    text, expected = REVISITS[case]
    result = read(text, "Oldham SEND revisit")
    assert result["relevant"] is True
    assert result["inspection_type"] == "send_revisit"
    assert result["judgement"] == expected


def test_a_budget_story_recalling_a_dated_revisit_is_not_relevant(read: Reader) -> None:
    result = read(
        "Essex County Council's budget was approved after a debate about the cost of SEND. "
        "Opposition councillors pointed to a 2019 inspection which found significant "
        "weaknesses and a 2022 revisit that found insufficient progress. The budget includes a "
        "4.99 per cent rise in council tax.",
        "Essex councillors clash over SEND deficit in budget debate",
        published="2025-02-14",
    )
    assert result["relevant"] is False


def test_mixed_experiences_do_not_turn_a_revisit_into_a_full_inspection(read: Reader) -> None:
    result = read(
        "Ofsted and the CQC revisited Torbay in March. Inspectors found that experiences for "
        "families are still mixed, but sufficient progress had been made in all four areas of "
        "significant weakness.",
        "Torbay SEND revisit",
    )
    assert result["inspection_type"] == "send_revisit"
    assert result["judgement"] == "sufficient_progress"


def test_the_highest_rating_of_the_childrens_services_scale_is_not_the_send_outcome(
    read: Reader,
) -> None:
    """ "Highest" tied to an outstanding children's services grade says nothing of SEND."""
    result = read(
        "Ofsted and the CQC inspected Cornwall's local area SEND partnership in March. The "
        "council's children's services were rated outstanding, the highest rating, in 2019. "
        "Inspectors found children with special educational needs have inconsistent "
        "experiences and outcomes.",
        "Cornwall SEND: inspectors find inconsistent support",
    )
    assert result["judgement"] == "send_inconsistent"


def test_one_of_three_possible_outcomes_explains_the_scale(read: Reader) -> None:
    result = read(
        "Ofsted and the CQC will publish Kent's SEND inspection report next month. Each area "
        "receives one of three possible outcomes.",
        "Kent awaits SEND inspection report",
    )
    assert result["judgement"] is None
