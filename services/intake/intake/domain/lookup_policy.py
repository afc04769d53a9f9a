"""How long a source must wait before it may try a tracking number again after guessing its access code wrong.

Waits are kept per (client address, tracking number): one source's failures never make another source wait, so
an attacker cannot lock a customer out of their complaint, and a customer behind the same address as an
attacker (an office, a mobile operator's NAT) can still open their own. A source's first few failures on a
number are free (typing mistakes); after that each failure doubles its wait, up to a ceiling. When the number as
a whole, or the client across numbers, has failed too often (a distributed attack, a scan), the free failures
are withdrawn: every source that has already failed there waits from its first failure on. A source that has
never failed on the number is not made to wait, so the right code always opens the complaint.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class LookupPolicy:
    free_failures: int = 3
    """Failures a source may make on one tracking number before it has to wait."""
    backoff_base_seconds: float = 1.0
    """The first wait; each further failure doubles it."""
    backoff_max_seconds: float = 900.0
    """The longest wait."""

    def wait_seconds(self, *, failures: int, under_attack: bool) -> float:
        """How long after its last failure a source with `failures` on a tracking number must wait."""
        excess = failures - (0 if under_attack else self.free_failures)
        if excess <= 0:
            return 0.0
        # Capped before exponentiation, so that a long run of failures cannot overflow the float.
        return min(self.backoff_max_seconds, self.backoff_base_seconds * 2.0 ** min(excess - 1, 64))
