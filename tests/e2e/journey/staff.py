"""Staff working cases through resolution's API with the CLI's staff client and a token signed like the identity
provider's. The client is asynchronous (the load generator works many cases at once); these tests are not, so
each call runs to completion on its own connection."""

import asyncio
from collections.abc import Awaitable, Callable
from datetime import datetime
from typing import Any, TypeVar

import pytest
from complaints_cli.staff_client import ApiError, CaseAction, Claim, Json, StaffClient, mint_staff_token
from complaints_cli.suite import Suite

from .waiting import WAIT, wait_until

T = TypeVar("T")

FCA_FINAL_RESPONSE = (
    "This is our final response to your complaint. We are sorry that your account was closed without notice; "
    "it has been reopened and we have paid you the goodwill amount we offered. If you remain dissatisfied, you "
    "may refer your complaint to the Financial Ombudsman Service, free of charge, within six months of the date "
    "of this final response: www.financial-ombudsman.org.uk or 0800 023 4567. The enclosed leaflet explains how."
)
"""A final response carrying everything FCA DISP 1.6 makes mandatory."""


class Staff:
    """An employee of the given role(s), team(s) and department(s) on resolution's staff API."""

    def __init__(self, suite: Suite, *, role: Claim = "agent", team: Claim | None = None,
                 department: Claim | None = None, sub: str = "emp-e2e") -> None:
        self.url = suite.url("resolution")
        self.token = mint_staff_token(suite.resolution_jwt_secret, sub=sub, role=role, team=team,
                                      department=department)

    def _run(self, call: Callable[[StaffClient], Awaitable[T]]) -> T:
        async def connected() -> T:
            async with StaffClient.connect(self.url, self.token, timeout=WAIT) as client:
                return await call(client)

        return asyncio.run(connected())

    def _refusal(self, call: Callable[[StaffClient], Awaitable[Any]]) -> ApiError:
        with pytest.raises(ApiError) as refused:
            self._run(call)
        return refused.value

    def case(self, complaint_id: str) -> Json:
        return self._run(lambda client: client.case(complaint_id))

    def refused_case(self, complaint_id: str) -> ApiError:
        """Why the case is not shown to this employee (the test fails if it is)."""
        return self._refusal(lambda client: client.case(complaint_id))

    def cases(self, **filters: Any) -> Json:
        return self._run(lambda client: client.cases(**filters))

    def wait_case(self, complaint_id: str, check: Callable[[Json], bool] = lambda _: True, *,
                  what: str = "opened", timeout: float = WAIT, arriving: bool = False) -> Json:
        """Poll the case (404 until routing's decision opened it) until `check` holds. `arriving`: the case is
        on its way to this employee's team, so a 403 (still with the team before) means "not yet" too."""
        not_yet = {404, 403} if arriving else {404}

        def look() -> Json | None:
            try:
                case = self.case(complaint_id)
            except ApiError as refused:
                if refused.status in not_yet:
                    return None
                raise
            return case if check(case) else None

        return wait_until(look, what=f"case {complaint_id}: {what}", timeout=timeout)

    def act(self, complaint_id: str, action: CaseAction, **body: Any) -> Json:
        """Take the action on the case as it is now (retried when a customer event moved it meanwhile)."""
        return self._run(lambda client: client.act(complaint_id, action, reason=f"e2e: {action}", **body))

    def refused_action(self, complaint_id: str, action: CaseAction, **body: Any) -> ApiError:
        """Why the action is refused (the test fails if it is taken)."""
        return self._refusal(lambda client: client.act(complaint_id, action, reason=f"e2e: {action}", **body))

    def shift_clock(self, seconds: float) -> Json:
        """Move resolution's clock (admins, with clock control on); the deadline scan runs at once."""
        return self._run(lambda client: client.shift_clock(seconds))

    def clock(self) -> datetime:
        return datetime.fromisoformat(self._run(lambda client: client.clock())["now"])
