"""Rebuild config/gazetteer.json, the project's list of the 153 councils.

The public lookups in ../shared/ofsted/la_lookup/ supply codes, regions, the
aliases official bodies use and the district councils inside each county; the
curated tables below add what a reporter knows and no official list carries:
the names newspapers use ("Stockton Council", "BCP", "the Wirral"), the towns a
council covers ("Huddersfield" is Kirklees), councils that no longer exist and
which councils replaced them ("Cumbria"), places that only look like a council
("Stockton Heath" is in Warrington) and the web domains councils and their
children's trusts publish from. The output is our own file, so the product never
needs ../shared at run time.

    .venv/bin/python tools/build_gazetteer.py [--shared ../shared]
"""

from __future__ import annotations

import argparse
import csv
import json
import re
from collections.abc import Iterable
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

# Names used in news copy that official alias lists lack. Keys are ONS names;
# one line per council, names separated by ";".
CURATED_ALIASES = """
Barking and Dagenham: LBBD; Barking and Dagenham Council
Bath and North East Somerset: B&NES; BANES; BaNES; Bath and North-East Somerset; Bath & NE Somerset
Bedford Borough: Bedford; Bedford Borough Council
Birmingham: Birmingham Children's Trust; Birmingham City Council
Blackburn with Darwen: Blackburn with Darwen Council
Bournemouth, Christchurch and Poole: BCP; BCP Council; Bournemouth, Christchurch and Poole Council
Bradford: Bradford Council; City of Bradford; Bradford District
Brighton and Hove: Brighton & Hove; Brighton and Hove City Council; Brighton
Bristol, City of: Bristol City Council; City of Bristol
Buckinghamshire: Bucks
Calderdale: Calderdale Council
Cambridgeshire: Cambs
Central Bedfordshire: Central Beds; Central Bedfordshire Council
Cheshire West and Chester: Cheshire West; CWaC
City of London: City of London Corporation
Cornwall: Cornwall Council
Coventry: Coventry City Council
Cumberland: Cumberland Council
Derbyshire: Derbys; Derbyshire County Council
Doncaster: Doncaster Children's Services Trust; City of Doncaster Council; Doncaster Council
Durham: County Durham; Durham County Council
East Riding of Yorkshire: East Riding; East Riding Council; East Riding of Yorkshire Council; ERYC
Gloucestershire: Glos
Hammersmith and Fulham: Hammersmith & Fulham; H&F; LBHF
Hampshire: Hants
Herefordshire: Herefordshire Council; County of Herefordshire
Hertfordshire: Herts; Hertfordshire County Council
Isle of Wight: IoW; Isle of Wight Council
Isles of Scilly: Council of the Isles of Scilly
Kensington and Chelsea: Royal Borough of Kensington and Chelsea; RBKC
Kingston Upon Hull, City of: Hull; Hull City Council; Kingston upon Hull; Hull Council
Kingston upon Thames: Kingston; Royal Borough of Kingston; Kingston Council
Greenwich: Royal Borough of Greenwich; Royal Greenwich
Kirklees: Kirklees Council
Lancashire: Lancs
Leicestershire: Leics
Lincolnshire: Lincs; Lincolnshire County Council
Middlesbrough: Middlesbrough Council
Newcastle upon Tyne: Newcastle City Council; Newcastle
North East Lincolnshire: NE Lincs; North East Lincs; NELC
North Lincolnshire: North Lincs; North Lincolnshire Council
Northumberland: Northumberland County Council
Nottinghamshire: Notts
Oxfordshire: Oxon
Reading: Brighter Futures for Children
Redcar and Cleveland: Redcar & Cleveland; Redcar and Cleveland Council
Richmond upon Thames: Richmond Council; Richmond
Sandwell: Sandwell Children's Trust; Sandwell Council
Sheffield: Sheffield City Council
Slough: Slough Children First; Slough Children's Services Trust
South Gloucestershire: South Glos; South Gloucestershire Council
Southend-on-Sea: Southend; Southend City Council; Southend Council
St. Helens: St Helens; St. Helens; St Helens Borough Council; St Helens Council
Staffordshire: Staffs
Stockton-on-Tees: Stockton-on-Tees; Stockton on Tees; Stockton Borough Council; Stockton Council;
    Stockton-on-Tees Borough Council; Stockton
Stoke-on-Trent: Stoke; Stoke City Council; Stoke-on-Trent City Council
Sunderland: Together for Children; Together for Children Sunderland
Surrey: Surrey County Council
Telford and Wrekin: Telford & Wrekin; Telford and Wrekin Council; Telford
Thurrock: Thurrock Council
Torbay: Torbay Council
Tower Hamlets: Tower Hamlets Council
Trafford: Trafford Council
Wakefield: City of Wakefield; Wakefield Council
Wandsworth: Wandsworth Council
Westmorland and Furness: Westmorland & Furness
Wiltshire: Wilts
Windsor and Maidenhead: Royal Borough of Windsor and Maidenhead; RBWM; Windsor & Maidenhead
Wirral: the Wirral; Wirral Council; Wirral MBC
Wolverhampton: City of Wolverhampton Council; Wolverhampton Council
Worcestershire: Worcs; Worcestershire Children First
York: City of York Council; City of York
"""

