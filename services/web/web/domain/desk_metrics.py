"""Dead letters and consumer lag, read from a service's Prometheus text (`/metrics`)."""

from dataclasses import dataclass

from prometheus_client.parser import text_string_to_metric_families

ANALYST_ROLES = ("analyst",)
"""Staff who read the figures and work no cases: the operations overview is their desk."""
DEAD_LETTERED = "complaints_events_consumed_total"
LAG = "complaints_consumer_lag_messages"


@dataclass(frozen=True)
class Pipeline:
    service: str
    dead_letters: int
    lag: int
    reachable: bool = True


def pipeline_of(service: str, text: str) -> Pipeline:
    dead = lag = 0.0
    for family in text_string_to_metric_families(text):
        for sample in family.samples:
            if sample.name == DEAD_LETTERED and sample.labels.get("outcome") == "dead_lettered":
                dead += sample.value
            elif sample.name == LAG:
                lag += sample.value
    return Pipeline(service, int(dead), int(lag))
