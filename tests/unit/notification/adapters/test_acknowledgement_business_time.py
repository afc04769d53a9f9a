"""The acknowledgement as the customer reads it: every moment in the zone their deadlines count in, and how they count.

Expected times are worked out by hand from the calendars (docs/business-time.md), not by the code under test.
"""

from datetime import UTC, datetime

import pytest
from complaint_contracts import Clock, ComplaintKind, Deadline, DeadlineTerms, DeadlineUnit, Language, Priority, Regime
from notification.adapters.rendering import TemplateRenderer
from notification.domain.addressing import address_message
from notification.domain.catalogue import Template
from notification.domain.delivery import RenderedMessage
from notification.domain.facts import record_facts
from notification.domain.links import SiteLinks
from notification.domain.planning import plan_messages
from notification.domain.recipients import StaffDirectory
from notification.domain.selection import DeliveryChannel

from tests.unit.notification.builders import CALENDARS, make_facts, make_routed

RENDERER = TemplateRenderer()
LINKS = SiteLinks.under("https://complaints.example.org/", organisation="Northwind Retail")


def _deadline(name: str, due_at: datetime, amount: float, unit: DeadlineUnit, *, calendar: str, zone: str,
              source: str | None = None, priority: Priority | None = None) -> Deadline:
    clock = Clock.REGULATORY if source else Clock.SERVICE
    return Deadline(name=name, clock=clock, due_at=due_at, basis="English audit words",
                    terms=DeadlineTerms(amount=amount, unit=unit, calendar=calendar, time_zone=zone, source=source,
                                        priority=priority))


def _gb_eng(unit: DeadlineUnit = DeadlineUnit.BUSINESS_DAYS) -> list[Deadline]:
    # Fri 27 Nov 2026 18:00 GMT, after closing: Monday 30 Nov is business day 1 in England.
    where = {"calendar": "GB-ENG", "zone": "Europe/London"}
    return [_deadline("summary_resolution_window", datetime(2026, 12, 2, 17, 30, tzinfo=UTC), 3, unit,
                      source="FCA DISP 1.5", **where),
            _deadline("acknowledgement", datetime(2026, 12, 4, 17, 30, tzinfo=UTC), 5, unit,
                      source="FCA DISP 1.6.1", **where),
            _deadline("final_response", datetime(2027, 1, 22, 18, tzinfo=UTC), 8, DeadlineUnit.CALENDAR_WEEKS,
                      source="FCA DISP 1.6.2", **where)]


def _de_by() -> list[Deadline]:
    # Thu 14 May 2026 10:00 CEST is Ascension Day; Whit Monday (25 May) and Corpus Christi (4 June, kept in Bavaria)
    # are skipped too: business day 15 is Mon 8 June, 35 is Mon 6 July, closing at 17:00 CEST (15:00 UTC).
    where = {"calendar": "DE-BY", "zone": "Europe/Berlin", "source": "PSD2 Art. 101(2)"}
    return [_deadline("final_response", datetime(2026, 6, 8, 15, tzinfo=UTC), 15, DeadlineUnit.BUSINESS_DAYS,
                      **where),
            _deadline("final_response_exceptional", datetime(2026, 7, 6, 15, tzinfo=UTC), 35,
                      DeadlineUnit.BUSINESS_DAYS, **where)]


def _us_ca() -> list[Deadline]:
    # Fri 27 Mar 2026 18:00 PDT (01:00 UTC on the 28th): 15 and 60 days later at 18:00 Pacific time.
    where = {"calendar": "US-CA", "zone": "America/Los_Angeles", "source": "CFPB company portal"}
    return [_deadline("company_response", datetime(2026, 4, 12, 1, tzinfo=UTC), 15, DeadlineUnit.CALENDAR_DAYS,
                      **where),
            _deadline("final_response", datetime(2026, 5, 27, 1, tzinfo=UTC), 60, DeadlineUnit.CALENDAR_DAYS,
                      **where)]


CASES = {
    "GB-ENG": (datetime(2026, 11, 27, 18, tzinfo=UTC), Regime.UK_FCA_DISP, _gb_eng()),
    "DE-BY": (datetime(2026, 5, 14, 8, tzinfo=UTC), Regime.EU_PSD2, _de_by()),
    "US-CA": (datetime(2026, 3, 28, 1, tzinfo=UTC), Regime.US_CFPB, _us_ca()),
}


