"""In-memory twins of the complaint records, the corrective-action store and the export audit (domain.ports)."""

from collections.abc import Iterable, Sequence
from datetime import datetime

from resolution.domain.complaint import ComplaintDetails, Erasure
from resolution.domain.conversation import ConversationEntry
from resolution.domain.corrective import CapaStatus, CorrectiveAction
from resolution.domain.erasure import ErasedComplaint
from resolution.domain.export import ExportRecord
from resolution.domain.ports import ComplaintRecords, CorrectiveActions, ExportLog, FoundComplaints
from resolution.domain.search import SearchKeys
from resolution.domain.search_keys import email_key, phone_key, reference_key, words_of


class FakeComplaintRecords:
    def __init__(self) -> None:
        self.complaints: dict[str, ComplaintDetails] = {}
        self.entries: dict[str, ConversationEntry] = {}
        self.words: dict[str, set[str]] = {}
        self.erased: dict[str, Erasure] = {}

    async def record_details(self, details: Sequence[ComplaintDetails]) -> None:
        for one in details:
            erasure = self.erased.get(one.complaint_id)
            self.complaints[one.complaint_id] = one.model_copy(update={"erasure": erasure})
            self.words.setdefault(one.complaint_id, set()).update(words_of(one.searchable_texts()))

    async def add_customer_entries(self, entries: list[ConversationEntry]) -> None:
        for entry in entries:
            self.entries.setdefault(entry.entry_id, entry)
            self.words.setdefault(entry.complaint_id, set()).update(words_of([entry.text]))

    async def details(self, complaint_id: str) -> ComplaintDetails | None:
        return self.complaints.get(complaint_id)

    async def details_of(self, complaint_ids: Iterable[str]) -> dict[str, ComplaintDetails]:
        # As the store does: the erasure is kept beside the details and read with them.
        return {cid: self.complaints[cid].model_copy(update={"erasure": self.erased.get(cid)})
                for cid in complaint_ids if cid in self.complaints}

    async def customer_entries(self, complaint_ids: Iterable[str]) -> list[ConversationEntry]:
        wanted = set(complaint_ids)
        return sorted((e for e in self.entries.values() if e.complaint_id in wanted), key=lambda e: e.at)

    async def find(self, *, keys: SearchKeys, limit: int) -> FoundComplaints:
        found = {cid for cid in set(self.complaints) | set(self.words) if self._matches(cid, keys)}
        return FoundComplaints(set(sorted(found)[:limit]), truncated=len(found) > limit)

    def _matches(self, cid: str, keys: SearchKeys) -> bool:
        details = self.complaints.get(cid)
        stored = {"tracking": reference_key(details.tracking_number) if details else None,
                  "email": email_key(details.customer.email) if details else None,
                  "phone": phone_key(details.customer.phone) if details else None}
        asked = {"tracking": keys.tracking_number, "email": keys.email, "phone": keys.phone}
        words = self.words.get(cid, set())
        return (all(value is None or stored[name] == value for name, value in asked.items())
                and all(any(w.startswith(q) for w in words) for q in keys.words))

    async def same_customer(self, *, details: ComplaintDetails, limit: int) -> list[str]:
        def keys(d: ComplaintDetails) -> set[tuple[str, str]]:
            found = {("email", email_key(d.customer.email)), ("phone", phone_key(d.customer.phone)),
                     ("ref", reference_key(d.customer.customer_ref))}
            return {k for k in found if k[1]}

        mine = keys(details)
        others = [d for d in self.complaints.values() if d.complaint_id != details.complaint_id and keys(d) & mine]
        return [d.complaint_id for d in sorted(others, key=lambda d: d.received_at, reverse=True)][:limit]

    async def received_ids(self, *, product: str, since: datetime, until: datetime) -> set[str]:
        return {d.complaint_id for d in self.complaints.values()
                if d.product == product and since <= d.received_at < until}

    async def erasures(self, complaint_ids: Iterable[str]) -> dict[str, Erasure]:
        return {cid: self.erased[cid] for cid in complaint_ids if cid in self.erased}

    async def erase(self, erased: list[ErasedComplaint]) -> None:
        for complaint_id, erasure, details in erased:
            self.erased[complaint_id] = erasure
            self.words[complaint_id] = set(words_of(details.searchable_texts())) if details else set()
            if details is not None:
                self.complaints[complaint_id] = details
        ids = {e.complaint_id for e in erased}
        for entry_id, entry in self.entries.items():
            if entry.complaint_id in ids:
                self.entries[entry_id] = entry.model_copy(update={"text": None, "erased": True})


    async def delete(self, complaint_ids: Iterable[str]) -> None:
        ids = set(complaint_ids)
        for kept in (self.complaints, self.words, self.erased):
            for cid in ids:
                kept.pop(cid, None)
        self.entries = {entry_id: e for entry_id, e in self.entries.items() if e.complaint_id not in ids}


class FakeCorrectiveActions:
    def __init__(self) -> None:
        self.actions: dict[str, CorrectiveAction] = {}

    async def insert(self, action: CorrectiveAction) -> bool:
        if action.action_id in self.actions:
            return False
        self.actions[action.action_id] = action.model_copy(deep=True)
        return True

    async def get(self, action_id: str) -> CorrectiveAction | None:
        found = self.actions.get(action_id)
        return found.model_copy(deep=True) if found else None

    async def save(self, action: CorrectiveAction, *, expected_version: int) -> bool:
        if self.actions[action.action_id].version != expected_version:
            return False
        self.actions[action.action_id] = action.model_copy(deep=True)
        return True

    async def list(self, *, status: CapaStatus | None, owner: str | None, complaint_id: str | None, limit: int,
                   after: str | None) -> list[CorrectiveAction]:
        chosen = [a for aid, a in sorted(self.actions.items()) if (after is None or aid > after)
                  and status in (None, a.status) and owner in (None, a.owner)
                  and (complaint_id is None or complaint_id in a.complaint_ids)]
        return [a.model_copy(deep=True) for a in chosen[:limit]]


    async def unlink(self, complaint_ids: Iterable[str]) -> None:
        ids = set(complaint_ids)
        for aid, action in self.actions.items():
            if ids & set(action.complaint_ids):
                self.actions[aid] = action.model_copy(update={
                    "complaint_ids": [cid for cid in action.complaint_ids if cid not in ids],
                    "version": action.version + 1})


class FakeExportLog:
    def __init__(self) -> None:
        self.records: list[ExportRecord] = []

    async def record(self, entry: ExportRecord) -> None:
        self.records.append(entry)


def _conforms(records: FakeComplaintRecords, actions: FakeCorrectiveActions,
              exports: FakeExportLog) -> tuple[ComplaintRecords, CorrectiveActions, ExportLog]:
    return records, actions, exports  # the type checker verifies the fakes satisfy the Protocols
