"""The one-off pass that seals the title and the remedy of complaints filed before they were personal: sealed with the
complaint's own key where not erased, the erased form and the erasure announced again where erased; never a new key;
a page at a time; what changed meanwhile or is being erased is left for the next run."""

from collections.abc import Sequence
from datetime import UTC, datetime

from complaint_contracts.personal_data import ERASED_TEXT, is_sealed
from complaints_chassis.personal_data import new_data_key, open_text, seal_text
from intake.domain.erasure import erasure_announced
from intake.domain.resealing import ErasedAs, FiledInPlaintext, Resealing, erased_form, in_plaintext
from intake.usecases.resealing import ResealService

from .fakes import FakeKeyStore

NOW = datetime(2026, 12, 8, 10, 0, tzinfo=UTC)
TITLE, REMEDY = "Refund from Alesia Kuzmich never came", "Pay Alesia back"
ERASURE = ErasedAs(erasure_id="er-0001", reason="request", at=datetime(2026, 11, 2, tzinfo=UTC))


class FakeResealStore:
    """The `ResealStore` port in memory: complaints by id, each its resealed values, key id and erasure mark."""

    def __init__(self, filed: Sequence[FiledInPlaintext]) -> None:
        self.filed = {f.complaint_id: f for f in filed}
        self.announced: list = []
        self.writes: list[int] = []
        self.meanwhile: dict[str, FiledInPlaintext] = {}
        """Complaints someone else changes between the pass's read and its write."""

    async def filed_in_plaintext(self, *, after: str | None, limit: int) -> list[FiledInPlaintext]:
        due = sorted(cid for cid, f in self.filed.items() if in_plaintext(f.values) and (after is None or cid > after))
        return [self.filed[cid] for cid in due[:limit]]

    async def reseal(self, changes: Sequence[Resealing]) -> int:
        self.writes.append(len(changes))
        self.filed.update(self.meanwhile)
        written = 0
        for change in changes:
            now = self.filed[change.complaint_id]
            still = all(now.values.get(k) == v for k, v in change.read.items())
            if still and (now.erased is not None) == (change.announced is not None):
                self.filed[change.complaint_id] = FiledInPlaintext(
                    complaint_id=now.complaint_id, key_id=now.key_id, values={**now.values, **change.new},
                    erased=now.erased)
                self.announced += [change.announced] if change.announced else []
                written += 1
        return written


def _filed(cid: str, key_id: str | None, *, erased: ErasedAs | None = None,
           remedy: str | None = REMEDY) -> FiledInPlaintext:
    return FiledInPlaintext(complaint_id=cid, key_id=key_id, values={"title": TITLE, "desired_remedy_details": remedy},
                            erased=erased)


async def test_complaints_not_erased_are_sealed_with_their_own_key_a_page_a_write() -> None:
    keys = FakeKeyStore()
    own = {cid: await keys.key_for(f"subject-{cid}") for cid in ("cmp-0001", "cmp-0002", "cmp-0003")}
    store = FakeResealStore([_filed(cid, key.id, remedy=None if cid == "cmp-0003" else REMEDY)
                             for cid, key in own.items()])

    done = await ResealService(store=store, keys=keys, clock=lambda: NOW, page_size=2).run()

    assert (done.sealed, done.erased, done.left) == (3, 0, 0)
    assert store.writes == [2, 1] and keys.lookups == 2
    for cid, key in own.items():
        values = store.filed[cid].values
        assert open_text(values["title"], key) == TITLE
    assert open_text(store.filed["cmp-0001"].values["desired_remedy_details"], own["cmp-0001"]) == REMEDY
    assert store.filed["cmp-0003"].values["desired_remedy_details"] is None
    assert store.announced == []


async def test_an_erased_complaint_gets_the_erased_form_and_its_erasure_again_without_a_new_key() -> None:
    keys = FakeKeyStore()
    store = FakeResealStore([_filed("cmp-0009", "gone-key-id-0001", erased=ERASURE)])

    done = await ResealService(store=store, keys=keys, clock=lambda: NOW).run()

    assert (done.sealed, done.erased) == (0, 1)
    assert store.filed["cmp-0009"].values == {"title": ERASED_TEXT, "desired_remedy_details": None}
    [event] = store.announced
    assert (event.complaint_id, event.erasure_id, event.reason, event.erased_at, event.time, event.key_ids) == (
        "cmp-0009", "er-0001", "request", ERASURE.at, NOW, ["gone-key-id-0001"])
    assert keys.subjects == {}  # no key made for the erased subject

    again = await ResealService(store=store, keys=keys, clock=lambda: NOW).run()
    assert (again.sealed, again.erased, store.writes) == (0, 0, [1])


async def test_the_announcement_again_is_one_event_per_erasure_and_complaint_not_the_first_one() -> None:
    async def announced() -> object:
        store = FakeResealStore([_filed("cmp-0009", None, erased=ERASURE)])
        await ResealService(store=store, keys=FakeKeyStore(), clock=lambda: NOW).run()
        return store.announced[0]
    first, second = await announced(), await announced()
    assert first.id == second.id and first.key_ids == []
    original = erasure_announced(complaint_id="cmp-0009", erasure_id="er-0001", reason="request", key_ids=[], at=NOW)
    assert first.id != original.id


async def test_what_is_being_erased_or_changed_meanwhile_is_left_for_the_next_run() -> None:
    keys = FakeKeyStore()
    kept, being_erased = await keys.key_for("subject-a"), await keys.key_for("subject-b")
    changed = await keys.key_for("subject-c")
    await keys.destroy("subject-b")  # keys destroyed, the mark not written yet
    store = FakeResealStore([_filed("cmp-000a", kept.id), _filed("cmp-000b", being_erased.id),
                             _filed("cmp-000c", changed.id), _filed("cmp-000d", None)])
    store.meanwhile = {"cmp-000c": _filed("cmp-000c", changed.id, erased=ERASURE)}  # erased between read and write

    done = await ResealService(store=store, keys=keys, clock=lambda: NOW).run()

    assert (done.sealed, done.key_gone, done.changed, done.unsealed, done.left) == (1, 1, 1, 1, 2)
    assert store.filed["cmp-000b"].values["title"] == TITLE and store.filed["cmp-000d"].values["title"] == TITLE
    assert store.filed["cmp-000c"].values["title"] == TITLE and store.announced == []

    store.filed["cmp-000b"] = _filed("cmp-000b", being_erased.id, erased=ERASURE)  # the erasure's mark, written since
    again = await ResealService(store=store, keys=keys, clock=lambda: NOW).run()
    assert (again.sealed, again.erased, again.left, again.unsealed) == (0, 2, 0, 1)
    assert {e.complaint_id for e in store.announced} == {"cmp-000b", "cmp-000c"}


def test_only_plaintext_is_taken_and_the_erased_form_follows_the_contract() -> None:
    sealed = seal_text("x", new_data_key())
    assert is_sealed(sealed)
    assert in_plaintext({"title": sealed, "desired_remedy_details": None}) == {}
    assert in_plaintext({"title": ERASED_TEXT, "desired_remedy_details": REMEDY}) == {"desired_remedy_details": REMEDY}
    assert erased_form({"title": TITLE, "desired_remedy_details": REMEDY}) == {
        "title": ERASED_TEXT, "desired_remedy_details": None}
