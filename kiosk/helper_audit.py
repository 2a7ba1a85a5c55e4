"""Audit entries for what a signed-in helper does that is not an application's: signing out, leaving,
restarting or shutting down the kiosk.  The actor is always the helper's number (kiosk.sign_in.actor).

Sign-in, wrong PINs and lockouts are written by kiosk/sign_in.py; opening a record, retrying and
discarding by kiosk/console_queue.py and kiosk/set_aside.py.
"""

from __future__ import annotations

from kiosk import audit, messages
from kiosk.sign_in import actor
from kiosk.staff import Helper
from kiosk.store import Store

# Why a helper was signed out: the Sign out button, no touch for the idle time, a lock after wrong
# PINs asked again, the kiosk leaving/restarting/shutting down.
SIGN_OUT_REASONS = ("button", "idle", "locked", "kiosk_exit")
KIOSK_ACTIONS = ("kiosk.exit", "kiosk.restart", "kiosk.shutdown")

messages.register({
    "kiosk.shutdown_failed": {
        "zh_CN": "关机命令没有执行成功（{why}），自助机继续运行。请联系技术人员。",
        "en": "The shutdown command did not succeed ({why}); the kiosk keeps running. Please call IT.",
    },
})


def signed_out(store: Store, helper: Helper, reason: str) -> None:
    if reason not in SIGN_OUT_REASONS:
        raise ValueError(f"unknown sign-out reason {reason!r}")
    with store.transaction() as conn:
        audit.append(conn, actor(helper.number), "helper.signed_out", helper.number, f"reason={reason}")


def kiosk_action(store: Store, helper: Helper, action: str, detail: str = "") -> None:
    """A supervisor leaves, restarts or shuts down the kiosk (after typing the PIN again)."""
    if action not in KIOSK_ACTIONS:
        raise ValueError(f"unknown kiosk action {action!r}")
    with store.transaction() as conn:
        audit.append(conn, actor(helper.number), action, "", detail[:200])
