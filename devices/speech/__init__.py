"""Voice guidance.

- `speaker`: the `Speaker` service the UI calls (`say`, `stop`, `repeat`, `reset`).
- `engine`: the engine interface and the espeak-ng command engine (the default).
- `pyttsx3_engine`, `pyttsx3_child`: pyttsx3 run in a long-lived child process, for
  stations whose system voices are not espeak-ng.
- `cache`: rendered audio on disk, keyed by text, voice, rate and engine.
- `audio_sink`: playback in 20 ms chunks (`aplay`), so a touch stops speech at once.
- `texts`: how sensitive digits are spoken; `events`: what listeners hear.
"""
