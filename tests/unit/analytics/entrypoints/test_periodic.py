"""Background tasks run their use case every interval; a failed round does not end the task."""

import asyncio

import pytest
from analytics.entrypoints import metrics_refresh, systemic_detection
from analytics.entrypoints.periodic import every


async def test_a_failed_round_is_followed_by_the_next_one():
    rounds: list[int] = []

    async def flaky() -> None:
        rounds.append(len(rounds))
        if len(rounds) == 1:
            raise ConnectionError("store briefly away")
        if len(rounds) == 3:
            raise asyncio.CancelledError

    with pytest.raises(asyncio.CancelledError):
        await every(0, flaky, "test loop")
    assert rounds == [0, 1, 2]


class _Service:
    def __init__(self) -> None:
        self.calls: list[str] = []

    async def detect_systemic_issues(self) -> int:
        self.calls.append("detect")
        raise asyncio.CancelledError

    async def refresh_metrics(self) -> None:
        self.calls.append("refresh")
        raise asyncio.CancelledError


@pytest.mark.parametrize(("task", "call"), [(systemic_detection.run, "detect"), (metrics_refresh.run, "refresh")])
async def test_each_task_calls_its_use_case(task, call):
    service = _Service()
    with pytest.raises(asyncio.CancelledError):
        await task(service, interval_seconds=0)
    assert service.calls == [call]
