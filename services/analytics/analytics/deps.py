"""What setup hands to the handlers and the API: the use cases, nothing else."""

from dataclasses import dataclass
from typing import Annotated

from complaints_chassis.runtime import typed_deps
from fastapi import Depends

from .service import AnalyticsService


@dataclass(frozen=True)
class AnalyticsDeps:
    service: AnalyticsService


get_deps = typed_deps(AnalyticsDeps)
Deps = Annotated[AnalyticsDeps, Depends(get_deps)]
