"""The published specifications, generated from the code: JSON Schema per event, AsyncAPI 3.0 and OpenAPI per
service, and the topic catalogue. `python -m complaints_cli.specs write` refreshes the committed files; `check`
(the default) lists the files that drifted from the code.
"""

from .documents import settings_class
from .files import drifted, render, write

__all__ = ["drifted", "render", "settings_class", "write"]
