"""Intake's use cases, re-exported from `usecases/` (one module per use case) for callers that import them here."""

from .usecases import (
    AccessCodeService,
    ConcurrentChange,
    CustomerService,
    Filed,
    FilingService,
    Forbidden,
    IdempotencyKeyReused,
    NotFound,
    Refused,
    StaffFilesService,
    TooManyCodeRequests,
    TooManyLookups,
)

__all__ = ["AccessCodeService", "ConcurrentChange", "CustomerService", "Filed", "FilingService", "Forbidden",
           "IdempotencyKeyReused", "NotFound", "Refused", "StaffFilesService", "TooManyCodeRequests",
           "TooManyLookups"]
