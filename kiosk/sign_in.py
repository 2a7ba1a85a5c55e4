"""Signing a helper in with helper number and PIN, the lockout after wrong PINs, and its audit trail.

- One answer for an unknown number, a disabled helper and a wrong PIN ("the number or PIN is not
  right", as OpenMRS does), and the same work for each: a number nobody has is checked against a
  decoy hash, so the time taken does not tell either.
- Five wrong PINs lock that number for five minutes.  The count and the lock are in the store
  (`sign_in_failures`, on the wall clock), so a restart does not lift them; numbers not on the
  roster are counted and locked alike, so a lockout says nothing about whether a number exists.
- An attempt during a lock is refused without checking the PIN and does not restart the lock
  (OpenMRS's pitfall: anyone could keep a helper locked out for ever).  A clock set back cannot
  stretch a lock either: it never lasts longer than LOCK_SECONDS from now (MOSIP's pitfall was a
  lock that could never expire).
- The count starts again after a successful sign-in and after a lock has run out.
- Every attempt is audited with the number as typed: signed in, PIN failed (with the count),
  locked (until when), refused while locked.  Never the PIN.

Scrypt makes each check slow on purpose (~0.1 s): call these on the store's worker, never on the
GUI thread.  `confirm()` is the same check when a signed-in helper is asked for the PIN again
(a supervisor leaving the kiosk): wrong PINs there count towards the same lock.
"""

from __future__ import annotations

import datetime as _dt
import time

from kiosk import audit, messages, pin_hash, pin_rules, roster
from kiosk.errors import KioskError
from kiosk.staff import Helper
from kiosk.store import Store

LOCK_AFTER = 5       # wrong PINs in a row
LOCK_SECONDS = 300   # how long a number stays locked

messages.register({
    "signin.refused": {
        "zh_CN": "工号或密码不正确，请重新输入。", "en": "The helper number or PIN is not right. Please try again.",
    },
    "signin.locked": {
        "zh_CN": "密码连续输错 {tries} 次，这个工号已锁定到 {when}（约 {minutes} 分钟后）才能再登录。"
                 "如有急事，请主管协助。",
        "en": "After {tries} wrong PINs this helper number is locked until {when} (in about {minutes} min). "
              "Try again after that time, or ask a supervisor.",
    },
    "signin.card_unknown": {
        "zh_CN": "这张卡没有登记为工作人员卡。", "en": "This card is not registered as a staff card.",
    },
})


class SignInError(KioskError):
    """Sign-in refused; `until` is the end of a lock (wall-clock seconds), 0 when not locked."""

    default_code = "signin.refused"

    def __init__(self, code: str | None = None, detail: str = "", until: float = 0.0, **params) -> None:
        self.until = until
        super().__init__(code, detail, **params)


def actor(number: str) -> str:
    """The audit log's actor for a helper (the number as typed: digits only, checked before)."""
    return f"helper:{number}"


def lock_ends(store: Store, number: str, now: float | None = None) -> float:
    """When the lock on `number` ends (wall-clock seconds), or 0 when it is not locked now."""
    now = time.time() if now is None else now
    row = store.conn.execute("SELECT locked_until FROM sign_in_failures WHERE number = ?", (number,)).fetchone()
    if row is None or row[0] <= now:
        return 0.0
    return min(row[0], now + LOCK_SECONDS)  # a clock set back does not make the lock longer


def sign_in(store: Store, number: str, pin: str, *, method: str = "pin", now: float | None = None) -> Helper:
    """The helper whose number and PIN these are (audited as signed in), or SignInError."""
    return _check(store, number, pin, "helper.signed_in", f"method={method}", now)


def confirm(store: Store, helper: Helper, pin: str, action: str, now: float | None = None) -> None:
    """A signed-in helper types the PIN again before `action` (e.g. kiosk.exit); SignInError if wrong."""
    _check(store, helper.number, pin, "helper.pin_confirmed", f"for={action}", now)


def _check(store: Store, number: str, pin: str, success: str, detail: str, now: float | None) -> Helper:
    now = time.time() if now is None else now
    try:
        pin_rules.check_number(number)
    except KioskError:
        raise SignInError() from None  # not even a number: nothing to count it against
    until = lock_ends(store, number, now)
    if until:
        with store.transaction() as conn:
            audit.append(conn, actor(number), "helper.sign_in_refused", number, "locked")
        raise _locked(until, now)
    found = roster.find(store, number)
    pepper = pin_hash.pepper_from(store.sealer)
    matches = pin_hash.verify(pin or "", found[2] if found else pin_hash.decoy(), pepper)
    if found is not None and found[1] and matches:
        helper, stored = found[0], found[2]
        with store.transaction() as conn:
            conn.execute("DELETE FROM sign_in_failures WHERE number = ?", (number,))
            if pin_hash.needs_rehash(stored):  # made with older cost parameters: redo it with today's
                conn.execute("UPDATE helpers SET pin_hash = ? WHERE number = ?",
                             (pin_hash.hash_pin(pin, pepper), number))
            audit.append(conn, actor(number), success, number, detail)
        return helper
    with store.transaction() as conn:
        row = conn.execute("SELECT failures, locked_until FROM sign_in_failures WHERE number = ?", (number,)).fetchone()
        # A lock that has run out starts the count again.
        failures = (0 if row is None or (row[1] and row[1] <= now) else row[0]) + 1
        locked_until = now + LOCK_SECONDS if failures >= LOCK_AFTER else 0.0
        conn.execute("INSERT INTO sign_in_failures(number, failures, locked_until, last_failure_at) VALUES (?,?,?,?)"
                     " ON CONFLICT(number) DO UPDATE SET failures = excluded.failures,"
                     " locked_until = excluded.locked_until, last_failure_at = excluded.last_failure_at",
                     (number, 0 if locked_until else failures, locked_until, now))
        audit.append(conn, actor(number), "helper.pin_failed", number, f"failures={failures} {detail}")
        if locked_until:
            audit.append(conn, actor(number), "helper.locked", number,
                         f"until={_dt.datetime.fromtimestamp(locked_until, _dt.timezone.utc).isoformat()}")
    if locked_until:
        raise _locked(locked_until, now)
    raise SignInError()


def _locked(until: float, now: float) -> SignInError:
    local = _dt.datetime.fromtimestamp(until).astimezone()
    return SignInError("signin.locked", until=until, tries=LOCK_AFTER, minutes=max(1, round((until - now) / 60)),
                       when=f"{local:%H:%M}")
