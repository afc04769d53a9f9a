"""The links messages carry: where customers and staff follow a complaint up, all under one public base URL."""

from urllib.parse import quote

from pydantic import BaseModel, ConfigDict

PAGES = {
    "status_url": "/track/{tracking_number}",
    "survey_url": "/survey/{tracking_number}",
    "access_code_url": "/access-code",
    "case_url": "/desk/cases/{complaint_id}",
}
"""The web portal's and desk's pages, relative to the public base URL."""


class SiteLinks(BaseModel):
    """Where customers and staff follow up; the URL templates take `{tracking_number}` or `{complaint_id}`."""

    model_config = ConfigDict(frozen=True)

    organisation: str
    status_url: str
    survey_url: str
    access_code_url: str
    case_url: str

    @classmethod
    def under(cls, base_url: str, *, organisation: str, **overrides: str | None) -> "SiteLinks":
        """Every page under one base URL; a page given in `overrides` (a whole URL template) replaces its own."""
        base = base_url.rstrip("/")
        pages = {name: overrides.get(name) or f"{base}{path}" for name, path in PAGES.items()}
        return cls(organisation=organisation, **pages)

    def status_for(self, tracking_number: str) -> str:
        return self.status_url.format(tracking_number=_segment(tracking_number))

    def survey_for(self, tracking_number: str) -> str:
        return self.survey_url.format(tracking_number=_segment(tracking_number))

    def case_for(self, complaint_id: str) -> str:
        return self.case_url.format(complaint_id=_segment(complaint_id))


def _segment(value: str) -> str:
    # Tracking numbers and complaint ids are URL-safe today; quoting keeps a link whole if a format ever is not.
    return quote(value, safe="")