# Names that several councils answer to; the classifier credits one of them only
# when something else in the article (the address, the outlet, the region)
# points to it.
SHARED_NAMES = """
the Royal Borough: Windsor and Maidenhead; Kensington and Chelsea; Greenwich; Kingston upon Thames
Royal Borough: Windsor and Maidenhead; Kensington and Chelsea; Greenwich; Kingston upon Thames
Cheshire: Cheshire East; Cheshire West and Chester
Bedfordshire: Bedford Borough; Central Bedfordshire; Luton
Achieving for Children: Kingston upon Thames; Richmond upon Thames; Windsor and Maidenhead
"""

# Councils abolished since the inspections a reporter may write about, keyed by the
# current councils that cover the same area (contract names, joined by "+").
FORMER_COUNCILS = """
Cumberland + Westmorland and Furness: Cumbria; Cumbria County Council; Cumbria Children's Services
North Northamptonshire + West Northamptonshire: Northamptonshire; Northamptonshire County Council;
    Northants; Northamptonshire Children's Trust
Dorset: Dorset County Council
Bournemouth, Christchurch and Poole: Bournemouth Borough Council; Borough of Poole; Poole;
    Poole Borough Council; Bournemouth; Christchurch Borough Council
Somerset: Somerset County Council
Buckinghamshire: Buckinghamshire County Council
North Yorkshire: North Yorkshire County Council
"""

