"""Telling systemd how the kiosk is doing: READY=1, WATCHDOG=1, STOPPING=1 (sd_notify), no library.

The packaged kiosk runs as `Type=notify` with `WatchdogSec=` (build/debian/
waystation-kiosk.service): systemd waits for READY=1 (sent once the home screen
is painted) and restarts the kiosk when no WATCHDOG=1 comes for the watchdog
time (sent from a timer on the GUI thread, so a frozen event loop stops them:
ui/systemd_watch.py).  The protocol is one datagram a message to the AF_UNIX
socket named by $NOTIFY_SOCKET, as systemd's notify-selfcontained-example.py
shows; a name starting with `@` is an abstract socket (the `@` becomes a NUL).

Under cage the kiosk is cage's child, not the unit's main process: the unit says
`NotifyAccess=all`, and $WATCHDOG_PID (cage's pid) is deliberately not compared
with ours.  A notification that cannot be sent is logged, never raised: the
kiosk works the same without systemd (from source, in tests, under another
supervisor).
"""

from __future__ import annotations

import logging
import os
import socket

log = logging.getLogger(__name__)

SOCKET_ENV = "NOTIFY_SOCKET"
WATCHDOG_ENV = "WATCHDOG_USEC"


def socket_address(name: str) -> str | bytes | None:
    """The address to send to: a path, or an abstract name (`@name` -> b"\\0name"); None if unusable."""
    if not name or name[0] not in "/@":
        return None
    if name[0] == "@":
        return b"\0" + name[1:].encode("utf-8", "surrogateescape")
    return name


def notify(message: str, environ: dict[str, str] | None = None) -> bool:
    """Send `message` (e.g. "READY=1") to systemd; True if sent, False when there is no socket or it failed."""
    env = os.environ if environ is None else environ
    name = env.get(SOCKET_ENV, "")
    if not name:
        return False
    address = socket_address(name)
    if address is None:
        log.warning("cannot notify systemd: %s=%r is neither a path nor an abstract socket", SOCKET_ENV, name)
        return False
    try:
        with socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM | socket.SOCK_CLOEXEC) as sock:
            sock.connect(address)
            sock.sendall(message.encode("utf-8"))
    except OSError as error:
        log.warning("cannot notify systemd (%s): %s", message.split("=", 1)[0], error)
        return False
    return True


def watchdog_interval(environ: dict[str, str] | None = None) -> float | None:
    """Seconds between keep-alives (half of $WATCHDOG_USEC, as sd_watchdog_enabled advises), or None
    when systemd runs no watchdog for us.  $WATCHDOG_PID is not checked: under cage it is cage's pid."""
    env = os.environ if environ is None else environ
    value = env.get(WATCHDOG_ENV, "")
    try:
        usec = int(value)
    except ValueError:
        if value:
            log.warning("ignoring %s=%r: not a number of microseconds", WATCHDOG_ENV, value)
        return None
    return usec / 2e6 if usec > 0 else None
