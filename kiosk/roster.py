"""The station's helpers: who may sign in, with which role, PIN (hashed) and staff cards.

IT manages it with `waystation helpers ...` (kiosk/helpers_cli.py); the kiosk reads it at sign-in
(kiosk/sign_in.py).  Every change is audited (actor "it" from the command line) with the helper's
number, never the name or anything of the PIN.  A staff card is kept as a keyed hash of its UID
(`Sealer.staff_digest`, like the ID numbers' blind index), so the database does not say which card
opens what.  Hashing is slow on purpose: call these off the GUI thread.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from kiosk import audit, messages, pin_hash, pin_rules
from kiosk.applications import utc_now
from kiosk.errors import KioskError, ValidationError
from kiosk.staff import Helper, Role
from kiosk.store import Store

NAME_MAX = 40
UID = re.compile(r"[0-9A-F]{8,64}")  # a card UID (4, 7 or 10 bytes) or a certificate fingerprint, as hex

messages.register({
    "roster.exists": {"zh_CN": "工号 {number} 已经有人使用。", "en": "Helper number {number} is already taken."},
    "roster.unknown": {"zh_CN": "没有工号为 {number} 的工作人员。", "en": "There is no helper with number {number}."},
    "roster.bad_name": {
        "zh_CN": "姓名须为 1 到 {max} 个字，不含控制字符。",
        "en": "A name has 1 to {max} characters and no control characters.",
    },
    "roster.bad_role": {"zh_CN": "角色只能是 helper 或 supervisor。", "en": "The role is helper or supervisor."},
    "roster.bad_card": {
        "zh_CN": "卡号应为 8 到 64 位十六进制数字（例如 04A1B2C3D4E5F6）。",
        "en": "A card UID is 8 to 64 hexadecimal digits (e.g. 04A1B2C3D4E5F6).",
    },
    "roster.card_taken": {
        "zh_CN": "这张卡已经登记给工号 {number}。", "en": "This card is already registered to helper {number}.",
    },
})


class RosterError(KioskError):
    default_code = "roster.unknown"


@dataclass(frozen=True)
class Entry:
    """One helper as IT sees them (`waystation helpers list`): never the PIN hash."""

    number: str
    name: str
    role: Role
    enabled: bool
    cards: int
    locked_until: float  # wall-clock seconds; 0 when not locked
    created_at: str
    updated_at: str


def check_name(name: str) -> str:
    name = (name or "").strip()
    if not 1 <= len(name) <= NAME_MAX or any(ord(ch) < 32 or 0x7F <= ord(ch) < 0xA0 for ch in name):
        raise ValidationError("roster.bad_name", field="name", max=NAME_MAX)
    return name


def check_role(role: str | Role) -> Role:
    try:
        return Role(role)
    except ValueError:
        raise ValidationError("roster.bad_role", field="role") from None


def card_uid(uid: str) -> str:
    """A card UID as stored before hashing: hex digits, upper case, separators (: - space) dropped."""
    text = re.sub(r"[\s:-]", "", uid or "").upper()
    if not UID.fullmatch(text):
        raise ValidationError("roster.bad_card", field="card")
    return text


def card_index(store: Store, uid: str) -> str:
    return store.sealer.staff_digest("staff-card", card_uid(uid)).hex()


def add(store: Store, number: str, name: str, role: str | Role, pin: str, actor: str = "it") -> Helper:
    """Put a helper on the roster (enabled); the PIN must pass kiosk.pin_rules."""
    number, name, role = pin_rules.check_number(number), check_name(name), check_role(role)
    pin_rules.check(pin, number)
    stored = pin_hash.hash_pin(pin, pin_hash.pepper_from(store.sealer))
    now = utc_now()
    with store.transaction() as conn:
        if conn.execute("SELECT 1 FROM helpers WHERE number = ?", (number,)).fetchone():
            raise RosterError("roster.exists", number=number)
        conn.execute("INSERT INTO helpers(number, name, role, pin_hash, enabled, created_at, updated_at)"
                     " VALUES (?,?,?,?,1,?,?)", (number, name, role.value, stored, now, now))
        conn.execute("DELETE FROM sign_in_failures WHERE number = ?", (number,))
        audit.append(conn, actor, "helper.added", number, f"role={role.value}")
    return Helper(number, name, role)


def entries(store: Store) -> list[Entry]:
    """Every helper, by number, with how many cards they have and whether they are locked out now."""
    rows = store.conn.execute(
        "SELECT h.number, h.name, h.role, h.enabled,"
        " (SELECT count(*) FROM staff_cards c WHERE c.helper_number = h.number),"
        " coalesce((SELECT locked_until FROM sign_in_failures f WHERE f.number = h.number), 0),"
        " h.created_at, h.updated_at FROM helpers h ORDER BY h.number").fetchall()
    return [Entry(r[0], r[1], Role(r[2]), bool(r[3]), r[4], r[5], r[6], r[7]) for r in rows]


def find(store: Store, number: str) -> tuple[Helper, bool, str] | None:
    """(helper, enabled, stored PIN hash) for `number`, or None."""
    row = store.conn.execute("SELECT number, name, role, enabled, pin_hash FROM helpers WHERE number = ?",
                             (number,)).fetchone()
    if row is None:
        return None
    return Helper(row[0], row[1], Role(row[2])), bool(row[3]), row[4]


def _require(conn, number: str) -> None:
    if not conn.execute("SELECT 1 FROM helpers WHERE number = ?", (number,)).fetchone():
        raise RosterError("roster.unknown", number=number)


def set_enabled(store: Store, number: str, enabled: bool, actor: str = "it") -> None:
    """Disable (they can no longer sign in, cards included) or enable a helper again."""
    with store.transaction() as conn:
        _require(conn, number)
        conn.execute("UPDATE helpers SET enabled = ?, updated_at = ? WHERE number = ?",
                     (int(enabled), utc_now(), number))
        audit.append(conn, actor, "helper.enabled" if enabled else "helper.disabled", number)


def reset_pin(store: Store, number: str, pin: str, actor: str = "it") -> None:
    """A new PIN (it must pass the rules); a lockout on this number ends with it."""
    pin_rules.check(pin, number)
    stored = pin_hash.hash_pin(pin, pin_hash.pepper_from(store.sealer))
    with store.transaction() as conn:
        _require(conn, number)
        conn.execute("UPDATE helpers SET pin_hash = ?, updated_at = ? WHERE number = ?", (stored, utc_now(), number))
        conn.execute("DELETE FROM sign_in_failures WHERE number = ?", (number,))
        audit.append(conn, actor, "helper.pin_reset", number)


def register_card(store: Store, number: str, uid: str, actor: str = "it") -> None:
    """Register a staff card (its UID or certificate fingerprint, hex) to a helper."""
    index = card_index(store, uid)
    with store.transaction() as conn:
        _require(conn, number)
        owner = conn.execute("SELECT helper_number FROM staff_cards WHERE card_index = ?", (index,)).fetchone()
        if owner is not None and owner[0] != number:
            raise RosterError("roster.card_taken", number=owner[0])
        conn.execute("INSERT OR IGNORE INTO staff_cards(card_index, helper_number, registered_at) VALUES (?,?,?)",
                     (index, number, utc_now()))
        audit.append(conn, actor, "helper.card_registered", number)


def remove_cards(store: Store, number: str, actor: str = "it") -> int:
    """Forget every staff card of a helper (a lost card); returns how many."""
    with store.transaction() as conn:
        _require(conn, number)
        removed = conn.execute("DELETE FROM staff_cards WHERE helper_number = ?", (number,)).rowcount
        audit.append(conn, actor, "helper.cards_removed", number, f"cards={removed}")
    return removed


def number_for_card(store: Store, uid: str) -> str | None:
    """The helper number a staff card is registered to, or None (an unknown card, or not a card UID)."""
    try:
        index = card_index(store, uid)
    except ValidationError:
        return None
    row = store.conn.execute("SELECT helper_number FROM staff_cards WHERE card_index = ?", (index,)).fetchone()
    return row[0] if row else None
