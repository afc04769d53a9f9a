from intake.adapters.rate_limiter import RateLimiter


class FakeMonotonic:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_a_client_gets_its_budget_then_waits_for_the_next_token():
    clock = FakeMonotonic()
    limiter = RateLimiter(allowance=3, monotonic=clock)
    assert [limiter.spend("198.51.100.7") for _ in range(3)] == [None, None, None]
    assert limiter.spend("198.51.100.7") == 20
    clock.now += 19
    assert limiter.spend("198.51.100.7") == 1
    clock.now += 1
    assert limiter.spend("198.51.100.7") is None


def test_clients_have_separate_budgets():
    limiter = RateLimiter(allowance=1, monotonic=FakeMonotonic())
    assert limiter.spend("198.51.100.7") is None
    assert limiter.spend("198.51.100.7") is not None
    assert limiter.spend("198.51.100.8") is None


def test_asking_for_the_wait_spends_nothing():
    limiter = RateLimiter(allowance=1, monotonic=FakeMonotonic())
    assert limiter.retry_after("198.51.100.7") is None
    assert limiter.retry_after("198.51.100.7") is None
    assert limiter.spend("198.51.100.7") is None
    assert limiter.retry_after("198.51.100.7") == 60


def test_the_budget_refills_only_up_to_the_burst():
    clock = FakeMonotonic()
    limiter = RateLimiter(allowance=2, monotonic=clock)
    limiter.spend("198.51.100.7")
    clock.now += 3600
    assert [limiter.spend("198.51.100.7") for _ in range(3)] == [None, None, 30]


def test_only_the_most_recent_clients_are_remembered():
    limiter = RateLimiter(allowance=1, max_clients=2, monotonic=FakeMonotonic())
    for client in ("a", "b", "c"):
        limiter.spend(client)
    assert limiter.spend("c") is not None
    assert limiter.spend("a") is None  # forgotten: a fresh budget


def test_a_budget_can_be_per_hour():
    clock = FakeMonotonic()
    limiter = RateLimiter(allowance=2, period_seconds=3600, monotonic=clock)
    assert [limiter.spend("CMP-7K3Q-9XWA-F") for _ in range(3)] == [None, None, 1800]
    clock.now += 1800
    assert limiter.spend("CMP-7K3Q-9XWA-F") is None
