"""Works complaints through the staff API to resolution and closure, as agents of the owning team would.

Two paths, both allowed by resolution's case lifecycle (`states.TRANSITIONS`):

- filed over HTTP (the customer holds a tracking number and access code): investigate → propose a resolution
  with remedies → the customer accepts it through intake's customer API (resolution records the acceptance from
  intake's event) → record the implementation → resolve, upheld → close;
- filed over Kafka (no access code, so the customer cannot decide through intake): investigate → resolve, not
  upheld, with an explanatory final response → close. RESOLVE is allowed from INVESTIGATING, so no customer
  decision is needed, and the worked share covers both ways of filing whatever the plan's HTTP share.

The final response is composed for the case's regime (`final_response_text`). An agent acts on the case version
it last saw; on a 409 version conflict (resolution moved the case meanwhile, e.g. recording a deadline alert) the
staff client re-reads it and retries, at most VERSION_ATTEMPTS times. Every answer's status is checked: the first
step that fails ends the work on that case and is recorded with the step, the HTTP status (None: no answer, or a
wait that timed out) and what the service said. A case still in hand when the run ends is recorded as failed at
its current step.
"""

import asyncio
from collections import Counter
from collections.abc import Awaitable, Callable
from dataclasses import asdict, dataclass
from typing import Any

import httpx
from complaint_contracts.types import Outcome, Regime

from ..staff_client import ApiError, Json, StaffClient, answer_json, mint_staff_token
from .final_response_text import compose_final_response
from .steps import WAIT_SECONDS, StepFailed, until

AGENT = "emp-loadgen"
REASON = "load test"
PROPOSED_REMEDIES = [{"kind": "apology", "description": "An apology for the trouble caused"},
                     {"kind": "explanation", "description": "What went wrong and what we changed"}]

# The steps, as the report names them.
READ, INVESTIGATE, PROPOSE = "read case", "investigate", "propose"
PROPOSAL_SHOWN, DECIDE, ACCEPTED = "proposal shown to customer", "customer decision", "acceptance recorded"
IMPLEMENT, RESOLVE, CLOSE = "implement", "resolve", "close"
CUSTOMER_ACCEPTED, NOT_UPHELD = "customer_accepted", "not_upheld"


@dataclass(frozen=True)
class WorkItem:
    complaint_id: str
    team: str
    """The team owning the case: its agents may work it."""
    department: str | None = None
    tracking_number: str | None = None
    access_code: str | None = None
    """Given for HTTP filings: the customer can then decide on a proposal."""


@dataclass(frozen=True)
class Failure:
    complaint_id: str
    step: str
    status: int | None
    detail: str


class CaseWork:
    """Agents (and, for HTTP filings, their customers) working cases, at most `agents` cases at a time."""

    def __init__(self, *, resolution_url: str, intake_url: str, staff_secret: str, agents: int = 16,
                 wait_seconds: float = WAIT_SECONDS, transport: httpx.AsyncBaseTransport | None = None) -> None:
        self._secret, self._gate, self.wait_seconds = staff_secret, asyncio.Semaphore(agents), wait_seconds
        limits = httpx.Limits(max_connections=agents)
        # One pool per API, shared by every agent (each with their own token) and every customer.
        self.staff = httpx.AsyncClient(base_url=resolution_url, timeout=30, limits=limits, transport=transport)
        self.intake = httpx.AsyncClient(base_url=intake_url, timeout=30, limits=limits, transport=transport)
        self.worked = 0
        self.completed: dict[str, str] = {}
        """complaint id → the path it took to closure."""
        self.failures: list[Failure] = []

    async def __aenter__(self) -> "CaseWork":
        return self

    async def __aexit__(self, *_: object) -> None:
        await self.staff.aclose()
        await self.intake.aclose()

    @property
    def finished(self) -> int:
        return len(self.completed) + len(self.failures)

    async def work(self, item: WorkItem) -> None:
        async with self._gate:
            self.worked += 1
            case = _CaseInHand(self, item)
            try:
                self.completed[item.complaint_id] = await case.work_to_closure()
            except StepFailed as failed:
                self.failures.append(Failure(item.complaint_id, failed.step, failed.status, failed.detail))
            except ApiError as refused:
                self.failures.append(Failure(item.complaint_id, case.step, refused.status, refused.detail))
            except asyncio.CancelledError:
                self.failures.append(Failure(item.complaint_id, case.step, None, "still in hand when the run ended"))
                raise
            except Exception as exc:  # a transport error or a malformed answer: recorded like any failed step
                self.failures.append(Failure(item.complaint_id, case.step, None, f"{type(exc).__name__}: {exc}"))

    def agent(self, item: WorkItem) -> StaffClient:
        """An agent of the team owning the case, on the shared pool."""
        token = mint_staff_token(self._secret, sub=AGENT, team=[item.team],
                                 department=[item.department] if item.department else [])
        return StaffClient(self.staff, token)

    def report(self) -> dict[str, Any]:
        return {"worked": self.worked, "completed": len(self.completed),
                "completed_by_path": dict(Counter(self.completed.values())), "failed": len(self.failures),
                "failed_by_step": dict(Counter(f.step for f in self.failures)),
                "failures": [asdict(f) for f in self.failures]}


