"""A reference central service implementing `sync/openapi.yaml`, for tests, benchmarks and demos.

- `create_app(db_path, tokens, catalog_signing_key, faults=None, *, admin_token=None, limits=None)`:
  the ASGI app (FastAPI inside a fault-injection middleware), with its own SQLite store
  (created 0600); `CentralLimits`: unfinished uploads' time to live and per-station
  quota, failed authentications allowed per address.
- `run_server(host, port, certfile, keyfile, ...)`: serve it over TLS in a thread;
  `serve(...)` in the foreground; `spawn_server(config_file)` in a child process.
- `Faults` / `FaultRule`: failures to inject (5xx, reset mid-body, slow, lost
  acknowledgement, 429, garbage, captive portal) and the cases a centre that follows
  the contract can produce (damaged uploads, cursor resets, leap seconds, mistyped
  answers, upper-case UUIDs), per request pattern or via /admin.

It is a reference, not a product: one process, one SQLite file, no review UI.
"""

from sync.central.app import CentralApp, create_app
from sync.central.faults import CONTRACT_FAULT_KINDS, FAULT_KINDS, NETWORK_FAULT_KINDS, FaultRule, Faults
from sync.central.limits import CentralLimits
from sync.central.runner import RunningServer, SpawnedServer, run_server, serve, spawn_server
from sync.central.store import CentralStore

__all__ = ["CONTRACT_FAULT_KINDS", "FAULT_KINDS", "NETWORK_FAULT_KINDS", "CentralApp", "CentralLimits", "CentralStore",
           "FaultRule", "Faults", "RunningServer",
           "SpawnedServer", "create_app", "run_server", "serve", "spawn_server"]
