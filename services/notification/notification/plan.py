"""The value objects of message planning: what to send to whom, before channel and language are chosen."""

from typing import Any

from pydantic import BaseModel, ConfigDict

from .catalogue import CATALOGUE, MessageSpec, Template
from .recipients import Recipient


class SiteLinks(BaseModel):
    """Where customers and staff follow up; the URL templates take `{tracking_number}` or `{complaint_id}`."""

    model_config = ConfigDict(frozen=True)

    organisation: str
    status_url: str
    survey_url: str
    case_url: str

    def status_for(self, tracking_number: str) -> str:
        return self.status_url.format(tracking_number=tracking_number)

    def survey_for(self, tracking_number: str) -> str:
        return self.survey_url.format(tracking_number=tracking_number)

    def case_for(self, complaint_id: str) -> str:
        return self.case_url.format(complaint_id=complaint_id)


class PlannedMessage(BaseModel):
    """One message an event calls for: template, recipient and the variables the template needs."""

    model_config = ConfigDict(frozen=True)

    spec: MessageSpec
    recipient: Recipient
    context: dict[str, Any]
    trigger_event_id: str
    """CloudEvents `id` of the event that called for it."""
    trigger_key: str
    """CloudEvents source + id of that event: with recipient and channel, the delivery's identity."""
    complaint_id: str | None = None

    @property
    def template(self) -> Template:
        return self.spec.template


def planned(template: Template, *, recipient: Recipient, context: dict[str, Any], trigger_event_id: str,
            trigger_key: str, complaint_id: str | None) -> PlannedMessage:
    """A planned message whose spec comes from the catalogue."""
    return PlannedMessage(spec=CATALOGUE[template], recipient=recipient, context=context,
                          trigger_event_id=trigger_event_id, trigger_key=trigger_key, complaint_id=complaint_id)


class FactsNotYetKnown(Exception):
    """The complaint's facts have not arrived yet (topics are not ordered between each other): retry later."""

    def __init__(self, complaint_id: str) -> None:
        super().__init__(f"no facts yet for complaint {complaint_id}")
        self.complaint_id = complaint_id
