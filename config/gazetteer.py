"""The 153 English councils with children's services, loaded from gazetteer.json.

The JSON file is the project's own data (rebuilt by tools/build_gazetteer.py);
this module only gives it a typed shape and the lookups every room needs.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path

GAZETTEER_PATH = Path(__file__).with_name("gazetteer.json")

ONS_REGIONS = (
    "North East",
    "North West",
    "Yorkshire and the Humber",
    "East Midlands",
    "West Midlands",
    "East of England",
    "London",
    "South East",
    "South West",
)
OFSTED_REGIONS = (
    "North East, Yorkshire and the Humber",
    "North West",
    "East Midlands",
    "West Midlands",
    "East of England",
    "London",
    "South East",
    "South West",
)


@dataclass(frozen=True, slots=True)
class LocalAuthority:
    gss_code: str
    old_gss_codes: tuple[str, ...]
    name: str  # ONS spelling: the contract name in classification output
    display_name: str  # what a person writes: "Hull", "Bristol"
    official_name: str
    ofsted_urn: str
    dfe_la_code: str
    la_type: str
    ons_region: str
    ofsted_region: str
    domain: str
    aliases: tuple[str, ...]
    # Added for the classifier; defaults keep older callers and files working.
    shared_names: tuple[str, ...] = ()  # names other councils answer to as well
    former_names: tuple[str, ...] = ()  # abolished councils this one (partly) replaced
    towns: tuple[str, ...] = ()  # places inside the area: weaker evidence than a name
    district_councils: tuple[str, ...] = ()  # lower-tier councils with no children's services
    false_friends: tuple[str, ...] = ()  # look like this council's name, are something else
    domains: tuple[str, ...] = ()  # web domains of the council and its children's trust

    @property
    def names(self) -> tuple[str, ...]:
        """Every unambiguous way of naming this council."""
        return tuple(
            dict.fromkeys((self.name, self.display_name, self.official_name, *self.aliases))
        )

    def as_ref(self) -> dict[str, str]:
        """The §4 contract shape of a council inside a classification."""
        return {
            "name": self.name,
            "gss_code": self.gss_code,
            "ofsted_urn": self.ofsted_urn,
            "region": self.ons_region,
        }


def _key(text: str) -> str:
    return " ".join(text.casefold().replace("&", "and").replace(".", " ").split())


class Gazetteer:
    """Lookups by code, URN, region and any known name."""

    def __init__(self, councils: list[LocalAuthority]) -> None:
        self.councils = tuple(councils)
        self._by_code: dict[str, LocalAuthority] = {}
        self._by_urn = {la.ofsted_urn: la for la in councils}
        self._by_name: dict[str, LocalAuthority] = {}
        self._by_domain: dict[str, tuple[LocalAuthority, ...]] = {}
        for la in councils:
            for domain in la.domains:
                self._by_domain[domain] = (*self._by_domain.get(domain, ()), la)
            for code in (la.gss_code, *la.old_gss_codes):
                self._by_code[code] = la
            for alias in (la.name, la.display_name, la.official_name, *la.aliases):
                self._by_name.setdefault(_key(alias), la)

    def __len__(self) -> int:
        return len(self.councils)

    def __iter__(self):  # type: ignore[no-untyped-def]
        return iter(self.councils)

    def by_gss(self, code: str) -> LocalAuthority | None:
        return self._by_code.get(code.strip().upper())

    def by_urn(self, urn: str) -> LocalAuthority | None:
        return self._by_urn.get(str(urn).strip())

    def by_domain(self, host: str) -> list[LocalAuthority]:
        """Councils publishing from a web host ("democracy.plymouth.gov.uk" is Plymouth).

        Several councils come back when they share a domain (a joint children's trust).
        """
        host = host.strip().lower().rstrip(".")
        parts = host.split(".")
        for start in range(len(parts) - 1):
            found = self._by_domain.get(".".join(parts[start:]))
            if found:
                return list(found)
        return []

    def by_name(self, name: str) -> LocalAuthority | None:
        """Exact match on any alias, ignoring case, '&' versus 'and', and full stops."""
        return self._by_name.get(_key(name))

    def resolve(self, text: str) -> LocalAuthority | None:
        """A user's way of naming a council: GSS code, Ofsted URN or any alias."""
        return self.by_gss(text) or self.by_urn(text) or self.by_name(text)

    def successors(self, text: str) -> list[LocalAuthority]:
        """The councils that took over a former one ("Cumbria": Cumberland and Westmorland
        and Furness), so a subscriber naming the old council still hears about its area."""
        key = _key(text)
        return [la for la in self.councils if key in {_key(n) for n in la.former_names}]

    def starting_with(self, text: str) -> list[LocalAuthority]:
        """Councils a shortened name may mean: "Hammersmith", "Barking"."""
        key = _key(text)
        if len(key) < 3:
            return []
        return [
            la
            for la in self.councils
            if any(
                _key(n).startswith(key + " ")
                for n in (la.name, la.display_name, la.official_name, *la.aliases)
            )
        ]

    def in_region(self, region: str) -> list[LocalAuthority]:
        """Councils in an ONS or an Ofsted region (either name, in any usual spelling)."""
        wanted = normalise_region(region)
        return [la for la in self.councils if wanted in (la.ons_region, la.ofsted_region)]


def _region_key(text: str) -> str:
    """A region name as people write it, reduced to its words: "North-East", "the North East
    of England", "Yorkshire & Humber", "SOUTH WEST REGION" all reduce to the ONS name's key."""
    words = _key(text.replace("-", " ").replace(",", " ")).split()
    if words[:1] == ["the"]:
        words = words[1:]
    if words[-1:] == ["region"]:
        words = words[:-1]
    if words[-2:] == ["of", "england"] and words[:-2] != ["east"]:
        words = words[:-2]  # ("the North East of England"; "East of England" is a name)
    elif words[-1:] == ["england"] and len(words) > 1 and words[-2] != "of":
        words = words[:-1]  # "North East England", "South West England"
    if words == ["east"] or words == ["east", "england"] or words == ["eastern"]:
        words = ["east", "of", "england"]
    return " ".join(w for w in words if w != "the")


# Every ONS and Ofsted region by its reduced key; "Yorkshire" alone and "Yorkshire and Humber"
# are the ONS region (the Ofsted region is always written with the North East).
_REGIONS_BY_KEY = {_region_key(name): name for name in (*ONS_REGIONS, *OFSTED_REGIONS)}
_REGIONS_BY_KEY.setdefault(_region_key("Yorkshire"), "Yorkshire and the Humber")
_REGIONS_BY_KEY.setdefault(_region_key("Greater London"), "London")


def normalise_region(region: str) -> str | None:
    """The canonical spelling of an ONS or Ofsted region name, or None: "North-East",
    "North East England", "Yorkshire & the Humber" and "the East Midlands" all name regions
    a subscriber or a source may be filtered by."""
    if not region or not region.strip():
        return None
    return _REGIONS_BY_KEY.get(_region_key(region))


@cache
def load_gazetteer(path: Path = GAZETTEER_PATH) -> Gazetteer:
    """Read once per process: the file is small but parsed on every classify call otherwise."""
    rows = json.loads(path.read_text(encoding="utf-8"))
    councils = [
        LocalAuthority(
            gss_code=row["gss_code"],
            old_gss_codes=tuple(row["old_gss_codes"]),
            name=row["name"],
            display_name=row["display_name"],
            official_name=row["official_name"],
            ofsted_urn=row["ofsted_urn"],
            dfe_la_code=row["dfe_la_code"],
            la_type=row["la_type"],
            ons_region=row["ons_region"],
            ofsted_region=row["ofsted_region"],
            domain=row["domain"],
            aliases=tuple(row["aliases"]),
            shared_names=tuple(row.get("shared_names", ())),
            former_names=tuple(row.get("former_names", ())),
            towns=tuple(row.get("towns", ())),
            district_councils=tuple(row.get("district_councils", ())),
            false_friends=tuple(row.get("false_friends", ())),
            domains=tuple(row.get("domains", ())),
        )
        for row in rows
    ]
    return Gazetteer(councils)
