"""The staff desk: sign-in, the helper console over the kiosk window, and signing helpers out.

One per KioskWindow (`window.staff`).  Ways in: the small Staff button on the home screen
(`window.open_staff()` → `open()`), or a registered staff card laid on the PC/SC reader at any time
(the reader hands on the card's UID with "not an identity card"; an unknown UID is ignored).  Then
the helper number and PIN (a card: the PIN only), checked on the store's worker (scrypt), and the
console (ui/console/shell.py) covers the whole window, in normal mode.

Signing out (audited with why): the Sign out button, no touch for `[helpers] idle_minutes` (5),
a lock after wrong PINs asked again, or the kiosk leaving.  Each wipes the screen as a resident's
visit ends (`session.wipe`): the console's widgets are deleted, the resident screen starts afresh.
"Back to resident screen" closes the console but keeps the helper signed in (guided mode); the
Staff button opens it again without a PIN.  While the console is shown the resident's own idle
timer is held (the helper's governs); the sign-in panel closes itself after a minute untouched.

For the guided-mode work: `guided_start_requested` (a Qt signal) fires when the helper touches
"Start a guided application" (the console has closed by then); `correct_requested(uuid)` relays the
Set aside page's signal of that name (its "Correct and resend" button); `window.helper` says who helps.
"""

from __future__ import annotations

import dataclasses
import logging
import time
from pathlib import Path

from kiosk import helper_audit, roster, sign_in
from kiosk.config import HelpersConfig
from kiosk.errors import CatalogError, KioskError
from ui.console.kiosk_control import KioskControl
from ui.console.pin_prompt import PinPrompt
from ui.console.shell import ConsoleShell, DeskContext
from ui.console.sign_in import SignInPanel
from ui.qt import QEvent, QFrame, QObject, QTimer, QVBoxLayout, Signal
from ui.theme import Theme

log = logging.getLogger(__name__)

SIGN_IN_IDLE_S = 60  # the sign-in panel closes itself after this long untouched


class StaffOverlay(QFrame):
    """Covers the whole kiosk window (top bar included) with the sign-in panel or the console."""

    def __init__(self, window, theme: Theme) -> None:
        super().__init__(window)
        self.setObjectName("staff_overlay")
        self.setAutoFillBackground(True)
        c = theme.colours
        # Normal mode whatever the resident chose: the console's own sheet, on the overlay's subtree only.
        self.setStyleSheet(theme.style_sheet() + f"QFrame#staff_overlay {{ background: {c.background}; }}")
        self.box = QVBoxLayout(self)
        self.box.setContentsMargins(0, 0, 0, 0)
        self.place()

    def place(self) -> None:
        self.setGeometry(self.parentWidget().rect())
        self.raise_()

    def put(self, widget) -> None:
        while self.box.count():
            old = self.box.takeAt(0).widget()
            if old is not None:
                old.hide()
                old.setObjectName("retired")
                old.deleteLater()
        self.box.addWidget(widget)


