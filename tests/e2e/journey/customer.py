"""A customer who files a complaint over HTTP and follows it through intake with the tracking number and access
code."""

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import httpx
from complaints_cli.suite import Suite

from .mail import Mail, mails
from .waiting import WAIT, wait_until


def unique_email(label: str) -> str:
    return f"{label}-{uuid.uuid4().hex[:10]}@example.org"


@dataclass
class Customer:
    """A customer who filed a complaint over HTTP and follows it with the tracking number and access code."""

    suite: Suite
    complaint_id: str
    tracking_number: str
    access_code: str
    email: str

    def _url(self, action: str = "") -> str:
        return f"{self.suite.url('intake')}/v1/complaints/{self.tracking_number}{action}"

    def status(self) -> dict[str, Any]:
        answer = httpx.get(self._url(), headers={"X-Access-Code": self.access_code}, timeout=10)
        assert answer.status_code == 200, answer.text
        return answer.json()

    def wait_status(self, check: Callable[[dict[str, Any]], bool], *, what: str,
                    timeout: float = WAIT) -> dict[str, Any]:
        """Poll the status page until `check` holds for it."""
        def look() -> dict[str, Any] | None:
            page = self.status()
            return page if check(page) else None

        return wait_until(look, what=f"status page of {self.tracking_number}: {what}", timeout=timeout)

    def attempt(self, action: str, **body: Any) -> httpx.Response:
        """POST a customer action (`messages`, `decision`, `feedback`, `withdrawal`, `escalation`)."""
        return httpx.post(self._url(f"/{action}"), json=body, headers={"X-Access-Code": self.access_code},
                          timeout=10)

    def act(self, action: str, **body: Any) -> dict[str, Any]:
        answer = self.attempt(action, **body)
        assert answer.status_code == 200, answer.text
        return answer.json()

    def mails(self) -> list[Mail]:
        return [m for m in mails(self.suite) if m.to == self.email]

    def wait_mail(self, subject: str, *, timeout: float = WAIT) -> Mail:
        """The first mail to the customer whose subject contains `subject`."""
        return wait_until(lambda: next((m for m in self.mails() if subject in m.subject), None),
                          what=f"mail '{subject}' to the customer of {self.tracking_number}", timeout=timeout)


def filing(*, title: str, description: str, email_address: str, language: str = "en", jurisdiction: str = "GB",
           product: str | None = None, consent_marketing: bool = False, name: str = "Sam Carter") -> dict[str, Any]:
    """The JSON body of an HTTP filing."""
    body: dict[str, Any] = {
        "language": language, "jurisdiction": jurisdiction, "title": title, "description": description,
        "customer": {"name": name, "email": email_address, "consent_marketing": consent_marketing},
    }
    if product is not None:
        body["product"] = product
    return body


def file_complaint(suite: Suite, *, title: str, description: str, email_address: str | None = None,
                   **fields: Any) -> Customer:
    """File a complaint over HTTP and return the customer holding its receipt."""
    address = email_address or unique_email("customer")
    answer = httpx.post(f"{suite.url('intake')}/v1/complaints", timeout=15,
                        json=filing(title=title, description=description, email_address=address, **fields))
    assert answer.status_code == 201, answer.text
    receipt = answer.json()
    assert receipt["access_code"], receipt
    return Customer(suite=suite, complaint_id=receipt["complaint_id"], tracking_number=receipt["tracking_number"],
                    access_code=receipt["access_code"], email=address)


def milestones(page: dict[str, Any]) -> list[str]:
    return [item["milestone"] for item in page["timeline"]]
