"""The web front end's one Settings class (WEB_ variables): where the APIs are, sessions and staff sign-in."""

from pathlib import Path
from typing import Literal

from complaints_calendar import is_jurisdiction
from complaints_chassis.settings import HttpSettings
from pydantic import Field, HttpUrl, SecretStr, model_validator
from pydantic_settings import SettingsConfigDict


class WebSettings(HttpSettings):
    model_config = SettingsConfigDict(env_prefix="WEB_", env_file=".env", extra="ignore")

    http_docs_enabled: bool = Field(default=False, description="The web front end has no API to document")
    environment: Literal["development", "production"] = Field(
        default="production", description="`development` allows the development sign-in and plain-HTTP cookies")
    public_base_url: HttpUrl = Field(default=HttpUrl("http://localhost:8000"),
                                     description="Where customers and staff reach this front end")
    session_secret: SecretStr = Field(min_length=32, description="Key that signs session and CSRF cookies")
    session_max_age_seconds: int = Field(default=8 * 3600, ge=60, description="How long a sign-in lasts")
    intake_url: HttpUrl = Field(default=HttpUrl("http://127.0.0.1:8001"), description="Intake's HTTP API")
    routing_url: HttpUrl = Field(default=HttpUrl("http://127.0.0.1:8002"), description="Routing's HTTP API")
    resolution_url: HttpUrl = Field(default=HttpUrl("http://127.0.0.1:8003"), description="Resolution's HTTP API")
    notification_url: HttpUrl = Field(default=HttpUrl("http://127.0.0.1:8004"),
                                      description="Notification's HTTP endpoints (the operations page reads its "
                                                  "/metrics)")
    analytics_url: HttpUrl = Field(default=HttpUrl("http://127.0.0.1:8005"), description="Analytics' HTTP API")
    default_country: str = Field(
        default="GB", pattern=r"^[A-Z]{2}$",
        description="The country (ISO 3166-1) the complaint form starts on, the operator's own: the customer may "
                    "choose another, and is told to leave this one when unsure")
    time_zone: str = Field(default="UTC", description="Time zone dates are shown in (IANA name, e.g. Europe/Minsk)")
    api_timeout_seconds: float = Field(default=10.0, gt=0, description="Timeout of one call to a service's API")
    dev_sign_in: bool = Field(
        default=False, description="Sign staff in by picking a member of the demo staff list (development only); "
                                   "tokens are signed with WEB_JWT_SECRET, the services' HS256 key")
    demo_staff_file: Path | None = Field(default=None,
                                         description="YAML list of the staff the development sign-in offers")
    oidc_metadata_url: HttpUrl | None = Field(
        default=None, description="OpenID Connect discovery document of the identity provider "
                                  "(…/.well-known/openid-configuration)")
    oidc_client_id: str | None = Field(default=None, description="This front end's client id at the provider")
    oidc_client_secret: SecretStr | None = Field(default=None, description="Its client secret (confidential client)")
    oidc_scopes: str = Field(default="openid profile email", description="Scopes asked for at sign-in")
    oidc_roles_claim: str = Field(default="roles", description="Claim of the staff member's roles")
    oidc_teams_claim: str = Field(default="teams", description="Claim of the staff member's teams")

    @property
    def secure_cookies(self) -> bool:
        """Cookies only over HTTPS, except in development on plain-HTTP localhost."""
        return self.environment == "production"

    @model_validator(mode="after")
    def _sign_in_is_safe(self) -> "WebSettings":
        if self.dev_sign_in and self.environment != "development":
            raise ValueError("WEB_DEV_SIGN_IN is allowed only with WEB_ENVIRONMENT=development")
        if self.dev_sign_in and self.jwt_secret is None:
            raise ValueError("WEB_DEV_SIGN_IN needs WEB_JWT_SECRET (the services' staff token key) to sign tokens")
        if self.dev_sign_in and (self.demo_staff_file is None or not self.demo_staff_file.is_file()):
            raise ValueError("WEB_DEV_SIGN_IN needs WEB_DEMO_STAFF_FILE, a readable YAML list of staff")
        if not is_jurisdiction(self.default_country):
            raise ValueError(f"WEB_DEFAULT_COUNTRY={self.default_country} is no ISO 3166-1 country")
        if self.oidc_metadata_url is not None and not self.oidc_client_id:
            raise ValueError("WEB_OIDC_METADATA_URL needs WEB_OIDC_CLIENT_ID")
        return self
