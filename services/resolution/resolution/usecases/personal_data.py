"""The customer's personal data in resolution: erasing it when intake announces the keys destroyed, and gathering
every record kept about some complaints for the customer's access request."""

from collections.abc import Collection, Mapping, Sequence

from complaint_contracts.intake import PersonalDataErased
from pydantic import BaseModel, Field

from ..domain.case import Case
from ..domain.case_erasure import record_erasure
from ..domain.changes import Before
from ..domain.complaint import ComplaintDetails, Erasure
from ..domain.conversation import ConversationEntry
from ..domain.erasure import ErasedComplaint, erasure_of, personal_values, scrubbed
from .core import CaseNotReady, CaseWork


class KeptRecords(BaseModel):
    """Every record resolution keeps about one complaint."""

    case: Case | None = Field(description="The case with its history (null when no case was opened)")
    complaint: ComplaintDetails | None = Field(description="What the complaint says, as filed (null until intake's "
                                                           "receipt reached resolution)")
    customer_entries: list[ConversationEntry] = Field(description="Everything the customer wrote, oldest first")


async def erase_personal_data(work: CaseWork, *, erased: Sequence[PersonalDataErased]) -> None:
    """Forget the destroyed keys, take the customer's values out of the cases' texts and record the erasure in
    their histories, then keep the complaints' records without personal data. Redelivered, it changes nothing."""
    work.keys.forget({key_id for event in erased for key_id in event.key_ids})
    latest = {event.complaint_id: event for event in erased}
    details = await work.records.details_of(latest)
    cases = await work.store.get_many(latest)
    befores = {cid: Before.of(case) for cid, case in cases.items()}
    for cid, case in cases.items():
        # The values to look for come from the working copy, so the cases go first: were the records scrubbed
        # and the case write lost, a retry would have nothing left to look for.
        record_erasure(case=case, erasure=erasure_of(latest[cid]), quoted=personal_values(details.get(cid)),
                       causation_id=str(latest[cid].id), policy=work.policy)
    changes = [work.change(case, [], before=befores[cid]) for cid, case in cases.items()
               if case.version != befores[cid].version]
    conflicts = await work.write(changes, work.store.save)
    if conflicts:
        raise CaseNotReady("a case changed while its personal data was erased; erasing again")
    await keep_erased(work, {cid: erasure_of(event) for cid, event in latest.items()}, details=details)
    work.notify()


async def keep_erased(work: CaseWork, erasures: Mapping[str, Erasure],
                      details: Mapping[str, ComplaintDetails] | None = None) -> None:
    """Keep each complaint's records as its erasure leaves them: the details scrubbed, found by the words left,
    and what the customer wrote blanked. `details`: the complaints' details as already read."""
    if details is None:
        details = await work.records.details_of(erasures)
    kept = []
    for cid, erasure in erasures.items():
        clean = scrubbed(details[cid], erasure) if cid in details else None
        # The scrubbed details' erasure records which fields held a value.
        kept.append(ErasedComplaint(cid, clean.erasure if clean and clean.erasure else erasure, clean))
    await work.records.erase(kept)


async def kept_records(work: CaseWork, *, complaint_ids: Collection[str]) -> dict[str, KeptRecords]:
    """Every record kept about each of the complaints, as it is stored (personal data readable until erased);
    complaints resolution knows nothing about are left out."""
    wanted = sorted(set(complaint_ids))
    cases = await work.store.get_many(wanted)
    details = await work.records.details_of(wanted)
    entries: dict[str, list[ConversationEntry]] = {}
    for entry in await work.records.customer_entries(wanted):
        entries.setdefault(entry.complaint_id, []).append(entry)
    return {cid: KeptRecords(case=cases.get(cid), complaint=details.get(cid), customer_entries=entries.get(cid, []))
            for cid in wanted if cid in cases or cid in details or cid in entries}
