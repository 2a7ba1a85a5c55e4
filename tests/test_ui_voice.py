"""Voice guidance in the UI: every screen has a spoken prompt in its language; touches stop speech;
the helpers' 'voice unavailable' notice follows the speaker's health as it changes; the idle warning
and its countdown are spoken and leave Repeat and Call a helper in reach; the review reads the ID and
mobile numbers back only when the station has a private headset.

Real espeak-ng renders the audio; the sound card is replaced by the
RecordingSink test double (no sound device exists on this machine).
"""

from __future__ import annotations

import pytest

from devices.speech.audio_sink import RecordingSink
from devices.speech.speaker import Speaker
from kiosk import samples
from ui.gallery import make_window, settle, walk_screens
from ui.qt import QLabel, QPushButton, Qt


def in_order(keys: list[str], expected: list[str]) -> bool:
    """`expected` appears in `keys` in this order (other prompts may come between)."""
    rest = iter(keys)
    return all(key in rest for key in expected)


@pytest.fixture
def speaker(tmp_path):
    spoken_texts: list[str] = []
    speaker = Speaker(sink=RecordingSink(), cache_dir=tmp_path / "speech-cache")
    real_say = speaker.say

    def spy(text, locale, **kw):
        spoken_texts.append(text)
        real_say(text, locale, **kw)

    speaker.say = spy
    speaker.texts = spoken_texts
    yield speaker
    speaker.close()


@pytest.mark.parametrize("locale", ["zh_CN", "en"])
@pytest.mark.parametrize("elder", [False, True])
def test_every_screen_speaks_a_prompt_in_its_language(qtbot, tmp_path, locale, elder):
    window, session = make_window("1366x768", elder, locale, tmp_path)
    qtbot.addWidget(window)
    for name in walk_screens(window, session):
        assert window.screen.prompt() or name == "idle_warning", name
        assert window.spoken[-1][1] == locale
    keys = [key for key, _ in window.spoken]
    for key in ("home", "guide", "identity", "form", "documents", "review", "receipt", "idle_warning"):
        assert key in keys
    window.store.close()


def test_a_run_through_one_service_is_spoken_in_order_without_personal_data(qtbot, tmp_path, speaker):
    window, session = make_window("1366x768", False, "zh_CN", tmp_path)
    window.voice.speaker = speaker
    qtbot.addWidget(window)
    list(walk_screens(window, session, "senior_card"))
    settle()
    history = [entry.key for entry in speaker.history()]
    assert in_order(history, ["guide", "identity", "identity.confirm", "form", "review", "receipt",
                              "idle_warning", "home"]), history
    spoken = " ".join(speaker.texts)
    assert samples.SAMPLE_ID not in spoken and samples.SAMPLE_ID[-4:] not in spoken
    assert "13800138000" not in spoken
    assert "王小明" not in spoken  # the name is spoken masked only, to confirm
    speaker.wait_idle(10)
    from devices.speech.speaker import VOICES
    from devices.speech.cache import cache_key

    cached = {p.stem for p in (tmp_path / "speech-cache").glob("*.wav")}
    confirm = next(t for t in speaker.texts if "王*明" in t)
    assert cached, "ordinary prompts are cached"
    assert cache_key(speaker.engine.describe(), VOICES["zh_CN"], session.rate, confirm) not in cached
    window.store.close()


def test_a_touch_stops_speech_and_a_new_resident_gets_default_sound(qtbot, tmp_path, speaker):
    window, session = make_window("1366x768", True, "zh_CN", tmp_path)
    window.voice.speaker = speaker
    qtbot.addWidget(window)
    window.repeat()
    qtbot.waitUntil(lambda: speaker.speaking, timeout=5000)
    qtbot.mouseClick(window.top_bar.findChild(QPushButton, "sound"), Qt.LeftButton)
    qtbot.waitUntil(lambda: not speaker.speaking, timeout=2000)
    state = window.sound_panel.findChild(QLabel, "sound_state")
    assert state.isVisible() and state.text() == f"音量 80% · 语速 {session.rate}"  # what is set, in words
    for name in ("slower", "quieter"):
        qtbot.mouseClick(window.sound_panel.findChild(QPushButton, name), Qt.LeftButton)
    assert session.rate == session.defaults.rate_elder - 20 and session.volume == pytest.approx(0.6)
    assert state.text() == f"音量 60% · 语速 {session.rate}"
    session.choose_service("senior_card")
    session.wipe("idle")
    settle()
    assert session.rate == session.defaults.rate_elder and session.volume == session.defaults.volume
    assert not window.sound_panel.isVisible()
    session.set_locale("en")  # the next resident opens it in another language: it shows the defaults again
    session.set_sound_panel(True)
    settle()
    state = window.sound_panel.findChild(QLabel, "sound_state")
    assert state.isVisible() and state.text() == f"Volume 80% · Speed {session.defaults.rate_elder}"
    window.store.close()


