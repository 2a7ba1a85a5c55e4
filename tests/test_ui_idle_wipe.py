"""Walking away: the idle warning, 'I am still here', and the wipe after the countdown.

Resident A (a distinctive name, ID number, address and mobile number) gets by
touch to the name-confirm step, the review screen or the receipt, changes
sound (and, on the review, language and elder mode), and walks away.  After
the wipe, every widget of the application (texts, accessible names, tool
tips, text boxes and their undo/redo history, keypad values, pictures), the
session object graph, the voice guide and the real speaker behind it (what
'repeat' would say, what is pending or playing, its memory cache), the
speech cache directory, the voice log and every live Python object holding
A's card are searched for A's data: none may remain.  Speech is real
(espeak-ng) into a recording sink.  The session's clock is a test clock, so
no test waits for 90 seconds.
"""

from __future__ import annotations

import datetime as _dt
import gc
from pathlib import Path

import pytest

from devices.speech.audio_sink import RecordingSink
from devices.simulated.reader import SimulatedReader
from devices.speech.speaker import Speaker
from devices.speech.cache import cache_key
from kiosk import catalog as catalog_mod, crypto, id_number, screen_mask
from kiosk.identity import CardData, mask_name
from kiosk.session import Defaults, Session, State
from kiosk.store import Store
from test_ui_journey import close_window, find, helper_types, open_keypad, screen_is, touch, type_on_keypad
from ui.keypad import Keypad, grouped
from ui.main_window import KioskWindow
from ui.qt import QAbstractButton, QApplication, QLabel, QLineEdit, QWidget

NAME = "欧阳娜娜"
ID_NUMBER = id_number.make("370102", _dt.date(1961, 3, 9), 358)
ADDRESS = "山东省济南市历下区泉城路九十九号"
LOCAL_ADDRESS = "北京市朝阳区望京街道五十七号"
MOBILE = "13987654321"
DEFAULTS = Defaults(locale="zh_CN", elder_mode=False, idle_warning_after_s=90, idle_countdown_s=30)


class Clock:
    """The session's clock, moved on by the test."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def needles() -> list[str]:
    """Every form of A's data a screen could show."""
    return [NAME, mask_name(NAME), ID_NUMBER, grouped("id_number", ID_NUMBER), id_number.mask(ID_NUMBER),
            ID_NUMBER[-4:] + NAME, ADDRESS, LOCAL_ADDRESS, MOBILE, grouped("mobile", MOBILE),
            screen_mask.mask(screen_mask.MOBILE, MOBILE), screen_mask.mask(screen_mask.ADDRESS, ADDRESS),
            screen_mask.mask(screen_mask.ADDRESS, LOCAL_ADDRESS)]


def a_card() -> CardData:
    return CardData(NAME, "F", "汉", _dt.date(1961, 3, 9), ADDRESS, ID_NUMBER, "济南市公安局历下分局",
                    _dt.date(2012, 1, 15), None)


class SpokenTexts(list):
    """What the window asked the speaker to say: (text, locale, rate), kept by the test, not the speaker."""


@pytest.fixture
def speaker(tmp_path: Path):
    speaker = Speaker(sink=RecordingSink(), cache_dir=tmp_path / "speech-cache")
    spoken = SpokenTexts()
    real_say = speaker.say

    def spy(text, locale, **kw):
        spoken.append((text, locale, kw.get("rate")))
        real_say(text, locale, **kw)

    speaker.say = spy
    yield speaker, spoken
    speaker.close()


@pytest.fixture
def kiosk(qtbot, tmp_path: Path, speaker):
    clock = Clock()
    store = Store(tmp_path / "w.db", crypto.Sealer(crypto.load_or_create_key(tmp_path / "w.key")))
    session = Session(catalog_mod.bundled(), DEFAULTS, clock=clock)
    window = KioskWindow(session, store, station_id="DEMO01", station_name="Waystation", px_per_mm=1366 / 344,
                         receipts_dir=tmp_path / "receipts", devices={"speaker": speaker[0]})
    window.resize(1366, 768)
    window.show()
    reader = SimulatedReader(cards=())
    window.bridge.attach_reader(reader)
    reader.start()
    yield window, session, clock, reader
    reader.stop()
    close_window(window)


def widget_texts(widget: QWidget) -> list[str]:
    texts = [widget.accessibleName(), widget.accessibleDescription(), widget.toolTip(), widget.whatsThis(),
             widget.windowTitle(), widget.statusTip()]
    if isinstance(widget, (QLabel, QAbstractButton)):
        texts.append(widget.text())
    if isinstance(widget, QLineEdit):
        texts += [widget.text(), widget.placeholderText(), widget.displayText()]
    if isinstance(widget, Keypad):
        texts.append(widget.value)
    return texts


