"""The whole suite on one machine: the embedded broker and stores, an SMTP sink and the five services."""

from .embedded import BROKER_PROCESS
from .processes import SERVICES, Suite, SuiteConfig

__all__ = ["BROKER_PROCESS", "SERVICES", "Suite", "SuiteConfig"]
