"""The failed-look-up budgets: brute force on one tracking number slows down, nobody else is locked out."""

from intake.adapters.lookup_guard import LookupGuard
from intake.domain.lookup_policy import LookupPolicy

NUMBER = "CMP-7K3Q-9XWA-F"
OTHER_NUMBER = "CMP-0000-0000-0"
ATTACKER, CUSTOMER = "198.51.100.7", "203.0.113.9"


class FakeMonotonic:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def guard(clock: FakeMonotonic, *, per_client: int = 100, per_number: int = 100) -> LookupGuard:
    return LookupGuard(policy=LookupPolicy(free_failures=2, backoff_base_seconds=10, backoff_max_seconds=60),
                       client_failures_per_minute=per_client, number_failures_per_hour=per_number, monotonic=clock)


def fail(lookups: LookupGuard, client: str, number: str = NUMBER, times: int = 1) -> None:
    for _ in range(times):
        lookups.failed(client=client, tracking_number=number)


def test_a_source_waits_after_its_free_failures_and_the_wait_doubles_up_to_the_ceiling() -> None:
    clock = FakeMonotonic()
    lookups = guard(clock)
    fail(lookups, ATTACKER, times=2)
    assert lookups.retry_after(client=ATTACKER, tracking_number=NUMBER) is None
    fail(lookups, ATTACKER)
    assert lookups.retry_after(client=ATTACKER, tracking_number=NUMBER) == 10
    clock.now += 10
    assert lookups.retry_after(client=ATTACKER, tracking_number=NUMBER) is None
    fail(lookups, ATTACKER)
    assert lookups.retry_after(client=ATTACKER, tracking_number=NUMBER) == 20
    fail(lookups, ATTACKER, times=5)
    assert lookups.retry_after(client=ATTACKER, tracking_number=NUMBER) == 60


def test_one_sources_failures_neither_lock_out_another_source_nor_its_other_numbers() -> None:
    lookups = guard(FakeMonotonic())
    fail(lookups, ATTACKER, times=10)
    assert lookups.retry_after(client=ATTACKER, tracking_number=NUMBER) is not None
    assert lookups.retry_after(client=CUSTOMER, tracking_number=NUMBER) is None
    assert lookups.retry_after(client=ATTACKER, tracking_number=OTHER_NUMBER) is None


def test_a_number_attacked_from_many_addresses_withdraws_the_free_failures_of_those_that_failed() -> None:
    lookups = guard(FakeMonotonic(), per_number=5)
    for index in range(5):
        fail(lookups, f"192.0.2.{index}")
    assert lookups.retry_after(client="192.0.2.0", tracking_number=NUMBER) == 10
    assert lookups.retry_after(client=CUSTOMER, tracking_number=NUMBER) is None
    assert lookups.retry_after(client="192.0.2.0", tracking_number=OTHER_NUMBER) is None


def test_a_client_failing_across_many_numbers_loses_its_free_failures_everywhere() -> None:
    lookups = guard(FakeMonotonic(), per_client=3)
    fail(lookups, ATTACKER, number=OTHER_NUMBER, times=3)
    fail(lookups, ATTACKER)
    assert lookups.retry_after(client=ATTACKER, tracking_number=NUMBER) == 10
    assert lookups.retry_after(client=CUSTOMER, tracking_number=NUMBER) is None


def test_opening_the_complaint_forgives_earlier_typing_mistakes() -> None:
    lookups = guard(FakeMonotonic())
    fail(lookups, CUSTOMER, times=2)
    lookups.succeeded(client=CUSTOMER, tracking_number=NUMBER)
    fail(lookups, CUSTOMER, times=2)
    assert lookups.retry_after(client=CUSTOMER, tracking_number=NUMBER) is None
