"""What the reference centre allows a station, and who may keep knocking with a wrong token.

- `CentralLimits`: how long a partial (resumable) attachment upload is kept after
  its last byte arrived, how many bytes of partials one station may hold, and how
  many failed authentications one client address gets in a window.  Read from
  central.json (`from_config`), overridable on the `waystation central` line.
- `AuthThrottle`: counts failed authentications per client address.  Once an
  address has used up its failures in the window, *every* request from it is
  answered 429 with Retry-After, a right token included: were right tokens let
  through, a 429 would only mean "wrong guess", and guessing could go on at full
  speed.  A station behind the same address as a misbehaving client waits out
  the window (a kiosk treats 429 as "try later"); stations elsewhere are untouched.
"""

from __future__ import annotations

import math
import threading
import time
from collections import OrderedDict, deque
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from starlette.requests import Request

from sync.central.http_errors import CentralError

# central.json key -> (field, type); every key is optional.
CONFIG_KEYS: dict[str, tuple[str, type]] = {
    "partial_ttl_seconds": ("partial_ttl", float),
    "partial_quota_bytes": ("partial_quota", int),
    "auth_failures_allowed": ("auth_failures", int),
    "auth_failure_window_seconds": ("auth_window", float),
}


@dataclass(frozen=True)
class CentralLimits:
    """Limits of one reference centre (defaults suit a demo or a test bench)."""

    partial_ttl: float = 24 * 3600.0  # seconds a partial upload is kept after its last byte
    partial_quota: int = 512 << 20  # bytes of partial uploads one station may hold
    auth_failures: int = 10  # failed authentications allowed per client address...
    auth_window: float = 60.0  # ...within this many seconds

    def __post_init__(self) -> None:
        for name in ("partial_ttl", "partial_quota", "auth_failures", "auth_window"):
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, int | float) or not 0 < value < math.inf:
                raise ValueError(f"{name} must be a finite number above 0")

    @classmethod
    def from_config(cls, config: Mapping[str, Any], **overrides: Any) -> CentralLimits:
        """Limits from central.json's optional keys (see CONFIG_KEYS), then `overrides` that are not None."""
        values: dict[str, Any] = {}
        for key, (name, kind) in CONFIG_KEYS.items():
            if key not in config:
                continue
            value = config[key]
            if (isinstance(value, bool) or not isinstance(value, int | float) or not 0 < value < math.inf
                    or (kind is int and value != int(value))):
                raise ValueError(f"{key} must be {'a whole number' if kind is int else 'a number'} above 0")
            values[name] = kind(value)
        values.update({name: value for name, value in overrides.items() if value is not None})
        return cls(**values)


class AuthThrottle:
    """Failed authentications per client address in a sliding window."""

    MAX_ADDRESSES = 10_000  # a flood from many addresses cannot grow the table without bound

    def __init__(self, allowed: int, window: float, clock: Callable[[], float] = time.monotonic) -> None:
        self.allowed, self.window, self._clock = allowed, window, clock
        self._failures: OrderedDict[str, deque[float]] = OrderedDict()
        self._lock = threading.Lock()

    def wait_needed(self, address: str) -> int:
        """Seconds `address` must wait before it may authenticate again (0: go ahead)."""
        with self._lock:
            times = self._recent(address)
            if times is None or len(times) < self.allowed:
                return 0
            return max(1, math.ceil(times[0] + self.window - self._clock()))

    def failed(self, address: str) -> None:
        """Count one failed authentication from `address`."""
        with self._lock:
            times = self._recent(address)
            if times is None:
                times = self._failures[address] = deque(maxlen=self.allowed)
                while len(self._failures) > self.MAX_ADDRESSES:
                    self._failures.popitem(last=False)
            times.append(self._clock())
            self._failures.move_to_end(address)

    def _recent(self, address: str) -> deque[float] | None:
        times = self._failures.get(address)
        if times is None:
            return None
        horizon = self._clock() - self.window
        while times and times[0] <= horizon:
            times.popleft()
        if not times:
            del self._failures[address]
            return None
        return times


def client_address(request: Request) -> str:
    """The peer's address as the socket gives it (no forwarding headers: anyone can write those)."""
    return request.client.host if request.client else "unknown"


def refuse_if_throttled(throttle: AuthThrottle, request: Request) -> None:
    """429 `too_many_auth_failures` while the client's address has used up its failures."""
    wait = throttle.wait_needed(client_address(request))
    if wait:
        raise CentralError(429, "too_many_auth_failures",
                           "too many failed authentications from this address; try after Retry-After",
                           {"Retry-After": str(wait)})
