"""HTTP API: filing, the status page and the customer's actions (no account: tracking number + access code).

Routes are thin: parse, one service call, answer. The five customer actions share one shape, declared once in
`ACTION_ROUTES`: a new action is one row there (and its request in `domain/requests.py`).
"""

import time
from collections.abc import Awaitable, Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from complaint_contracts import Language
from complaints_chassis.problems import Problem
from fastapi import APIRouter, Depends, Request, Response

from ..deps import Deps
from ..domain.problems import InvalidComplaint, answer_errors
from ..service import ConcurrentChange, IdempotencyKeyReused, NotFound, Refused, TooManyLookups
from .guards import client_of, is_json, no_access_code_in_url, strict_json, within_budget
from .schemas import (
    AUTH_RESPONSES,
    IDEMPOTENCY_KEY,
    PROBLEM,
    AccessHeader,
    ActionRequest,
    ComplaintFiling,
    DecisionRequest,
    EscalationRequest,
    FeedbackRequest,
    FilingReceipt,
    IdempotencyKey,
    LookupFormBody,
    MessageRequest,
    ProcessLanguage,
    ProcessStep,
    StatusLanguage,
    StatusPage,
    WithdrawalRequest,
    inline_schema,
)

router = APIRouter(prefix="/v1", tags=["complaints"],
                   dependencies=[Depends(within_budget), Depends(no_access_code_in_url)])


@router.post(
    "/complaints", status_code=201, response_model=FilingReceipt, summary="File a complaint",
    description="Records the complaint and answers with its tracking number and access code. With an "
                "`Idempotency-Key`, repeating the same request returns the same complaint (200, without the access "
                "code, which is shown only once); the same key with a different body is refused (422).",
    openapi_extra={"requestBody": {"required": True,
                                   "content": {"application/json": {"schema": inline_schema(ComplaintFiling)}}}},
    responses={200: {"description": "Replay of an earlier request with the same Idempotency-Key",
                     "model": FilingReceipt},
               413: {"description": "The request body is larger than the limits allow", **PROBLEM},
               415: {"description": "The body is not JSON", **PROBLEM},
               422: {"description": "The complaint is not valid: every offending field is named", **PROBLEM},
               429: {"description": "Too many requests from this client", **PROBLEM}},
)
async def file_complaint(request: Request, response: Response, deps: Deps,
                         idempotency_key: IdempotencyKey = None) -> FilingReceipt:
    started = time.perf_counter()
    if idempotency_key is not None and not IDEMPOTENCY_KEY.match(idempotency_key):
        deps.metrics.rejected.labels(reason="bad_idempotency_key", path="http").inc()
        raise Problem(422, "Request is not valid", "Idempotency-Key: 1 to 255 visible ASCII characters",
                      type_="/problems/validation", errors=[{"field": "Idempotency-Key", "in": "header",
                                                             "reason": "1 to 255 visible ASCII characters",
                                                             "code": "bad_format"}])
    body = await _json_body(request, deps)
    try:
        filed = await deps.filing.file(body=body, idempotency_key=idempotency_key)
    except InvalidComplaint as invalid:
        raise Problem(422, "The complaint is not valid", "; ".join(f"{p.field}: {p.reason}" for p in invalid.problems),
                      type_="/problems/validation", errors=answer_errors(invalid.problems)) from None
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


@router.get("/complaints/{tracking_number}", response_model=StatusPage, summary="Status of a complaint",
            responses=AUTH_RESPONSES)
async def complaint_status(tracking_number: str, request: Request, deps: Deps, x_access_code: AccessHeader = None,
                           language: StatusLanguage = None) -> StatusPage:
    with _customer_problems():
        return await deps.customers.status(tracking_number=tracking_number, access_code=x_access_code or "",
                                           client=client_of(request), language=language)


@router.post("/complaints/{tracking_number}/lookup", response_model=StatusPage,
             summary="Status of a complaint, the access code in a form body",
             description="For a plain HTML form, which cannot set the X-Access-Code header: the code travels in "
                         "the body, never in the URL.", responses=AUTH_RESPONSES)
async def look_up_complaint(tracking_number: str, request: Request, deps: Deps,
                            form: LookupFormBody) -> StatusPage:
    with _customer_problems():
        return await deps.customers.status(tracking_number=tracking_number, access_code=form.access_code,
                                           client=client_of(request), language=form.language)


