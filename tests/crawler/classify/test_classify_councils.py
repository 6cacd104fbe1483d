"""Which council: every name reporters use, and the places that only look like one."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

Reader = Callable[..., dict[str, Any]]
Names = Callable[[dict[str, Any]], list[str]]


REPORT = "Ofsted has rated {name}'s children's services good following an inspection in March."

NAMES = [
    ("Stockton-on-Tees", "Stockton-on-Tees"),
    ("Stockton Borough Council", "Stockton-on-Tees"),
    ("Stockton Council", "Stockton-on-Tees"),
    ("Bournemouth, Christchurch and Poole Council", "Bournemouth, Christchurch and Poole"),
    ("BCP Council", "Bournemouth, Christchurch and Poole"),
    ("Durham County Council", "Durham"),
    ("County Durham", "Durham"),
    ("Hull City Council", "Kingston Upon Hull, City of"),
    ("Kingston upon Hull", "Kingston Upon Hull, City of"),
    ("St Helens Council", "St. Helens"),
    ("St. Helens", "St. Helens"),
    ("Telford & Wrekin Council", "Telford and Wrekin"),
    ("Together for Children", "Sunderland"),
    ("Sandwell Children's Trust", "Sandwell"),
    ("Bristol City Council", "Bristol, City of"),
    ("Kingston Council", "Kingston upon Thames"),
    ("Wirral MBC", "Wirral"),
    ("the Wirral", "Wirral"),
    ("Royal Borough of Windsor and Maidenhead", "Windsor and Maidenhead"),
    ("Bath and North East Somerset Council", "Bath and North East Somerset"),
    ("Cumberland Council", "Cumberland"),
    ("Westmorland and Furness Council", "Westmorland and Furness"),
    ("West Northamptonshire Council", "West Northamptonshire"),
]


@pytest.mark.parametrize(("name", "expected"), NAMES)
def test_each_naming_variant_finds_the_council(
    name: str, expected: str, read: Reader, council_names: Names
) -> None:
    result = read(REPORT.format(name=name), f"{name} children's services rated good")
    assert council_names(result)[:1] == [expected]
    assert result["local_authorities"][0]["gss_code"].startswith("E")


def test_stockton_heath_is_in_warrington_not_stockton(read: Reader, council_names: Names) -> None:
    result = read(
        "Warrington Borough Council's children's services require improvement to be good, "
        "Ofsted has said. The inspection covered services across the borough, from Great Sankey "
        "to Stockton Heath.",
        "Warrington children's services require improvement",
    )
    assert council_names(result) == ["Warrington"]


def test_a_district_council_is_not_the_county_and_does_not_displace_it(
    read: Reader, council_names: Names
) -> None:
    result = read(
        "Lancashire County Council's children's services have been rated good by Ofsted. "
        "Chorley Council and Preston City Council leaders welcomed the news for families in "
        "their districts.",
        "Lancashire children's services good",
    )
    assert council_names(result) == ["Lancashire"]


def test_a_hospital_trust_named_after_a_town_is_not_the_council(
    read: Reader, council_names: Names
) -> None:
    result = read(
        "Hartlepool Borough Council's children's services require improvement to be good, "
        "Ofsted has found. Inspectors said work with the North Tees and Hartlepool NHS "
        "Foundation Trust on health assessments was too slow.",
        "Hartlepool children's services require improvement",
    )
    assert council_names(result) == ["Hartlepool"]


def test_a_newspaper_named_after_another_place_does_not_count(
    read: Reader, council_names: Names
) -> None:
    result = read(
        "Children's services in Stockport have been rated good by Ofsted, the Manchester Evening "
        "News reports. Stockport Council said the result reflected years of work.",
        "Stockport children's services rated good",
    )
    assert council_names(result) == ["Stockport"]


def test_split_councils_both_listed_for_their_former_county(
    read: Reader, council_names: Names
) -> None:
    result = read(
        "Northamptonshire Children's Trust, which runs children's social care for the county, "
        "has been judged inadequate by Ofsted. Inspectors found too many children waited too "
        "long for help.",
        "Northamptonshire children's services inadequate",
    )
    assert set(council_names(result)) == {"North Northamptonshire", "West Northamptonshire"}


def test_cumbria_means_both_successor_councils(read: Reader, council_names: Names) -> None:
    result = read(
        "Cumbria County Council's children's services have been rated good by Ofsted after an "
        "inspection in 2019.",
        "Cumbria children's services rated good",
    )
    assert set(council_names(result)) == {"Cumberland", "Westmorland and Furness"}


def test_the_royal_borough_is_resolved_by_the_newspaper_address(
    read: Reader, council_names: Names
) -> None:
    result = read(
        "Children's services in the Royal Borough have been rated good by Ofsted, the council "
        "said this week. Inspectors said social workers knew children well.",
        "Royal Borough's children's services rated good",
        url="https://www.windsorobserver.co.uk/news/12345.royal-borough-childrens-services/",
    )
    assert council_names(result) == ["Windsor and Maidenhead"]


def test_a_council_named_only_in_the_web_address_is_found(
    read: Reader, council_names: Names
) -> None:
    result = read(
        "Minutes: The Service Director updated members on the Ofsted focused visit in June, "
        "which looked at children in need and child protection. The letter identified strengths "
        "and two areas for improvement.",
        "Ofsted focused visit - update",
        url="https://democracy.plymouth.gov.uk/mgAi.aspx?ID=1",
    )
    assert council_names(result) == ["Plymouth"]
    assert "plymouth" in result["evidence"]["local_authorities"].lower()


def test_a_council_named_only_in_the_address_slug_is_found(
    read: Reader, council_names: Names
) -> None:
    result = read(
        "In a letter following a focused visit, Ofsted said the authority had made little "
        "progress since its last inspection.",
        None,
        url="https://example.org/news/north-somerset-childrens-services-focused-visit",
    )
    assert council_names(result) == ["North Somerset"]


def test_the_source_region_settles_a_shared_place_name(read: Reader, council_names: Names) -> None:
    text = (
        "Children's services in Newcastle have been rated outstanding by Ofsted, the council "
        "said. Inspectors praised the help given to families."
    )
    assert council_names(read(text, region="North East"))[:1] == ["Newcastle upon Tyne"]
    assert council_names(read(text, region="West Midlands"))[:1] == ["Staffordshire"]


def test_a_partner_council_named_in_passing_is_not_listed(
    read: Reader, council_names: Names
) -> None:
    result = read(
        "Kirklees Council's children's services are no longer inadequate, Ofsted has found, "
        "and now require improvement to be good. The improvement was supported by a "
        "partnership with Leeds City Council. The new director joined from Rotherham.",
        "Kirklees children's services no longer inadequate",
    )
    assert council_names(result) == ["Kirklees"]


def test_a_joint_service_of_two_councils_lists_both(read: Reader, council_names: Names) -> None:
    result = read(
        "Children's services run jointly by Westminster City Council and the Royal Borough of "
        "Kensington and Chelsea have been rated outstanding by Ofsted.",
        "Bi-borough children's services outstanding",
    )
    assert council_names(result) == ["Westminster", "Kensington and Chelsea"]


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://kent.moderngov.co.uk/ieListDocuments.aspx?CId=1", "Kent"),
        ("https://reports.ofsted.gov.uk/provider/44/80563", "Stockton-on-Tees"),
        ("https://democracy.hull.gov.uk/mgAi.aspx?ID=1", "Kingston Upon Hull, City of"),
    ],
)
def test_addresses_that_name_the_council(
    url: str, expected: str, read: Reader, council_names: Names
) -> None:
    result = read(
        "Minutes: Members received the Ofsted inspection report on children's services, which "
        "judged the service good in all areas. The letter was published this week.",
        "Ofsted inspection of children's services",
        url=url,
    )
    assert council_names(result) == [expected]


def test_short_names_reporters_use_for_councils(read: Reader, council_names: Names) -> None:
    for name, expected in (
        ("East Riding", "East Riding of Yorkshire"),
        ("Central Beds", "Central Bedfordshire"),
        ("South Glos", "South Gloucestershire"),
        ("North Lincs", "North Lincolnshire"),
        ("Bracknell", "Bracknell Forest"),
    ):
        result = read(
            f"Ofsted has rated {name} Council's children's services good after an inspection "
            "in March. Inspectors said children were safe.",
            f"{name} children's services rated good",
        )
        assert council_names(result)[:1] == [expected], name


def test_a_source_region_in_a_loose_spelling_still_settles_the_place(
    read: Reader, council_names: Names
) -> None:
    text = (
        "Children's services in Newcastle have been rated outstanding by Ofsted, the council "
        "said. Inspectors praised the help given to families."
    )
    assert council_names(read(text, region="North-East"))[:1] == ["Newcastle upon Tyne"]
    assert council_names(read(text, region="the West Midlands"))[:1] == ["Staffordshire"]


TOWNS_OF_A_MERGED_COUNCIL = {
    "Poole council": (
        "Ofsted has rated the children's services run by Poole council good. Inspectors "
        "visited the authority in March and praised help for care leavers.",
        "Poole council's children's services rated good",
        "Bournemouth, Christchurch and Poole",
    ),
    "Christchurch first": (
        "Ofsted inspectors have judged children's services in Christchurch, Bournemouth and "
        "Poole to be good. The inspection took place in February.",
        "Christchurch children's services inspection",
        "Bournemouth, Christchurch and Poole",
    ),
    "Hove's children's services": (
        "Ofsted has judged Hove council's children's services outstanding. Inspectors found "
        "children were safe and well supported.",
        "Hove's children's services rated outstanding",
        "Brighton and Hove",
    ),
}


@pytest.mark.parametrize("case", sorted(TOWNS_OF_A_MERGED_COUNCIL))
def test_a_town_used_for_its_council(case: str, read: Reader, council_names: Names) -> None:
    text, title, council = TOWNS_OF_A_MERGED_COUNCIL[case]
    result = read(text, title)
    assert result["relevant"] is True
    assert council_names(result) == [council]


def test_same_named_places_elsewhere_are_not_the_merged_councils(
    read: Reader, council_names: Names
) -> None:
    """Hove Edge is in Calderdale and Christchurch a Fenland village in Cambridgeshire."""
    calderdale = read(
        "Calderdale Council's children's services have been rated outstanding by Ofsted. "
        "Inspectors praised family hubs in Hove Edge, Brighouse and Halifax.",
        "Calderdale children's services rated outstanding",
    )
    assert council_names(calderdale) == ["Calderdale"]
    cambridgeshire = read(
        "Cambridgeshire County Council's children's services require improvement to be good, "
        "Ofsted has said. Inspectors visited families in Christchurch, March and Wisbech.",
        "Cambridgeshire children's services require improvement",
    )
    assert council_names(cambridgeshire) == ["Cambridgeshire"]
