"""Versioned schema migrations of the local store.

`PRAGMA user_version` holds the version reached.  Each migration is a list of
statements run in one transaction with the version bump, so an upgrade
interrupted at any point leaves the previous version intact.  Never edit a
released migration: add a new one.

A step is an SQL statement, or a function taking a `sqlite_utils.Database` on the
migration's connection (for `create` / `add_column`, which say more plainly what a
new table or column is); both run inside the same transaction (kiosk/store.py).
"""

from __future__ import annotations

from typing import Callable, Union

Step = Union[str, Callable[..., object]]  # SQL, or a function of a sqlite_utils.Database

MIGRATIONS: list[list[Step]] = [
    # 1: the first schema.
    [
        """CREATE TABLE applications (
            uuid TEXT PRIMARY KEY,          -- client UUID, the idempotency key towards the centre
            number TEXT NOT NULL UNIQUE,    -- application number shown on the receipt
            seq INTEGER NOT NULL UNIQUE,    -- the kiosk's monotonic sequence
            service_id TEXT NOT NULL,
            locale TEXT NOT NULL,
            created_at TEXT NOT NULL,       -- kiosk wall time (UTC ISO 8601)
            status TEXT NOT NULL DEFAULT 'queued',
            id_lookup TEXT,                 -- blind index of the ID number (HMAC), never the number
            payload BLOB,                   -- sealed JSON: answers, identity; NULL once purged
            purged_at TEXT
        )""",
        "CREATE INDEX applications_id_lookup ON applications(id_lookup)",
        """CREATE TABLE attachments (
            id INTEGER PRIMARY KEY,
            application_uuid TEXT NOT NULL REFERENCES applications(uuid),
            name TEXT NOT NULL,             -- which document (catalog field id)
            mime TEXT NOT NULL,
            size INTEGER NOT NULL,
            sha256 TEXT NOT NULL,           -- of the plaintext, verified by the centre
            data BLOB                       -- sealed bytes; NULL once purged
        )""",
        "CREATE INDEX attachments_application ON attachments(application_uuid)",
        """CREATE TABLE outbox (
            id INTEGER PRIMARY KEY AUTOINCREMENT,  -- send order
            application_uuid TEXT NOT NULL UNIQUE REFERENCES applications(uuid),
            state TEXT NOT NULL DEFAULT 'pending',
            attempts INTEGER NOT NULL DEFAULT 0,
            next_attempt_at REAL NOT NULL DEFAULT 0,
            last_error TEXT,
            created_at TEXT NOT NULL
        )""",
        """CREATE TABLE receipts (
            number TEXT PRIMARY KEY,
            application_uuid TEXT NOT NULL UNIQUE REFERENCES applications(uuid),
            issued_at TEXT NOT NULL,
            qr_text TEXT NOT NULL,
            printed INTEGER NOT NULL DEFAULT 0
        )""",
        """CREATE TABLE audit_log (
            id INTEGER PRIMARY KEY,
            at TEXT NOT NULL,
            actor TEXT NOT NULL,
            action TEXT NOT NULL,
            subject TEXT NOT NULL DEFAULT '',
            detail TEXT NOT NULL DEFAULT '',
            prev_hash TEXT NOT NULL,
            hash TEXT NOT NULL
        )""",
        # Append-only: the database itself refuses edits and deletes of audit rows.
        """CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
           BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END""",
        """CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
           BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END""",
        "CREATE TABLE counters (name TEXT PRIMARY KEY, value INTEGER NOT NULL)",
    ],
    # 2: help requests from the home screen; how identity was established.
    [
        """CREATE TABLE help_requests (
            id INTEGER PRIMARY KEY,
            at TEXT NOT NULL,
            screen TEXT NOT NULL,
            service_id TEXT NOT NULL DEFAULT '',
            state TEXT NOT NULL DEFAULT 'open'
        )""",
        "ALTER TABLE applications ADD COLUMN identity_method TEXT NOT NULL DEFAULT ''",
        "ALTER TABLE applications ADD COLUMN face_check TEXT NOT NULL DEFAULT ''",
    ],
    # 3: sync: the outbox's attempt bookkeeping and quarantine, the centre's receipt and
    # review status on each application, and one row of sync state (cursor, preflight, skew).
    [
        "ALTER TABLE outbox ADD COLUMN sending_since REAL",           # set while an attempt is in flight
        "ALTER TABLE outbox ADD COLUMN last_attempt_at TEXT",
        "ALTER TABLE outbox ADD COLUMN quarantined_at TEXT",          # set aside for a helper
        "ALTER TABLE outbox ADD COLUMN quarantine_reason TEXT",
        "CREATE INDEX outbox_due ON outbox(state, next_attempt_at)",
        "ALTER TABLE applications ADD COLUMN central_id TEXT",
        "ALTER TABLE applications ADD COLUMN received_at TEXT",       # the centre's clock
        "ALTER TABLE applications ADD COLUMN accepted_at TEXT",       # kiosk time of the positive answer
        "ALTER TABLE applications ADD COLUMN status_changed_at TEXT",
        "ALTER TABLE applications ADD COLUMN status_reason TEXT",
        "CREATE INDEX applications_accepted ON applications(accepted_at)",
        """CREATE TABLE sync_state (
            id INTEGER PRIMARY KEY CHECK (id = 1),
            status_cursor TEXT,
            catalog_version INTEGER NOT NULL DEFAULT 0,
            state TEXT NOT NULL DEFAULT 'unknown',  -- online, offline, not_central, stopped, unknown
            state_code TEXT NOT NULL DEFAULT '',    -- message code for helpers (sync.captive_portal ...)
            state_detail TEXT NOT NULL DEFAULT '',
            preflight_at TEXT,
            preflight_failures INTEGER NOT NULL DEFAULT 0,
            next_preflight_at REAL NOT NULL DEFAULT 0,
            last_success_at TEXT,
            clock_skew REAL                         -- seconds the centre is ahead of the kiosk
        )""",
        "INSERT INTO sync_state(id) VALUES (1)",
    ],
    # 4: why the newest catalog from the centre was refused (the last good one stays in use),
    # and a set-aside record's message from the centre, sealed (a centre might echo personal data).
    [
        "ALTER TABLE sync_state ADD COLUMN catalog_problem TEXT NOT NULL DEFAULT ''",
        "ALTER TABLE sync_state ADD COLUMN catalog_problem_at TEXT",
        "ALTER TABLE outbox ADD COLUMN quarantine_message BLOB",
    ],
    # 5: sync against any centre that follows the contract (issue 11) and a clock that jumps (issue 10):
    # each scheduled time keeps the wait it was made from, so a time pushed far ahead by a wrong clock
    # is brought back within that wait of now; the centre-wide "not before" (Retry-After on health)
    # outlives the process; statuses the centre sent for records it never acknowledged are counted;
    # the centre's free-text status reason is sealed (the clear column is kept empty).
    [
        "ALTER TABLE outbox ADD COLUMN next_attempt_wait REAL NOT NULL DEFAULT 0",
        "ALTER TABLE sync_state ADD COLUMN next_preflight_wait REAL NOT NULL DEFAULT 0",
        "ALTER TABLE sync_state ADD COLUMN not_before REAL NOT NULL DEFAULT 0",
        "ALTER TABLE sync_state ADD COLUMN not_before_wait REAL NOT NULL DEFAULT 0",
        "ALTER TABLE sync_state ADD COLUMN statuses_ignored INTEGER NOT NULL DEFAULT 0",
        "ALTER TABLE applications ADD COLUMN status_reason_sealed BLOB",
    ],
    # 6: which key sealed this database: a check value derived from the key (never the key), so a
    # missing or replaced key file stops start-up instead of orphaning the queue (kiosk.store_key).
    [
        """CREATE TABLE store_key (
            id INTEGER PRIMARY KEY CHECK (id = 1),
            key_id TEXT NOT NULL,
            recorded_at TEXT NOT NULL
        )""",
    ],
    # 7: the 好差评 rating a resident gives after the receipt (issue 16), and its own small queue to the
    # centre: the application number, the service, the level and ticked reasons; nothing personal.
    [
        """CREATE TABLE ratings (
            uuid TEXT PRIMARY KEY,
            application_number TEXT NOT NULL,
            service_id TEXT NOT NULL,
            level TEXT NOT NULL,
            reasons TEXT NOT NULL DEFAULT '',
            helper_called INTEGER NOT NULL DEFAULT 0,
            rated_at TEXT NOT NULL,
            attempts INTEGER NOT NULL DEFAULT 0,
            next_attempt_at REAL NOT NULL DEFAULT 0,
            sent_at TEXT
        )""",
        "CREATE INDEX ratings_unsent ON ratings(sent_at, next_attempt_at)",
    ],
    # 8: a rating the centre refuses (invalid: 422; another rating already under its UUID: 409) is set
    # aside with the codes of why, seen in `waystation doctor` and `export --what ratings`, and no longer
    # retried: retrying cannot change the centre's answer (issue 16).
    [
        "ALTER TABLE ratings ADD COLUMN set_aside_at TEXT",
        "ALTER TABLE ratings ADD COLUMN set_aside_reason TEXT NOT NULL DEFAULT ''",
    ],
]

LATEST = len(MIGRATIONS)
STORE_KEY_CHECK = 6  # the migration that added the key's check value (tests open stores from just before it)
