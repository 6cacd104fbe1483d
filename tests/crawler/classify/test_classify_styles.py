"""Whole articles in the styles the crawler meets: BBC pages with captions and follow
lines, local papers with READ MORE links and ad slots, council releases, sector press,
committee minutes and NHS pages. Each pins what a reporter would read from it."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from crawler.classify import Document, classify

ARTICLES: list[tuple[str, dict[str, Any], dict[str, Any]]] = [
    (
        "bbc style ilacs",
        {
            "title": "Calderdale children's services rated outstanding",
            "text": (
                "Calderdale children's services rated outstanding\n\n  • "
                "Published\nImage source, Getty Images\nImage caption,\nInspectors "
                "visited in June\n\nA council's services for vulnerable children "
                "have been rated outstanding by Ofsted.\n\nCalderdale Council's "
                "children's services were previously judged good in "
                '2018.\n\nInspectors said leaders had a "relentless focus" on '
                "improving the lives of children in care.\n\nThe council's cabinet "
                'member for children said staff should be "incredibly '
                'proud".\n\nFollow BBC Yorkshire on Facebook, X and Instagram. Send '
                "your story ideas to yorkslincs.news@bbc.co.uk."
            ),
        },
        {
            "relevant": True,
            "council": "Calderdale",
            "kind": "ilacs",
            "judgement": "outstanding",
            "previous": "good",
            "direction": "improved",
        },
    ),
    (
        "local paper RI noise",
        {
            "title": "Ofsted: Bolton children's services 'require improvement'",
            "text": (
                "Sign up to our daily newsletter\nBolton Council's children's "
                'services have been told they "require improvement to be good" '
                "after an Ofsted inspection.\nREAD MORE: Bolton bus lane fines "
                "rise\nInspectors visited the town in February and found that while "
                "most children were safe, some waited too long for "
                "assessments.\nThe service was rated good at its last inspection in "
                "2019, meaning the rating has fallen.\nAdvertisement Hide Ad\nA "
                'council spokesperson said: "We accept the findings and have '
                'already begun making changes."'
            ),
        },
        {
            "relevant": True,
            "council": "Bolton",
            "judgement": "requires_improvement",
            "previous": "good",
            "direction": "declined",
        },
    ),
    (
        "council press release good",
        {
            "title": "Children's services in Dudley judged good",
            "url": "https://www.dudley.gov.uk/news/childrens-services-judged-good/",
            "text": (
                "Dudley Council is celebrating after Ofsted judged its children's "
                "services to be good in every area.\nThe inspection, which took "
                "place over three weeks in March, looked at the help and "
                "protection of children, children in care, care leavers and the "
                "impact of leaders.\nCouncillor Ruth Buttery, cabinet member for "
                "children's services, said: \"This is a fantastic result for our "
                'staff and our children."'
            ),
        },
        {"relevant": True, "council": "Dudley", "kind": "ilacs", "judgement": "good"},
    ),
    (
        "sector press monitoring",
        {
            "title": "Ofsted finds 'slow progress' at inadequate council",
            "url": (
                "https://www.communitycare.co.uk/2022/03/01/ofsted-finds-slow-progre"
                "ss-at-inadequate-council/"
            ),
            "text": (
                "Ofsted has found slow progress at a council whose children's "
                "services were rated inadequate last year.\nIn a letter following "
                "its second monitoring visit to Bradford, inspectors said that "
                "while senior leaders understood the scale of the challenge, too "
                "many children still experienced delays.\nThe council has been run "
                "by the Bradford Children and Families Trust since April."
            ),
        },
        {
            "relevant": True,
            "council": "Bradford",
            "kind": "monitoring_visit",
            "judgement": "no_grade",
            "previous": "inadequate",
            "direction": "unchanged",
        },
    ),
    (
        "minutes focused visit",
        {
            "title": "Ofsted Focused Visit Outcome",
            "url": "https://democracy.wigan.gov.uk/ieListDocuments.aspx?CId=1",
            "text": (
                "Minutes:\nThe Director of Children's Services presented the "
                "outcome of the Ofsted focused visit carried out in November, "
                "which considered the council's arrangements for children in need "
                "and those subject to a child protection plan.\nMembers noted the "
                "strengths identified in the letter and the two areas for "
                "improvement.\nRESOLVED: That the report be noted."
            ),
        },
        {"relevant": True, "council": "Wigan", "kind": "focused_visit", "judgement": "no_grade"},
    ),
    (
        "nhs page send 2023",
        {
            "title": "SEND inspection outcome",
            "url": "https://www.icb.nhs.uk/news/send-inspection",
            "text": (
                "The Coventry local area partnership, which includes Coventry City "
                "Council and NHS Coventry and Warwickshire Integrated Care Board, "
                "has received its area SEND inspection report from Ofsted and the "
                "Care Quality Commission.\nInspectors found that the partnership's "
                "arrangements lead to inconsistent experiences and outcomes for "
                "children and young people with special educational needs and "
                "disabilities.\nThe partnership must now update its strategic plan."
            ),
        },
        {
            "relevant": True,
            "council": "Coventry",
            "kind": "send_area",
            "judgement": "send_inconsistent",
        },
    ),
    (
        "school negative with council",
        {
            "title": "Ofsted rates Leeds primary good",
            "text": (
                "A primary school in Leeds has been rated good by Ofsted for the "
                "first time.\nInspectors praised the headteacher and said pupils "
                "behaved well.\nLeeds City Council's executive member for "
                "children's services congratulated the school."
            ),
        },
        {"relevant": False},
    ),
    (
        "childrens centre negative",
        {
            "title": "Children's centre praised by Ofsted",
            "text": (
                "Staff at the Brambles Children's Centre in Swindon are "
                "celebrating after Ofsted rated the nursery good.\nThe report said "
                "children made good progress and staff were caring."
            ),
        },
        {"relevant": False},
    ),
    (
        "adoption agency negative",
        {
            "title": "Regional adoption agency rated outstanding",
            "text": (
                "Adopt North East, the regional adoption agency run on behalf of "
                "Newcastle, Gateshead, North Tyneside and Northumberland councils, "
                "has been rated outstanding by Ofsted.\nInspectors said adopters "
                "were well supported throughout."
            ),
        },
        {"relevant": False},
    ),
    (
        "cqc adult care negative",
        {
            "title": "Council's adult social care rated requires improvement",
            "text": (
                "Hampshire County Council's adult social care services require "
                "improvement, according to the Care Quality Commission.\nThe CQC "
                "assessment found waiting lists for care assessments were too long."
            ),
        },
        {"relevant": False},
    ),
    (
        "jtai council release",
        {
            "title": "Partners praised in joint inspection",
            "text": (
                "A joint targeted area inspection by Ofsted, the Care Quality "
                "Commission, HMICFRS and HM Inspectorate of Probation has found "
                "that agencies in Somerset work well together to protect children "
                "from serious youth violence.\nThe inspection took place in March "
                "and focused on the multi-agency response to children at risk."
            ),
        },
        {"relevant": True, "council": "Somerset", "kind": "jtai", "judgement": "no_grade"},
    ),
    (
        "send 2016 wsoa via weaknesses",
        {
            "title": "Inspectors find weaknesses in Kent SEND services",
            "text": (
                "Ofsted and the Care Quality Commission have identified "
                "significant weaknesses in the way Kent supports children and "
                "young people with special educational needs and disabilities.\nThe "
                "joint inspection in 2019 found that families had lost confidence "
                "in the system. Kent County Council and the county's clinical "
                "commissioning groups must now set out how they will improve."
            ),
        },
        {"relevant": True, "council": "Kent", "kind": "send_area", "judgement": "wsoa_required"},
    ),
    (
        "send revisit insufficient",
        {
            "title": "Ofsted: Bexley SEND services still failing",
            "text": (
                "Services for children with special educational needs in Bexley "
                "have not made sufficient progress, Ofsted and the CQC have "
                "found.\nInspectors revisited the area in 2021 to check progress "
                "against the four significant weaknesses identified in 2019. They "
                "found that insufficient progress had been made in all four areas."
            ),
        },
        {
            "relevant": True,
            "council": "Bexley",
            "kind": "send_revisit",
            "judgement": "insufficient_progress",
            "direction": "unchanged",
        },
    ),
    (
        "send monitoring partial-ish",
        {
            "title": "Progress on SEND but more to do, inspectors say",
            "text": (
                "A monitoring inspection of SEND services in Bury by Ofsted and "
                "the CQC has found the local area partnership is making progress "
                "in one of its two areas for priority action.\nInspectors said "
                "leaders were not yet taking effective action on waiting times for "
                "assessments."
            ),
        },
        {"relevant": True, "council": "Bury", "kind": "send_monitoring"},
    ),
    (
        "previous in passing ilacs",
        {
            "title": "Derby children's services remain good",
            "text": (
                "Derby City Council's children's services remain good, according "
                "to Ofsted's latest inspection.\nThe council was previously rated "
                "inadequate in 2012, but has been rated good since "
                "2016.\nInspectors praised the council's work with care leavers."
            ),
        },
        {
            "relevant": True,
            "council": "Derby",
            "judgement": "good",
            "previous": "good",
            "direction": "unchanged",
        },
    ),
    (
        "hedged future inspection",
        {
            "title": "Warrington braced for Ofsted",
            "text": (
                "Warrington Borough Council's children's services could be judged "
                "inadequate when Ofsted inspectors return next month, a report "
                "warns.\nCouncillors were told the service was rated requires "
                "improvement in 2019 and that improvements had been slower than hoped."
            ),
        },
        {"judgement": None},
    ),
    (
        "headline inadequate with year history",
        {
            "title": "Sefton children's services rated inadequate",
            "published": "2023-07-01",
            "text": (
                "Sefton Council's children's services have been rated inadequate "
                "by Ofsted following an inspection in May.\nThe service was "
                "previously judged requires improvement in 2019.\nInspectors found "
                "widespread and serious failures."
            ),
        },
        {
            "relevant": True,
            "council": "Sefton",
            "judgement": "inadequate",
            "previous": "requires_improvement",
            "direction": "declined",
        },
    ),
    (
        "post reform bbc",
        {
            "title": "Ofsted publishes first Knowsley report under new system",
            "published": "2026-09-10",
            "text": (
                "Ofsted has published its inspection of Knowsley Council's "
                "children's services, the first under the new system, which no "
                "longer gives an overall effectiveness grade.\nHelp and protection "
                "was judged good, while care leavers were judged to require "
                "improvement. Children in care were judged good and the impact of "
                "leaders good."
            ),
        },
        {
            "relevant": True,
            "council": "Knowsley",
            "kind": "ilacs",
            "judgement": None,
            "grades": {
                "help_and_protection": "good",
                "care_leavers": "requires_improvement",
                "children_in_care": "good",
                "impact_of_leaders": "good",
            },
        },
    ),
    (
        "hospital trust and council",
        {
            "title": "Hospital trust rated inadequate",
            "text": (
                "University Hospitals of Derby and Burton NHS Foundation Trust has "
                "been rated inadequate by the Care Quality Commission. Derby City "
                "Council said it would support the trust."
            ),
        },
        {"relevant": False},
    ),
    (
        "district council story",
        {
            "title": "Chorley Council leisure centre rated good",
            "text": (
                "Chorley Council's leisure services have been praised by "
                "inspectors. Lancashire County Council runs children's services in "
                "the borough."
            ),
        },
        {"relevant": False},
    ),
    (
        "unnamed focused visit praise",
        {
            "title": "Ofsted praises Rochdale's support for care leavers",
            "text": (
                "Ofsted inspectors have praised the support Rochdale Borough "
                "Council gives young people leaving care. In a letter published "
                "after a two-day visit in March, inspectors said personal advisers "
                "knew young people well. The council was rated good at its last "
                "full inspection in 2022."
            ),
        },
        {
            "relevant": True,
            "council": "Rochdale",
            "kind": "focused_visit",
            "judgement": "no_grade",
            "previous": "good",
        },
    ),
    (
        "no longer inadequate now RI",
        {
            "title": "Blackpool children's services no longer inadequate",
            "text": (
                "Children's services in Blackpool are no longer inadequate, Ofsted "
                "has said. Inspectors who visited in January judged the service to "
                "require improvement to be good, after it was rated inadequate in 2018."
            ),
        },
        {
            "relevant": True,
            "council": "Blackpool",
            "kind": "ilacs",
            "judgement": "requires_improvement",
            "previous": "inadequate",
            "direction": "improved",
        },
    ),
    (
        "send lowest rating",
        {
            "title": "Ofsted gives Bristol SEND services lowest rating",
            "published": "2024-03-01",
            "text": (
                "Services for children with special educational needs and "
                "disabilities in Bristol have been given the lowest possible "
                "rating by Ofsted and the Care Quality Commission. Inspectors said "
                "there were widespread failings and the local area partnership "
                "must address them urgently."
            ),
        },
        {
            "relevant": True,
            "council": "Bristol, City of",
            "kind": "send_area",
            "judgement": "send_systemic_failings",
        },
    ),
    (
        "retained outstanding",
        {
            "title": "Essex keeps outstanding Ofsted rating",
            "text": (
                "Essex County Council has retained its outstanding rating for "
                "children's services following an Ofsted inspection in June. "
                "Inspectors said leaders knew their services well."
            ),
        },
        {
            "relevant": True,
            "council": "Essex",
            "judgement": "outstanding",
            "previous": "outstanding",
            "direction": "unchanged",
        },
    ),
    (
        "no title",
        {
            "title": None,
            "text": (
                "Ofsted has rated Swindon Borough Council's children's services "
                "good. Inspectors visited in May and found children in care were "
                "well supported."
            ),
        },
        {"relevant": True, "council": "Swindon", "judgement": "good"},
    ),
    (
        "lowercase slug title",
        {
            "title": "ofsted rates north tyneside childrens services outstanding",
            "text": (
                "North Tyneside Council's children's services have been rated "
                "outstanding by Ofsted after an inspection in the autumn."
            ),
        },
        {"relevant": True, "council": "North Tyneside", "judgement": "outstanding"},
    ),
    (
        "fostering recruitment",
        {
            "title": "Become a foster carer in Norfolk",
            "text": (
                "Norfolk County Council needs more foster carers. Our children's "
                "services were rated good by Ofsted, and we offer excellent "
                "training and support to all our foster families. Call our "
                "fostering team today."
            ),
        },
        {"relevant": False},
    ),
    (
        "ofsted consultation",
        {
            "title": "Ofsted to drop single-word judgements for council children's services",
            "text": (
                "Ofsted has launched a consultation on changes to the way it "
                "inspects local authority children's services. Under the "
                "proposals, councils would no longer receive an overall "
                "effectiveness grade. The chief inspector said the reforms would "
                "give parents a clearer picture."
            ),
        },
        {"relevant": False},
    ),
    (
        "secure home",
        {
            "title": "Secure children's home rated good",
            "text": (
                "A secure children's home run by Portsmouth City Council has been "
                "rated good by Ofsted. Inspectors said young people felt safe."
            ),
        },
        {"relevant": False},
    ),
    (
        "two councils roundup",
        {
            "title": "Two north-east councils rated good by Ofsted",
            "text": (
                "Children's services at Gateshead and South Tyneside councils have "
                "both been rated good by Ofsted. Inspectors visited both councils "
                "in the spring. Gateshead Council said it was delighted, while "
                "South Tyneside Council said the result showed its improvement."
            ),
        },
        {"relevant": True, "council": "multiple"},
    ),
    (
        "jtai no name",
        {
            "title": "Agencies must improve response to child abuse, inspectors say",
            "text": (
                "A joint inspection of the multi-agency response to child sexual "
                "abuse in Norfolk by Ofsted, the Care Quality Commission, HMICFRS "
                "and HM Inspectorate of Probation has found that agencies need to "
                "share information more quickly. Norfolk County Council said it "
                "accepted the findings."
            ),
        },
        {"relevant": True, "council": "Norfolk", "kind": "jtai", "judgement": "no_grade"},
    ),
    (
        "estyn negative",
        {
            "title": "Estyn praises Cardiff schools",
            "text": (
                "Estyn inspectors have praised the work of Cardiff Council's education services."
            ),
        },
        {"relevant": False},
    ),
    (
        "title good body subgrade",
        {
            "title": "Sutton children's services rated good",
            "published": "2024-02-01",
            "text": (
                "Sutton Council's children's services have been rated good overall "
                "by Ofsted. The experiences and progress of children who need help "
                "and protection were judged to require improvement, while children "
                "in care were judged good."
            ),
        },
        {
            "relevant": True,
            "council": "Sutton",
            "judgement": "good",
            "grades": {
                "overall_effectiveness": "good",
                "help_and_protection": "requires_improvement",
                "children_in_care": "good",
            },
        },
    ),
    (
        "ofsted annual report named councils",
        {
            "title": "Ofsted annual report: more councils rated good",
            "text": (
                "Ofsted's annual report says 60 per cent of councils are now rated "
                "good or outstanding for children's services. It highlighted "
                "improvements at councils including Leeds and Camden."
            ),
        },
        {"relevant": False},
    ),
    (
        "improvement notice new story",
        {
            "title": "Minister issues improvement notice to Bromley",
            "text": (
                "The Department for Education has issued an improvement notice to "
                "Bromley Council after Ofsted rated its children's services "
                "inadequate in May. The council must work with an adviser "
                "appointed by the department."
            ),
        },
        {"relevant": False},
    ),
    (
        "dcs appointed",
        {
            "title": "New director of children's services appointed in Luton",
            "text": (
                "Luton Borough Council has appointed a new director of children's "
                "services. The service was rated requires improvement by Ofsted in 2021."
            ),
        },
        {"relevant": False},
    ),
    (
        "navigation and teasers naming other councils, no headline",
        {
            "title": None,
            "text": (
                "Skip to content\nNews Sport Leeds Bradford Wakefield Kirklees Calderdale\n"
                "Accept all cookies\nOfsted has rated Wakefield Council's children's services "
                "good, a major step forward for a department judged inadequate in 2018.\n"
                "READ MORE: Leeds council tax to rise by five per cent\nInspectors said "
                "children in Wakefield were helped quickly.\nREAD MORE: Bradford bin strike "
                "talks collapse\nMost read: Leeds United fans react to defeat"
            ),
        },
        {
            "relevant": True,
            "council": "Wakefield",
            "judgement": "good",
            "previous": "inadequate",
            "direction": "improved",
        },
    ),
    (
        "ehcp backlog passing",
        {
            "title": "Families wait months for EHCPs in Medway",
            "published": "2025-06-01",
            "text": (
                "Families in Medway are waiting more than a year for education, "
                "health and care plans, new figures show. The council's SEND "
                "services were found to have widespread and systemic failings by "
                "Ofsted in 2023. A council spokesperson said extra staff had been "
                "recruited to clear the backlog. One mother said her son had been "
                "out of school for six months."
            ),
        },
        {"relevant": False},
    ),
    (
        "send transport passing",
        {
            "title": "School transport cuts for SEND pupils",
            "published": "2024-09-01",
            "text": (
                "Kent County Council is to cut school transport for some pupils "
                "with special educational needs. The council was required to "
                "produce a written statement of action after an Ofsted and CQC "
                "inspection in 2019. Parents have launched a petition against the cuts."
            ),
        },
        {"relevant": False},
    ),
    (
        "children's home trust",
        {
            "title": "Ofsted criticises children's home",
            "text": (
                "A children's home run by Birmingham Children's Trust has been "
                "rated requires improvement by Ofsted. Inspectors said records "
                "were not always kept up to date."
            ),
        },
        {"relevant": False},
    ),
    (
        "special school",
        {
            "title": "Special school rated outstanding",
            "text": (
                "Hollybank Special School in Kirklees has been rated outstanding "
                "by Ofsted. Inspectors praised the care given to pupils with complex needs."
            ),
        },
        {"relevant": False},
    ),
    (
        "council budget inadequate history",
        {
            "title": "Council sets children's services budget",
            "published": "2024-02-01",
            "text": (
                "Sandwell Council has set aside £80m for children's services next "
                "year. The service, run by Sandwell Children's Trust, was rated "
                "inadequate by Ofsted for many years before improving to requires "
                "improvement in 2022. Councillors approved the budget on Tuesday."
            ),
        },
        {"relevant": False},
    ),
    (
        "council release about new send report",
        {
            "title": "SEND inspection report published",
            "published": "2024-07-10",
            "text": (
                "Ofsted and the Care Quality Commission have today published their "
                "report following the inspection of Medway's local area "
                "partnership for children and young people with special "
                "educational needs and disabilities. The inspection found that the "
                "partnership's arrangements lead to inconsistent experiences and "
                "outcomes for children and young people with SEND."
            ),
        },
        {
            "relevant": True,
            "council": "Medway",
            "kind": "send_area",
            "judgement": "send_inconsistent",
        },
    ),
    (
        "ehcp backlog passing, undated",
        {
            "title": "Families wait months for EHCPs in Medway",
            "text": (
                "Families in Medway are waiting more than a year for education, "
                "health and care plans, new figures show. The council's SEND "
                "services were found to have widespread and systemic failings by "
                "Ofsted in 2023. A council spokesperson said extra staff had been "
                "recruited to clear the backlog. One mother said her son had been "
                "out of school for six months."
            ),
        },
        {"relevant": False},
    ),
    (
        "send transport passing, undated",
        {
            "title": "School transport cuts for SEND pupils",
            "text": (
                "Kent County Council is to cut school transport for some pupils "
                "with special educational needs. The council was required to "
                "produce a written statement of action after an Ofsted and CQC "
                "inspection in 2019. Parents have launched a petition against the cuts."
            ),
        },
        {"relevant": False},
    ),
]


def _read(doc: dict[str, Any]) -> dict[str, Any]:
    doc = dict(doc)
    if "published" in doc:
        doc["published"] = date.fromisoformat(doc["published"])
    out = classify(Document(**doc)).to_dict()
    names = [la["name"] for la in out["local_authorities"]]
    return {
        "relevant": out["relevant"],
        "council": names[0] if len(names) == 1 else ("multiple" if names else None),
        "kind": out["inspection_type"],
        "judgement": out["judgement"],
        "previous": out["previous_judgement"],
        "direction": out["direction"],
        "grades": out["grades"],
    }


@pytest.mark.parametrize(("name", "doc", "expected"), ARTICLES, ids=[c[0] for c in ARTICLES])
def test_reads_the_article_as_a_reporter_would(
    name: str, doc: dict[str, Any], expected: dict[str, Any]
) -> None:
    got = _read(doc)
    assert {k: got[k] for k in expected} == expected, name
