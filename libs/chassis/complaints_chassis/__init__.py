"""The thin runtime every service shares: settings, Kafka, MongoDB, outbox, HTTP, logging."""
