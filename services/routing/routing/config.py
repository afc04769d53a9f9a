"""Settings of the routing service (environment variables prefixed ROUTING_)."""

from complaints_chassis.settings import ServiceSettings
from pydantic import Field
from pydantic_settings import SettingsConfigDict


class RoutingSettings(ServiceSettings):
    model_config = SettingsConfigDict(env_prefix="ROUTING_", env_file=".env", extra="ignore")

    mongo_database: str = Field(default="complaints_routing", description="The service's own database")