@dataclass(frozen=True)
class ActionRoute:
    """One customer action's endpoint: `POST /v1/complaints/{tracking_number}/<path>` with its request body."""

    path: str
    name: str
    """Names the operation in the OpenAPI document (its operationId)."""
    body: type[ActionRequest]
    summary: str
    refused: str
    """When the action is answered 409, in the OpenAPI document's words."""
    description: str | None = None


ACTION_ROUTES = (
    ActionRoute("messages", "send_message", MessageRequest, "Write to us",
                "Not possible in the complaint's current state",
                description="A message, or the answer to our open question."),
    ActionRoute("decision", "decide", DecisionRequest, "Accept or reject the proposed resolution",
                "No such proposal is waiting for a decision"),
    ActionRoute("feedback", "give_feedback", FeedbackRequest, "Rate how the complaint was handled",
                "Not resolved yet, or feedback already given"),
    ActionRoute("withdrawal", "withdraw", WithdrawalRequest, "Withdraw the complaint", "Already closed or withdrawn"),
    ActionRoute("escalation", "escalate", EscalationRequest, "Ask for escalation",
                "Closed, withdrawn or already asked"),
)


def _action_endpoint(body_model: type[ActionRequest]) -> Callable[..., Awaitable[StatusPage]]:
    # FastAPI reads the body's model from the annotation, so each action gets its own function over its model.
    async def act(tracking_number: str, body: body_model, request: Request, deps: Deps,
                  x_access_code: AccessHeader = None) -> StatusPage:
        with _customer_problems():
            return await deps.customers.act(tracking_number=tracking_number, access_code=x_access_code or "",
                                            client=client_of(request), request=body)
    return act


for action in ACTION_ROUTES:
    router.add_api_route(f"/complaints/{{tracking_number}}/{action.path}", _action_endpoint(action.body),
                         methods=["POST"], name=action.name, response_model=StatusPage, summary=action.summary,
                         description=action.description, dependencies=[Depends(strict_json)],
                         responses=AUTH_RESPONSES | {409: {"description": action.refused, **PROBLEM}})


@router.get("/process", response_model=list[ProcessStep], summary="The published complaints process")
async def process(deps: Deps, language: ProcessLanguage = Language.EN) -> list[ProcessStep]:
    return await deps.customers.process(language=language)


@contextmanager
def _customer_problems() -> Iterator[None]:
    """Answer what the customer service refuses as problem documents."""
    try:
        yield
    except TooManyLookups as limited:
        raise Problem(429, "Too Many Requests", "Too many failed look-ups from this client; please wait",
                      type_="/problems/rate-limited", headers={"Retry-After": str(limited.retry_after)}) from None
    except NotFound:
        raise Problem(404, "Not Found", "No complaint matches this tracking number and access code",
                      type_="/problems/not-found") from None
    except Refused as refused:
        refusal = refused.refusal
        raise Problem(409, "Not possible now", refusal.reason, type_="/problems/action-not-allowed",
                      code=refusal.code, action=refusal.action.value,
                      allowed_actions=[a.value for a in refused.allowed], status_text=refused.status_text) from None
    except ConcurrentChange:
        raise Problem(409, "Changed meanwhile", "The complaint changed while we recorded this; please try again",
                      type_="/problems/concurrent-change", code="concurrent_change") from None


async def _json_body(request: Request, deps: Deps) -> bytes:
    """The body, read up to the filing limit; a body that is not JSON or too large is refused and counted."""
    limit = deps.settings.max_request_bytes()
    if not is_json(request):
        deps.metrics.rejected.labels(reason="unsupported_content_type", path="http").inc()
        raise Problem(415, "Unsupported Media Type", "Send the complaint as application/json",
                      type_="/problems/unsupported-media-type")
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        raise _too_large(deps, limit)
    body = bytearray()
    async for chunk in request.stream():
        body += chunk
        if len(body) > limit:
            raise _too_large(deps, limit)
    return bytes(body)


def _too_large(deps: Deps, limit: int) -> Problem:
    deps.metrics.rejected.labels(reason="body_too_large", path="http").inc()
    return Problem(413, "Content Too Large", f"The request may be at most {limit} bytes", type_="/problems/too-large")
