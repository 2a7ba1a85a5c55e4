"""Voice guidance: the `Speaker` service (Qt-free, never blocks its caller).

`say()` records a request and wakes the speech worker thread, so the GUI
thread may call it (and `stop()`) on every touch.  The worker renders (cache
first, then the engine) and plays through an `AudioSink` in 20 ms chunks paced
in real time, checking between chunks whether it was stopped or superseded.
`stop()` silences the sink at once and returns when no chunk can follow.

Rules the UI can rely on:
- New speech interrupts the old, except that a lower-priority prompt waits for
  a higher-priority one to finish (an error is not cut off by the next
  screen's prompt).  `stop()` and `repeat()` always win.
- Rate (words per minute) and volume are the resident's; `reset()` restores
  the station's defaults for the next resident and forgets what `repeat()`
  would say.  Volume scales the samples, so it changes mid-phrase too.
- Every `say()` carries a prompt `key`; the spoken history and the log hold
  keys and outcomes, never texts (texts may hold personal data).
- Missing engine, missing voice or no sound device: speech is silently
  skipped, `status()` says what is wrong, and it is retried on the next say.
  `available` is optimistic until the worker's start-up check has run;
  `add_health_listener()` hears the outcome of that check and every later
  change (a problem found, or gone), so a helper's notice can follow it.

Wiring (composition root): `Speaker(EspeakCliEngine(), AplaySink(device),
cache_dir=<data dir>/speech-cache)`, then `prewarm()` the catalog's prompts.
The UI calls `say()` on each screen, `stop()` on any touch, `repeat()` from the
重播 button, `reset()` when a session ends; `add_listener()` events arrive on
the speech thread and must be re-posted to the GUI thread.
"""

from __future__ import annotations

import logging
import re
import threading
import time
from collections import deque
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Iterable, Mapping

from devices.speech.audio_sink import CHUNK_SECONDS, AplaySink, Audio, AudioSink, scale_volume
from devices.speech.cache import AudioCache, cache_key
from devices.speech.engine import EspeakCliEngine, SpeechEngine
from devices.speech.events import (  # re-exported: callers import them from here
    Outcome, Priority, SpeechEvent, SpeechEventKind, SpeechHealth, SpeechListener, SpeechStatus, SpokenEntry, call_each,
)
from devices.speech.texts import spell_sensitive
from kiosk.errors import SpeechError

__all__ = ["Speaker", "Priority", "Outcome", "SpokenEntry", "SpeechEvent", "SpeechEventKind",
           "SpeechListener", "SpeechStatus", "spell_sensitive", "VOICES", "NORMAL_RATE", "ELDER_RATE"]

log = logging.getLogger("waystation.speech")

# Debian 12's espeak-ng 1.51 `cmn` voice speaks many common characters
# (一, 您, 输入, 号码 ...) as English-read pinyin ("yi one"); the
# `cmn-latn-pinyin` voice reads them as Mandarin.  Checked with `espeak-ng -x`.
VOICES: dict[str, str] = {"zh_CN": "cmn-latn-pinyin", "en": "en"}
NORMAL_RATE = 165  # words per minute (espeak-ng's own default is 175)
ELDER_RATE = 130   # a suggestion for the UI's elder mode
MIN_RATE, MAX_RATE = 80, 260
DEFAULT_VOLUME = 0.8
_SINK_OK_AFTER_CHUNKS = 15  # 0.3 s of chunks written without an error
_KEY = re.compile(r"[A-Za-z][A-Za-z0-9_.:\-]{0,79}")


@dataclass
class _Request:
    text: str
    locale: str
    voice: str
    rate: int
    volume: float | None
    priority: Priority
    key: str
    personal: bool
    entry: SpokenEntry = field(repr=False)


