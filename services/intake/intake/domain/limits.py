"""Limits on what a complaint may carry; the service settings fill them in."""

from dataclasses import dataclass, field

DEFAULT_MEDIA_TYPES = frozenset({
    "application/pdf",
    "image/jpeg",
    "image/png",
    "image/gif",
    "image/webp",
    "image/heic",
    "text/plain",
})


@dataclass(frozen=True)
class IntakeLimits:
    """How long texts may be and which attachments, how many and how large, are accepted."""

    max_title_chars: int = 200
    max_description_chars: int = 20_000
    max_attachments: int = 10
    max_attachment_bytes: int = 10 * 1024 * 1024
    allowed_media_types: frozenset[str] = field(default=DEFAULT_MEDIA_TYPES)
    future_tolerance_seconds: int = 300
    """How far in the future a customer's `occurred_at` may lie (clock skew) before it is refused."""
