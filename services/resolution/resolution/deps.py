"""What setup builds and hands to the handlers and the API."""

from dataclasses import dataclass

from complaints_chassis.clock import Clock

from .scheduler import DeadlineScanner
from .service import ResolutionService


@dataclass
class ResolutionDeps:
    service: ResolutionService
    clock: Clock
    scanner: DeadlineScanner
    allow_clock_control: bool = False
