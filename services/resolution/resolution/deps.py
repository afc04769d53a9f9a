"""What setup builds and hands to the handlers and the API."""

from dataclasses import dataclass

from .clock import ServiceClock
from .scheduler import DeadlineScanner
from .service import ResolutionService


@dataclass
class ResolutionDeps:
    service: ResolutionService
    clock: ServiceClock
    scanner: DeadlineScanner
    allow_clock_control: bool = False
