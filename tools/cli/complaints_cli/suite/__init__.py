"""The whole suite on one machine: the embedded broker and stores, an SMTP sink and the five services."""

from .processes import SERVICES, Suite, SuiteConfig

__all__ = ["SERVICES", "Suite", "SuiteConfig"]
