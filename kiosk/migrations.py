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

# Station helpers (issue 13).  The roster: helper number, name, role and a scrypt hash of the PIN
# (kiosk/pin_hash.py; never the PIN); staff cards by a keyed hash of their UID (never the UID); failed
# sign-ins and the lock they lead to, per helper number as typed (numbers not on the roster too, so a
# lockout tells nobody whether a number exists), on the wall clock so a lock outlives a restart; and how
# long a resident's visit took, from choosing the service to submitting (the helpers' Today figures).
_HELPER_ROSTER: list[Step] = [
    """CREATE TABLE helpers (
        number TEXT PRIMARY KEY,        -- the helper number typed at sign-in (digits)
        name TEXT NOT NULL,
        role TEXT NOT NULL CHECK (role IN ('helper', 'supervisor')),
        pin_hash TEXT NOT NULL,         -- scrypt$<log2 N>$<r>$<p>$<salt>$<hash> of the peppered PIN
        enabled INTEGER NOT NULL DEFAULT 1,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
    )""",
    """CREATE TABLE staff_cards (
        card_index TEXT PRIMARY KEY,    -- keyed hash of the card's UID (kiosk/roster.py), never the UID
        helper_number TEXT NOT NULL REFERENCES helpers(number),
        registered_at TEXT NOT NULL
    )""",
    "CREATE INDEX staff_cards_helper ON staff_cards(helper_number)",
    """CREATE TABLE sign_in_failures (
        number TEXT PRIMARY KEY,        -- as typed: also numbers no helper has
        failures INTEGER NOT NULL DEFAULT 0,
        locked_until REAL NOT NULL DEFAULT 0,   -- wall-clock seconds; 0: not locked
        last_failure_at REAL NOT NULL DEFAULT 0
    )""",
    "ALTER TABLE applications ADD COLUMN visit_seconds REAL",  # NULL for visits before this version
]

# Guided and proxy applications, and corrections (issue 13): how an application was made ('' for
# self-service, guided, proxy) and by which helper (a staff number, not a resident's data), and the
# link between a corrected application and its correction (UUIDs).  The rest (consent, the proxy's
# two people) is in the sealed payload.
_ASSISTED = [
    "ALTER TABLE applications ADD COLUMN assistance TEXT NOT NULL DEFAULT ''",
    "ALTER TABLE applications ADD COLUMN assisted_by TEXT NOT NULL DEFAULT ''",
    "ALTER TABLE applications ADD COLUMN corrects TEXT",      # the application this one corrects
    "ALTER TABLE applications ADD COLUMN corrected_by TEXT",  # the correction that replaced this one
]

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
    # 8: guided and proxy applications, corrections (issue 13; see _ASSISTED above).
    _ASSISTED,
]


def _help_request_uuids(db) -> None:
    """Each help request kept so far gets its client UUID (the idempotency key towards the centre)."""
    import uuid

    for (row_id,) in db.execute("SELECT id FROM help_requests WHERE uuid IS NULL").fetchall():
        db.execute("UPDATE help_requests SET uuid = ? WHERE id = ?", (str(uuid.uuid4()), row_id))


# Help requests get a client UUID and a life (open → acknowledged → resolved, each with the helper's
# number and time) and their own small queue to the centre (`sent_state`: the furthest state the centre
# has accepted).  Requests kept before this nobody ever saw: they are closed here and never sent.
# Faces a helper must confirm: one row an application submitted as `helper_to_confirm`, holding the card
# photo (sealed) until a helper decides or the wait runs out, then the decision's own queue to the centre.
HELP_DESK_STEPS: list[Step] = [
    "ALTER TABLE help_requests ADD COLUMN uuid TEXT",
    _help_request_uuids,
    "CREATE UNIQUE INDEX help_requests_uuid ON help_requests(uuid)",
    "ALTER TABLE help_requests ADD COLUMN acknowledged_by TEXT",
    "ALTER TABLE help_requests ADD COLUMN acknowledged_at TEXT",
    "ALTER TABLE help_requests ADD COLUMN resolved_by TEXT",
    "ALTER TABLE help_requests ADD COLUMN resolved_at TEXT",
    "ALTER TABLE help_requests ADD COLUMN sent_state TEXT",        # NULL: the centre has nothing yet
    "ALTER TABLE help_requests ADD COLUMN attempts INTEGER NOT NULL DEFAULT 0",
    "ALTER TABLE help_requests ADD COLUMN next_attempt_at REAL NOT NULL DEFAULT 0",
    "UPDATE help_requests SET state = 'resolved', resolved_at = at, sent_state = 'resolved'",
    "CREATE INDEX help_requests_state ON help_requests(state)",
    """CREATE TABLE face_reviews (
        application_uuid TEXT PRIMARY KEY REFERENCES applications(uuid),
        submitted_at TEXT NOT NULL,     -- the application's created_at (kiosk UTC)
        liveness TEXT NOT NULL DEFAULT '',
        matcher TEXT NOT NULL DEFAULT '',  -- the automatic matcher's view: not_matched, unclear, not_compared
        card_photo BLOB,                -- sealed; NULL when the card gave none, and once decided
        outcome TEXT,                   -- same_person, not_same_person, not_decided; NULL while waiting
        decided_by TEXT,                -- the helper's number (NULL for not_decided)
        decided_at TEXT,
        attempts INTEGER NOT NULL DEFAULT 0,
        next_attempt_at REAL NOT NULL DEFAULT 0,
        sent_at TEXT                    -- the centre accepted the decision
    )""",
    "CREATE INDEX face_reviews_waiting ON face_reviews(outcome, sent_at)",
]
MIGRATIONS.append(HELP_DESK_STEPS)
MIGRATIONS.append(_HELPER_ROSTER)  # station helpers' roster, sign-in failures, visit times (see above)
# A rating the centre refuses (invalid: 422; another rating already under its UUID: 409) is set aside
# with the codes of why, seen in `waystation doctor` and `export --what ratings`, and no longer
# retried: retrying cannot change the centre's answer (issue 16).
RATINGS_SET_ASIDE_STEPS: list[Step] = [
    "ALTER TABLE ratings ADD COLUMN set_aside_at TEXT",
    "ALTER TABLE ratings ADD COLUMN set_aside_reason TEXT NOT NULL DEFAULT ''",
]
MIGRATIONS.append(RATINGS_SET_ASIDE_STEPS)

LATEST = len(MIGRATIONS)
ASSISTED_APPLICATIONS = next(i for i, step in enumerate(MIGRATIONS) if step is _ASSISTED) + 1
STORE_KEY_CHECK = 6  # the migration that added the key's check value (tests open stores from just before it)
HELPERS = MIGRATIONS.index(_HELPER_ROSTER) + 1  # the helper roster (issue 13)
HELP_DESK = MIGRATIONS.index(HELP_DESK_STEPS) + 1  # help requests' life and queue, faces to confirm (issue 13)
