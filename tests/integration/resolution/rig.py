"""The resolution service on the embedded backend, with tokens, builders and a reader of what it published."""

import time
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

import httpx
import jwt
from complaint_contracts import from_kafka, topics
from complaint_contracts.base import Event
from complaint_contracts.intake import ComplaintReceived
from complaint_contracts.routing import ComplaintRouted
from complaint_contracts.types import (
    Category,
    Channel,
    Clock,
    ComplaintKind,
    CustomerContact,
    Deadline,
    Priority,
    Regime,
)
from fastapi import FastAPI
from resolution.deps import ResolutionDeps

from tests.support.backends import Backend
from tests.support.kafka import eventually, read_until

SECRET = "test-secret-" + "x" * 32
FCA_TEXT = ("This is our final response. If you remain unhappy you may refer your complaint to the Financial "
            "Ombudsman Service (www.financial-ombudsman.org.uk) within six months of the date of this letter.")


def token(role: str | list[str], *, team: str | list[str] | None = None, department: str | None = None,
          sub: str = "emp-0042", secret: str = SECRET, expires_in: int = 3600) -> str:
    claims: dict[str, Any] = {"sub": sub, "role": role, "exp": int(time.time()) + expires_in}
    if team is not None:
        claims["team"] = team
    if department is not None:
        claims["department"] = department
    return jwt.encode(claims, secret, algorithm="HS256")


def bearer(jwt_token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {jwt_token}"}


def new_team() -> str:
    return f"support-{uuid.uuid4().hex[:8]}"


@dataclass
class Rig:
    app: FastAPI
    backend: Backend
    http: httpx.AsyncClient

    @property
    def deps(self) -> ResolutionDeps:
        return self.app.state.deps

    def now(self) -> datetime:
        return self.deps.clock()

    def routed(self, *, team: str, department: str = "customer_support", assignee: str | None = "emp-0042",
               regime: Regime = Regime.NONE, priority: Priority = Priority.MEDIUM,
               deadlines: list[Deadline] | None = None, **extra: Any) -> ComplaintRouted:
        return ComplaintRouted(complaint_id=f"c-{uuid.uuid4().hex[:16]}", time=self.now(), department=department,
                               team=team, assignee=assignee, rules_version="2026.11.1",
                               kind=ComplaintKind.COMPLAINT, category=Category.BILLING, priority=priority,
                               regime=regime, deadlines=deadlines or [], **extra)

    def received(self, routed: ComplaintRouted, *, email: str | None = None, phone: str | None = None,
                 **details: Any) -> ComplaintReceived:
        """Intake's receipt of the routed complaint (a fresh tracking number and e-mail address unless given)."""
        token = uuid.uuid4().hex[:8].upper()
        contact = CustomerContact(name="Sam Carter", email=email or f"sam-{token.lower()}@example.org", phone=phone,
                                  preferred_channel=Channel.EMAIL)
        fields: dict[str, Any] = dict(title="Refund not received", channel=Channel.WEB, received_at=self.now(),
                                      description="The refund for my parcel never arrived.", product="parcel")
        return ComplaintReceived(complaint_id=routed.complaint_id, tracking_number=f"CMP-{token[:4]}-{token[4:]}-T",
                                 time=self.now(), customer=contact, **fields | details)

    async def details_doc(self, complaint_id: str) -> dict[str, Any] | None:
        """The complaint's stored details (intake's receipt), if it arrived."""
        return await self.app.state.runtime.db["complaints"].find_one({"_id": complaint_id, "details": {"$exists": 1}})

    def deadline(self, name: str, clock: Clock, days: float) -> Deadline:
        return Deadline(name=name, clock=clock, due_at=self.now() + timedelta(days=days), basis="test target")

    async def publish(self, *events: Event) -> None:
        await self.app.state.runtime.publisher.publish(list(events))

    async def case_doc(self, complaint_id: str) -> dict[str, Any] | None:
        """The case as stored (tests look at stored fields the API does not show, e.g. `next_alert_at`)."""
        return await self.app.state.runtime.db["cases"].find_one({"_id": complaint_id}, {"_outbox": 0})

    async def has_case(self, complaint_id: str) -> bool:
        return await self.case_doc(complaint_id) is not None

    async def workload_doc(self, key: str) -> dict[str, Any] | None:
        return await self.app.state.runtime.db["workloads"].find_one({"_id": key})

    async def parked(self) -> float:
        """Events this service's consumer has parked so far (waiting for their case), from its metrics."""
        text = (await self.http.get("/metrics/")).text
        return sum(float(line.rsplit(" ", 1)[1]) for line in text.splitlines()
                   if line.startswith("complaints_events_consumed_total{") and 'outcome="parked"' in line)

    async def open(self, routed: ComplaintRouted, received: ComplaintReceived | None = None) -> dict[str, Any]:
        """Publish intake's receipt (given, or a default one) and the routing decision; wait until both are kept."""
        await self.publish(received or self.received(routed), routed)
        await eventually(lambda: self.has_case(routed.complaint_id))
        await eventually(lambda: self.details_doc(routed.complaint_id))
        doc = await self.case_doc(routed.complaint_id)
        assert doc is not None
        return doc

    async def published(self, key: str, *, until: str, timeout: float = 30.0) -> list[str]:
        """Event type names published under a key, in order, up to and including the first `until`; an event
        published again (at least once: an outbox entry both its relay and the orphan sweep took) counts once, as
        consumers count it."""
        seen: list[str] = []
        ids: set[bytes] = set()

        def collect(record: Any) -> bool:
            headers = dict(record.headers)
            if record.key != key.encode() or headers["ce_id"] in ids:
                return False
            ids.add(headers["ce_id"])
            kind = headers["ce_type"].decode().rsplit(".", 1)[-1]
            seen.append(kind)
            return kind == until

        await read_until(self.backend.kafka_bootstrap, topics.RESOLUTION, collect, timeout=timeout)
        return seen

    async def event(self, key: str, kind: str, *, timeout: float = 30.0) -> Event:
        """The first event of that type published under a key, decoded."""
        def named(record: Any) -> bool:
            return record.key == key.encode() and dict(record.headers)["ce_type"].decode().endswith(f".{kind}")

        record = await read_until(self.backend.kafka_bootstrap, topics.RESOLUTION, named, timeout=timeout)
        return from_kafka(topics.RESOLUTION, record.value, record.headers)
