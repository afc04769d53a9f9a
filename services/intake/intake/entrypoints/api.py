"""HTTP API: filing, the status page and the customer's actions (no account: tracking number + access code).

Routes are thin: parse, one service call, answer. The six customer actions share one shape, declared once in
`ACTION_ROUTES`: a new action is one row there (and its request in `domain/requests.py`).
"""

from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from complaint_contracts import Language
from fastapi import APIRouter, BackgroundTasks, Depends, Request, Response

from ..deps import Deps
from .answers import customer_problems, download, record_filing
from .guards import LimitedBodyRoute, client_of, no_access_code_in_url, strict_json, within_budget
from .schemas import (
    ACCESS_CODE_ANSWER,
    AUTH_RESPONSES,
    ERASED,
    FILE_ERASED,
    FILE_RESPONSE,
    PROBLEM,
    TOO_LARGE,
    AccessCodeRequest,
    AccessCodeRequested,
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
    ReopeningRequest,
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
               **TOO_LARGE,
               415: {"description": "The body is not JSON", **PROBLEM},
               422: {"description": "The complaint is not valid: every offending field is named", **PROBLEM},
               429: {"description": "Too many requests from this client", **PROBLEM}},
)
async def file_complaint(request: Request, response: Response, deps: Deps,
                         idempotency_key: IdempotencyKey = None) -> FilingReceipt:
    return await record_filing(request, response, deps, idempotency_key=idempotency_key)


@router.get("/complaints/{tracking_number}", response_model=StatusPage, summary="Status of a complaint",
            responses=AUTH_RESPONSES)
async def complaint_status(tracking_number: str, request: Request, deps: Deps, x_access_code: AccessHeader = None,
                           language: StatusLanguage = None) -> StatusPage:
    with customer_problems():
        return await deps.customers.status(tracking_number=tracking_number, access_code=x_access_code or "",
                                           client=client_of(request), language=language)


@router.post("/complaints/{tracking_number}/lookup", response_model=StatusPage,
             summary="Status of a complaint, the access code in a form body",
             description="For a plain HTML form, which cannot set the X-Access-Code header: the code travels in "
                         "the body, never in the URL.", responses=AUTH_RESPONSES)
async def look_up_complaint(tracking_number: str, request: Request, deps: Deps,
                            form: LookupFormBody) -> StatusPage:
    with customer_problems():
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
    ActionRoute("reopening", "ask_reopening", ReopeningRequest, "Ask to reopen the complaint",
                "Not resolved or closed yet, withdrawn, merged into another complaint, already asked, or past the "
                "reopening window", description="Within a window after the complaint was closed (the closing "
                                                 "message says how long)."),
)


def _action_endpoint(body_model: type[ActionRequest]) -> Callable[..., Awaitable[StatusPage]]:
    # FastAPI reads the body's model from the annotation, so each action gets its own function over its model.
    async def act(tracking_number: str, body: body_model, request: Request, deps: Deps,
                  x_access_code: AccessHeader = None) -> StatusPage:
        with customer_problems():
            return await deps.customers.act(tracking_number=tracking_number, access_code=x_access_code or "",
                                            client=client_of(request), request=body)
    return act


for action in ACTION_ROUTES:
    router.add_api_route(f"/complaints/{{tracking_number}}/{action.path}", _action_endpoint(action.body),
                         methods=["POST"], name=action.name, response_model=StatusPage, summary=action.summary,
                         description=action.description, dependencies=[Depends(strict_json)],
                         route_class_override=LimitedBodyRoute,
                         responses=AUTH_RESPONSES | {409: {"description": action.refused, **PROBLEM}, **ERASED,
                                                     **TOO_LARGE})


@router.get("/complaints/{tracking_number}/attachments/{attachment_id}", summary="Download one of your files",
            description="A file sent with the complaint or with a message, as an attachment (never shown inline).",
            response_class=Response, responses=AUTH_RESPONSES | FILE_RESPONSE | FILE_ERASED)
async def download_attachment(tracking_number: str, attachment_id: str, request: Request, deps: Deps,
                              x_access_code: AccessHeader = None) -> Response:
    with customer_problems():
        return download(await deps.customers.attachment(tracking_number=tracking_number,
                                                        access_code=x_access_code or "", client=client_of(request),
                                                        attachment_id=attachment_id))


@router.post("/access-code-requests", status_code=202, response_model=AccessCodeRequested,
             summary="Send me a new access code",
             description="Give the tracking number and the e-mail address or phone number on file: a new access code "
                         "goes there (never anywhere else) and the old one stops working. The answer is the same "
                         "whether or not they match, and the code is made after the answer is sent.",
             dependencies=[Depends(strict_json)],
             responses={429: {"description": "Too many requests from this client or for this tracking number",
                              **PROBLEM}})
async def request_access_code(body: AccessCodeRequest, request: Request, deps: Deps,
                              background: BackgroundTasks) -> AccessCodeRequested:
    with customer_problems():
        deps.access_codes.admit(request=body, client=client_of(request))
    # After the answer: matching or not, the customer waits the same and learns nothing about what is on file.
    background.add_task(deps.access_codes.issue, request=body)
    return ACCESS_CODE_ANSWER


@router.get("/process", response_model=list[ProcessStep], summary="The published complaints process")
async def process(deps: Deps, language: ProcessLanguage = Language.EN) -> list[ProcessStep]:
    return await deps.customers.process(language=language)
