"""How work reaches notification: Kafka handlers (it has no HTTP API of its own)."""
