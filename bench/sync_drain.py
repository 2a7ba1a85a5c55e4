"""Benchmark: drain 1,000 applications × 2 photos of 200 KB to the reference centre on loopback.

Beside it, in the same run and to the same server (its own process, TLS),
plain `requests` uploads of the same bytes: per application one PUT of the
same JSON and two attachment PUTs, under a second station so nothing is
deduplicated against the worker's uploads.  Budget (DESIGN.md): drain ≤ 15 s
and ≥ 50 % of the plain throughput.

  .venv/bin/python bench/sync_drain.py [--apps 1000] [--size 200000]
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import requests
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from kiosk import applications, crypto
from kiosk.applications import Attachment, Draft
from kiosk.store import Store
from sync.central.runner import spawn_server
from sync.client import CentralClient
from sync.protocol import canonical_json
from sync.central.tls_ca import write_tls_files
from sync.worker import SyncWorker, application_body

TOKEN, PLAIN_TOKEN = "bench-station-token-0123456789", "bench-plain-token-0123456789"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--apps", type=int, default=1000)
    parser.add_argument("--size", type=int, default=200_000)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="waystation-bench-"))
    tls = write_tls_files(work / "tls")
    (work / "central.json").write_text(json.dumps({
        "db_path": "central.db", "certfile": str(tls.cert_file), "keyfile": str(tls.key_file),
        "tokens": {"S001": TOKEN, "S002": PLAIN_TOKEN},
        "catalog_signing_key": Ed25519PrivateKey.generate().private_bytes_raw().hex()}))
    store = Store(work / "kiosk.db", crypto.Sealer(crypto.load_or_create_key(work / "store.key")))
    rng = random.Random(1)
    started = time.perf_counter()
    for i in range(args.apps):
        applications.submit(store, Draft(
            "residence.certificate", "zh_CN", {"name": f"测试{i}"},
            [Attachment("id_front", "image/jpeg", rng.randbytes(args.size)),
             Attachment("id_back", "image/jpeg", rng.randbytes(args.size))], identity={"method": "card"}), "S001")
    print(f"queued {args.apps} applications in {time.perf_counter() - started:.1f} s")

    # The same bodies and bytes for the plain run, prepared before the clock starts (the
    # worker's decrypting and reading from SQLite is counted in its time, as it should be).
    uuids = [row[0] for row in store.conn.execute("SELECT application_uuid FROM outbox ORDER BY id")]
    plain_items = []
    for uuid in uuids:
        app = applications.load(store, uuid)
        body = application_body(store, app)
        body["number"] = "S002" + body["number"].removeprefix("S001")  # the centre takes only S002's numbers from S002
        plain_items.append((uuid.replace(uuid[:8], "ffffffff", 1), canonical_json(body),
                            [(a.sha256, a.data) for a in app.attachments]))

    with spawn_server(work / "central.json") as server:
        client = CentralClient(server.url, TOKEN, ca_bundle=tls.ca_file)
        with SyncWorker(store, client) as worker:
            started = time.perf_counter()
            result = worker.run_once()
            drain = time.perf_counter() - started
        left = store.conn.execute("SELECT count(*) FROM outbox").fetchone()[0]

        session = requests.Session()
        session.trust_env = False  # as the client does: no environment proxies on loopback
        session.verify = str(tls.ca_file)
        session.headers["Authorization"] = f"Bearer {PLAIN_TOKEN}"
        started = time.perf_counter()
        for uuid, body, parts in plain_items:
            session.put(f"{server.url}/v1/applications/{uuid}", data=body,
                        headers={"Content-Type": "application/json"}, timeout=30).raise_for_status()
            for sha, data in parts:
                session.put(f"{server.url}/v1/attachments/{sha}", data=data,
                            headers={"Content-Type": "application/octet-stream"}, timeout=30).raise_for_status()
        plain = time.perf_counter() - started

    mb = args.apps * 2 * args.size / 1e6
    worker_rate, plain_rate = args.apps / drain, args.apps / plain
    print(f"sync worker drain: {result.sent} sent, {left} left, {drain:.2f} s, {worker_rate:.0f} applications/s, "
          f"{mb / drain:.0f} MB/s")
    print(f"plain requests:    {args.apps} applications, {plain:.2f} s, {plain_rate:.0f} applications/s, "
          f"{mb / plain:.0f} MB/s")
    ratio = worker_rate / plain_rate
    print(f"budget: drain ≤ 15 s -> {drain:.2f} s {'OK' if drain <= 15 else 'OVER'}; "
          f"≥ 50 % of plain -> {ratio:.0%} {'OK' if ratio >= 0.5 else 'UNDER'}")
    store.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
