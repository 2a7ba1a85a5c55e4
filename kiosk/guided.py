"""Guided (帮办) and proxy (代办) visits: who is helping, and the resident's consent before submit.

A station helper starts a service for a resident sitting beside them (guided), or for an agent
applying on behalf of someone who cannot come (proxy, kiosk/proxy.py).  The helper may type; the
resident still proves who they are at the identity step, and before the application is submitted
confirms it themselves: by laying their card on the reader again (the same card number as the one
verified) or by signing with a finger on the screen (kiosk/signature.py).  The application then
records `assisted_by` (the helper's number) and the consent evidence (how, when, and the signature
as an encrypted attachment).  Plain values, no Qt.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field

from kiosk import id_number
from kiosk.errors import ValidationError
from kiosk.identity import CardData, Identity
from kiosk.signature import Signature

GUIDED, PROXY = "guided", "proxy"
CARD_AGAIN, SIGNATURE = "card_again", "signature"
SIGNATURE_ATTACHMENT = "consent_signature"  # the attachment (PNG) holding a signature given as consent


def helper_actor(helper_number: str) -> str:
    """How the audit log names a helper's action."""
    return f"helper:{helper_number}"


@dataclass(frozen=True)
class Assistance:
    """Who is helping in this visit, and how.  The helper's name is shown on every screen of the visit;
    only the number goes with the application."""

    mode: str  # GUIDED or PROXY
    helper_number: str
    helper_name: str = ""

    @property
    def is_proxy(self) -> bool:
        return self.mode == PROXY


@dataclass(frozen=True)
class Consent:
    """The resident's (or agent's) confirmation of the application, just before it was submitted."""

    method: str  # CARD_AGAIN or SIGNATURE
    at: str      # UTC, RFC 3339
    signature_png: bytes | None = field(default=None, repr=False)

    def wire(self) -> dict:
        """The protocol's `consent` object (openapi: Consent)."""
        return {"method": self.method, "at": self.at,
                "signature": SIGNATURE_ATTACHMENT if self.method == SIGNATURE else None}


def utc_now() -> str:
    return _dt.datetime.now(_dt.UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def can_confirm_by_card(identity: Identity | None) -> bool:
    """Whether laying a card again can confirm: there is a verified number to compare it with."""
    return identity is not None and bool(identity.id_number)


def confirm_by_card(identity: Identity | None, card: CardData, at: str | None = None) -> Consent:
    """Consent given by laying the card again: it must be the card of the person verified at the
    identity step (the same number); ValidationError otherwise, saying so."""
    if not can_confirm_by_card(identity):
        raise ValidationError("consent.no_card_verified", field="consent")
    if id_number.normalise(card.id_number) != id_number.normalise(identity.id_number):
        raise ValidationError("consent.other_card", field="consent")
    return Consent(CARD_AGAIN, at or utc_now())


def confirm_by_signature(signature: Signature, at: str | None = None) -> Consent:
    """Consent given by signing on the screen; ValidationError when the strokes are not a signature."""
    return Consent(SIGNATURE, at or utc_now(), signature.check().png())
