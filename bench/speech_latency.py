"""Speech latency benchmark: prompt -> first audio chunk (cold and cached),
stop latency, and the longest Qt event-loop stall while speech renders and plays.

Run:  QT_QPA_PLATFORM=offscreen .venv/bin/python bench/speech_latency.py [--runs N] [--engine E]
      .venv/bin/python bench/speech_latency.py --pyttsx3   (render durations: helper vs command)

Both engines by default: the espeak-ng command (a process per render) and
pyttsx3 in its long-lived helper process (devices.speech = "pyttsx3").

Two sinks: the recording test sink (no device at all) and a real `aplay`
child process on ALSA's "null" device (no sound card needed; includes
spawning and killing aplay, which a real device also costs).  A real sound
card adds its own start-up (aplay starts it once its 200 ms buffer is full,
which the worker fills at once) - not measurable here.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from collections import Counter  # noqa: E402

from devices.speech.audio_sink import AplaySink, Audio, RecordingSink  # noqa: E402
from devices.speech.speaker import NORMAL_RATE, VOICES, Speaker  # noqa: E402
from devices.speech.engine import EspeakCliEngine  # noqa: E402
from devices.speech.pyttsx3_engine import Pyttsx3Engine  # noqa: E402

ENGINES = {"espeak-ng": EspeakCliEngine, "pyttsx3": Pyttsx3Engine}

BUDGET_START_CACHED_MS = 300
BUDGET_STOP_MS = 100

PROMPTS = [
    ("请把身份证放在读卡器上，第{n}次。", "zh_CN"),
    ("Please place your ID card on the reader, take {n}.", "en"),
    ("请看摄像头，保持不动，第{n}次。", "zh_CN"),
    ("Your application has been submitted, number {n}.", "en"),
]
LONG = "Welcome to the community service station. Please choose a service on the screen. " * 4


class TimedAplaySink(AplaySink):
    """aplay on ALSA "null", noting when each utterance's first chunk was written and the child's pid."""

    def __init__(self) -> None:
        super().__init__(device="null")
        self.first_write_at: list[float] = []
        self.pids: list[int] = []
        self._fresh = False

    def open(self, rate: int) -> None:
        super().open(rate)
        self.pids.append(self._proc.pid if self._proc else -1)
        self._fresh = True

    def write(self, chunk: bytes) -> None:
        super().write(chunk)
        if self._fresh:
            self.first_write_at.append(time.monotonic())
            self._fresh = False


def first_chunk_times(sink) -> list[float]:  # noqa: ANN001
    if isinstance(sink, RecordingSink):
        return [p.writes[0][0] for p in sink.playbacks if p.writes]
    return list(sink.first_write_at)


def wait_until(predicate, timeout: float = 10.0) -> None:  # noqa: ANN001
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            raise TimeoutError("speech did not reach the sink")
        time.sleep(0.0005)


def start_latencies(speaker: Speaker, sink, texts: list[tuple[str, str]]) -> tuple[list[float], list[float]]:  # noqa: ANN001
    """ms from say() to the first chunk written, and ms the say() call itself took (the
    caller's - the GUI thread's - cost), one text at a time, stopped after its first chunk."""
    out, calls = [], []
    for text, locale in texts:
        before = len(first_chunk_times(sink))
        t0 = time.monotonic()
        speaker.say(text, locale, key="bench.prompt")
        calls.append((time.monotonic() - t0) * 1000)
        wait_until(lambda: len(first_chunk_times(sink)) > before)
        out.append((first_chunk_times(sink)[-1] - t0) * 1000)
        speaker.stop()
        speaker.wait_idle(5)
    return out, calls


def process_gone(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return True
    return state in ("Z", "X")


def stop_latencies(speaker: Speaker, sink, runs: int) -> tuple[list[float], list[float]]:  # noqa: ANN001
    """(ms for stop() to return, ms until the aplay child is dead) over `runs` stops mid-phrase."""
    returned, silenced = [], []
    for _ in range(runs):
        before = len(first_chunk_times(sink))
        speaker.say(LONG, "en", key="bench.long")
        wait_until(lambda: len(first_chunk_times(sink)) > before)
        time.sleep(0.15)  # well into the phrase
        t0 = time.monotonic()
        speaker.stop()
        returned.append((time.monotonic() - t0) * 1000)
        if isinstance(sink, TimedAplaySink):
            pid = sink.pids[-1]
            wait_until(lambda: process_gone(pid), 2)
            silenced.append((time.monotonic() - t0) * 1000)
        speaker.wait_idle(5)
    return returned, silenced


def loop_stalls(make_speaker, seconds: float) -> tuple[float, float, int, int]:  # noqa: ANN001
    """Run a QCoreApplication with a 5 ms QTimer for `seconds`; say a new (uncached)
    prompt every 300 ms and stop every third.  Returns (longest gap ms, p99 gap ms,
    gaps over 20 ms, gaps measured)."""
    from PySide6.QtCore import QCoreApplication, QElapsedTimer, QTimer

    app = QCoreApplication.instance() or QCoreApplication([])
    speaker = make_speaker() if make_speaker else None
    clock = QElapsedTimer()
    clock.start()
    gaps: list[float] = []
    last = [clock.nsecsElapsed()]

    def tick() -> None:
        now = clock.nsecsElapsed()
        gaps.append((now - last[0]) / 1e6)
        last[0] = now

    count = [0]

    def speak() -> None:
        count[0] += 1
        if speaker is None:
            return
        if count[0] % 3 == 0:
            speaker.stop()
        else:
            text, locale = PROMPTS[count[0] % len(PROMPTS)]
            speaker.say(text.format(n=f"stall {count[0]}"), locale, key="bench.stall")

    ticker, talker = QTimer(), QTimer()
    ticker.setTimerType(ticker.timerType().PreciseTimer)
    ticker.timeout.connect(tick)
    talker.timeout.connect(speak)
    ticker.start(5)
    talker.start(300)
    QTimer.singleShot(int(seconds * 1000), app.quit)
    app.exec()
    ticker.stop()
    talker.stop()
    if speaker:
        speaker.close()
    gaps = sorted(gaps[1:])
    return gaps[-1], gaps[int(len(gaps) * 0.99) - 1], sum(g > 20 for g in gaps), len(gaps)


def summary(values: list[float]) -> str:
    values = sorted(values)
    p95 = values[max(0, int(round(len(values) * 0.95)) - 1)]
    return f"median {statistics.median(values):6.1f} ms  p95 {p95:6.1f} ms  max {values[-1]:6.1f} ms  (n={len(values)})"


def pyttsx3_durations(runs: int) -> None:
    """Render the same prompt `runs` times with the pyttsx3 helper and with the espeak-ng
    command; print how often each duration came out (a cut-off tail shows as a second value)."""
    helper, cli = Pyttsx3Engine(), EspeakCliEngine()
    try:
        for locale, text in (("zh_CN", "请把身份证放在读卡器上。"), ("en", "Please place your ID card on the reader.")):
            got = Counter(round(helper.render(text, VOICES[locale], NORMAL_RATE).duration, 3) for _ in range(runs))
            ref = Counter(round(cli.render(text, VOICES[locale], NORMAL_RATE).duration, 3) for _ in range(runs))
            print(f"{locale}: espeak-ng command durations (s): {dict(ref)}   pyttsx3 helper: {dict(got)}")
        print(f"pyttsx3 helpers started after the first: {helper.restarts}")
    finally:
        helper.close()


def render_times(engine_name: str, runs: int) -> list[float]:
    """ms for the engine alone to render a new (uncached) prompt."""
    engine = ENGINES[engine_name]()
    try:
        engine.render("warm up", "en", NORMAL_RATE)  # the helper starts once; not counted
        out = []
        for i in range(runs):
            text, locale = PROMPTS[i % len(PROMPTS)]
            t0 = time.monotonic()
            engine.render(text.format(n=f"render {i}"), VOICES[locale], NORMAL_RATE)
            out.append((time.monotonic() - t0) * 1000)
        return out
    finally:
        engine.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=20, help="prompts / stops per measurement")
    parser.add_argument("--stall-seconds", type=float, default=15.0)
    parser.add_argument("--pyttsx3", action="store_true", help="only compare pyttsx3 and espeak-ng renders")
    parser.add_argument("--engine", choices=[*ENGINES, "both"], default="both")
    args = parser.parse_args()
    if args.pyttsx3:
        pyttsx3_durations(args.runs)
        return
    engines = list(ENGINES) if args.engine == "both" else [args.engine]
    print(f"speech latency benchmark ({os.cpu_count()} cores)")
    for name in engines:
        measure_engine(name, args)


def measure_engine(name: str, args: argparse.Namespace) -> None:
    print(f"\n===== engine: {name} =====")
    print(f"  render only (no cache)    {summary(render_times(name, args.runs))}")
    with tempfile.TemporaryDirectory() as tmp:
        for label, make_sink in (("recording sink", RecordingSink), ("aplay -D null", TimedAplaySink)):
            cache = Path(tmp) / label.replace(" ", "_")
            sink = make_sink()
            speaker = Speaker(ENGINES[name](), sink=sink, cache_dir=cache)
            speaker.wait_ready(10)
            texts = [(t.format(n=i), loc) for i in range(args.runs // len(PROMPTS) + 1) for t, loc in PROMPTS]
            texts = texts[: args.runs]
            cold, say_calls = start_latencies(speaker, sink, texts)
            warm, more_calls = start_latencies(speaker, sink, texts)
            speaker.close()
            sink2 = make_sink()
            restarted = Speaker(ENGINES[name](), sink=sink2, cache_dir=cache)  # memory empty: the disk cache
            restarted.wait_ready(10)
            disk, _ = start_latencies(restarted, sink2, texts)
            returned, silenced = stop_latencies(restarted, sink2, args.runs)
            restarted.close()
            print(f"\n[{label}]  (budget: cached start <= {BUDGET_START_CACHED_MS} ms, stop <= {BUDGET_STOP_MS} ms)")
            print(f"  start, cold (render)      {summary(cold)}")
            print(f"  start, cached in memory   {summary(warm)}")
            print(f"  start, cached on disk     {summary(disk)}")
            print(f"  say() call returns        {summary(say_calls + more_calls)}")
            print(f"  stop() call returns       {summary(returned)}")
            if silenced:
                print(f"  stop -> aplay dead        {summary(silenced)}")

    base = loop_stalls(None, args.stall_seconds)
    with tempfile.TemporaryDirectory() as tmp:
        rec = loop_stalls(lambda: Speaker(ENGINES[name](), RecordingSink(), cache_dir=Path(tmp) / "a"),
                          args.stall_seconds)
        apl = loop_stalls(lambda: Speaker(ENGINES[name](), TimedAplaySink(), cache_dir=Path(tmp) / "b"),
                          args.stall_seconds)
    print("\nQt event loop, 5 ms timer (no stall budget; a screen change must take <= 50 ms p95)")
    for label, (worst, p99, over, n) in (("no speech", base), ("speech, recording sink", rec), ("speech, aplay -D null", apl)):
        print(f"  {label:24s} longest gap {worst:6.1f} ms  p99 gap {p99:6.1f} ms  gaps > 20 ms: {over}  ({n} ticks)")


if __name__ == "__main__":
    main()
