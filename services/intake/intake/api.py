"""HTTP API: filing, the status page and the customer's actions (no account: tracking number + access code)."""

import re
import time
from typing import Annotated, Any

from complaint_contracts import Language
from complaints_chassis.problems import MEDIA_TYPE, Problem
from complaints_chassis.runtime import deps_of
from fastapi import APIRouter, Depends, Header, Query, Request, Response

from .action_schemas import DecisionRequest, EscalationRequest, FeedbackRequest, MessageRequest, WithdrawalRequest
from .actions import allowed_actions
from .customer_service import ActionRequest, ConcurrentChange, NotFound, Refused
from .deps import IntakeDeps
from .openapi import inline_schema
from .problems import InvalidComplaint
from .receipt import FilingReceipt, filing_receipt
from .schemas import ComplaintFiling, validate_filing
from .service import IdempotencyKeyReused, request_fingerprint
from .status_page import ProcessStep, StatusPage, published_process
from .wording import wording_for

_IDEMPOTENCY_KEY = re.compile(r"^[\x21-\x7e]{1,255}$")
_PROBLEM = {"content": {MEDIA_TYPE: {}}}
_AUTH_RESPONSES: dict[int | str, dict[str, Any]] = {
    404: {"description": "No complaint with this tracking number and access code", **_PROBLEM},
    429: {"description": "Too many requests or failed look-ups from this client", **_PROBLEM},
}


def client_of(request: Request) -> str:
    """The client address the budgets are kept for (the proxy's address unless it forwards the client's)."""
    return request.client.host if request.client else "unknown"


async def within_budget(request: Request, deps: Annotated[IntakeDeps, Depends(deps_of)]) -> None:
    """Refuse the request with 429 when this client used up its requests for the minute."""
    wait = deps.requests.spend(client_of(request))
    if wait is not None:
        deps.metrics.rate_limited.labels(budget="requests").inc()
        raise Problem(429, "Too Many Requests", "Too many requests from this client; please wait and try again",
                      type_="/problems/rate-limited", headers={"Retry-After": str(wait)})


router = APIRouter(prefix="/v1", tags=["complaints"], dependencies=[Depends(within_budget)])
Deps = Annotated[IntakeDeps, Depends(deps_of)]
AccessHeader = Annotated[str | None, Header(alias="X-Access-Code", max_length=64,
                                            description="The access code given when the complaint was filed")]
AccessQuery = Annotated[str | None, Query(max_length=64, description="The access code, when a header cannot be set")]


@router.post(
    "/complaints", status_code=201, response_model=FilingReceipt, summary="File a complaint",
    description="Records the complaint and answers with its tracking number and access code. With an "
                "`Idempotency-Key`, repeating the same request returns the same complaint (200, without the access "
                "code, which is shown only once); the same key with a different body is refused (422).",
    openapi_extra={"requestBody": {"required": True,
                                   "content": {"application/json": {"schema": inline_schema(ComplaintFiling)}}}},
    responses={200: {"description": "Replay of an earlier request with the same Idempotency-Key",
                     "model": FilingReceipt},
               413: {"description": "The request body is larger than the limits allow", **_PROBLEM},
               415: {"description": "The body is not JSON", **_PROBLEM},
               422: {"description": "The complaint is not valid: every offending field is named", **_PROBLEM},
               429: {"description": "Too many requests from this client", **_PROBLEM}},
)
async def file_complaint(
    request: Request, response: Response, deps: Deps,
    idempotency_key: Annotated[str | None, Header(alias="Idempotency-Key", max_length=255,
                                                  description="Client-chosen key that makes retries safe")] = None,
) -> FilingReceipt:
    started = time.perf_counter()
    if idempotency_key is not None and not _IDEMPOTENCY_KEY.match(idempotency_key):
        raise Problem(422, "Request is not valid", "Idempotency-Key: 1 to 255 visible ASCII characters",
                      type_="/problems/validation", errors=[{"field": "Idempotency-Key", "in": "header",
                                                             "reason": "1 to 255 visible ASCII characters",
                                                             "code": "bad_format"}])
    body = await _json_body(request, limit=deps.settings.max_request_bytes())
    now = deps.clock()
    try:
        filing = validate_filing(payload=body, limits=deps.limits, now=now)
        filed = await deps.filing.file(filing=filing, idempotency_key=idempotency_key,
                                       request_hash=request_fingerprint(body), now=now)
    except InvalidComplaint as invalid:
        for problem in invalid.problems:
            deps.metrics.rejected.labels(reason=problem.code, path="http").inc()
        errors = [p.model_dump(by_alias=True) for p in invalid.problems]
        raise Problem(422, "The complaint is not valid", "; ".join(f"{p.field}: {p.reason}" for p in invalid.problems),
                      type_="/problems/validation", errors=errors) from None
    except IdempotencyKeyReused:
        raise Problem(422, "Idempotency-Key already used", "This key was used for a different request; use a new "
                      "key for a new complaint", type_="/problems/idempotency-key-reused") from None
    status_url = f"/v1/complaints/{filed.received.tracking_number}"
    response.headers["Location"] = status_url
    if filed.replayed:
        response.status_code = 200
        response.headers["Idempotent-Replayed"] = "true"
    else:
        deps.metrics.filing_duration.observe(time.perf_counter() - started)
    return filing_receipt(received=filed.received, access_code=filed.access_code, status_url=status_url)


@router.get("/complaints/{tracking_number}", response_model=StatusPage, summary="Status of a complaint",
            responses=_AUTH_RESPONSES)
