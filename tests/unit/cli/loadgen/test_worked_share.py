import pytest
from complaints_cli.loadgen.casework import CaseWork, Failure
from complaints_cli.loadgen.worked_share import casework_report, chosen, worked_slots


@pytest.mark.parametrize(("count", "share", "expected"), [
    (10, 0.0, set()), (10, 1.0, set(range(10))), (10, 0.5, {1, 3, 5, 7, 9}), (10, 0.2, {4, 9}), (3, 0.34, {2}),
])
def test_a_share_is_spread_evenly(count: int, share: float, expected: set[int]) -> None:
    assert chosen(count, share) == expected


@pytest.mark.parametrize(("count", "http_share", "resolve_share", "http_worked", "kafka_worked"), [
    (12, 0.5, 0.5, 3, 3),  # the same share of both paths, not just the HTTP slots `chosen` would pick
    (100, 0.3, 0.1, 3, 7),
    (10, 0.0, 0.2, 0, 2),
    (10, 1.0, 1.0, 10, 0),
    (10, 0.5, 0.0, 0, 0),
])
def test_the_worked_share_is_taken_from_each_filing_path(count: int, http_share: float, resolve_share: float,
                                                          http_worked: int, kafka_worked: int) -> None:
    http_slots = chosen(count, http_share)
    worked = worked_slots(count, http_slots, resolve_share)
    assert (len(worked & http_slots), len(worked - http_slots)) == (http_worked, kafka_worked)
    assert worked <= set(range(count))


async def test_the_casework_section_accounts_for_every_chosen_complaint() -> None:
    async with CaseWork(resolution_url="http://r", intake_url="http://i", staff_secret="s") as casework:
        casework.worked, casework.completed = 3, {"a": "customer_accepted", "b": "not_upheld"}
        casework.failures.append(Failure("c", "resolve", 422, "missing"))
    section = casework_report({0, 1, 2, 3}, {1, 3}, casework)
    assert section == {"chosen": 4, "chosen_http": 2, "chosen_kafka": 2, "not_started": 1, "worked": 3,
                       "completed": 2, "completed_by_path": {"customer_accepted": 1, "not_upheld": 1}, "failed": 1,
                       "failed_by_step": {"resolve": 1},
                       "failures": [{"complaint_id": "c", "step": "resolve", "status": 422, "detail": "missing"}]}
