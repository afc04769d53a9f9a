"""Works a share of the filed complaints through the staff API to resolution, as an agent of the owning team would.

Complaints filed over HTTP come with an access code, so their customer takes part: investigate → propose →
the customer accepts through intake → record the implementation → resolve (upheld) → close. Complaints filed
over Kafka carry no access code (their customer cannot act through intake), so the agent investigates and
resolves without a proposal (not upheld, with an explanation) → close, a path the case lifecycle allows.

Every step checks its answer; a step that fails is counted by name in the report, never ignored.
"""

import asyncio
import time
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

import httpx
import jwt

FINAL_RESPONSE = (
    "This is our final response to your complaint. {decision} If you remain dissatisfied, you may refer your "
    "complaint, free of charge, within six months of the date of this final response to the Financial Ombudsman "
    "Service (www.financial-ombudsman.org.uk, 0800 023 4567; the enclosed leaflet explains how) or to the "
    "alternative dispute resolution entity for your country (https://ec.europa.eu/consumers/odr). US consumers "
    "can follow up with the Consumer Financial Protection Bureau at consumerfinance.gov."
)
"""One text carrying what every regime's final-response rules ask for (the unit tests check it against them)."""

UPHELD = "We uphold your complaint; this complaint is closed with monetary relief: we paid you 25.00."
NOT_UPHELD = ("Having investigated, we do not uphold your complaint; this complaint is closed with explanation: "
              "the charge was made under the terms you agreed to.")
WAIT_SECONDS = 60.0
"""How long one step may wait for another service to catch up (the proposal reaching intake, say)."""


class StepFailed(Exception):
    def __init__(self, step: str, detail: str) -> None:
        super().__init__(f"{step}: {detail}")
        self.step = step


@dataclass(frozen=True)
class WorkItem:
    complaint_id: str
    team: str
    tracking_number: str | None = None
    access_code: str | None = None
    """Present for HTTP filings: the customer can then decide on a proposal."""


@dataclass
class CaseWork:
    """Agents (and, for HTTP filings, their customers) working cases concurrently; results by step."""

    resolution_url: str
    intake_url: str
    staff_secret: str
    concurrency: int = 16
    worked: int = 0
    completed: int = 0
    failed: Counter = field(default_factory=Counter)
    _gate: asyncio.Semaphore = field(default_factory=lambda: asyncio.Semaphore(16))

    def __post_init__(self) -> None:
        self._gate = asyncio.Semaphore(self.concurrency)

    async def work(self, item: WorkItem) -> None:
        token = {"Authorization": f"Bearer {self._token(item.team)}"}
        async with self._gate, httpx.AsyncClient(base_url=self.resolution_url, timeout=30, headers=token) as staff:
            self.worked += 1
            try:
                await self._act(staff, item, "investigation")
                if item.access_code:
                    await self._with_customer(staff, item)
                else:
                    await self._act(staff, item, "resolution", outcome="not_upheld", root_cause="none",
                                    final_response=FINAL_RESPONSE.format(decision=NOT_UPHELD))
                await self._act(staff, item, "closure", close_reason="resolved")
            except StepFailed as failure:
                self.failed[failure.step] += 1
                return
            except httpx.HTTPError as exc:
                self.failed[f"http: {type(exc).__name__}"] += 1
                return
            self.completed += 1

    async def _with_customer(self, staff: httpx.AsyncClient, item: WorkItem) -> None:
        await self._act(staff, item, "proposals", summary="We refund the charge and apologise.",
                        remedies=[{"kind": "apology", "description": "An apology for the trouble"}])
        async with httpx.AsyncClient(base_url=self.intake_url, timeout=30,
                                     headers={"X-Access-Code": item.access_code or ""}) as customer:
            page_url = f"/v1/complaints/{item.tracking_number}"
            page = await _until("proposal on the status page", lambda: _get(customer, page_url),
                                lambda p: p.get("open_proposal") is not None)
            answer = await customer.post(f"{page_url}/decision", json={
                "proposal_id": page["open_proposal"]["proposal_id"], "decision": "accepted"})
            if answer.status_code != 200:
                raise StepFailed("customer decision", f"HTTP {answer.status_code}")
        await _until("case accepted", lambda: _get(staff, f"/cases/{item.complaint_id}"),
                     lambda c: c.get("state") == "accepted")
        await self._act(staff, item, "implementation", details="Refund paid")
        await self._act(staff, item, "resolution", outcome="upheld", root_cause="process",
                        final_response=FINAL_RESPONSE.format(decision=UPHELD))

    async def _act(self, staff: httpx.AsyncClient, item: WorkItem, action: str, **body: Any) -> None:
        """POST the action at the case's current version; a concurrent change (409 version conflict) is retried."""
        for _ in range(5):
            case = await _get(staff, f"/cases/{item.complaint_id}")
            answer = await staff.post(f"/cases/{item.complaint_id}/{action}",
                                      json={"version": case["version"], "reason": f"load test: {action}", **body})
            if answer.status_code == 200:
                return
            if answer.status_code != 409 or answer.json().get("type") != "/problems/version-conflict":
                raise StepFailed(action, f"HTTP {answer.status_code}")
        raise StepFailed(action, "version conflicts kept recurring")

    def _token(self, team: str) -> str:
        claims = {"sub": "emp-loadgen", "role": "agent", "team": team, "exp": int(time.time()) + 3600}
        return jwt.encode(claims, self.staff_secret, algorithm="HS256")

    def report(self) -> dict[str, Any]:
        return {"worked": self.worked, "completed": self.completed, "failed_by_step": dict(self.failed)}


async def _get(client: httpx.AsyncClient, url: str) -> dict[str, Any]:
    answer = await client.get(url)
    if answer.status_code != 200:
        raise StepFailed(f"read {url.split('/')[1]}", f"HTTP {answer.status_code}")
    return answer.json()


async def _until(what: str, read: Any, check: Any, *, timeout: float = WAIT_SECONDS) -> dict[str, Any]:
    deadline = time.monotonic() + timeout
    while True:
        found = await read()
        if check(found):
            return found
        if time.monotonic() > deadline:
            raise StepFailed(what, f"not within {timeout:.0f} s")
        await asyncio.sleep(0.25)
