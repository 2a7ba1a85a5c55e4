"""`waystation gallery DIR`: a PNG of every screen in both modes and both languages, and an index.html
that shows them side by side (for reviewers and translators)."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

from ui.qt import QImage

COLUMNS = ("normal_zh_CN", "normal_en", "elder_zh_CN", "elder_en")
# The states a reviewer must be able to see, besides the plain journey.
MUST_SHOW = ("home", "sound_panel", "status", "status_typed_too_little", "status_results", "status_none", "guide",
             "identity", "identity_error", "identity_keypad", "identity_keypad_error", "identity_confirm", "form",
             "form_error", "documents", "review", "receipt", "helper_coming", "helper_acknowledged", "idle_warning",
             # the visits a helper leads (issue 13)
             "guided_home", "guided_form", "guided_consent", "guided_consent_signed", "proxy_identity",
             "proxy_principal", "proxy_principal_error", "proxy_letter", "proxy_review", "proxy_consent",
             "correction_identity", "correction_receipt")
# The helpers' console pages: normal mode only (helpers are not the residents elder mode is for).
CONSOLE_COLUMNS = ("normal_zh_CN", "normal_en")
CONSOLE_MUST_SHOW = ("console_help_requests", "console_help_requests_empty", "console_help_requests_acknowledged",
                     "console_faces", "console_faces_empty", "console_faces_open", "console_faces_open_no_card_photo",
                     "console_sign_in_number", "console_sign_in_pin", "console_sign_in_refused", "console_sign_in_locked",
                     "console_sign_in_card", "console_queue", "console_queue_reason", "console_queue_record",
                     "console_set_aside", "console_set_aside_discard", "console_devices", "console_today",
                     "console_supervisor", "console_supervisor_pin")


def test_gallery_command_writes_every_screen_in_both_modes_and_languages(tmp_path: Path) -> None:
    out = tmp_path / "gallery"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run([sys.executable, "-m", "kiosk.cli", "gallery", str(out), "--resolution", "1024x768"],
                          env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert "gallery written" in done.stdout
    index = (out / "index.html").read_text(encoding="utf-8")
    referenced = set(re.findall(r'src="([^"]+)"', index))
    pngs = {p.name for p in out.glob("*.png")}
    assert referenced == pngs  # every picture is in the index, and the index shows no missing picture
    for screen in MUST_SHOW:
        for column in COLUMNS:
            assert f"{screen}_{column}.png" in pngs, f"{screen}_{column}.png"
    resident = {name for name in pngs if not name.startswith("console_")}
    assert len(resident) % len(COLUMNS) == 0  # each resident screen in all four columns
    for screen in CONSOLE_MUST_SHOW:
        for column in CONSOLE_COLUMNS:
            assert f"{screen}_{column}.png" in pngs, f"{screen}_{column}.png"
    assert not any("elder" in name for name in pngs - resident)  # the console has no elder mode
    for name in pngs:
        image = QImage(str(out / name))
        assert (image.width(), image.height()) == (1024, 768), name  # the panel's size: nothing grew
    # Both languages really differ on screen (a translator compares them): the English and Chinese
    # home screens are not the same picture.
    assert QImage(str(out / "home_normal_en.png")) != QImage(str(out / "home_normal_zh_CN.png"))


def test_gallery_draws_at_a_stations_text_scale_and_refuses_one_out_of_range(tmp_path: Path) -> None:
    """`--text-scale 2.0` at 1920x1080 (where elder mode must fit it): every screen, the rating's too, in all four
    columns at the panel's size (nothing grew); a scale the kiosk would refuse is refused here too.  (That the
    scale reaches the screens, and fits, tests/test_ui_layout.py checks screen by screen.)"""
    out = tmp_path / "large"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    refused = subprocess.run([sys.executable, "-m", "kiosk.cli", "gallery", str(out), "--text-scale", "2.5"],
                             env=env, capture_output=True, text=True, timeout=120)
    assert refused.returncode == 2 and "outside 1.0 to 2.0" in refused.stderr
    done = subprocess.run([sys.executable, "-m", "kiosk.cli", "gallery", str(out), "--resolution", "1920x1080",
                           "--text-scale", "2.0"], env=env, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    index = (out / "index.html").read_text(encoding="utf-8")
    assert "text scale 2" in index
    pngs = {p.name for p in out.glob("*.png")}
    for screen in MUST_SHOW + ("rating", "rating_reasons"):
        for column in COLUMNS:
            assert f"{screen}_{column}.png" in pngs, f"{screen}_{column}.png"
    for name in pngs:
        image = QImage(str(out / name))
        assert (image.width(), image.height()) == (1920, 1080), name
