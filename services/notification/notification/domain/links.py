"""The links messages carry: where customers and staff follow a complaint up."""

from pydantic import BaseModel, ConfigDict


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
