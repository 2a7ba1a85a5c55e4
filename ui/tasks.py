"""Run blocking work off the GUI thread and hand the result back on it (Picard's run_task).

Database work is serialised on one worker thread (as Anki does) so the store
sees one writer at a time; results and errors come back as queued signals.
"""

from __future__ import annotations

from typing import Any, Callable

from ui.qt import QObject, QRunnable, QThreadPool, Signal


class _Relay(QObject):
    done = Signal(object)
    failed = Signal(object)


class _Job(QRunnable):
    def __init__(self, func: Callable[[], Any], relay: _Relay) -> None:
        super().__init__()
        self.func, self.relay = func, relay

    def run(self) -> None:
        try:
            result = self.func()
        except Exception as error:  # handed back to the GUI thread, shown there
            self.relay.failed.emit(error)
        else:
            self.relay.done.emit(result)


class TaskRunner:
    """One serial worker for the store; results are delivered on the GUI thread."""

    def __init__(self) -> None:
        self.pool = QThreadPool()
        self.pool.setMaxThreadCount(1)
        self._relays: set[_Relay] = set()

    def run(self, func: Callable[[], Any], on_done: Callable[[Any], None],
            on_error: Callable[[Exception], None]) -> None:
        relay = _Relay()
        self._relays.add(relay)

        def finish(handler, value):
            # Break the relay's connections: Qt holds the lambdas, so a cycle through them would
            # never be collected and every task would leak its relay.
            relay.done.disconnect()
            relay.failed.disconnect()
            self._relays.discard(relay)
            relay.deleteLater()
            handler(value)

        relay.done.connect(lambda value: finish(on_done, value))
        relay.failed.connect(lambda error: finish(on_error, error))
        self.pool.start(_Job(func, relay))

    def wait(self, msecs: int = 10_000) -> bool:
        return self.pool.waitForDone(msecs)
