"""The console's "Help requests" and "Faces to confirm" pages, driven by touches, beside a real kiosk window.

A resident calls a helper; the helper's console (shown over the resident's window, as the console is)
lists the call with its time and the screen in words; "Acknowledge" makes the resident's screen say a
helper is on the way and the kiosk say it aloud in the resident's language (real espeak-ng into the
RecordingSink test double: no sound device here); "Resolved" closes it.  A face left to a helper is
opened side by side, large, and decided; the decision reaches the reference centre over TLS.  The
pages are tested on their own (the console shell is another branch's): each gets a ConsoleContext
built from the window, as the shell builds it.
"""

from __future__ import annotations

import datetime as _dt
import logging

import pytest

from devices.speech.audio_sink import RecordingSink
from devices.speech.speaker import Speaker
from kiosk import face_reviews, help_requests
from kiosk.identity import CardData, FaceCheck, Identity, IdentityMethod
from kiosk.staff import Helper
from sync.central import run_server
from sync.client import CentralClient
from sync.worker import SyncWorker
from factories import answer_to_review
from ui.console.faces import FacesPage
from ui.console.help_requests import HelpRequestsPage
from ui.console.page import ConsoleContext
from ui.gallery import make_window, settle
from ui.qt import QLabel, QPushButton, Qt, QWidget
from ui.sample_image import sample_face
from ui.theme import Theme

HELPER = Helper("0007", "王芳")
TOKEN = "station-DEMO01-token-0123456789abcdef"
ACKNOWLEDGED = {"zh_CN": "工作人员已收到，马上过来。", "en": "A helper has received your call and is on the way."}
ID_NUMBER = "11010119520618002X"
NAME = "赵敏慧"


@pytest.fixture
def speaker(tmp_path):
    speaker = Speaker(sink=RecordingSink(), cache_dir=tmp_path / "speech-cache")
    speaker.texts, speaker.started = [], []
    real_say = speaker.say

    def spy(text, locale, **kw):
        speaker.texts.append((kw.get("key"), text, locale))
        real_say(text, locale, **kw)

    speaker.say = spy
    speaker.add_listener(lambda event: speaker.started.append(event.key) if event.kind.value == "started" else None)
    yield speaker
    speaker.close()


def console(window, locale: str, page_class, over_window: bool = True):
    """A console page as the shell would make it; over the resident's window (covering it) by default."""
    ctx = ConsoleContext(helper=HELPER, theme=Theme(elder=False, px_per_mm=window.px_per_mm), locale=locale,
                         devices=window.devices, portrait=window.portrait, say=window.say,
                         run_store_task=window.run_store_task, run_task=window.run_task)
    page = page_class(ctx)
    if over_window:
        page.setParent(window)
        page.setAutoFillBackground(True)
        page.setGeometry(window.rect())
    page.show()
    page.raise_()
    return page


def wait_workers(qtbot, window) -> None:
    for _ in range(3):
        window.tasks.wait()
        window.compute.wait()
        settle()


def click(qtbot, page: QWidget, name: str) -> None:
    found = [w for w in page.findChildren(QPushButton, name) if w.isVisible()]
    assert found, f"no visible {name!r}"
    assert found[0].isEnabled(), name
    qtbot.mouseClick(found[0], Qt.LeftButton)


def text_of(page: QWidget, name: str) -> str:
    found = [w for w in page.findChildren(QLabel, name) if w.isVisible()]
    return found[0].text() if found else ""


def close(window, *pages) -> None:
    for page in pages:
        page.close()
        page.deleteLater()
    window.tasks.wait()
    window.close()
    window.store.close()
    window.deleteLater()
    settle()


