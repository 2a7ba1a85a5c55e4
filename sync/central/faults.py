"""Fault injection for the reference centre: the network's and the centre's bad days, on demand.

A raw ASGI middleware sits outside the application, so it can do what no
route handler can: close the TCP connection while the request body is still
arriving (`reset`), or after the answer was committed but before a byte of it
is sent (`lost_ack`).  It reaches the socket through uvicorn's per-request
cycle object (the `receive` callable is a bound method of it; `.transport` is
the asyncio transport): `transport.abort()` drops the connection without a
TLS close or an HTTP answer, which the client sees as a reset.

Kinds:
  error          answer `status` (default 500) with an error body; Retry-After if given
  rate_limit     429 with Retry-After (default 1 s)
  slow           wait `delay` seconds, then handle normally
  reset          phase "request": let `after_bytes` of the body through (default: half),
                 then drop the connection (the handler sees a disconnect);
                 phase "response": handle, send the head and half the body, then drop
  lost_ack       handle and commit, then drop the connection without answering
  garbage        200 with `body` (default: broken JSON) and `content_type`
  captive_portal `status` (default 200) with a Wi-Fi login page (302/511 also useful)
`commit: true` makes error/rate_limit/garbage/captive_portal run the real handler
first and throw its answer away (a gateway failing after the centre committed);
`code` gives error/rate_limit's error body another code (`bad_cursor`, ...).

Cases a centre that follows the contract can produce (`CONTRACT_FAULT_KINDS`);
each fires only where it can happen, so `times: 1` means "once, where it applies":
  corrupt        one byte of the request body changed in flight (a damaged upload: the
                 centre keeps bad bytes and finds the sha256 mismatch at the last byte)
  damage_partial the bytes the centre holds of a partial attachment are damaged at rest
                 before this upload to it is handled (fires only when a part is held)
  cursor_reset   a centre restored or redeployed: a status pull with a cursor is
                 `400 bad_cursor` (fires only on a pull that has a cursor)
  leap_second    the health answer's server_time is a leap second (`…T23:59:60Z`, or
                 `body`), properly proven
  mistype        the answer's `field` (default: its first boolean or integer) comes as a
                 string: `true` → "yes", 1 → "1"
  upper_uuids    every UUID in the answer in upper case (the contract gives them no case)

Rules match `method` ("*" = any) and `path` (a regular expression, full match),
fire `times` times (None: forever) with `probability` (seeded, reproducible).
Paths under /admin are never faulted, so a test can always clear the rules.
"""

from __future__ import annotations

import asyncio
import datetime as _dt
import json
import logging
import random
import re
import threading
from collections import Counter
from collections.abc import Awaitable, Callable
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

Scope = dict[str, Any]
Message = dict[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]

log = logging.getLogger(__name__)

FaultKind = Literal["error", "rate_limit", "slow", "reset", "lost_ack", "garbage", "captive_portal",
                    "corrupt", "damage_partial", "cursor_reset", "leap_second", "mistype", "upper_uuids"]
FAULT_KINDS: tuple[str, ...] = FaultKind.__args__  # type: ignore[attr-defined]
CONTRACT_FAULT_KINDS = ("corrupt", "damage_partial", "cursor_reset", "leap_second", "mistype", "upper_uuids")
NETWORK_FAULT_KINDS = tuple(kind for kind in FAULT_KINDS if kind not in CONTRACT_FAULT_KINDS)
SERVER_TIME_KEY = "waystation.server_time"  # scope key: the health handler serves this time instead of its own
_UUID_ANY_CASE = re.compile(rb"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")
_MISTYPED = {True: "yes", False: "no"}

GARBAGE = b'{"central_id": "C0\x00\xff\xfe garbage \x1b[2J'
PORTAL_PAGE = (b"<!DOCTYPE html><html><head><title>Free Wi-Fi</title></head>"
               b"<body><h1>Welcome</h1><p>Please accept the terms to use the Internet.</p>"
               b'<form action="http://portal.example/login"><button>Accept</button></form></body></html>')