def found_in_widgets() -> list[str]:
    """A's data anywhere in any widget of the application, and text boxes with an undo history."""
    found = []
    for widget in QApplication.allWidgets():
        for text in widget_texts(widget):
            found += [f"{type(widget).__name__} {widget.objectName()!r}: {text!r}" for n in needles() if n in text]
        if isinstance(widget, QLineEdit) and (widget.isUndoAvailable() or widget.isRedoAvailable()):
            found.append(f"QLineEdit {widget.objectName()!r} has an undo/redo history")
        if (isinstance(widget, QLabel) and widget.pixmap() is not None and not widget.pixmap().isNull()
                and not widget.property("icon")):  # an icon (ui/icons.py) is nobody's data
            found.append(f"QLabel {widget.objectName()!r} still shows a picture")
    return found


def found_in_objects(root, path: str = "session", seen: set[int] | None = None) -> list[str]:
    """A's data anywhere in the object graph under `root` (dicts, lists, dataclasses, plain objects)."""
    seen = set() if seen is None else seen
    if id(root) in seen:
        return []
    seen.add(id(root))
    if isinstance(root, str):
        return [f"{path}: {root!r}" for n in needles() if n in root]
    if isinstance(root, bytes):
        return [f"{path}: bytes" for n in needles() if n.encode() in root]
    if isinstance(root, dict):
        return [hit for k, v in root.items() for hit in found_in_objects(k, f"{path} key", seen)
                + found_in_objects(v, f"{path}[{k!r}]", seen)]
    if isinstance(root, (list, tuple, set, frozenset)):
        return [hit for i, v in enumerate(root) for hit in found_in_objects(v, f"{path}[{i}]", seen)]
    module = type(root).__module__
    if module.startswith(("kiosk", "devices", "ui")) and hasattr(root, "__dict__") and not isinstance(root, QWidget):
        fields = {k: v for k, v in vars(root).items() if k != "_listeners"}  # the listeners are the window
        return found_in_objects(fields, path, seen)
    return []


def reach_confirm(qtbot, window, reader) -> None:
    """A lays the card on the reader: the masked name is shown (and spoken) to confirm."""
    touch(qtbot, window, "tile_residence_permit")
    touch(qtbot, window, "start")
    reader.present_card(a_card())
    qtbot.waitUntil(lambda: find(window, "confirm_yes") is not None, timeout=5000)


def reach_review(qtbot, window, reader) -> None:
    reach_confirm(qtbot, window, reader)
    touch(qtbot, window, "confirm_yes")
    reader.remove()  # A takes the card back (the reader's thread lets go of it)
    touch(qtbot, window, "take_face")
    type_on_keypad(qtbot, window, open_keypad(qtbot, window, "mobile"), MOBILE)
    touch(qtbot, window, "next")
    helper_types(qtbot, find(window, "edit_local_address", QLineEdit), LOCAL_ADDRESS)
    type_on_keypad(qtbot, window, open_keypad(qtbot, window, "moved_in"), "20200102")
    touch(qtbot, window, "choice_basis_work")
    touch(qtbot, window, "next")
    for _ in range(2):
        touch(qtbot, window, "take_photo")
        touch(qtbot, window, "next")
    assert screen_is(window, State.REVIEW)


def reach_receipt(qtbot, window, reader) -> None:
    reach_review(qtbot, window, reader)
    touch(qtbot, window, "submit")
    qtbot.waitUntil(lambda: screen_is(window, State.RECEIPT), timeout=10_000)


STAGES = {"confirm": (reach_confirm, State.IDENTITY), "review": (reach_review, State.REVIEW),
          "receipt": (reach_receipt, State.RECEIPT)}


def found_in_speech(window, speaker: Speaker, spoken: SpokenTexts, cache_dir: Path) -> list[str]:
    """A's data in the voice guide, the speaker's state, or the speech cache (memory and disk)."""
    found = found_in_objects(window.voice, "window.voice") + found_in_objects(list(window.spoken), "window.spoken")
    found += found_in_objects(speaker, "speaker")
    personal = [(text, locale, rate) for text, locale, rate in spoken if any(n in text for n in needles())]
    cached = {path.stem: path for path in cache_dir.glob("*.wav")}
    for text, locale, rate in personal:
        for r in {rate, speaker.default_rate, DEFAULTS.rate_normal, DEFAULTS.rate_elder} - {None}:
            if cache_key(speaker.engine.describe(), speaker._voice(locale), r, text) in cached:
                found.append(f"speech cache holds the audio of a personal prompt at rate {r}")
    for path in cache_dir.rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            found += [f"{path.name} holds A's data" for n in needles() if n.encode() in data]
    return found