# Towns and places reporters use for a council's area, beyond the districts the
# lookups already give. Words that are also ordinary English or other places
# ("March", "Street", "Newport", "Washington") are left out on purpose.
TOWNS = """
Barking and Dagenham: Barking; Dagenham
Barnsley: Penistone
Bath and North East Somerset: Bath; Keynsham; Midsomer Norton; Radstock
Birmingham: Sutton Coldfield; Erdington; Edgbaston
Blackburn with Darwen: Blackburn; Darwen
Bracknell Forest: Bracknell; Crowthorne
Bournemouth, Christchurch and Poole: Bournemouth; Poole; Christchurch
Bradford: Keighley; Shipley; Ilkley; Bingley
Brighton and Hove: Hove
Calderdale: Halifax; Brighouse; Todmorden; Elland; Sowerby Bridge; Hebden Bridge
Central Bedfordshire: Leighton Buzzard; Dunstable; Biggleswade; Houghton Regis; Flitwick
Cheshire East: Crewe; Macclesfield; Congleton; Nantwich; Wilmslow; Sandbach
Cheshire West and Chester: Chester; Ellesmere Port; Northwich; Winsford
Cornwall: Truro; Penzance; Falmouth; St Austell; Newquay; Bodmin; Camborne; Redruth; Launceston;
    Liskeard; Saltash
Coventry: Coventry
Cumberland: Workington; Whitehaven; Maryport; Cockermouth
Derbyshire: Buxton; Glossop; Matlock; Ilkeston; Belper; Swadlincote
Devon: Barnstaple; Exmouth; Newton Abbot; Tiverton; Tavistock; Bideford; Okehampton; Totnes
Doncaster: Mexborough; Thorne
Dorset: Weymouth; Dorchester; Bridport; Blandford; Shaftesbury; Sherborne; Wimborne; Ferndown;
    Swanage
Dudley: Stourbridge; Halesowen; Brierley Hill
Durham: Durham; Chester-le-Street; Consett; Seaham; Peterlee; Newton Aycliffe; Bishop Auckland;
    Spennymoor; Barnard Castle
East Riding of Yorkshire: Beverley; Bridlington; Goole; Driffield
East Sussex: Bexhill; Crowborough; Uckfield; Seaford; Newhaven
Essex: Harlow; Clacton; Canvey Island; Saffron Walden; Witham; Loughton
Gloucestershire: Cirencester
Hammersmith and Fulham: Hammersmith; Fulham; Shepherd's Bush
Hampshire: Andover; Aldershot; Farnborough; Petersfield; Romsey; Lymington
Hertfordshire: Hemel Hempstead; Hitchin; Letchworth; Hertford; Bishop's Stortford; Hatfield;
    Berkhamsted; Borehamwood; Harpenden
Isle of Wight: Ryde; Cowes
Kent: Margate; Ramsgate; Gravesend; Sittingbourne; Faversham; Folkestone; Whitstable; Herne Bay;
    Broadstairs
Kirklees: Huddersfield; Dewsbury; Batley; Holmfirth; Mirfield; Heckmondwike; Cleckheaton
Knowsley: Kirkby; Huyton; Prescot
Lancashire: Accrington; Nelson; Colne; Morecambe; Skelmersdale; Ormskirk; Leyland; Fleetwood;
    Clitheroe
Leeds: Morley; Pudsey; Otley; Wetherby; Garforth
Leicestershire: Loughborough; Market Harborough; Hinckley; Coalville; Melton Mowbray
Lincolnshire: Grantham; Stamford; Spalding; Skegness; Gainsborough; Louth; Sleaford
Medway: Chatham; Rochester; Strood
Milton Keynes: Bletchley
Norfolk: Thetford; Dereham; Cromer; King's Lynn
North East Lincolnshire: Grimsby; Cleethorpes; Immingham
North Lincolnshire: Scunthorpe; Brigg
North Northamptonshire: Rushden; Raunds; Thrapston; Oundle
North Somerset: Weston-super-Mare; Clevedon; Portishead; Nailsea
North Tyneside: Wallsend; Tynemouth; Whitley Bay
North Yorkshire: Skipton; Whitby; Northallerton; Ripon; Thirsk
Northumberland: Morpeth; Blyth; Cramlington; Ashington; Hexham; Berwick-upon-Tweed
Nottinghamshire: Worksop; Retford; Hucknall; Newark; Sutton-in-Ashfield; Kirkby-in-Ashfield;
    Beeston; West Bridgford
Oxfordshire: Banbury; Bicester; Witney; Abingdon; Didcot; Henley-on-Thames; Wantage
Redcar and Cleveland: Redcar; Guisborough; Saltburn
Rochdale: Heywood
Sandwell: West Bromwich; Oldbury; Smethwick; Tipton; Wednesbury; Rowley Regis
Sefton: Southport; Bootle; Crosby; Formby
Shropshire: Shrewsbury; Oswestry; Bridgnorth; Ludlow; Market Drayton
Somerset: Taunton; Yeovil; Bridgwater; Frome; Glastonbury; Minehead; Chard
South Gloucestershire: Yate; Thornbury; Filton; Bradley Stoke; Chipping Sodbury
South Tyneside: South Shields; Jarrow; Hebburn
Southend-on-Sea: Leigh-on-Sea; Shoeburyness
Staffordshire: Burton upon Trent; Burton-on-Trent; Cannock; Rugeley; Kidsgrove; Biddulph;
    Newcastle; Newcastle-under-Lyme
Stockton-on-Tees: Billingham; Thornaby; Yarm; Ingleby Barwick
Stoke-on-Trent: Hanley; Burslem; Longton; Tunstall
Suffolk: Lowestoft; Bury St Edmunds; Felixstowe; Newmarket; Haverhill; Stowmarket; Beccles
Sunderland: Houghton-le-Spring
Surrey: Camberley; Farnham; Godalming; Redhill; Reigate; Staines; Weybridge; Leatherhead;
    Dorking; Caterham
Tameside: Ashton-under-Lyne; Stalybridge
Thurrock: Grays; Tilbury; Purfleet; Stanford-le-Hope
Torbay: Torquay; Paignton; Brixham
Trafford: Altrincham; Stretford; Urmston
Walsall: Willenhall; Bloxwich; Darlaston
Warrington: Stockton Heath; Great Sankey
Halton: Widnes; Runcorn
Warwickshire: Leamington Spa; Kenilworth; Nuneaton; Bedworth; Stratford-upon-Avon
West Berkshire: Newbury; Thatcham; Hungerford
West Northamptonshire: Towcester; Brackley
West Sussex: Bognor Regis; Littlehampton; Burgess Hill; Haywards Heath; East Grinstead
Wiltshire: Salisbury; Chippenham; Trowbridge; Devizes; Marlborough; Warminster; Melksham; Tidworth
Windsor and Maidenhead: Windsor; Maidenhead; Ascot
Wirral: Birkenhead; Wallasey
Wolverhampton: Bilston; Wednesfield
Worcestershire: Kidderminster; Evesham; Droitwich
Herefordshire: Hereford; Leominster
Salford: Eccles; Swinton
"""

