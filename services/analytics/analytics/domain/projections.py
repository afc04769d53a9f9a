"""Turn any service's event into commutative updates of the complaint facts it concerns.

Handlers read the event's payload only through `public_data`, which has already dropped every field the
contract marks as personal, so personal data cannot reach a fact. Milestone times use the event's own time,
except receipt, which uses `received_at` (the regulatory clock starts there).

A report to the regulator (`RegulatoryReportFiled`) meets the deadlines it names as of when it was filed; the
final response never meets those (see `kpis.deadline_status`).

A staff correction of routing's assessment (`AssessmentCorrected`) keeps when each field was first corrected and the
assessment as last corrected, beside routing's own (never the reason: staff free text).

"First response" is the first thing staff sent the customer about the substance of the complaint: an
information request, a public note, a proposed resolution or the final response.
"""

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Any

from complaint_contracts import (
    AssessmentCorrected,
    CaseDeadlinesChanged,
    CaseEscalated,
    CaseOpened,
    ComplaintClosed,
    ComplaintReceived,
    ComplaintReopened,
    ComplaintRerouted,
    ComplaintResolved,
    ComplaintRouted,
    ComplaintWithdrawn,
    CorrectiveActionRaised,
    DeadlineBreached,
    EscalationRequested,
    FeedbackReceived,
    InformationRequested,
    InvestigationResumed,
    NotificationSent,
    PersonalDataErased,
    PublicNoteAdded,
    RedressPaid,
    ResolutionDecisionReceived,
    ResolutionProposed,
    SystemicIssueDetected,
)
from complaint_contracts.base import Event
from complaint_contracts.resolution import RegulatoryReportFiled
from complaint_contracts.types import Clock

from .fact_updates import FactUpdate, apply_update, merge_updates
from .facts import ComplaintFact
from .ids import field_key
from .personal_data import public_data

ACKNOWLEDGEMENT_TEMPLATE = "acknowledgement"
"""Notification template whose first delivery to the customer marks the acknowledgement."""


@dataclass(frozen=True)
class Envelope:
    event_id: str
    at: datetime


Handler = Callable[[Envelope, Mapping[str, Any]], dict[str, FactUpdate] | FactUpdate | None]


def _register(env: Envelope, **values: Any) -> dict[str, Any]:
    return {"at": env.at, "event_id": env.event_id, **values}


def _mark(env: Envelope, data: Mapping[str, Any], kind: str, **extra: Any) -> FactUpdate:
    mark = {f"lifecycle.{env.event_id}": {"kind": kind, "at": env.at}}
    return FactUpdate(complaint_id=data["complaint_id"], set=mark, **extra)


def _received(env: Envelope, data: Mapping[str, Any]) -> FactUpdate:
    fields = ("channel", "product", "jurisdiction", "customer_tier", "language")
    values = {name: data.get(name) for name in fields if data.get(name) is not None}
    return FactUpdate(complaint_id=data["complaint_id"],
                      set={"received_at": datetime.fromisoformat(data["received_at"]), **values})


def _routed(env: Envelope, data: Mapping[str, Any]) -> FactUpdate:
    routing = _register(env, kind=data["kind"], category=data["category"], priority=data["priority"],
                        regime=data["regime"])
    text_language = (data.get("triage") or {}).get("text_language")
    if text_language is not None:
        routing["text_language"] = text_language
    return FactUpdate(complaint_id=data["complaint_id"], set=_deadlines(data),
                      max={"routing": routing, **_assignment(env, data).max})


def _deadline_key(deadline: Mapping[str, Any]) -> str:
    return field_key(f"{deadline['clock']}:{deadline['name']}")


def _deadlines(data: Mapping[str, Any]) -> dict[str, Any]:
    deadlines: dict[str, Any] = {}
    for deadline in data.get("deadlines", []):
        key = _deadline_key(deadline)
        deadlines |= {f"deadlines.{key}.name": deadline["name"], f"deadlines.{key}.clock": deadline["clock"],
                      f"deadlines.{key}.due_at": datetime.fromisoformat(deadline["due_at"])}
    return deadlines


def _deadlines_changed(env: Envelope, data: Mapping[str, Any]) -> FactUpdate:
    """Every unmet deadline at its due time now (a corrected priority may add one, e.g. an urgent regulatory report):
    a register per deadline, the latest change winning whatever order the events come in."""
    names = {key: value for key, value in _deadlines(data).items() if not key.endswith(".due_at")}
    return FactUpdate(complaint_id=data["complaint_id"], set=names, max=_revisions(env, data.get("deadlines", [])))