class StaffDesk(QObject):
    guided_start_requested = Signal()  # "Start a guided application" touched (the console has closed)
    correct_requested = Signal(str)  # "Correct and resend" on the Set aside page: the application's uuid
    proxy_start_requested = Signal(str)  # a service touched on the "Apply for someone else" page (console closed)

    def __init__(self, window) -> None:
        super().__init__(window)
        self.window = window
        self.settings = HelpersConfig()
        self.export_dir: Path = Path(window.receipts_dir).parent / "exports"
        self.control = KioskControl(self.settings.shutdown_command)
        self.clock = time.monotonic
        self.last_touch = self.clock()
        self.overlay: StaffOverlay | None = None
        self.panel: SignInPanel | None = None
        self.shell: ConsoleShell | None = None
        self.pages = None  # the registry (ui.console.pages.PAGES) unless a test gives its own list
        self.timer = QTimer(self)
        self.timer.setInterval(1000)
        self.timer.timeout.connect(self.tick)
        self.timer.start()
        window.installEventFilter(self)  # its resizes (touches come through touched(), from the window's filter)
        window.bridge.card_event.connect(self._on_card_event)
        window.helper_changed.connect(self._on_helper_changed)
        window.session.add_listener(self._on_session)

    def configure(self, settings: HelpersConfig, export_dir: Path | None = None) -> None:
        """The station's [helpers] settings (ui/app.py, from the config)."""
        self.settings = settings
        self.control = KioskControl(settings.shutdown_command, self.control.quit_app)
        if export_dir is not None:
            self.export_dir = Path(export_dir)

    # -- what is shown -------------------------------------------------------------------------------

    @property
    def helper(self):
        return self.window.helper

    def theme(self) -> Theme:
        return dataclasses.replace(self.window._theme(), elder=False)

    def showing(self) -> bool:
        return self.overlay is not None

    def open(self) -> None:
        """The Staff button: the console for a signed-in helper, else the sign-in."""
        if self.helper is not None:
            self.show_console()
        else:
            self.show_sign_in()

    def _overlay(self) -> StaffOverlay:
        if self.overlay is None:
            self.overlay = StaffOverlay(self.window, self.theme())
            self.overlay.show()
        self.overlay.place()
        return self.overlay

    def show_sign_in(self, card_number: str = "") -> SignInPanel:
        self.last_touch = self.clock()
        self.shell = None
        self.panel = SignInPanel(self.theme(), self.window.session.locale, self.window.portrait, self._submit,
                                 self.close, card_number=card_number)
        self._overlay().put(self.panel)
        self.window.say("staff", self.panel.spoken_prompt())  # never the number or the PIN
        return self.panel

    def show_console(self, page_id: str | None = None) -> ConsoleShell:
        from ui.console.pages import PAGES

        self.panel = None
        self.shell = ConsoleShell(self._context(), list(self.pages if self.pages is not None else PAGES),
                                  on_sign_out=lambda: self.sign_out("button"), on_back=self.close,
                                  on_guided=self.request_guided_start)
        self.shell.page_built.connect(self._page_built)
        self.shell.start()
        self._overlay().put(self.shell)
        if page_id is not None:
            self.shell.show_page(page_id)
        return self.shell

    def _page_built(self, page) -> None:
        """A page's own signals, relayed by the desk (pages are built afresh each time they are shown)."""
        if hasattr(page, "correct_requested"):
            page.correct_requested.connect(self.request_correction)
        if hasattr(page, "proxy_requested"):
            page.proxy_requested.connect(self.request_proxy_start)

    def close(self) -> None:
        """Back to the resident screen: the overlay and everything in it go (a helper stays signed in)."""
        overlay, self.overlay, self.panel = self.overlay, None, None
        if self.shell is not None:
            self.shell.close_console()
            self.shell = None
        if overlay is not None:
            overlay.hide()
            overlay.setObjectName("retired")
            overlay.deleteLater()

    def request_guided_start(self) -> None:
        self.close()
        self.guided_start_requested.emit()

    def request_correction(self, uuid: str) -> None:
        """Correct and resend: the console closes and the correction starts with the resident present."""
        self.close()
        self.correct_requested.emit(uuid)

    def request_proxy_start(self, service_id: str) -> None:
        self.close()
        self.proxy_start_requested.emit(service_id)

    # -- signing in and out ----------------------------------------------------------------------------

    def _submit(self, number: str, pin: str, method: str) -> None:
        store = self.window.store
        self.window.tasks.run(lambda: sign_in.sign_in(store, number, pin, method=method), self._signed_in,
                              self._refused)

    def _signed_in(self, helper) -> None:
        self.last_touch = self.clock()
        self.window.set_helper(helper)
        self.show_console()

    def _refused(self, error: Exception) -> None:
        if not isinstance(error, KioskError):
            log.error("sign-in failed: %s", type(error).__name__)
            error = KioskError()
        if self.panel is not None:
            self.panel.show_refused(error.text(self.window.session.locale))

    def sign_out(self, reason: str = "button", then=None) -> None:
        """Sign the helper out (audited with `reason`) and wipe the screen as a resident's visit ends."""
        helper = self.helper
        self.close()
        if helper is None:
            return
        store = self.window.store
        self.window.tasks.run(lambda: helper_audit.signed_out(store, helper, reason), lambda _: then and then(),
                              lambda error: log.error("sign-out not audited: %s", type(error).__name__))
        self.window.set_helper(None)
        self.window.bridge.forget_card()
        self.window.session.wipe(f"helper_{reason}")

    def _on_helper_changed(self, helper) -> None:
        if helper is None and self.shell is not None:
            self.close()  # signed out elsewhere (the guided-mode work): the console goes with the helper

    # -- the console's services to its pages --------------------------------------------------------

    def _context(self) -> DeskContext:
        window = self.window

        def service_title(service_id: str) -> str:
            try:
                return window.session.catalog.service(service_id).title.get(window.session.locale)
            except CatalogError:
                return service_id

        return DeskContext(
            helper=self.helper, theme=self.theme(), locale=window.session.locale, devices=window.devices,
            portrait=window.portrait, say=window.say, run_store_task=self.run_store_task, run_task=window.run_task,
            station_id=window.station_id, service_title=service_title, export_dir=self.export_dir,
            ask_pin=self.ask_pin, desk=self, sync_now=window.devices.get("sync_now"),
            sync_status=lambda: window.sync_status, extra={"catalog": window.session.catalog})

    def run_store_task(self, query, done) -> None:
        """query(store) on the store's worker; done(result) on the GUI thread; a failure is said on the page."""
        store = self.window.store
        self.window.tasks.run(lambda: query(store), done, self._task_failed)

    def _task_failed(self, error: Exception) -> None:
        if not isinstance(error, KioskError):
            log.error("console task failed: %s", type(error).__name__)
            error = KioskError()
        if self.shell is not None:
            self.shell.show_notice(error.text(self.window.session.locale))

    def show_problem(self, page_id: str, text: str) -> None:
        """Show page `page_id` again with `text` (what went wrong, in words) above it."""
        if self.shell is not None:
            self.shell.show_page(page_id)
            self.shell.show_notice(text)

    def ask_pin(self, action: str, on_confirmed) -> None:
        """The PIN again (in place of the page) before `action`; `on_confirmed()` after the right one."""
        if self.shell is None or self.helper is None:
            return
        back_to = self.shell.page.page_id if hasattr(self.shell.page, "page_id") else None
        helper, store = self.helper, self.window.store
        prompt: PinPrompt

        def check(pin: str) -> None:
            self.window.tasks.run(lambda: sign_in.confirm(store, helper, pin, action), lambda _: on_confirmed(),
                                  refused)

        def refused(error: Exception) -> None:
            if isinstance(error, sign_in.SignInError) and error.code == "signin.locked":
                text = error.text(self.window.session.locale)
                self.sign_out("locked")
                self.show_sign_in().show_error(text)
                return
            if not isinstance(error, KioskError):
                error = KioskError()
            prompt.show_error(error.text(self.window.session.locale))

        prompt = PinPrompt(self.theme(), self.window.session.locale, self.window.portrait,
                           self.shell.action_words(action), check, lambda: self.shell.show_page(back_to))
        self.shell.replace_page(prompt)

    def kiosk_action(self, action: str, failed=None) -> None:
        """Leave, restart or shut down (after ask_pin): audited, the helper signed out, then done."""
        helper, store, control = self.helper, self.window.store, self.control

        def act(_=None) -> None:
            if action == "kiosk.shutdown":
                self.window.tasks.run(control.run_shutdown_command, lambda _: finish(), shutdown_failed)
            else:
                finish()

        def finish() -> None:
            self.sign_out("kiosk_exit", then=control.leave if action == "kiosk.exit" else
                          control.restart if action == "kiosk.restart" else control.shut_down)

        def shutdown_failed(error: Exception) -> None:
            text = (error if isinstance(error, KioskError) else KioskError()).text(self.window.session.locale)
            if failed is not None:
                failed(text)

        self.window.tasks.run(lambda: helper_audit.kiosk_action(store, helper, action), act,
                              lambda error: shutdown_failed(error))

    # -- events ----------------------------------------------------------------------------------------

    def tick(self) -> None:
        now = self.clock()
        if self.helper is not None and now - self.last_touch >= self.settings.idle_minutes * 60:
            self.sign_out("idle")
            return
        if self.shell is not None:
            self.window.session.touch()  # the resident's timer waits while a helper works here
        elif self.panel is not None and now - self.last_touch >= SIGN_IN_IDLE_S:
            self.close()

    def _on_card_event(self, event) -> None:
        uid = getattr(event, "uid", "")
        if not uid or self.helper is not None:
            return
        store = self.window.store
        self.window.tasks.run(lambda: roster.number_for_card(store, uid), self._card_known,
                              lambda error: log.error("staff card look-up failed: %s", type(error).__name__))

    def _card_known(self, number: str | None) -> None:
        if number is not None and self.helper is None:
            self.show_sign_in(card_number=number)

    def _on_session(self, reason: str) -> None:
        if reason.startswith("wiped:") and self.panel is not None:
            self.close()  # the visit ended under a sign-in nobody finished

    def touched(self) -> None:
        """Any touch or key anywhere in the kiosk (the window's event filter calls this)."""
        self.last_touch = self.clock()

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 (Qt name)
        if event.type() == QEvent.Resize and self.overlay is not None:
            self.overlay.place()
        return False
