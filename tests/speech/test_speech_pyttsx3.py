"""The pyttsx3 engine: real pyttsx3 (its espeak driver, libespeak-ng) in a real helper
process, played through the recording sink (no sound card here; the sink records what
would be heard).  A hang is made real with SIGSTOP, a crash with SIGKILL."""

from __future__ import annotations

import os
import signal
import sys
import time

import numpy as np
import pytest

from devices.speech.audio_sink import RecordingSink
from devices.speech.engine import EspeakCliEngine
from devices.speech.pyttsx3_engine import Pyttsx3Engine, child_command
from devices.speech.speaker import NORMAL_RATE, VOICES, Outcome, Speaker
from kiosk import config
from kiosk.errors import ConfigError, SpeechError

ZH = "请把身份证放在读卡器上。"
EN = "Please place your ID card on the reader."
LONG_EN = "Welcome to the community service station. " * 6


def rms(pcm: bytes) -> float:
    samples = np.frombuffer(pcm, "<i2").astype(np.float64)
    return float(np.sqrt(np.mean(samples**2))) if samples.size else 0.0


@pytest.fixture
def engine():
    made = Pyttsx3Engine(timeout=5.0)
    yield made
    made.close()


@pytest.fixture
def speaker(tmp_path):
    sink = RecordingSink()
    made = Speaker(Pyttsx3Engine(), sink, cache_dir=tmp_path / "cache")
    assert made.wait_ready(20)
    yield made, sink
    made.close()


@pytest.mark.parametrize("locale,text", [("zh_CN", ZH), ("en", EN)])
def test_pyttsx3_renders_the_same_whole_prompt_every_time(engine, locale, text) -> None:
    """pyttsx3's espeak driver used to cut up to 0.75 s off the end of some renders; the helper
    gives the whole prompt every time, as long as the espeak-ng command's (within 0.1 s)."""
    renders = [engine.render(text, VOICES[locale], NORMAL_RATE) for _ in range(8)]
    whole = EspeakCliEngine().render(text, VOICES[locale], NORMAL_RATE).duration
    assert rms(renders[0].pcm) > 500  # speech, not silence
    assert all(abs(r.duration - whole) < 0.1 for r in renders), [r.duration for r in renders]
    assert engine.restarts == 0  # one helper served them all


def test_health_check_names_the_engine_and_a_missing_voice(engine) -> None:
    assert engine.check() is None and engine.describe().startswith("pyttsx3 2.")
    assert engine.check_voice(VOICES["zh_CN"]) is None
    assert "xx-missing not found" in engine.check_voice("xx-missing")


def test_speaker_plays_caches_and_stops_within_100_ms(speaker) -> None:
    speaker, sink = speaker
    speaker.say(LONG_EN, "en", key="screen.guide")
    deadline = time.monotonic() + 10
    while not (sink.playbacks and len(sink.playbacks[0].writes) >= 3) and time.monotonic() < deadline:
        time.sleep(0.005)
    started = time.monotonic()
    speaker.stop()
    stopped = time.monotonic()
    assert stopped - started < 0.1
    time.sleep(0.3)
    assert sink.last_write_at() <= stopped and sink.playbacks[0].ended == "aborted"

    engine = speaker.engine
    speaker.say(EN, "en", key="screen.home")
    assert speaker.wait_idle(15)
    speaker.say(EN, "en", key="screen.home")  # the second time from the cache
    assert speaker.wait_idle(15)
    assert [e.outcome for e in speaker.history()] == [Outcome.INTERRUPTED, Outcome.SPOKEN, Outcome.SPOKEN]
    assert sink.playbacks[1].pcm == sink.playbacks[2].pcm and rms(sink.playbacks[1].pcm) > 500
    assert speaker.status().available and "pyttsx3" in speaker.status().describe()
    assert engine.restarts == 0


def test_a_helper_that_dies_is_started_again(engine) -> None:
    first = engine.render(EN, "en", NORMAL_RATE)
    os.kill(engine.helper.pid, signal.SIGKILL)
    deadline = time.monotonic() + 5
    while engine.helper.pid is not None and time.monotonic() < deadline:
        time.sleep(0.01)  # until it is gone
    assert engine.render(EN, "en", NORMAL_RATE).pcm == first.pcm
    assert engine.restarts == 1


def test_a_hung_helper_is_killed_reported_and_replaced(tmp_path) -> None:
    sink = RecordingSink()
    engine = Pyttsx3Engine(timeout=1.0, start_timeout=1.0)
    speaker = Speaker(engine, sink, cache_dir=tmp_path)
    try:
        assert speaker.wait_ready(20) and speaker.status().available
        hung = engine.helper.pid
        os.kill(hung, signal.SIGSTOP)  # a driver that never answers
        t0 = time.monotonic()
        speaker.say(EN, "en", key="screen.home")
        assert speaker.wait_idle(10)
        assert time.monotonic() - t0 < 5
        assert speaker.history()[-1].outcome is Outcome.SILENT
        status = speaker.status()
        assert not status.available and status.code == "speech.engine_failed"
        assert "took longer than 1 s (helper restarted)" in " ".join(status.problems)
        with pytest.raises(ProcessLookupError):
            os.kill(hung, 0)  # killed and reaped, not left behind

        speaker.say(EN, "en", key="screen.home")  # a fresh helper; speech and health come back
        assert speaker.wait_idle(20)
        assert speaker.history()[-1].outcome is Outcome.SPOKEN and speaker.status().available
        assert engine.restarts == 1
    finally:
        speaker.close()


def test_a_helper_that_cannot_start_says_so(tmp_path) -> None:
    engine = Pyttsx3Engine(command=[str(tmp_path / "no-such-program")])
    with pytest.raises(SpeechError) as raised:
        engine.render(EN, "en", NORMAL_RATE)
    assert raised.value.code == "speech.no_engine"
    assert "no-such-program" in engine.check()
    engine.close()


def test_the_frozen_build_runs_the_helper_through_the_kiosk_command(monkeypatch) -> None:
    """A frozen kiosk has no `python -m`: it starts itself with `speech-child` (kiosk/cli.py)."""
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    assert child_command() == [sys.executable, "speech-child"]
    monkeypatch.undo()
    engine = Pyttsx3Engine(command=[sys.executable, "-m", "kiosk.cli", "speech-child"])
    try:
        assert rms(engine.render(EN, "en", NORMAL_RATE).pcm) > 500
    finally:
        engine.close()


def test_config_chooses_the_engine_and_names_the_choices() -> None:
    assert config.from_mapping({}).devices.speech == "espeak-ng"
    assert config.from_mapping({"devices": {"speech": "pyttsx3"}}).devices.speech == "pyttsx3"
    assert config.from_mapping({"devices": {"speech": "espeak"}}).devices.speech == "espeak-ng"  # the old name
    with pytest.raises(ConfigError) as raised:
        config.from_mapping({"devices": {"speech": "festival"}})
    assert raised.value.params["key"] == "devices.speech"
    assert "'espeak-ng'" in raised.value.params["problem"] and "'pyttsx3'" in raised.value.params["problem"]
