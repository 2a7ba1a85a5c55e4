"""Sync: the kiosk's link to the central service, and the contract it speaks.

- `openapi.yaml` is the protocol (OpenAPI 3.1): the document any central system
  implements.  Everything below follows it.
- `protocol` holds the wire models and the small shared rules (health proof,
  identifiers); `signing` the Ed25519 catalog signature.
- `client` is the protocol client over `requests`: one method a call, every
  call with a timeout and TLS verification that cannot be switched off.  Each
  failure is a `SyncError` subclass from `errors` whose `action` tells the
  outbox worker what to do (retry later, quarantine, conflict, stop).
- `central/` is a reference central server (FastAPI + uvicorn) with its own
  store and fault injection, used by tests, benchmarks and `waystation central`.
- `central.tls_ca` makes throw-away certificate authorities for loopback TLS.

`sync/` imports the core (`kiosk.errors`, `kiosk.messages`); it never imports
`ui/` or `devices/`.
"""
