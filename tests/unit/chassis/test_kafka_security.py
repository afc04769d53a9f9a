"""Kafka authentication from settings: plaintext by default, TLS (mutual when a client certificate is given),
SASL/SCRAM with the service's own principal."""

import pytest
from complaints_chassis.kafka_security import broker_security, client_options
from complaints_chassis.settings import ServiceSettings
from faststream.security import SASLScram512

BASE = dict(kafka_bootstrap="kafka:9092", mongo_url="mongodb://mongo", mongo_database="db")


def settings(**values: object) -> ServiceSettings:
    return ServiceSettings(**BASE, **values)


def test_plaintext_without_authentication_by_default() -> None:
    assert broker_security(settings()) is None
    assert client_options(settings()) == {}


def test_scram_over_tls_gives_every_client_the_principal() -> None:
    chosen = settings(kafka_tls=True, kafka_sasl_mechanism="SCRAM-SHA-512", kafka_sasl_username="routing",
                      kafka_sasl_password="s3cret-s3cret")
    assert isinstance(broker_security(chosen), SASLScram512)
    options = client_options(chosen)
    assert options["security_protocol"] == "SASL_SSL"
    assert options["sasl_mechanism"] == "SCRAM-SHA-512"
    assert options["sasl_plain_username"] == "routing"
    assert options["ssl_context"] is not None


def test_tls_alone_encrypts_without_sasl() -> None:
    assert client_options(settings(kafka_tls=True))["security_protocol"] == "SSL"


def test_a_mechanism_without_credentials_is_refused_at_start_up() -> None:
    with pytest.raises(ValueError, match="kafka_sasl_username"):
        settings(kafka_sasl_mechanism="SCRAM-SHA-256")
