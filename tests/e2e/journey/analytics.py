"""What analytics reports about a complaint."""

import csv
import io
from collections.abc import Callable

import httpx
from complaints_cli.staff_client import bearer, mint_staff_token
from complaints_cli.suite import Suite

from .waiting import wait_for


def fact_row(suite: Suite, complaint_id: str) -> dict[str, str] | None:
    """The complaint's row in analytics' facts export, if analytics has it."""
    token = mint_staff_token(suite.resolution_jwt_secret, sub="emp-e2e-compliance", role="compliance")
    answer = httpx.get(f"{suite.url('analytics')}/v1/facts.csv", timeout=15, headers=bearer(token))
    assert answer.status_code == 200, answer.text
    return next((row for row in csv.DictReader(io.StringIO(answer.text)) if row["complaint_id"] == complaint_id),
                None)


def fact_row_when(suite: Suite, complaint_id: str, ready: Callable[[dict[str, str]], bool], *,
                  what: str) -> dict[str, str]:
    """The complaint's row once analytics has it and `ready` holds (what comes on different topics, e.g. a
    closure and a rating, may arrive in either order: wait for every field the caller reads)."""
    row = wait_for(lambda: fact_row(suite, complaint_id), lambda r: r is not None and ready(r), what=what)
    assert row is not None
    return row
