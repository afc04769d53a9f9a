"""`python -m complaints_cli.specs [check|write]` (`make contracts` writes)."""

import sys

from .files import drifted, write

if __name__ == "__main__":
    if (sys.argv[1] if len(sys.argv) > 1 else "check") == "write":
        write()
    else:
        stale = drifted()
        print("\n".join(stale) or "specs are up to date")
        sys.exit(1 if stale else 0)
