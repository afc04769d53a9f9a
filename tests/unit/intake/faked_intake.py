"""All of intake's use cases over the unit tests' fakes, bundled as the API gets them (for tests of the HTTP layer)."""

from intake.adapters.rate_limiter import RateLimiter
from intake.config import IntakeSettings
from intake.deps import IntakeDeps
from intake.usecases import DataKeysService

from .test_access_and_files import Desk
from .test_export import Exports

KEY_READERS = {"routing": "routing-reader-secret-for-unit-tests"}
KEY_SEALERS = {"crm": "crm-sealer-secret-for-unit-tests"}


class FakedIntake(Desk, Exports):
    """The customer side, access codes, staff files, erasure and exports; the key API knows `KEY_READERS` and
    `KEY_SEALERS`."""

    def __init__(self) -> None:
        super().__init__()
        self.data_keys = DataKeysService(keys=self.keys, readers=KEY_READERS, metrics=self.customers.metrics,
                                         subjects=self.subjects, sealers=KEY_SEALERS)

    def deps(self, settings: IntakeSettings) -> IntakeDeps:
        return IntakeDeps(settings=settings, filing=self.filing, customers=self.customers, access_codes=self.codes,
                          staff_files=self.files, data_keys=self.data_keys, erasure=self.erasure, export=self.exports,
                          metrics=self.customers.metrics, requests=RateLimiter(allowance=settings.requests_per_minute))
