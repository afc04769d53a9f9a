"""Finding cases over the fake stores: by each key and by words, filters and deadline, page after page; and the
audited export, with the customer's details only where the employee may see them."""

from datetime import timedelta

import pytest
from complaint_contracts.intake import CustomerMessageReceived
from complaint_contracts.types import Category, Priority
from resolution.domain.access import Principal, Role
from resolution.domain.errors import AccessDenied
from resolution.domain.queue import QueueFilter
from resolution.domain.search import CaseSearch, SearchKeys, decode_cursor
from resolution.domain.states import CaseState

from tests.unit.resolution.builders import MONDAY_9AM, make_received, open_case_in, service_deadline

AGENT = Principal(subject="emp-0042", roles=frozenset({Role.AGENT}), teams=frozenset({"support-en-1"}))
SUPERVISOR = Principal(subject="emp-0007", roles=frozenset({Role.SUPERVISOR}),
                       departments=frozenset({"customer_support"}))
QUALITY = Principal(subject="emp-0100", roles=frozenset({Role.QUALITY}))


@pytest.fixture
async def filed(service, store):
    """Three complaints of different customers, one with a reply mentioning a voucher, one in another team."""
    cases = {"c-refund-one-0001": dict(), "c-kettle-two-0002": dict(priority=Priority.HIGH),
             "c-other-team-0003": dict(team="support-en-9", department="other")}
    for n, (cid, routed) in enumerate(cases.items()):
        store.put(open_case_in(complaint_id=cid, deadlines=[
            service_deadline(MONDAY_9AM + timedelta(hours=2 + 24 * n))], **routed))
    await service.record_received(received=[
        make_received(complaint_id="c-refund-one-0001", tracking_number="CMP-AAAA-1111-A", email="one@example.org"),
        make_received(complaint_id="c-kettle-two-0002", tracking_number="CMP-BBBB-2222-B", email="two@example.org",
                      phone="+441234567890", description="The kettle broke after a week", product="kettle-2000"),
        make_received(complaint_id="c-other-team-0003", tracking_number="CMP-CCCC-3333-C",
                      email="three@example.org")])
    await service.hear_customer(events=[CustomerMessageReceived(
        complaint_id="c-kettle-two-0002", time=MONDAY_9AM, message_id="m-1", text="They offered a VOUCHER instead")])


def found(page):
    return [line.complaint_id for line in page.items]


@pytest.mark.parametrize(("keys", "expected"), [
    (SearchKeys.of(tracking_number="cmp-bbbb-2222-b"), ["c-kettle-two-0002"]),
    (SearchKeys.of(email="One@Example.org"), ["c-refund-one-0001"]),
    (SearchKeys.of(phone="+441234567890"), ["c-kettle-two-0002"]),
    (SearchKeys.of(text="kett"), ["c-kettle-two-0002"]),
    (SearchKeys.of(text="voucher kettle"), ["c-kettle-two-0002"]),
    (SearchKeys.of(text="refund parcel"), ["c-refund-one-0001"]),  # the other team's is not the agent's to see
    (SearchKeys.of(text="nothing-like-it"), []),
])
async def test_each_key_and_the_words_of_text_and_messages_find_the_case(service, filed, keys, expected):
    page = await service.search(principal=AGENT, search=CaseSearch(keys=keys))

    assert found(page) == expected
    assert all(line.tracking_number and line.title == "Refund not received" for line in page.items)


async def test_filters_and_the_deadline_narrow_and_pages_follow_in_deadline_order(service, filed, clock):
    by_priority = await service.search(principal=SUPERVISOR, search=CaseSearch(
        filter=QueueFilter(priorities=[Priority.HIGH], categories=[Category.BILLING])))
    due_soon = await service.search(principal=SUPERVISOR, search=CaseSearch(
        filter=QueueFilter(due_within=timedelta(hours=3))))
    first = await service.search(principal=SUPERVISOR, search=CaseSearch(limit=1))
    second = await service.search(principal=SUPERVISOR, search=CaseSearch(
        limit=1, after=decode_cursor(first.next_cursor)))

    assert found(by_priority) == ["c-kettle-two-0002"]
    assert found(due_soon) == ["c-refund-one-0001"]
    assert (found(first), found(second)) == (["c-refund-one-0001"], ["c-kettle-two-0002"])


async def test_looking_a_customer_up_by_contact_details_needs_the_right_to_see_them(service, filed):
    with pytest.raises(AccessDenied, match="contact details"):
        await service.search(principal=QUALITY, search=CaseSearch(keys=SearchKeys.of(email="one@example.org")))
    assert found(await service.search(principal=QUALITY, search=CaseSearch(keys=SearchKeys.of(text="kettle")))) == [
        "c-kettle-two-0002"]


async def test_the_export_is_for_supervisors_and_above_audited_without_the_values_asked_for(service, filed,
                                                                                             exports):
    with pytest.raises(AccessDenied, match="may not export"):
        await service.export(principal=AGENT, search=CaseSearch())

    by_supervisor = await service.export(principal=SUPERVISOR, search=CaseSearch(keys=SearchKeys.of(
        email="two@example.org")))
    by_quality = await service.export(principal=QUALITY, search=CaseSearch(filter=QueueFilter(
        states=[CaseState.OPENED])))

    assert by_supervisor.rows == 1 and "two@example.org" in by_supervisor.csv and "customer_email" in by_supervisor.csv
    assert by_quality.rows == 3 and "@example.org" not in by_quality.csv and "customer_email" not in by_quality.csv
    supervisor_audit, quality_audit = exports.records
    assert (supervisor_audit.by, supervisor_audit.keys_used, supervisor_audit.personal_rows) == (
        "emp-0007", ["email"], 1)
    assert "two@example.org" not in supervisor_audit.model_dump_json()
    assert (quality_audit.rows, quality_audit.filters, quality_audit.personal_rows) == (
        3, {"states": ["opened"]}, 0)


async def test_the_work_queue_lines_carry_the_tracking_number_and_title(service, filed):
    items, total = await service.work_queue(principal=AGENT, queue_filter=QueueFilter())

    assert total == 2 and [line.tracking_number for line in items] == ["CMP-AAAA-1111-A", "CMP-BBBB-2222-B"]