def _resumed(env: Envelope, data: Mapping[str, Any]) -> FactUpdate:
    """The service deadlines moved by the time the case waited for the customer: judged at their new times (the
    same register as a revision, so a later correction of the priority and a resumption settle by time)."""
    return FactUpdate(complaint_id=data["complaint_id"], max=_revisions(env, data.get("service_deadlines", [])))


def _revisions(env: Envelope, deadlines: Iterable[Mapping[str, Any]]) -> dict[str, Any]:
    return {f"deadlines.{_deadline_key(d)}.revised": _register(env, due_at=datetime.fromisoformat(d["due_at"]))
            for d in deadlines}


def _assignment(env: Envelope, data: Mapping[str, Any]) -> FactUpdate:
    tier = {"escalation_tier": data["tier"]} if "tier" in data else {}
    return FactUpdate(complaint_id=data["complaint_id"],
                      max={"assignment": _register(env, department=data["department"], team=data["team"]), **tier})


def _acknowledged(env: Envelope, data: Mapping[str, Any]) -> FactUpdate | None:
    if data.get("complaint_id") is None or data["template"] != ACKNOWLEDGEMENT_TEMPLATE:
        return None
    if data["recipient_kind"] != "customer":
        return None
    return FactUpdate(complaint_id=data["complaint_id"], min={"acknowledged_at": env.at})


def _first_response(env: Envelope, data: Mapping[str, Any]) -> FactUpdate:
    return FactUpdate(complaint_id=data["complaint_id"], min={"first_response_at": env.at})


def _proposed(env: Envelope, data: Mapping[str, Any]) -> FactUpdate:
    lines = [{"kind": remedy["kind"], "amount": Decimal(remedy["amount"]["amount"]),
              "currency": remedy["amount"]["currency"]}
             for remedy in data["remedies"] if remedy.get("amount") is not None]
    offer = {f"offers.{field_key(data['proposal_id'])}": {"at": env.at, "lines": lines}}
    return _first_response(env, data).merged(FactUpdate(complaint_id=data["complaint_id"], set=offer))


def _resolved(env: Envelope, data: Mapping[str, Any]) -> FactUpdate:
    registers: dict[str, Any] = {"resolution": _register(env, outcome=data["outcome"])}
    if data.get("root_cause"):
        registers["root_cause"] = _register(env, value=data["root_cause"])
    return _first_response(env, data).merged(_mark(env, data, "resolved", max=registers))


def _closed(env: Envelope, data: Mapping[str, Any]) -> FactUpdate:
    return _mark(env, data, "closed", max={"closure": _register(env, value=data["reason"])})


def _breached(env: Envelope, data: Mapping[str, Any]) -> FactUpdate:
    key = field_key(f"{data['clock']}:{data['deadline']}")
    return FactUpdate(complaint_id=data["complaint_id"],
                      set={f"deadlines.{key}.name": data["deadline"], f"deadlines.{key}.clock": data["clock"]},
                      min={f"deadlines.{key}.breached_at": env.at})


def _reported(env: Envelope, data: Mapping[str, Any]) -> FactUpdate:
    filed_at = datetime.fromisoformat(data["filed_at"])
    names: dict[str, Any] = {}
    met: dict[str, datetime] = {}
    for name in data["deadlines_met"]:
        key = field_key(f"{Clock.REGULATORY}:{name}")
        names |= {f"deadlines.{key}.name": name, f"deadlines.{key}.clock": Clock.REGULATORY.value}
        met[f"deadlines.{key}.met_at"] = filed_at
    return FactUpdate(complaint_id=data["complaint_id"], set=names, min=met)


def _paid(env: Envelope, data: Mapping[str, Any]) -> FactUpdate:
    payment = {"at": env.at, "proposal_id": data["proposal_id"], "kind": data["kind"],
               "amount": Decimal(data["amount"]["amount"]), "currency": data["amount"]["currency"]}
    return FactUpdate(complaint_id=data["complaint_id"], set={f"payments.{env.event_id}": payment})


def _decided(env: Envelope, data: Mapping[str, Any]) -> FactUpdate:
    register = _register(env, decision=data["decision"])
    return FactUpdate(complaint_id=data["complaint_id"], max={f"decisions.{field_key(data['proposal_id'])}": register})


def _erased(env: Envelope, data: Mapping[str, Any]) -> FactUpdate:
    # The first erasure counts ($min): a later one (e.g. retention after a request) finds nothing left to erase.
    erasure = {"at": datetime.fromisoformat(data["erased_at"]), "event_id": env.event_id, "reason": data["reason"],
               "erasure_id": data["erasure_id"]}
    return FactUpdate(complaint_id=data["complaint_id"], min={"erasure": erasure})


