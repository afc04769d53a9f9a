"""What setup builds and hands to the handlers and the API."""

from dataclasses import dataclass
from typing import Annotated

from complaints_chassis.clock import Clock
from complaints_chassis.runtime import typed_deps
from fastapi import Depends

from .service import ResolutionService


@dataclass
class ResolutionDeps:
    service: ResolutionService
    clock: Clock
    """The service clock (the runtime's): what tests and demos read and move."""


get_deps = typed_deps(ResolutionDeps)
Deps = Annotated[ResolutionDeps, Depends(get_deps)]
