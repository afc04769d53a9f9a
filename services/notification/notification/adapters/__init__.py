"""Notification's I/O: the MongoDB store, the channels, the template files and the Prometheus metrics."""
