"""Settings of the analytics service (environment variables prefixed ANALYTICS_)."""

from datetime import timedelta

from complaints_chassis.settings import ServiceSettings
from pydantic import Field
from pydantic_settings import SettingsConfigDict

from .domain.systemic_issues import DetectionSettings


class AnalyticsSettings(ServiceSettings):
    model_config = SettingsConfigDict(env_prefix="ANALYTICS_", env_file=".env", extra="ignore")

    mongo_database: str = Field(default="complaints_analytics", description="The service's own database")
    systemic_interval_seconds: float = Field(default=300.0, gt=0,
                                             description="How often systemic-issue detection runs")
    systemic_window_hours: float = Field(default=24.0, gt=0, description="Span whose complaint count is tested")
    systemic_baseline_days: float = Field(default=28.0, gt=0, description="Trailing span that sets the normal rate")
    systemic_alpha: float = Field(default=0.001, gt=0, lt=1, description="p-value below which a window is abnormal")
    systemic_end_alpha: float = Field(default=0.05, gt=0, lt=1,
                                      description="p-value at or above which an episode ends")
    systemic_min_count: int = Field(default=5, ge=1, description="Fewest complaints in a window to raise an issue")
    systemic_dimensions: list[str] = Field(default=["category", "product"],
                                           description="Fact attributes watched for spikes")
    metrics_interval_seconds: float = Field(default=30.0, gt=0,
                                            description="How often the business metrics are recomputed")
    transparency_min_count: int = Field(default=10, ge=1,
                                        description="Counts below this are suppressed in the public report")
    consumer_batch_interval_ms: int = Field(
        default=5000, ge=0, le=60_000,
        description="Least time between batches: a complaint's events of the same few seconds then mostly share "
                    "one batch, and its fact is inserted once instead of inserted and updated event by event (under "
                    "full load a complaint's events span seconds: with 1 s batches analytics and its store spent "
                    "~4.6 ms of CPU per complaint, with 5 s ~3.3 ms). Reports and gauges lag by up to this much")
    consumer_batch_size: int = Field(default=5000, ge=1,
                                     description="Records handled per batch: what gathers in a batch interval")
    report_max_facts: int = Field(default=200_000, ge=1,
                                  description="Most facts one report may load (a larger query answers 422)")

    def detection(self) -> DetectionSettings:
        """The systemic-issue test these settings describe."""
        return DetectionSettings(
            window=timedelta(hours=self.systemic_window_hours), baseline=timedelta(days=self.systemic_baseline_days),
            alpha=self.systemic_alpha, end_alpha=self.systemic_end_alpha, min_count=self.systemic_min_count,
            dimensions=tuple(self.systemic_dimensions))
