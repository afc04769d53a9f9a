"""Intake's pure logic: no I/O, no MongoDB, no Kafka, no FastAPI."""
