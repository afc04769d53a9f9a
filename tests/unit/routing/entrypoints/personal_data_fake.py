"""An in-memory `PersonalDataStore` (routing/privacy.py) and a key ring's `forget`, for the entrypoint tests."""

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from routing.privacy import RoutingPrivacy


@dataclass
class FakePersonalData:
    """What routing keeps per complaint, as plain documents; `erase` blanks it the way the Mongo store does,
    `delete` drops it."""

    kept: dict[str, dict[str, Any]] = field(default_factory=dict)
    erasures: list[dict[str, datetime]] = field(default_factory=list)
    deletions: list[list[str]] = field(default_factory=list)

    async def erase(self, erased_at: Mapping[str, datetime]) -> None:
        self.erasures.append(dict(erased_at))
        for complaint_id, at in erased_at.items():
            if complaint_id in self.kept:
                decision = self.kept[complaint_id].get("decision", {})
                self.kept[complaint_id] = {"decision": {**decision, "personal_data_erased_at": at}}

    async def delete(self, complaint_ids: Sequence[str]) -> None:
        self.deletions.append(list(complaint_ids))
        for complaint_id in complaint_ids:
            self.kept.pop(complaint_id, None)

    async def records(self, complaint_ids: Sequence[str]) -> dict[str, dict[str, Any]]:
        return {cid: self.kept[cid] for cid in complaint_ids if cid in self.kept}


@dataclass
class ForgottenKeys:
    ids: list[set[str]] = field(default_factory=list)

    def __call__(self, key_ids: Iterable[str]) -> None:
        self.ids.append(set(key_ids))


def make_privacy(store: FakePersonalData | None = None, forget: ForgottenKeys | None = None) -> RoutingPrivacy:
    return RoutingPrivacy(store=store or FakePersonalData(), forget=forget or ForgottenKeys())
