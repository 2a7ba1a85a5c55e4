"""Voice guidance for the window: speaks each screen's prompt with the resident's rate and volume.

A thin adaptor over the Qt-free `devices.speech.speaker.Speaker` (given by the
composition root).  Without a speaker the kiosk runs silently; the spoken log
(prompt keys and locales, never texts) is kept either way for tests and audits.
The speaker's health changes (found a problem, recovered, finished its
start-up check) are passed to `on_health(available)` from the speech thread:
the window gives a Qt signal's `emit`, so they arrive on the GUI thread.
"""

from __future__ import annotations

from collections import deque
from typing import Callable

from kiosk.session import Session

# Which prompts must be heard to the end (an error is not cut off by the next screen's prompt).
ERROR_KEYS = ("error", "identity.error")
ALERT_KEYS = ("idle_warning", "help_coming", "help_acknowledged")
# Prompts that carry something of the resident (the masked name to confirm, answers read back on a
# private headset): never cached.
PERSONAL_KEYS = ("identity.confirm", "review.readback")


class VoiceGuide:
    def __init__(self, session: Session, speaker=None,
                 on_health: Callable[[bool], None] | None = None) -> None:
        self.session = session
        self.on_health = on_health
        self._speaker = None
        # (prompt key, locale) of the last prompts, for tests and audits; bounded, as a kiosk runs for months
        self.spoken: deque[tuple[str, str]] = deque(maxlen=500)
        self.speaker = speaker

    @property
    def speaker(self):
        return self._speaker

    @speaker.setter
    def speaker(self, speaker) -> None:
        """Use another speaker (tests swap one in): its health changes are forwarded from now on."""
        if self._speaker is not None and hasattr(self._speaker, "remove_health_listener"):
            self._speaker.remove_health_listener(self._health_changed)
        self._speaker = speaker
        if speaker is not None and hasattr(speaker, "add_health_listener"):
            speaker.add_health_listener(self._health_changed)
        self._health_changed(self.available)

    def _health_changed(self, available: bool) -> None:
        if self.on_health is not None:
            self.on_health(available)

    @property
    def available(self) -> bool:
        return self.speaker is not None and self.speaker.available

    def say(self, key: str, text: str) -> None:
        if not text:
            return
        self.spoken.append((key, self.session.locale))
        if self.speaker is None:
            return
        from devices.speech.speaker import Priority

        priority = Priority.ERROR if key in ERROR_KEYS else Priority.ALERT if key in ALERT_KEYS else Priority.PROMPT
        self.speaker.say(text, self.session.locale, key=key, rate=self.session.rate, volume=self.session.volume,
                         priority=priority, personal=key in PERSONAL_KEYS)

    def repeat(self, key: str, text: str) -> None:
        self.stop()
        self.say(key, text)

    def stop(self) -> None:
        if self.speaker is not None:
            self.speaker.stop()

    def reset(self) -> None:
        """A new resident: silence, and forget what 'repeat' would say."""
        if self.speaker is not None:
            self.speaker.reset()
