"""How a service authenticates to Kafka and encrypts the connection: TLS (optionally mutual) and SASL/SCRAM.

Production brokers refuse unauthenticated clients and apply ACLs per principal (docs/security.md lists what each
service may read and write), so a forged event on an internal topic is refused by the broker. The embedded
development broker has no authentication at all: it is for development and tests only.
"""

from typing import Any

from aiokafka.helpers import create_ssl_context
from faststream.kafka.security import parse_security
from faststream.security import BaseSecurity, SASLScram256, SASLScram512

from .settings import ServiceSettings

_SCRAM = {"SCRAM-SHA-256": SASLScram256, "SCRAM-SHA-512": SASLScram512}


def broker_security(settings: ServiceSettings) -> BaseSecurity | None:
    """FastStream's security object for the settings (None: plaintext, no authentication)."""
    ssl_context = None
    if settings.kafka_tls:
        ssl_context = create_ssl_context(
            cafile=str(settings.kafka_tls_ca_file) if settings.kafka_tls_ca_file else None,
            certfile=str(settings.kafka_tls_cert_file) if settings.kafka_tls_cert_file else None,
            keyfile=str(settings.kafka_tls_key_file) if settings.kafka_tls_key_file else None)
    if settings.kafka_sasl_mechanism is not None:
        assert settings.kafka_sasl_username and settings.kafka_sasl_password  # enforced by the settings' validator
        return _SCRAM[settings.kafka_sasl_mechanism](settings.kafka_sasl_username,
                                                     settings.kafka_sasl_password.get_secret_value(),
                                                     ssl_context=ssl_context, use_ssl=settings.kafka_tls)
    if ssl_context is not None:
        return BaseSecurity(ssl_context=ssl_context, use_ssl=True)
    return None


def client_options(settings: ServiceSettings) -> dict[str, Any]:
    """The same, as keyword arguments of aiokafka's own clients (admin, plain producers and consumers)."""
    return parse_security(broker_security(settings))
