"""Settings of the analytics service (environment variables prefixed ANALYTICS_)."""

from complaints_chassis.settings import ServiceSettings
from pydantic import Field
from pydantic_settings import SettingsConfigDict


class AnalyticsSettings(ServiceSettings):
    model_config = SettingsConfigDict(env_prefix="ANALYTICS_", env_file=".env", extra="ignore")

    mongo_database: str = Field(default="complaints_analytics", description="The service's own database")
