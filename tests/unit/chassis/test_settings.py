import pytest
from complaints_chassis.settings import SettingsError, load_settings
from routing.config import RoutingSettings


def test_missing_required_values_stop_start_up_naming_each_variable(monkeypatch: pytest.MonkeyPatch) -> None:
    for var in ("ROUTING_KAFKA_BOOTSTRAP", "ROUTING_MONGO_URL"):
        monkeypatch.delenv(var, raising=False)
    with pytest.raises(SettingsError) as caught:
        load_settings(RoutingSettings)
    message = str(caught.value)
    assert "ROUTING_KAFKA_BOOTSTRAP (Kafka bootstrap servers, comma-separated) is required" in message
    assert "ROUTING_MONGO_URL (MongoDB connection URL) is required" in message


def test_values_come_from_the_prefixed_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ROUTING_KAFKA_BOOTSTRAP", "kafka:9092")
    monkeypatch.setenv("ROUTING_MONGO_URL", "mongodb://mongo")
    monkeypatch.setenv("ROUTING_HTTP_PORT", "9000")
    monkeypatch.setenv("ROUTING_FINGERPRINT_KEY", "a-long-enough-secret")
    settings = load_settings(RoutingSettings)
    assert (settings.kafka_bootstrap, settings.http_port, settings.mongo_database) == (
        "kafka:9092", 9000, "complaints_routing")
    assert settings.kafka_idempotent_producer is True


def test_a_bad_value_is_named_with_its_reason(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ROUTING_KAFKA_BOOTSTRAP", "kafka:9092")
    monkeypatch.setenv("ROUTING_MONGO_URL", "mongodb://mongo")
    monkeypatch.setenv("ROUTING_HTTP_PORT", "not-a-port")
    monkeypatch.setenv("ROUTING_FINGERPRINT_KEY", "a-long-enough-secret")
    with pytest.raises(SettingsError, match="ROUTING_HTTP_PORT .* is invalid"):
        load_settings(RoutingSettings)
