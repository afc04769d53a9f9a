"""The shape of a language's texts."""

from dataclasses import dataclass

from complaint_contracts import Outcome

from ..actions import CustomerAction
from ..progress import Stage, Status
from ..timeline import Milestone


@dataclass(frozen=True)
class Wording:
    """Everything the status page says, in one language; a test checks every language covers every key."""

    statuses: dict[Status, str]
    next_steps: dict[Status, str]
    stages: dict[Stage, tuple[str, str]]
    """Stage → (title, what happens in it): the published process."""
    milestones: dict[Milestone, str]
    actions: dict[CustomerAction, str]
    outcomes: dict[Outcome, str]
    deadlines: dict[str, str]
    """Known deadline names; others are shown as they come."""
    departments: dict[str, str]
    """Known departments; others are shown as they come."""
    erasure: dict[str, str]
    """Why the customer's personal data was erased (`request`, `retention`) → what that means for them."""
    after_erasure: str
    """What happens next once it was erased, whatever the complaint's status."""

