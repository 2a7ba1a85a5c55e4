"""`waystation self-check`'s device checks: speech renders, the face is found and matched, a receipt QR decodes.

Nothing here needs real hardware: speech is rendered, not played (there may be no
sound card); the face check uses the bundled camera still (devices/camera/data/)
and compares it, through the face child (`waystation face-child` in the frozen
build), with an ID-card-sized crop of itself; the QR check draws a receipt's code
with segno as the receipt does and reads it with the camera's QR scanner.  The
pyttsx3 check starts the speech child (`waystation speech-child`).  The runner is
kiosk/self_check.py.
"""

from __future__ import annotations

import ctypes.util
import datetime as _dt
import io
import shutil

from kiosk.self_check import CheckFailed, Skipped

SENTENCE = {"zh_CN": "请把身份证放在读卡器上。", "en": "Please place your ID card on the reader."}


def bundled_photo() -> bytes:
    """The bundled camera still (a made-up face, no resident's), as JPEG bytes."""
    from devices.camera.sources import BUNDLED_STILL

    return BUNDLED_STILL.read_bytes()


def check_speech() -> str:
    """espeak-ng (the default engine) renders a Chinese and an English sentence, if it is installed."""
    from devices.speech.engine import EspeakCliEngine
    from devices.speech.speaker import NORMAL_RATE, VOICES

    if shutil.which("espeak-ng") is None:
        raise Skipped("espeak-ng is not installed (the package depends on it)")
    engine = EspeakCliEngine()
    problem = engine.check()
    if problem:
        raise CheckFailed(problem)
    seconds = [engine.render(SENTENCE[locale], VOICES[locale], NORMAL_RATE).duration for locale in ("zh_CN", "en")]
    if min(seconds) < 0.5:
        raise CheckFailed(f"speech too short to be the sentence ({min(seconds):.2f} s)")
    return f"{engine.version}: {seconds[0]:.1f} s of Chinese, {seconds[1]:.1f} s of English rendered"


def check_pyttsx3() -> str:
    """pyttsx3 (the other engine) renders in its helper process: the speech child starts and answers."""
    from devices.speech.pyttsx3_engine import Pyttsx3Engine
    from devices.speech.speaker import NORMAL_RATE

    if ctypes.util.find_library("espeak-ng") is None:
        raise Skipped("libespeak-ng is not installed (pyttsx3's voices on Linux; comes with espeak-ng)")
    engine = Pyttsx3Engine(start_timeout=30.0)
    try:
        problem = engine.check()
        if problem:
            raise CheckFailed(problem)
        audio = engine.render(SENTENCE["en"], "en", NORMAL_RATE)
    finally:
        engine.close()
    if audio.duration < 0.5:
        raise CheckFailed(f"speech too short to be the sentence ({audio.duration:.2f} s)")
    return f"{engine.describe()} in the speech child: {audio.duration:.1f} s rendered"


def check_face() -> str:
    """The face is found in the bundled still, and dlib (in the face child) matches it with its card crop."""
    import cv2

    from devices.camera.face_detect import FaceDetector, to_grey
    from devices.camera.face_dlib import DlibMatcher, self_check
    from devices.camera.sources import BUNDLED_STILL

    image = cv2.imread(str(BUNDLED_STILL), cv2.IMREAD_COLOR)
    if image is None:
        raise CheckFailed(f"cannot read {BUNDLED_STILL}")
    faces = FaceDetector(find_eyes=False).faces(to_grey(image))
    if not faces:
        raise CheckFailed("no face found in the bundled camera still")
    matcher = DlibMatcher()
    try:
        result = self_check(matcher)
    finally:
        matcher.close()
    distance = result.details.get("face_distance")
    if result.check.value != "matched":
        raise CheckFailed(f"dlib did not match the still with its card crop ({result.check.value}, distance "
                          f"{distance}){'; ' + matcher.problem if matcher.problem else ''}")
    return f"face {faces[0].w}x{faces[0].h} px found; {matcher.describe()}: matched, distance {distance}"


def check_receipt_qr() -> str:
    """A receipt's QR code (segno, as on the receipt) decodes back to its application number."""
    import cv2
    import numpy as np
    import segno

    from devices.camera.qr_scan import QrScanner
    from kiosk import app_number, receipts

    number = app_number.make("SELFCK", _dt.date(2026, 11, 24), 42)
    buffer = io.BytesIO()
    segno.make_qr(receipts.qr_text(number)).save(buffer, kind="png", scale=6, border=4)
    image = cv2.imdecode(np.frombuffer(buffer.getvalue(), np.uint8), cv2.IMREAD_GRAYSCALE)
    text = QrScanner().scan(image)
    if text is None or receipts.number_from_qr(text) != number:
        raise CheckFailed(f"the receipt QR code did not decode to {number} (read {text!r})")
    return f"{number} decoded from its QR code"


CHECKS = [("speech", check_speech), ("speech child", check_pyttsx3), ("face", check_face),
          ("receipt QR", check_receipt_qr)]
