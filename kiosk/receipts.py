"""Receipts: what a resident takes away after submitting.

A receipt holds no personal data: the application number, the service, when
it was issued, and the text of its QR code (the number, prefixed so a scanner
can tell it from other codes).  The UI shows, speaks and prints it.
"""

from __future__ import annotations

from dataclasses import dataclass

from kiosk import app_number

QR_PREFIX = "WAYSTATION:"


@dataclass(frozen=True)
class Receipt:
    number: str
    application_uuid: str
    service_id: str
    issued_at: str  # UTC ISO 8601
    parts: tuple[str, ...] = ()  # sub-services of a bundle

    @property
    def qr_text(self) -> str:
        return qr_text(self.number)


def qr_text(number: str) -> str:
    return QR_PREFIX + number


def number_from_qr(text: str) -> str | None:
    """The application number inside a scanned code, or None if it is not one of ours."""
    text = (text or "").strip()
    if not text.startswith(QR_PREFIX):
        return None
    number = app_number.normalise(text[len(QR_PREFIX):])
    return number if app_number.is_valid(number) else None
