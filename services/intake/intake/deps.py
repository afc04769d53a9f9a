"""What the handlers and the API get from `setup`."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from .config import IntakeSettings
from .customer_service import CustomerService
from .limits import IntakeLimits
from .metrics import IntakeMetrics
from .rate_limits import RateLimiter
from .service import FilingService
from .store import MongoIntakeStore


@dataclass
class IntakeDeps:
    settings: IntakeSettings
    limits: IntakeLimits
    clock: Callable[[], datetime]
    store: MongoIntakeStore
    filing: FilingService
    customers: CustomerService
    metrics: IntakeMetrics
    requests: RateLimiter
    """Per-client budget of API requests."""
    lookup_failures: RateLimiter
    """Per-client budget of failed look-ups (wrong tracking number or access code)."""
