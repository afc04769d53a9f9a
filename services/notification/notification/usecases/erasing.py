"""A complaint's personal data erased: the keys' copies go, and what was still to be sent to the customer is not.

The facts lose their personal values in the run's own write of the facts (the erasure is folded into them like any
other event); the messages the customer would still get in the run are planned as not sent (see addressing.py).
What is left here: the keys this service holds for a while, and deliveries left unfinished by earlier runs (a
transient failure, or a stop while sending) whose event may never come back to finish them.
"""

from collections.abc import Sequence

from complaint_contracts import Event, PersonalDataErased

from ..domain.catalogue import Audience
from ..domain.delivery_log import FinishedDelivery, finished_by_erasure
from ..domain.ports import KeyCache, NotificationStore


def erasures_in(events: Sequence[Event]) -> list[PersonalDataErased]:
    return [event for event in events if isinstance(event, PersonalDataErased)]


def forget_keys(keys: KeyCache, erasures: Sequence[PersonalDataErased]) -> None:
    """Drop the copies of the destroyed keys now (the cache would keep them until they expire)."""
    keys.forget(key_id for erasure in erasures for key_id in erasure.key_ids)


async def finish_unsent(store: NotificationStore, erasures: Sequence[PersonalDataErased]) -> list[FinishedDelivery]:
    """Finish the customer's unfinished deliveries as not sent, in one write; those recorded now."""
    by_complaint = {erasure.complaint_id: erasure for erasure in erasures}
    pending = await store.unfinished_deliveries(list(by_complaint), recipient_kind=Audience.CUSTOMER.value)
    finished = [finished_by_erasure(record, erasure=by_complaint[record.complaint_id]) for record in pending
                if record.complaint_id is not None]
    if not finished:
        return []
    applied = await store.record_outcomes(finished)
    return [f for f, fresh in zip(finished, applied, strict=True) if fresh]
