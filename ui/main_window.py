"""The kiosk window: a top bar that is always there, the current screen, and the idle warning.

Each session change rebuilds the current screen from the session (fresh
widgets, no undo history), so after a wipe nothing of the last resident is
left in any widget.  Store work runs on the serial worker, never here.
"""

from __future__ import annotations

import dataclasses
import logging
from pathlib import Path
from kiosk import applications, help_requests, receipts
from kiosk.errors import KioskError
from kiosk.session import Session, State
from ui import clipboard_guard, icons
from ui.bridge import DeviceBridge
from ui.i18n import Translations
from ui.qt import (
    QApplication, QEvent, QFontMetrics, QFrame, QHBoxLayout, QObject, Qt, QTimer, QVBoxLayout, QWidget, Signal,
    delete_now,
)
from ui.assisted import AssistedVisits
from ui.guided_banner import GuidedBanner
from ui.screens.base import Context, Screen
from ui.screens.consent import ConsentScreen
from ui.screens.documents import DocumentsScreen
from ui.screens.form import FormScreen
from ui.screens.guide import GuideScreen
from ui.screens.home import HomeScreen
from ui.screens.identity import IdentityScreen
from ui.screens.rating import RatingScreen
from ui.screens.receipt import ReceiptScreen
from ui.screens.review import ReviewScreen
from ui.screens.status import StatusScreen
from ui.tasks import TaskRunner
from ui.theme import Theme
from ui.voice import VoiceGuide
from ui.idle_overlay import IdleOverlay
from ui.station_header import StationHeader, is_offline
from ui.sync_line import SyncLine
from ui.widgets import TouchButton, button, clear_layout, label

log = logging.getLogger(__name__)

SCREENS: dict[State, type[Screen]] = {
    State.HOME: HomeScreen, State.GUIDE: GuideScreen, State.IDENTITY: IdentityScreen, State.FORM: FormScreen,
    State.DOCUMENTS: DocumentsScreen, State.REVIEW: ReviewScreen, State.RECEIPT: ReceiptScreen,
    State.STATUS: StatusScreen, State.RATING: RatingScreen, State.CONSENT: ConsentScreen,
}
# Changes that only touch the overlay or settings, not the screen's content.
WARM_PROMPTS_AFTER_MS = 3000
NO_REBUILD = {"volume", "rate", "countdown", "idle_warning", "still_here", "sound_panel", "notice", "consent"}
# The events the window's application-wide filter acts on (a touch, or what clipboard_guard blocks).  A tuple,
# not a set: hashing a Qt enum runs Python code, and the filter sees every event of every widget.
INPUT_EVENTS = tuple({QEvent.MouseButtonPress, QEvent.TouchBegin, QEvent.KeyPress, *clipboard_guard.EVENTS})
# A panel fewer lines of body text high than this is "tight" (elder mode with a large text scale: about 10
# lines on a 1366x768 panel at text_scale 1.5, or on a 1920x1080 one at 2.0): the screens fold what they
# can (see Context.tight), the top bar's words too when they do not fit its width.
TIGHT_LINES = 13.0


class SavingScreen(Screen):
    prompt_key = "submitted"

    def __init__(self, ctx: Context) -> None:
        super().__init__(ctx)
        self.layout_.addStretch(1)
        self.layout_.addWidget(label(self.tr("Saving your application…"), self.theme, 1.3, bold=True,
                                     align=Qt.AlignCenter))
        self.layout_.addStretch(1)


SCREENS[State.SUBMITTED] = SavingScreen