class FaultRule(BaseModel):
    """One injected fault (also the JSON the admin endpoint takes)."""

    model_config = ConfigDict(extra="forbid")

    kind: FaultKind
    method: str = "*"
    path: str = ".*"
    times: int | None = Field(default=1, ge=1)
    probability: float = Field(default=1.0, ge=0.0, le=1.0)
    status: int | None = Field(default=None, ge=200, le=599)
    retry_after: int | None = Field(default=None, ge=0, le=86400)
    delay: float = Field(default=1.0, ge=0.0, le=600.0)
    after_bytes: int | None = Field(default=None, ge=0)
    phase: Literal["request", "response"] = "request"
    commit: bool = False
    body: str | None = None
    content_type: str = "application/json"
    code: str | None = Field(default=None, min_length=1, max_length=64)
    field: str | None = Field(default=None, min_length=1, max_length=64)

    @field_validator("path")
    @classmethod
    def _compiles(cls, value: str) -> str:
        try:
            re.compile(value)
        except re.error as exc:
            raise ValueError(f"path is not a regular expression: {exc}") from None
        return value

    def matches(self, method: str, path: str) -> bool:
        return (self.method == "*" or self.method.upper() == method) and re.fullmatch(self.path, path) is not None


class Faults:
    """The active rules, shared by the middleware and whoever configures them (thread-safe)."""

    def __init__(self, rules: list[FaultRule] | None = None, seed: int = 0) -> None:
        self._lock = threading.Lock()
        self._rules: list[tuple[FaultRule, list[int | None]]] = []  # (rule, [times left])
        self._random = random.Random(seed)
        self.fired: Counter[str] = Counter()
        for rule in rules or []:
            self.add(rule)

    def add(self, rule: FaultRule | dict[str, Any]) -> FaultRule:
        rule = rule if isinstance(rule, FaultRule) else FaultRule.model_validate(rule)
        with self._lock:
            self._rules.append((rule, [rule.times]))
        return rule

    def clear(self) -> None:
        with self._lock:
            self._rules.clear()

    def rules(self) -> list[FaultRule]:
        with self._lock:
            return [rule for rule, left in self._rules if left[0] != 0]

    def pick(self, method: str, path: str,
             applies: Callable[[FaultRule], bool] | None = None) -> FaultRule | None:
        """The first live rule matching this request that decides to fire (and count it);
        `applies` says whether a rule's fault can happen on this request at all."""
        with self._lock:
            for rule, left in self._rules:
                if left[0] == 0 or not rule.matches(method, path):
                    continue
                if applies is not None and not applies(rule):
                    continue
                if rule.probability < 1.0 and self._random.random() >= rule.probability:
                    continue
                if left[0] is not None:
                    left[0] -= 1
                self.fired[rule.kind] += 1
                return rule
        return None


def _abort(receive: Receive) -> bool:
    """Drop the TCP connection under this request (uvicorn only); False if there is none."""
    cycle = getattr(receive, "__self__", None)
    transport = getattr(cycle, "transport", None)
    if transport is None:
        return False
    if not transport.is_closing():
        transport.abort()
    cycle.disconnected = True  # so uvicorn does not try to write a 500 on the dead socket
    return True


async def _discard(message: Message) -> None:
    return None


async def _answer(send: Send, status: int, body: bytes, content_type: str,
                  headers: list[tuple[bytes, bytes]] = ()) -> None:  # type: ignore[assignment]
    head = [(b"content-type", content_type.encode("latin-1")), (b"content-length", str(len(body)).encode())]
    await send({"type": "http.response.start", "status": status, "headers": head + list(headers)})
    await send({"type": "http.response.body", "body": body})


