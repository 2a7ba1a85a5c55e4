"""What the speech service tells its callers: priorities, outcomes, events,
the spoken history (prompt keys, never texts) and its status for doctor."""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass
from enum import Enum, IntEnum
from typing import Callable

from kiosk.messages import message_text

log = logging.getLogger("waystation.speech")


class Priority(IntEnum):
    PROMPT = 0  # a screen's or step's guidance
    ERROR = 1   # an error the resident must hear to the end
    ALERT = 2   # idle warning, help is coming


class Outcome(str, Enum):
    PENDING = "pending"
    SPOKEN = "spoken"            # played to the end
    INTERRUPTED = "interrupted"  # cut by stop() or newer speech
    DROPPED = "dropped"          # replaced before it started
    SILENT = "silent"            # could not be spoken (see status())


@dataclass
class SpokenEntry:
    """One say() in the history: prompt key, never the text."""

    key: str
    locale: str
    at: float  # time.time() of the request
    outcome: Outcome = Outcome.PENDING
    repeat: bool = False


class SpeechEventKind(str, Enum):
    STARTED = "started"
    ENDED = "ended"  # `outcome` says how


@dataclass(frozen=True)
class SpeechEvent:
    kind: SpeechEventKind
    key: str
    outcome: Outcome | None = None


SpeechListener = Callable[[SpeechEvent], None]


@dataclass(frozen=True)
class SpeechStatus:
    """What doctor prints and what a helper's notice says."""

    available: bool
    code: str  # "speech.ok" or the first problem's message code
    problems: tuple[str, ...]  # technical details for IT, no personal data
    engine: str
    sink: str

    def text(self, locale: str = "zh_CN") -> str:
        return message_text(self.code, locale)

    def describe(self) -> str:
        state = "OK" if self.available else "NOT WORKING: " + "; ".join(self.problems)
        return f"speech: {state} ({self.engine} -> {self.sink})"


class SpeechHealth:
    """Known problems by source ("engine", "voice:<name>", "sink"), most basic first."""

    _ORDER = ("engine", "voice", "sink")

    def __init__(self) -> None:
        self._problems: dict[str, tuple[str, str]] = {}  # source -> (message code, detail)
        self._lock = threading.Lock()
        self._listeners: list = []  # callables taking `available` (bool)
        self._announced = True  # the availability the listeners last heard

    def add_listener(self, listener) -> None:
        with self._lock:
            self._listeners.append(listener)

    def remove_listener(self, listener) -> None:
        with self._lock:
            self._listeners = [known for known in self._listeners if known != listener]

    def announce(self, always: bool = False) -> None:
        """Tell the listeners when availability changed (or `always`: after the start-up check)."""
        with self._lock:
            available = not self._problems
            if available == self._announced and not always:
                return
            self._announced = available
            listeners = list(self._listeners)
        call_each(listeners, available, "speech health listener")

    @property
    def ok(self) -> bool:
        return not self._problems

    def note(self, source: str, code: str, problem: str | None) -> None:
        """Record (`problem` set) or clear (None) a source's problem; log only changes."""
        with self._lock:
            before = self._problems.get(source)
            if problem is None:
                if before is not None:
                    log.warning("speech %s works again", source)
                    del self._problems[source]
            elif before != (code, problem):
                log.warning("speech %s problem: %s", source, problem)
                self._problems[source] = (code, problem)

    def status(self, engine: str, sink: str) -> SpeechStatus:
        with self._lock:
            problems = dict(self._problems)
        order = sorted(problems, key=lambda source: self._ORDER.index(source.split(":")[0]))
        return SpeechStatus(
            available=not problems,
            code=problems[order[0]][0] if order else "speech.ok",
            problems=tuple(problems[source][1] for source in order),
            engine=engine,
            sink=sink,
        )


def call_each(listeners, argument, what: str) -> None:
    """Call every listener with `argument`; one that fails is logged and must not stop speech."""
    for listener in listeners:
        try:
            listener(argument)
        except Exception:  # noqa: BLE001
            log.exception("%s failed", what)
