"""The staff API over the fake stores, as an ASGI app with the chassis's problem handlers and token verifier."""

from collections.abc import AsyncIterator

import httpx
import pytest
from complaints_chassis.clock import Clock
from complaints_chassis.problems import install_problem_handlers
from complaints_chassis.staff_auth import StaffTokenVerifier
from fastapi import FastAPI
from resolution.deps import ResolutionDeps
from resolution.entrypoints import api

from tests.support.staff import TEST_JWT_SECRET


@pytest.fixture
async def http(service) -> AsyncIterator[httpx.AsyncClient]:
    app = FastAPI()
    install_problem_handlers(app)
    app.include_router(api.router)
    app.state.deps = ResolutionDeps(service=service, clock=Clock())
    app.state.staff_verifier = StaffTokenVerifier(secret=TEST_JWT_SECRET)
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://test") as client:
        yield client
