"""A file must be what it is declared to be: signatures for binary formats, 'not binary' for text."""

import pytest
from intake.domain.file_content import content_rejection

PDF = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n"
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"
JPEG = b"\xff\xd8\xff\xe1\x00\x18Exif\x00\x00MM\x00*" + bytes(32)
GIF = b"GIF89a\x01\x00\x01\x00\x80\x00\x00" + bytes(16)
WEBP = b"RIFF\x24\x00\x00\x00WEBPVP8 \x18\x00\x00\x00" + bytes(24)
HEIC = b"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic" + bytes(24)
WINDOWS_EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00\xb8" + bytes(43) + b"\x80\x00\x00\x00" \
    + b"This program cannot be run in DOS mode.\r\r\n$" + bytes(64) + b"PE\x00\x00L\x01"
LINUX_ELF = b"\x7fELF\x02\x01\x01\x00" + bytes(8) + b"\x02\x00>\x00\x01\x00\x00\x00" + bytes(40)
ZIP = b"PK\x03\x04\x14\x00\x00\x00\x08\x00" + bytes(40)


@pytest.mark.parametrize(("content", "media_type"), [
    (PDF, "application/pdf"), (PNG, "image/png"), (JPEG, "image/jpeg"), (GIF, "image/gif"), (WEBP, "image/webp"),
    (HEIC, "image/heic"), (PDF, "Application/PDF"),
    ("Чек прыкладаю. Дзякуй!\r\n\tРадок 2".encode(), "text/plain"),
    ("Чек приложен, деньги не вернули уже три недели.".encode("cp1251"), "text/plain"),
    ("Receipt attached".encode("utf-16"), "text/plain"),
    (b"BMW refused my refund", "text/plain"),  # starts like a bitmap's signature, but it is text
])
def test_a_file_of_its_declared_type_is_accepted(content: bytes, media_type: str) -> None:
    assert content_rejection(content=content, media_type=media_type) is None


@pytest.mark.parametrize(("content", "media_type"), [
    (WINDOWS_EXE, "application/pdf"), (LINUX_ELF, "application/pdf"), (ZIP, "application/pdf"),
    (b"hello, I am not a PDF", "application/pdf"), (PDF, "image/png"), (PNG, "image/jpeg"),
    (WINDOWS_EXE, "image/jpeg"), (b"\n%PDF-1.4 with something before the signature", "application/pdf"),
    (WINDOWS_EXE, "text/plain"), (PNG, "text/plain"), (LINUX_ELF, "text/plain"),
])
def test_content_of_another_type_is_refused(content: bytes, media_type: str) -> None:
    rejection = content_rejection(content=content, media_type=media_type)
    assert rejection is not None and rejection.code == "content_mismatch"
    assert media_type.lower() in rejection.reason


def test_a_type_without_a_known_signature_is_refused_rather_than_taken_on_trust() -> None:
    assert content_rejection(content=PDF, media_type="application/x-made-up") is not None

