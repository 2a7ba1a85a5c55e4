"""The sign-in and console screens for `waystation gallery`, the layout and accessibility tests.

`seed_samples()` puts sample helpers and applications in every queue state into a (throw-away)
store; `walk_console()` drives a real window's desk through sign-in (number, PIN, a refusal, a
lockout, a staff card), then every page of the registry in turn as a supervisor, with the states a
helper meets (the reason asked before a record opens, the opened record, the discard question, the
PIN asked again), and yields a `console_*` name while each is on screen.  Sample data only.
"""

from __future__ import annotations

from typing import Iterator

from kiosk import applications, outbox, ratings, roster, samples
from kiosk.applications import Draft
from kiosk.staff import Role

SUPERVISOR = ("0001", "周主管", "770315")
HELPER = ("0007", "王芳", "384712")
LOCKED = "0404"  # a number the walk locks (it need not exist: unknown numbers lock alike)


def seed_samples(store, catalog, station_id: str = "DEMO01") -> None:
    """Helpers, and today's applications waiting, sending, failed, set aside, sent and guided."""
    if roster.find(store, SUPERVISOR[0]) is None:
        roster.add(store, SUPERVISOR[0], SUPERVISOR[1], Role.SUPERVISOR, SUPERVISOR[2], actor="gallery")
        roster.add(store, HELPER[0], HELPER[1], Role.HELPER, HELPER[2], actor="gallery")
    receipts = []
    services = list(catalog.services)
    for index in range(6):
        service = services[index % len(services)]
        answers = {f.id: samples.answer_for(f) for f in service.fields if not f.is_photo}
        draft = Draft(service_id=service.id, locale="zh_CN", answers=answers, identity={"method": "simulated"},
                      id_number=samples.SAMPLE_ID if index % 2 else "", visit_seconds=240.0 + 90 * index)
        receipts.append(applications.submit(store, draft, station_id))
    due = {row.application_uuid: row for row in outbox.due(store, limit=100, now=10 ** 12)}
    failed, refused, sent, sending = (due[r.application_uuid] for r in receipts[1:5])
    outbox.failed(store, outbox.claim(store, [failed], outbox.Backoff())[0], "sync.offline")
    outbox.quarantine(store, refused, "sync.rejected", server_code="invalid_address",
                      message="The address has no house number.")
    outbox.mark_done(store, [outbox.Accepted(receipts[3].application_uuid, "C-1042", applications.utc_now(),
                                             "received")])
    outbox.claim(store, [sending], outbox.Backoff())
    ratings.record(store, ratings.new(receipts[3].number, receipts[3].service_id, "very_satisfied"))
    ratings.record(store, ratings.new(receipts[0].number, receipts[0].service_id, "satisfied"))


def walk_console(window, settle) -> Iterator[str]:
    """Show each sign-in and console screen in turn (yields its name while it is shown); ends signed out."""
    desk = window.staff
    seed_samples(window.store, window.session.catalog, window.station_id)
    _sample_devices(window)

    def finish_tasks() -> None:
        window.tasks.wait()
        settle()

    panel = desk.show_sign_in()
    settle()
    yield "console_sign_in_number"
    for key in SUPERVISOR[0]:
        panel.keypad.press(key)
    panel._number_done()
    for key in "7703":
        panel.keypad.press(key)
    settle()
    yield "console_sign_in_pin"
    for key in "111111":
        panel.keypad.press(key)
    panel._pin_done()
    finish_tasks()
    yield "console_sign_in_refused"
    panel._show_number()
    panel.keypad.clear()
    for key in LOCKED:
        panel.keypad.press(key)
    panel._number_done()
    for _ in range(5):
        for key in "902615":
            desk.panel.keypad.press(key)
        desk.panel._pin_done()
        finish_tasks()
    yield "console_sign_in_locked"
    desk.show_sign_in(card_number=HELPER[0])
    settle()
    yield "console_sign_in_card"
    desk.close()
    panel = desk.show_sign_in()
    for key in SUPERVISOR[0]:
        panel.keypad.press(key)
    panel._number_done()
    for key in SUPERVISOR[2]:
        panel.keypad.press(key)
    panel._pin_done()
    finish_tasks()
    shell = desk.shell
    for page in list(shell.pages):
        shell.show_page(page.page_id)
        finish_tasks()
        yield f"console_{page.page_id}"
        if page.page_id == "queue":
            shell.page._ask_reason(0)
            settle()
            yield "console_queue_reason"
            shell.page._open(shell.page.lines[0], "audit")
            finish_tasks()
            yield "console_queue_record"
        elif page.page_id == "set_aside" and shell.page.entries:
            shell.page._ask_discard(0)
            settle()
            yield "console_set_aside_discard"
        elif page.page_id == "today":
            shell.page._export()
            finish_tasks()
            yield "console_today_exported"
        elif page.page_id == "supervisor":
            desk.ask_pin("kiosk.shutdown", lambda: None)
            settle()
            yield "console_supervisor_pin"
    desk.sign_out("button")
    finish_tasks()


def _sample_devices(window) -> None:
    """A connected reader, a printer and a centre that cannot be reached, for the Devices page (a window
    the gallery made has none); nothing is started or printed."""
    from devices.card.reader import CardEvent, CardEventKind
    from devices.printer import CupsPrinter
    from devices.simulated.reader import SimulatedReader
    from kiosk.sync_status import SyncStatus

    if "reader" not in window.devices:
        window.devices["reader"] = SimulatedReader()
        window.bridge.card_event.emit(CardEvent(CardEventKind.CONNECTED))
    window.devices.setdefault("printer", CupsPrinter("receipts"))
    window.devices.setdefault("sync_now", lambda: True)
    if window.sync_status is None:
        window.bridge.sync_status.emit(SyncStatus("offline", "sync.offline", waiting=3, set_aside=1))
