"""A service process freezes its start-up heap once started; an app started inside another process does not."""

import gc
from collections.abc import Iterator

import pytest
from complaints_chassis import heap


@pytest.fixture
def collector() -> Iterator[None]:
    threshold, frozen = gc.get_threshold(), heap._freeze_when_started
    try:
        yield
    finally:
        gc.unfreeze()
        gc.set_threshold(*threshold)
        heap._freeze_when_started = frozen


def test_an_app_started_in_another_process_leaves_its_collector_alone(collector: None) -> None:
    heap._freeze_when_started = False
    before = gc.get_freeze_count(), gc.get_threshold()

    heap.started()

    assert (gc.get_freeze_count(), gc.get_threshold()) == before


def test_a_service_process_freezes_what_start_up_made(collector: None) -> None:
    gc.unfreeze()
    made_at_start_up = [[n] for n in range(100)]  # containers: what the collector tracks
    heap.freeze_when_started()

    heap.started()

    assert gc.get_freeze_count() >= len(made_at_start_up)
    assert gc.get_threshold()[0] == heap.YOUNG_THRESHOLD