class KioskWindow(QWidget):
    """The whole resident-facing window."""

    helper_changed = Signal(object)  # the signed-in helper (kiosk.staff.Helper) or None after sign-out
    visit_refused = Signal(object)  # a start_guided/start_proxy/start_correction that could not start (KioskError)
    text_scale = 1.0  # the station's devices.text_scale (ui/app.py ScaledWindow sets it)

    def __init__(self, session: Session, store, *, station_id: str, station_name: str, px_per_mm: float,
                 receipts_dir: Path, devices: dict | None = None, portrait: bool = False,
                 private_headset: bool = False, panel_size: tuple[int, int] | None = None) -> None:
        super().__init__()
        self.setObjectName("kiosk")
        self.setAttribute(Qt.WA_StyledBackground, True)
        self.session, self.store = session, store
        self.station_id, self.station_name = station_id, station_name
        self.px_per_mm, self.portrait = px_per_mm, portrait
        # The panel's size in pixels, for the screens built before the window is given its size (the first).
        self.panel_size = panel_size
        self.tight = False  # what the current screen was built for (see TIGHT_LINES)
        self.receipts_dir = receipts_dir
        self.private_headset = private_headset  # config devices.private_headset: numbers may be read back
        self.devices = dict(devices or {})
        self.bridge: DeviceBridge = self.devices.setdefault("bridge", DeviceBridge())
        self.bridge.follow(session)  # the card the bridge remembers goes when the session ends
        # The speaker's health changes (speech thread) reach the GUI thread as bridge.speech_state.
        # Queued even from the GUI thread: it may fire while this window is still being built.
        self.bridge.speech_state.connect(self._on_speech_state, Qt.QueuedConnection)
        self.voice = VoiceGuide(session, self.devices.get("speaker"), on_health=self.bridge.speech_state.emit)
        # The sync worker's state (sync thread) reaches the GUI thread as bridge.sync_status.
        self.sync_status = None
        self.bridge.sync_status.connect(self._on_sync_status, Qt.QueuedConnection)
        board = self.devices.get("sync_status")
        if board is not None:
            board.add_listener(self.bridge.sync_status.emit)
            self.sync_status = board.latest
        self.spoken = self.voice.spoken  # (prompt key, locale): what voice guidance said, no text kept
        self.tasks = TaskRunner()    # the store's one serial worker
        self.compute = TaskRunner()  # image work, so it never waits behind (or delays) the store
        self.printing = TaskRunner()  # receipts to PDF and lp: a help request never waits behind a printer
        self.translations = Translations()
        self.translations.switch(session.locale)
        self.screen: Screen | None = None
        self._chrome: tuple | None = None  # (locale, elder mode, voice available, tight) the chrome was built for
        self._sound_panel_theme: Theme | None = None  # set: the sound panel is to be built with it when shown
        self._short_top_bar: dict[tuple, bool] = {}  # (locale, elder mode, width) → the top bar's short words
        self.receipt_outcome = ""  # printed / saved / print_failed, for the receipt screen
        self.screen_changes = 0
        self.helper = None  # kiosk.staff.Helper while a station helper is signed in (see set_helper)
        # Help requests between this window and the helpers' console (ui/console/help_requests.py): a new
        # request refreshes the console; an acknowledgement reaches this resident's screen and voice.
        self.help_board = self.devices.setdefault("help_requests", help_requests.HelpRequestBoard())
        self.help_board.add_listener(self._on_help_event)
        self._visit_help_requests: set[str] = set()  # this visit's requests (forgotten when the visit ends)
        self.devices.setdefault("catalog", session.catalog)  # service names for the console's pages

        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(0)
        self.top_bar = QFrame()
        self.top_bar.setObjectName("top_bar")
        outer.addWidget(self.top_bar)
        self.sound_panel = QFrame()
        self.sound_panel.setObjectName("sound_panel")
        self.sound_panel.hide()
        outer.addWidget(self.sound_panel)
        self.notice = label("", self._theme(), role="notice", name="notice")
        self.notice.hide()
        outer.addWidget(self.notice)
        self.content = QVBoxLayout()
        outer.addLayout(self.content, 1)
        self.sync_line = SyncLine.make(self._theme())
        outer.addWidget(self.sync_line)
        self.overlay = IdleOverlay(self, self.top_bar, session)
        self.assisted = AssistedVisits(self)

        self.qr_watch = None
        if self.devices.get("camera") is not None:
            from ui.qr_watch import QrWatch

            self.qr_watch = QrWatch(self.devices["camera"])
            self.qr_watch.scanned.connect(self.on_qr_scanned)
        session.add_listener(self._on_session_change)
        self.ticker = QTimer(self)
        self.ticker.setInterval(1000)
        self.ticker.timeout.connect(session.tick)
        self.ticker.timeout.connect(lambda: self.header.update_clock())
        self.ticker.start()
        from ui.console.desk import StaffDesk

        self.staff = StaffDesk(self)  # staff sign-in, the helper console, the helper's idle sign-out
        # The console's ways into a visit a helper leads (ui/assisted.py): guided, for someone else, a correction.
        self.staff.guided_start_requested.connect(lambda: self.start_guided())
        self.staff.proxy_start_requested.connect(self.start_proxy)
        self.staff.correct_requested.connect(self.start_correction)
        QApplication.instance().installEventFilter(self)
        self._rebuild()
        # A little after the home screen is up (start-up has the CPU to itself): the first prompts of a
        # visit, rendered while the speaker is idle.
        QTimer.singleShot(WARM_PROMPTS_AFTER_MS, self._warm_prompts)

    def _warm_prompts(self) -> None:
        from ui.prompt_warmup import prewarm

        defaults = self.session.defaults
        prewarm(self.voice.speaker, self.session.catalog, (defaults.rate_normal, defaults.rate_elder))

    # -- building ------------------------------------------------------------------------

    def _theme(self) -> Theme:
        """The theme for the session's mode at the station's text scale, tight on a short panel (TIGHT_LINES)."""
        theme = Theme(elder=self.session.elder_mode, px_per_mm=self.px_per_mm, scale=self.text_scale)
        return dataclasses.replace(theme, tight=True) if self._is_tight(theme) else theme

    def _context(self, theme: Theme) -> Context:
        return Context(session=self.session, theme=theme, station_name=self.station_name, say=self.say,
                       submit=self.submit, devices=self.devices, portrait=self.portrait,
                       receipt_outcome=self.receipt_outcome, private_headset=self.private_headset,
                       run_store_task=self.run_store_task, run_task=self.run_task, rate=self.rate,
                       call_helper=self.call_helper, open_staff=self.open_staff, tight=self.tight)

    def run_task(self, func, done) -> None:
        """Run CPU work (image processing, face matching) off the GUI thread; `done(result)` back on it."""
        self.compute.run(func, done, lambda error: log.error("background task failed: %s", type(error).__name__))

    def run_store_task(self, query, done) -> None:
        """Run `query(store)` on the store's worker; `done(result)` on the GUI thread."""
        self.tasks.run(lambda: query(self.store), done, lambda error: self.say("error", KioskError().text(
            self.session.locale)))

    def _rebuild(self, kept: dict[str, str] | None = None, from_top_bar: bool = False) -> None:
        """Build the current screen afresh; `kept`: what the old one typed (see Screen.keep_typing);
        `from_top_bar`: the touch ran in the top bar, not in the old screen, so it can go at once."""
        theme = self._theme()
        self.tight = theme.tight
        sheet = theme.style_sheet()
        if sheet != self.styleSheet():  # re-styling the whole window costs ~10 ms: only when the mode changed
            if from_top_bar and self.screen is not None:
                # Gone before the re-styling, which would otherwise re-polish all of it on its way out.
                self.content.removeWidget(self.screen)
                delete_now(self.screen)
                self.screen = None
            self.setStyleSheet(sheet)
        # The top bar, sound panel and idle overlay hold nothing of the resident: rebuild them only
        # when what they show changes (language, mode, voice), not on every touch.
        if not self._refresh_chrome(theme):
            self._update_sound_state()
            self.overlay.refresh()
        self._show_sound_panel()
        self._update_notice()
        self.guided_banner.refresh(self.session)
        self.sync_line.restyle(theme)
        self._update_sync_line()
        if self.screen is not None:
            # Deleted once control returns to the event loop: the touch that got us here may
            # still be running inside one of its buttons.
            self.content.removeWidget(self.screen)
            self.screen.hide()
            self.screen.setObjectName("retired")
            self.screen.deleteLater()
        self.screen = SCREENS[self.session.state](self._context(theme))
        self.screen.setObjectName(f"screen_{self.session.state.value}")
        if kept:
            self.screen.restore_typing(kept)
        self.content.addWidget(self.screen)
        self.screen_changes += 1
        if self.qr_watch is not None:
            self.qr_watch.set_active(self.session.state in (State.HOME, State.STATUS)
                                     and self.session.status_results is None)
        self.say(self.screen.prompt_key, self.screen.spoken_prompt())

    def _refresh_chrome(self, theme: Theme | None = None) -> bool:
        """Rebuild the top bar, sound panel and idle overlay if what they show changed; True if rebuilt."""
        chrome = (self.session.locale, self.session.elder_mode, self.voice.available, self.tight)
        if chrome == self._chrome:
            return False
        theme = theme or self._theme()
        if self._chrome is not None and chrome[1:] == self._chrome[1:]:
            self._translate_top_bar()  # only the language changed: same sizes, new words
        elif self._chrome is not None and chrome[2:] == self._chrome[2:]:
            self._restyle_top_bar(theme)  # the mode (and maybe the language): same widgets, new sizes and words
        else:
            self._build_top_bar(theme)
        self._chrome = chrome
        self.notice.setFont(theme.font())  # (made once with the first mode's size: it follows the mode)
        # The sound panel and the idle warning are built when they next show (most visits open neither).
        self._sound_panel_theme = theme
        self.overlay.build(theme)
        return True

    def _show_sound_panel(self) -> None:
        """Show or hide the sound panel as the session says, built first if the chrome changed since."""
        if self.session.sound_panel_open and self._sound_panel_theme is not None:
            theme, self._sound_panel_theme = self._sound_panel_theme, None
            self._build_sound_panel(theme)
        elif self.session.sound_panel_open:
            self._update_sound_state()
        self.sound_panel.setVisible(self.session.sound_panel_open)

    def _panel(self) -> tuple[int, int]:
        """The window's size in pixels: its own once it was given one, else the panel's (if known)."""
        if self.testAttribute(Qt.WA_Resized) or not self.panel_size:
            return (self.width(), self.height()) if self.testAttribute(Qt.WA_Resized) else (0, 0)
        return self.panel_size

    def _is_tight(self, theme: Theme) -> bool:
        """Whether the panel is fewer than TIGHT_LINES lines of body text high (unknown: not tight)."""
        height = self._panel()[1]
        return bool(height) and height < TIGHT_LINES * QFontMetrics(theme.font()).lineSpacing()

    def _on_sync_status(self, status) -> None:
        """A sync pass ended: the helpers' line on the home screen says whether the centre is reached."""
        self.sync_status = status
        self._update_sync_line()

    def _update_sync_line(self) -> None:
        self.sync_line.show_status(self.sync_status, at_home=self.session.state == State.HOME)
        if getattr(self, "header", None) is not None:
            self.header.set_offline(is_offline(self.sync_status))

    def _on_speech_state(self, _available) -> None:
        """The speaker found a problem or recovered (or finished its start-up check): the helpers'
        'voice unavailable' notice follows at once, not at the next screen change."""
        if self.screen is not None:
            self._refresh_chrome()

    def _build_top_bar(self, theme: Theme) -> None:
        old_header = getattr(self, "header", None)
        clear_layout(self.top_bar)
        if old_header is not None:  # out of the top bar at once: what it showed must not be found there again
            old_header.setParent(None)
            old_header.deleteLater()
        outer = QVBoxLayout(self.top_bar)
        margin = theme.mm(2)
        # Less above and below than at the sides: the header line costs height a short panel lacks.
        outer.setContentsMargins(margin, theme.mm(1), margin, theme.mm(1))
        outer.setSpacing(theme.mm(0.5))
        self.header = StationHeader(theme, self.station_name, self.session.locale, compact=self.tight)
        self.header.set_offline(is_offline(self.sync_status))
        outer.addWidget(self.header)
        self.guided_banner = GuidedBanner(theme, self.header)  # who is helping, on the header's line
        bar = QHBoxLayout()
        bar.setSpacing(theme.mm(2))
        outer.addLayout(bar)
        words = self._top_bar_words()
        parts = {}  # name → widget whose words _translate_top_bar sets
        parts["language"] = button(words["language"][0], theme, lambda: self.session.set_locale(
            "en" if self.session.locale == "zh_CN" else "zh_CN"), name="language", icon=icons.action("language"),
            accessible=words["language"][1])
        bar.addWidget(parts["language"])
        elder = parts["elder_mode"] = button(
            words["elder_mode"][0], theme, lambda: self.session.set_elder_mode(not self.session.elder_mode),
            name="elder_mode", checkable=True, icon=icons.action("elder"))
        elder.setChecked(self.session.elder_mode)
        bar.addWidget(elder)
        bar.addStretch(1)
        if self.portrait:
            # A narrow panel has no room for every button (with its icon) on one line: the voice
            # buttons and the helper call take a second line, right-aligned under the first.
            bar = QHBoxLayout()
            bar.setSpacing(theme.mm(2))
            bar.addStretch(1)
            outer.addLayout(bar)
        if not self.voice.available:  # a small notice for helpers (DESIGN: "helpers see a small notice")
            # Beside the clock: the row of buttons (each with its icon) has no room for it.
            notice = parts["voice_notice"] = label(words["voice_notice"][0], theme, 0.9, role="hint",
                                                   name="voice_notice")
            notice.setAlignment(Qt.AlignRight | Qt.AlignVCenter)
            self.header.add_right(notice)
        parts["sound"] = button(words["sound"][0], theme, self.toggle_sound_panel, name="sound",
                                icon=icons.action("sound"), accessible=words["sound"][1])
        parts["repeat"] = button(words["repeat"][0], theme, self.repeat, name="repeat", accessible=words["repeat"][1],
                                 icon=icons.action("repeat"))
        parts["call_helper"] = button(words["call_helper"][0], theme, self.call_helper, primary=True,
                                      name="call_helper", icon=icons.action("help"))
        for name in ("sound", "repeat", "call_helper"):
            bar.addWidget(parts[name])
        self._top_bar_parts = parts
        self._top_bar_rows = ((("language", "elder_mode"), ("sound", "repeat", "call_helper")) if self.portrait
                              else (("language", "elder_mode", "sound", "repeat", "call_helper"),))
        self._top_bar_gaps = (theme.mm(2), 2 * margin)  # between buttons, and the bar's two side margins
        self._fit_top_bar()

    def _top_bar_words(self, short: bool = False) -> dict[str, tuple[str, str]]:
        """The top bar's words in the session's language: name → (text, accessible name or '' for the text).
        `short`: the folded bar's (a large text scale), each button's icon beside a word or two."""
        other = "English" if self.session.locale == "zh_CN" else "中文"
        if short:
            return {
                "language": (other, self.tr("Language: %1").replace("%1", other)),
                "elder_mode": (self.tr("✓ Elder") if self.session.elder_mode else self.tr("Elder"),
                               self.tr("Elder mode")),
                "voice_notice": (self.tr("Voice guidance unavailable"), ""),
                "sound": (self.tr("Sound"), self.tr("Sound: speed and volume")),
                "repeat": (self.tr("Repeat"), self.tr("Repeat")),
                "call_helper": (self.tr("Help"), self.tr("Help: call a helper")),  # (the name holds the words shown)
            }
        return {
            "language": (other, self.tr("Language: %1").replace("%1", other)),
            "elder_mode": (self.tr("✓ Elder mode") if self.session.elder_mode else self.tr("Elder mode"), ""),
            "voice_notice": (self.tr("Voice guidance unavailable"), ""),
            "sound": (self.tr("Sound"), self.tr("Sound: speed and volume")),
            "repeat": (self.tr("Repeat"), self.tr("Repeat")),
            "call_helper": (self.tr("Call a helper"), ""),
        }

    def _translate_top_bar(self) -> None:
        """A language switch: new words on the same top bar.  Rebuilding it (header, buttons, icons) and
        laying the window out around the new one cost ~6 ms of a ~28 ms switch."""
        self._set_top_bar_words(self._top_bar_words())
        self._fit_top_bar()
        self.header.translate(self.session.locale)
        self.guided_banner.refresh(self.session)

    def _restyle_top_bar(self, theme: Theme) -> None:
        """An elder-mode switch: the top bar keeps its widgets and takes the mode's sizes, colours and words
        (building it again, header, buttons and icons, cost ~4 ms of a ~20 ms switch, CPU time)."""
        for widget in self._top_bar_parts.values():
            if isinstance(widget, TouchButton):
                widget.restyle(theme)
            else:  # the helpers' voice notice
                widget.setFont(theme.font(0.9))
        self._top_bar_parts["elder_mode"].setChecked(self.session.elder_mode)
        self.header.restyle(theme)
        self.guided_banner.restyle(theme)
        self._translate_top_bar()

    def _set_top_bar_words(self, words: dict[str, tuple[str, str]]) -> None:
        for name, widget in self._top_bar_parts.items():
            text, accessible = words[name]
            if widget.text() != text:
                widget.setText(text)
            widget.setAccessibleName(accessible or text)

    def _fit_top_bar(self) -> None:
        """The full words on the top bar's buttons if every row of them fits the window's width, else the
        short ones (the icons stay): a large text scale would otherwise make the window wider than the panel."""
        width = self._panel()[0]
        parts = self._top_bar_parts
        full = self._top_bar_words()
        key = (self.session.locale, self.session.elder_mode, width)  # (measured once each: a switch is quick)
        short = self._short_top_bar.get(key)
        if short is None:
            gap, sides = self._top_bar_gaps
            short = self._short_top_bar[key] = bool(width) and any(
                sum(parts[name].size_for(full[name][0]).width() for name in row) + gap * (len(row) - 1) + sides
                > width for row in self._top_bar_rows)
        self._set_top_bar_words(self._top_bar_words(short=True) if short else full)

    def _build_sound_panel(self, theme: Theme) -> None:
        """Speed and volume of voice guidance, for the resident to set (reset for the next one)."""
        clear_layout(self.sound_panel)
        row = QHBoxLayout(self.sound_panel)
        margin = theme.mm(2)
        row.setContentsMargins(margin, 0, margin, margin)
        row.setSpacing(theme.mm(2))
        s = self.session
        for text, name, action in (
            (self.tr("Slower"), "slower", lambda: s.set_rate(s.rate - 20)),
            (self.tr("Faster"), "faster", lambda: s.set_rate(s.rate + 20)),
            (self.tr("Quieter"), "quieter", lambda: s.set_volume(round(s.volume - 0.2, 2))),
            (self.tr("Louder"), "louder", lambda: s.set_volume(round(s.volume + 0.2, 2))),
        ):
            row.addWidget(button(text, theme, action, name=name))
        self.sound_state = label("", theme, 1.0, role="hint", name="sound_state")
        row.addWidget(self.sound_state, 1)
        self._update_sound_state()

    def _sound_state_text(self) -> str:
        return (self.tr("Volume %1%").replace("%1", str(round(self.session.volume * 100)))
                + " · " + self.tr("Speed %1").replace("%1", str(self.session.rate)))

    def _update_sound_state(self) -> None:
        if self._sound_panel_theme is not None or not hasattr(self, "sound_state"):  # built when shown
            return
        text = self._sound_state_text()
        self.sound_state.setText(text)
        self.sound_state.setAccessibleName(text)

    def toggle_sound_panel(self) -> None:
        self.session.set_sound_panel(not self.session.sound_panel_open)

    def _notice_text(self, key: str | None) -> str:
        return {"help_coming": self.tr("A helper is coming to you. Please wait here."),
                "help_acknowledged": self.tr("A helper has received your call and is on the way."),
                "help_failed": self.tr("Please wave to a helper: the request could not be saved."),
                "qr_invalid": self.tr("This code is not a Waystation receipt or appointment. "
                                      "Please show the receipt's QR code."),
                "error": self.session.notice_error.text(self.session.locale) if self.session.notice_error else "",
                }.get(key or "", "")

    def _update_notice(self) -> None:
        """The notice above the screen, from the session (in the screen's language)."""
        text = self._notice_text(self.session.notice)
        self.notice.setText(text)
        self.notice.setAccessibleName(text)
        self.notice.setVisible(bool(text))
        # On a tight panel the notice takes the header line's room (a helper coming matters more than the time).
        self.header.setVisible(not (self.tight and text))

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt name)
        super().resizeEvent(event)
        self.overlay.place()
        if self.screen is None:
            return
        if self._theme().tight != self.tight:  # (a windowed kiosk made taller or shorter)
            self._rebuild(self.screen.keep_typing())
        elif event.oldSize().width() != event.size().width():
            self._fit_top_bar()

    # -- session events ------------------------------------------------------------------

    def _on_session_change(self, reason: str) -> None:
        if reason.startswith("wiped:") or (reason == "state" and self.session.state == State.HOME):
            # What a selection or a helper's copy put there must not be pasted into the next form.
            clipboard_guard.clear_clipboards()
        if reason.startswith("wiped:"):
            self._visit_help_requests.clear()  # an acknowledgement now is for someone who has gone
            self.notice.hide()
            self.notice.clear()
            self.sound_panel.hide()
            self.overlay.reset()
            self.voice.reset()
            self.translations.switch(self.session.locale)
        if reason in ("volume", "rate"):
            self._update_sound_state()
            self.say("sound", self._sound_state_text())
            return
        if reason == "locale":
            self.translations.switch(self.session.locale)
        if reason == "sound_panel":
            self._show_sound_panel()
            return
        if reason == "notice":
            self._update_notice()
            return
        if reason in NO_REBUILD:
            self.overlay.refresh()
            if reason in ("idle_warning", "countdown") and self.overlay.due_to_speak(reason == "idle_warning"):
                self.say("idle_warning", self.overlay.warning_text())
            return
        # A language or mode switch builds the same screen again: what was typed on it stays.
        kept = self.screen.keep_typing() if reason in ("locale", "mode") and self.screen is not None else None
        self._rebuild(kept, from_top_bar=reason in ("locale", "mode"))

    # -- actions -------------------------------------------------------------------------

    def submit(self) -> None:
        """Commit and save the receipt PDF on the store's worker, print on the printer's, then show it.
        A visit a helper leads first asks the resident to confirm (the consent screen submits)."""
        if self.session.state == State.REVIEW and self.session.consent_needed():
            try:
                return self.session.ask_consent()
            except KioskError:
                return self.say("error", self.screen.submit_error_text() if hasattr(self.screen, "submit_error_text")
                                else self.session.submit_error.text(self.session.locale))
        try:
            draft = self.session.prepare_submit()
        except KioskError as error:
            self.say("error", self.screen.submit_error_text() if hasattr(self.screen, "submit_error_text")
                     else error.text(self.session.locale))  # on screen too (the review shows it)
            return
        title = self.session.service.title.get(self.session.locale)
        labels = {"number": self.tr("Application number"), "issued": self.tr("Issued"),
                  "keep": self.tr("Keep this receipt to check progress.")}
        printer = self.devices.get("printer")

        def commit():
            from ui.receipt_pdf import write_receipt_pdf

            receipt = applications.submit(self.store, draft, self.station_id)
            # From here on the application is safe: nothing after this may turn into a "failed" submit,
            # or the resident would submit again and the centre would get two applications.
            path = receipts.save_copy(receipt, lambda target: write_receipt_pdf(
                receipt, title, self.station_name, target, labels), self.receipts_dir / f"{receipt.number}.pdf")
            return receipt, path

        def committed(result) -> None:
            receipt, path = result
            if path is None or printer is None:
                return issued(receipt, receipts.SAVED if path is not None else receipts.PRINT_FAILED)
            self.printing.run(lambda: receipts.print_copy(receipt, path, printer),
                              lambda outcome: issued(receipt, outcome),
                              lambda error: issued(receipt, receipts.PRINT_FAILED))

        def issued(receipt, outcome: str) -> None:
            if outcome == receipts.PRINTED:
                self.tasks.run(lambda: receipts.mark_printed(self.store, receipt.number), lambda _: None,
                               lambda error: log.error("receipt %s not marked printed: %s", receipt.number,
                                                       type(error).__name__))
            self.receipt_outcome = outcome
            self.session.submitted(receipt)

        self.tasks.run(commit, committed, self._submit_failed)

    def _submit_failed(self, error: Exception) -> None:
        if not isinstance(error, KioskError):
            log.error("submit failed: %s", type(error).__name__)
            error = KioskError()
        self.session.submit_failed(error)
        self.say("error", error.text(self.session.locale))

    def on_qr_scanned(self, text: str) -> None:
        """A code held to the camera on the home or status screen: a receipt opens its status; on the
        home screen an appointment code opens its service's guide."""
        from kiosk import appointments
        from kiosk.receipts import number_from_qr

        if self.session.state not in (State.HOME, State.STATUS) or self.session.status_results is not None:
            return
        appointment = appointments.parse(text)
        if appointment is not None and self.session.state == State.HOME:
            try:
                self.session.start_appointment(appointment)
            except KioskError as error:
                self.session.show_notice("error", error)
                self.say("error", error.text(self.session.locale))
            return
        number = number_from_qr(text)
        if number is None:
            self.session.show_notice("qr_invalid")
            self.say("error", self._notice_text("qr_invalid"))
            return
        if self.session.state == State.HOME:
            self.session.open_status()
        self.run_store_task(lambda store: [r for r in [receipts.status_by_number(store, number)] if r],
                            self.session.show_status)

    def call_helper(self) -> None:
        screen = self.session.state.value
        service = self.session.service.id if self.session.service else ""
        visits = self._visit_help_requests  # this visit's (a new set is not made: cleared when it ends)

        def recorded(request: help_requests.HelpRequest) -> None:
            visits.add(request.uuid)
            self._helper_called()
            self.help_board.publish(help_requests.REQUESTED, request.uuid)

        self.tasks.run(lambda: help_requests.record(self.store, screen, service), recorded,
                       lambda error: self._helper_called(failed=True))

    def _helper_called(self, failed: bool = False) -> None:
        key = "help_failed" if failed else "help_coming"
        self.session.show_notice(key)
        self.say("help_coming", self._notice_text(key))

    def _on_help_event(self, event: str, request_uuid: str) -> bool:
        if event == help_requests.ACKNOWLEDGED:
            return self.help_acknowledged(request_uuid)
        if event == help_requests.RESOLVED:
            return self.help_resolved(request_uuid)
        return False

    @property
    def visit_help_requests(self) -> tuple[str, ...]:
        """The UUIDs of the help requests made during this visit (none once it ends)."""
        return tuple(self._visit_help_requests)

    def help_acknowledged(self, request_uuid: str) -> bool:
        """A helper acknowledged a help request (from the console, even while it is shown over this
        window): if it is this visit's, the resident's screen says a helper is on the way, and the voice
        says it in the resident's language.  False when the resident who called has gone."""
        if request_uuid not in self._visit_help_requests:
            return False
        self.session.show_notice("help_acknowledged")
        self.say("help_acknowledged", self._notice_text("help_acknowledged"))
        return True

    def help_resolved(self, request_uuid: str) -> bool:
        """The helper dealt with this visit's request: the 'helper coming' notice goes.  False if it was
        not this visit's (or no such notice is shown)."""
        if request_uuid not in self._visit_help_requests or self.session.notice not in ("help_coming",
                                                                                          "help_acknowledged"):
            return False
        self.session.show_notice(None)
        return True

    def rate(self, level: str, reasons: tuple, helper_called: bool) -> None:
        """Keep the resident's 好差评 rating (on the store's worker: the sync worker sends it) and end the
        visit.  The rating carries the application number, never anything of the resident."""
        from kiosk import ratings

        receipt = self.session.receipt
        if receipt is not None:
            rating = ratings.new(receipt.number, receipt.service_id, level, reasons, helper_called)
            self.tasks.run(lambda: ratings.record(self.store, rating), lambda _: None,
                           lambda error: log.error("rating not kept: %s", type(error).__name__))
        self.session.finish()

    def start_guided(self, service_id: str | None = None) -> bool:
        """A helper starts a guided visit (帮办), at a service's guide or at the home screen (ui/assisted.py)."""
        return self.assisted.start_guided(service_id)

    def start_proxy(self, service_id: str) -> bool:
        """A helper starts a proxy visit (代办) for a service the catalog opens to agents."""
        return self.assisted.start_proxy(service_id)

    def start_correction(self, uuid: str) -> bool:
        """A helper corrects the set-aside application `uuid` with its resident present."""
        return self.assisted.start_correction(uuid)

    def set_helper(self, helper) -> None:
        """A helper signed in (a kiosk.staff.Helper) or out (None); listeners hear helper_changed."""
        if helper != self.helper:
            self.helper = helper
            self.helper_changed.emit(helper)

    def open_staff(self) -> None:
        """The home screen's small Staff button: sign-in, or the console for a signed-in helper."""
        self.staff.open()

    def repeat(self) -> None:
        if self.screen is not None:
            self.voice.repeat(self.screen.prompt_key, self.screen.spoken_prompt())

    def say(self, key: str, text: str) -> None:
        self.voice.say(key, text)

    # -- touches -------------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt name)
        kind = event.type()
        if kind not in INPUT_EVENTS:  # most of the ~1,400 events of a screen change: nothing to do
            return False
        if kind in (QEvent.MouseButtonPress, QEvent.TouchBegin, QEvent.KeyPress):
            self.staff.touched()  # a signed-in helper's idle time
            self.session.touch()
            self.voice.stop()  # speech stops on any touch
        return clipboard_guard.blocked(kind, event)  # no context menus, no copy or paste anywhere
