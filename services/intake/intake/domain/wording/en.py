"""English texts."""

from complaint_contracts import Outcome

from ..actions import CustomerAction
from ..progress import Stage, Status
from ..timeline import Milestone
from .model import Wording

WORDING = Wording(
    statuses={
        Status.NOT_FOUND: "We cannot find this complaint yet.",
        Status.RECEIVED: "We have received your complaint.",
        Status.ACKNOWLEDGED: "We have received your complaint and confirmed it to you.",
        Status.IN_PROGRESS: "Your complaint is being looked into.",
        Status.WAITING_FOR_CUSTOMER: "We are waiting for information from you.",
        Status.DECISION_NEEDED: "We have proposed a resolution and are waiting for your decision.",
        Status.RESOLUTION_ACCEPTED: "You accepted our proposal; we are carrying it out.",
        Status.RESOLVED: "We have sent you our final response.",
        Status.CLOSED: "Your complaint is closed.",
        Status.WITHDRAWN: "You withdrew your complaint.",
    },
    next_steps={
        Status.NOT_FOUND: "Please check the tracking number and try again in a few minutes.",
        Status.RECEIVED: "We will confirm receipt and tell you the deadlines that apply.",
        Status.ACKNOWLEDGED: "We are assessing how urgent your complaint is and who should handle it.",
        Status.IN_PROGRESS: "The team handling your complaint is investigating. We will contact you if we need "
                            "anything, and you can write to us at any time.",
        Status.WAITING_FOR_CUSTOMER: "Please answer our question below. Until you do, we may not be able to go on.",
        Status.DECISION_NEEDED: "Please accept or reject the proposed resolution below. If you reject it, "
                                "tell us why; you can also ask for your complaint to be escalated.",
        Status.RESOLUTION_ACCEPTED: "We will let you know once the resolution has been carried out.",
        Status.RESOLVED: "If you are not satisfied with our final response you can ask for escalation, or "
                         "refer your complaint to the ombudsman. Please tell us how we handled your complaint.",
        Status.CLOSED: "Nothing more is needed from you. Please tell us how we handled your complaint.",
        Status.WITHDRAWN: "Nothing more will happen. You can file a new complaint at any time.",
    },
    stages={
        Stage.RECEIPT: ("Receipt", "We record your complaint with a unique tracking number."),
        Stage.ACKNOWLEDGEMENT: ("Acknowledgement", "We confirm receipt straight away and tell you the deadlines."),
        Stage.ASSESSMENT: ("Initial assessment", "We assess how serious and urgent it is and who should handle it."),
        Stage.INVESTIGATION: ("Investigation", "The responsible team looks into what happened; "
                                               "we may ask you for more information."),
        Stage.RESPONSE: ("Response", "We propose a resolution, you decide, and we give our final response."),
        Stage.CLOSING: ("Closing", "We close the complaint. If you are not satisfied you can ask for "
                                   "escalation or go to an independent body such as the ombudsman."),
    },
    milestones={
        Milestone.RECEIVED: "Complaint received",
        Milestone.ACKNOWLEDGED: "Receipt confirmed to you",
        Milestone.ASSIGNED: "Assigned to a team",
        Milestone.REASSIGNED: "Passed to another team",
        Milestone.CASE_OPENED: "Case opened: your complaint is being assessed",
        Milestone.INVESTIGATION_STARTED: "Investigation started",
        Milestone.INFORMATION_REQUESTED: "We asked you for information",
        Milestone.CUSTOMER_REPLIED: "You sent us a message",
        Milestone.RESOLUTION_PROPOSED: "Resolution proposed",
        Milestone.RESOLUTION_ACCEPTED: "You accepted the proposal",
        Milestone.RESOLUTION_REJECTED: "You rejected the proposal",
        Milestone.RESOLUTION_CARRIED_OUT: "Resolution carried out",
        Milestone.REDRESS_PAID: "Payment made to you",
        Milestone.RESOLVED: "Final response sent",
        Milestone.CLOSED: "Complaint closed",
        Milestone.REOPENED: "Complaint reopened",
        Milestone.ESCALATION_REQUESTED: "You asked for escalation",
        Milestone.ESCALATED: "Escalated to a senior team",
        Milestone.WITHDRAWN: "You withdrew the complaint",
        Milestone.FEEDBACK_GIVEN: "You gave us feedback — thank you",
        Milestone.NOTE_ADDED: "Update from us",
        Milestone.NOTIFICATION_SENT: "We sent you a message",
        Milestone.REOPENING_REQUESTED: "You asked us to reopen your complaint",
        Milestone.MERGED: "Joined with another complaint of yours",
        Milestone.PLAN_STEP_COMPLETED: "A step we promised is done",
        Milestone.INVESTIGATION_RESUMED: "We carried on; our service deadlines moved later by the time we waited",
        Milestone.DEADLINES_CHANGED: "Our deadlines for your complaint changed",
    },
    actions={
        CustomerAction.REPLY: "Write to us or answer our question",
        CustomerAction.DECIDE: "Accept or reject the proposed resolution",
        CustomerAction.GIVE_FEEDBACK: "Tell us how satisfied you are with how we handled it",
        CustomerAction.WITHDRAW: "Withdraw your complaint",
        CustomerAction.ASK_ESCALATION: "Ask for your complaint to be escalated",
        CustomerAction.ASK_REOPENING: "Ask us to reopen the complaint",
    },
    outcomes={
        Outcome.UPHELD: "We agree with your complaint.",
        Outcome.PARTIALLY_UPHELD: "We agree with part of your complaint.",
        Outcome.NOT_UPHELD: "We do not agree with your complaint.",
    },
    deadlines={
        "acknowledge": "Confirming receipt",
        "resolve": "Resolution",
        "summary_resolution_window": "Quick resolution (within 3 business days)",
        "final_response_exceptional": "Final response (exceptional cases)",
        "company_response": "Our response",
        "mdr_five_day_report": "Urgent report to the regulator",
        "mdr_report": "Report to the regulator",
        "acknowledgement": "Confirming receipt",
        "first_response": "First response",
        "final_response": "Final response",
        "holding_response": "Update if we need more time",
        "your_reply": "Your answer, please, by",
        "your_decision": "Your decision, please, by",
    },
    departments={
        "customer_support": "Customer support",
        "quality": "Quality management",
        "legal": "Legal department",
        "marketing": "Customer feedback team",
    },
    erasure={
        "request": "At your request we erased your personal data in this complaint: your contact details, your "
                   "description and messages, and the files you sent. We keep the record of how we handle the "
                   "complaint.",
        "retention": "The time we keep personal data for has passed, so we erased yours in this complaint: your "
                     "contact details, your description and messages, and the files you sent. We keep the record of "
                     "how we handled the complaint.",
    },
    after_erasure="We can no longer take messages, files or requests about this complaint, nor write to you about "
                  "it. To raise the matter again, please file a new complaint.",
)
