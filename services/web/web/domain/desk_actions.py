"""The actions the case page offers: which lifecycle action allows each form, where it is posted in resolution's
API, and how the form's fields become the API's body. Fields the desk can check itself (amounts, dates) are checked
here; everything else is the API's to judge.
"""

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, tzinfo
from decimal import Decimal, InvalidOperation
from typing import Any

from .desk_labels import N_, OUTCOMES, REMEDIES, REPORT_TYPES
from .desk_refusals import FieldRefusal, Refusal, Refused

Form = Mapping[str, str]
REMEDY_ROWS = 2
PLAN_ROWS = 3


@dataclass(frozen=True)
class Action:
    key: str
    allowed_by: frozenset[str]
    """Lifecycle actions (resolution's `allowed_actions`) any of which makes the form available."""
    endpoint: Callable[[Form], str]
    body: Callable[[Form], dict[str, Any]]
    timed_body: Callable[[Form, tzinfo, datetime], dict[str, Any]] | None = None
    """Fields given as a date and time on the pages' clock: read in the pages' time zone, checked against now."""


def _text(form: Form, name: str) -> str:
    return form.get(name, "").strip()


def _reason(form: Form) -> dict[str, Any]:
    return {"reason": _text(form, "reason")} if _text(form, "reason") else {}


def _day_end(form: Form, name: str, *, required: bool = False) -> str | None:
    """A date field as the end of that day (UTC), the time a customer reads as 'by that date'."""
    value = _text(form, name)
    if not value:
        if required:
            raise invalid(name, N_("Enter a date."))
        return None
    try:
        day = date.fromisoformat(value)
    except ValueError:
        raise invalid(name, N_("Enter a date as YYYY-MM-DD.")) from None
    return datetime.combine(day, time(23, 59), tzinfo=UTC).isoformat()


def _moment(form: Form, name: str, zone: tzinfo, now: datetime) -> str:
    """A past date and time as typed (`2030-01-31T14:05`, read in the pages' time zone unless it names one)."""
    value = _text(form, name)
    if not value:
        raise invalid(name, N_("Enter a date and time."))
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        raise invalid(name, N_("Enter a date and time as YYYY-MM-DD HH:MM.")) from None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=zone)
    if moment > now:
        raise invalid(name, N_("Enter a date and time that is not in the future."))
    return moment.astimezone(UTC).isoformat()


def _amount(form: Form, name: str) -> Decimal | None:
    value = _text(form, name).replace(",", ".")
    if not value:
        return None
    try:
        amount = Decimal(value)
    except InvalidOperation:
        raise invalid(name, N_("Enter an amount such as 25.00.")) from None
    if amount < 0 or not amount.is_finite():
        raise invalid(name, N_("Enter an amount such as 25.00."))
    return amount


def invalid(name: str, reason: str) -> Refused:
    """A field the desk found wrong before asking the API."""
    return Refused(Refusal(status=422, message=N_("Some fields are not valid. Please correct them."),
                           fields=[FieldRefusal(name, reason)]))


def _remedies(form: Form) -> list[dict[str, Any]]:
    remedies = []
    for row in range(1, REMEDY_ROWS + 1):
        kind = _text(form, f"remedy_kind_{row}")
        if kind not in REMEDIES:
            continue
        remedy: dict[str, Any] = {"kind": kind, "description": _text(form, f"remedy_description_{row}")}
        amount = _amount(form, f"remedy_amount_{row}")
        if amount is not None:
            currency = _text(form, f"remedy_currency_{row}").upper()
            if len(currency) != 3 or not currency.isalpha():
                raise invalid(f"remedy_currency_{row}", N_("Enter a currency code such as GBP, BYN or EUR."))
            remedy["amount"] = {"amount": str(amount), "currency": currency}
        remedies.append(remedy)
    if not remedies:
        raise invalid("remedy_kind_1", N_("Choose at least one remedy."))
    return remedies


def _plan(form: Form) -> list[dict[str, Any]]:
    steps = []
    for row in range(1, PLAN_ROWS + 1):
        description = _text(form, f"step_description_{row}")
        if description:
            steps.append({"description": description, "due_at": _day_end(form, f"step_due_{row}", required=True)})
    return steps


def _proposal(form: Form) -> dict[str, Any]:
    return {"summary": _text(form, "summary"), "remedies": _remedies(form), "plan": _plan(form),
            "respond_by": _day_end(form, "respond_by")}


def _payment(form: Form) -> dict[str, Any]:
    amount = _amount(form, "amount")
    if amount is None:
        raise invalid("amount", N_("Enter an amount such as 25.00."))
    return {"proposal_id": _text(form, "proposal_id"), "kind": _text(form, "kind"),
            "payment_reference": _text(form, "payment_reference"),
            "amount": {"amount": str(amount), "currency": _text(form, "currency").upper()}}


