"""Personal data erased (crypto-shredding): what notification forgets, and how it knows a complaint's data is gone.

Intake destroys the data subject's keys, then announces `PersonalDataErased`. From then on notification keeps no
personal value of the complaint (the facts' contact details become null) and sends the customer nothing more about
it: there is no address left, and an event read after the keys went shows its personal values as erased, which
must never reach a template. What stays is the record: which message went when, over which channel, and whether
it arrived.
"""

from typing import TypeVar

from complaint_contracts import Event
from complaint_contracts.notification import PERSONAL_DATA_ERASED_REASON
from complaint_contracts.personal_data import ERASED_TEXT, has_personal_data, map_personal_data
from pydantic import BaseModel

PERSONAL_DATA_ERASED = PERSONAL_DATA_ERASED_REASON
"""Why a customer message about an erased complaint is not sent (recorded and published; no personal data)."""

M = TypeVar("M", bound=BaseModel)


def shows_erased(event: Event) -> bool:
    """The event was opened after its keys were destroyed: a personal value it must carry reads `ERASED_TEXT`.

    (An optional personal value reads null then, which cannot be told from one never given: the required ones
    tell, and every event with a personal value for the customer has one, e.g. the description or the code.)
    """
    model = type(event)
    if not has_personal_data(model):
        return False
    seen: list[str] = []

    def look(value: str, _nullable: bool) -> str:
        seen.append(value)
        return value

    map_personal_data(model=model, data=event.model_dump(mode="json"), fn=look)
    return ERASED_TEXT in seen


def _blank(_value: str, nullable: bool) -> str | None:
    return None if nullable else ERASED_TEXT


def without_personal_data(value: M) -> M:
    """A copy with every value its schema marks personal replaced: null where allowed, else `ERASED_TEXT`."""
    model = type(value)
    return model.model_validate(map_personal_data(model=model, data=value.model_dump(mode="json"), fn=_blank))
