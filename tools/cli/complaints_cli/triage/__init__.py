"""`complaints triage`: train, evaluate and retrain routing's triage model (see docs/triage.md)."""
