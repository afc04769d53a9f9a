"""How work reaches intake: the HTTP API and the Kafka handlers, each a thin call into the service."""
