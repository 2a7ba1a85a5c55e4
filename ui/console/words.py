"""Words the console's pages share: how long ago, the time of day, a kiosk screen, a face check.

A QObject for its tr(), as ui/step_indicator.py's StepTexts: the words follow the installed
translation.  Times are stored in UTC (ISO 8601) and shown in the kiosk's local time.
"""

from __future__ import annotations

import datetime as _dt

from ui.qt import QObject


def parse_time(text: str) -> _dt.datetime | None:
    """A stored ISO 8601 time as an aware datetime, or None if it cannot be read."""
    try:
        value = _dt.datetime.fromisoformat(text)
    except (TypeError, ValueError):
        return None
    return value if value.tzinfo is not None else value.replace(tzinfo=_dt.UTC)


class ConsoleWords(QObject):
    def clock(self, at: str) -> str:
        """The local time of day ("14:05"); the date too when it is not today ("11-24 14:05")."""
        when = parse_time(at)
        if when is None:
            return "?"
        local = when.astimezone()
        if local.date() != _dt.datetime.now().astimezone().date():
            return local.strftime("%m-%d %H:%M")
        return local.strftime("%H:%M")

    def ago(self, at: str, now: _dt.datetime | None = None) -> str:
        """How long ago, in words: "just now", "3 minutes ago", "2 hours ago"."""
        when = parse_time(at)
        if when is None:
            return ""
        seconds = ((now or _dt.datetime.now(_dt.UTC)) - when).total_seconds()
        if seconds < 60:
            return self.tr("just now")
        if seconds < 3600:
            return self.tr("%n minute(s) ago", "", int(seconds // 60))
        if seconds < 48 * 3600:
            return self.tr("%n hour(s) ago", "", int(seconds // 3600))
        return self.tr("%n day(s) ago", "", int(seconds // 86400))

    def when(self, at: str, now: _dt.datetime | None = None) -> str:
        """"3 minutes ago · 14:05"."""
        return self.tr("%1 · %2").replace("%1", self.ago(at, now)).replace("%2", self.clock(at))

    def screen(self, state: str) -> str:
        """A kiosk screen (a session state id) in words."""
        return {
            "home": self.tr("Home screen"), "guide": self.tr("What the service needs"),
            "identity": self.tr("Identity check"), "form": self.tr("Filling in the form"),
            "documents": self.tr("Photos of documents"), "review": self.tr("Checking before submitting"),
            "submitted": self.tr("Submitting"), "receipt": self.tr("Receipt"), "rating": self.tr("Rating the visit"),
            "status": self.tr("Checking progress"),
        }.get(state, self.tr("Another screen (%1)").replace("%1", state))

    def liveness(self, value: str) -> str:
        return {"passed": self.tr("Live-face check passed"), "failed": self.tr("Live-face check not passed"),
                "skipped": self.tr("Live-face check skipped"), "not_done": self.tr("No live-face check")}.get(
            value, value)

    def matcher(self, value: str) -> str:
        return {"not_matched": self.tr("The kiosk found the faces clearly different"),
                "unclear": self.tr("The kiosk could not tell"),
                "not_compared": self.tr("The kiosk did not compare the faces")}.get(value, value)
