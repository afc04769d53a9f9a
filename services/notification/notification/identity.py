"""Deterministic delivery ids: a redelivered event maps onto the same deliveries, so nothing is sent twice."""

from uuid import NAMESPACE_URL, UUID, uuid5

NOTIFICATION_NAMESPACE: UUID = uuid5(NAMESPACE_URL, "urn:complaints:notification")


def notification_id(*, trigger_key: str, recipient_key: str, channel: str) -> str:
    """Name the delivery of one event's message to one recipient over one channel."""
    return str(uuid5(NOTIFICATION_NAMESPACE, f"{trigger_key}\n{recipient_key}\n{channel}"))
