"""Why a use case refused: the entrypoints turn each into its problem answer."""

from ..domain.actions import ActionNotAllowed, CustomerAction


class IdempotencyKeyReused(Exception):
    """The Idempotency-Key was first used for a different request."""


class NotFound(Exception):
    """No complaint with this tracking number and access code (the two cases are not told apart)."""


class _RetryLater(Exception):
    def __init__(self, retry_after: int) -> None:
        super().__init__(f"retry after {retry_after} s")
        self.retry_after = retry_after


class TooManyLookups(_RetryLater):
    """This client guessed wrong too often on this number; `retry_after` seconds until it may try it again."""


class TooManyCodeRequests(_RetryLater):
    """This client, or this tracking number, asked for new access codes too often; `retry_after` seconds to wait."""


class Refused(Exception):
    """The action is not possible in the state the complaint was in when it was refused."""

    def __init__(self, refusal: ActionNotAllowed, *, allowed: list[CustomerAction], status_text: str) -> None:
        super().__init__(refusal.reason)
        self.refusal, self.allowed, self.status_text = refusal, allowed, status_text


class Erased(Exception):
    """The complaint's personal data was erased (`reason`: `request` or `retention`): it takes nothing more from the
    customer, and the files they sent are deleted; `file` when a deleted file was asked for."""

    def __init__(self, reason: str | None, *, file: bool = False) -> None:
        super().__init__("personal data erased")
        self.reason, self.file = reason, file


class ConcurrentChange(Exception):
    """The complaint kept changing while the action was being recorded."""


class Forbidden(Exception):
    """This member of staff may not do this; the reason says who may."""
