"""Does a subscriber want to hear about this event? Empty filters mean 'everything'."""

from __future__ import annotations

from alerts.events import InspectionEvent
from storage.models import SubscriptionRow


def wants(subscription: SubscriptionRow, event: InspectionEvent) -> bool:
    if subscription.regions and not (
        {event.ons_region, event.ofsted_region} & set(subscription.regions)
    ):
        return False
    if subscription.local_authorities and event.gss_code not in subscription.local_authorities:
        return False
    if subscription.inspection_types and event.inspection_type not in subscription.inspection_types:
        return False
    return not (subscription.judgements and event.judgement not in subscription.judgements)
