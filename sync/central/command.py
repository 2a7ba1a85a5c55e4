"""`python -m sync.central` (and `waystation central`): run the reference centre.

  python -m sync.central --config central.json [--host 127.0.0.1] [--port 8443]
  python -m sync.central --demo DIR            # makes DIR/central.json and TLS files first

central.json (relative paths are taken from the file's folder):
  {"db_path": "central.db", "certfile": "server.pem", "keyfile": "server.key",
   "tokens": {"DEMO01": "<station token>"},      or "tokens_file": "tokens.json"
   "catalog_signing_key": "<hex/base64/PEM>",   or "catalog_signing_key_file": "catalog.key"
   "admin_token": "<optional>", "catalog_file": "<optional JSON published at first start>",
   "partial_ttl_seconds": 86400,        optional: unfinished uploads are dropped this long after their last byte
   "partial_quota_bytes": 536870912,    optional: bytes of unfinished uploads one station may hold (507 beyond)
   "auth_failures_allowed": 10,         optional: failed authentications per client address...
   "auth_failure_window_seconds": 60}   ...in this window; then 429 with Retry-After

`--partial-ttl` and `--partial-quota` override the file.  `--demo` also prints the
`[central]` section a kiosk needs to talk to it.  The database and every file
holding a token or key are created owner-only (0600), the demo folder 0700.

`tokens` may be left out when every station enrolls: `waystation central enroll-code
--config central.json --station-id ID --name NAME [--expires 24h]` prints a one-time
code for one (see enroll_code.py).
"""

from __future__ import annotations

import argparse
import json
import secrets
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from sync.central.app import create_app
from sync.central.limits import CentralLimits
from sync.central.runner import serve
from sync.signing import load_private_key, public_key_hex
from sync.central.tls_ca import write_tls_files

ENROLL_CODE = "enroll-code"  # `waystation central enroll-code ...`: see sync/central/enroll_code.py


def load_config(path: Path) -> dict[str, Any]:
    """Read central.json and resolve its files; raises ValueError saying what is wrong."""
    try:
        config = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ValueError(f"cannot read {path}: {exc}") from None
    if not isinstance(config, dict):
        raise ValueError(f"{path}: must hold a JSON object")
    base = path.resolve().parent

    def file(key: str) -> Path:
        if not isinstance(config.get(key), str):
            raise ValueError(f"{path}: {key} is missing")
        return base / config[key]

    if "tokens_file" in config:
        config["tokens"] = json.loads(file("tokens_file").read_text(encoding="utf-8"))
    if "catalog_signing_key_file" in config:
        config["catalog_signing_key"] = file("catalog_signing_key_file").read_bytes()
    config.setdefault("tokens", {})  # stations may all get theirs by enrolling (enroll_code.py)
    if not isinstance(config["tokens"], dict):
        raise ValueError(f"{path}: tokens must map station ids to tokens")
    if not config.get("catalog_signing_key"):
        raise ValueError(f"{path}: catalog_signing_key is missing")
    resolved = {key: file(key) for key in ("db_path", "certfile", "keyfile")}
    if config.get("catalog_file"):
        resolved["catalog_file"] = file("catalog_file")
    return {**config, **resolved}


def make_demo(directory: Path, station_id: str = "DEMO01") -> Path:
    """Create a demo centre's files in `directory` (kept if they exist); returns central.json."""
    config_path = directory / "central.json"
    if config_path.exists():
        return config_path
    directory.mkdir(mode=0o700, parents=True, exist_ok=True)
    tls = write_tls_files(directory)
    key = Ed25519PrivateKey.generate()
    token = secrets.token_urlsafe(32)
    (directory / "station.token").touch(mode=0o600)
    (directory / "station.token").write_text(token + "\n", encoding="utf-8")
    from kiosk.catalog import bundled_bytes  # the sample catalog shipped with the kiosk

    (directory / "catalog.json").write_bytes(bundled_bytes())
    config_path.touch(mode=0o600)
    config_path.write_text(json.dumps({
        "db_path": "central.db", "certfile": tls.cert_file.name, "keyfile": tls.key_file.name,
        "tokens": {station_id: token}, "catalog_signing_key": key.private_bytes_raw().hex(),
        "admin_token": secrets.token_urlsafe(24), "catalog_file": "catalog.json"}, indent=2), encoding="utf-8")
    return config_path


def _enroll_code_args(argv: list[str]) -> list[str] | None:
    """The arguments of `enroll-code` when that is the command (first, or after `--config FILE`, the way
    `waystation central --config FILE enroll-code ...` hands them over); else None."""
    for at in (0, 2):
        if argv[at:at + 1] == [ENROLL_CODE] and (at == 0 or argv[0] == "--config"):
            return argv[:at] + argv[at + 1:]
    return None


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if (enroll_args := _enroll_code_args(argv)) is not None:
        from sync.central.enroll_code import main as enroll_code_main

        return enroll_code_main(enroll_args)
    parser = argparse.ArgumentParser(prog="waystation central", description="Run the reference central service.",
                                     epilog=f"{ENROLL_CODE}: waystation central {ENROLL_CODE} --config central.json "
                                            "--station-id ID --name NAME [--expires 24h] prints a one-time "
                                            "enrollment code for a station (--help for more).")
    source = parser.add_mutually_exclusive_group(required=True)
    source.add_argument("--config", type=Path, help="central.json (see the module help)")
    source.add_argument("--demo", type=Path, metavar="DIR", help="make (or reuse) a demo centre in DIR")
    parser.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    parser.add_argument("--port", type=int, default=8443, help="port (default 8443; 0 picks a free one)")
    parser.add_argument("--log-level", default="info", choices=["critical", "error", "warning", "info", "debug"])
    parser.add_argument("--partial-ttl", type=float, metavar="SECONDS",
                        help="drop unfinished attachment uploads this long after their last byte (default 86400)")
    parser.add_argument("--partial-quota", type=int, metavar="BYTES",
                        help="bytes of unfinished uploads one station may hold; more is refused with 507 "
                             "(default 536870912)")
    args = parser.parse_args(argv)
    path = make_demo(args.demo) if args.demo else args.config
    try:
        config = load_config(path)
        limits = CentralLimits.from_config(config, partial_ttl=args.partial_ttl, partial_quota=args.partial_quota)
        app = create_app(config["db_path"], config["tokens"], load_private_key(config["catalog_signing_key"]),
                         admin_token=config.get("admin_token"), limits=limits)
    except (ValueError, TypeError, OSError) as exc:
        print(f"waystation central: {exc}", file=sys.stderr)
        return 2
    if config.get("catalog_file") and app.store.latest_catalog() is None:
        catalog = json.loads(Path(config["catalog_file"]).read_text(encoding="utf-8"))
        print(f"published {config['catalog_file']} as catalog version {app.store.publish_catalog(catalog)}")

    def show_kiosk_config(url: str) -> None:
        key = load_private_key(config["catalog_signing_key"])
        print("Kiosk config for this demo centre:\n[central]\n"
              f'url = "{url}"\n'
              f'token_file = "{args.demo.resolve() / "station.token"}"\n'
              f'ca_bundle = "{args.demo.resolve() / "ca.pem"}"\n'
              f'catalog_public_key = "{public_key_hex(key)}"', flush=True)

    serve(args.host, args.port, config["certfile"], config["keyfile"], app=app, log_level=args.log_level,
          on_ready=show_kiosk_config if args.demo else None)
    return 0
