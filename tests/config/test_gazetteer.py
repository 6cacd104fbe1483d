"""The gazetteer: the 153 councils, every way of naming them, and how they are looked up."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

from config.gazetteer import (
    GAZETTEER_PATH,
    OFSTED_REGIONS,
    ONS_REGIONS,
    load_gazetteer,
    normalise_region,
)

ROOT = Path(__file__).resolve().parents[2]
LOOKUPS = ROOT / ".." / "shared" / "ofsted" / "la_lookup"


def test_153_councils_with_unique_codes_and_urns() -> None:
    gazetteer = load_gazetteer()
    assert len(gazetteer) == 153
    assert len({la.gss_code for la in gazetteer}) == 153
    assert len({la.ofsted_urn for la in gazetteer}) == 153
    assert all(la.ons_region in ONS_REGIONS for la in gazetteer)
    assert all(la.ofsted_region in OFSTED_REGIONS for la in gazetteer)


def test_barnsley_and_sheffield_answer_to_old_and_new_codes() -> None:
    gazetteer = load_gazetteer()
    for new, old, name in (
        ("E08000038", "E08000016", "Barnsley"),
        ("E08000039", "E08000019", "Sheffield"),
    ):
        assert gazetteer.by_gss(new) is gazetteer.by_gss(old)
        la = gazetteer.by_gss(old)
        assert la is not None and la.name == name and la.gss_code == new


@pytest.mark.parametrize(
    ("alias", "name"),
    [
        ("Stockton Council", "Stockton-on-Tees"),
        ("Stockton Borough Council", "Stockton-on-Tees"),
        ("BCP", "Bournemouth, Christchurch and Poole"),
        ("County Durham", "Durham"),
        ("Durham County Council", "Durham"),
        ("Hull", "Kingston Upon Hull, City of"),
        ("St. Helens", "St. Helens"),
        ("St Helens", "St. Helens"),
        ("Telford & Wrekin", "Telford and Wrekin"),
        ("Together for Children", "Sunderland"),
        ("Sandwell Children's Trust", "Sandwell"),
        ("Bristol City Council", "Bristol, City of"),
        ("80563", "Stockton-on-Tees"),
        ("E06000004", "Stockton-on-Tees"),
    ],
)
def test_resolve_any_name_a_user_types(alias: str, name: str) -> None:
    la = load_gazetteer().resolve(alias)
    assert la is not None and la.name == name


def test_council_web_domains_identify_the_council() -> None:
    gazetteer = load_gazetteer()
    assert [la.name for la in gazetteer.by_domain("democracy.plymouth.gov.uk")] == ["Plymouth"]
    assert [la.name for la in gazetteer.by_domain("www.lbbd.gov.uk")] == ["Barking and Dagenham"]
    assert [la.name for la in gazetteer.by_domain("www.sandwellchildrenstrust.org")] == ["Sandwell"]
    shared = {la.name for la in gazetteer.by_domain("www.achievingforchildren.org.uk")}
    assert {"Kingston upon Thames", "Richmond upon Thames"} <= shared
    assert gazetteer.by_domain("www.bbc.co.uk") == []


def test_places_that_are_not_councils_are_recorded_where_they_belong() -> None:
    gazetteer = load_gazetteer()
    warrington = gazetteer.by_name("Warrington")
    stockton = gazetteer.by_name("Stockton-on-Tees")
    lancashire = gazetteer.by_name("Lancashire")
    assert warrington and "Stockton Heath" in warrington.towns
    assert stockton and "Stockton Heath" in stockton.false_friends
    assert lancashire and "Chorley Council" in lancashire.district_councils
    assert "Chorley" in lancashire.towns
    assert gazetteer.by_name("Chorley Council") is None  # a district, not a council we cover


def test_former_councils_point_to_every_successor() -> None:
    gazetteer = load_gazetteer()
    cumbria = {la.name for la in gazetteer if "Cumbria" in la.former_names}
    northants = {
        la.name for la in gazetteer if "Northamptonshire County Council" in la.former_names
    }
    assert cumbria == {"Cumberland", "Westmorland and Furness"}
    assert northants == {"North Northamptonshire", "West Northamptonshire"}
    dorset = gazetteer.by_name("Dorset")
    assert dorset and "Dorset County Council" in dorset.former_names


def test_regions_list_their_councils() -> None:
    gazetteer = load_gazetteer()
    north_east = {la.name for la in gazetteer.in_region("North East")}
    assert {"Stockton-on-Tees", "Middlesbrough", "Durham"} <= north_east
    assert len(gazetteer.in_region("North East, Yorkshire and the Humber")) > len(north_east)


def _builder() -> object:
    spec = importlib.util.spec_from_file_location(
        "build_gazetteer", ROOT / "tools" / "build_gazetteer.py"
    )
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.skipif(
    not LOOKUPS.exists(), reason="../shared/ofsted/la_lookup (public lookups) absent"
)
def test_the_committed_file_is_what_the_builder_makes_from_the_lookups() -> None:
    built = _builder().build(ROOT / ".." / "shared")  # type: ignore[attr-defined]
    committed = json.loads(GAZETTEER_PATH.read_text(encoding="utf-8"))
    assert built == committed


@pytest.mark.parametrize(
    ("written", "region"),
    [
        ("North-East", "North East"),
        ("North East England", "North East"),
        ("the North East of England", "North East"),
        ("Yorkshire & the Humber", "Yorkshire and the Humber"),
        ("Yorkshire and Humber", "Yorkshire and the Humber"),
        ("the East Midlands", "East Midlands"),
        ("East of England", "East of England"),
        ("South-West", "South West"),
        ("West Midlands region", "West Midlands"),
        ("North-East, Yorkshire & Humber", "North East, Yorkshire and the Humber"),
    ],
)
def test_a_region_in_the_spellings_people_use(written: str, region: str) -> None:
    """Subscriber filters and source entries are typed by people: the region is still found,
    and it lists the same councils as its canonical name."""
    assert normalise_region(written) == region
    gazetteer = load_gazetteer()
    assert {la.gss_code for la in gazetteer.in_region(written)} == {
        la.gss_code for la in gazetteer.in_region(region)
    }


@pytest.mark.parametrize("written", ["Mars", "", "England", "the", "Humber"])
def test_a_name_that_is_no_region_is_refused(written: str) -> None:
    assert normalise_region(written) is None
    assert load_gazetteer().in_region(written) == []
