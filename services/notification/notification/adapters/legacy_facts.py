"""Facts stored by earlier versions (one document per complaint in `facts`, updated in place) become the first
version of each complaint's facts, at start-up.

Idempotent and safe to run from several instances at once: each page is copied (a version already there is kept)
before its originals are deleted, so a start-up cut short copies the rest next time; the emptied collection is
dropped, which leaves no copy of personal data that erasure would not find.
"""

import structlog
from complaints_chassis.bulk import insert_new
from pymongo.asynchronous.collection import AsyncCollection

from .documents import facts_document, facts_from

log = structlog.get_logger(__name__)

LEGACY_COLLECTION = "facts"
PAGE = 500


async def adopt_legacy_facts(versions: AsyncCollection) -> int:
    """Move every earlier-shaped document into `versions` as revision 0; how many were moved."""
    legacy = versions.database[LEGACY_COLLECTION]
    moved = 0
    while page := await legacy.find({}).sort("_id", 1).limit(PAGE).to_list():
        await insert_new(versions, [facts_document(facts_from(doc), revision=0) for doc in page])
        await legacy.delete_many({"_id": {"$in": [doc["_id"] for doc in page]}})
        moved += len(page)
    await legacy.drop()  # nothing when there was none
    if moved:
        log.info("facts stored by an earlier version adopted as their first version", complaints=moved)
    return moved
