"""Walk every screen of the journey, for `waystation gallery`, layout and accessibility tests.

`walk_screens()` drives a real window through each screen with sample data
(no personal data) and yields after each one is shown; `write_gallery()`
saves a PNG of each in both modes and both languages, with an index.html
that shows them side by side for reviewers and translators.  Staff sign-in and
the helper console (ui/console/gallery_walk.py) are saved as console_*, in normal
mode and both languages.
"""

from __future__ import annotations

import datetime as _dt
import html
import tempfile
from pathlib import Path
from typing import Iterator

from devices.card.reader import CardEvent, CardEventKind
from kiosk import app_number, catalog as catalog_mod, crypto, receipts, samples
from kiosk.identity import CardData, FaceCheck, Identity, IdentityMethod
from kiosk.session import Defaults, Session, State
from kiosk.store import Store
from ui.app import ScaledWindow
from ui.main_window import KioskWindow
from ui.qt import QApplication, QEvent
from ui.sample_image import sample_document_jpeg
from ui.screens.status import STATUS_NAMES

RESOLUTIONS = {  # (width px, height px, panel width mm)
    "1024x768": (1024, 768, 304.0),
    "1366x768": (1366, 768, 344.0),
    "1920x1080": (1920, 1080, 476.0),
    "1080x1920": (1080, 1920, 268.0),
}


def sample_card() -> CardData:
    return CardData("王小明", "M", "汉", _dt.date(1952, 6, 18), "北京市东城区景山前街4号", samples.SAMPLE_ID,
                    "北京市公安局东城分局", _dt.date(2016, 5, 1), None)


def make_window(resolution: str, elder: bool, locale: str, data_dir: Path,
                text_scale: float = 1.0) -> tuple[KioskWindow, Session]:
    """A kiosk window the size of the panel `resolution`, sized in its millimetres, with sample data
    only (`text_scale` as the config's devices.text_scale)."""
    width, height, width_mm = RESOLUTIONS[resolution]
    store = Store(data_dir / "gallery.db", crypto.Sealer(crypto.load_or_create_key(data_dir / "gallery.key")))
    session = Session(catalog_mod.bundled(), Defaults(locale=locale, elder_mode=elder))
    window = ScaledWindow(session, store, station_id="DEMO01", station_name="Waystation", px_per_mm=width / width_mm,
                          receipts_dir=data_dir / "receipts", portrait=height > width, text_scale=text_scale,
                          panel_size=(width, height))
    window.resize(width, height)
    window.show()
    return window, session


def settle() -> None:
    """Let the window catch up, as the running event loop would (including deleting retired screens:
    processEvents() alone leaves deleteLater()'d widgets alive when no event loop is running)."""
    for _ in range(3):
        QApplication.processEvents()
        QApplication.sendPostedEvents(None, QEvent.DeferredDelete)


