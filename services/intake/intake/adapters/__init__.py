"""Intake's ties to the outside: MongoDB, Prometheus and the per-client request budgets."""
