"""Rate limits for third-party logs that repeat themselves while a dependency is away.

While the broker is down, aiokafka logs the same connection error several times a second from several loggers
(a three-minute outage once wrote 164,000 lines). The first occurrences of each message stay visible; after that
a message is let through once per window, carrying how many were held back.
"""

import logging
import time
from collections.abc import Callable


class RepeatLimit(logging.Filter):
    """Let `burst` records of the same logger and message template through, then one per `window_seconds`."""

    def __init__(self, *, burst: int = 3, window_seconds: float = 30.0,
                 clock: Callable[[], float] = time.monotonic) -> None:
        super().__init__()
        self._burst = burst
        self._window = window_seconds
        self._clock = clock
        self._seen: dict[tuple[str, str], tuple[int, float, int]] = {}
        """(logger, template) → (records let through in the current window, window start, held back)."""

    def filter(self, record: logging.LogRecord) -> bool:
        key = (record.name, str(record.msg))
        now = self._clock()
        passed, since, held = self._seen.get(key, (0, now, 0))
        if now - since >= self._window:
            passed, since = 0, now
        if passed < self._burst:
            if held:
                record.msg = f"{record.msg} (and {held} more like it held back)"
            self._seen[key] = (passed + 1, since, 0)
            return True
        self._seen[key] = (passed, since, held + 1)
        return False


def limit_repeats(prefix: str = "aiokafka", **limits: float) -> RepeatLimit:
    """Install one limit on every logger under `prefix` that exists now (filters are not inherited) and return it.
    Installed already (a second app in the same process, e.g. tests), the limit in place is kept and returned."""
    loggers = [logging.getLogger(n) for n in list(logging.root.manager.loggerDict)
               if n == prefix or n.startswith(prefix + ".")]
    installed = next((f for logger in loggers for f in logger.filters if isinstance(f, RepeatLimit)), None)
    limit = installed or RepeatLimit(**limits)  # type: ignore[arg-type]
    for logger in loggers:
        if not any(isinstance(f, RepeatLimit) for f in logger.filters):
            logger.addFilter(limit)
    return limit
