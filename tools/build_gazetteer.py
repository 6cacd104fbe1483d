"""Rebuild config/gazetteer.json, the project's list of the 153 councils.

The public lookups in ../shared/ofsted/la_lookup/ supply codes, regions and the
aliases official bodies use; the curated table below adds the names people and
newspapers use that no official list carries. The output is our own file, so
the product never needs ../shared at run time.

    .venv/bin/python tools/build_gazetteer.py [--shared ../shared]
"""

from __future__ import annotations

import argparse
import csv
import json
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "config" / "gazetteer.json"

# Names for display: the ONS spelling is kept as the contract `name`, but
# "Kingston Upon Hull, City of" reads badly in an email subject.
DISPLAY_NAMES = {
    "Bristol, City of": "Bristol",
    "Kingston Upon Hull, City of": "Hull",
    "St. Helens": "St Helens",
    "Bedford Borough": "Bedford",
    "Durham": "County Durham",
}

# Names used in news copy that official alias lists lack. Keys are ONS names.
CURATED_ALIASES: dict[str, list[str]] = {
    "Bournemouth, Christchurch and Poole": ["BCP Council", "BCP"],
    "Sunderland": ["Together for Children"],
    "Durham": ["County Durham", "Durham County Council"],
    "Kingston Upon Hull, City of": ["Hull", "Hull City Council", "Kingston upon Hull"],
    "St. Helens": ["St Helens", "St. Helens", "St Helens Borough Council"],
    "Telford and Wrekin": ["Telford & Wrekin", "Telford and Wrekin", "Telford"],
    "Stockton-on-Tees": [
        "Stockton-on-Tees",
        "Stockton on Tees",
        "Stockton Borough Council",
        "Stockton Council",
        "Stockton-on-Tees Borough Council",
    ],
    "Windsor and Maidenhead": [
        "Royal Borough of Windsor and Maidenhead",
        "RBWM",
        "Windsor & Maidenhead",
    ],
    "Kensington and Chelsea": ["Royal Borough of Kensington and Chelsea", "RBKC"],
    "Kingston upon Thames": ["Royal Borough of Kingston", "Kingston Council"],
    "Greenwich": ["Royal Borough of Greenwich"],
    "Brighton and Hove": ["Brighton & Hove", "Brighton and Hove"],
    "Bath and North East Somerset": ["Bath & North East Somerset", "B&NES", "BANES"],
    "Hammersmith and Fulham": ["Hammersmith & Fulham"],
    "Barking and Dagenham": ["Barking & Dagenham"],
    "Richmond upon Thames": ["Richmond Council"],
    "Southend-on-Sea": ["Southend", "Southend City Council"],
    "Newcastle upon Tyne": ["Newcastle City Council", "Newcastle"],
    "Sandwell": ["Sandwell Children's Trust"],
    "Doncaster": ["Doncaster Children's Services Trust", "City of Doncaster Council"],
    "Slough": ["Slough Children First", "Slough Children's Services Trust"],
    "Birmingham": ["Birmingham Children's Trust"],
    "Cheshire West and Chester": ["Cheshire West"],
    "East Riding of Yorkshire": ["East Riding"],
    "Redcar and Cleveland": ["Redcar & Cleveland"],
    "Blackburn with Darwen": ["Blackburn with Darwen"],
    "Isles of Scilly": ["Council of the Isles of Scilly"],
    "City of London": ["City of London Corporation"],
    "Herefordshire": ["Herefordshire Council", "County of Herefordshire"],
    "Westmorland and Furness": ["Westmorland & Furness"],
    "Wolverhampton": ["City of Wolverhampton Council"],
    "York": ["City of York Council", "City of York"],
}

REGION_FIXES = {"Yorkshire and The Humber": "Yorkshire and the Humber"}


def _clean(name: str) -> str:
    return re.sub(r"\s+", " ", name).strip()


def _aliases(*groups: list[str]) -> list[str]:
    """Merge alias lists, dropping registry shorthand ("UA", "london boro")."""
    seen: dict[str, str] = {}
    for group in groups:
        for raw in group:
            alias = _clean(raw)
            if not alias or re.search(r"\b(UA|boro|district)$", alias, re.IGNORECASE):
                continue
            seen.setdefault(alias.casefold(), alias)
    return sorted(seen.values(), key=str.casefold)


def build(shared: Path) -> list[dict[str, object]]:
    lookup = shared / "ofsted" / "la_lookup"
    with (lookup / "la_153_derived.csv").open(encoding="utf-8-sig") as fh:
        derived = list(csv.DictReader(fh))
    with (lookup / "JT-39_Provider_data_lookup.csv").open(encoding="utf-8-sig") as fh:
        domains = {row["urn"]: row["domain"] for row in csv.DictReader(fh)}
    with (lookup / "mysociety_uk_local_authorities_current.csv").open(encoding="utf-8-sig") as fh:
        nice = {row["gss-code"]: row for row in csv.DictReader(fh)}

    councils = []
    for row in derived:
        name = row["name_ons"]
        old_code = row["gss_code_pre_2025"]
        society = nice.get(row["gss_code"]) or nice.get(old_code) or {}
        aliases = _aliases(
            row["aliases"].split("|"),
            [name, row["name_ofsted_stats"], row["official_name"]],
            [society.get("nice-name", "")],
            CURATED_ALIASES.get(name, []),
        )
        councils.append(
            {
                "gss_code": row["gss_code"],
                "old_gss_codes": [old_code] if old_code else [],
                "name": name,
                "display_name": DISPLAY_NAMES.get(name, society.get("nice-name") or name),
                "official_name": row["official_name"],
                "ofsted_urn": row["ofsted_urn"],
                "dfe_la_code": row["dfe_la_code"],
                "la_type": row["la_type"],
                "ons_region": REGION_FIXES.get(row["ons_region"], row["ons_region"]),
                "ofsted_region": row["ofsted_region"],
                "domain": domains.get(row["ofsted_urn"], ""),
                "aliases": aliases,
            }
        )
    councils.sort(key=lambda c: str(c["name"]).casefold())
    if len(councils) != 153:
        raise SystemExit(f"expected 153 councils, built {len(councils)}")
    return councils


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    args = parser.parse_args()
    councils = build(args.shared)
    OUT.write_text(json.dumps(councils, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"wrote {len(councils)} councils to {OUT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
