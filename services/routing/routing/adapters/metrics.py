"""Routing's own metrics (bounded labels: configured departments, priorities, failure causes — never ids)."""

from prometheus_client import CollectorRegistry, Counter, Gauge


class RoutingMetrics:
    def __init__(self, registry: CollectorRegistry) -> None:
        self.decisions = Counter("complaints_routing_decisions_total", "Complaints routed, by department and priority",
                                 ["department", "priority"], registry=registry)
        self.failures = Counter("complaints_routing_failures_total",
                                "Complaints or escalations that could not be routed, by cause", ["cause"],
                                registry=registry)
        self.duplicates = Counter("complaints_routing_duplicates_flagged_total",
                                  "Possible duplicates flagged (one per earlier complaint linked)", registry=registry)
        self.reroutes = Counter("complaints_routing_reroutes_total", "Complaints re-routed on escalation, by trigger",
                                ["trigger"], registry=registry)
        self.reloads = Counter("complaints_routing_rules_reloads_total", "Rules reloads, by outcome", ["outcome"],
                               registry=registry)
        self.human_checks = Counter("complaints_routing_human_checks_total",
                                    "Decisions flagged for a person to check (the model was unsure)", registry=registry)
        self.corrections = Counter("complaints_routing_corrections_total",
                                   "Staff corrections of assessments, by what became of them (kept, text_expired)",
                                   ["outcome"], registry=registry)
        self.loaded_at = Gauge("complaints_routing_rules_loaded_timestamp_seconds",
                               "When the rules in force were loaded (Unix time)", registry=registry)
