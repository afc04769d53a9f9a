from complaints_cli.loadgen.lag import lag_from_metrics


def test_lag_is_summed_from_the_services_own_gauge() -> None:
    page = "\n".join([
        "# HELP complaints_consumer_lag_messages Messages between the last handled offset and the end",
        "# TYPE complaints_consumer_lag_messages gauge",
        'complaints_consumer_lag_messages{group="routing",topic="complaints.intake.v1"} 12.0',
        'complaints_consumer_lag_messages{group="routing",topic="complaints.resolution.v1"} 3.0',
        "complaints_outbox_published_total 99.0",
    ])
    assert lag_from_metrics(page) == 15
