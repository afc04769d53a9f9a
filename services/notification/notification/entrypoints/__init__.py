"""How work reaches notification: Kafka handlers, and one HTTP route for access requests."""
