"""Property-based run of the published OpenAPI document against the app in-process: no input makes it fail (5xx).

The app runs without its Kafka consumers (they play no part in the HTTP API) and with budgets high enough that
the generated requests reach the handlers rather than the rate limiter. The operations are driven through
hypothesis directly: schemathesis' lazy pytest fixture loader does not work with the installed pytest.
"""

import dataclasses

import schemathesis
from complaints_chassis.runtime import service_app
from hypothesis import HealthCheck, given, settings
from intake.main import SPEC
from schemathesis.checks import not_a_server_error
from schemathesis.python import asgi

from tests.support.backends import Backend

from .conftest import intake_settings

EXAMPLES_PER_OPERATION = 15


def test_no_generated_request_makes_the_api_fail(backend: Backend) -> None:
    app = service_app(dataclasses.replace(SPEC, consumers=[]),
                      intake_settings(backend, requests_per_minute=1_000_000, lookup_failures_per_minute=1_000_000,
                                      lookup_free_failures=1_000_000,
                                      lookup_failures_per_number_per_hour=1_000_000))
    # schemathesis starts the app's lifespan on its own event loop and keeps it until shut down below.
    schema = schemathesis.openapi.from_asgi("/openapi.json", app)
    try:
        operations = [result.ok() for result in schema.get_all_operations()]
        assert any(op.path == "/v1/complaints" and op.method == "post" for op in operations)
        for operation in operations:
            @given(case=operation.as_strategy())
            @settings(max_examples=EXAMPLES_PER_OPERATION, deadline=None, database=None,
                      suppress_health_check=list(HealthCheck))
            def never_fails(case: schemathesis.Case) -> None:
                case.call_and_validate(checks=[not_a_server_error])

            never_fails()
    finally:
        asgi.shutdown_lifespans()
