"""Applications the centre set aside: the centre's reason in words, and a helper's retry or discard.

The sync worker sets a record aside (kiosk.outbox.quarantine) when the centre refuses it as invalid;
it stays in the outbox, no longer blocking the queue.  Here a helper:
- reads why, in words (the codes the worker kept, and the centre's own message, sealed on the row);
- retries it now (after the centre fixed something on its side), back into the queue at its place;
- or discards it with a reason from a short list (never free text: the audit log is in clear).  A
  discarded application leaves the outbox, its status becomes `discarded` and its personal data
  (payload, attachment bytes, the centre's message) is deleted from the kiosk at once: it will never
  be sent, so nothing of it needs keeping.  A tombstone (number, service, times) stays, as after the
  retention purge.
"Correct and resend" (a new linked version, with the resident present) is the guided-mode work's.
Every action is audited with the helper's number.
"""

from __future__ import annotations

from dataclasses import dataclass

from kiosk import audit, messages, outbox
from kiosk.applications import utc_now
from kiosk.errors import CryptoError, KioskError
from kiosk.sign_in import actor
from kiosk.staff import Helper
from kiosk.store import Store

DISCARD_REASONS = ("duplicate", "withdrawn", "cannot_correct", "test")

messages.register({
    "setaside.rejected": {
        "zh_CN": "中心认为这份申请有误，没有受理。",
        "en": "The centre found this application invalid and did not accept it.",
    },
    "setaside.conflict": {
        "zh_CN": "中心已有一份编号相同但内容不同的申请。",
        "en": "The centre already holds a different application under the same key.",
    },
    "setaside.attachment": {
        "zh_CN": "有附件（照片）没有完整送到中心，或与记录的校验值不符。",
        "en": "An attachment (photo) did not reach the centre intact, or does not match its checksum.",
    },
    "setaside.unreadable": {
        "zh_CN": "这份申请在本机无法读取（密钥或数据损坏），请联系技术人员。",
        "en": "This application cannot be read on this kiosk (key or damaged data). Please call IT.",
    },
    "setaside.other": {
        "zh_CN": "中心没有受理这份申请（{codes}）。", "en": "The centre did not accept this application ({codes}).",
    },
    "setaside.not_set_aside": {
        "zh_CN": "这份申请已不在待处理列表中。", "en": "This application is no longer set aside.",
    },
})


@dataclass(frozen=True)
class SetAside:
    uuid: str
    number: str
    service_id: str
    created_at: str
    set_aside_at: str
    codes: str            # our code, then the centre's (e.g. "sync.rejected invalid_answer")
    centre_message: str   # the centre's own words, unsealed ('' when it gave none)

    def reason_code(self) -> str:
        """The message code (kiosk.messages) saying why, in words."""
        first, _, server = self.codes.partition(" ")
        if server == "local_unreadable":
            return "setaside.unreadable"
        return {"sync.rejected": "setaside.rejected", "sync.conflict": "setaside.conflict",
                "sync.attachment_mismatch": "setaside.attachment",
                "sync.attachment_damaged": "setaside.attachment"}.get(first, "setaside.other")

    def reason(self, locale: str) -> str:
        """Why, in words a helper reads: the reason, then the centre's own message if it gave one."""
        words = messages.message_text(self.reason_code(), locale, codes=self.codes or "?")
        return words + (f" {self.centre_message}" if self.centre_message else "")


def entries(store: Store) -> list[SetAside]:
    """Every application set aside now, oldest first."""
    rows = store.conn.execute(
        "SELECT a.uuid, a.number, a.service_id, a.created_at, o.quarantined_at, o.quarantine_reason,"
        " o.quarantine_message FROM outbox o JOIN applications a ON a.uuid = o.application_uuid"
        " WHERE o.state = ? ORDER BY o.id", (outbox.QUARANTINED,)).fetchall()
    found = []
    for uuid, number, service, created, at, codes, sealed in rows:
        message = ""
        if sealed:
            try:
                message = store.sealer.open(sealed, f"outbox-message:{uuid}").decode("utf-8")
            except (CryptoError, UnicodeDecodeError):
                message = "(?)"
        found.append(SetAside(uuid, number, service, created, at or "", codes or "", message))
    return found


def _require_set_aside(conn, uuid: str) -> str:
    row = conn.execute("SELECT a.number FROM outbox o JOIN applications a ON a.uuid = o.application_uuid"
                       " WHERE o.application_uuid = ? AND o.state = ?", (uuid, outbox.QUARANTINED)).fetchone()
    if row is None:
        raise KioskError("setaside.not_set_aside")
    return row[0]


def retry(store: Store, uuid: str, helper: Helper) -> None:
    """Send it again: back in the queue at its place, due now (audited as requeued by this helper)."""
    with store.transaction() as conn:
        _require_set_aside(conn, uuid)
    outbox.requeue(store, uuid, actor=actor(helper.number))


def discard(store: Store, uuid: str, reason: str, helper: Helper) -> str:
    """Never send it: out of the queue, personal data deleted, audited with the reason; returns its number."""
    if reason not in DISCARD_REASONS:
        raise ValueError(f"unknown reason {reason!r}; one of {', '.join(DISCARD_REASONS)}")
    at = utc_now()
    with store.transaction() as conn:
        number = _require_set_aside(conn, uuid)
        conn.execute("DELETE FROM outbox WHERE application_uuid = ?", (uuid,))
        conn.execute("UPDATE applications SET status = 'discarded', status_changed_at = ?, payload = NULL,"
                     " status_reason = NULL, status_reason_sealed = NULL, purged_at = ? WHERE uuid = ?",
                     (at, at, uuid))
        conn.execute("UPDATE attachments SET data = NULL WHERE application_uuid = ?", (uuid,))
        audit.append(conn, actor(helper.number), "application.discarded", number, f"reason={reason}")
    return number
