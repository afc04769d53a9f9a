"""FDA MDR deadlines in analytics: met by the report to the regulator (as of its filing), never by the final response
to the customer; a breach resolution raised stands."""

from datetime import timedelta

from analytics.domain.kpis import deadline_compliance, deadline_status
from analytics.domain.projections import build_facts, project
from complaint_contracts import Deadline

from tests.unit.analytics.builders import MONDAY, breached, closed, received, reported, resolved, routed

CID = "c-insulin-pump-0001"
MDR_DUE = MONDAY + timedelta(days=30)


def mdr_routed(cid: str = CID, **overrides):
    deadlines = (Deadline(name="mdr_report", clock="regulatory", due_at=MDR_DUE, basis="21 CFR 803.50"),
                 Deadline(name="final_response", clock="service", due_at=MONDAY + timedelta(days=10),
                          basis="service target"))
    return routed(cid, MONDAY, regime="us_fda_mdr", deadlines=deadlines, **overrides)


def fact_of(*events):
    [fact] = build_facts(events)
    return fact


def mdr_status(fact, as_of):
    [name] = [key for key, d in fact.deadlines.items() if d.name == "mdr_report"]
    return deadline_status(fact, name, as_of)


class TestProjection:
    def test_the_report_meets_the_deadline_routing_gave_as_of_its_filing(self):
        filed = MONDAY + timedelta(days=3)

        fact = fact_of(received(CID, MONDAY), mdr_routed(), reported(CID, filed + timedelta(hours=5), filed_at=filed))

        deadline = next(d for d in fact.deadlines.values() if d.name == "mdr_report")
        assert (deadline.due_at, deadline.met_at) == (MDR_DUE, filed)
        assert len(fact.deadlines) == 2  # the same deadline, not a second one

    def test_order_and_repetition_do_not_change_the_fact(self):
        events = [received(CID, MONDAY), mdr_routed(), reported(CID, MONDAY + timedelta(days=3))]

        assert project(events) == project([events[2], events[2], events[1], events[0]])

    def test_a_corrected_priority_adds_and_moves_deadlines_whatever_order_the_events_come_in(self):
        from complaint_contracts import CaseDeadlinesChanged

        five_day = Deadline(name="mdr_five_day_report", clock="regulatory", due_at=MONDAY + timedelta(days=7),
                            basis="21 CFR 803.53")
        sooner = Deadline(name="final_response", clock="service", due_at=MONDAY + timedelta(days=3), basis="critical")
        first = CaseDeadlinesChanged(complaint_id=CID, time=MONDAY + timedelta(hours=2), reason="to critical",
                                     deadlines=[mdr_routed().deadlines[0], five_day, sooner])
        later = sooner.model_copy(update={"due_at": MONDAY + timedelta(days=4)})
        second = CaseDeadlinesChanged(complaint_id=CID, time=MONDAY + timedelta(hours=3), reason="to high",
                                      deadlines=[mdr_routed().deadlines[0], later])
        events = [received(CID, MONDAY), mdr_routed(), first, second]

        fact = fact_of(*events)

        due = {d.name: d.due_at for d in fact.deadlines.values()}
        assert due == {"mdr_report": MDR_DUE, "mdr_five_day_report": five_day.due_at, "final_response": later.due_at}
        assert project(events) == project([second, first, events[1], events[0], second])

    def test_a_supplemental_report_meets_nothing(self):
        fact = fact_of(mdr_routed(), reported(CID, MONDAY + timedelta(days=3), deadlines_met=()))

        assert all(d.met_at is None for d in fact.deadlines.values())


class TestStatus:
    def test_the_final_response_does_not_meet_the_mdr_deadline(self):
        fact = fact_of(received(CID, MONDAY), mdr_routed(), resolved(CID, MONDAY + timedelta(days=2)),
                       closed(CID, MONDAY + timedelta(days=3)))

        assert mdr_status(fact, MONDAY + timedelta(days=5)) == "pending"

    def test_the_report_meets_it_once_filed(self):
        fact = fact_of(received(CID, MONDAY), mdr_routed(),
                       reported(CID, MONDAY + timedelta(days=4), filed_at=MONDAY + timedelta(days=3)))

        assert mdr_status(fact, MONDAY + timedelta(days=2)) == "pending"
        assert mdr_status(fact, MONDAY + timedelta(days=5)) == "met"

    def test_a_breach_stands_even_when_a_later_record_says_it_was_filed_in_time(self):
        fact = fact_of(mdr_routed(), breached(CID, MDR_DUE, deadline="mdr_report"),
                       reported(CID, MDR_DUE + timedelta(days=1), filed_at=MDR_DUE - timedelta(days=1)))

        assert mdr_status(fact, MDR_DUE + timedelta(days=2)) == "breached"

    def test_other_regulatory_deadlines_are_still_met_by_the_final_response(self):
        deadline = Deadline(name="final_response", clock="regulatory", due_at=MONDAY + timedelta(weeks=8),
                            basis="8 weeks (FCA DISP 1.6)")
        fact = fact_of(received(CID, MONDAY), routed(CID, MONDAY, deadlines=(deadline,)),
                       resolved(CID, MONDAY + timedelta(days=2)))

        assert deadline_status(fact, next(iter(fact.deadlines)), MONDAY + timedelta(days=5)) == "met"


def test_compliance_counts_the_mdr_deadlines_met_by_reports():
    answered_only, reported_too = "c-pump-answered-0001", "c-pump-reported-0002"
    facts = build_facts([
        received(answered_only, MONDAY), mdr_routed(answered_only), resolved(answered_only, MONDAY + timedelta(days=2)),
        received(reported_too, MONDAY), mdr_routed(reported_too), resolved(reported_too, MONDAY + timedelta(days=2)),
        reported(reported_too, MONDAY + timedelta(days=3)),
    ])

    rows = {r.clock: r for r in deadline_compliance(facts=facts, as_of=MONDAY + timedelta(days=5))}

    assert (rows["regulatory"].met, rows["regulatory"].breached, rows["regulatory"].pending) == (1, 0, 1)
    assert rows["service"].met == 2
