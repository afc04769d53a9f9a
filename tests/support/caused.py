"""A stand-in for the chassis' CausedPublisher in unit tests."""

from collections.abc import Iterable
from typing import Any


class PublishedWithTheWrite:
    """What insert-only writes caused: the fake stores list a change's events as published when they write them, so
    publishing them again adds nothing here; the ids asked for, call by call, are kept."""

    def __init__(self) -> None:
        self.asked: list[list[Any]] = []

    async def publish(self, ids: Iterable[Any]) -> int:
        self.asked.append(list(ids))
        return 0