def acknowledgement(jurisdiction: str, language: Language = Language.EN, *,
                    deadlines: list[Deadline] | None = None, received_at: datetime | None = None,
                    regime: Regime | None = None) -> RenderedMessage:
    """The acknowledgement planned, addressed and rendered as the service does it."""
    case_received, case_regime, case_deadlines = CASES.get(jurisdiction, (None, None, []))
    facts = make_facts(language=language, jurisdiction=jurisdiction, received_at=received_at or case_received)
    routed = make_routed(regime=regime or case_regime).model_copy(
        update={"deadlines": case_deadlines if deadlines is None else deadlines})
    [message] = [m for m in plan_messages(event=routed, facts=facts, links=LINKS, calendars=CALENDARS)
                 if m.template is Template.ACKNOWLEDGEMENT]
    [delivery] = address_message(message=message, facts=record_facts(facts=facts, event=routed),
                                 directory=StaffDirectory(), available_channels=frozenset(DeliveryChannel),
                                 template_languages=frozenset(Language), calendars=CALENDARS)
    return RENDERER.render_delivery(delivery)


LOCAL_TIMES = {
    "GB-ENG": ["received on 27 November 2026, 18:00 (Europe/London)",
               "- Summary resolution: by 2 December 2026, 17:30 (Europe/London) — 3 business days from receipt\n"
               "- Written acknowledgement: by 4 December 2026, 17:30 (Europe/London) — 5 business days from receipt\n"
               "- Final response: by 22 January 2027, 18:00 (Europe/London) — 8 weeks from receipt\n"],
    "DE-BY": ["received on 14 May 2026, 10:00 (Europe/Berlin)",
              "- Final response: by 8 June 2026, 17:00 (Europe/Berlin) — 15 business days from receipt\n"
              "- Final response in exceptional cases: by 6 July 2026, 17:00 (Europe/Berlin) — 35 business days from "
              "receipt\n"],
    "US-CA": ["received on March 27, 2026, 6:00\u202fPM (America/Los_Angeles)",
              "- Company response: by April 11, 2026, 6:00\u202fPM (America/Los_Angeles) — 15 calendar days from "
              "receipt\n- Final response: by May 26, 2026, 6:00\u202fPM (America/Los_Angeles) — 60 calendar days from "
              "receipt\n"],
}


@pytest.mark.parametrize("jurisdiction", list(LOCAL_TIMES))
def test_receipt_and_deadlines_are_written_in_the_local_time_of_the_customers_jurisdiction(jurisdiction):
    rendered = acknowledgement(jurisdiction)

    for expected in LOCAL_TIMES[jurisdiction]:
        assert expected in rendered.text
        for line in expected.strip().split("\n"):
            assert line.removeprefix("- ") in rendered.html
    assert "(UTC)" not in rendered.text + rendered.html


def test_deadlines_published_without_their_zone_are_written_in_the_jurisdictions_zone():
    untermed = [d.model_copy(update={"terms": None}) for d in _us_ca()]

    rendered = acknowledgement("US-CA", deadlines=untermed)

    assert "- Company response: by April 11, 2026, 6:00\u202fPM (America/Los_Angeles)\n" in rendered.text
    assert "calendar days" not in rendered.text  # no terms: no span, and no rule the deadlines may not follow


CONVENTION = {
    Language.EN: [
        "How we count these deadlines:",
        "All dates and times are local time in London (Europe/London). Business days and hours: United Kingdom "
        "(GB-ENG), Mon–Fri 09:00–17:30, except public holidays.",
        "We count business days from the day after the day we received your complaint, whatever the hour: if it "
        "reached us after hours, at a weekend or on a public holiday, the next business day is day 1. A deadline in "
        "business days ends at close of business on its last day.",
        "A deadline in weeks ends at the same local time as we received your complaint, even on a weekend or public "
        "holiday.",
    ],
    Language.RU: [
        "Как мы считаем сроки:",
        "Все даты и время указаны по местному времени (Лондон, Europe/London). Рабочие дни и часы: Великобритания "
        "(GB-ENG), пн–пт 09:00–17:30, кроме праздничных дней.",
        "Рабочие дни считаются со дня, следующего за днём получения, в какое бы время мы ни получили ваше обращение: "
        "если это было в нерабочее время, в выходной или праздничный день, первым днём считается следующий рабочий "
        "день. Срок в рабочих днях истекает в конце последнего рабочего дня.",
        "Срок в неделях истекает в то же местное время, в какое мы получили ваше обращение, даже если это выходной "
        "или праздничный день.",
    ],
    Language.BE: [
        "Як мы лічым тэрміны:",
        "Усе даты і час пазначаны па мясцовым часе (Лондан, Europe/London). Працоўныя дні і гадзіны: Вялікабрытанія "
        "(GB-ENG), пн–пт 09:00–17:30, акрамя святочных дзён.",
        "Працоўныя дні лічацца з дня, наступнага за днём атрымання, у які б час мы ні атрымалі ваш зварот: калі гэта "
        "было ў непрацоўны час, у выхадны або святочны дзень, першым днём лічыцца наступны працоўны дзень. Тэрмін у "
        "працоўных днях заканчваецца ў канцы апошняга працоўнага дня.",
        "Тэрмін у тыднях заканчваецца ў той жа мясцовы час, у які мы атрымалі ваш зварот, нават калі гэта выхадны "
        "або святочны дзень.",
    ],
}


