"""Serving the reference centre over TLS: in a thread, in the foreground, or in a child process.

- `run_server(...)`: in a background thread of this process (tests); returns a
  `RunningServer` with the URL, the store and the faults; `.stop()` ends it.
- `serve(...)`: in the foreground until interrupted (`waystation central`).
- `spawn_server(config_file)`: `python -m sync.central --config FILE` as a child
  process (benchmarks: the server does not share the client's interpreter lock);
  drive it through the /admin endpoints.

uvicorn is pinned to its h11 protocol and asyncio loop: the fault middleware
reaches the connection through them (see `faults.py`).
"""

from __future__ import annotations

import asyncio
import os
import re
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Self

import uvicorn

from sync.central.app import CentralApp, create_app
from sync.central.faults import Faults
from sync.central.limits import CentralLimits
from sync.central.store import CentralStore

READY_LINE = re.compile(r"waystation-central listening on (https://\S+)")


def _config(app: CentralApp, host: str, port: int, certfile: str | Path, keyfile: str | Path,
            log_level: str) -> uvicorn.Config:
    return uvicorn.Config(
        app, host=host, port=port, ssl_certfile=str(certfile), ssl_keyfile=str(keyfile),
        http="h11", loop="asyncio", lifespan="off", log_level=log_level, access_log=False,
        # Long keep-alive: a kiosk's pooled connection should not be closed under it mid-request.
        timeout_keep_alive=75)


def _build(app: CentralApp | None, options: dict[str, Any]) -> CentralApp:
    if app is not None:
        return app
    missing = [name for name in ("db_path", "tokens", "catalog_signing_key") if options.get(name) is None]
    if missing:
        raise TypeError(f"run_server needs app= or {', '.join(missing)}")
    return create_app(options["db_path"], options["tokens"], options["catalog_signing_key"],
                      options.get("faults"), admin_token=options.get("admin_token"), limits=options.get("limits"))


@dataclass
class RunningServer:
    """A centre serving in a thread of this process."""

    url: str
    port: int
    app: CentralApp
    _server: uvicorn.Server = field(repr=False)
    _thread: threading.Thread = field(repr=False)

    @property
    def store(self) -> CentralStore:
        return self.app.store

    @property
    def faults(self) -> Faults:
        return self.app.faults

    def stop(self, timeout: float = 10.0) -> None:
        self._server.should_exit = True
        self._server.force_exit = True  # do not wait for kiosks' idle keep-alive connections
        self._thread.join(timeout)
        self.app.store.close()
        if self.app.enrollments is not None:
            self.app.enrollments.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.stop()


def run_server(host: str, port: int, certfile: str | Path, keyfile: str | Path, *,
               app: CentralApp | None = None, db_path: str | Path | None = None,
               tokens: dict[str, str] | None = None, catalog_signing_key: Any = None,
               faults: Faults | None = None, admin_token: str | None = None, limits: CentralLimits | None = None,
               log_level: str = "warning", start_timeout: float = 15.0) -> RunningServer:
    """Serve the centre over TLS in a daemon thread; port 0 picks a free port."""
    app = _build(app, {"db_path": db_path, "tokens": tokens, "catalog_signing_key": catalog_signing_key,
                       "faults": faults, "admin_token": admin_token, "limits": limits})
    server = uvicorn.Server(_config(app, host, port, certfile, keyfile, log_level))
    thread = threading.Thread(target=server.run, name="waystation-central", daemon=True)
    thread.start()
    deadline = time.monotonic() + start_timeout
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            server.should_exit = True
            raise RuntimeError(f"the reference centre did not start on {host}:{port}")
        time.sleep(0.01)
    bound = server.servers[0].sockets[0].getsockname()[1]
    shown = f"[{host}]" if ":" in host else host
    return RunningServer(f"https://{shown}:{bound}", bound, app, server, thread)


def serve(host: str, port: int, certfile: str | Path, keyfile: str | Path, *,
          app: CentralApp | None = None, log_level: str = "info",
          on_ready: Callable[[str], None] | None = None, **options: Any) -> None:
    """Serve in the foreground until SIGINT/SIGTERM; prints the ready line with the URL
    (and calls `on_ready(url)`) once listening."""
    app = _build(app, options)
    server = uvicorn.Server(_config(app, host, port, certfile, keyfile, log_level))

    async def announce_when_started() -> None:
        while not server.started:
            await asyncio.sleep(0.01)
        bound = server.servers[0].sockets[0].getsockname()[1]
        url = f"https://{host}:{bound}"
        print(f"waystation-central listening on {url}", flush=True)
        if on_ready is not None:
            on_ready(url)

    async def main() -> None:
        watcher = asyncio.ensure_future(announce_when_started())
        try:
            await server.serve()
        finally:
            watcher.cancel()

    asyncio.run(main())
    app.store.close()
    if app.enrollments is not None:
        app.enrollments.close()


@dataclass
class SpawnedServer:
    """A centre serving in a child process."""

    url: str
    process: subprocess.Popen[str]

    def stop(self, timeout: float = 10.0) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout)

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.stop()


def spawn_server(config_file: str | Path, host: str = "127.0.0.1", port: int = 0,
                 start_timeout: float = 30.0) -> SpawnedServer:
    """Start `python -m sync.central --config FILE` and wait for its URL (see `sync.central.command`)."""
    root = Path(__file__).resolve().parents[2]
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(root), os.environ.get("PYTHONPATH")]))}
    process = subprocess.Popen(
        [sys.executable, "-m", "sync.central", "--config", str(config_file), "--host", host, "--port", str(port)],
        stdout=subprocess.PIPE, text=True, env=env)
    deadline = time.monotonic() + start_timeout
    assert process.stdout is not None
    while time.monotonic() < deadline:
        line = process.stdout.readline()
        if not line:
            break
        if match := READY_LINE.search(line):
            # Keep draining stdout so the child never blocks on a full pipe.
            threading.Thread(target=process.stdout.read, daemon=True).start()
            return SpawnedServer(match.group(1), process)
    process.kill()
    process.wait()
    raise RuntimeError("the reference centre process did not start")