async def complaint_status(
    tracking_number: str, request: Request, deps: Deps, x_access_code: AccessHeader = None,
    access_code: AccessQuery = None, language: Annotated[Language | None, Query(
        description="Language of the texts; by default the complaint's")] = None,
) -> StatusPage:
    record = await _open(request, deps, tracking_number, x_access_code or access_code)
    return await deps.customers.status(record=record, language=language)


@router.post("/complaints/{tracking_number}/messages", response_model=StatusPage, summary="Write to us",
             description="A message, or the answer to our open question.", responses=_AUTH_RESPONSES | {
                 409: {"description": "Not possible in the complaint's current state", **_PROBLEM}})
async def send_message(tracking_number: str, body: MessageRequest, request: Request, deps: Deps,
                       x_access_code: AccessHeader = None, access_code: AccessQuery = None) -> StatusPage:
    return await _act(request, deps, tracking_number, x_access_code or access_code, body)


@router.post("/complaints/{tracking_number}/decision", response_model=StatusPage,
             summary="Accept or reject the proposed resolution", responses=_AUTH_RESPONSES | {
                 409: {"description": "No such proposal is waiting for a decision", **_PROBLEM}})
async def decide(tracking_number: str, body: DecisionRequest, request: Request, deps: Deps,
                 x_access_code: AccessHeader = None, access_code: AccessQuery = None) -> StatusPage:
    return await _act(request, deps, tracking_number, x_access_code or access_code, body)


@router.post("/complaints/{tracking_number}/feedback", response_model=StatusPage,
             summary="Rate how the complaint was handled", responses=_AUTH_RESPONSES | {
                 409: {"description": "Not resolved yet, or feedback already given", **_PROBLEM}})
async def give_feedback(tracking_number: str, body: FeedbackRequest, request: Request, deps: Deps,
                        x_access_code: AccessHeader = None, access_code: AccessQuery = None) -> StatusPage:
    return await _act(request, deps, tracking_number, x_access_code or access_code, body)


@router.post("/complaints/{tracking_number}/withdrawal", response_model=StatusPage, summary="Withdraw the complaint",
             responses=_AUTH_RESPONSES | {409: {"description": "Already closed or withdrawn", **_PROBLEM}})
async def withdraw(tracking_number: str, body: WithdrawalRequest, request: Request, deps: Deps,
                   x_access_code: AccessHeader = None, access_code: AccessQuery = None) -> StatusPage:
    return await _act(request, deps, tracking_number, x_access_code or access_code, body)


@router.post("/complaints/{tracking_number}/escalation", response_model=StatusPage, summary="Ask for escalation",
             responses=_AUTH_RESPONSES | {409: {"description": "Closed, withdrawn or already asked", **_PROBLEM}})
async def escalate(tracking_number: str, body: EscalationRequest, request: Request, deps: Deps,
                   x_access_code: AccessHeader = None, access_code: AccessQuery = None) -> StatusPage:
    return await _act(request, deps, tracking_number, x_access_code or access_code, body)


@router.get("/process", response_model=list[ProcessStep], summary="The published complaints process")
async def process(language: Annotated[Language, Query(description="Language of the texts")] = Language.EN,
                  ) -> list[ProcessStep]:
    return published_process(language=language)


async def _open(request: Request, deps: IntakeDeps, tracking_number: str, code: str | None) -> Any:
    client = client_of(request)
    wait = deps.lookup_failures.retry_after(client)
    if wait is not None:
        deps.metrics.rate_limited.labels(budget="lookup_failures").inc()
        raise Problem(429, "Too Many Requests", "Too many failed look-ups from this client; please wait",
                      type_="/problems/rate-limited", headers={"Retry-After": str(wait)})
    try:
        return await deps.customers.open(tracking_number=tracking_number, access_code=code or "")
    except NotFound:
        deps.lookup_failures.spend(client)
        raise Problem(404, "Not Found", "No complaint matches this tracking number and access code",
                      type_="/problems/not-found") from None


async def _act(request: Request, deps: IntakeDeps, tracking_number: str, code: str | None,
               body: ActionRequest) -> StatusPage:
    record = await _open(request, deps, tracking_number, code)
    try:
        return await deps.customers.act(record=record, request=body)
    except Refused as refused:
        progress, refusal = refused.progress, refused.refusal
        words = wording_for(progress.language)
        raise Problem(409, "Not possible now", refusal.reason, type_="/problems/action-not-allowed",
                      code=refusal.code, action=refusal.action.value,
                      allowed_actions=[a.value for a in allowed_actions(progress=progress)],
                      status_text=words.statuses[progress.status]) from None
    except ConcurrentChange:
        raise Problem(409, "Changed meanwhile", "The complaint changed while we recorded this; please try again",
                      type_="/problems/concurrent-change", code="concurrent_change") from None


async def _json_body(request: Request, *, limit: int) -> bytes:
    content_type = request.headers.get("content-type", "application/json").split(";")[0].strip().lower()
    if content_type != "application/json" and not content_type.endswith("+json"):
        raise Problem(415, "Unsupported Media Type", "Send the complaint as application/json",
                      type_="/problems/unsupported-media-type")
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        raise _too_large(limit)
    body = bytearray()
    async for chunk in request.stream():
        body += chunk
        if len(body) > limit:
            raise _too_large(limit)
    return bytes(body)


def _too_large(limit: int) -> Problem:
    return Problem(413, "Content Too Large", f"The request may be at most {limit} bytes",
                   type_="/problems/too-large")
