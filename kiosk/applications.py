"""Submitting applications and reading them back.

`submit()` is the kiosk's promise to the resident: the application, its
attachments, its outbox row, its receipt and the audit entry commit in one
durable transaction before the receipt is shown.  Personal data (answers,
identity, photos) is sealed with the store's key; only what sync, status
look-ups and audit need stays in clear.
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import json
import uuid as _uuid
from dataclasses import dataclass, field

from kiosk import app_number, audit, face_reviews
from kiosk.receipts import Receipt, qr_text
from kiosk.store import Store


@dataclass
class Attachment:
    name: str  # catalog field id
    mime: str
    data: bytes = field(repr=False)

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.data).hexdigest()


@dataclass
class Draft:
    """Everything a resident's session has gathered, ready to submit."""

    service_id: str
    locale: str
    answers: dict[str, str] = field(repr=False)
    attachments: list[Attachment] = field(default_factory=list, repr=False)
    identity: dict[str, str] = field(default_factory=dict)  # Identity.record(): method, face, card kind
    id_number: str = field(default="", repr=False)  # for the blind index (status look-up by card)
    # Identity.verified() and the answers bound to it: sealed with the payload, sent to the centre.
    verified: dict = field(default_factory=dict, repr=False)
    parts: tuple[str, ...] = ()
    appointment: str = ""  # booking reference of an appointment code, if the resident came with one
    visit_seconds: float | None = None  # from choosing the service to submit (the helpers' Today figures)
    uuid: str = field(default_factory=lambda: str(_uuid.uuid4()))
    # The card's photo, kept (sealed) only while a helper must compare it with the live face (face_reviews).
    card_photo: bytes | None = field(default=None, repr=False)
    # Guided and proxy applications (kiosk/guided.py, kiosk/proxy.py): '' (self-service), guided or proxy;
    # the helper's number; the consent evidence (guided.Consent.wire()); the proxy's two people
    # (proxy.wire(), personal data: sealed with the payload); the UUID of the application this one corrects.
    assistance: str = ""
    assisted_by: str = ""
    consent: dict = field(default_factory=dict)
    proxy: dict = field(default_factory=dict, repr=False)
    corrects: str = ""


def utc_now() -> str:
    return _dt.datetime.now(_dt.timezone.utc).isoformat(timespec="milliseconds")


