"""Starting the visits a station helper leads, for the kiosk window (guided, proxy, correct and resend).

The helper console (ui/console/) calls the window's `start_guided`, `start_proxy` and
`start_correction`; they land here.  Each needs a signed-in helper (`KioskWindow.helper`) and
ends whatever visit was on screen first (the helper chose to start a new one).  A refusal (no
helper, a service not open to proxies, an application that no longer waits for a correction) is
emitted as `KioskWindow.visit_refused(error)` for the console to show, and said.  When the helper
signs out (or another signs in), a visit they led ends and is wiped like an abandoned one.
"""

from __future__ import annotations

import logging

from kiosk import corrections
from kiosk.errors import KioskError, SessionError
from kiosk.session import State

log = logging.getLogger(__name__)


class AssistedVisits:
    """The window's side of guided visits: starting them, and ending them with the helper's session."""

    def __init__(self, window) -> None:
        self.window = window
        window.helper_changed.connect(self._helper_changed)

    @property
    def session(self):
        return self.window.session

    def _refuse(self, error: KioskError) -> bool:
        self.window.visit_refused.emit(error)
        self.window.say("error", error.text(self.session.locale))
        return False

    def _fresh_start(self) -> bool:
        """A signed-in helper and a fresh home screen: what every start needs (False, said, otherwise)."""
        if self.window.helper is None:
            return self._refuse(SessionError("guided.helper_required"))
        if not (self.session.state == State.HOME and self.session.assistance is None and self.session.is_fresh()):
            self.session.wipe("helper_started")  # the helper ends whatever was on screen
        return True

    def start_guided(self, service_id: str | None = None) -> bool:
        if not self._fresh_start():
            return False
        try:
            self.session.start_guided(self.window.helper, service_id)
        except KioskError as error:
            return self._refuse(error)
        return True

    def start_proxy(self, service_id: str) -> bool:
        if not self._fresh_start():
            return False
        try:
            self.session.start_proxy(self.window.helper, service_id)
        except KioskError as error:
            return self._refuse(error)
        return True

    def start_correction(self, uuid: str) -> bool:
        """Open the application `uuid` for a correction (read and audited on the store's worker), then
        start the visit at the identity step with its form filled in."""
        if not self._fresh_start():
            return False
        helper = self.window.helper

        def opened(source) -> None:  # GUI thread
            if isinstance(source, KioskError):
                self._refuse(source)
                return
            if self.window.helper != helper:
                return  # signed out meanwhile: nothing starts
            if not self.session.is_fresh() or self.session.assistance is not None:
                self.session.wipe("helper_started")
            try:
                self.session.start_correction(helper, source)
            except KioskError as error:
                self._refuse(error)

        def open_it(store):
            try:
                return corrections.open_for_correction(store, uuid, helper.number)
            except KioskError as error:
                return error

        self.window.run_store_task(open_it, opened)
        return True

    def _helper_changed(self, helper) -> None:
        """The helper signed out, or another signed in: the visit the first one led ends here."""
        led = self.session.assistance
        if led is not None and (helper is None or helper.number != led.helper_number):
            self.session.wipe("helper_signed_out")