def walk_screens(window: KioskWindow, session: Session, service_id: str = "residence_permit",
                 every_page: bool = False, extras: bool = True) -> Iterator[str]:
    """Show each screen in turn; yields the screen's name while it is on display.

    Every walk shows the sound panel, the status look-up (empty, with a typing
    error, with results of every status, with none found), the reader error, the
    ID keypad (empty and with a wrong number) and the 'a helper is coming' notice.
    `every_page` also shows every form page and document, and carries the notice
    from the start (the tightest case), for the layout and accessibility tests.
    `extras=False` leaves out what is the same for every service (the sound panel,
    the status look-up, the identity step's error and keypad states): for walking
    one service after another in the same window.
    """
    if every_page:
        # The 'a helper is coming' notice stays above every screen until the session ends: the
        # tightest case for the layout, so the walk carries it from the start.
        window.call_helper()
        window.tasks.wait()
    settle()
    yield "home"
    if extras:
        # What a helper sees on the home screen while the centre cannot be reached (the sync worker's
        # word, as it would arrive from its thread).
        from kiosk.sync_status import SyncStatus

        before = window.sync_status
        window.bridge.sync_status.emit(SyncStatus("offline", "sync.offline", waiting=128, set_aside=3))
        settle()
        yield "home_offline"
        window.bridge.sync_status.emit(before)
        settle()
        session.set_sound_panel(True)
        settle()
        yield "sound_panel"
        session.set_sound_panel(False)
        yield from _walk_status(window, session)
    session.choose_service(service_id)
    settle()
    yield "guide"
    session.next()
    settle()
    yield "identity"
    if extras:
        yield from _walk_identity_trouble(window, session)
    window.screen._card_read(sample_card(), IdentityMethod.SIMULATED)
    settle()
    yield "identity_confirm"
    session.identify(Identity.from_card(sample_card(), IdentityMethod.SIMULATED))
    if session.needs_face():
        settle()
        yield "identity_face"
        session.set_face(FaceCheck.HELPER_TO_CONFIRM)
    settle()
    yield "form"

    def valid_page() -> dict[str, str]:
        return {f.id: session.answers.get(f.id) or samples.answer_for(f) for f in session.page_fields()}

    def has_mobile() -> bool:
        return any(field.type == "mobile" for field in session.page_fields())

    # On to the page that asks for the mobile number (in elder mode, one question a screen),
    # and type a wrong one there: the error shows beside the field.
    while session.state == State.FORM and not has_mobile():
        session.next(valid_page())
        if every_page and session.state == State.FORM:
            settle()
            yield f"form_page_{session.page + 1}"
    if session.state == State.FORM:  # (a service may not ask for one)
        session.next({field.id: "1" for field in session.page_fields() if field.type == "mobile"})
        settle()
        yield "form_error"
    while session.state == State.FORM:
        session.next(valid_page())
        if every_page and session.state == State.FORM:
            settle()
            yield f"form_page_{session.page + 1}"
    if session.state == State.DOCUMENTS:
        settle()
        yield "documents"
    while session.state == State.DOCUMENTS:
        session.add_photo(session.current_document().id, sample_document_jpeg())
        if every_page:
            settle()
            yield f"documents_{session.doc_index + 1}_taken"
        session.next()
        if every_page and session.state == State.DOCUMENTS:
            settle()
            yield f"documents_{session.doc_index + 1}"
    settle()
    yield "review"
    window.submit()
    window.tasks.wait()
    settle()  # the commit's answer: with a printer, the receipt shows once lp has taken the PDF
    window.printing.wait()
    settle()
    yield "receipt"
    if not every_page:  # (the walk for the tests carries the notice from the start)
        window.call_helper()
        window.tasks.wait()
        settle()
        yield "helper_coming"
        for request_uuid in window.visit_help_requests:  # a helper acknowledged it on the console
            window.help_acknowledged(request_uuid)
        settle()
        yield "helper_acknowledged"
    # The 好差评 rating after the receipt: five choices, then (for a low one) the reasons.  The notice of a
    # helper called before does not follow the resident onto it (Session.start_rating); the walk for the
    # tests calls one from the rating itself, to keep the tightest case.
    session.start_rating()
    if every_page:
        window.call_helper()
        window.tasks.wait()
    settle()
    yield "rating"
    session.choose_rating("dissatisfied")
    reasons = session.catalog.rating_reasons
    if reasons:
        session.toggle_rating_reason(reasons[0].value)
    settle()
    yield "rating_reasons"
    session.last_touch -= session.defaults.idle_warning_after_s
    session.tick()
    settle()
    yield "idle_warning"
    session.finish()
    settle()


def sample_status_lines() -> list[receipts.StatusLine]:
    """One line of every status (no personal data), one with a service the catalog no longer has."""
    day = _dt.date(2026, 11, 24)
    services = [service.id for service in catalog_mod.bundled().services] + ["retired_service"]
    lines = []
    for index, status in enumerate(STATUS_NAMES):
        reason = {"rejected": "The photo of the household register is unreadable.",
                  "needs_correction": "Please add the landlord's signature."}.get(status)
        lines.append(receipts.StatusLine(app_number.make("DEMO01", day, 40 + index), services[index % len(services)],
                                         f"{day:%Y-%m-%d}T09:30:00Z", status, reason))
    return lines


