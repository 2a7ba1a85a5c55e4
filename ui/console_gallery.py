"""The helper console's pages with sample data, for `waystation gallery` and the layout tests.

Console pages are in normal mode (helpers are not the residents elder mode is for), in both
languages, at every panel size.  Each page is shown in a host the size of the panel, beside a real
kiosk window (whose store, workers and help-request board the pages use, as in the running kiosk),
and `walk_console()` yields after each state: empty, with sample items, after an action, and for
faces one opened with the two photos side by side.  The sample data holds nobody's personal data:
a sample ID number, drawn faces (ui/sample_image.py).

`CONSOLE_PAGES` lists the page classes shown here; the console shell's own registry
(ui/console/pages.py) is the one the kiosk uses.
"""

from __future__ import annotations

import datetime as _dt
from pathlib import Path
from typing import Iterator

from kiosk import applications, help_requests, samples
from kiosk.applications import Attachment, Draft
from kiosk.staff import Helper
from ui.console.faces import FacesPage
from ui.console.help_requests import HelpRequestsPage
from ui.console.page import ConsoleContext, ConsolePage
from ui.gallery import RESOLUTIONS, make_window, settle
from ui.main_window import KioskWindow
from ui.qt import QVBoxLayout, QWidget, Qt
from ui.sample_image import sample_face
from ui.theme import Theme

CONSOLE_PAGES: list[type[ConsolePage]] = [HelpRequestsPage, FacesPage]
SAMPLE_HELPER = Helper("0007", "Sample helper")


class ConsoleHost(QWidget):
    """A panel-sized stand-in for the console shell: the theme's style sheet and one page."""

    def __init__(self, window: KioskWindow, resolution: str) -> None:
        super().__init__()
        self.setObjectName("kiosk")  # the theme's background
        self.setAttribute(Qt.WA_StyledBackground, True)
        width, height, _ = RESOLUTIONS[resolution]
        self.theme = Theme(elder=False, px_per_mm=window.px_per_mm)
        self.setStyleSheet(self.theme.style_sheet())
        self.window_ = window
        self.page: ConsolePage | None = None
        self.box = QVBoxLayout(self)
        self.box.setContentsMargins(0, 0, 0, 0)
        self.resize(width, height)
        self.expected_size = self.size()

    def context(self) -> ConsoleContext:
        window = self.window_
        return ConsoleContext(helper=SAMPLE_HELPER, theme=self.theme, locale=window.session.locale,
                              devices=window.devices, portrait=window.portrait, say=window.say,
                              run_store_task=window.run_store_task, run_task=window.run_task)

    def show_page(self, page_class: type[ConsolePage]) -> ConsolePage:
        if self.page is not None:
            self.box.removeWidget(self.page)
            self.page.hide()
            self.page.deleteLater()
        self.page = page_class(self.context())
        self.box.addWidget(self.page)
        self.show()
        wait(self.window_)
        return self.page


def wait(window: KioskWindow) -> None:
    """Let the store and compute workers finish and their answers arrive on the GUI thread."""
    for _ in range(3):
        window.tasks.wait()
        window.compute.wait()
        settle()


def make_console(resolution: str, locale: str, data_dir: Path) -> tuple[KioskWindow, ConsoleHost]:
    window, _ = make_window(resolution, False, locale, data_dir)
    return window, ConsoleHost(window, resolution)


def add_sample_help_requests(window: KioskWindow) -> None:
    """Three residents waiting: at the identity step, on the form (acknowledged already), at home."""
    now = _dt.datetime.now(_dt.UTC)
    store = window.store
    for minutes, screen, service in ((12, "identity", "residence_permit"), (7, "form", "senior_card"),
                                     (1, "home", "")):
        at = (now - _dt.timedelta(minutes=minutes)).isoformat(timespec="milliseconds")
        request = help_requests.record(store, screen, service, at=at)
        if screen == "form":
            help_requests.acknowledge(store, request.uuid, "0003")


def add_sample_faces(window: KioskWindow) -> None:
    """Two applications whose faces a helper must compare (one card without a readable photo)."""
    services = [service.id for service in window.session.catalog.services]
    for index, (liveness, distance, card_photo) in enumerate((("passed", "0.6712", sample_face(1, card=True)),
                                                               ("skipped", "", None))):
        identity = {"method": "simulated", "face": "helper_to_confirm", "liveness": liveness}
        if distance:
            identity |= {"face_distance": distance, "face_threshold": "0.5/0.62"}
        applications.submit(window.store, Draft(
            services[index % len(services)], "zh_CN", {"name": "王小明"},
            [Attachment("face_photo", "image/jpeg", sample_face(0))], identity=identity,
            id_number=samples.SAMPLE_ID, card_photo=card_photo), window.station_id)


def walk_console(window: KioskWindow, host: ConsoleHost) -> Iterator[str]:
    """Show each console page in its states; yields the picture's name (console_<page>...) each time."""
    page = host.show_page(HelpRequestsPage)
    yield "console_help_requests_empty"
    add_sample_help_requests(window)
    page = host.show_page(HelpRequestsPage)
    yield "console_help_requests"
    first = page.requests[0]
    page.acknowledge(first.uuid)
    wait(window)
    yield "console_help_requests_acknowledged"
    page = host.show_page(FacesPage)
    yield "console_faces_empty"
    add_sample_faces(window)
    page = host.show_page(FacesPage)
    yield "console_faces"
    page.open(page.waiting[0])
    wait(window)
    yield "console_faces_open"
    page.decide(True)
    wait(window)
    yield "console_faces_decided"
    page.open(page.waiting[0])
    wait(window)
    yield "console_faces_open_no_card_photo"
    page.close_photos()
