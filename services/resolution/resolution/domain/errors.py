"""Domain errors: each names what was wrong in words the API can return as they are."""

from .states import CaseAction, CaseState


class ResolutionError(Exception):
    """Base of every resolution domain error."""


class IllegalTransition(ResolutionError):
    """The action is not allowed in the case's current state (the API answers 409)."""

    def __init__(self, *, state: CaseState, action: CaseAction, allowed: list[CaseAction]) -> None:
        self.state, self.action, self.allowed = state, action, allowed
        names = ", ".join(allowed) or "none"
        super().__init__(f"cannot {action} a case that is {state}; allowed now: {names}")


class VersionConflict(ResolutionError):
    """Someone changed the case since the caller read it (the API answers 409)."""

    def __init__(self, *, expected: int, actual: int) -> None:
        self.expected, self.actual = expected, actual
        super().__init__(f"case is at version {actual}, the request was made against version {expected}")


class RuleViolation(ResolutionError):
    """The action is allowed in this state but its content breaks a rule (the API answers 422)."""

    def __init__(self, message: str, *, field: str | None = None) -> None:
        self.field = field
        """The request field at fault, where one is."""
        super().__init__(message)


class ReopenWindowClosed(RuleViolation):
    """The case finished too long ago to be reopened."""


class FinalResponseIncomplete(RuleViolation):
    """The final response lacks content its regime makes mandatory."""

    def __init__(self, *, missing: list[str]) -> None:
        self.missing = missing
        super().__init__("the final response is missing: " + "; ".join(missing))


class RedressRefused(RuleViolation):
    """A ledger step that would break the ledger's arithmetic (e.g. paying more than was accepted)."""


class CaseNotFound(ResolutionError):
    """No case exists for the complaint (the API answers 404)."""


class AccessDenied(ResolutionError):
    """The employee may not see or do this on the case (the API answers 403)."""


class ClockControlOff(ResolutionError):
    """The service's clock cannot be read or moved over the API here (the API answers 404)."""


class ObjectivityConflict(ResolutionError):
    """The case would be handled by the team or person the complaint is about (the API answers 409)."""

    rule = "objectivity"

    def __init__(self, reason: str, *, field: str) -> None:
        self.field = field
        super().__init__(f"objectivity rule: {reason}")


class TransitionRefused(ResolutionError):
    """A corrective action's status cannot move that way (the API answers 409)."""

    def __init__(self, *, status: str, target: str, allowed: list[str]) -> None:
        self.status, self.target, self.allowed = status, target, allowed
        names = ", ".join(allowed) or "none"
        super().__init__(f"a corrective action that is {status} cannot become {target}; allowed now: {names}")


class InvalidCursor(ResolutionError):
    """The page cursor was not issued by this service, or is damaged (the API answers 400)."""


class CorrectiveActionNotFound(ResolutionError):
    """No corrective action has the id (the API answers 404)."""
