"""Settings of the intake service (environment variables prefixed INTAKE_)."""

from complaints_chassis.settings import ServiceSettings
from pydantic import Field
from pydantic_settings import SettingsConfigDict


class IntakeSettings(ServiceSettings):
    model_config = SettingsConfigDict(env_prefix="INTAKE_", env_file=".env", extra="ignore")

    mongo_database: str = Field(default="complaints_intake", description="The service's own database")
