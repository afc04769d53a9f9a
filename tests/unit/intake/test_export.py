"""Access exports: the customer's complaints found like an erasure finds them, intake's own records opened with one
key look-up, every other service's part asked with the caller's token and merged."""

from typing import Any

from complaint_contracts.personal_data import ERASED_TEXT
from intake.domain.erasure import SubjectQuery
from intake.usecases import ExportService

from .fake_privacy import FakeExportSources
from .test_erasure import SOMEONE_ELSE, THEIRS, Office
from .test_service import FILING

TOKEN = "Bearer officer"


class Exports(Office):
    def __init__(self) -> None:
        super().__init__()
        self.sources = FakeExportSources({"routing": {"complaints": {"c-x": {"category": "billing"}}},
                                          "notification": {"error": "notification answered 503"}})
        self.exports = ExportService(store=self.privacy, finder=self.finder, keys=self.keys, sources=self.sources,
                                     clock=self.clock)

    async def export(self, **query: Any):
        return await self.exports.export(query=SubjectQuery.model_validate(query), authorization=TOKEN)


async def test_the_export_holds_every_complaint_of_the_customer_readable_and_the_other_services_parts() -> None:
    office = Exports()
    first = (await office.file(THEIRS)).receipt
    second = (await office.file(THEIRS | {"customer": {"phone": "+375291234567", "email": "ALESIA@example.org"}}))
    await office.file(SOMEONE_ELSE)
    lookups = office.keys.lookups

    export = await office.export(phone="+375 29 123 45 67")

    ids = sorted([first.complaint_id, second.receipt.complaint_id])
    assert (export.subject.basis, export.subject.complaints) == ("phone", ids)
    assert export.subject.identifiers_followed == ["email", "phone"]
    assert office.sources.asked == [(ids, TOKEN)]
    intake = export.services["intake"]["complaints"]
    assert sorted(intake) == ids
    assert intake[first.complaint_id]["complaint"]["description"] == THEIRS["description"]
    assert export.services["routing"] == {"complaints": {"c-x": {"category": "billing"}}}
    assert export.services["notification"] == {"error": "notification answered 503"}
    assert office.keys.lookups == lookups + 1
    assert export.generated_at == office.clock.now


async def test_nobody_found_asks_no_service_and_an_erased_customer_reads_as_erased() -> None:
    office = Exports()
    nobody = await office.export(email="nobody@example.org")
    assert nobody.subject.complaints == [] and office.sources.asked == []
    assert nobody.subject.identifiers_followed == []
    assert nobody.services == {"intake": {"complaints": {}}, "notification": {"complaints": {}},
                               "routing": {"complaints": {}}}

    receipt = (await office.file(THEIRS)).receipt
    erasure = await office.erase(tracking_number=receipt.tracking_number)
    export = await office.export(tracking_number=receipt.tracking_number)
    record = export.services["intake"]["complaints"][receipt.complaint_id]
    assert record["complaint"]["description"] == ERASED_TEXT
    assert record["erasures"] == [erasure.erasure_id]


async def test_an_export_by_email_finds_what_an_export_by_phone_finds_and_erasure_erases() -> None:
    office = Exports()
    with_both = (await office.file(FILING | {"customer": {"email": "alesia@example.org", "phone": "+375297310055"}}))
    phone_only = (await office.file(FILING | {"customer": {"phone": "+375 29 731 00 55"},
                                              "description": "Званок на лінію 10 сакавіка"}))
    ids = sorted([with_both.receipt.complaint_id, phone_only.receipt.complaint_id])

    by_email, by_phone = await office.export(email="alesia@example.org"), await office.export(phone="+375297310055")

    assert by_email.subject.complaints == by_phone.subject.complaints == ids
    assert by_email.subject.identifiers_followed == by_phone.subject.identifiers_followed == ["email", "phone"]
    record = by_email.services["intake"]["complaints"][phone_only.receipt.complaint_id]
    assert record["complaint"]["description"] == "Званок на лінію 10 сакавіка"
    erasure = await office.erase(email="alesia@example.org")
    assert erasure.complaint_ids == ids
    after = await office.export(email="alesia@example.org")
    erased = after.services["intake"]["complaints"][phone_only.receipt.complaint_id]["complaint"]
    assert erased["description"] == ERASED_TEXT


async def test_an_export_that_does_not_follow_links_leaves_out_who_shares_a_phone_with_the_customer() -> None:
    office = Exports()
    theirs = (await office.file(THEIRS)).receipt
    partners = (await office.file(FILING | {"customer": {"phone": "+375291234567"}})).receipt
    linked = await office.export(email="alesia@example.org")
    alone = await office.export(email="alesia@example.org", follow_links=False)
    assert linked.subject.complaints == sorted([theirs.complaint_id, partners.complaint_id])
    assert (alone.subject.complaints, alone.subject.identifiers_followed) == ([theirs.complaint_id], ["email"])
    assert sorted(alone.services["intake"]["complaints"]) == [theirs.complaint_id]