class _CaseInHand:
    """One agent on one case: the case as last seen, and the step under way (named if it fails)."""

    def __init__(self, work: CaseWork, item: WorkItem) -> None:
        self.work, self.item, self.intake = work, item, work.intake
        self.agent: StaffClient  # signed when the work starts
        self.case: Json = {}
        self.step = READ

    async def work_to_closure(self) -> str:
        # Signed here, not on construction, so that a signing error is recorded as the first step's failure.
        self.agent = self.work.agent(self.item)
        await self.read()
        await self.act(INVESTIGATE, self.agent.investigate)
        if self.item.tracking_number and self.item.access_code:
            await self.act(PROPOSE, self.agent.propose, summary="We apologise and explain what we changed.",
                           remedies=PROPOSED_REMEDIES)
            await self.customer_accepts(self.case["current_proposal_id"])
            self.step = ACCEPTED
            await until(self.step, self.accepted, timeout=self.work.wait_seconds)
            await self.act(IMPLEMENT, self.agent.implement, details="Apology and explanation sent")
            await self.resolve(Outcome.UPHELD, PROPOSED_REMEDIES)
            path = CUSTOMER_ACCEPTED
        else:
            await self.resolve(Outcome.NOT_UPHELD, [])
            path = NOT_UPHELD
        await self.act(CLOSE, self.agent.close, close_reason="resolved")
        return path

    async def read(self) -> None:
        self.case = await self.agent.case(self.item.complaint_id)

    async def act(self, step: str, action: Callable[..., Awaitable[Json]], **body: Any) -> None:
        """Act at the version last seen (the client reads again and retries after a version conflict)."""
        self.step = step
        self.case = await action(self.item.complaint_id, version=self.case["version"], reason=REASON, **body)

    async def accepted(self) -> bool:
        await self.read()
        return self.case["state"] == "accepted"

    async def customer_accepts(self, proposal_id: str) -> None:
        page = f"/v1/complaints/{self.item.tracking_number}"
        customer = {"X-Access-Code": self.item.access_code or ""}

        async def shown() -> bool:
            status = answer_json(await self.intake.get(page, headers=customer))
            return (status.get("open_proposal") or {}).get("proposal_id") == proposal_id

        self.step = PROPOSAL_SHOWN
        await until(self.step, shown, timeout=self.work.wait_seconds)
        self.step = DECIDE
        answer_json(await self.intake.post(f"{page}/decision", headers=customer,
                                           json={"proposal_id": proposal_id, "decision": "accepted"}))

    async def resolve(self, outcome: Outcome, remedies: list[dict[str, Any]]) -> None:
        self.step = RESOLVE
        try:
            text = compose_final_response(regime=Regime(self.case["regime"]), outcome=outcome, remedies=remedies)
        except (KeyError, ValueError) as exc:
            raise StepFailed(RESOLVE, None, f"no final-response text for regime {self.case.get('regime')}") from exc
        await self.act(RESOLVE, self.agent.resolve, outcome=outcome.value, final_response=text,
                       root_cause="process" if outcome is Outcome.UPHELD else None)
