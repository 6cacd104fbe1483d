"""A joint targeted area inspection that is never called one.

Reporters write "a joint inspection by Ofsted, the CQC, HMICFRS and HMI Probation" of
"the multi-agency response to ...", or list the four inspectorates, and never spell out
"JTAI". The user still wants the alert, as a JTAI with no grade (the letters are ungraded);
an inspection of a police force or youth justice service alone is not one.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

Reader = Callable[..., dict[str, Any]]

DESCRIBED = {
    "joint inspection by the four inspectorates": (
        "A joint inspection by Ofsted, the CQC, HMICFRS and HMI Probation looked at the "
        "multi-agency response to children at risk of criminal exploitation in Wigan. "
        "Inspectors said the safeguarding partners worked well together but some children "
        "waited too long for help.",
        "Gaps in how agencies protect exploited children, inspectors say",
        "Wigan",
    ),
    "inspectorates named in plain words": (
        "Inspectors from Ofsted, the CQC, the police inspectorate and the probation "
        "inspectorate visited Bristol in May to look at how agencies respond to children at "
        "risk of serious youth violence. Their letter said Bristol City Council, Avon and "
        "Somerset Police and health services needed to share information more quickly.",
        "Agencies 'must do better' for children at risk of violence in Bristol",
        "Bristol",
    ),
    "findings published, no headline": (
        "Ofsted, the CQC and the inspectorates of constabulary and probation have published "
        "their findings on the multi-agency response to serious youth violence in Southwark. "
        "The letter to Southwark Council, the Metropolitan Police and the NHS said leaders "
        "understood the risks young people face.",
        None,
        "Southwark",
    ),
}


@pytest.mark.parametrize("case", sorted(DESCRIBED))
def test_a_joint_inspection_described_is_an_ungraded_jtai(
    case: str, read: Reader, council_names: Callable[[dict[str, Any]], list[str]]
) -> None:
    text, title, council = DESCRIBED[case]
    result = read(text, title)
    assert result["relevant"] is True
    assert result["inspection_type"] == "jtai"
    assert result["judgement"] == "no_grade"
    assert council_names(result)[0].startswith(council)
    assert "Ofsted" in result["evidence"]["inspection_type"]


def test_a_police_inspection_recalling_an_ofsted_grade_is_not_a_jtai(read: Reader) -> None:
    result = read(
        "Cleveland Police has been rated inadequate at protecting vulnerable children by His "
        "Majesty's Inspectorate of Constabulary and Fire & Rescue Services. The inspection "
        "found officers did not always recognise signs of exploitation. Middlesbrough "
        "Council's children's services were rated inadequate by Ofsted in 2019.",
        "Police force 'inadequate' at protecting children, watchdog says",
    )
    assert result["relevant"] is False


NOT_A_JTAI = {
    "a police inspection following an Ofsted one": (
        "Thames Valley Police must improve how it protects children, His Majesty's "
        "Inspectorate of Constabulary and Fire & Rescue Services has said. The HMICFRS report "
        "follows an Ofsted inspection last year which found Oxfordshire County Council's "
        "children's services good. Inspectors said officers did not always record the voice "
        "of the child.",
        "Police force told to improve child protection",
    ),
    "a national review by the four inspectorates": (
        "Ofsted, the CQC, HMICFRS and HMI Probation have published a joint report drawing on "
        "inspections in six areas, including Leeds, Bristol and Kent. The report says agencies "
        "nationally need to share information better to protect children from exploitation.",
        "Inspectorates publish national review of child exploitation",
    ),
    "a youth justice inspection alongside colleagues": (
        "HM Inspectorate of Probation has rated Bradford's youth justice service requires "
        "improvement. Inspectors, working alongside colleagues from Ofsted and the police "
        "inspectorate, found case managers knew children well.",
        "Youth justice service inspection",
    ),
}


@pytest.mark.parametrize("case", sorted(NOT_A_JTAI))
def test_ofsted_beside_another_inspectorate_is_not_a_jtai(case: str, read: Reader) -> None:
    text, title = NOT_A_JTAI[case]
    assert read(text, title)["relevant"] is False


def test_a_joint_inspection_recalled_years_back_is_not_the_news(read: Reader) -> None:
    result = read(
        "Thames Valley Police must improve the way it protects vulnerable children, HMICFRS "
        "has found. The report follows an Ofsted inspection which found Oxfordshire County "
        "Council's children's services good, and a joint inspection of the county's response "
        "to child exploitation in 2023. The force said it accepted the findings.",
        "Thames Valley Police told to improve how it protects children",
        published="2025-10-22",
    )
    assert result["relevant"] is False
