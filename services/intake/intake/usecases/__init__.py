"""Intake's use cases, the only thing its entrypoints call, one module per use case.

`FilingService` (filing.py): complaints filed over HTTP or submitted over Kafka. `CustomerService` (customers.py):
the status page, the customer's actions and files, the timeline. `AccessCodeService` (access_codes.py): new access
codes on request. `StaffFilesService` (staff.py): evidence downloads by staff. `DataKeysService` (data_keys.py): keys
for the services that read personal data. `ErasureService` (erasure.py): erasing a customer's personal data, on
request or when its retention ends; `ExportService` (export.py): access exports; both find the customer with
`SubjectFinder` (subjects.py). Their refusals are in errors.py; `sealed.py` opens sealed personal data.
"""

from .access_codes import AccessCodeService
from .customers import CustomerService
from .data_keys import DataKeysService
from .erasure import ErasureService
from .errors import (
    ConcurrentChange,
    Erased,
    Forbidden,
    IdempotencyKeyReused,
    NotFound,
    Refused,
    TooManyCodeRequests,
    TooManyLookups,
)
from .export import ExportService
from .filing import Filed, FilingService
from .staff import StaffFilesService
from .subjects import SubjectFinder

__all__ = ["AccessCodeService", "ConcurrentChange", "CustomerService", "DataKeysService", "Erased", "ErasureService",
           "ExportService", "Filed", "FilingService", "Forbidden", "IdempotencyKeyReused", "NotFound", "Refused",
           "StaffFilesService", "SubjectFinder", "TooManyCodeRequests", "TooManyLookups"]
