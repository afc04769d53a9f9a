"""What analytics reports about a complaint."""

import csv
import io

import httpx
from complaints_cli.staff_client import bearer, mint_staff_token
from complaints_cli.suite import Suite


def fact_row(suite: Suite, complaint_id: str) -> dict[str, str] | None:
    """The complaint's row in analytics' facts export, if analytics has it."""
    token = mint_staff_token(suite.resolution_jwt_secret, sub="emp-e2e-compliance", role="compliance")
    answer = httpx.get(f"{suite.url('analytics')}/v1/facts.csv", timeout=15, headers=bearer(token))
    assert answer.status_code == 200, answer.text
    return next((row for row in csv.DictReader(io.StringIO(answer.text)) if row["complaint_id"] == complaint_id),
                None)
