"""The first prompts of a visit are rendered while the kiosk is idle, so the first resident after an
install or upgrade hears the guide at once: with real espeak-ng (the sound card replaced by the
RecordingSink test double, as no sound device exists here)."""

from __future__ import annotations

import time

from devices.speech.audio_sink import RecordingSink
from devices.speech.speaker import Speaker
from devices.speech.engine import EspeakCliEngine
from kiosk import catalog as catalog_mod, crypto
from kiosk.session import Defaults, Session
from kiosk.store import Store
from ui.gallery import settle
from ui.main_window import KioskWindow
from ui.prompt_warmup import warm_prompts


class CountingEngine(EspeakCliEngine):
    """The real engine, noting each text it renders."""

    def __init__(self) -> None:
        super().__init__()
        self.rendered: list[str] = []

    def render(self, text, voice, rate):
        self.rendered.append((text, rate))
        return super().render(text, voice, rate)


def test_every_services_guide_is_rendered_before_anyone_asks_for_it(qtbot, tmp_path):
    engine = CountingEngine()
    speaker = Speaker(engine=engine, sink=RecordingSink(), cache_dir=tmp_path / "speech-cache")
    store = Store(tmp_path / "w.db", crypto.Sealer(crypto.load_or_create_key(tmp_path / "k")))
    session = Session(catalog_mod.bundled(), Defaults(locale="en"))
    window = KioskWindow(session, store, station_id="DEMO01", station_name="Waystation", px_per_mm=4.0,
                         receipts_dir=tmp_path / "receipts", devices={"speaker": speaker})
    qtbot.addWidget(window)
    window.show()
    texts = {text for text, _ in warm_prompts(session.catalog)}
    # home, guides, "place your card" after "step 1 of 3" and "of 4", the two help notices; 2 languages
    assert len(texts) == 2 * (len(session.catalog.services) + 3 + 2)
    assert "工作人员已收到，马上过来。" in texts  # as the window says it when a helper acknowledges
    expected = {(text, rate) for text in texts for rate in (session.defaults.rate_normal, session.defaults.rate_elder)}
    deadline = time.monotonic() + 90
    while not expected <= set(engine.rendered) and time.monotonic() < deadline:
        qtbot.wait(50)
    assert expected <= set(engine.rendered), "the first prompts were not rendered while idle (both modes' rates)"

    # Now each service's guide, in English then Chinese, starts from the cache: nothing is rendered.
    started: list = []
    speaker.add_listener(lambda event: started.append(event) if event.kind.value == "started" else None)
    renders_before = len(engine.rendered)
    for locale in ("en", "zh_CN"):
        if session.locale != locale:
            session.set_locale(locale)
        for service in session.catalog.services:
            count = len(started)
            session.choose_service(service.id)
            settle()
            assert window.spoken[-1] == ("guide", locale)
            qtbot.waitUntil(lambda: len(started) > count, timeout=20_000)  # it began to play
            speaker.stop()
            session.back()
            settle()
    assert [text for text, _ in engine.rendered[renders_before:] if text in texts] == [], \
        "a guide prompt was rendered again"
    speaker.close()
    window.store.close()
