"""What the case page confirms after an action went through (the action's key travels in the redirect)."""

from .desk_labels import N_

CONFIRMATIONS = {
    "investigate": N_("The investigation has started."),
    "resume": N_("The investigation has resumed."),
    "request-information": N_("The customer has been asked for information."),
    "note": N_("The note has been added."),
    "propose": N_("The resolution has been proposed to the customer."),
    "implementation": N_("The implementation has been recorded."),
    "complete-step": N_("The plan step has been recorded as done."),
    "payment": N_("The payment has been recorded."),
    "resolve": N_("The case has been resolved and the final response sent."),
    "close": N_("The case has been closed."),
    "reopen": N_("The case has been reopened."),
    "reassign": N_("The case has been reassigned."),
    "escalate": N_("The case has been escalated."),
    "assessment": N_("The assessment has been corrected; a new priority's deadlines follow shortly."),
    "link-duplicate": N_("The duplicate has been linked."),
    "merge": N_("The case has been merged."),
    "regulatory-report": N_("The report to the regulator has been recorded."),
}

QUEUE_CONFIRMATIONS = {
    "moved": N_("The assessment has been corrected, and the case moves to a team of the new department: unless you "
                "work for that department, it leaves your queue."),
}
"""What the queue confirms after an action that took a case away from the person who did it."""
