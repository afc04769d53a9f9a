"""Settings of the notification service (environment variables prefixed NOTIFICATION_)."""

from complaints_chassis.settings import ServiceSettings
from pydantic import Field
from pydantic_settings import SettingsConfigDict


class NotificationSettings(ServiceSettings):
    model_config = SettingsConfigDict(env_prefix="NOTIFICATION_", env_file=".env", extra="ignore")

    mongo_database: str = Field(default="complaints_notification", description="The service's own database")