# Places whose names contain a council's name but are something else: matched so
# that they hide the shorter name, credited to nobody.
FALSE_FRIENDS = """
Stockton-on-Tees: Stockton Heath
Manchester: Greater Manchester; Manchester United; Manchester City; Manchester Evening News
Newcastle upon Tyne: Newcastle United
York: New York; Duke of York
Durham: Durham University
Kingston upon Thames: Kingston University
Bristol, City of: Bristol Rovers; Bristol City FC
Leicester: Leicester City FC; Leicester Tigers
Birmingham: Birmingham City FC; Birmingham City University
Derby: Derby County
"""

# Web domains a council or its children's trust publishes from, where the
# lookup's single domain is missing, shared or wrong.
DOMAINS = """
Birmingham: birmingham.gov.uk; birminghamchildrenstrust.co.uk
Doncaster: doncaster.gov.uk; dcstrust.co.uk
Kingston Upon Hull, City of: hullcc.gov.uk; hull.gov.uk
Kingston upon Thames: kingston.gov.uk; achievingforchildren.org.uk
Richmond upon Thames: richmond.gov.uk; richmondandwandsworth.gov.uk; achievingforchildren.org.uk
Wandsworth: wandsworth.gov.uk; richmondandwandsworth.gov.uk
Reading: reading.gov.uk; brighterfuturesforchildren.org
Sandwell: sandwell.gov.uk; sandwellchildrenstrust.org
Slough: slough.gov.uk; sloughchildrenfirst.co.uk; scstrust.co.uk
Suffolk: suffolk.gov.uk
Sunderland: sunderland.gov.uk; togetherforchildren.org.uk
Windsor and Maidenhead: rbwm.gov.uk; achievingforchildren.org.uk
Worcestershire: worcestershire.gov.uk; worcschildrenfirst.org.uk
North Tyneside: northtyneside.gov.uk
Dorset: dorsetcouncil.gov.uk; dorsetcc.gov.uk; dorsetforyou.gov.uk
Cumberland: cumberland.gov.uk; cumbria.gov.uk
Westmorland and Furness: westmorlandandfurness.gov.uk; cumbria.gov.uk
North Northamptonshire: northnorthants.gov.uk; northamptonshire.gov.uk; nctrust.co.uk
West Northamptonshire: westnorthants.gov.uk; northamptonshire.gov.uk; nctrust.co.uk
Bournemouth, Christchurch and Poole: bcpcouncil.gov.uk; bournemouth.gov.uk; poole.gov.uk
North Yorkshire: northyorks.gov.uk
"""

