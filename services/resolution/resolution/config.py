"""Settings of the resolution service (environment variables prefixed RESOLUTION_)."""

from complaints_chassis.settings import ServiceSettings
from pydantic import Field
from pydantic_settings import SettingsConfigDict


class ResolutionSettings(ServiceSettings):
    model_config = SettingsConfigDict(env_prefix="RESOLUTION_", env_file=".env", extra="ignore")

    mongo_database: str = Field(default="complaints_resolution", description="The service's own database")
