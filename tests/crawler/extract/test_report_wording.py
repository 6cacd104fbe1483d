"""Wording variants of letters that no real fixture shows, in small PDFs built for the test."""

from __future__ import annotations

from datetime import date

import pytest

from config.vocabulary import InspectionType, Judgement
from crawler.extract.report_pdf import parse_report_pdf
from service.sample_site.report_pdf import write_pdf


def _page(*lines: str) -> bytes:
    ops = [b"BT /F1 11 Tf"]
    for number, line in enumerate(lines):
        ops.append(b"1 0 0 1 72 %d Tm (%s) Tj" % (760 - 14 * number, line.encode("cp1252")))
    return b"\n".join([*ops, b"ET"])


SEND_2016_OPENING = (
    "Joint local area special educational needs and/or disabilities (SEND) inspection in Bury",
    "Between 14 May 2018 and 18 May 2018, Ofsted and the Care Quality Commission (CQC)",
    "conducted a joint inspection of the local area of Bury to judge the effectiveness of",
    "the area in implementing the disability and special educational needs reforms.",
)


def test_2016_send_wsoa_sentence_on_page_two_is_found() -> None:
    pdf = write_pdf(
        [
            _page(*SEND_2016_OPENING),
            _page(
                "As a result of the findings of this inspection, Her Majesty's Chief Inspector",
                "(HMCI) has determined that a Written Statement of Action (WSOA) is required.",
            ),
            _page("Yours sincerely", "", "Jane Brown", "Her Majesty's Inspector"),
        ],
        "send 2016",
    )
    facts = parse_report_pdf(pdf)
    assert facts.inspection_type is InspectionType.SEND_AREA
    assert facts.judgement is Judgement.WSOA_REQUIRED
    assert facts.local_authority == "Bury"
    assert (facts.inspection_start, facts.inspection_end) == (date(2018, 5, 14), date(2018, 5, 18))
    assert facts.lead_inspector == "Jane Brown"


def test_2016_send_letter_silent_about_a_wsoa_needs_none() -> None:
    pdf = write_pdf([_page(*SEND_2016_OPENING), _page("Main findings")], "send 2016")
    facts = parse_report_pdf(pdf)
    assert facts.judgement is Judgement.NO_WSOA
    assert "joint inspection of the local area of Bury" in facts.evidence["judgement"]


@pytest.mark.parametrize(
    ("finding", "judgement"),
    [
        ("has made sufficient progress in addressing all of the", Judgement.SUFFICIENT_PROGRESS),
        (
            "has made sufficient progress in addressing four of the four",
            Judgement.SUFFICIENT_PROGRESS,
        ),
        (
            "has made sufficient progress in addressing three of the five",
            Judgement.PARTIAL_PROGRESS,
        ),
        ("has made sufficient progress in addressing 2 of the 6", Judgement.PARTIAL_PROGRESS),
        (
            "has not made sufficient progress in addressing any of the",
            Judgement.INSUFFICIENT_PROGRESS,
        ),
    ],
)
def test_send_revisit_progress(finding: str, judgement: Judgement) -> None:
    pdf = write_pdf(
        [
            _page(
                "Joint area SEND revisit in Central Bedfordshire",
                "Between 4 and 6 July 2022, Ofsted and the Care Quality Commission (CQC) revisited",
                "the area of Central Bedfordshire to decide whether sufficient progress has been",
                "made in addressing each of the areas of significant weakness.",
                f"Inspectors found that the area {finding}",
                "significant weaknesses identified at the initial inspection.",
            )
        ],
        "revisit",
    )
    facts = parse_report_pdf(pdf)
    assert facts.inspection_type is InspectionType.SEND_REVISIT
    assert facts.local_authority == "Central Bedfordshire"
    assert (facts.inspection_start, facts.inspection_end) == (date(2022, 7, 4), date(2022, 7, 6))
    assert facts.judgement is judgement


def test_full_report_mentioning_a_future_monitoring_inspection_is_not_one() -> None:
    pdf = write_pdf(
        [
            _page(
                "Area SEND inspection of Bury Local Area Partnership",
                "Inspection dates: 12 to 16 February 2024",
                "Inspection outcome",
                "There are widespread and/or systemic failings leading to significant concerns.",
                "A monitoring inspection will be carried out within approximately 18 months.",
            )
        ],
        "send",
    )
    facts = parse_report_pdf(pdf)
    assert facts.inspection_type is InspectionType.SEND_AREA
    assert facts.judgement is Judgement.SEND_SYSTEMIC_FAILINGS


def test_letter_mentioning_the_ilacs_framework_is_still_a_letter() -> None:
    pdf = write_pdf(
        [
            _page(
                "Monitoring visit of Birmingham local authority children's services",
                "This letter summarises the findings of the third monitoring visit to Birmingham",
                "children's services on 30 November and 1 December 2021.",
                "This visit was carried out in line with the",
                "inspection of local authority children's services (ILACS) framework.",
            )
        ],
        "monitoring",
    )
    facts = parse_report_pdf(pdf)
    assert facts.inspection_type is InspectionType.MONITORING_VISIT
    assert facts.judgement is Judgement.NO_GRADE
    assert facts.local_authority == "Birmingham"
    assert (facts.inspection_start, facts.inspection_end) == (date(2021, 11, 30), date(2021, 12, 1))
