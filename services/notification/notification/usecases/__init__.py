"""Use cases the service facade delegates to (service.py stays the one thing entrypoints call)."""
