"""Intake's business metrics, in the service registry; labels are bounded (channels, problem codes, outcomes)."""

from prometheus_client import CollectorRegistry, Counter, Histogram


class IntakeMetrics:
    def __init__(self, registry: CollectorRegistry) -> None:
        self.received = Counter("complaints_intake_received_total", "Complaints recorded, by channel and path",
                                ["channel", "path"], registry=registry)
        self.rejected = Counter("complaints_intake_rejected_total",
                                "Filings and submissions refused, by problem code (one per offending field)",
                                ["reason", "path"], registry=registry)
        self.filing_duration = Histogram("complaints_intake_filing_duration_seconds",
                                         "Time to record an HTTP filing, validation to stored receipt",
                                         buckets=(0.025, 0.05, 0.1, 0.2, 0.4, 0.8, 1.6, 3.2), registry=registry)
        self.actions = Counter("complaints_intake_customer_actions_total",
                               "Customer actions, by action and outcome", ["action", "outcome"], registry=registry)
        self.rate_limited = Counter("complaints_intake_rate_limited_total", "Requests refused with 429, by budget",
                                    ["budget"], registry=registry)
        self.access_codes = Counter(
            "complaints_intake_access_codes_total",
            "Access codes made (issued), requests for one that matched nothing on file (not_matched) or a complaint "
            "whose personal data was erased (erased), by reason (requested by the customer, or submitted: first code "
            "of a submitted complaint)",
            ["reason", "outcome"], registry=registry)
        self.downloads = Counter("complaints_intake_attachment_downloads_total",
                                 "Attachment downloads, by who asked (customer, staff) and outcome",
                                 ["by", "outcome"], registry=registry)
        self.unmatched_events = Counter(
            "complaints_intake_unmatched_events_total",
            "Progress events about a complaint intake does not hold (parked, not applied)", registry=registry)
        self.keys_served = Counter("complaints_intake_data_keys_served_total",
                                   "Data subjects' keys handed to a reader service or a sealing partner "
                                   "system, by its name (never by key)",
                                   ["reader"], registry=registry)
        self.plaintext_submissions = Counter(
            "complaints_intake_plaintext_submissions_total",
            "Submissions recorded that a partner published with its personal data in plaintext, not sealed with the "
            "customer's key (they stay readable on the submissions topic for its retention)", registry=registry)
        self.key_lookups_refused = Counter("complaints_intake_data_key_lookups_refused_total",
                                           "Key look-ups refused for missing or wrong reader credentials",
                                           registry=registry)
        self.erasures = Counter("complaints_intake_erasures_total",
                                "Erasures of personal data done, by reason (request, retention)", ["reason"],
                                registry=registry)
        self.complaints_erased = Counter("complaints_intake_complaints_erased_total",
                                         "Complaints whose personal data an erasure covered, by reason",
                                         ["reason"], registry=registry)
        self.records_deleted = Counter("complaints_intake_records_deleted_total",
                                       "Complaint records deleted at the end of their retention (announced first)",
                                       registry=registry)
        self.export_sources = Counter("complaints_intake_export_sources_total",
                                      "Services asked for their part of an access export, by service and outcome",
                                      ["source", "outcome"], registry=registry)
