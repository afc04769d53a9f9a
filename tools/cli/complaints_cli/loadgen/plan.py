"""What a load run does: how many complaints, how fast, over which path, and which share is worked to closure."""

from dataclasses import dataclass

NOT_REPORTED = ("bootstrap", "intake_url", "service_urls", "resolution_url", "staff_secret")
"""Plan fields left out of the report: where the suite runs, and the secret that signs staff tokens."""


@dataclass(frozen=True)
class LoadPlan:
    count: int
    rate: float
    """Complaints per second, both paths together."""
    http_share: float
    """0 = all over the submissions topic, 1 = all over HTTP."""
    bootstrap: str
    intake_url: str
    service_urls: tuple[tuple[str, str], ...] = ()
    """(service, base URL) pairs whose consumer lag is sampled."""
    seed: int = 2026
    settle_seconds: float = 120.0
    """How long to wait after the last submission for the stages to complete."""
    http_concurrency: int = 64
    resolve_share: float = 0.0
    """Share of each filing path's complaints worked through the staff API to closure once their case opens."""
    resolution_url: str = ""
    staff_secret: str = ""
    """Signs the agents' tokens (the identity provider's secret of the running suite)."""
    agents: int = 16
    """Cases worked at the same time."""

    def __post_init__(self) -> None:
        if self.resolve_share > 0 and not (self.resolution_url and self.staff_secret):
            raise ValueError("working cases needs resolution's URL and the secret that signs staff tokens")
