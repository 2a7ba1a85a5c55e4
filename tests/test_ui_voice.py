"""Voice guidance in the UI: every screen has a spoken prompt in its language; touches stop speech.

Real espeak-ng renders the audio; the sound card is replaced by the
RecordingSink test double (no sound device exists on this machine).
"""

from __future__ import annotations

import pytest

from devices.audio_sink import RecordingSink
from devices.speech import Speaker
from kiosk import samples
from ui.gallery import make_window, settle, walk_screens
from ui.qt import QPushButton, Qt

EXPECTED = ["home", "guide", "identity", "identity.confirm", "identity", "form", "form", "documents", "review",
            "receipt", "idle_warning", "home"]


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
    assert [k for k in history if k in EXPECTED][:4] == ["guide", "identity", "identity.confirm", "form"]
    assert {"review", "receipt", "idle_warning"} <= set(history)
    spoken = " ".join(speaker.texts)
    assert samples.SAMPLE_ID not in spoken and samples.SAMPLE_ID[-4:] not in spoken
    assert "13800138000" not in spoken
    assert "王小明" not in spoken  # the name is spoken masked only, to confirm
    speaker.wait_idle(10)
    from devices.speech import VOICES
    from devices.speech_cache import cache_key

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
    for name in ("slower", "quieter"):
        qtbot.mouseClick(window.sound_panel.findChild(QPushButton, name), Qt.LeftButton)
    assert session.rate == session.defaults.rate_elder - 20 and session.volume == pytest.approx(0.6)
    session.choose_service("senior_card")
    session.wipe("idle")
    settle()
    assert session.rate == session.defaults.rate_elder and session.volume == session.defaults.volume
    assert not window.sound_panel.isVisible()
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
