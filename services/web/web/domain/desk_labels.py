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
CATEGORIES = {"product_quality": N_("Product quality"), "service_quality": N_("Service quality"),
              "delivery": N_("Delivery"), "billing": N_("Billing"), "staff_conduct": N_("Staff conduct"),
              "privacy": N_("Privacy"), "safety": N_("Safety"), "other": N_("Other")}
REMEDIES = {"refund": N_("Refund"), "replacement": N_("Replacement"), "repair": N_("Repair"),
            "free_service": N_("Free service"), "apology": N_("Apology"), "discount": N_("Discount"),
            "goodwill": N_("Goodwill payment"), "explanation": N_("Explanation")}
OUTCOMES = {"upheld": N_("Upheld"), "partially_upheld": N_("Partially upheld"), "not_upheld": N_("Not upheld")}
CLOCKS = {"service": N_("Service"), "regulatory": N_("Regulatory")}
CHANNELS = {"phone": N_("Phone"), "branch": N_("In person"), "letter": N_("Letter")}
ENTRY_KINDS = {"customer_message": N_("Customer message"), "decision": N_("Customer decision"),
               "feedback": N_("Feedback"), "withdrawal": N_("Withdrawal"),
               "escalation_request": N_("Escalation request"), "reopening_request": N_("Reopening request"),
               "information_request": N_("Information request"), "public_note": N_("Note to the customer"),
               "internal_note": N_("Internal note"), "proposal": N_("Proposal"),
               "final_response": N_("Final response"), "plan_step_completed": N_("Plan step done")}
CAPA_STATUSES = {"open": N_("Open"), "in_progress": N_("In progress"), "implemented": N_("Implemented"),
                 "verified_effective": N_("Verified effective"),
                 "verified_not_effective": N_("Verified not effective")}
LANGUAGES = {"en": "English", "ru": "Русский", "be": "Беларуская"}


def label(words: dict[str, str], code: object) -> str:
    """The word for a code (untranslated; the page translates it), or the code itself."""
    return words.get(str(code), str(code)) if code is not None else ""
