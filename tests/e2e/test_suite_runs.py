"""The suite starts as separate processes, reports ready, exposes metrics, and refuses to start misconfigured."""

import os
import subprocess
import sys

import httpx
from complaints_cli.suite import SERVICES, Suite
from complaints_cli.suite.processes import PROCESSES
from pymongo import MongoClient


def test_every_service_reports_ready(suite: Suite) -> None:
    assert suite.readiness() == {process: "ready" for process in PROCESSES}


def test_each_service_keeps_its_database_in_its_own_store(suite: Suite) -> None:
    for service in SERVICES:
        with MongoClient(suite.mongo_url_of(service)) as client:
            names = set(client.list_database_names())
        assert f"complaints_{service}" in names
        if suite.stack is not None:  # embedded: one server per service, as in production
            assert not names & {f"complaints_{other}" for other in SERVICES if other != service}


def test_every_service_is_live_and_exposes_metrics(suite: Suite) -> None:
    for service in SERVICES:
        assert httpx.get(f"{suite.url(service)}/healthz").json() == {"status": "ok"}
        metrics = httpx.get(f"{suite.url(service)}/metrics/").text
        assert "complaints_outbox_published_total" in metrics
        assert "# TYPE complaints_events_consumed_total counter" in metrics


def test_a_service_without_its_required_settings_stops_with_a_clear_message() -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("ROUTING_")}
    result = subprocess.run([sys.executable, "-m", "routing"], env=env, capture_output=True, text=True, timeout=60,
                            cwd=os.path.dirname(__file__))
    assert result.returncode != 0
    assert "ROUTING_KAFKA_BOOTSTRAP (Kafka bootstrap servers, comma-separated) is required" in result.stderr
    assert "ROUTING_MONGO_URL (MongoDB connection URL) is required" in result.stderr


def test_a_stopped_service_exits_cleanly_and_comes_back(suite: Suite) -> None:
    process = suite.processes["analytics"]
    suite.stop_service("analytics")
    assert process.returncode == 0

    suite.start_service("analytics")
    assert suite.wait_ready(timeout=120)["analytics"] == "ready"


def test_the_mail_sink_keeps_what_it_is_sent(suite: Suite) -> None:
    import mailbox
    import smtplib
    from email.message import EmailMessage

    message = EmailMessage()
    message["From"], message["To"], message["Subject"] = "probe@example.org", "sink@example.org", "SINK-PROBE"
    message.set_content("hello")
    with smtplib.SMTP("127.0.0.1", suite.config.smtp_port, timeout=10) as smtp:
        smtp.send_message(message)
    assert "SINK-PROBE" in [m["Subject"] for m in mailbox.Maildir(suite.mailbox, create=False)]
