"""In-memory stand-ins for notification's ports: the store and the outcome counter."""

from collections.abc import Sequence

from notification.domain.facts import ComplaintFacts
from notification.domain.outcomes import Outcome
from notification.domain.ports import NotificationStore, OutcomeCounter


class FakeNotificationStore(NotificationStore):
    """Facts and recorded outcomes in dicts; `batches` tells how many outcomes each write carried."""

    def __init__(self) -> None:
        self.facts: dict[str, ComplaintFacts] = {}
        self.outcomes: dict[str, Outcome] = {}
        self.batches: list[int] = []

    async def facts_of(self, complaint_ids: Sequence[str]) -> dict[str, ComplaintFacts]:
        return {cid: self.facts[cid] for cid in complaint_ids if cid in self.facts}

    async def save_facts(self, facts: Sequence[ComplaintFacts]) -> None:
        self.facts.update((f.complaint_id, f) for f in facts)

    async def remember_received(self, facts: Sequence[ComplaintFacts]) -> None:
        for f in facts:
            self.facts.setdefault(f.complaint_id, f)

    async def recorded_among(self, notification_ids: Sequence[str]) -> set[str]:
        return set(notification_ids) & set(self.outcomes)

    async def record_outcomes(self, outcomes: Sequence[Outcome]) -> list[bool]:
        self.batches.append(len(outcomes))
        fresh = []
        for outcome in outcomes:
            fresh.append(outcome.notification_id not in self.outcomes)
            self.outcomes.setdefault(outcome.notification_id, outcome)
        return fresh


class RecordingCounter(OutcomeCounter):
    """Keeps the outcomes the service reports as recorded, and how often it woke the outbox relay."""

    def __init__(self) -> None:
        self.outcomes: list[Outcome] = []
        self.wakes = 0

    def recorded(self, outcomes: Sequence[Outcome]) -> None:
        self.outcomes.extend(outcomes)

    def wake(self) -> None:
        self.wakes += 1
