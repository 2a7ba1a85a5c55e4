"""Owner-only files: what the kiosk creates in its data dir, and the secrets it reads.

The data dir and everything the kiosk makes there are 0700 folders and 0600 files
(also what an older version left looser); sync and doctor refuse a token file or CA
bundle others can read or write; doctor fails on a data or key dir others can write
and on a database others can read."""

import json
import os
import stat
import subprocess
import sys
import time

import pytest

from kiosk import config as config_mod, doctor
from kiosk.store import open_store

from conftest import ROOT

ENV = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}


def mode(path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def wait_for(condition, timeout=60.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.1)
    return False


def test_the_kiosk_makes_its_data_dir_and_everything_in_it_owner_only(tmp_path):
    data = tmp_path / "data"
    path = tmp_path / "station.toml"
    path.write_text(f'[storage]\ndata_dir = "{data}"\n')
    config = config_mod.load(path)
    open_store(config).close()  # a database made by an older version, under this test's umask 022
    data.chmod(0o755)
    config.storage.database.chmod(0o644)
    old_receipts = data / "receipts"  # what an older version wrote under a looser umask
    old_receipts.mkdir(mode=0o755)
    (old_receipts / "DEMO01-261124-000001-49.pdf").write_bytes(b"%PDF-1.4 old receipt")
    (old_receipts / "DEMO01-261124-000001-49.pdf").chmod(0o644)
    (data / "logs").mkdir(mode=0o755)
    (data / "logs" / "waystation.log.1").write_text("an older log\n")
    (data / "logs" / "waystation.log.1").chmod(0o644)
    kiosk = subprocess.Popen([sys.executable, "-m", "kiosk.cli", "run", "--windowed", "--config", str(path)],
                             cwd=ROOT, env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        started = wait_for(lambda: (data / "speech-cache").is_dir() and (data / "logs" / "waystation.log").exists()
                           and mode(config.storage.database) == 0o600)
    finally:
        kiosk.terminate()
        _, err = kiosk.communicate(timeout=30)
    assert started, err.decode(errors="replace")[-2000:]
    folders = [data, data / "keys", data / "logs", data / "speech-cache", old_receipts]
    files = [config.storage.database, config.storage.key_path, data / "logs" / "waystation.log"]
    files += [p for p in data.rglob("*") if p.is_file()]  # -wal, -shm, cached speech, whatever else is there
    assert {str(p): oct(mode(p)) for p in folders if mode(p) != 0o700} == {}
    assert {str(p): oct(mode(p)) for p in files if mode(p) != 0o600} == {}


def test_a_receipt_pdf_written_under_the_kiosks_umask_is_owner_only(tmp_path):
    # What `waystation run` sets before anything starts; the PDF is written by Qt, not by our code.
    script = (
        "import sys; from pathlib import Path\n"
        "from kiosk.private_files import owner_only_umask; owner_only_umask()\n"
        "from ui.qt import QApplication; app = QApplication([])\n"
        "from kiosk.receipts import Receipt; from ui.receipt_pdf import write_receipt_pdf\n"
        "r = Receipt('DEMO01-261124-000042-49', 'u', 'senior_card', '2026-11-24T10:00:00')\n"
        "write_receipt_pdf(r, 'T', 'S', Path(sys.argv[1]) / 'receipts' / 'r.pdf',"
        " {'number': 'n', 'issued': 'i', 'keep': 'k'})\n")
    subprocess.run([sys.executable, "-c", script, str(tmp_path)], cwd=ROOT, env=ENV, check=True, timeout=120)
    assert mode(tmp_path / "receipts") == 0o700 and mode(tmp_path / "receipts" / "r.pdf") == 0o600


def central_config(tmp_path, token_mode=0o600, ca_mode=0o600):
    from sync.central.tls_ca import write_tls_files

    tls = write_tls_files(tmp_path / "tls")
    token = tmp_path / "token"
    token.write_text("station-token-0123456789\n")
    token.chmod(token_mode)
    tls.ca_file.chmod(ca_mode)
    path = tmp_path / "station.toml"
    path.write_text(f'[storage]\ndata_dir = "{tmp_path / "data"}"\n'
                    f'[central]\nurl = "https://127.0.0.1:9"\ntoken_file = "{token}"\nca_bundle = "{tls.ca_file}"\n')
    return path, token, tls.ca_file


@pytest.mark.parametrize("token_mode, ca_mode, key", [(0o644, 0o600, "central.token_file"),
                                                      (0o620, 0o600, "central.token_file"),
                                                      (0o600, 0o644, "central.ca_bundle"),
                                                      (0o600, 0o602, "central.ca_bundle")])
def test_sync_and_doctor_refuse_a_token_or_ca_bundle_others_can_use(tmp_path, token_mode, ca_mode, key):
    path, token, ca = central_config(tmp_path, token_mode, ca_mode)
    named = token if key == "central.token_file" else ca
    result = subprocess.run([sys.executable, "-m", "kiosk.cli", "sync", "--once", "--config", str(path)],
                            capture_output=True, text=True, cwd=ROOT, env=ENV, timeout=120)
    assert result.returncode == 2 and key in result.stderr and str(named) in result.stderr, result.stderr
    assert "chmod 600" in result.stderr and "Traceback" not in result.stderr
    check = doctor.check_central(config_mod.load(path))
    assert check.status == doctor.FAIL and key in check.detail and "chmod 600" in check.detail


def test_owner_only_token_and_ca_bundle_pass(tmp_path):
    path, _, _ = central_config(tmp_path)
    assert doctor.check_central(config_mod.load(path)).status != doctor.FAIL


def checks_of(config):
    return {check.name: check for check in doctor.run_checks(config)}


def test_doctor_fails_on_a_data_or_key_dir_others_can_write_and_on_a_readable_database_or_key(tmp_path):
    config = config_mod.from_mapping({"storage": {"data_dir": str(tmp_path / "data")}})
    open_store(config).close()
    assert checks_of(config)["file modes"].status == doctor.OK
    for path, loose, words in [(config.storage.data_dir, 0o777, "data dir"),
                               (config.storage.key_path.parent, 0o770, "key dir"),
                               (config.storage.database, 0o644, "database")]:
        tight = mode(path)
        path.chmod(loose)
        check = checks_of(config)["file modes"]
        assert check.status == doctor.FAIL and f"{words} {path}" in check.detail
        path.chmod(tight)
    config.storage.key_path.chmod(0o644)
    assert checks_of(config)["store key"].status == doctor.FAIL


def test_doctor_json_reports_file_modes(tmp_path):
    config_path = tmp_path / "station.toml"
    config_path.write_text(f'[storage]\ndata_dir = "{tmp_path / "data"}"\n')
    open_store(config_mod.load(config_path)).close()
    (tmp_path / "data").chmod(0o757)
    result = subprocess.run([sys.executable, "-m", "kiosk.cli", "doctor", "--json", "--config", str(config_path)],
                            capture_output=True, text=True, cwd=ROOT, env=ENV, timeout=120)
    checks = {check["name"]: check for check in json.loads(result.stdout)["checks"]}
    assert result.returncode == 1 and checks["file modes"]["status"] == "fail"


def test_a_folder_the_key_merely_sits_in_is_left_alone(tmp_path):
    home = tmp_path / "home"
    home.mkdir()
    home.chmod(0o755)
    config = config_mod.from_mapping({"storage": {"data_dir": str(tmp_path / "data"), "key_file": str(home / "k")}})
    open_store(config).close()
    assert mode(home) == 0o755 and mode(home / "k") == 0o600 and mode(tmp_path / "data") == 0o700
