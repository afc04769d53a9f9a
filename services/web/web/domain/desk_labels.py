"""Words for the codes the staff APIs answer with (states, priorities, actions…), marked for translation.

The pages translate them with `_()` when they show them; a code without a word is shown as it is.
"""


def N_(message: str) -> str:
    """Marks a message for extraction; the page translates it when it is shown."""
    return message


STATES = {"opened": N_("Opened"), "investigating": N_("Investigating"), "awaiting_customer": N_("Awaiting customer"),
          "resolution_proposed": N_("Resolution proposed"), "accepted": N_("Accepted"), "rejected": N_("Rejected"),
          "implementing": N_("Implementing"), "resolved": N_("Resolved"), "closed": N_("Closed")}
PRIORITIES = {"low": N_("Low"), "medium": N_("Medium"), "high": N_("High"), "critical": N_("Critical")}
KINDS = {"complaint": N_("Complaint"), "enquiry": N_("Enquiry")}
CATEGORIES = {"product_quality": N_("Product quality"), "service_quality": N_("Service quality"),
              "delivery": N_("Delivery"), "billing": N_("Billing"), "staff_conduct": N_("Staff conduct"),
              "privacy": N_("Privacy"), "safety": N_("Safety"), "other": N_("Other")}
REMEDIES = {"refund": N_("Refund"), "replacement": N_("Replacement"), "repair": N_("Repair"),
            "free_service": N_("Free service"), "apology": N_("Apology"), "discount": N_("Discount"),
            "goodwill": N_("Goodwill payment"), "explanation": N_("Explanation")}
OUTCOMES = {"upheld": N_("Upheld"), "partially_upheld": N_("Partially upheld"), "not_upheld": N_("Not upheld")}
CLOCKS = {"service": N_("Service"), "regulatory": N_("Regulatory")}
CHANNEL_NAMES = {"web": N_("Web form"), "email": N_("E-mail"), "phone": N_("Phone"), "letter": N_("Letter"),
                 "chat": N_("Chat"), "social": N_("Social media"), "branch": N_("In person"),
                 "partner": N_("Partner")}
CHANNELS = {code: CHANNEL_NAMES[code] for code in ("phone", "branch", "letter")}
"""The channels a member of staff logs a complaint from."""
DEADLINES = {"acknowledge": N_("Acknowledge receipt"), "acknowledgement": N_("Written acknowledgement"),
             "first_response": N_("First response"), "resolve": N_("Resolve"),
             "final_response": N_("Final response"),
             "final_response_exceptional": N_("Final response (exceptional cases)"),
             "summary_resolution_window": N_("Summary resolution (within 3 business days)"),
             "holding_response": N_("Holding response"), "company_response": N_("Company response"),
             "mdr_report": N_("Report to the regulator"), "mdr_five_day_report": N_("Urgent report to the regulator")}
"""Deadline names of routing's service levels and regulatory clocks; a new one is shown by `label`'s fallback."""
RELATIONS = {"duplicate_of": N_("the original of this case"), "has_duplicate": N_("a duplicate of this case")}
"""How a linked complaint relates to the case shown."""
CLOSE_REASONS = {"resolved": N_("Resolved"), "no_response": N_("The customer never answered"),
                 "duplicate": N_("Merged as a duplicate"), "withdrawn": N_("Withdrawn by the customer")}
ENTRY_KINDS = {"customer_message": N_("Customer message"), "decision": N_("Customer decision"),
               "feedback": N_("Feedback"), "withdrawal": N_("Withdrawal"),
               "escalation_request": N_("Escalation request"), "reopening_request": N_("Reopening request"),
               "information_request": N_("Information request"), "public_note": N_("Note to the customer"),
               "internal_note": N_("Internal note"), "proposal": N_("Proposal"),
               "final_response": N_("Final response"), "plan_step_completed": N_("Plan step done")}
REPORT_TYPES = {"mdr_30_day": N_("30-day medical device report"), "mdr_5_day": N_("5-day medical device report"),
                "supplemental": N_("Supplemental report")}
"""Kinds of report to the regulator (FDA 21 CFR 803.50, 803.53 and 803.56)."""
CAPA_STATUSES = {"open": N_("Open"), "in_progress": N_("In progress"), "implemented": N_("Implemented"),
                 "verified_effective": N_("Verified effective"),
                 "verified_not_effective": N_("Verified not effective")}
LANGUAGES = {"en": "English", "ru": "Русский", "be": "Беларуская"}


def label(words: dict[str, str], code: object) -> str:
    """The word for a code (untranslated; the page translates it), or the code made readable
    (`summary_resolution_window` → "Summary resolution window")."""
    if code is None:
        return ""
    return words.get(str(code)) or readable(str(code))


def readable(code: str) -> str:
    """A code nobody has put into words yet, still readable: words separated, the first capitalised."""
    return code.replace("_", " ").replace("-", " ").strip().capitalize()
