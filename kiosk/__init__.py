"""Waystation core: everything a resident's session needs, importable without Qt.

The core holds config, catalog, form validation, the session state machine,
the encrypted local store, receipts and the audit log.  `ui/`, `sync/` and
`devices/` depend on it; it depends on none of them (only `kiosk.cli`, the
composition root, imports them inside the commands that need them).
"""

__version__ = "0.1.0"
# A kiosk clock earlier than this is certainly wrong (doctor flags it).
BUILD_DATE = "2026-11-24"