# District names too common as words or too ambiguous to stand for a county.
SKIPPED_DISTRICT_NAMES = {"Hart", "Rother", "Arun", "Rugby", "Wyre", "Boston", "Lincoln", "Stone"}

REGION_FIXES = {"Yorkshire and The Humber": "Yorkshire and the Humber"}


def _clean(name: str) -> str:
    return re.sub(r"\s+", " ", name).strip()


def _table(text: str) -> dict[str, list[str]]:
    """Parse the "key: a; b; c" tables above (an indented line continues the one before)."""
    table: dict[str, list[str]] = {}
    key = ""
    for line in text.strip("\n").splitlines():
        if line.startswith(" ") and key:
            values = line
        else:
            key, _, values = line.partition(":")
            key = key.strip()
        table.setdefault(key, []).extend(_clean(v) for v in values.split(";") if v.strip())
    return table


def _merge(*groups: Iterable[str]) -> list[str]:
    """Merge name lists case-insensitively, dropping registry shorthand ("UA", "london boro")."""
    seen: dict[str, str] = {}
    for group in groups:
        for raw in group:
            alias = _clean(raw)
            if not alias or re.search(r"\b(UA|boro|district)$", alias, re.IGNORECASE):
                continue
            seen.setdefault(alias.casefold(), alias)
    return sorted(seen.values(), key=str.casefold)