def test_without_speech_the_kiosk_says_so_to_helpers_and_keeps_working(qtbot, tmp_path):
    window, session = make_window("1366x768", False, "en", tmp_path)
    qtbot.addWidget(window)
    notice = window.top_bar.findChild(type(window.notice), "voice_notice")
    assert notice is not None and "unavailable" in notice.text()
    session.choose_service("senior_card")
    settle()
    assert window.screen.objectName() == "screen_guide"
    window.store.close()


def open_kiosk(tmp_path, locale: str, speaker, session=None, **window_options):
    """A kiosk window at 1366x768 with a real speaker (gallery.make_window has none)."""
    from kiosk import catalog as catalog_mod, crypto
    from kiosk.session import Defaults, Session
    from kiosk.store import Store
    from ui.main_window import KioskWindow

    session = session or Session(catalog_mod.bundled(), Defaults(locale=locale))
    store = Store(tmp_path / "voice.db", crypto.Sealer(crypto.load_or_create_key(tmp_path / "voice.key")))
    window = KioskWindow(session, store, station_id="DEMO01", station_name="Waystation", px_per_mm=1366 / 344,
                         receipts_dir=tmp_path / "receipts", devices={"speaker": speaker}, **window_options)
    window.resize(1366, 768)
    window.show()
    return window, session


# -- the helpers' notice follows the speaker's health -----------------------------------------------


def voice_notice(window):
    notice = window.top_bar.findChild(type(window.notice), "voice_notice")
    return notice if notice is not None and not notice.isHidden() else None


def test_the_voice_notice_follows_a_sound_device_that_fails_and_comes_back(qtbot, tmp_path):
    sink = RecordingSink()
    speaker = Speaker(sink=sink, cache_dir=tmp_path / "speech-cache")
    window, session = open_kiosk(tmp_path, "en", speaker)
    qtbot.addWidget(window)
    assert speaker.wait_ready(10)
    settle()
    assert voice_notice(window) is None, "the start-up check found nothing wrong"
    # The device fails from now on (not before the check: the home prompt, said at start, would race it).
    sink.fail_with = "aplay: cannot open audio device"
    changes = window.screen_changes
    window.repeat()  # the home prompt: the sink fails to open
    qtbot.waitUntil(lambda: voice_notice(window) is not None, timeout=10_000)
    assert "unavailable" in voice_notice(window).text()
    assert window.screen_changes == changes and window.screen.objectName() == "screen_home"
    sink.fail_with = None  # the device is back: the next prompt plays, and the notice goes
    window.repeat()
    qtbot.waitUntil(lambda: voice_notice(window) is None, timeout=10_000)
    assert window.screen_changes == changes and sink.playbacks
    speaker.close()
    window.store.close()


def test_a_missing_engine_found_by_the_start_up_check_shows_the_notice_without_a_screen_change(qtbot, tmp_path):
    from devices.speech.engine import EspeakCliEngine

    speaker = Speaker(EspeakCliEngine("no-such-espeak"), RecordingSink(), tmp_path / "speech-cache", start=False)
    window, session = open_kiosk(tmp_path, "zh_CN", speaker)
    qtbot.addWidget(window)
    settle()
    assert voice_notice(window) is None  # not checked yet: nothing known to be wrong
    speaker.start()
    qtbot.waitUntil(lambda: voice_notice(window) is not None, timeout=10_000)
    assert window.screen.objectName() == "screen_home"
    speaker.close()
    window.store.close()


