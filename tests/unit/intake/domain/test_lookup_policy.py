import pytest
from intake.domain.lookup_policy import LookupPolicy

POLICY = LookupPolicy(free_failures=3, backoff_base_seconds=1.0, backoff_max_seconds=900.0)


@pytest.mark.parametrize(("failures", "wait"), [(0, 0), (1, 0), (3, 0), (4, 1), (5, 2), (6, 4), (13, 512), (14, 900),
                                                (10_000, 900)])
def test_free_failures_then_a_doubling_wait_up_to_the_ceiling(failures, wait):
    assert POLICY.wait_seconds(failures=failures, under_attack=False) == wait


@pytest.mark.parametrize(("failures", "wait"), [(0, 0), (1, 1), (2, 2), (4, 8)])
def test_under_attack_the_free_failures_are_withdrawn_but_a_source_without_failures_never_waits(failures, wait):
    assert POLICY.wait_seconds(failures=failures, under_attack=True) == wait
