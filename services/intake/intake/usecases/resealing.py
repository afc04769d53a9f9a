"""The one-off pass that seals again the title and the remedy in the customer's words of complaints filed before
they were marked personal (`complaints personal-data reseal`; docs/privacy.md).

Page by page (one read, one key look-up, one bulk write each; two when it holds erased complaints): a complaint
not erased gets them sealed with the key its other values are sealed with, never a new key; an erased one gets their
erased form and its erasure announced again through the outbox. A write applies only while the complaint still holds
what was read, so the pass can run beside intake's replicas, be stopped anywhere and run again; run twice, the second
run finds nothing.
"""

from dataclasses import dataclass

import structlog
from complaint_contracts import ComplaintReceived
from complaints_chassis.clock import Now
from complaints_chassis.personal_data import KeyStore, seal_data

from ..domain.privacy_ports import ResealStore
from ..domain.resealing import Resealing, erased_form, erasure_announced_again, in_plaintext

log = structlog.get_logger(__name__)


@dataclass(frozen=True)
class Resealed:
    """Counts of a run (no complaint is named)."""

    sealed: int = 0
    erased: int = 0
    """Erased complaints given the erased form, their erasure announced again."""
    key_gone: int = 0
    """Not marked erased, but their key is gone (an erasure under way): left for the next run."""
    unsealed: int = 0
    """Filed before sealing at all (no key to seal with): left as they are."""
    changed: int = 0
    """Changed by someone else between the read and the write: left for the next run."""

    @property
    def left(self) -> int:
        return self.key_gone + self.changed


@dataclass
class ResealService:
    store: ResealStore
    keys: KeyStore
    clock: Now
    page_size: int = 200

    async def run(self) -> Resealed:
        """Seal or erase every plaintext value of the resealed fields; the counts of what was done and left."""
        done = Resealed()
        after: str | None = None
        while page := await self.store.filed_in_plaintext(after=after, limit=self.page_size):
            after = page[-1].complaint_id
            live = await self.keys.get_many({f.key_id for f in page if f.erased is None and f.key_id})
            sealed, erased, key_gone, unsealed = [], [], 0, 0
            for filed in page:
                read = in_plaintext(filed.values)
                if not read:
                    continue
                if filed.erased is not None:
                    erased.append(Resealing(filed.complaint_id, read, erased_form(read), erasure_announced_again(
                        complaint_id=filed.complaint_id, erased=filed.erased, key_id=filed.key_id, at=self.clock())))
                elif filed.key_id is None:
                    unsealed += 1
                elif (key := live.get(filed.key_id)) is None:
                    key_gone += 1
                else:
                    sealed.append(Resealing(filed.complaint_id, read, seal_data(ComplaintReceived, read, key)))
            # One bulk write a page; a second only when the page holds erased complaints too (they are few), so
            # that each kind's count is exact.
            written_sealed = await self.store.reseal(sealed) if sealed else 0
            written_erased = await self.store.reseal(erased) if erased else 0
            done = Resealed(sealed=done.sealed + written_sealed, erased=done.erased + written_erased,
                            key_gone=done.key_gone + key_gone, unsealed=done.unsealed + unsealed,
                            changed=done.changed + len(sealed) + len(erased) - written_sealed - written_erased)
        log.info("resealed complaints filed before fields were marked personal", sealed=done.sealed,
                 erased=done.erased, key_gone=done.key_gone, unsealed=done.unsealed, changed=done.changed)
        return done
