from complaints_chassis.metrics import ChassisMetrics
from prometheus_client import CollectorRegistry


def test_lag_is_kept_per_partition_and_summed_per_topic() -> None:
    registry = CollectorRegistry()
    metrics = ChassisMetrics(registry)
    metrics.record_lag("routing", {("complaints.intake.v1", 0): 5, ("complaints.intake.v1", 1): 7})
    metrics.record_lag("routing", {("complaints.intake.v1", 0): 2})  # a later batch of partition 0 only

    def partition(n: int) -> float | None:
        return registry.get_sample_value("complaints_consumer_partition_lag_messages",
                                         {"topic": "complaints.intake.v1", "group": "routing", "partition": str(n)})

    assert (partition(0), partition(1)) == (2, 7)
    assert registry.get_sample_value("complaints_consumer_lag_messages",
                                     {"topic": "complaints.intake.v1", "group": "routing"}) == 9


def test_the_outbox_age_gauge_starts_at_zero() -> None:
    registry = CollectorRegistry()
    ChassisMetrics(registry)
    assert registry.get_sample_value("complaints_outbox_oldest_pending_age_seconds") == 0
