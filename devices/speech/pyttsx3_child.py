"""The pyttsx3 helper process: renders text to WAV files on request, one at a time.

Started by `Pyttsx3Engine` (devices/speech/pyttsx3_engine.py) as
`python -m devices.speech.pyttsx3_child [--driver NAME]`, or in the frozen build
as `waystation speech-child [--driver NAME]` (kiosk/cli.py hands that over
here before parsing any other command).  pyttsx3 lives only in this process:
its process-wide state, a hang or a crash in a driver cannot reach the kiosk,
which times the helper out and starts a new one.

Protocol: one JSON object a line on stdin, one answer a line on stdout.
- `{"op": "check"}` -> `{"ok": true, "describe": "pyttsx3 2.99 (espeak)"}`
- `{"op": "voice", "voice": V}` -> `{"ok": true}` or `{"ok": false, "error": ...}`
- `{"op": "render", "text": T, "voice": V, "rate": R, "path": P}` -> the WAV written
  to P, then `{"ok": true}`; playback and stopping stay with the kiosk's audio sink.
What the library prints on stdout (pyttsx3 prints "Audio saved to ..." for each
file) is discarded, so it cannot break the protocol.  Texts are never logged.
"""

from __future__ import annotations

import argparse
import ctypes
import json
import os
import sys
import time
from importlib import metadata
from typing import Any

from devices.helper_process import protocol_out, serve


def _fix_espeak_tail(engine: Any) -> None:
    """pyttsx3 2.99's espeak driver writes the file on the end-of-message event *before*
    adding the samples of that same callback, so the last buffer (up to ~0.75 s) was
    cut off in some renders.  Give the driver those samples first, then the event."""
    driver = getattr(getattr(engine, "proxy", None), "_driver", None)
    if driver is None or type(driver).__module__ != "pyttsx3.drivers.espeak":
        return
    from pyttsx3.drivers import _espeak

    original = driver._onSynth

    def on_synth(wav, numsamples, events):  # noqa: ANN001, ANN202 (a ctypes callback)
        if numsamples > 0 and driver._speaking:
            driver._data_buffer += ctypes.string_at(wav, numsamples * ctypes.sizeof(ctypes.c_short))
        return original(wav, 0, events)

    _espeak.SetSynthCallback(on_synth)


class Renderer:
    """pyttsx3 set up once; renders on request."""

    def __init__(self, driver: str | None) -> None:
        import pyttsx3

        self.engine = pyttsx3.init(driver) if driver else pyttsx3.init()
        self.driver = type(self.engine.proxy._driver).__module__.rsplit(".", 1)[-1]
        _fix_espeak_tail(self.engine)
        self.version = metadata.version("pyttsx3")
        self._voices: set[str] | None = None

    def _wait_for_espeak(self, limit: float = 60.0) -> None:
        """pyttsx3 2.99's espeak driver ends runAndWait() as soon as synthesis has *started*
        (libespeak-ng renders on its own thread, and the queued endLoop runs first); the file
        is written when the end-of-message event arrives.  Reading it earlier gave cut-off or
        missing audio, so wait for the driver to say it has finished (the kiosk's own time
        limit still applies: it kills a helper that never answers)."""
        driver = self.engine.proxy._driver
        if self.driver != "espeak":
            return
        deadline = time.monotonic() + limit
        while getattr(driver, "_speaking", False) and time.monotonic() < deadline:
            time.sleep(0.002)

    def describe(self) -> str:
        return f"pyttsx3 {self.version} ({self.driver})"

    def check_voice(self, voice: str) -> None:
        """Raise LookupError unless the driver lists `voice` (by id, the id's last part, or name).
        pyttsx3 queues setProperty until runAndWait, and some drivers ignore a wrong name there."""
        if self._voices is None:
            self._voices = set()
            for known in self.engine.getProperty("voices"):
                self._voices |= {str(known.id).lower(), str(known.id).lower().rsplit("/", 1)[-1],
                                 str(known.name).lower()}
        if voice.lower() not in self._voices:
            raise LookupError(f"voice {voice} not found ({self.driver} driver)")

    def render(self, text: str, voice: str, rate: int, path: str) -> None:
        self.check_voice(voice)
        # The espeak driver now and then (about 1 render in 20 here, without any error) writes
        # no file at all; a second attempt has always worked.  Four, then give up.
        driver = self.engine.proxy._driver
        problem = f"voice {voice}: no audio written"
        for attempt in range(4):
            # On the driver itself, at once: pyttsx3's engine.setProperty() queues the change behind
            # a "busy" flag, and under load the first renders of a new helper came out at the
            # driver's default rate (200 wpm) instead of the one asked for.  espeak-ng itself may
            # take the rate only a moment later (seen under load, just after a helper restart):
            # ask again rather than render at the wrong speed.
            driver.setProperty("voice", voice)
            driver.setProperty("rate", int(rate))
            if self.driver == "espeak" and driver.getProperty("rate") != int(rate):
                problem = f"rate {rate} was not taken"
                time.sleep(0.05 * (attempt + 1))
                continue
            self.engine.save_to_file(text, path)
            self.engine.runAndWait()
            self._wait_for_espeak()
            if os.path.exists(path) and os.path.getsize(path) > 44:
                return
        raise RuntimeError(problem)


def answer(renderer: Renderer, request: dict) -> dict:
    """The answer to one request (never raises)."""
    try:
        op = request.get("op")
        if op == "check":
            return {"ok": True, "describe": renderer.describe()}
        if op == "voice":
            renderer.check_voice(str(request["voice"]))
            return {"ok": True}
        if op == "render":
            renderer.render(str(request["text"]), str(request["voice"]), int(request["rate"]), str(request["path"]))
            return {"ok": True}
        return {"ok": False, "error": f"unknown op {op!r}"}
    except Exception as exc:  # the helper answers every request; the kiosk decides what to do
        return {"ok": False, "error": f"{type(exc).__name__}: {exc}"}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="waystation speech-child", description=__doc__.splitlines()[0])
    parser.add_argument("--driver", default=None, help="pyttsx3 driver (espeak, sapi5, nsss); default: the platform's")
    args = parser.parse_args(argv)
    out = protocol_out()
    try:
        renderer = Renderer(args.driver)
    except Exception as exc:  # no library, no driver: say so on the first request, then exit
        error = f"pyttsx3 could not start: {type(exc).__name__}: {exc}"
        for _line in sys.stdin:
            out.write(json.dumps({"ok": False, "error": error}) + "\n")
        return 1
    serve(lambda request: answer(renderer, request), out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
