"""The load generator: files complaints, works a share of them to closure, and times each stage."""

from .plan import LoadPlan
from .run import run_load

__all__ = ["LoadPlan", "run_load"]