class FaultMiddleware:
    """Wraps the centre's ASGI app and applies `faults` to each HTTP request.

    `store` (the centre's `CentralStore`, set by `CentralApp`) lets `damage_partial`
    reach the bytes at rest; without it that kind never applies."""

    store: Any = None

    def __init__(self, app: Callable[..., Awaitable[None]], faults: Faults) -> None:
        self.app = app
        self.faults = faults

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["path"].startswith("/admin"):
            return await self.app(scope, receive, send)
        rule = self.faults.pick(scope["method"], scope["path"], lambda rule: self._applies(rule, scope))
        if rule is None:
            return await self.app(scope, receive, send)
        await getattr(self, f"_{rule.kind}")(rule, scope, receive, send)

    def _applies(self, rule: FaultRule, scope: Scope) -> bool:
        """Whether `rule` can happen on this request (the contract cases are narrow)."""
        if rule.kind == "cursor_reset":
            return b"cursor=" in scope.get("query_string", b"")
        if rule.kind == "damage_partial":
            return self.store is not None and _held_partial(self.store, _last_segment(scope)) is not None
        if rule.kind == "corrupt":
            return scope["method"] in ("PUT", "POST")
        return True

    async def _handle_quietly(self, scope: Scope, receive: Receive, send: Send) -> None:
        try:
            await self.app(scope, receive, send)
        except Exception as exc:  # noqa: BLE001 - the handler met the disconnect we caused
            log.debug("handler ended under an injected fault: %s", type(exc).__name__)

    async def _error(self, rule: FaultRule, scope: Scope, receive: Receive, send: Send,
                     default_status: int = 500) -> None:
        if rule.commit:
            await self._handle_quietly(scope, receive, _discard)
        status = rule.status or default_status
        headers = []
        wait = rule.retry_after if rule.retry_after is not None else (1 if status == 429 else None)
        if wait is not None:
            headers.append((b"retry-after", str(wait).encode()))
        body = json.dumps({"code": rule.code or "injected_fault",
                           "message": f"injected {rule.kind} ({status})"}).encode()
        await _answer(send, status, body, "application/json", headers)

    async def _rate_limit(self, rule: FaultRule, scope: Scope, receive: Receive, send: Send) -> None:
        await self._error(rule, scope, receive, send, default_status=429)

    async def _slow(self, rule: FaultRule, scope: Scope, receive: Receive, send: Send) -> None:
        try:
            await asyncio.sleep(rule.delay)
        except asyncio.CancelledError:  # the server is stopping under a slow answer: end quietly
            return
        await self.app(scope, receive, send)

    async def _garbage(self, rule: FaultRule, scope: Scope, receive: Receive, send: Send) -> None:
        if rule.commit:
            await self._handle_quietly(scope, receive, _discard)
        body = rule.body.encode("utf-8") if rule.body is not None else GARBAGE
        await _answer(send, rule.status or 200, body, rule.content_type)

    async def _captive_portal(self, rule: FaultRule, scope: Scope, receive: Receive, send: Send) -> None:
        if rule.commit:
            await self._handle_quietly(scope, receive, _discard)
        status = rule.status or 200
        headers = [(b"location", b"http://portal.example/login")] if 300 <= status < 400 else []
        await _answer(send, status, PORTAL_PAGE, "text/html; charset=utf-8", headers)

    async def _lost_ack(self, rule: FaultRule, scope: Scope, receive: Receive, send: Send) -> None:
        await self._handle_quietly(scope, receive, _discard)
        if not _abort(receive):
            raise ConnectionAbortedError("injected lost acknowledgement")

    async def _reset(self, rule: FaultRule, scope: Scope, receive: Receive, send: Send) -> None:
        if rule.phase == "response":
            return await self._reset_response(scope, receive, send)
        length = dict(scope.get("headers") or []).get(b"content-length", b"")
        declared = int(length) if length.isdigit() else 0
        limit = rule.after_bytes if rule.after_bytes is not None else declared // 2
        passed, cut = 0, False

        async def receive_until_cut() -> Message:
            nonlocal passed, cut
            if cut:
                _abort(receive)
                return {"type": "http.disconnect"}
            message = await receive()
            if message["type"] != "http.request":
                return message
            body = message.get("body", b"")
            if passed + len(body) >= limit or not message.get("more_body", False):
                cut = True
                return {"type": "http.request", "body": body[:max(limit - passed, 0)], "more_body": True}
            passed += len(body)
            return message

        await self._handle_quietly(scope, receive_until_cut, _discard)
        if not _abort(receive):  # also when the handler answered before reading that far
            raise ConnectionResetError("injected reset")

    async def _reset_response(self, scope: Scope, receive: Receive, send: Send) -> None:
        async def send_half(message: Message) -> None:
            if message["type"] == "http.response.start":
                await send(message)
            elif message["type"] == "http.response.body":
                body = message.get("body", b"")
                await send({"type": "http.response.body", "body": body[:len(body) // 2], "more_body": True})
                await asyncio.sleep(0.05)  # let the half leave before the connection drops
                _abort(receive)
                raise ConnectionResetError("injected reset mid-answer")

        await self._handle_quietly(scope, receive, send_half)

    # ---- cases a centre that follows the contract can produce ---------------------------

    async def _corrupt(self, rule: FaultRule, scope: Scope, receive: Receive, send: Send) -> None:
        at = rule.after_bytes or 0
        passed = 0

        async def receive_damaged() -> Message:
            nonlocal passed
            message = await receive()
            body = message.get("body", b"")
            if message["type"] == "http.request" and passed <= at < passed + len(body):
                index = at - passed
                body = body[:index] + bytes([body[index] ^ 0xFF]) + body[index + 1:]
                message = {**message, "body": body}
            passed += len(message.get("body", b""))
            return message

        await self.app(scope, receive_damaged, send)

    async def _damage_partial(self, rule: FaultRule, scope: Scope, receive: Receive, send: Send) -> None:
        _damage_held(self.store, _last_segment(scope))
        await self.app(scope, receive, send)

    async def _cursor_reset(self, rule: FaultRule, scope: Scope, receive: Receive, send: Send) -> None:
        body = json.dumps({"code": "bad_cursor", "message": "this centre did not issue that cursor"}).encode()
        await _answer(send, 400, body, "application/json")

    async def _leap_second(self, rule: FaultRule, scope: Scope, receive: Receive, send: Send) -> None:
        leap = rule.body or f"{_dt.datetime.now(_dt.UTC).year}-12-31T23:59:60Z"
        await self.app({**scope, SERVER_TIME_KEY: leap}, receive, send)

    async def _mistype(self, rule: FaultRule, scope: Scope, receive: Receive, send: Send) -> None:
        await self._rewrite_answer(scope, receive, send, lambda body: _mistype(body, rule.field))

    async def _upper_uuids(self, rule: FaultRule, scope: Scope, receive: Receive, send: Send) -> None:
        await self._rewrite_answer(scope, receive, send,
                                   lambda body: _UUID_ANY_CASE.sub(lambda m: m.group(0).upper(), body))

    async def _rewrite_answer(self, scope: Scope, receive: Receive, send: Send,
                              change: Callable[[bytes], bytes]) -> None:
        """Run the handler, then send its answer with the body changed (length fixed)."""
        start: Message = {}
        parts: list[bytes] = []

        async def collect(message: Message) -> None:
            nonlocal start
            if message["type"] == "http.response.start":
                start = message
                return
            parts.append(message.get("body", b""))
            if message.get("more_body", False):
                return
            body = change(b"".join(parts))
            headers = [(k, v) for k, v in start.get("headers", []) if k.lower() != b"content-length"]
            headers.append((b"content-length", str(len(body)).encode()))
            await send({**start, "headers": headers})
            await send({"type": "http.response.body", "body": body})

        await self.app(scope, receive, collect)


def _last_segment(scope: Scope) -> str:
    return scope["path"].rstrip("/").rsplit("/", 1)[-1]


def _held_partial(store: Any, sha256: str) -> bytes | None:
    """The bytes the centre holds of a partial attachment (any station), or None."""
    with store._tx() as db:
        row = db.execute("SELECT data FROM attachments WHERE sha256 = ? AND state = 'partial' AND length(data) > 0",
                         (sha256,)).fetchone()
    return bytes(row[0]) if row else None


def _damage_held(store: Any, sha256: str) -> None:
    """Flip the first byte the centre holds of a partial attachment (damage at rest)."""
    with store._tx() as db:
        for rowid, data in db.execute("SELECT rowid, data FROM attachments WHERE sha256 = ? AND state = 'partial'"
                                      " AND length(data) > 0", (sha256,)).fetchall():
            damaged = bytes([data[0] ^ 0xFF]) + bytes(data[1:])
            db.execute("UPDATE attachments SET data = ? WHERE rowid = ?", (damaged, rowid))


def _mistype(body: bytes, field: str | None) -> bytes:
    """The answer with one value's JSON type changed (a boolean or integer sent as a string)."""
    try:
        document = json.loads(body)
    except ValueError:
        return body
    if not isinstance(document, dict):
        return body
    names = [field] if field else [name for name, value in document.items()
                                   if isinstance(value, (bool, int)) and not isinstance(value, float)]
    for name in names:
        value = document.get(name)
        if isinstance(value, bool):
            document[name] = _MISTYPED[value]
        elif isinstance(value, int):
            document[name] = str(value)
        else:
            continue
        return json.dumps(document).encode()
    return body