def _corrected(env: Envelope, data: Mapping[str, Any]) -> FactUpdate:
    # $min per field: a redelivery, or a second correction of the same field, leaves the first time standing.
    first = {f"correction.fields.{change['field']}": env.at for change in data["changes"]}
    latest = _register(env, kind=data["kind"], category=data["category"], priority=data["priority"],
                       department=data["department"])
    return FactUpdate(complaint_id=data["complaint_id"], min={"correction.first_at": env.at, **first},
                      max={"correction.latest": latest})


def _per_complaint(data: Mapping[str, Any], **operators: Any) -> dict[str, FactUpdate]:
    return {cid: FactUpdate(complaint_id=cid, **operators) for cid in data["complaint_ids"]}


def _corrective_action(env: Envelope, data: Mapping[str, Any]) -> dict[str, FactUpdate]:
    return _per_complaint(data, max={"root_cause": _register(env, value=data["root_cause"])})


def _systemic_issue(env: Envelope, data: Mapping[str, Any]) -> dict[str, FactUpdate]:
    return _per_complaint(data, set={f"systemic_issues.{field_key(data['issue_id'])}": True})


def _at_least(path: str, value_of: Callable[[Envelope, Mapping[str, Any]], Any], how: str = "min") -> Handler:
    return lambda env, data: FactUpdate(complaint_id=data["complaint_id"], **{how: {path: value_of(env, data)}})


HANDLERS: dict[type[Event], Handler] = {
    ComplaintReceived: _received,
    ResolutionDecisionReceived: _decided,
    FeedbackReceived: lambda env, data: FactUpdate(
        complaint_id=data["complaint_id"], max={"feedback": _register(env, satisfaction=data["satisfaction"])}),
    ComplaintWithdrawn: lambda env, data: _mark(env, data, "withdrawn"),
    EscalationRequested: _at_least("escalation_requested_at", lambda env, _: env.at),
    ComplaintRouted: _routed,
    ComplaintRerouted: _assignment,
    NotificationSent: _acknowledged,
    CaseOpened: _at_least("case_opened_at", lambda env, _: env.at),
    InformationRequested: _first_response,
    PublicNoteAdded: _first_response,
    ResolutionProposed: _proposed,
    ComplaintResolved: _resolved,
    ComplaintClosed: _closed,
    ComplaintReopened: lambda env, data: _mark(env, data, "reopened"),
    CaseEscalated: _at_least("escalation_tier", lambda _, data: data["tier"], "max"),
    DeadlineBreached: _breached,
    RegulatoryReportFiled: _reported,
    RedressPaid: _paid,
    AssessmentCorrected: _corrected,
    CaseDeadlinesChanged: _deadlines_changed,
    InvestigationResumed: _resumed,
    CorrectiveActionRaised: _corrective_action,
    SystemicIssueDetected: _systemic_issue,
    PersonalDataErased: _erased,
}
"""Event class → its contribution: the one list of projected events (the consumer subscribes to exactly these).
Classes not listed (workload, warnings, messages…) change no fact."""

PROJECTED_EVENTS: tuple[type[Event], ...] = tuple(HANDLERS)


class CannotProject(Exception):
    """A contract-valid event the projection cannot read: retrying cannot help."""


def fact_updates(event: Event) -> list[FactUpdate]:
    """Return the updates one event makes to the facts of the complaints it concerns (none if irrelevant).

    Raises CannotProject when the event's payload is not what its handler reads.
    """
    handler = HANDLERS.get(type(event))
    if handler is None:
        return []
    try:
        result = handler(Envelope(event_id=str(event.id), at=event.time), public_data(event))
    except (KeyError, TypeError, ValueError) as exc:  # a payload shape the projection does not expect
        raise CannotProject(f"cannot project {event.type}: {type(exc).__name__}") from exc
    if result is None:
        return []
    return list(result.values()) if isinstance(result, dict) else [result]


def batch_updates(events: Iterable[Event]) -> list[FactUpdate]:
    """Return one merged update per complaint for a batch of events (for one bulk write)."""
    return merge_updates(update for event in events for update in fact_updates(event))


def project(events: Iterable[Event], documents: Mapping[str, Mapping[str, Any]] | None = None) -> dict[str, dict]:
    """Apply events to fact documents keyed by complaint id, in memory; returns the new documents."""
    result = {cid: dict(doc) for cid, doc in (documents or {}).items()}
    for update in batch_updates(events):
        result[update.complaint_id] = apply_update(result.get(update.complaint_id), update)
    return result


def build_facts(events: Iterable[Event]) -> list[ComplaintFact]:
    """Build every complaint fact from scratch out of a list of events (the replay reference)."""
    return [ComplaintFact.model_validate(doc) for doc in project(events).values()]
