"""`waystation sync --once | --watch`: run the sync worker as its own process.

  python -m sync.command --config waystation.toml --once
  python -m sync.command --config waystation.toml --watch

`--once` runs one pass (preflight, push, pull, purge) and prints what it did;
exit 0 when the centre was reached, 1 when the queue is paused (offline,
portal, refused) and 3 when another worker holds the database.  `--watch`
runs until SIGTERM/SIGINT, standing by while a kiosk runs on the same data dir
(the kiosk syncs itself then; sync/standby.py).  Never two workers on one
database: a second `--once` exits with 3, `--watch` waits.
"""

from __future__ import annotations

import argparse
import logging
import signal
import sys
import threading
from collections.abc import Sequence

from kiosk import config as config_mod
from kiosk.errors import ConfigError, KioskError
from kiosk.private_files import owner_only_umask, require_private
from kiosk.store import open_store

EXIT_PAUSED = 1
EXIT_CONFIG = 2
EXIT_LOCKED = 3


def build_worker(config: config_mod.Config, *, backoff_base: float | None = None,
                 backoff_cap: float | None = None, preflight_base: float | None = None):
    """A SyncWorker on its own store connection and HTTP session (call on the worker's thread).

    A setting that keeps the worker from starting raises ConfigError naming the key,
    and (when the kiosk's database exists) leaves a `stopped` state with that code in
    sync_state, so `waystation doctor` and helpers see why nothing is sent."""
    from kiosk import outbox
    from kiosk.catalog import CatalogRepository
    from sync.worker import SyncWorker

    try:
        client = _client(config.central, config.station.id)
    except KioskError as error:
        _record_stopped(config, error)
        raise
    try:
        store = open_store(config)
    except BaseException:
        client.close()
        raise
    backoff = outbox.Backoff(base=backoff_base or 2.0, cap=backoff_cap or 900.0)
    preflight = outbox.Backoff(base=preflight_base or 5.0, cap=max(backoff_cap or 300.0, preflight_base or 5.0))
    repository = CatalogRepository(config.storage.data_dir) if config.central.catalog_public_key else None
    return SyncWorker(store, client, catalog_repository=repository, retention_days=config.storage.retention_days,
                      backoff=backoff, preflight_backoff=preflight)


def _client(central: config_mod.CentralConfig, station_id: str | None = None):
    """The protocol client the central settings describe; ConfigError naming the key when they cannot."""
    from sync.client import CentralClient

    if not central.url:
        raise ConfigError("config.invalid", key="central.url", problem="no central service configured")
    if central.token_file is None:
        raise ConfigError("config.invalid", key="central.token_file", problem="missing")
    require_private(central.token_file, "central.token_file")
    if central.ca_bundle is not None:
        require_private(central.ca_bundle, "central.ca_bundle")
    try:
        token = central.token_file.read_text(encoding="utf-8").strip()
    except (OSError, UnicodeDecodeError) as error:
        problem = getattr(error, "strerror", None) or "not readable text"
        raise ConfigError("config.invalid", key="central.token_file",
                          problem=f"{central.token_file}: {problem}") from None
    try:
        return CentralClient(central.url, token, ca_bundle=central.ca_bundle,
                             catalog_public_key=central.catalog_public_key or None, station_id=station_id)
    except (ValueError, TypeError):  # the key is checked by the config; this is the last guard
        raise ConfigError("config.invalid", key="central.catalog_public_key",
                          problem="not an Ed25519 public key (64 hex digits)") from None


def _record_stopped(config: config_mod.Config, error: KioskError) -> None:
    """Leave the reason in an existing store's sync_state; never create a store just for that."""
    from sync.worker_thread import record_stopped

    if not (config.storage.database.exists() and config.storage.key_path.exists()):
        return
    try:
        store = open_store(config)
    except KioskError:
        return
    try:
        record_stopped(store, error.code, error.text("en"))
    except KioskError:
        pass
    finally:
        store.close()


def main(config: config_mod.Config, once: bool, watch: bool, **tuning: float | None) -> int:
    """Run one pass (`once`) or until a signal (`watch`); returns the process exit code."""
    from sync.worker import SyncLocked

    if watch and not once:
        return _watch(config, **tuning)
    try:
        worker = build_worker(config, **tuning)
    except KioskError as error:
        print(f"waystation sync: {error.text('en')}", file=sys.stderr)
        return EXIT_CONFIG
    try:
        worker.open()
    except SyncLocked as error:
        print(f"waystation sync: {error.text('en')}", file=sys.stderr)
        worker.client.close()
        worker.store.close()
        return EXIT_LOCKED
    try:
        result = worker.run_once()
        print(f"sync: state={result.state} sent={result.sent} set_aside={result.quarantined} "
              f"statuses={result.statuses} purged={result.purged} ratings={result.ratings_sent}"
              + (f" ratings_set_aside={result.ratings_set_aside}" if result.ratings_set_aside else "")
              + (f" catalog={result.catalog_version}" if result.catalog_version else "")
              + (f" code={result.code}" if result.code else ""), flush=True)
        return 0 if result.state == "online" else EXIT_PAUSED
    finally:
        worker.close()
        worker.store.close()


def _watch(config: config_mod.Config, **tuning: float | None) -> int:
    """Until SIGTERM/SIGINT: sync whenever no kiosk runs on this data dir to do it (sync/standby.py)."""
    from sync import standby

    stop = threading.Event()
    for signum in (signal.SIGTERM, signal.SIGINT):
        signal.signal(signum, lambda *_: stop.set())
    try:
        standby.run(config, lambda: build_worker(config, **tuning), stop)
    except KioskError as error:
        print(f"waystation sync: {error.text('en')}", file=sys.stderr)
        return EXIT_CONFIG
    return 0


def cli(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="waystation sync", description="Send queued applications to the centre.")
    parser.add_argument("--config", help="the station's config file (TOML)")
    mode = parser.add_mutually_exclusive_group(required=True)
    mode.add_argument("--once", action="store_true", help="one pass, then exit")
    mode.add_argument("--watch", action="store_true", help="keep running until SIGTERM")
    # Test and benchmark knobs (short backoffs); a station keeps the defaults.
    parser.add_argument("--backoff-base", type=float, help=argparse.SUPPRESS)
    parser.add_argument("--backoff-cap", type=float, help=argparse.SUPPRESS)
    parser.add_argument("--preflight-base", type=float, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    owner_only_umask()
    from kiosk import log as log_setup

    log_setup.setup(None, logging.WARNING)  # stderr (the journal), masked like the kiosk's own log
    try:
        config = config_mod.load(args.config)
    except KioskError as error:
        print(f"waystation sync: {error.text('en')}", file=sys.stderr)
        return EXIT_CONFIG
    return main(config, args.once, args.watch, backoff_base=args.backoff_base, backoff_cap=args.backoff_cap,
                preflight_base=args.preflight_base)


if __name__ == "__main__":
    sys.exit(cli())
