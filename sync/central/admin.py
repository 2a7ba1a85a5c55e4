"""Admin endpoints of the reference centre (not part of the station protocol).

Tests, benchmarks and demos drive the centre through them when it runs in
another process: inject or clear faults, publish a signed catalog, record a
reviewer's decision, read counts.  They need `Authorization: Bearer <admin token>`
and exist only when `create_app` was given an admin token.

  GET    /admin/faults                    active rules and how often each kind fired
  POST   /admin/faults                    add a rule (JSON of `FaultRule`)
  DELETE /admin/faults                    remove every rule
  PUT    /admin/catalog                   publish a catalog (JSON object) -> {"version"}
  POST   /admin/applications/{uuid}/status  {"status", "reason"}
  GET    /admin/stats                     store counts (see `CentralStore.stats`)
"""

from __future__ import annotations

import hmac
import json

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse, Response
from pydantic import ValidationError

from sync.central.faults import FaultRule, Faults
from sync.central.http_errors import CentralError
from sync.central.limits import AuthThrottle, client_address, refuse_if_throttled
from sync.central.store import CentralStore, ConflictError, NotFoundError


def admin_router(store: CentralStore, faults: Faults, admin_token: str, throttle: AuthThrottle) -> APIRouter:
    """The /admin endpoints; failed admin authentications count in `throttle` like a station's."""
    router = APIRouter(prefix="/admin")
    expected = f"Bearer {admin_token}".encode()

    def check(request: Request) -> None:
        refuse_if_throttled(throttle, request)
        given = request.headers.get("authorization", "").encode("utf-8", "replace")
        if not hmac.compare_digest(given, expected):
            throttle.failed(client_address(request))
            raise CentralError(401, "unauthorized", "the admin token is required")

    async def json_body(request: Request) -> object:
        try:
            return json.loads(await request.body())
        except (ValueError, RecursionError):
            raise CentralError(400, "malformed_json", "the body is not JSON") from None

    @router.get("/faults")
    async def list_faults(request: Request) -> Response:
        check(request)
        return JSONResponse({"rules": [rule.model_dump() for rule in faults.rules()], "fired": dict(faults.fired)})

    @router.post("/faults")
    async def add_fault(request: Request) -> Response:
        check(request)
        try:
            rule = faults.add(FaultRule.model_validate(await json_body(request)))
        except (ValidationError, ValueError) as exc:
            raise CentralError(422, "invalid_request", f"not a fault rule: {str(exc)[:300]}") from None
        return JSONResponse(rule.model_dump(), status_code=201)

    @router.delete("/faults")
    async def clear_faults(request: Request) -> Response:
        check(request)
        faults.clear()
        return Response(status_code=204)

    @router.put("/catalog")
    async def publish(request: Request) -> Response:
        check(request)
        catalog = await json_body(request)
        if not isinstance(catalog, dict):
            raise CentralError(422, "invalid_request", "a catalog is a JSON object")
        return JSONResponse({"version": store.publish_catalog(catalog)}, status_code=201)

    @router.post("/applications/{uuid}/status")
    async def decide(uuid: str, request: Request) -> Response:
        check(request)
        body = await json_body(request)
        if not isinstance(body, dict) or not isinstance(body.get("status"), str):
            raise CentralError(422, "invalid_request", 'send {"status": ..., "reason": ...}')
        try:
            store.set_status(uuid, body["status"], body.get("reason"))
        except NotFoundError:
            raise CentralError(404, "not_found", "no such application") from None
        except ConflictError as exc:
            raise CentralError(409, "not_complete", str(exc)) from None
        except ValueError as exc:
            raise CentralError(422, "invalid_request", str(exc)) from None
        return Response(status_code=204)

    @router.get("/stats")
    async def stats(request: Request) -> Response:
        check(request)
        return JSONResponse({**store.stats(), "faults_fired": dict(faults.fired)})

    return router