@pytest.mark.parametrize("stage", sorted(STAGES))
def test_idle_warning_then_wipe_leaves_nothing_of_the_resident(qtbot, kiosk, speaker, tmp_path, stage) -> None:
    window, session, clock, reader = kiosk
    speaker, spoken = speaker
    reach, state = STAGES[stage]
    reach(qtbot, window, reader)
    if stage == "review":
        touch(qtbot, window, "language")
        touch(qtbot, window, "elder_mode")
        assert (session.locale, session.elder_mode) == ("en", True)
    touch(qtbot, window, "sound")
    touch(qtbot, window, "louder")
    assert session.volume > DEFAULTS.volume and screen_is(window, state)
    locale = session.locale
    # The search does find A before the wipe (else it would prove nothing).
    before = " ".join(found_in_widgets() + found_in_objects(session))
    if stage == "review":
        for needle in (NAME, ID_NUMBER, MOBILE, LOCAL_ADDRESS):
            assert needle in before, needle
        on_screen = " ".join(found_in_widgets())  # masked on the review (kiosk/screen_mask.py)
        for needle in (id_number.mask(ID_NUMBER), screen_mask.mask(screen_mask.MOBILE, MOBILE)):
            assert needle in on_screen, needle
    elif stage == "confirm":
        assert mask_name(NAME) in " ".join(found_in_widgets())
        assert any(mask_name(NAME) in text for text, _, _ in spoken)
    else:
        assert ID_NUMBER not in before and NAME not in before  # dropped at the commit already

    # -- idle: the warning, with a countdown of at least 20 s, and 'I am still here' -------------
    clock.now += DEFAULTS.idle_warning_after_s + 1
    qtbot.waitUntil(window.overlay.isVisible, timeout=3000)  # the window's own once-a-second tick
    countdown = find(window, "countdown", QLabel).text()
    assert "30" in countdown and DEFAULTS.idle_countdown_s >= 20
    assert ("idle_warning", locale) in window.spoken
    if stage == "review":
        touch(qtbot, window, "still_here")
        assert not window.overlay.isVisible() and screen_is(window, State.REVIEW)
        assert find(window, "value_mobile", QLabel).text() == screen_mask.mask(screen_mask.MOBILE, MOBILE)
        assert session.answers["mobile"] == MOBILE, "nothing was lost"
        clock.now += DEFAULTS.idle_warning_after_s + 1
        qtbot.waitUntil(window.overlay.isVisible, timeout=3000)

    # -- walked away: countdown over, wipe --------------------------------------------------------
    clock.now += DEFAULTS.idle_countdown_s + 1
    qtbot.waitUntil(lambda: screen_is(window, State.HOME), timeout=3000)
    if stage == "confirm":
        reader.remove()  # the card A left on the reader is taken away (only the reader held it)
        qtbot.wait(100)
    speaker.stop()  # as the next person's first touch would; lets a render in progress finish
    assert speaker.wait_idle(10)
    qtbot.wait(20)  # the event loop runs: screens handed to deleteLater() go
    gc.collect()

    assert not window.overlay.isVisible() and not window.notice.isVisible()
    assert not window.sound_panel.isVisible()
    assert (session.locale, session.elder_mode, session.volume, session.rate) == (
        DEFAULTS.locale, DEFAULTS.elder_mode, DEFAULTS.volume, DEFAULTS.rate_normal)
    assert find(window, "language").text() == "English" and not find(window, "elder_mode").isChecked()
    assert found_in_widgets() == []
    assert found_in_objects(session) == []
    assert found_in_speech(window, speaker, spoken, tmp_path / "speech-cache") == []
    assert not speaker.repeat() or speaker.history()[-1].key == "home"  # 'repeat' says nothing of A
    cards = [o for o in gc.get_objects() if isinstance(o, CardData) and o.name == NAME]
    assert cards == [], "A's card is still held in memory"


def test_a_helper_notice_and_an_open_sound_panel_on_home_go_with_the_idle_timer(qtbot, kiosk) -> None:
    window, session, clock, _reader = kiosk
    touch(qtbot, window, "call_helper")
    qtbot.waitUntil(window.notice.isVisible, timeout=3000)
    assert "helper" in window.notice.text() or "工作人员" in window.notice.text()
    touch(qtbot, window, "sound")
    touch(qtbot, window, "slower")
    assert screen_is(window, State.HOME) and window.sound_panel.isVisible()
    clock.now += DEFAULTS.idle_warning_after_s + 1
    qtbot.waitUntil(window.overlay.isVisible, timeout=3000)
    clock.now += DEFAULTS.idle_countdown_s + 1
    qtbot.waitUntil(lambda: not window.overlay.isVisible(), timeout=3000)
    assert not window.notice.isVisible() and window.notice.text() == ""
    assert not window.sound_panel.isVisible() and session.rate == DEFAULTS.rate_normal
    assert session.is_fresh()
