"""The screens of a resident's visit, as states of the session (kiosk/session.py).

Apart from the session so the parts of it that live in their own modules (kiosk/assisted_visit.py)
can name the states without importing the session itself.
"""

from __future__ import annotations

from enum import Enum


class State(str, Enum):
    HOME = "home"
    GUIDE = "guide"
    IDENTITY = "identity"
    FORM = "form"
    DOCUMENTS = "documents"
    REVIEW = "review"
    CONSENT = "consent"  # guided and proxy visits: the resident confirms (card again, or a signature)
    SUBMITTED = "submitted"  # committing: the receipt follows at once
    RECEIPT = "receipt"
    RATING = "rating"  # after the receipt: the 好差评 rating (skippable)
    STATUS = "status"  # look up earlier applications by card or receipt number
