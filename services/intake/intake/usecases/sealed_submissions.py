"""Partners' submissions that came with their personal values sealed (the partner asked intake's key API for the
customer's key before publishing): opened before they are checked, so the same rules judge them as plaintext ones.

A value that cannot be opened is refused, never taken as it is: its key was destroyed (the customer's data was
erased since the partner sealed it), was never intake's, or the value was altered on the way.
"""

from collections.abc import Sequence
from dataclasses import dataclass

from complaint_contracts import ComplaintSubmission
from complaint_contracts.personal_data import map_personal_data, sealed_key_id
from complaints_chassis.personal_data import DataKey, KeyRing, UnreadableValue, open_text
from pydantic import ValidationError

from ..domain.problems import FieldProblem, problem, problems_from_validation_error
from .sealed import key_ids

UNREADABLE = problem("customer", "unreadable_personal_data",
                     "a sealed personal value cannot be opened: its key was destroyed (the customer's data was "
                     "erased), is not one of intake's, or the value was altered")
NOT_THE_CUSTOMERS_KEY = problem("customer", "sealed_with_another_key",
                                "sealed with a key that is not the current key of the customer the submission names: "
                                "ask the key API for the key again and resubmit")


@dataclass(frozen=True)
class OpenedSubmission:
    submission: ComplaintSubmission
    """Opened (its personal values in plaintext) unless `problems` says it could not be."""
    sealed_with: frozenset[str]
    """The ids of the keys the partner sealed it with; empty when it came in plaintext."""
    problems: tuple[FieldProblem, ...] = ()


async def opened_submissions(ring: KeyRing, submissions: Sequence[ComplaintSubmission]) -> list[OpenedSubmission]:
    """Each submission with its personal values opened; one key look-up for the whole batch."""
    data = [s.model_dump(mode="json", by_alias=True) for s in submissions]
    used = [frozenset(key_ids(ComplaintSubmission, d)) for d in data]
    wanted = set().union(*used)
    keys = await ring.get_many(wanted) if wanted else {}
    return [_opened(s, d, ids, keys) if ids else OpenedSubmission(s, frozenset())
            for s, d, ids in zip(submissions, data, used, strict=True)]


def _opened(submission: ComplaintSubmission, data: dict, used: frozenset[str],
            keys: dict[str, DataKey]) -> OpenedSubmission:
    unreadable: list[str] = []

    def open_one(value: str, _nullable: bool) -> str:
        key_id = sealed_key_id(value)
        if key_id is None:
            return value
        try:
            return open_text(value, keys[key_id])
        except (KeyError, UnreadableValue):
            unreadable.append(key_id)
            return value

    plain = map_personal_data(model=ComplaintSubmission, data=data, fn=open_one)
    if unreadable:
        return OpenedSubmission(submission, used, (UNREADABLE,))
    try:
        return OpenedSubmission(ComplaintSubmission.model_validate(plain), used)
    except ValidationError as error:  # the opened values break the contract (too long, not a phone number…)
        return OpenedSubmission(submission, used, tuple(problems_from_validation_error(error)))
