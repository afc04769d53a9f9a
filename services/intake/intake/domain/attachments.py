"""Evidence the customer sends: a file as the filing carries it, and the stored file each becomes.

Files of a filing get fresh random ids; inline files of a submission get ids derived from the complaint, so a
redelivered submission finds its files stored. Files a submission gives by URI stay where they are.
"""

import base64
import secrets
from collections.abc import Sequence
from dataclasses import dataclass

from complaint_contracts import AttachmentRef, ComplaintSubmission
from pydantic import (
    Base64Bytes,
    BaseModel,
    ConfigDict,
    Field,
    TypeAdapter,
    ValidationError,
    ValidationInfo,
    field_validator,
)
from pydantic_core import PydanticCustomError

from . import rules
from .fields import CustomerText, limits_of, refuse
from .file_content import content_rejection
from .limits import IntakeLimits
from .problems import InvalidComplaint, problem, problems_from_validation_error


class FilingAttachment(BaseModel):
    """A file the customer sends as evidence, inline as base64."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    name: CustomerText = Field(min_length=1, max_length=255, description="File name", examples=["receipt.pdf"])
    media_type: str = Field(max_length=127, pattern=r"^[\w.+-]+/[\w.+-]+$", description="IANA media type",
                            examples=["application/pdf"])
    content_base64: Base64Bytes = Field(description="The file, base64-encoded; its content must be of `media_type`")

    @field_validator("media_type")
    @classmethod
    def _accepted_type(cls, value: str, info: ValidationInfo) -> str:
        return refuse(rules.media_type_rejection(media_type=value, limits=limits_of(info)), value.lower())

    @field_validator("content_base64")
    @classmethod
    def _acceptable_content(cls, value: bytes, info: ValidationInfo) -> bytes:
        refuse(rules.size_rejection(size_bytes=len(value), limits=limits_of(info)), value)
        media_type = info.data.get("media_type")  # absent when the declared type itself was refused
        if media_type is not None:
            rejection = content_rejection(content=value, media_type=media_type)
            if rejection is not None:
                # The file name tells the customer which file to fix; it goes in its own member of the problem.
                raise PydanticCustomError(rejection.code, rejection.reason, {"file_name": info.data.get("name")})
        return value


class SentFile(BaseModel):
    """A file sent with a customer action, as the request carries it; checked like a filing's file by the use case
    (against the configured limits, naming the file in the problem)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    name: str = Field(min_length=1, max_length=255, description="File name", examples=["receipt.pdf"])
    media_type: str = Field(max_length=127, description="IANA media type", examples=["application/pdf"])
    content_base64: str = Field(description="The file, base64-encoded; its content must be of `media_type`")


_FILES = TypeAdapter(list[FilingAttachment])


def checked_files(files: Sequence[SentFile], *, limits: IntakeLimits, complaint_id: str,
                  field: str = "attachments") -> list["Attachment"]:
    """The files of a customer action, each under a fresh id; InvalidComplaint naming every offending file."""
    count = rules.attachment_count_rejection(count=len(files), limits=limits)
    if count is not None:
        raise InvalidComplaint([problem(field, count.code, count.reason)])
    try:
        accepted = _FILES.validate_python([f.model_dump() for f in files], context={"limits": limits})
    except ValidationError as error:
        raise InvalidComplaint([p.model_copy(update={"field": f"{field}.{p.field}"})
                                for p in problems_from_validation_error(error)]) from None
    return filed_attachments(accepted, complaint_id=complaint_id)


@dataclass(frozen=True)
class Attachment:
    """A file to store, under its id."""

    attachment_id: str
    complaint_id: str
    name: str
    media_type: str
    content: bytes

    def ref(self) -> AttachmentRef:
        """How the received event refers to the stored file."""
        return AttachmentRef(attachment_id=self.attachment_id, name=self.name, media_type=self.media_type,
                             size_bytes=len(self.content))


def filed_attachments(files: Sequence[FilingAttachment], *, complaint_id: str) -> list[Attachment]:
    """The files of a filing, each under a fresh random id."""
    return [Attachment(f"a-{secrets.token_hex(8)}", complaint_id, f.name, f.media_type, f.content_base64)
            for f in files]


def submitted_attachments(submission: ComplaintSubmission, *,
                          complaint_id: str) -> list[tuple[Attachment | None, AttachmentRef]]:
    """Each file of a submission: the file to store (None when given by URI) and its reference."""
    found: list[tuple[Attachment | None, AttachmentRef]] = []
    for index, submitted in enumerate(submission.attachments):
        attachment_id = f"a-{complaint_id[2:]}-{index}"
        ref = AttachmentRef(attachment_id=attachment_id, name=submitted.name, media_type=submitted.media_type.lower(),
                            size_bytes=submitted.size_bytes, uri=submitted.uri)
        if submitted.content_base64 is None:
            found.append((None, ref))
        else:
            content = base64.b64decode(submitted.content_base64)
            found.append((Attachment(attachment_id, complaint_id, submitted.name, ref.media_type, content), ref))
    return found
