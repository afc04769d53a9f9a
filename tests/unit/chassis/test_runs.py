"""A batch's events reach each handler in as few calls as each complaint's order allows."""

from dataclasses import dataclass
from typing import Any

from complaints_chassis.consumer import runs_of
from hypothesis import given
from hypothesis import strategies as st


class Received:
    pass


class Routed:
    pass


class Sent:
    pass


async def take_received(events: list[Any], deps: Any) -> None: ...
async def take_routed(events: list[Any], deps: Any) -> None: ...
async def take_sent(events: list[Any], deps: Any) -> None: ...


HANDLERS: dict[type, Any] = {Received: take_received, Routed: take_routed, Sent: take_sent}
KINDS = (Received, Routed, Sent)


@dataclass(frozen=True)
class Record:
    key: bytes | None
    offset: int


def _items(spec: list[tuple[bytes | None, type]]) -> list[tuple[Any, Any]]:
    return [(Record(key, offset), kind()) for offset, (key, kind) in enumerate(spec)]


def _shape(runs: list[Any]) -> list[tuple[str, list[int]]]:
    return [(run.handler.__name__, [record.offset for record, _ in run.items]) for run in runs]


def test_partitions_of_different_topics_share_one_call_per_handler() -> None:
    # As a batch comes: each topic-partition's records together, one after another.
    spec = [(b"c1", Received), (b"c2", Received), (b"c3", Routed), (b"c4", Routed),
            (b"c5", Received), (b"c6", Sent), (b"c3", Sent), (b"c7", Routed)]
    assert _shape(runs_of(_items(spec), HANDLERS)) == [
        ("take_received", [0, 1, 4]), ("take_routed", [2, 3, 7]), ("take_sent", [5, 6])]


def test_a_complaints_later_event_never_joins_a_run_before_its_earlier_one() -> None:
    # c1: received, routed, received again (a redelivery); the second receipt must come after the routing.
    spec = [(b"c1", Received), (b"c1", Routed), (b"c2", Received), (b"c1", Received)]
    assert _shape(runs_of(_items(spec), HANDLERS)) == [
        ("take_received", [0, 2]), ("take_routed", [1]), ("take_received", [3])]


def test_records_without_a_key_keep_their_order_among_themselves() -> None:
    spec = [(None, Received), (None, Routed), (b"c1", Received), (None, Received)]
    assert _shape(runs_of(_items(spec), HANDLERS)) == [
        ("take_received", [0, 2]), ("take_routed", [1]), ("take_received", [3])]


@given(st.lists(st.tuples(st.sampled_from([b"a", b"b", b"c", b"d", None]), st.sampled_from(KINDS)), max_size=40))
def test_every_event_once_one_handler_per_run_each_keys_order_kept(spec: list[tuple[bytes | None, type]]) -> None:
    items = _items(spec)
    runs = runs_of(items, HANDLERS)

    flat = [record for run in runs for record, _ in run.items]
    assert sorted(r.offset for r in flat) == list(range(len(items)))
    for run in runs:
        assert all(HANDLERS[type(event)] is run.handler for _, event in run.items)
    for key in {key for key, _ in spec}:
        assert [r.offset for r in flat if r.key == key] == [r.offset for r, _ in items if r.key == key]
    cut_where_handler_changes = sum(1 for i, (_, kind) in enumerate(spec) if i == 0 or spec[i - 1][1] is not kind)
    assert len(runs) <= cut_where_handler_changes
