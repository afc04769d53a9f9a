"""What the customer and staff routes share: reading a filing's body within limits, recording a filing (customer
or staff), turning the use cases' refusals into problem documents, and serving a stored file safely.
"""

import time
from collections.abc import Iterator
from contextlib import contextmanager
from urllib.parse import quote

from complaints_chassis.problems import Problem
from fastapi import Request, Response

from ..deps import Deps
from ..domain.complaint import StoredFile
from ..domain.problems import InvalidComplaint, answer_errors
from ..domain.receipt import FilingReceipt
from ..usecases import (
    ConcurrentChange,
    Erased,
    Forbidden,
    IdempotencyKeyReused,
    NotFound,
    Refused,
    TooManyCodeRequests,
    TooManyLookups,
)
from .guards import body_within_limit, is_json
from .schemas import IDEMPOTENCY_KEY

_SAFE_NAME = "".join(chr(c) for c in range(0x20, 0x7f) if chr(c) not in '"\\;%/')
"""Characters kept in the plain `filename` of a download (the rest become `_`; `filename*` keeps the name whole)."""


async def record_filing(request: Request, response: Response, deps: Deps, *, idempotency_key: str | None,
                        taken_by: str | None = None) -> FilingReceipt:
    """Read and record a filing (a customer's, or one a member of staff logs), answering 201 or a replay's 200."""
    started = time.perf_counter()
    if idempotency_key is not None and not IDEMPOTENCY_KEY.match(idempotency_key):
        deps.metrics.rejected.labels(reason="bad_idempotency_key", path="http").inc()
        raise Problem(422, "Request is not valid", "Idempotency-Key: 1 to 255 visible ASCII characters",
                      type_="/problems/validation", errors=[{"field": "Idempotency-Key", "in": "header",
                                                             "reason": "1 to 255 visible ASCII characters",
                                                             "code": "bad_format"}])
    body = await _json_body(request, deps)
    try:
        filed = await deps.filing.file(body=body, idempotency_key=idempotency_key, taken_by=taken_by)
    except InvalidComplaint as invalid:
        raise _invalid(invalid, "The complaint is not valid") from None
    except IdempotencyKeyReused:
        raise Problem(422, "Idempotency-Key already used", "This key was used for a different request; use a new "
                      "key for a new complaint", type_="/problems/idempotency-key-reused") from None
    response.headers["Location"] = filed.receipt.status_url
    if filed.replayed:
        response.status_code = 200
        response.headers["Idempotent-Replayed"] = "true"
    else:
        deps.metrics.filing_duration.observe(time.perf_counter() - started)
    return filed.receipt


@contextmanager
def customer_problems() -> Iterator[None]:
    """Answer what the use cases refuse as problem documents."""
    try:
        yield
    except TooManyLookups as limited:
        raise Problem(429, "Too Many Requests", "Too many failed look-ups from this client; please wait",
                      type_="/problems/rate-limited", headers={"Retry-After": str(limited.retry_after)}) from None
    except TooManyCodeRequests as limited:
        raise Problem(429, "Too Many Requests", "Too many requests for a new access code; please wait",
                      type_="/problems/rate-limited", headers={"Retry-After": str(limited.retry_after)}) from None
    except NotFound:
        raise Problem(404, "Not Found", "No complaint matches this tracking number and access code",
                      type_="/problems/not-found") from None
    except Refused as refused:
        refusal = refused.refusal
        raise Problem(409, "Not possible now", refusal.reason, type_="/problems/action-not-allowed",
                      code=refusal.code, action=refusal.action.value,
                      allowed_actions=[a.value for a in refused.allowed], status_text=refused.status_text) from None
    except Erased as erased:
        raise _gone(erased) from None
    except ConcurrentChange:
        raise Problem(409, "Changed meanwhile", "The complaint changed while we recorded this; please try again",
                      type_="/problems/concurrent-change", code="concurrent_change") from None
    except InvalidComplaint as invalid:
        raise _invalid(invalid, "Request is not valid") from None


@contextmanager
def staff_problems() -> Iterator[None]:
    """Answer what the use cases refuse a member of staff as problem documents."""
    try:
        yield
    except NotFound:
        raise Problem(404, "Not Found", "No such complaint or attachment", type_="/problems/not-found") from None
    except Forbidden as forbidden:
        raise Problem(403, "Forbidden", str(forbidden), type_="/problems/forbidden") from None


def download(stored: StoredFile) -> Response:
    """The file as an attachment (never shown inline) with its stored type, which the browser must not second-guess."""
    return Response(content=stored.content, media_type=stored.media_type, headers={
        "Content-Disposition": content_disposition(stored.name), "X-Content-Type-Options": "nosniff",
        "Cache-Control": "private, no-store"})


def content_disposition(name: str) -> str:
    """`attachment` with an ASCII-safe `filename` and the exact name in `filename*` (RFC 6266, RFC 8187)."""
    plain = "".join(c if c in _SAFE_NAME else "_" for c in name).strip(" .") or "attachment"
    return f"attachment; filename=\"{plain}\"; filename*=UTF-8''{quote(name, safe='')}"


_ERASED_WHY = {"request": " at the customer's request", "retention": " when the time it is kept for had passed"}


def _gone(erased: Erased) -> Problem:
    """410: the complaint's personal data was erased, so it takes nothing more and the customer's files are gone."""
    why = _ERASED_WHY.get(erased.reason or "", "")
    members = {"reason": erased.reason} if erased.reason else {}
    if erased.file:
        return Problem(410, "File deleted", f"This file was deleted when the personal data of this complaint was "
                       f"erased{why}", type_="/problems/personal-data-erased", code="file_erased", **members)
    return Problem(410, "Personal data erased", f"The personal data of this complaint was erased{why}: it takes no "
                   "more messages or requests. To continue, file a new complaint",
                   type_="/problems/personal-data-erased", code="personal_data_erased", **members)


def _invalid(invalid: InvalidComplaint, title: str) -> Problem:
    return Problem(422, title, "; ".join(f"{p.field}: {p.reason}" for p in invalid.problems),
                   type_="/problems/validation", errors=answer_errors(invalid.problems))


async def _json_body(request: Request, deps: Deps) -> bytes:
    """The body, read up to the filing limit; a body that is not JSON or too large is refused and counted."""
    if not is_json(request):
        deps.metrics.rejected.labels(reason="unsupported_content_type", path="http").inc()
        raise Problem(415, "Unsupported Media Type", "Send the complaint as application/json",
                      type_="/problems/unsupported-media-type")
    return await body_within_limit(request, deps)