@pytest.mark.parametrize("locale", ["zh_CN", "en"])
def test_acknowledging_tells_the_resident_on_screen_and_aloud_and_resolving_closes_it(qtbot, tmp_path, speaker,
                                                                                      locale):
    window, session = make_window("1366x768", False, locale, tmp_path)
    window.voice.speaker = speaker
    session.choose_service("residence_permit")
    session.next()  # the identity step
    settle()
    qtbot.mouseClick(window.top_bar.findChild(QPushButton, "call_helper"), Qt.LeftButton)
    qtbot.waitUntil(lambda: session.notice == "help_coming", timeout=5000)
    page = console(window, locale, HelpRequestsPage)
    try:
        qtbot.waitUntil(lambda: len(page.requests) == 1, timeout=5000)
        settle()
        (request,) = page.requests
        where = text_of(page, f"help_screen_{request.uuid}")
        assert ("核验身份" if locale == "zh_CN" else "Identity check") in where and "identity" not in where
        assert ("居住证" if locale == "zh_CN" else "Residence permit") in where
        when = text_of(page, f"help_when_{request.uuid}")
        assert ("刚刚" if locale == "zh_CN" else "just now") in when and ":" in when  # "just now · 14:05"

        click(qtbot, page, f"acknowledge_{request.uuid}")
        qtbot.waitUntil(lambda: session.notice == "help_acknowledged", timeout=5000)
        settle()
        # The resident's screen, under the console, says it; the kiosk says it in the resident's language.
        assert window.notice.text() == ACKNOWLEDGED[locale] and not window.notice.isHidden()
        assert ("help_acknowledged", locale) in window.spoken
        assert ("help_acknowledged", ACKNOWLEDGED[locale], locale) in speaker.texts
        qtbot.waitUntil(lambda: "help_acknowledged" in speaker.started, timeout=30_000)  # it began to play
        assert help_requests.get(window.store, request.uuid).acknowledged_by == "0007"
        assert window.store.conn.execute("SELECT actor FROM audit_log WHERE action = 'help.acknowledged'").fetchall() \
            == [("helper:0007",)]
        qtbot.waitUntil(lambda: page.findChild(QPushButton, f"acknowledge_{request.uuid}") is None
                        or not page.findChild(QPushButton, f"acknowledge_{request.uuid}").isVisible(), timeout=5000)
        assert page.feedback.isVisible() and "0007" not in page.feedback.text()

        click(qtbot, page, f"resolve_{request.uuid}")
        qtbot.waitUntil(lambda: page.requests == [] and page.findChild(QLabel, "help_none") is not None,
                        timeout=5000)
        assert help_requests.get(window.store, request.uuid).state == "resolved"
        assert session.notice is None  # the helper is there: the resident's notice goes
        assert window.store.conn.execute("SELECT actor FROM audit_log WHERE action = 'help.resolved'").fetchall() \
            == [("helper:0007",)]
    finally:
        close(window, page)


def test_an_acknowledgement_after_the_resident_left_is_not_shown_to_the_next_one(qtbot, tmp_path):
    window, session = make_window("1366x768", False, "en", tmp_path)
    window.call_helper()
    wait_workers(qtbot, window)
    session.finish()  # the resident walked away: a new visit starts
    settle()
    page = console(window, "en", HelpRequestsPage)
    try:
        qtbot.waitUntil(lambda: len(page.requests) == 1, timeout=5000)
        settle()
        click(qtbot, page, f"acknowledge_{page.requests[0].uuid}")
        wait_workers(qtbot, window)
        assert session.notice is None and ("help_acknowledged", "en") not in window.spoken
        assert "already finished" in page.feedback.text()
    finally:
        close(window, page)


def test_a_new_call_appears_on_the_open_console_at_once(qtbot, tmp_path):
    window, session = make_window("1024x768", False, "zh_CN", tmp_path)
    page = console(window, "zh_CN", HelpRequestsPage, over_window=False)
    try:
        qtbot.waitUntil(lambda: page.findChild(QLabel, "help_none") is not None, timeout=5000)
        session.choose_service("senior_card")
        settle()
        window.call_helper()
        qtbot.waitUntil(lambda: len(page.requests) == 1, timeout=5000)
        assert page.requests[0].screen == "guide" and page.requests[0].service_id == "senior_card"
    finally:
        close(window, page)


# ---- faces to confirm -------------------------------------------------------------------------------

@pytest.fixture
def centre(tls, signing_key, tmp_path):
    server = run_server("127.0.0.1", 0, tls.cert_file, tls.key_file, db_path=tmp_path / "central.db",
                        tokens={"DEMO01": TOKEN}, catalog_signing_key=signing_key)
    yield server
    server.stop()


def card_with_photo() -> CardData:
    return CardData(NAME, "F", "汉", _dt.date(1952, 6, 18), "北京市东城区景山前街4号", ID_NUMBER, "北京市公安局东城分局",
                    _dt.date(2016, 5, 1), None, photo=sample_face(1, card=True))


def submit_face_to_confirm(qtbot, window, session) -> None:
    """A resident's visit through the window: card, a live photo a helper must compare, the form, submit."""
    session.choose_service("residence_permit")
    session.next()
    session.identify(Identity.from_card(card_with_photo(), IdentityMethod.SIMULATED))
    session.set_face(FaceCheck.HELPER_TO_CONFIRM, sample_face(0))
    answer_to_review(session)
    window.submit()
    qtbot.waitUntil(lambda: session.receipt is not None, timeout=10_000)


