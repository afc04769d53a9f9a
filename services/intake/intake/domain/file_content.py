"""Is a file what it is declared to be? Its content is checked against the declared media type, so that, say, an
executable sent as `application/pdf` is refused instead of being stored and handed to staff as a PDF.

Binary formats are recognised by their signature (magic bytes, with puremagic's database); text types have no
signature, so their content must not be binary (charset_normalizer's check, which also reads UTF-16 and legacy
single-byte encodings such as windows-1251 as text). A type whose signature the database does not know is
refused rather than taken on trust: only list media types in the settings that can be checked.
"""

import charset_normalizer
import puremagic

from .rules import Rejection

_SAME_FORMAT = {
    # HEIC is HEIF with HEVC pictures: the database names an iPhone photo (brand `heic`) image/heif.
    "image/heic": frozenset({"image/heic", "image/heif"}),
    "image/heif": frozenset({"image/heic", "image/heif"}),
}


def detected_media_types(content: bytes) -> frozenset[str]:
    """The media types whose signature the content carries (empty when none is recognised)."""
    try:
        matches = puremagic.magic_string(content)
    except (puremagic.PureError, ValueError):  # nothing recognised, or no content
        return frozenset()
    return frozenset(match.mime_type.lower() for match in matches if match.mime_type)


def content_rejection(*, content: bytes, media_type: str) -> Rejection | None:
    """Refuse content that is not of its declared media type."""
    declared = media_type.lower()
    if declared.startswith("text/"):
        if charset_normalizer.is_binary(content):
            return Rejection("content_mismatch", f"declared as {declared}, but the content is not text")
        return None
    if _SAME_FORMAT.get(declared, frozenset({declared})) & detected_media_types(content):
        return None
    return Rejection("content_mismatch", f"declared as {declared}, but the content is not a file of that type")
