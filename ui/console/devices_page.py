"""Devices: card reader, camera, printer, speech and sync, each with its state in words and a test.

- Read a card: the next card laid on the reader is read and reported (the name masked: 王*明);
- Show the camera: its live picture on the page until closed;
- Print a test page: a sample receipt (no personal data) through the printer, off the GUI thread;
- Speak a test sentence: through voice guidance, as residents hear it;
- Sync now: wakes the sync worker (when a centre is configured); its answer updates the sync line.
Everything blocking runs off the GUI thread (the devices' own threads, the window's task runners).
"""

from __future__ import annotations

import datetime as _dt
import tempfile
from pathlib import Path

from devices.card.reader import CardEventKind
from kiosk.errors import KioskError
from kiosk.identity import mask_name
from kiosk.receipts import Receipt
from ui.console.page import ConsolePage
from ui.qt import QGridLayout, QTimer, QWidget
from ui.widgets import button, label, scroll_page

CARD_WAIT_MS = 30_000


class DevicesPage(ConsolePage):
    page_id = "devices"
    icon = "screwdriver-wrench"

    def title(self) -> str:
        return self.tr("Devices")

    def __init__(self, ctx) -> None:
        super().__init__(ctx)
        t = self.theme
        self.devices = ctx.devices
        self.bridge = self.devices.get("bridge")
        self.camera_view = None
        self.waiting_for_card = False
        self.layout_.addWidget(label(self.tr("Devices"), t, 1.15, bold=True, name="devices_heading"))
        body = QWidget()
        self.grid = QGridLayout(body)
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.grid.setHorizontalSpacing(t.mm(3))
        self.grid.setVerticalSpacing(t.mm(2))
        self.grid.setColumnStretch(0, 1)
        self.states: dict[str, QWidget] = {}
        tests = {
            "reader": (self.tr("Card reader"), self.tr("Read a card"), self._test_reader),
            "camera": (self.tr("Camera"), self.tr("Show the camera"), self._test_camera),
            "printer": (self.tr("Printer"), self.tr("Print a test page"), self._test_printer),
            "speech": (self.tr("Speech"), self.tr("Speak a test sentence"), self._test_speech),
            "sync": (self.tr("Sync with the centre"), self.tr("Sync now"), self._test_sync),
        }
        for row, (key, (name, action, test)) in enumerate(tests.items()):
            state = label("", t, name=f"state_{key}")
            self.states[key] = state
            self.grid.addWidget(label(name, t, 1.0, bold=True, name=f"device_{key}"), 2 * row, 0)
            test_button = button(action, t, test, name=f"test_{key}")
            test_button.setEnabled(self._present(key))  # nothing to test: the state says why
            self.grid.addWidget(test_button, 2 * row, 1, 2, 1)
            self.grid.addWidget(state, 2 * row + 1, 0)
        self.camera_row = 2 * len(tests)
        self.layout_.addWidget(scroll_page(body, t), 1)
        if self.bridge is not None:
            # Bound methods, never lambdas: Qt then drops the connection with the page.  (A lambda on the
            # window's long-lived bridge would keep this page, its context and the devices alive.)
            self.bridge.card_event.connect(self._on_card_event)
            self.bridge.sync_status.connect(self._on_sync_status)
        self.card_timer = QTimer(self)
        self.card_timer.setSingleShot(True)
        self.card_timer.timeout.connect(self._card_wait_over)

    def _present(self, key: str) -> bool:
        if key == "sync":
            return getattr(self.ctx, "sync_now", None) is not None
        return self.devices.get({"speech": "speaker"}.get(key, key)) is not None

    def refresh(self) -> None:
        self._show_reader()
        self._show_camera()
        self._show_printer()
        self._show_speech()
        self._show_sync()

    def _set(self, key: str, text: str) -> None:
        self.states[key].setText(text)
        self.states[key].setAccessibleName(text)

    # -- states in words ---------------------------------------------------------------------------

    def _show_reader(self) -> None:
        reader = self.devices.get("reader")
        if reader is None:
            return self._set("reader", self.tr("No card reader configured: residents type the ID number with a "
                                               "helper."))
        connection = self.bridge.connection if self.bridge is not None else None
        if connection is not None and connection.kind == CardEventKind.DISCONNECTED:
            why = connection.error.text(self.ctx.locale) if connection.error is not None else ""
            return self._set("reader", self.tr("Not connected. %1").replace("%1", why).strip())
        self._set("reader", self.tr("Connected: %1.").replace("%1", reader.describe()))

    def _show_camera(self) -> None:
        camera = self.devices.get("camera")
        if camera is None:
            return self._set("camera", self.tr("No camera configured: a helper compares faces and takes documents."))
        working = getattr(camera, "connected", False)
        self._set("camera", (self.tr("Working: %1.") if working else self.tr("No picture: %1.")).replace(
            "%1", camera.describe()))

    def _show_printer(self) -> None:
        printer = self.devices.get("printer")
        if printer is None:
            return self._set("printer", self.tr("No printer configured: receipts are saved as PDF files."))
        self._set("printer", self.tr("Configured: %1.").replace("%1", printer.describe()))

    def _show_speech(self) -> None:
        speaker = self.devices.get("speaker")
        if speaker is None:
            return self._set("speech", self.tr("Switched off: screens are not read aloud."))
        self._set("speech", self.tr("Working.") if speaker.available else self.tr(
            "Not working: residents see the words but do not hear them."))

    def _on_sync_status(self, _status) -> None:
        self._show_sync()

    def _show_sync(self) -> None:
        if getattr(self.ctx, "sync_now", None) is None:
            return self._set("sync", self.tr("No central service configured: applications stay on this kiosk."))
        status = self.ctx.sync_status() if hasattr(self.ctx, "sync_status") else None
        if status is None:
            return self._set("sync", self.tr("Not known yet: the first sync pass has not ended."))
        words = {"online": self.tr("The centre is reached."), "offline": self.tr("The centre cannot be reached."),
                 "not_central": self.tr("The server reached is not this station's centre."),
                 "stopped": self.tr("Sync is stopped: please call IT.")}.get(status.state, status.state)
        counts = self.tr("%1 waiting, %2 set aside.").replace("%1", str(status.waiting)).replace(
            "%2", str(status.set_aside))
        self._set("sync", f"{words} {counts}")

    # -- tests ---------------------------------------------------------------------------------------

    def _test_reader(self) -> None:
        if self.devices.get("reader") is None or self.bridge is None:
            return self._show_reader()
        self.waiting_for_card = True
        self.card_timer.start(CARD_WAIT_MS)
        self._set("reader", self.tr("Lay a card on the reader…"))

    def _card_wait_over(self) -> None:
        if self.waiting_for_card:
            self.waiting_for_card = False
            self._set("reader", self.tr("No card was read within 30 seconds."))

    def _on_card_event(self, event) -> None:
        if not self.waiting_for_card:
            if event.kind in (CardEventKind.CONNECTED, CardEventKind.DISCONNECTED):
                self._show_reader()
            return
        if event.kind == CardEventKind.READ and event.card is not None:
            self.waiting_for_card = False
            self.card_timer.stop()
            self._set("reader", self.tr("Card read correctly: %1.").replace("%1", mask_name(event.card.name)))
        elif event.kind in (CardEventKind.ERROR, CardEventKind.DISCONNECTED) and event.error is not None:
            self.waiting_for_card = False
            self.card_timer.stop()
            self._set("reader", self.tr("The card could not be read: %1").replace(
                "%1", event.error.text(self.ctx.locale)))

    def _test_camera(self) -> None:
        camera = self.devices.get("camera")
        if camera is None:
            return self._show_camera()
        if self.camera_view is not None:
            return self._close_camera()
        from ui.camera_view import CameraView

        self.camera_view = CameraView(camera, lambda image, at: ("", None), lambda _text: None,
                                      lambda _result: None, self.theme.mm(45))
        self.grid.addWidget(self.camera_view, self.camera_row, 0, 1, 2)
        self._set("camera", self.tr("The camera's live picture is shown below. Touch “Show the camera” again to "
                                    "close it."))

    def _close_camera(self) -> None:
        view, self.camera_view = self.camera_view, None
        view.close_view()
        view.hide()
        view.deleteLater()
        self._show_camera()

    def _test_printer(self) -> None:
        printer = self.devices.get("printer")
        if printer is None:
            return self._show_printer()
        self._set("printer", self.tr("Printing a test page…"))
        labels = {"number": self.tr("Test page"), "issued": self.tr("Printed"),
                  "keep": self.tr("The printer works.")}
        station = self.ctx.station_id if hasattr(self.ctx, "station_id") else ""

        locale = self.ctx.locale

        def print_test_page() -> str:
            """'' when the printer took it, else why not (in words)."""
            from ui.receipt_pdf import write_receipt_pdf

            now = _dt.datetime.now(_dt.timezone.utc).isoformat(timespec="seconds")
            try:
                with tempfile.TemporaryDirectory() as folder:
                    path = write_receipt_pdf(Receipt("TEST", "", "test", now), labels["number"], station,
                                             Path(folder) / "test-page.pdf", labels)
                    printer.print_pdf(path)
            except KioskError as error:
                return error.text(locale)
            return ""

        self.ctx.run_task(print_test_page, self._printed)

    def _printed(self, problem: str) -> None:
        self._set("printer", self.tr("The test page went to the printer.") if not problem else
                  self.tr("The test page was not printed: %1").replace("%1", problem))

    def _test_speech(self) -> None:
        speaker = self.devices.get("speaker")
        if speaker is None:
            return self._show_speech()
        self.ctx.say("console.speech_test", self.tr("This is the speech test of the kiosk."))
        self._set("speech", self.tr("Speaking a test sentence. Did you hear it?"))

    def _test_sync(self) -> None:
        sync_now = getattr(self.ctx, "sync_now", None)
        if sync_now is None:
            return self._show_sync()
        sync_now()
        self._set("sync", self.tr("Sync asked to send now; the state follows here."))

    def hideEvent(self, event) -> None:  # noqa: N802 (Qt name): the camera stops feeding a page that went
        if self.camera_view is not None:
            self.camera_view.close_view()
        super().hideEvent(event)
