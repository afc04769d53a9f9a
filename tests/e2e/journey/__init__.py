"""The steps of a complaint's journey through the running suite, shared by the end-to-end tests.

A customer files and follows a complaint through intake (tracking number + access code), staff work the case
through resolution's API with signed tokens, and the tests watch the topics, the mailbox and analytics. Every
wait polls with a deadline and fails with what it last saw.
"""

from .analytics import fact_row, fact_row_when
from .customer import Customer, file_complaint, filing, milestones, unique_email
from .kafka import (
    events,
    produce,
    received_for,
    received_submission,
    records,
    routed,
    submission,
    submit,
    submit_sealed,
    wait_event,
)
from .mail import Mail, deadline_day, mails
from .staff import FCA_FINAL_RESPONSE, Staff
from .waiting import WAIT, wait_for, wait_until

__all__ = ["FCA_FINAL_RESPONSE", "WAIT", "Customer", "Mail", "Staff", "deadline_day", "events", "fact_row",
           "fact_row_when", "file_complaint", "filing", "mails", "milestones", "produce", "received_for",
           "received_submission", "records", "routed", "submission", "submit", "submit_sealed", "unique_email",
           "wait_event", "wait_for", "wait_until"]
