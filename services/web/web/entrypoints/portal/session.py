"""The customer "signed in" to one complaint for the browser session: its tracking number and access code in the
signed session cookie, so that they can act without typing the code again (and never in a URL)."""

from fastapi import Request

SESSION_KEY = "portal"


def remember(request: Request, tracking_number: str, access_code: str) -> None:
    request.session[SESSION_KEY] = {"tracking_number": tracking_number, "access_code": access_code}


def code_for(request: Request, tracking_number: str) -> str | None:
    """The access code kept for this complaint, if the customer opened it in this browser session."""
    kept = request.session.get(SESSION_KEY)
    if isinstance(kept, dict) and kept.get("tracking_number") == tracking_number:
        code = kept.get("access_code")
        return code if isinstance(code, str) else None
    return None


def forget(request: Request) -> None:
    request.session.pop(SESSION_KEY, None)


def tracking_number_of(typed: str) -> str:
    """A tracking number as customers type it: spaces around and lower case forgiven."""
    return typed.strip().upper()