class Speaker:
    """The speech service.  Construct once in the composition root and share."""

    def __init__(
        self,
        engine: SpeechEngine | None = None,
        sink: AudioSink | None = None,
        cache_dir: Path | None = None,
        *,
        default_rate: int = NORMAL_RATE,
        default_volume: float = DEFAULT_VOLUME,
        voices: Mapping[str, str] | None = None,
        history_size: int = 500,
        start: bool = True,
    ) -> None:
        self.engine = engine or EspeakCliEngine()
        self.sink = sink or AplaySink()
        self.voices = dict(voices or VOICES)
        self.default_rate = _clamp_rate(default_rate)
        self.default_volume = _clamp_volume(default_volume)
        self._rate = self.default_rate
        self._volume = self.default_volume
        self._cache = AudioCache(cache_dir)
        self._cond = threading.Condition()
        self._write_lock = threading.Lock()  # held around each sink.open/write
        self._epoch = 0  # bumped to interrupt whatever is playing
        self._pending: _Request | None = None
        self._current: _Request | None = None
        self._current_epoch = -1
        self._last: _Request | None = None
        self._prewarm: deque[tuple[str, str, int]] = deque()
        self._history: deque[SpokenEntry] = deque(maxlen=history_size)
        self._health = SpeechHealth()
        self._listeners: list[SpeechListener] = []
        self._closed = False
        self._ready = threading.Event()  # set once the worker's start-up check is done
        self._thread = threading.Thread(target=self._run, name="speech", daemon=True)
        if start:
            self.start()

    # --- control (any thread; returns at once) ---------------------------------

    def start(self) -> None:
        if not self._thread.is_alive():
            self._thread.start()

    def say(
        self,
        text: str,
        locale: str,
        *,
        key: str,
        rate: int | None = None,
        volume: float | None = None,
        priority: Priority = Priority.PROMPT,
        personal: bool = False,
    ) -> None:
        """Speak `text` in `locale`.  `key` names the prompt for the history and
        the log; `personal=True` keeps the audio out of every cache."""
        if not _KEY.fullmatch(key) or re.search(r"\d{5}", key):
            raise ValueError(f"say() needs a prompt key (letters, digits, ._:-; no long numbers), got {key!r}")
        if text.strip():
            self._submit(_Request(
                text.strip(), locale, self._voice(locale), _clamp_rate(rate or self._rate),
                None if volume is None else _clamp_volume(volume), Priority(priority), key, personal,
                SpokenEntry(key, locale, time.time()),
            ))

    def repeat(self) -> bool:
        """Say the last request again, interrupting anything; False if none."""
        with self._cond:
            last = self._last
        if last is None:
            return False
        entry = SpokenEntry(last.key, last.locale, time.time(), repeat=True)
        self._submit(replace(last, entry=entry), force=True)
        return True

    def stop(self) -> None:
        """Silence now.  When this returns no further chunk reaches the sink."""
        with self._cond:
            self._epoch += 1
            self._drop_pending()
            self.sink.abort()  # under the lock: the worker cannot be opening a newer utterance
            self._cond.notify_all()
        with self._write_lock:  # waits out a write in progress (one 20 ms chunk at most)
            pass

    def set_rate(self, wpm: int) -> None:
        """The resident's rate for the next texts (clamped to 80-260 wpm)."""
        with self._cond:
            self._rate = _clamp_rate(wpm)

    def set_volume(self, volume: float) -> None:
        """The resident's volume (0.0-1.0); applies from the next chunk."""
        with self._cond:
            self._volume = _clamp_volume(volume)

    @property
    def rate(self) -> int:
        return self._rate

    @property
    def volume(self) -> float:
        return self._volume

    def reset(self) -> None:
        """A new resident: stop, restore station rate and volume, forget the last text."""
        self.stop()
        with self._cond:
            self._rate = self.default_rate
            self._volume = self.default_volume
            self._last = None

    def prewarm(self, items: Iterable[tuple[str, str]], rate: int | None = None) -> None:
        """Render (text, locale) prompts into the cache when the worker is idle."""
        with self._cond:
            for text, locale in items:
                if text.strip():
                    self._prewarm.append((text.strip(), locale, _clamp_rate(rate or self._rate)))
            self._cond.notify_all()

    def add_listener(self, listener: SpeechListener) -> None:
        """Called on the speech thread when an utterance starts or ends; must not block."""
        with self._cond:
            self._listeners.append(listener)

    def remove_listener(self, listener: SpeechListener) -> None:
        with self._cond:
            self._listeners = [known for known in self._listeners if known is not listener]

    def add_health_listener(self, listener) -> None:
        """`listener(available)` after the start-up check and whenever availability changes.
        Called on the speech thread (or doctor's); must not block."""
        self._health.add_listener(listener)

    def remove_health_listener(self, listener) -> None:
        self._health.remove_listener(listener)

    def close(self) -> None:
        with self._cond:
            self._closed = True
        self.stop()
        if self._thread.is_alive():
            self._thread.join(timeout=2)
        self.engine.close()

    # --- state ---------------------------------------------------------------------

    @property
    def available(self) -> bool:
        return self._health.ok

    @property
    def speaking(self) -> bool:
        """True while an utterance is pending or playing (False as soon as stop() returns)."""
        with self._cond:
            playing = self._current is not None and self._current_epoch == self._epoch
            return playing or self._pending is not None

    def status(self) -> SpeechStatus:
        return self._health.status(self.engine.describe(), self.sink.describe())

    def check(self) -> SpeechStatus:
        """Probe engine, voices and sink now (spawns processes: not on the GUI thread)."""
        problem = self.engine.check()
        self._note("engine", "speech.no_engine", problem)
        for voice in sorted(set(self.voices.values())):
            self._note(f"voice:{voice}", "speech.no_voice", self.engine.check_voice(voice) if not problem else None)
        self._note("sink", "speech.no_sound_device", self.sink.check())
        return self.status()

    def history(self) -> list[SpokenEntry]:
        """What was asked to be spoken, oldest first (keys only)."""
        with self._cond:
            return [replace(entry) for entry in self._history]

    def wait_ready(self, timeout: float | None = None) -> bool:
        """Block until the worker's start-up check has run (status() is then meaningful)."""
        return self._ready.wait(timeout)

    def wait_idle(self, timeout: float | None = None) -> bool:
        """Block until nothing is playing or pending (tests, shutdown, doctor)."""
        with self._cond:
            return self._cond.wait_for(lambda: self._current is None and self._pending is None, timeout)

    # --- internals -----------------------------------------------------------------

    def _voice(self, locale: str) -> str:
        return self.voices.get(locale) or self.voices.get(locale.split("_")[0]) or self.voices.get("en", "en")

    def _submit(self, request: _Request, force: bool = False) -> None:
        with self._cond:
            self._history.append(request.entry)
            self._last = request
            current = self._current
            if not force and current is not None and current.priority > request.priority:
                # Wait behind a more important utterance; keep the most important waiting one.
                if self._pending is None or request.priority >= self._pending.priority:
                    self._drop_pending()
                    self._pending = request
                else:
                    self._finish(request.entry, Outcome.DROPPED)
            else:
                self._drop_pending()
                self._pending = request
                self._epoch += 1
                self.sink.abort()
            self._cond.notify_all()

    def _drop_pending(self) -> None:
        if self._pending is not None:
            self._finish(self._pending.entry, Outcome.DROPPED)
            self._pending = None

    def _finish(self, entry: SpokenEntry, outcome: Outcome) -> None:
        if entry.outcome is Outcome.PENDING:
            entry.outcome = outcome
            log.info("speech key=%s locale=%s outcome=%s%s", entry.key, entry.locale, outcome.value,
                     " (repeat)" if entry.repeat else "")

    def _note(self, source: str, code: str, problem: str | None) -> None:
        self._health.note(source, code, problem)
        self._health.announce()

    def _emit(self, event: SpeechEvent) -> None:
        with self._cond:
            listeners = list(self._listeners)
        call_each(listeners, event, "speech listener")

    def _run(self) -> None:
        try:
            self.check()
        except Exception:
            log.exception("speech self-check failed")
        self._ready.set()
        self._health.announce(always=True)
        while True:
            with self._cond:
                self._cond.wait_for(lambda: self._closed or self._pending is not None or bool(self._prewarm))
                if self._closed:
                    return
                if self._pending is None:
                    text, locale, rate = self._prewarm.popleft()
                    request, epoch = None, self._epoch
                else:
                    request, self._pending = self._pending, None
                    self._current, epoch = request, self._epoch
                    self._current_epoch = epoch
            try:
                if request is None:
                    self._prewarm_one(text, self._voice(locale), rate)
                else:
                    self._speak(request, epoch)
            except Exception as exc:  # keep the worker alive whatever happens
                log.exception("speech worker error")
                self._note("engine", "speech.engine_failed", f"{type(exc).__name__}: {exc}")
                if request is not None:
                    self._finish(request.entry, Outcome.SILENT)
            finally:
                if request is not None:
                    with self._cond:
                        self._current = None
                        self._cond.notify_all()

    def _prewarm_one(self, text: str, voice: str, rate: int) -> None:
        """Render into the disk cache only: start-up prompts must not fill memory before anyone speaks
        (the first say() loads a file in well under a millisecond)."""
        key = cache_key(self.engine.describe(), voice, rate, text)
        if self._cache.contains(key):
            return
        audio = self._render(text, voice, rate)
        if audio is not None:
            self._cache.put(key, audio, remember=False)

    def _render(self, text: str, voice: str, rate: int) -> Audio | None:
        """Render with the engine, noting in the health record what worked or failed (None on failure)."""
        try:
            audio = self.engine.render(text, voice, rate)
        except SpeechError as exc:
            source = "engine" if exc.code == "speech.no_engine" else f"voice:{voice}"
            self._note(source, exc.code, exc.detail or exc.code)
            return None
        self._note("engine", "", None)
        self._note(f"voice:{voice}", "", None)
        return audio

    def _audio_for(self, text: str, voice: str, rate: int, personal: bool) -> Audio | None:
        key = cache_key(self.engine.describe(), voice, rate, text)  # with its version: an upgrade re-renders
        audio = None if personal else self._cache.get(key)
        if audio is not None:
            return audio
        audio = self._render(text, voice, rate)
        if audio is not None and not personal:
            self._cache.put(key, audio)
        return audio

    def _speak(self, request: _Request, epoch: int) -> None:
        audio = self._audio_for(request.text, request.voice, request.rate, request.personal)
        if audio is None or audio.frames == 0:
            self._finish(request.entry, Outcome.SILENT)
            self._emit(SpeechEvent(SpeechEventKind.ENDED, request.key, Outcome.SILENT))
            return
        outcome = self._play(request, audio, epoch)
        self._finish(request.entry, outcome)
        self._emit(SpeechEvent(SpeechEventKind.ENDED, request.key, outcome))

    def _play(self, request: _Request, audio: Audio, epoch: int) -> Outcome:
        sink, outcome = self.sink, Outcome.INTERRUPTED
        with self._write_lock:
            if self._epoch != epoch:
                return outcome
            try:
                sink.open(audio.rate)
            except SpeechError as exc:
                self._note("sink", exc.code, exc.detail or exc.code)
                return Outcome.SILENT
        self._emit(SpeechEvent(SpeechEventKind.STARTED, request.key))
        start = time.monotonic()
        try:
            for index, chunk in enumerate(audio.chunks(CHUNK_SECONDS)):
                due = start + index * CHUNK_SECONDS - sink.lead_seconds
                with self._cond:  # pace in real time; wake early when interrupted
                    self._cond.wait_for(lambda: self._epoch != epoch, max(0.0, due - time.monotonic()))
                data = scale_volume(chunk, self._volume if request.volume is None else request.volume)
                with self._write_lock:
                    if self._epoch != epoch:
                        return outcome
                    sink.write(data)
                if index == _SINK_OK_AFTER_CHUNKS:
                    # A third of a second played without an error: the device works (aplay opens even
                    # without one, and fails a moment later), so a helper's notice goes mid-phrase.
                    self._note("sink", "", None)
            sink.finish()  # the tail plays out; stop() aborts it
            self._note("sink", "", None)
            outcome = Outcome.SPOKEN if self._epoch == epoch else Outcome.INTERRUPTED
        except SpeechError as exc:
            self._note("sink", exc.code, exc.detail or exc.code)
            outcome = Outcome.SILENT
        finally:
            if outcome is not Outcome.SPOKEN:  # also on unexpected errors: never leave a sink open
                sink.abort()
                sink.release()
        return outcome


def _clamp_rate(wpm: int) -> int:
    return int(min(MAX_RATE, max(MIN_RATE, wpm)))


def _clamp_volume(volume: float) -> float:
    return float(min(1.0, max(0.0, volume)))
