"""Which complaints of a load run are worked to closure, and handing each to an agent once its case is open."""

import asyncio
from collections.abc import Callable
from typing import Any

from .casework import CaseWork, WorkItem

HAND_OUT_SECONDS = 0.25
"""How often the chosen complaints are looked at for a case that opened."""


def chosen(count: int, share: float) -> set[int]:
    """Indexes spread evenly over `count` so that `share` of them are chosen (0 → none, 1 → all)."""
    return {i for i in range(count) if int((i + 1) * share + 1e-9) > int(i * share + 1e-9)}


def worked_slots(count: int, http_slots: set[int], share: float) -> set[int]:
    """The plan's slots to work: `share` of each filing path, spread evenly over it.

    Chosen per path, not over all slots: `chosen` over all slots would pick exactly the HTTP slots when the two
    shares are equal, and the Kafka path (worked without the customer) would never be measured."""
    http = sorted(http_slots)
    kafka = [i for i in range(count) if i not in http_slots]
    return {http[i] for i in chosen(len(http), share)} | {kafka[i] for i in chosen(len(kafka), share)}


async def hand_out(slots: set[int], item_of: Callable[[int], WorkItem | None], casework: CaseWork) -> None:
    """Give each slot's complaint to an agent as soon as `item_of` finds its case open; each one once.

    Runs until cancelled; then cancels the work still under way (CaseWork records those as failed)."""
    waiting, tasks = set(slots), []
    try:
        while True:
            for slot in sorted(waiting):
                item = item_of(slot)
                if item is not None:
                    waiting.discard(slot)
                    tasks.append(asyncio.create_task(casework.work(item)))
            await asyncio.sleep(HAND_OUT_SECONDS)
    finally:
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)


def casework_report(slots: set[int], http_slots: set[int], casework: CaseWork) -> dict[str, Any]:
    """What was worked: chosen per path, how many an agent took on, completed by path, failed by step."""
    return {"chosen": len(slots), "chosen_http": len(slots & http_slots), "chosen_kafka": len(slots - http_slots),
            # Never taken on: the filing failed, the case did not open in time, or no agent was free before the end.
            "not_started": len(slots) - casework.worked,
            **casework.report()}
