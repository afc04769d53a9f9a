"""The garbage collector of a long-running service: what start-up made is kept out of its collections.

A service imports and builds hundreds of thousands of objects that live as long as the process (modules, pydantic
and FastStream machinery, the triage model, templates). CPython's full collections walk all of them each time
(~0.15 s a time here), and the churn of a busy consumer triggers one every few seconds: measured under full load,
collections were 20–50 % of each service's CPU. Freezing the heap once start-up is done leaves those objects out
of every later collection; a larger first generation makes the young collections rarer (objects of a batch mostly
die with it).
"""

import gc

_freeze_when_started = False

YOUNG_THRESHOLD = 10_000
"""Allocations (less deallocations) between young collections; CPython's default is 700."""


def freeze_when_started() -> None:
    """Ask the service's lifespan to freeze the heap once started: only a service process (`serve`) does; an app
    started in another process's heap (tests, tools) leaves that process's collector alone."""
    global _freeze_when_started
    _freeze_when_started = True


def started() -> None:
    """Start-up is done: freeze the heap if this process is a service (see `freeze_when_started`)."""
    if _freeze_when_started:
        freeze_startup_heap()


def freeze_startup_heap() -> None:
    """Collect start-up's garbage, move every object left to the permanent generation, raise the young threshold."""
    gc.collect()
    gc.freeze()
    _, middle, old = gc.get_threshold()
    gc.set_threshold(YOUNG_THRESHOLD, middle, old)