def _walk_status(window: KioskWindow, session: Session) -> Iterator[str]:
    """The status look-up: waiting for a card or number, a number too short, results, nothing found."""
    session.open_status()
    settle()
    yield "status"
    for key in "123":
        window.screen.keypad.press(key)
    window.screen._by_number()
    settle()
    yield "status_typed_too_little"
    session.show_status(sample_status_lines())
    settle()
    yield "status_results"
    session.show_status([])
    settle()
    yield "status_none"
    session.back()
    settle()


def _walk_identity_trouble(window: KioskWindow, session: Session) -> Iterator[str]:
    """The identity step's bad moments: the reader gone, typing the ID number, a wrong check digit."""
    window.screen.on_card_event(CardEvent(CardEventKind.DISCONNECTED))
    settle()
    yield "identity_error"
    window.screen._show_keypad()
    settle()
    yield "identity_keypad"
    wrong = samples.SAMPLE_ID[:-1] + ("0" if samples.SAMPLE_ID[-1] != "0" else "1")  # a wrong check digit
    for key in wrong:
        window.screen.keypad.press(key)
    window.screen._keypad_done()
    settle()
    yield "identity_keypad_error"
    session.back()  # a fresh identity screen for the card
    session.next()


def _console_shots(out_dir: Path, resolution: str, tmp: Path, shots: dict[str, dict[str, str]]) -> None:
    """The helpers' console pages (console_*.png): normal mode only, both languages."""
    from ui.console_gallery import make_console, walk_console

    for locale in ("zh_CN", "en"):
        column = f"normal_{locale}"
        data_dir = tmp / f"console_{locale}"
        data_dir.mkdir()
        window, host = make_console(resolution, locale, data_dir)
        for name in walk_console(window, host):
            file = f"{name}_{column}.png"
            host.grab().save(str(out_dir / file))
            shots.setdefault(name, {})[column] = file
        host.close()
        host.deleteLater()
        window.close()
        window.store.close()
        window.deleteLater()


def write_gallery(out_dir: Path, resolution: str = "1366x768", text_scale: float = 1.0) -> Path:
    """PNG of every screen in both modes and languages, and an index.html to compare them (`text_scale`: the
    config's devices.text_scale, 1.0 to 2.0)."""
    from itertools import chain

    from ui.gallery_assisted import walk_assisted_screens, walk_outreach_screens

    out_dir.mkdir(parents=True, exist_ok=True)
    shots: dict[str, dict[str, str]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for elder in (False, True):
            for locale in ("zh_CN", "en"):
                column = f"{'elder' if elder else 'normal'}_{locale}"
                window, session = make_window(resolution, elder, locale, Path(tmp), text_scale=text_scale)
                # The resident's journey, then the visits a helper leads (guided, proxy, a correction).
                for name in chain(walk_screens(window, session), walk_assisted_screens(window, session),
                                  walk_outreach_screens(window, session)):
                    file = f"{name}_{column}.png"
                    window.grab().save(str(out_dir / file))
                    shots.setdefault(name, {})[column] = file
                if not elder:  # staff sign-in and the helper console: normal mode only (helpers, not residents)
                    from ui.console.gallery_walk import walk_console

                    for name in walk_console(window, settle):
                        file = f"{name}_{column}.png"
                        window.grab().save(str(out_dir / file))
                        shots.setdefault(name, {})[column] = file
                window.tasks.wait()
                window.close()
                window.store.close()
                window.deleteLater()
        _console_shots(out_dir, resolution, Path(tmp), shots)
    columns = ["normal_zh_CN", "normal_en", "elder_zh_CN", "elder_en"]
    rows = "".join(
        f"<tr><th>{html.escape(name)}</th>" + "".join(
            f'<td><a href="{files[c]}"><img src="{files[c]}" width="320"></a></td>' if c in files
            else "<td>(normal mode only)</td>" for c in columns) + "</tr>"
        for name, files in shots.items())
    index = out_dir / "index.html"
    title = f"{resolution}" + (f", text scale {text_scale:g}" if text_scale != 1.0 else "")
    index.write_text(f"<!doctype html><meta charset=utf-8><title>Waystation screens ({title})</title>"
                     f"<table border=1><tr><th></th>{''.join(f'<th>{c}</th>' for c in columns)}</tr>{rows}</table>",
                     encoding="utf-8")
    return index
