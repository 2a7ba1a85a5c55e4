"""The small queues the sync worker sends beside the outbox: help requests, 好差评 ratings, face reviews.

Each is a table of the core with the same four verbs (`due`, `attempts`, `claim`, `mark_sent`) and one
idempotent PUT of the protocol, so one loop sends them all, with the outbox's rules:

- the attempt is counted (and the next one scheduled, with backoff) before the request goes, and an
  item is marked sent only after the centre's positive answer: a lost answer or a kill costs a
  replay, which the centre answers as one (the PUTs are idempotent on their UUIDs), never a copy;
- an item the centre refuses (400/409/413/415/422) never holds up anything else: a rating is set
  aside with the codes of why (kiosk.ratings.set_aside: doctor and export show it) and not sent again;
  the others wait the longest backoff (there is nothing a helper could correct in them);
- anything that pauses the queue (offline, 5xx, 429, a portal) pauses these too: the worker's state
  says why, as for applications.

Order in a pass (sync/worker.py): help requests first (someone is waiting at the station: a remote
desk should know at once), then the applications, then ratings and face reviews, which name
applications and so follow them.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from kiosk import face_reviews, help_requests, ratings
from kiosk.store import Store
from sync import errors as sync_errors
from kiosk.errors import SyncError

if TYPE_CHECKING:
    from sync.worker import PassResult, SyncWorker

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class SideQueue:
    """One small queue: where its items come from, how one is sent, and what a sent one counts as."""

    name: str  # for log lines
    counter: str  # the PassResult field counting what the centre accepted
    due: Callable[[Store, float], list]
    key: Callable[[Any], str]
    attempts: Callable[[Store, str], int]
    claim: Callable[[Store, str, float, float], None]
    send: Callable[["SyncWorker", Any], Any]
    mark_sent: Callable[[Store, Any], None]
    before: Callable[["SyncWorker"], None] | None = None  # housekeeping before the due items are read
    # a refused item kept aside, never sent again: (store, key, our code, the centre's code); None: retried later
    set_aside: Callable[[Store, str, str, str], None] | None = None
    set_aside_counter: str = ""  # the PassResult field counting items set aside


def _send_help_request(worker: "SyncWorker", request: help_requests.HelpRequest) -> Any:
    return worker.client.put_help_request(request.uuid, request.body(worker.station_id or ""))


def _close_late_face_reviews(worker: "SyncWorker") -> None:
    face_reviews.expire(worker.store, worker.face_review_hours)


HELP_REQUESTS = SideQueue(
    "help request", "help_requests_sent", help_requests.due, lambda request: request.uuid, help_requests.attempts,
    help_requests.claim, _send_help_request,
    # The state that was sent, not the request's state now: a helper may have moved it on meanwhile.
    lambda store, request: help_requests.mark_sent(store, request.uuid, request.state))
RATINGS = SideQueue(
    "rating", "ratings_sent", ratings.due, lambda rating: rating.uuid, ratings.attempts, ratings.claim,
    lambda worker, rating: worker.client.put_rating(rating.uuid, rating.body()),
    lambda store, rating: ratings.mark_sent(store, rating.uuid),
    set_aside=ratings.set_aside, set_aside_counter="ratings_set_aside")
FACE_REVIEWS = SideQueue(
    "face review", "face_reviews_sent", face_reviews.due, lambda decision: decision.application_uuid,
    face_reviews.attempts, face_reviews.claim,
    lambda worker, decision: worker.client.put_face_review(decision.application_uuid, decision.body()),
    lambda store, decision: face_reviews.mark_sent(store, decision.application_uuid),
    before=_close_late_face_reviews)


def push(worker: "SyncWorker", queue: SideQueue, result: "PassResult") -> bool:
    """Send what is due on `queue`; False if the centre paused the queue (the worker's state says why)."""
    store, clock, backoff = worker.store, worker.clock, worker.backoff
    if queue.before is not None:
        queue.before(worker)
    for item in queue.due(store, clock()):
        key = queue.key(item)
        queue.claim(store, key, backoff.delay(queue.attempts(store, key) + 1), clock())
        try:
            queue.send(worker, item)
        except SyncError as error:
            action = getattr(error, "action", sync_errors.RETRY)
            if action in (sync_errors.QUARANTINE, sync_errors.CONFLICT):
                server_code = getattr(error, "server_code", "")
                if queue.set_aside is not None:
                    log.warning("sync: the centre refused a %s (%s %s): set aside", queue.name, error.code, server_code)
                    queue.set_aside(store, key, error.code, server_code)
                    setattr(result, queue.set_aside_counter, getattr(result, queue.set_aside_counter) + 1)
                    continue
                log.warning("sync: the centre refused a %s (%s %s); retried after the longest wait", queue.name,
                            error.code, server_code)
                queue.claim(store, key, backoff.cap, clock())
                continue
            worker._went_wrong(error, result)
            return False
        queue.mark_sent(store, item)
        setattr(result, queue.counter, getattr(result, queue.counter) + 1)
    return True
