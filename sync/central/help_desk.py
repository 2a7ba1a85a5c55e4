"""The reference centre's help-desk routes: stations' help requests and helpers' face reviews.

- `PUT /v1/help-requests/{uuid}` (station token): a resident's call for a helper and how far it got.
  Idempotent on the UUID and monotonic: a state behind the one held changes nothing, so a late
  "open" never undoes "resolved".  The body names the sending station; another station's id is
  `422 station_mismatch` (a kiosk configured with the wrong id must not file requests for another).
- `GET /v1/help-requests` (the helper desk's token; here the centre's admin token): the requests a
  remote helper desk must see, by state (`open` by default), oldest first.  A station's token is
  refused: a station sees no other station's requests.
- `PUT /v1/applications/{uuid}/face-review` (station token): a station helper's decision on an
  application's faces, once per application (another decision for it is `409 idempotency_conflict`;
  one for an application whose face check was not left to a helper, `409 no_face_review`).

The handlers read their bodies with the centre's one strict reader (`app._json_body`).
"""

from __future__ import annotations

import hmac
import re
from collections.abc import Callable

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse, Response

from sync.central.http_errors import CentralError
from sync.central.limits import AuthThrottle, client_address, refuse_if_throttled
from sync.central.store import CentralStore, ConflictError, NoFaceReviewError, NotFoundError
from sync.protocol import HELP_REQUEST_PAGE_MAX, HELP_REQUEST_STATES, FaceReviewIn, HelpRequestIn

MAX_HELP_REQUEST_BYTES = 8 * 1024  # a help request or a face review is a few hundred bytes
_UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
_STATION = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]{0,63}")


def help_desk_routes(router: APIRouter, store: CentralStore, identify: Callable[[Request], tuple[str, str]],
                     desk_token: str | None, throttle: AuthThrottle) -> None:
    """Add the routes to the station API `router`; `identify` is the station-token check."""
    from sync.central.app import _json_body, _path_id  # the one strict body reader (app imports this module)

    expected = f"Bearer {desk_token}".encode() if desk_token else None

    def desk(request: Request) -> None:
        refuse_if_throttled(throttle, request)
        given = request.headers.get("authorization", "").encode("utf-8", "replace")
        if expected is None or not hmac.compare_digest(given, expected):
            throttle.failed(client_address(request))
            raise CentralError(401, "unauthorized", "the helper desk's token is required",
                               {"WWW-Authenticate": 'Bearer realm="waystation-desk"'})

    @router.put("/help-requests/{uuid}")
    async def put_help_request(uuid: str, request: Request) -> Response:
        station_id, _ = identify(request)
        _path_id(uuid, _UUID, "the help request UUID")
        parsed = await _json_body(request, HelpRequestIn, MAX_HELP_REQUEST_BYTES, "help_request")
        if parsed is None:
            return Response(status_code=400)  # nobody is listening; nothing was stored
        help_request, _ = parsed
        if help_request.station_id != station_id:
            raise CentralError(422, "station_mismatch", "station_id is not the station this token belongs to")
        try:
            view, created = store.put_help_request(station_id, uuid, help_request)
        except ConflictError:
            raise CentralError(409, "idempotency_conflict",
                               "this UUID is already used for another request, or with other times") from None
        return JSONResponse(view, status_code=201 if created else 200)

    @router.get("/help-requests")
    async def list_help_requests(request: Request) -> Response:
        desk(request)
        state = request.query_params.get("state", "open")
        if state not in HELP_REQUEST_STATES:
            raise CentralError(422, "invalid_request", "state must be open, acknowledged or resolved")
        limit = request.query_params.get("limit", "100")
        if not (limit.isascii() and limit.isdigit() and 1 <= int(limit) <= HELP_REQUEST_PAGE_MAX):
            raise CentralError(422, "invalid_request", f"limit must be 1 to {HELP_REQUEST_PAGE_MAX}")
        station = request.query_params.get("station")
        if station is not None and not _STATION.fullmatch(station):
            raise CentralError(422, "invalid_request", "station is not a station id")
        items, more = store.help_requests(state, station, int(limit))
        return JSONResponse({"items": items, "more": more})

    @router.put("/applications/{uuid}/face-review")
    async def put_face_review(uuid: str, request: Request) -> Response:
        station_id, _ = identify(request)
        _path_id(uuid, _UUID, "the application UUID")
        parsed = await _json_body(request, FaceReviewIn, MAX_HELP_REQUEST_BYTES, "face_review")
        if parsed is None:
            return Response(status_code=400)
        review, digest = parsed
        try:
            view, created = store.put_face_review(station_id, uuid, review, digest)
        except NotFoundError:
            raise CentralError(404, "not_found", "no application with this UUID from this station") from None
        except NoFaceReviewError:
            raise CentralError(409, "no_face_review",
                               "this application's face check was not left to a helper") from None
        except ConflictError:
            raise CentralError(409, "idempotency_conflict", "another review of this application is held") from None
        return JSONResponse(view, status_code=201 if created else 200)