def test_a_helper_compares_the_faces_side_by_side_and_the_decision_reaches_the_centre(qtbot, tmp_path, centre, tls,
                                                                                       caplog):
    caplog.set_level(logging.DEBUG)
    window, session = make_window("1366x768", False, "en", tmp_path)
    submit_face_to_confirm(qtbot, window, session)
    session.finish()
    page = console(window, "en", FacesPage)
    try:
        qtbot.waitUntil(lambda: len(page.waiting) == 1, timeout=5000)
        settle()
        (item,) = page.waiting
        assert item.number in text_of(page, f"face_heading_{item.number}")
        assert NAME not in " ".join(label.text() for label in page.findChildren(QLabel))
        click(qtbot, page, f"open_{item.number}")
        qtbot.waitUntil(lambda: page.same.isEnabled(), timeout=10_000)
        settle()
        live, card = page.live_image, page.card_image
        for image in (live, card):  # large: each most of half the page, and taller than 60 mm
            assert image.pixmap() is not None and not image.pixmap().isNull()
            assert image.pixmap().height() >= 60 * window.px_per_mm, image.pixmap().size()
        assert live.mapTo(page, live.rect().topLeft()).x() < card.mapTo(page, card.rect().topLeft()).x()  # side by side
        opened = window.store.conn.execute("SELECT actor, subject FROM audit_log WHERE action = 'face.photos_opened'")
        assert opened.fetchall() == [("helper:0007", item.number)]

        click(qtbot, page, "face_same")
        qtbot.waitUntil(lambda: page.waiting == [] and page.findChild(QLabel, "faces_none") is not None,
                        timeout=5000)
        assert live.pixmap().isNull() and card.pixmap().isNull()  # the faces left the widgets
        assert item.number in page.feedback.text() and "0007" in page.feedback.text()
        row = window.store.conn.execute("SELECT outcome, decided_by, card_photo FROM face_reviews").fetchone()
        assert row == ("same_person", "0007", None)
    finally:
        close(window, page)

    from kiosk import crypto
    from kiosk.store import Store

    store = Store(tmp_path / "gallery.db", crypto.Sealer(crypto.load_or_create_key(tmp_path / "gallery.key")))
    client = CentralClient(centre.url, TOKEN, ca_bundle=tls.ca_file, read_timeout=5)
    with SyncWorker(store, client) as worker:
        result = worker.run_once()
    store.close()
    assert (result.sent, result.face_reviews_sent) == (1, 1)
    review = centre.app.store.face_review("DEMO01", item.application_uuid)
    assert (review["outcome"], review["helper_number"]) == ("same_person", "0007")
    for secret in (NAME, ID_NUMBER, ID_NUMBER[-4:]):
        assert secret not in caplog.text


def test_the_photos_leave_the_page_when_it_is_hidden(qtbot, tmp_path):
    window, session = make_window("1366x768", False, "zh_CN", tmp_path)
    submit_face_to_confirm(qtbot, window, session)
    page = console(window, "zh_CN", FacesPage, over_window=False)
    try:
        qtbot.waitUntil(lambda: len(page.waiting) == 1, timeout=5000)
        page.open(page.waiting[0])
        qtbot.waitUntil(lambda: page.same.isEnabled(), timeout=10_000)
        assert not page.live_image.pixmap().isNull()
        page.hide()  # the helper signs out, or another console page is chosen
        assert page.live_image.pixmap().isNull() and page.card_image.pixmap().isNull() and page.opened is None
        assert face_reviews.waiting(window.store)  # nothing decided by leaving
    finally:
        close(window, page)


@pytest.mark.parametrize("locale, words", [
    ("en", ("just now", "1 minute ago", "3 minutes ago", "2 hours ago", "3 days ago")),
    ("zh_CN", ("刚刚", "1 分钟前", "3 分钟前", "2 小时前", "3 天前")),
])
def test_the_time_of_a_call_is_said_in_words_and_kept_up_to_date(qtbot, tmp_path, locale, words):
    from ui.console.words import ConsoleWords

    window, _ = make_window("1024x768", False, locale, tmp_path)  # its translator is the one installed
    try:
        at = _dt.datetime(2026, 11, 24, 6, 5, tzinfo=_dt.UTC)
        said = [ConsoleWords().ago(at.isoformat(), at + _dt.timedelta(seconds=seconds))
                for seconds in (20, 61, 200, 2 * 3600 + 5, 3 * 86400 + 5)]
        assert tuple(said) == words
        assert ConsoleWords().clock(at.isoformat()) == at.astimezone().strftime("%m-%d %H:%M")  # not today
        request = help_requests.record(window.store, "home", at=(_dt.datetime.now(_dt.UTC)
                                                                  - _dt.timedelta(minutes=5)).isoformat())
        page = console(window, locale, HelpRequestsPage, over_window=False)
        qtbot.waitUntil(lambda: len(page.requests) == 1, timeout=5000)
        settle()
        shown = [w for w in page.findChildren(QLabel, f"help_when_{request.uuid}") if w.isVisible()][0]
        assert words[2].replace("3", "5") in shown.text()
        shown.setText("stale")
        page.ticker.timeout.emit()  # the half-minute timer: the words are said again from the time called
        assert words[2].replace("3", "5") in shown.text()  # the same label: nothing rebuilt under a finger
        page.close()
    finally:
        close(window)
