"""Two load runs without a seed file different customers' complaints; a given seed files the same ones again."""

from pathlib import Path
from typing import Any

import pytest
from complaints_cli.loadgen import commands
from complaints_cli.loadgen.plan import LoadPlan

SUITE = {"kafka": "127.0.0.1:9092", "services": {"intake": "http://127.0.0.1:8001",
                                                 "resolution": "http://127.0.0.1:8003"}}


@pytest.fixture
def plans(monkeypatch: pytest.MonkeyPatch) -> list[LoadPlan]:
    planned: list[LoadPlan] = []

    async def run_load(plan: LoadPlan, **_: Any) -> dict[str, Any]:
        planned.append(plan)
        return {"stages": {}, "offered_rate_per_s": 1.0, "through_rate_per_s": 1.0,
                "casework": {"chosen": 0}}

    monkeypatch.setattr(commands, "running", lambda: SUITE)
    monkeypatch.setattr(commands, "run_load", run_load)
    return planned


def _run(tmp_path: Path, seed: int | None) -> None:
    commands.loadgen(count=1, rate=1.0, http_share=0.0, seed=seed, report=tmp_path / "report.json",
                     resolve_share=0.0)


def test_runs_without_a_seed_each_draw_their_own(plans: list[LoadPlan], tmp_path: Path) -> None:
    for _ in range(3):
        _run(tmp_path, None)

    assert len({plan.seed for plan in plans}) == 3


def test_a_given_seed_is_kept(plans: list[LoadPlan], tmp_path: Path) -> None:
    _run(tmp_path, 2026)
    _run(tmp_path, 2026)

    assert [plan.seed for plan in plans] == [2026, 2026]
