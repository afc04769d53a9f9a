"""Use cases driven by other services' events: open cases from routing, keep what the complaint says and what its
customer wrote, react to the customer, routing and notification, link the duplicates routing detects."""

from collections.abc import Collection, Sequence
from functools import partial

from complaint_contracts.base import Event
from complaint_contracts.intake import ComplaintReceived
from complaint_contracts.notification import NotificationSent
from complaint_contracts.routing import ComplaintRouted, PossibleDuplicateDetected
from complaints_chassis.consumer import PermanentError
from complaints_chassis.parking import Deferred

from ..domain.case import SYSTEM, Acting, Case
from ..domain.changes import Before, CaseChange
from ..domain.complaint import details_from
from ..domain.contact import acknowledgement_of
from ..domain.conversation import CustomerEvent, customer_entry
from ..domain.duplicates import link_duplicates
from ..domain.erasure import blanked, scrubbed
from ..domain.errors import ResolutionError
from ..domain.opening import open_case
from ..domain.reactions import InboundEvent, concerns_a_case, react
from .core import CaseNotReady, CaseWork
from .personal_data import keep_erased


async def open_cases(work: CaseWork, *, routed: Sequence[ComplaintRouted]) -> None:
    """Open a case per routed complaint; a complaint that has its case already ignores the redelivery."""
    changes: dict[str, CaseChange] = {}
    for event in routed:
        if event.complaint_id in changes:
            continue
        # Clocks run from receipt; older routing decisions lack `received_at` and start them at routing.
        acting = Acting(by=SYSTEM, at=work.clock(), reason="routed", causation_id=str(event.id))
        case, events = open_case(routed=event, received_at=event.received_at, acting=acting, policy=work.policy)
        changes[event.complaint_id] = work.change(case, list(events), before=None)
    # Published: those inserted now and those found opened already (a redelivery: what they caused may not have
    # gone out). Straight after the insert, before the workload counts: staff may act on a case as soon as it is
    # stored, and what they do must not reach the topic before its CaseOpened.
    await work.write(list(changes.values()), work.store.insert, then=partial(work.opened.publish, changes.keys()))
    work.notify()  # the workload announcements the write queued


async def record_received(work: CaseWork, *, received: Sequence[ComplaintReceived]) -> None:
    """Keep what each complaint says, beside its case (whether or not the case was opened yet); of a complaint
    whose personal data was erased, only what is left without it."""
    erased = await work.records.erasures({e.complaint_id for e in received})
    latest = {e.complaint_id: e for e in received}  # a receipt twice in one run (redelivered): one write, as before
    details = [details_from(event) for event in latest.values()]
    await work.records.record_details([d if d.complaint_id not in erased else scrubbed(d, erased[d.complaint_id])
                                       for d in details])
    await _erased_meanwhile(work, latest, known=erased)


async def hear_customer(work: CaseWork, *, events: Sequence[CustomerEvent]) -> None:
    """Keep everything the customer wrote (on a complaint whose personal data was erased, only that they wrote),
    then let the cases react (an event that precedes its case waits, and comes back here: its entry is kept
    once)."""
    ids = {e.complaint_id for e in events}
    erased = await work.records.erasures(ids)
    await work.records.add_customer_entries([blanked(entry) if entry.complaint_id in erased else entry
                                             for entry in map(customer_entry, events)])
    await _erased_meanwhile(work, ids, known=erased)
    await react_to(work, events=[e for e in events if isinstance(e, InboundEvent)])


async def _erased_meanwhile(work: CaseWork, complaint_ids: Collection[str], *, known: Collection[str]) -> None:
    """An erasure handled by another consumer while these records were being written may have found nothing of them
    to take out (it ran between the look-up above and the writes): take it out now. One more read per batch: the
    race is rare, and what it would leave behind is personal data."""
    late = await work.records.erasures(set(complaint_ids) - set(known))
    if late:
        await keep_erased(work, late)


async def react_to(work: CaseWork, *, events: Sequence[InboundEvent]) -> None:
    """Keep the acknowledgements notification sent beside their cases (a case not opened yet takes its own when it
    is); apply the customer's, routing's and notification's other events to their cases, each once; one that
    precedes its case waits."""
    sent = [acknowledgement_of(e) for e in events if isinstance(e, NotificationSent)]
    await work.store.record_acknowledgements([a for a in sent if a is not None])
    relevant = [e for e in events if concerns_a_case(e)]
    ids = {e.complaint_id for e in relevant if e.complaint_id is not None}
    cases = await work.store.get_many(ids)
    early = sorted(ids - set(cases))
    if early:
        # The chassis parks the events named here and applies the rest of the run again, together.
        raise Deferred(f"complaint {early[0]} has no case yet",
                       waiting=[e.id for e in relevant if e.complaint_id in early])
    befores = {cid: Before.of(case) for cid, case in cases.items()}
    caused: dict[str, list[Event]] = {cid: [] for cid in cases}
    for event in relevant:
        cid = event.complaint_id
        assert cid is not None  # concerns_a_case keeps only events about a complaint
        caused[cid] += _react(work, cases[cid], event)
    await _save_reactions(work, cases, befores, caused)


async def link_detected(work: CaseWork, *, detected: Sequence[PossibleDuplicateDetected]) -> None:
    """Link each complaint routing found to look like an earlier one, on both cases (the earlier one when it has
    a case); the new complaint's case must exist first."""
    ids = {e.complaint_id for e in detected} | {e.duplicate_of for e in detected}
    cases = await work.store.get_many(ids)
    early = sorted({e.complaint_id for e in detected} - set(cases))
    if early:
        raise Deferred(f"complaint {early[0]} has no case yet",
                       waiting=[e.id for e in detected if e.complaint_id in early])
    befores = {cid: Before.of(case) for cid, case in cases.items()}
    for event in detected:
        acting = Acting(by=SYSTEM, at=event.time, reason=event.reason, causation_id=str(event.id))
        try:
            link_duplicates(duplicate=cases[event.complaint_id], original=cases.get(event.duplicate_of),
                            original_id=event.duplicate_of, acting=acting, reason=event.reason,
                            similarity=event.similarity, policy=work.policy)
        except ResolutionError as exc:
            raise PermanentError(f"the duplicate cannot be linked: {exc}") from exc
    await _save_reactions(work, cases, befores, {cid: [] for cid in cases})


async def _save_reactions(work: CaseWork, cases: dict[str, Case], befores: dict[str, Before],
                          caused: dict[str, list[Event]]) -> None:
    changes = [work.change(case, caused[cid], before=befores[cid]) for cid, case in cases.items()
               if case.version != befores[cid].version]
    conflicts = await work.write(changes, work.store.save)
    work.notify()
    if conflicts:
        raise CaseNotReady("a case changed while its events were applied; applying again")


def _react(work: CaseWork, case: Case, event: InboundEvent) -> list[Event]:
    try:
        return react(case=case, event=event, calendar=work.calendars.for_case(case), policy=work.policy)
    except ResolutionError as exc:
        raise PermanentError(f"{type(event).__name__} cannot apply to the case: {exc}") from exc