def submit(store: Store, draft: Draft, station_id: str, today: _dt.date | None = None) -> Receipt:
    """Commit the application with attachments, outbox row, receipt and audit entry atomically."""
    now = utc_now()
    payload = json.dumps(
        {"answers": draft.answers, "identity": draft.identity, "parts": list(draft.parts),
         **({"appointment": draft.appointment} if draft.appointment else {}),
         **({"verified": draft.verified} if draft.verified else {}),
         **({"assisted_by": draft.assisted_by} if draft.assisted_by else {}),
         **({"consent": draft.consent} if draft.consent else {}),
         **({"proxy": draft.proxy} if draft.proxy else {}),
         **({"corrects": draft.corrects} if draft.corrects else {})},
        ensure_ascii=False, sort_keys=True,
    ).encode()
    sealer = store.sealer
    with store.transaction() as conn:
        seq = store.next_counter(conn, "application_seq")
        number = app_number.make(station_id, today or _dt.date.today(), seq)
        conn.execute(
            "INSERT INTO applications(uuid, number, seq, service_id, locale, created_at, status, id_lookup,"
            " payload, identity_method, face_check) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
            (draft.uuid, number, seq, draft.service_id, draft.locale, now, "queued",
             sealer.blind_index(draft.id_number) if draft.id_number else None,
             sealer.seal(payload, f"application:{draft.uuid}"),
             draft.identity.get("method", ""), draft.identity.get("face", "")),
        )
        if draft.visit_seconds is not None:  # (a draft without one also fits a store from before the column)
            conn.execute("UPDATE applications SET visit_seconds = ? WHERE uuid = ?", (draft.visit_seconds, draft.uuid))
        if draft.assisted_by or draft.corrects:  # a helper's application (migration 8's columns)
            conn.execute("UPDATE applications SET assistance = ?, assisted_by = ?, corrects = ? WHERE uuid = ?",
                         (draft.assistance, draft.assisted_by, draft.corrects or None, draft.uuid))
        if draft.corrects:  # the old application is corrected by this one, in this same transaction
            from kiosk import corrections, guided

            corrections.supersede(conn, draft.corrects, draft.uuid, number, guided.helper_actor(draft.assisted_by)
                                  if draft.assisted_by else "kiosk")
        for attachment in draft.attachments:
            digest = attachment.sha256
            conn.execute(
                "INSERT INTO attachments(application_uuid, name, mime, size, sha256, data) VALUES (?,?,?,?,?,?)",
                (draft.uuid, attachment.name, attachment.mime, len(attachment.data), digest,
                 sealer.seal(attachment.data, f"attachment:{draft.uuid}:{digest}")),
            )
        conn.execute("INSERT INTO outbox(application_uuid, created_at) VALUES (?, ?)", (draft.uuid, now))
        conn.execute(
            "INSERT INTO receipts(number, application_uuid, issued_at, qr_text) VALUES (?,?,?,?)",
            (number, draft.uuid, now, qr_text(number)),
        )
        if draft.identity.get("face") == "helper_to_confirm":  # a helper compares the faces side by side
            face_reviews.hold(conn, store, draft.uuid, now, draft.identity, draft.card_photo)
        audit.append(conn, "kiosk", "application.submitted", number,
                     f"service={draft.service_id} attachments={len(draft.attachments)}"
                     + (f" {draft.assistance}_by={draft.assisted_by}" if draft.assisted_by else ""))
    return Receipt(number, draft.uuid, draft.service_id, now, tuple(draft.parts))


@dataclass(frozen=True)
class StoredApplication:
    uuid: str
    number: str
    seq: int
    service_id: str
    locale: str
    created_at: str
    status: str
    answers: dict = field(repr=False)
    identity: dict = field(default_factory=dict)
    parts: tuple[str, ...] = ()
    attachments: tuple[Attachment, ...] = field(default=(), repr=False)
    appointment: str = ""
    verified: dict = field(default_factory=dict, repr=False)  # see Draft.verified; {} before it existed
    assisted_by: str = ""  # see Draft: the helper who guided it ('' for self-service)
    consent: dict = field(default_factory=dict)
    proxy: dict = field(default_factory=dict, repr=False)
    corrects: str = ""


def load(store: Store, uuid: str) -> StoredApplication:
    """Read one application and its attachments back, decrypted (for sync and helpers)."""
    row = store.conn.execute(
        "SELECT uuid, number, seq, service_id, locale, created_at, status, payload FROM applications WHERE uuid = ?",
        (uuid,),
    ).fetchone()
    if row is None:
        raise KeyError(uuid)
    payload = json.loads(store.sealer.open(row[7], f"application:{uuid}")) if row[7] is not None else {}
    attachments = tuple(
        Attachment(name, mime, store.sealer.open(data, f"attachment:{uuid}:{digest}"))
        for name, mime, digest, data in store.conn.execute(
            "SELECT name, mime, sha256, data FROM attachments WHERE application_uuid = ? AND data IS NOT NULL ORDER BY id",
            (uuid,),
        )
    )
    return StoredApplication(*row[:7], answers=payload.get("answers", {}), identity=payload.get("identity", {}),
                             parts=tuple(payload.get("parts", ())), attachments=attachments,
                             appointment=payload.get("appointment", ""), verified=payload.get("verified", {}),
                             assisted_by=payload.get("assisted_by", ""), consent=payload.get("consent", {}),
                             proxy=payload.get("proxy", {}), corrects=payload.get("corrects", ""))


def record_help_request(store: Store, screen: str, service_id: str = "") -> str:
    """Keep a resident's 'call a helper' touch (see kiosk/help_requests.py); returns its UUID."""
    from kiosk import help_requests

    return help_requests.record(store, screen, service_id).uuid
