"""What setup builds and hands to the handlers and the API."""

from dataclasses import dataclass

from .active_rules import ActiveRules
from .metrics import RoutingMetrics
from .service import RoutingService
from .store import MongoRoutingStore


@dataclass
class RoutingDeps:
    service: RoutingService
    rules: ActiveRules
    store: MongoRoutingStore
    metrics: RoutingMetrics
