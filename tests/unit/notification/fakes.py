"""In-memory stand-ins for notification's ports: the store, the outcome publisher, the outcome counter and the key
cache."""

from collections.abc import Iterable, Sequence

from notification.domain.delivery_log import DeliveryRecord, FinishedDelivery, LogStatus
from notification.domain.facts import ComplaintFacts, erased_facts
from notification.domain.outcomes import Outcome
from notification.domain.ports import KeyCache, NotificationStore, OutcomeCounter, OutcomePublisher


class FakeNotificationStore(NotificationStore):
    """Facts and the delivery log in dicts, with the Mongo store's rules; `batches` tells how many outcomes each
    write carried, `outcomes` keeps the outcome events stored with them."""

    def __init__(self) -> None:
        self.facts: dict[str, ComplaintFacts] = {}
        self.log: dict[str, DeliveryRecord] = {}
        self.outcomes: dict[str, Outcome] = {}
        self.batches: list[int] = []
        self.fact_batches: list[int] = []
        self.intent_batches: list[int] = []
        self.scrubbed: list[str] = []
        """Complaints whose earlier versions of the facts were asked to lose their personal values."""
        self.deletions: list[list[str]] = []
        """The complaints each `delete_complaints` call was given."""
        self.fail_next_records = 0
        """Make that many `record_outcomes` calls fail (the store went away after the channel took the message)."""

    async def facts_of(self, complaint_ids: Sequence[str]) -> dict[str, ComplaintFacts]:
        return {cid: self.facts[cid] for cid in complaint_ids if cid in self.facts}

    async def save_facts(self, facts: Sequence[ComplaintFacts]) -> None:
        self.fact_batches.append(len(facts))
        for f in facts:
            known = self.facts.get(f.complaint_id)
            erased_since = known is not None and known.personal_data_erased and not f.personal_data_erased
            self.facts[f.complaint_id] = erased_facts(f) if erased_since else f

    async def remember_received(self, facts: Sequence[ComplaintFacts]) -> None:
        for f in facts:
            self.facts.setdefault(f.complaint_id, f)

    async def scrub_facts(self, complaint_ids: Sequence[str]) -> None:
        self.scrubbed.extend(complaint_ids)  # one version per complaint here: the latest, stored erased already

    async def deliveries_among(self, notification_ids: Sequence[str]) -> dict[str, DeliveryRecord]:
        return {i: self.log[i] for i in notification_ids if i in self.log}

    async def begin_sending(self, intents: Sequence[DeliveryRecord]) -> list[bool]:
        self.intent_batches.append(len(intents))
        fresh = []
        for intent in intents:
            known = self.log.get(intent.notification_id)
            fresh.append(known is None or known.status is LogStatus.DEFERRED)
            if known is None:
                self.log[intent.notification_id] = intent
            elif known.status is LogStatus.DEFERRED:
                self.log[intent.notification_id] = known.model_copy(update={"status": LogStatus.SENDING})
        return fresh

    async def defer(self, notification_ids: Sequence[str]) -> None:
        for i in notification_ids:
            if i in self.log and self.log[i].status is LogStatus.SENDING:
                self.log[i] = self.log[i].model_copy(update={"status": LogStatus.DEFERRED})

    async def record_outcomes(self, finished: Sequence[FinishedDelivery]) -> list[bool]:
        if self.fail_next_records:
            self.fail_next_records -= 1
            raise ConnectionError("store unavailable")
        self.batches.append(len(finished))
        fresh = []
        for f in finished:
            known = self.log.get(f.notification_id)
            fresh.append(known is None or not known.final)
            if fresh[-1]:
                date = known.message_date if known else None
                self.log[f.notification_id] = f.record.model_copy(update={"message_date": date})
                self.outcomes[f.notification_id] = f.outcome
        return fresh


    async def unfinished_deliveries(self, complaint_ids: Sequence[str], *, recipient_kind: str) -> list[DeliveryRecord]:
        return [r for r in self.log.values() if r.complaint_id in complaint_ids and not r.final
                and r.recipient_kind == recipient_kind]

    async def deliveries_of(self, complaint_ids: Sequence[str]) -> list[DeliveryRecord]:
        return [r for r in self.log.values() if r.complaint_id in complaint_ids]

    async def delete_complaints(self, complaint_ids: Sequence[str]) -> None:
        self.deletions.append(list(complaint_ids))
        for complaint_id in complaint_ids:
            self.facts.pop(complaint_id, None)
        gone = [i for i, record in self.log.items() if record.complaint_id in complaint_ids]
        for notification_id in gone:
            del self.log[notification_id]
            self.outcomes.pop(notification_id, None)


class FakeOutcomePublisher(OutcomePublisher):
    """Keeps what it published; publishing again takes the outcomes the fake store kept. `fail_next` makes that many
    `publish` calls fail (the broker went away after the outcomes were stored)."""

    def __init__(self, store: FakeNotificationStore) -> None:
        self.store = store
        self.published: list[Outcome] = []
        self.republished: list[Outcome] = []
        self.fail_next = 0

    async def publish(self, finished: Sequence[FinishedDelivery]) -> None:
        if self.fail_next:
            self.fail_next -= 1
            raise ConnectionError("broker unavailable")
        self.published.extend(f.outcome for f in finished)

    async def publish_again(self, notification_ids: Sequence[str]) -> None:
        self.republished.extend(self.store.outcomes[i] for i in notification_ids if i in self.store.outcomes)


class ForgettingKeys(KeyCache):
    """Keeps the ids it was told to forget."""

    def __init__(self) -> None:
        self.forgotten: list[str] = []

    def forget(self, key_ids: Iterable[str]) -> None:
        self.forgotten.extend(key_ids)


class RecordingCounter(OutcomeCounter):
    """Keeps the outcomes the service reports as recorded and the resends."""

    def __init__(self) -> None:
        self.outcomes: list[Outcome] = []
        self.resends: list[tuple[str, str]] = []

    def recorded(self, outcomes: Sequence[Outcome]) -> None:
        self.outcomes.extend(outcomes)

    def resent(self, *, channel: str, template: str) -> None:
        self.resends.append((channel, template))