def _read(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig") as fh:
        return list(csv.DictReader(fh))


def _district_names(
    society: list[dict[str, str]], code_to_name: dict[str, str]
) -> tuple[dict[str, list[str]], dict[str, list[str]]]:
    """District councils (no children's services) and their place names, by council.

    A district belongs to the council that now covers it: its county, or the
    unitary councils that replaced a county or the district itself.
    """
    rows = {row["local-authority-code"]: row for row in society}

    def resolve(code: str, depth: int = 0) -> list[str]:
        if code in code_to_name:
            return [code_to_name[code]]
        row = rows.get(code)
        if row is None or depth > 4:
            return []
        if row["current-authority"] != "True":
            return [n for c in row["replaced-by"].split(",") if c for n in resolve(c, depth + 1)]
        return resolve(row["county-la"], depth + 1) if row["county-la"] else []

    councils: dict[str, list[str]] = {}
    places: dict[str, list[str]] = {}
    for row in society:
        if row["nation"] != "England" or row["local-authority-type"] != "NMD":
            continue
        owners = (
            resolve(row["replaced-by"].split(",")[0]) if row["current-authority"] != "True" else []
        )
        owners = owners or resolve(row["county-la"])
        name = row["nice-name"]
        for owner in owners:
            official = row["official-name"]
            councils.setdefault(owner, []).extend([official, f"{name} Council"])
            if name not in SKIPPED_DISTRICT_NAMES:
                places.setdefault(owner, []).append(name)
    return councils, places


def _curated(known: set[str]) -> dict[str, dict[str, list[str]]]:
    """The curated tables, turned round to be keyed by council (and checked against it)."""
    former: dict[str, list[str]] = {}
    for successors, names in _table(FORMER_COUNCILS).items():
        for successor in successors.split("+"):
            former.setdefault(successor.strip(), []).extend(names)
    sharing: dict[str, list[str]] = {}
    for name, owners in _table(SHARED_NAMES).items():
        for owner in owners:
            sharing.setdefault(owner, []).append(name)
    tables = {
        "aliases": _table(CURATED_ALIASES),
        "towns": _table(TOWNS),
        "former_names": former,
        "shared_names": sharing,
        "false_friends": _table(FALSE_FRIENDS),
        "domains": _table(DOMAINS),
    }
    unknown = {key for table in tables.values() for key in table} - known
    if unknown:
        raise SystemExit(f"curated tables name unknown councils: {sorted(unknown)}")
    return tables


def build(shared: Path) -> list[dict[str, object]]:
    lookup = shared / "ofsted" / "la_lookup"
    derived = _read(lookup / "la_153_derived.csv")
    provider = _read(lookup / "JT-39_Provider_data_lookup.csv")
    domains = {row["urn"]: row["domain"] for row in provider}
    society = _read(lookup / "mysociety_uk_local_authorities_current.csv")
    nice = {row["gss-code"]: row for row in society}
    code_to_name = {row["mysociety_code"]: row["name_ons"] for row in derived}
    districts, district_places = _district_names(society, code_to_name)
    tables = _curated({row["name_ons"] for row in derived})
    councils = []
    for row in derived:
        name = row["name_ons"]
        society_row = nice.get(row["gss_code"]) or nice.get(row["gss_code_pre_2025"]) or {}
        council = _council(row, society_row, domains.get(row["ofsted_urn"], ""), tables)
        council["towns"] = _merge(tables["towns"].get(name, []), district_places.get(name, []))
        council["district_councils"] = _merge(districts.get(name, []))
        councils.append(council)
    councils.sort(key=lambda c: str(c["name"]).casefold())
    if len(councils) != 153:
        raise SystemExit(f"expected 153 councils, built {len(councils)}")
    return councils


def _council(
    row: dict[str, str],
    society_row: dict[str, str],
    lookup_domain: str,
    tables: dict[str, dict[str, list[str]]],
) -> dict[str, object]:
    """One council's entry: the lookups' facts plus the curated names for it."""
    name, old_code = row["name_ons"], row["gss_code_pre_2025"]
    aliases = _merge(
        row["aliases"].split("|"),
        [name, row["name_ofsted_stats"], row["official_name"]],
        [society_row.get("nice-name", "")],
        tables["aliases"].get(name, []),
    )
    return {
        "gss_code": row["gss_code"],
        "old_gss_codes": [old_code] if old_code else [],
        "name": name,
        "display_name": DISPLAY_NAMES.get(name, society_row.get("nice-name") or name),
        "official_name": row["official_name"],
        "ofsted_urn": row["ofsted_urn"],
        "dfe_la_code": row["dfe_la_code"],
        "la_type": row["la_type"],
        "ons_region": REGION_FIXES.get(row["ons_region"], row["ons_region"]),
        "ofsted_region": row["ofsted_region"],
        "domain": lookup_domain,
        "aliases": aliases,
        "shared_names": _merge(tables["shared_names"].get(name, [])),
        "former_names": _merge(tables["former_names"].get(name, [])),
        "towns": [],
        "district_councils": [],
        "false_friends": _merge(tables["false_friends"].get(name, [])),
        "domains": _domains(name, lookup_domain, tables["domains"]),
    }


def _domains(name: str, lookup_domain: str, extra: dict[str, list[str]]) -> list[str]:
    """The council's own web domains: curated ones first, else the lookup's (lower-cased)."""
    if name in extra:
        return [d.lower() for d in extra[name]]
    domain = lookup_domain.lower().removeprefix("www.").removeprefix("my.")
    return [domain] if domain.endswith(".gov.uk") else []


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    args = parser.parse_args()
    councils = build(args.shared)
    OUT.write_text(json.dumps(councils, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"wrote {len(councils)} councils to {OUT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
