"""Events analytics publishes on `complaints.analytics.v1`."""

from typing import Annotated, Literal

from pydantic import Field

from .base import Event
from .types import AwareDatetime

SOURCE = "/complaints/analytics"


class SystemicIssueDetected(Event):
    """Complaints about one thing rose abnormally against its own baseline (one event per episode)."""

    type: Literal["complaints.analytics.SystemicIssueDetected"] = "complaints.analytics.SystemicIssueDetected"
    source: str = Field(default=SOURCE, description="CloudEvents source")
    issue_id: str = Field(description="Deterministic id of the episode")
    dimension: str = Field(description="What rose", examples=["product", "category", "supplier"])
    value: str = Field(description="Which one", examples=["broadband-basic"])
    window_start: AwareDatetime = Field(description="Start of the window that was abnormal")
    window_end: AwareDatetime = Field(description="End of the window")
    observed: int = Field(ge=0, description="Complaints in the window")
    expected: float = Field(ge=0, description="Baseline expectation for the window")
    test: str = Field(description="Statistical test and threshold, in words")
    p_value: float | None = Field(default=None, ge=0, le=1, description="Probability under the baseline")
    complaint_ids: list[str] = Field(description="Complaints in the episode")

    @property
    def subject(self) -> str:
        return self.issue_id


AnalyticsEvent = Annotated[SystemicIssueDetected, Field(discriminator="type")]
