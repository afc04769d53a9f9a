"""The walk that finds personal values by the contract's schema: every personal string reached wherever it is nested
(lists, optional objects, unions, maps, recursion), nothing else touched, personal fields dropped when stripping."""

from typing import Annotated, Any

from complaint_contracts.personal_data import (
    ERASED_TEXT,
    erase_sealed,
    has_personal_data,
    is_sealed,
    map_personal_data,
    personal_field_paths,
    strip_personal_data,
)
from complaint_contracts.types import personal
from pydantic import BaseModel


class Contact(BaseModel):
    name: str = personal("The person's name")
    email: str | None = personal("Their e-mail", default=None)
    role: str = "customer"


class Note(BaseModel):
    text: str = personal("What was written")
    author: Contact | None = None
    replies: list["Note"] = []


class Attachment(BaseModel):
    kind: str = "file"
    file_name: str = personal("The file's name as uploaded")


class Link(BaseModel):
    kind: str = "link"
    url: str


class Filed(BaseModel):
    complaint_id: str
    customer: Contact
    witnesses: list[Contact] = []
    extra: Contact | None = None
    evidence: Attachment | Link | None = None
    by_channel: dict[str, Contact] = {}
    notes: list[Note] = []
    words: dict[str, Any] = personal("A whole object marked personal: every string inside", default={})
    tags: list[str] = []


def _data() -> dict[str, Any]:
    reply = Note(text="reply", author=Contact(name="Ina", email=None), replies=[Note(text="deep")])
    return Filed(
        complaint_id="CMP-1", customer=Contact(name="Alesia", email="a@example.org"),
        witnesses=[Contact(name="Pavel")], evidence=Attachment(file_name="scan.pdf"),
        by_channel={"phone": Contact(name="Olga", email="o@example.org")}, notes=[Note(text="first", replies=[reply])],
        words={"said": "it broke", "times": 3, "more": ["twice", {"where": "Minsk"}]}, tags=["plain"],
    ).model_dump(mode="json")


def _marked(value: str, nullable: bool) -> str:
    return f"<{value}{'?' if nullable else ''}>"


def test_every_personal_string_is_mapped_and_nothing_else() -> None:
    data = _data()
    mapped = map_personal_data(model=Filed, data=data, fn=_marked)

    assert mapped["customer"] == {"name": "<Alesia>", "email": "<a@example.org?>", "role": "customer"}
    assert mapped["witnesses"] == [{"name": "<Pavel>", "email": None, "role": "customer"}]
    assert mapped["extra"] is None
    assert mapped["evidence"] == {"kind": "file", "file_name": "<scan.pdf>"}
    assert mapped["by_channel"] == {"phone": {"name": "<Olga>", "email": "<o@example.org?>", "role": "customer"}}
    [note] = mapped["notes"]
    assert note["text"] == "<first>"
    assert note["replies"][0]["text"] == "<reply>" and note["replies"][0]["author"]["name"] == "<Ina>"
    assert note["replies"][0]["replies"][0]["text"] == "<deep>"
    assert mapped["words"] == {"said": "<it broke>", "times": 3, "more": ["<twice>", {"where": "<Minsk>"}]}
    assert (mapped["complaint_id"], mapped["tags"]) == ("CMP-1", ["plain"])
    assert data == _data()  # the input is left as it was


def test_a_link_in_place_of_an_attachment_holds_nothing_personal() -> None:
    data = {**_data(), "evidence": Link(url="https://example.org/x").model_dump(mode="json")}
    assert map_personal_data(model=Filed, data=data, fn=_marked)["evidence"] == {"kind": "link",
                                                                                 "url": "https://example.org/x"}


def test_fields_the_schema_does_not_describe_are_kept_as_they_are() -> None:
    data = {**_data(), "added_later": {"name": "not described, not touched"}}
    assert map_personal_data(model=Filed, data=data, fn=_marked)["added_later"] == {
        "name": "not described, not touched"}


def test_stripping_drops_every_personal_field_at_any_depth() -> None:
    stripped = strip_personal_data(model=Filed, data=_data())

    assert stripped["customer"] == {"role": "customer"}
    assert stripped["by_channel"] == {"phone": {"role": "customer"}}
    assert stripped["evidence"] == {"kind": "file"}
    assert stripped["notes"][0]["replies"][0] == {"author": {"role": "customer"}, "replies": [{"author": None,
                                                                                                "replies": []}]}
    assert "words" not in stripped and stripped["tags"] == ["plain"]


class Directory(BaseModel):
    """Personal data only inside a map's values (a contract of this shape must not pass for one without any)."""

    label: str
    people: dict[str, Contact] = {}
    aliases: dict[str, str] = personal("Other names, by language", default={})


class Roster(BaseModel):
    names: dict[str, Annotated[str, personal("A name per shift")]] = {}


class Plain(BaseModel):
    label: str
    counts: dict[str, int] = {}


def test_personal_data_inside_a_maps_values_is_found_like_the_mapping_finds_it() -> None:
    assert personal_field_paths(Directory) == {"people{}.name", "people{}.email", "aliases"}
    assert personal_field_paths(Roster) == {"names{}"}
    assert has_personal_data(Directory) and has_personal_data(Roster) and has_personal_data(Filed)
    assert not has_personal_data(Plain) and not has_personal_data(Link)

    value = "pd1.key-0001.c2VhbGVkLWJ5LWEta2V5LXRoYXQtaXMtZ29uZQ"  # sealed, its key destroyed
    assert is_sealed(value)
    data = Directory(label="x", people={"day": Contact(name=value)}).model_dump(mode="json")
    assert erase_sealed(Directory, data)["people"]["day"] == {"name": ERASED_TEXT, "email": None, "role": "customer"}
