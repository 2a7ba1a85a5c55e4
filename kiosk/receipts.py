"""Receipts: what a resident takes away after submitting.

A receipt holds no personal data: the application number, the service, when
it was issued, and the text of its QR code (the number, prefixed so a scanner
can tell it from other codes).  The UI shows, speaks and prints it; the
rules of issuing the paper copy (always a saved PDF, printed when a printer
is configured, recorded as printed only after the printer took it) are here.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Protocol

from kiosk import app_number
from kiosk.errors import KioskError

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
    return number if app_number.is_valid_printed(number) else None


# --- Issuing the paper copy ------------------------------------------------------------------------

log = logging.getLogger(__name__)

PRINTED, SAVED, PRINT_FAILED = "printed", "saved", "print_failed"


class Printer(Protocol):
    def print_pdf(self, path: Path) -> str: ...  # raises KioskError (PrinterError) when it cannot


def save_copy(receipt: Receipt, save_pdf: Callable[[Path], Path], path: Path) -> Path | None:
    """Save the receipt as a PDF at `path` (`save_pdf` draws it); None when it could not be saved."""
    try:
        return save_pdf(path)
    except Exception as error:  # noqa: BLE001 (a full disk or a drawing failure: only the paper copy is lost)
        log.error("receipt %s not saved: %s", receipt.number, type(error).__name__)
        return None


def print_copy(receipt: Receipt, path: Path, printer: Printer) -> str:
    """Hand the saved PDF to the printer (lp: may wait for CUPS): PRINTED or PRINT_FAILED."""
    try:
        printer.print_pdf(path)
    except KioskError as error:
        log.warning("receipt %s not printed: %s", receipt.number, error.detail)
        return PRINT_FAILED
    except Exception as error:  # noqa: BLE001
        log.error("receipt %s not printed: %s", receipt.number, type(error).__name__)
        return PRINT_FAILED
    return PRINTED


def issue_paper_copy(receipt: Receipt, save_pdf: Callable[[Path], Path], path: Path,
                     printer: Printer | None) -> str:
    """Save the receipt PDF and print it when a printer is configured (blocking: off the GUI thread,
    after the application is committed; the UI runs the two halves on different workers).

    Returns PRINTED, SAVED (no printer) or PRINT_FAILED (not saved, or saved but not printed: a helper
    can print it).  Never raises: the application is safe already, so nothing here may look like a
    failed submit (the resident would submit again)."""
    saved = save_copy(receipt, save_pdf, path)
    if saved is None:
        return PRINT_FAILED
    return SAVED if printer is None else print_copy(receipt, saved, printer)


def mark_printed(store, number: str) -> None:
    """Record that the receipt of application `number` was handed to the printer (helpers' reprint list)."""
    with store.transaction() as conn:
        conn.execute("UPDATE receipts SET printed = 1 WHERE number = ?", (number,))


# --- Status look-up: what a resident sees when checking progress (no personal data) ---------------

@dataclass(frozen=True)
class StatusLine:
    """One application as the status screen shows it: number, service, date, status and, for a
    rejection or a requested correction, the centre's reason (written for the resident)."""

    number: str
    service_id: str
    created_at: str
    status: str
    reason: str | None = None


_STATUS_SQL = ("SELECT number, service_id, created_at, status, uuid, status_reason_sealed, status_reason"
               " FROM applications")


def seal_status_reason(store, application_uuid: str, reason: str | None) -> bytes | None:
    """The centre's free-text reason, sealed to its application (it may speak of the person's case)."""
    if not reason:
        return None
    return store.sealer.seal(reason.encode("utf-8"), _reason_context(application_uuid))


def open_status_reason(store, application_uuid: str, sealed: bytes | None, clear: str | None = None) -> str | None:
    """The reason for a resident's screen: unsealed, or a reason kept in clear by an older version."""
    if sealed is None:
        return clear or None
    try:
        return store.sealer.open(sealed, _reason_context(application_uuid)).decode("utf-8")
    except (KioskError, UnicodeDecodeError):  # another key, or damage: the status still shows
        return None


def _reason_context(application_uuid: str) -> str:
    return f"status-reason:{application_uuid}"


def _line(store, row: tuple, with_reason: bool = True) -> StatusLine:
    number, service_id, created_at, status, uuid, sealed, clear = row
    reason = open_status_reason(store, uuid, sealed, clear) if with_reason else None
    return StatusLine(number, service_id, created_at, status, reason)


def status_by_number(store, number: str) -> StatusLine | None:
    """The application with this number (as printed or scanned), if this kiosk knows it."""
    row = store.conn.execute(_STATUS_SQL + " WHERE number = ?", (app_number.normalise(number),)).fetchone()
    return _line(store, row) if row else None


def status_by_tail(store, typed: str) -> StatusLine | None:
    """The application whose number ends in the digits a resident typed (sequence and check digits).

    Without the centre's reason: eight typed digits can be guessed (the sequence counts up, the
    check digits are one in a hundred), so the reason, which may speak of the person's case, is
    shown only to whoever holds the card or the receipt's QR code."""
    parsed = app_number.parse_tail(typed)
    if parsed is None:
        return None
    sequence, check = parsed
    row = store.conn.execute(_STATUS_SQL + " WHERE seq = ?", (sequence,)).fetchone()
    return _line(store, row, with_reason=False) if row and row[0].endswith("-" + check) else None


def status_by_id_number(store, id_number: str) -> list[StatusLine]:
    """Every application of the resident with this ID number, newest first (by the blind index:
    the number itself is never stored in the clear)."""
    rows = store.conn.execute(_STATUS_SQL + " WHERE id_lookup = ? ORDER BY seq DESC",
                              (store.sealer.blind_index(id_number),)).fetchall()
    return [_line(store, row) for row in rows]