# -- the idle warning ---------------------------------------------------------------------------------


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_the_idle_warning_is_spoken_with_its_countdown_and_leaves_repeat_and_help_in_reach(qtbot, tmp_path,
                                                                                           speaker):
    from kiosk import catalog as catalog_mod
    from kiosk.session import Defaults, Session

    clock = Clock()
    session = Session(catalog_mod.bundled(), Defaults(locale="en", idle_warning_after_s=90, idle_countdown_s=30),
                      clock=clock)
    window, _ = open_kiosk(tmp_path, "en", speaker, session)
    qtbot.addWidget(window)
    session.choose_service("senior_card")
    settle()
    clock.now += 91
    qtbot.waitUntil(window.overlay.isVisible, timeout=3000)
    warning = [text for text in speaker.texts if "still there" in text]
    assert warning and "30 seconds" in warning[-1] and "I am still here" in warning[-1]
    for name in ("repeat", "call_helper"):  # not under the warning: a touch there reaches the button
        button = window.top_bar.findChild(QPushButton, name)
        centre = button.mapTo(window, button.rect().center())
        assert window.childAt(centre) is button, name
        assert not window.overlay.geometry().intersects(window.top_bar.geometry())
    clock.now += 21  # 9 s left: said once more, once
    qtbot.waitUntil(lambda: any("9 seconds" in t or "10 seconds" in t for t in speaker.texts), timeout=3000)
    clock.now += 1
    qtbot.wait(1500)
    assert sum("still there" in t for t in speaker.texts) == 2
    assert [k for k, _ in window.spoken].count("idle_warning") == 2
    qtbot.mouseClick(window.top_bar.findChild(QPushButton, "call_helper"), Qt.LeftButton)
    qtbot.waitUntil(window.notice.isVisible, timeout=5000)
    assert not window.overlay.isVisible() and window.screen.objectName() == "screen_guide"
    assert "helper is coming" in window.notice.text()
    window.tasks.wait()
    window.store.close()


# -- sensitive numbers: read back only into a private headset -----------------------------------------


@pytest.mark.parametrize("private_headset", [False, True])
def test_the_review_reads_numbers_back_only_into_a_private_headset(qtbot, tmp_path, speaker, private_headset):
    from devices.speech.speaker import VOICES
    from devices.speech.cache import cache_key
    from devices.speech.texts import spell_sensitive
    from factories import fill_to_review, make_card

    card = make_card()
    window, session = open_kiosk(tmp_path, "zh_CN", speaker, private_headset=private_headset)
    qtbot.addWidget(window)
    fill_to_review(session, "senior_card", card)
    settle()
    mobile = next(value for field, value in session.review_items() if field.type == "mobile")
    spelled_id = spell_sensitive(card.id_number, "zh_CN", private_headset=True)
    spelled_mobile = spell_sensitive(mobile, "zh_CN", private_headset=True)
    spoken = " ".join(speaker.texts)
    keys = [entry.key for entry in speaker.history()]
    if private_headset:
        assert keys[-1] == "review.readback"
        assert spelled_id.split("：")[1].rstrip("。") in speaker.texts[-1]
        assert spelled_mobile.split("：")[1].rstrip("。") in speaker.texts[-1]
        window.repeat()  # the repeat button reads them again, still as a personal prompt
        assert [entry.key for entry in speaker.history()][-1] == "review.readback"
    else:
        assert keys[-1] == "review" and "review.readback" not in keys
    for value in (card.id_number, card.id_number[-4:], mobile, mobile[-4:]):
        assert value not in spoken  # never as a number espeak would read out, with or without headset
    if not private_headset:
        assert "幺" not in spoken and spelled_id not in spoken and spelled_mobile not in spoken
    speaker.stop()
    speaker.wait_idle(10)
    if private_headset:  # the spelled-out numbers never reach the disk cache
        cached = {path.stem for path in (tmp_path / "speech-cache").glob("*.wav")}
        assert cache_key(speaker.engine.describe(), VOICES["zh_CN"], session.rate, speaker.texts[-1]) not in cached
    window.store.close()
