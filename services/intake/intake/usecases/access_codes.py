"""New access codes on the customer's request ("send me a new access code")."""

from collections.abc import Callable
from dataclasses import dataclass

from complaints_chassis.clock import Now
from complaints_chassis.personal_data import KeyStore

from ..adapters.metrics import IntakeMetrics
from ..adapters.rate_limiter import RateLimiter
from ..domain.access import hash_access_code, new_access_code
from ..domain.access_requests import AccessCodeRequest, code_issued, contact_matches
from ..domain.ports import IntakeStore
from ..domain.subjects import SubjectIndex
from ..domain.tracking import tracking_number_or_none
from .customers import NOT_A_TRACKING_NUMBER
from .errors import TooManyCodeRequests
from .live_keys import live_key


@dataclass
class AccessCodeService:
    """New access codes on the customer's request: admitted (budgets) before the answer, issued after it, so that
    the answer is the same and as quick whether or not the tracking number and contact match."""

    store: IntakeStore
    clock: Now
    notify: Callable[[], None]
    metrics: IntakeMetrics
    per_client: RateLimiter
    """Requests one client address may make (whatever they name)."""
    per_number: RateLimiter
    """Requests for one tracking number (from anywhere, matching or not, so its refusal reveals nothing)."""
    keys: KeyStore
    """The code travels sealed with the complaint's subject's key (only notification opens it)."""
    subjects: SubjectIndex

    def admit(self, *, request: AccessCodeRequest, client: str) -> None:
        """Spend the request from both budgets, or raise TooManyCodeRequests (nothing spent)."""
        number = tracking_number_or_none(request.tracking_number) or NOT_A_TRACKING_NUMBER
        for budget, limiter, key in (("code_requests_client", self.per_client, client),
                                     ("code_requests_number", self.per_number, number)):
            wait = limiter.retry_after(key)
            if wait is not None:
                self.metrics.rate_limited.labels(budget=budget).inc()
                raise TooManyCodeRequests(wait)
        self.per_client.spend(client)
        self.per_number.spend(number)

    async def issue(self, *, request: AccessCodeRequest) -> None:
        """When the contact matches the one on file: a new code, its hash replacing the old one, and the event that
        sends it to that contact, in one write. Not for a complaint whose personal data was erased: the code would
        travel sealed with a new key of the erased subject (the customer's answer is the same either way)."""
        canonical = tracking_number_or_none(request.tracking_number)
        on_file = await self.store.contact_on_file(canonical) if canonical else None
        if on_file is None or not contact_matches(request, on_file, self.subjects):
            self.metrics.access_codes.labels(reason="requested", outcome="not_matched").inc()
            return
        key = None if on_file.erased else await live_key(self.keys, subject=on_file.subject, key_id=on_file.key_id)
        if key is None:
            self.metrics.access_codes.labels(reason="requested", outcome="erased").inc()
            return
        code = new_access_code()
        event = code_issued(complaint_id=on_file.complaint_id, tracking_number=on_file.tracking_number,
                            access_code=code, send_to=request.send_to, reason="requested", now=self.clock())
        if not await self.store.replace_access_code(complaint_id=on_file.complaint_id,
                                                    access_code_hash=hash_access_code(code=code), event=event,
                                                    key=key):
            self.metrics.access_codes.labels(reason="requested", outcome="erased").inc()
            return
        self.notify()
        self.metrics.access_codes.labels(reason="requested", outcome="issued").inc()
