import asyncio

import pytest
from complaints_chassis.group_commit import GroupCommit, Participants


class Store:
    def __init__(self, fail: Exception | None = None) -> None:
        self.batches: list[list[int]] = []
        self.fail = fail

    async def write_many(self, items):
        self.batches.append(list(items))
        await asyncio.sleep(0.01)  # a round trip, during which the next batch gathers
        if self.fail:
            raise self.fail
        return [item * 10 for item in items]


async def test_concurrent_callers_share_one_write_and_each_gets_its_own_result():
    store = Store()
    commit = GroupCommit(store.write_many)

    results = await asyncio.gather(*(commit(i) for i in range(20)))

    assert results == [i * 10 for i in range(20)]
    assert store.batches == [list(range(20))]


async def test_callers_arriving_during_a_write_form_the_next_batch():
    store = Store()
    commit = GroupCommit(store.write_many)

    async def late(item: int) -> int:
        await asyncio.sleep(0.005)
        return await commit(item)

    results = await asyncio.gather(commit(1), commit(2), late(3), late(4))

    assert results == [10, 20, 30, 40]
    assert store.batches == [[1, 2], [3, 4]]


async def test_callers_arriving_within_the_linger_join_the_first_batch():
    store = Store()
    commit = GroupCommit(store.write_many, linger_seconds=0.2)

    async def late(item: int) -> int:
        await asyncio.sleep(0.005)
        return await commit(item)

    results = await asyncio.gather(commit(1), late(2), late(3))

    assert results == [10, 20, 30]
    assert store.batches == [[1, 2, 3]]


async def test_a_full_batch_does_not_linger():
    store = Store()
    commit = GroupCommit(store.write_many, max_batch=2, linger_seconds=30)

    assert await asyncio.wait_for(asyncio.gather(commit(1), commit(2)), timeout=5) == [10, 20]
    assert store.batches == [[1, 2]]


async def test_batches_are_bounded():
    store = Store()
    commit = GroupCommit(store.write_many, max_batch=3)

    await asyncio.gather(*(commit(i) for i in range(7)))

    assert [len(b) for b in store.batches] == [3, 3, 1]


async def test_a_failed_write_fails_every_caller_of_its_batch_and_the_next_batch_still_runs():
    store = Store(fail=ConnectionError("store unavailable"))
    commit = GroupCommit(store.write_many)

    results = await asyncio.gather(commit(1), commit(2), return_exceptions=True)
    assert all(isinstance(r, ConnectionError) for r in results)

    store.fail = None
    assert await commit(3) == 30


async def test_a_write_answering_the_wrong_number_of_results_is_an_error():
    async def short(items):
        return []

    with pytest.raises(RuntimeError, match="0 results for 1 items"):
        await GroupCommit(short)(1)


class Crew:
    """Participants of a group commit: each works a while, then writes an item (or not)."""

    def __init__(self, linger_seconds: float) -> None:
        self.store, self.participants = Store(), Participants()
        self.commit = GroupCommit(self.store.write_many, linger_seconds=linger_seconds,
                                  participants=self.participants)

    async def member(self, item: int | None, works_for: float = 0) -> int | None:
        with self.participants.taking_part():
            await asyncio.sleep(works_for)
            return None if item is None else await self.commit(item)


async def test_a_batch_lingers_only_while_a_participant_could_still_join_it():
    crew = Crew(linger_seconds=30)

    # The third participant finishes its work 50 ms after the others wait: they wait for it, not for 30 s.
    results = await asyncio.wait_for(asyncio.gather(crew.member(1), crew.member(2), crew.member(3, 0.05)), 5)

    assert results == [10, 20, 30] and crew.store.batches == [[1, 2, 3]]


async def test_a_participant_that_finishes_without_writing_releases_the_lingering_batch():
    crew = Crew(linger_seconds=30)

    results = await asyncio.wait_for(asyncio.gather(crew.member(1), crew.member(None, 0.05)), 5)

    assert results == [10, None] and crew.store.batches == [[1]]


async def test_with_participants_still_working_a_batch_lingers_no_longer_than_its_linger():
    crew = Crew(linger_seconds=0.05)

    slow = asyncio.create_task(crew.member(None, works_for=1))
    assert await asyncio.wait_for(crew.member(1), 0.5) == 10
    slow.cancel()
    with pytest.raises(asyncio.CancelledError):
        await slow