def _resolution(form: Form) -> dict[str, Any]:
    outcome = _text(form, "outcome")
    if outcome not in OUTCOMES:
        raise invalid("outcome", N_("Choose an outcome."))
    return {"outcome": outcome, "final_response": _text(form, "final_response"),
            "root_cause": _text(form, "root_cause") or None}


def _regulatory_report(form: Form) -> dict[str, Any]:
    report_type = _text(form, "report_type")
    if report_type not in REPORT_TYPES:
        raise invalid("report_type", N_("Choose the type of report."))
    reference = _text(form, "reference")
    if not reference:
        raise invalid("reference", N_("Enter the report's reference."))
    return {"report_type": report_type, "reference": reference}


def _assessment(form: Form) -> dict[str, Any]:
    """Each field as chosen (the form starts from the case's values: resolution changes only those that differ),
    and why: routing learns from the reason, so a correction without one is refused here."""
    if not _text(form, "reason"):
        raise invalid("reason", N_("Say why routing's assessment was wrong."))
    return {name: _text(form, name) for name in ("kind", "category", "priority", "department") if _text(form, name)}


def _fixed(path: str) -> Callable[[Form], str]:
    return lambda form: path


ACTIONS: dict[str, Action] = {action.key: action for action in [
    Action("investigate", frozenset({"investigate"}), _fixed("investigation"), lambda f: {}),
    Action("resume", frozenset({"resume_investigation"}), _fixed("investigation/resumption"), lambda f: {}),
    Action("request-information", frozenset({"request_information"}), _fixed("information-requests"),
           lambda f: {"question": _text(f, "question"), "respond_by": _day_end(f, "respond_by")}),
    Action("note", frozenset({"add_internal_note", "add_public_note"}), _fixed("notes"),
           lambda f: {"text": _text(f, "text"), "public": _text(f, "visibility") == "public"}),
    Action("propose", frozenset({"propose_resolution"}), _fixed("proposals"), _proposal),
    Action("implementation", frozenset({"record_implementation"}), _fixed("implementation"),
           lambda f: {"details": _text(f, "details")}),
    Action("complete-step", frozenset({"complete_plan_step"}),
           lambda f: f"plan-steps/{_text(f, 'step_id')}/completion", lambda f: {"note": _text(f, "note")}),
    Action("payment", frozenset({"pay_redress"}), _fixed("redress-payments"), _payment),
    Action("resolve", frozenset({"resolve"}), _fixed("resolution"), _resolution),
    Action("close", frozenset({"close", "close_no_response"}), _fixed("closure"),
           lambda f: {"close_reason": _text(f, "close_reason") or "resolved"}),
    Action("reopen", frozenset({"reopen"}), _fixed("reopening"), lambda f: {}),
    Action("reassign", frozenset({"reassign"}), _fixed("assignment"),
           lambda f: {"team": _text(f, "team"), "assignee": _text(f, "assignee") or None}),
    Action("escalate", frozenset({"escalate"}), _fixed("escalation"), lambda f: {}),
    Action("assessment", frozenset({"correct_assessment"}), _fixed("assessment"), _assessment),
    Action("link-duplicate", frozenset({"link_duplicate"}), _fixed("duplicates"),
           lambda f: {"duplicate_of": _text(f, "duplicate_of")}),
    Action("merge", frozenset({"close_duplicate"}), _fixed("merge"), lambda f: {"into": _text(f, "into")}),
    Action("regulatory-report", frozenset({"file_regulatory_report"}), _fixed("regulatory-reports"),
           _regulatory_report, lambda f, zone, now: {"filed_at": _moment(f, "filed_at", zone, now)}),
]}


OTHER_COMPLAINT = {"link-duplicate": "duplicate_of", "merge": "into"}
"""Actions naming another complaint, and the field that names it (by tracking number or complaint id)."""


def available(allowed_actions: list[str]) -> set[str]:
    """The forms the case page shows, given what the lifecycle allows now."""
    allowed = set(allowed_actions)
    return {key for key, action in ACTIONS.items() if action.allowed_by & allowed}


def request_for(key: str, form: Form, *, zone: tzinfo = UTC,
                now: datetime | None = None) -> tuple[str, dict[str, Any]]:
    """The endpoint (relative to the case) and body of an action; raises Refused for fields the desk can check.

    `zone` is the time zone the pages show times in (a typed date and time is read in it), `now` the present."""
    action = ACTIONS[key]
    version = _text(form, "version")
    if not version.isdigit():
        raise invalid("version", N_("Read the case again and repeat the action."))
    body = action.body(form) | _reason(form) | {"version": int(version)}
    if action.timed_body:
        body |= action.timed_body(form, zone, now or datetime.now(UTC))
    return action.endpoint(form), body
