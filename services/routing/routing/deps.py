"""What setup builds and hands to the handlers and the API."""

from dataclasses import dataclass
from typing import Annotated

from complaints_chassis.runtime import typed_deps
from fastapi import Depends

from .privacy import RoutingPrivacy
from .service import RoutingService


@dataclass
class RoutingDeps:
    service: RoutingService
    privacy: RoutingPrivacy


get_deps = typed_deps(RoutingDeps)
Deps = Annotated[RoutingDeps, Depends(get_deps)]
