"""Does a subscriber want to hear about this? Empty filters mean 'everything'.

Places (regions and councils) add up: `--region London --la Kent` means London's
councils and Kent. Inspection types and judgements then narrow what those places
produce. A region matches by its ONS or its Ofsted name.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from alerts.events import InspectionEvent
from storage.models import SubscriptionRow


@dataclass(frozen=True, slots=True)
class Place:
    gss_code: str
    ons_region: str
    ofsted_region: str


def _wants_place(subscription: SubscriptionRow, places: Iterable[Place]) -> bool:
    regions = set(subscription.regions or [])
    councils = set(subscription.local_authorities or [])
    if not regions and not councils:
        return True
    return any(
        p.gss_code in councils or p.ons_region in regions or p.ofsted_region in regions
        for p in places
    )


def matches(
    subscription: SubscriptionRow,
    places: Iterable[Place],
    inspection_type: str | None,
    outcomes: set[str],
) -> bool:
    if not _wants_place(subscription, places):
        return False
    if subscription.inspection_types and inspection_type not in subscription.inspection_types:
        return False
    return not (subscription.judgements and not outcomes & set(subscription.judgements))


def concerns(subscription: SubscriptionRow, event: InspectionEvent) -> bool:
    """The place and type filters alone: a correction of an outcome a subscriber was told
    reaches them whatever the judgement turned out to be."""
    place = Place(event.gss_code, event.ons_region, event.ofsted_region)
    if not _wants_place(subscription, [place]):
        return False
    return (
        not subscription.inspection_types or event.inspection_type in subscription.inspection_types
    )


def wants(subscription: SubscriptionRow, event: InspectionEvent) -> bool:
    place = Place(event.gss_code, event.ons_region, event.ofsted_region)
    return matches(subscription, [place], event.inspection_type, event.outcomes)
