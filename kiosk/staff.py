"""Who a signed-in station helper is: the small value the kiosk passes around once a helper has signed in.

The roster (PIN hashes, lockout, staff cards) lives elsewhere; this is only what other parts need to
know about the helper at the kiosk: their number (which goes into the audit log and onto guided
applications as `assisted_by`), their name (shown on every guided screen) and their role (a
supervisor may also leave, restart or shut down the kiosk).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum


class Role(str, Enum):
    HELPER = "helper"
    SUPERVISOR = "supervisor"


@dataclass(frozen=True)
class Helper:
    """A signed-in station helper (never holds the PIN or its hash)."""

    number: str
    name: str
    role: Role = Role.HELPER

    @property
    def is_supervisor(self) -> bool:
        return self.role is Role.SUPERVISOR