@pytest.mark.parametrize("language", list(Language))
def test_the_convention_is_explained_under_the_deadlines_in_both_parts(language):
    rendered = acknowledgement("GB-ENG", language)

    assert "\n".join(CONVENTION[language]) + "\n\n" in rendered.text
    assert rendered.text.index(CONVENTION[language][0]) > rendered.text.index("Europe/London) — 8 ")
    for paragraph in CONVENTION[language]:
        assert f"<p>{paragraph}</p>" in rendered.html


def test_only_the_counts_the_deadlines_use_are_explained():
    business_days_only = acknowledgement("DE-BY").text
    calendar_days_only = acknowledgement("US-CA").text

    assert "Business days and hours: Germany (DE-BY), Mon–Fri 09:00–17:00, except public holidays." in (
        business_days_only)
    assert "same local time" not in business_days_only
    assert ("All dates and times are local time in Los Angeles (America/Los_Angeles).\nA deadline in calendar days "
            "ends at the same local time as we received your complaint, even on a weekend or public holiday.\n\n"
            ) in calendar_days_only
    assert "business days" not in calendar_days_only and "Business days and hours" not in calendar_days_only


def test_business_hours_come_from_the_calendar_and_a_service_target_in_hours_is_explained():
    # Mon 2 Mar 2026 12:30 in Minsk: 30 minutes before lunch, then 14:00–17:30, is 4 working hours.
    where = {"calendar": "BY", "zone": "Europe/Minsk", "priority": Priority.HIGH}
    targets = [_deadline("acknowledge", datetime(2026, 3, 2, 14, 30, tzinfo=UTC), 4, DeadlineUnit.BUSINESS_HOURS,
                         **where),
               _deadline("resolve", datetime(2026, 3, 5, 15, tzinfo=UTC), 3, DeadlineUnit.BUSINESS_DAYS, **where)]

    rendered = acknowledgement("BY", Language.RU, deadlines=targets, regime=Regime.NONE,
                               received_at=datetime(2026, 3, 2, 9, 30, tzinfo=UTC))

    assert "- Подтверждение получения: до 2 марта 2026\u202fг., 17:30 (Europe/Minsk) — 4 рабочих часа" in rendered.text
    assert ("Рабочие дни и часы: Беларусь, пн–пт 09:00–13:00, 14:00–18:00, кроме праздничных дней, с учётом переноса "
            "рабочих дней.") in rendered.text
    assert ("Срок в рабочих часах идёт только в рабочее время: если мы получили ваше обращение в нерабочее время, в "
            "выходной или праздничный день, отсчёт начинается с ближайшего начала рабочего времени.") in rendered.text


def test_an_enquiry_is_called_an_enquiry_in_the_explanation():
    facts = make_facts(jurisdiction="GB-ENG", received_at=CASES["GB-ENG"][0])
    routed = make_routed(kind=ComplaintKind.ENQUIRY).model_copy(update={"deadlines": _gb_eng()})
    [message] = [m for m in plan_messages(event=routed, facts=facts, links=LINKS, calendars=CALENDARS)
                 if m.template is Template.ACKNOWLEDGEMENT]

    rendered = RENDERER.render(template=Template.ACKNOWLEDGEMENT, language=Language.EN, locale="en_GB",
                               time_zone="Europe/London", context=message.context)

    assert "the day after the day we received your enquiry, whatever the hour" in rendered.text
    assert "your complaint" not in rendered.text
