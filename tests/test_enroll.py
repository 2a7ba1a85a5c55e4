"""`waystation enroll` against the reference centre, over real TLS on loopback.

The centre runs with no station token in its config at all: every station here
gets its token by enrolling.  Codes are made by the real admin command where the
test is about the whole path, else straight in the centre's book (the same
object the command writes to).  The kiosk side always runs as IT runs it: the
`waystation` command in a child process, on a station config file with comments.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import stat
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from conftest import ROOT
from factories import TINY_JPEG, make_card
from kiosk import applications, config as config_mod
from kiosk.store import open_store
from sync import enrollment_code
from sync.central import CentralLimits, FaultRule, run_server
from sync.central.tls_ca import write_tls_files
from sync.client import CentralClient
from sync.enroll import CodeRefused, redeem
from sync.errors import SyncAuthError
from sync.signing import public_key_hex

STATION_TOML = """\
# Riverside kiosk: set up by IT on 2026-06-01
[station]
id = "DEMO01"  # replaced when enrolled
default_locale = "en"

[storage]
data_dir = "{data}"

[central]
# IT: filled in by `waystation enroll`
url = ""

[devices]
card_reader = "simulated"   # until the reader arrives
camera = "none"
speech = "none"
"""
KEPT_LINES = ("# Riverside kiosk: set up by IT on 2026-06-01", "# IT: filled in by `waystation enroll`",
              'card_reader = "simulated"   # until the reader arrives', 'default_locale = "en"', 'speech = "none"')


def waystation(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    return subprocess.run([sys.executable, "-m", "kiosk.cli", *args], capture_output=True, text=True, cwd=ROOT,
                          env=env, input=stdin, timeout=120)


@pytest.fixture(scope="module")
def centre(tls, signing_key, tmp_path_factory):
    """A centre without static tokens; many refused codes in this module, so no throttling here."""
    folder = tmp_path_factory.mktemp("centre")
    server = run_server("127.0.0.1", 0, tls.cert_file, tls.key_file, db_path=folder / "central.db", tokens={},
                        catalog_signing_key=signing_key, limits=CentralLimits(auth_failures=10_000))
    server.config_file = folder / "central.json"  # what `waystation central enroll-code --config` reads
    server.config_file.write_text(json.dumps({
        "db_path": "central.db", "certfile": str(tls.cert_file), "keyfile": str(tls.key_file),
        "catalog_signing_key": signing_key.private_bytes_raw().hex()}))
    yield server
    server.stop()


def make_code(centre, station_id: str = "S002", name: str = "Riverside 河边站", valid_for: float = 3600) -> str:
    return centre.app.enrollments.create_code(station_id, name, valid_for, enrollment_code.new_code()).code


def station_config(tmp_path: Path, mode: int = 0o640) -> Path:
    folder = tmp_path / "etc"
    folder.mkdir(parents=True)
    path = folder / "station.toml"
    path.write_text(STATION_TOML.format(data=tmp_path / "data"), encoding="utf-8")
    path.chmod(mode)
    return path


def enroll(config: Path, url: str, code: str, *extra: str) -> subprocess.CompletedProcess[str]:
    return waystation("enroll", "--config", str(config), "--central", url, "--code", code, *extra)


def snapshot(folder: Path) -> dict[str, tuple[bytes, int]]:
    """Every file in `folder` with its bytes and mode: to show that nothing changed."""
    return {path.name: (path.read_bytes(), path.stat().st_mode) for path in sorted(folder.iterdir())}


def code_is_unused(centre, code: str) -> bool:
    digest = enrollment_code.code_hash(code)
    row = centre.app.enrollments._db.execute("SELECT used_at FROM enrollment_codes WHERE code_hash = ?",
                                             (digest,)).fetchone()
    return row is not None and row[0] is None


@contextlib.contextmanager
def unwritable(folder: Path):
    """`folder` where no new file can be made, not even by root (immutable); read-only when not root."""
    if os.geteuid() == 0:
        subprocess.run(["chattr", "+i", str(folder)], check=True)
    else:
        folder.chmod(0o555)
    try:
        yield
    finally:
        if os.geteuid() == 0:
            subprocess.run(["chattr", "-i", str(folder)], check=True)
        else:
            folder.chmod(0o755)


# ---- the happy path -----------------------------------------------------------------------------

def test_a_code_from_the_admin_command_enrolls_the_station_and_it_syncs(centre, tls, signing_key, tmp_path):
    made = waystation("central", "--config", str(centre.config_file), "enroll-code", "--station-id", "s002",
                      "--name", "Riverside 河边站", "--expires", "2h")
    assert made.returncode == 0, made.stderr
    code = re.search(r"^\s+([0-9A-Z]{4}(?:-[0-9A-Z]{4}){3})\s*$", made.stdout, re.M).group(1)
    assert "S002" in made.stdout and enrollment_code.parse(code) == code
    config_path = station_config(tmp_path)

    # Typed as people type it: lower case, spaces instead of dashes.
    result = enroll(config_path, centre.url, code.lower().replace("-", " "), "--ca", str(tls.ca_file))

    assert result.returncode == 0, result.stderr
    assert "Enrolled as station S002 (Riverside 河边站)" in result.stdout
    token_file = config_path.parent / "token"
    token = token_file.read_text().strip()
    assert stat.S_IMODE(token_file.stat().st_mode) == 0o600
    assert token not in result.stdout + result.stderr  # never shown
    assert centre.app.enrollments.station_for(hashlib.sha256(token.encode()).digest()) == "S002"
    text = config_path.read_text(encoding="utf-8")
    assert all(line in text for line in KEPT_LINES), text
    assert stat.S_IMODE(config_path.stat().st_mode) == 0o640
    config = config_mod.load(config_path)
    assert (config.station.id, config.station.name) == ("S002", "Riverside 河边站")
    assert config.central.url == centre.url and config.central.token_file == token_file
    assert config.central.catalog_public_key == public_key_hex(signing_key)
    ca_copy = config_path.parent / "ca.pem"
    assert config.central.ca_bundle == ca_copy and ca_copy.read_bytes() == tls.ca_file.read_bytes()
    assert stat.S_IMODE(ca_copy.stat().st_mode) == 0o600

    store = open_store(config)
    receipt = applications.submit(store, applications.Draft(
        "senior_card", "en", {"name": make_card().name}, [applications.Attachment("photo", "image/jpeg", TINY_JPEG)],
        {"method": "id_card"}, make_card().id_number), config.station.id)
    store.close()
    synced = waystation("sync", "--once", "--config", str(config_path))
    assert synced.returncode == 0, synced.stderr
    assert "state=online" in synced.stdout and "sent=1" in synced.stdout
    numbers = [row[0] for row in centre.store._db.execute("SELECT number FROM applications WHERE station_id = 'S002'")]
    assert receipt.number in numbers


def test_the_code_can_come_on_standard_input_and_the_system_trust_is_refused_for_a_private_ca(centre, tls,
                                                                                           tmp_path):
    config_path = station_config(tmp_path)
    code = make_code(centre, "S003")
    no_ca = waystation("enroll", "--config", str(config_path), "--central", centre.url, "--code", "-", stdin=code)
    assert no_ca.returncode == 4 and "could not be verified with the system's trusted CAs" in no_ca.stderr
    assert code_is_unused(centre, code)
    done = waystation("enroll", "--config", str(config_path), "--central", centre.url, "--code", "-",
                      "--ca", str(tls.ca_file), stdin=code + "\n")
    assert done.returncode == 0, done.stderr
    assert config_mod.load(config_path).station.id == "S003"


def test_enrolling_again_replaces_the_token_and_the_old_one_stops_working(centre, tls, tmp_path):
    config_path = station_config(tmp_path)
    assert enroll(config_path, centre.url, make_code(centre, "S004"), "--ca", str(tls.ca_file)).returncode == 0
    old = (config_path.parent / "token").read_text().strip()
    # The second time the config already names its CA bundle: no --ca needed.
    again = enroll(config_path, centre.url, make_code(centre, "S004"))
    assert again.returncode == 0, again.stderr
    new = (config_path.parent / "token").read_text().strip()
    assert new != old
    with CentralClient(centre.url, new, ca_bundle=tls.ca_file) as client:
        assert client.preflight().station_id == "S004"
    with CentralClient(centre.url, old, ca_bundle=tls.ca_file) as client, pytest.raises(SyncAuthError):
        client.preflight()


def test_run_as_root_the_token_goes_to_the_kiosk_user_and_the_config_keeps_its_group(centre, tls, tmp_path):
    """The package's layout: config root:waystation 0640, data dir owned by the kiosk's user (here
    uid/gid 65534 when the test runs as root; as another user everything stays that user's)."""
    root = os.geteuid() == 0
    kiosk_user = (65534, 65534) if root else (os.geteuid(), os.getegid())
    config_path = station_config(tmp_path)
    data = tmp_path / "data"
    data.mkdir(mode=0o700)
    os.chown(data, *kiosk_user)
    if root:
        os.chown(config_path, 0, 65534)
    config_owner = (config_path.stat().st_uid, config_path.stat().st_gid)

    assert enroll(config_path, centre.url, make_code(centre, "S005"), "--ca", str(tls.ca_file)).returncode == 0

    token = (config_path.parent / "token").stat()
    assert (token.st_uid, token.st_gid) == kiosk_user and stat.S_IMODE(token.st_mode) == 0o600
    ca_copy = (config_path.parent / "ca.pem").stat()
    assert (ca_copy.st_uid, ca_copy.st_gid) == kiosk_user
    after = config_path.stat()
    assert (after.st_uid, after.st_gid) == config_owner and stat.S_IMODE(after.st_mode) == 0o640


# ---- refusals: nothing changes --------------------------------------------------------------------

def test_a_used_code_is_refused_and_nothing_changes(centre, tls, tmp_path):
    code = make_code(centre, "S006")
    first = station_config(tmp_path / "a")
    assert enroll(first, centre.url, code, "--ca", str(tls.ca_file)).returncode == 0
    second = station_config(tmp_path / "b")
    before = snapshot(second.parent)
    result = enroll(second, centre.url, code, "--ca", str(tls.ca_file))
    assert result.returncode == 3
    assert "already been used" in result.stderr and "Traceback" not in result.stderr
    assert snapshot(second.parent) == before


def test_an_expired_code_is_refused_and_nothing_changes(centre, tls, tmp_path):
    code = make_code(centre, "S007", valid_for=-1)  # expired a second ago
    config_path = station_config(tmp_path)
    before = snapshot(config_path.parent)
    result = enroll(config_path, centre.url, code, "--ca", str(tls.ca_file))
    assert result.returncode == 3 and "has expired" in result.stderr, result.stderr
    assert snapshot(config_path.parent) == before


def test_a_wrong_code_is_refused_and_a_mistyped_one_never_leaves_the_station(centre, tls, tmp_path):
    config_path = station_config(tmp_path)
    before = snapshot(config_path.parent)
    unknown = enroll(config_path, centre.url, enrollment_code.new_code(), "--ca", str(tls.ca_file))
    assert unknown.returncode == 3 and "does not know this enrollment code" in unknown.stderr
    real = make_code(centre, "S008")
    mistyped = real[:-1] + ("A" if real[-1] != "A" else "B")  # one symbol wrong: the check symbol catches it
    typo = enroll(config_path, centre.url, mistyped, "--ca", str(tls.ca_file))
    assert typo.returncode == 3 and "mistyped symbol" in typo.stderr and "nothing was sent" in typo.stderr
    assert snapshot(config_path.parent) == before
    assert code_is_unused(centre, real)


def test_a_centre_whose_certificate_does_not_verify_gets_no_code(centre, tmp_path, tmp_path_factory):
    stranger = write_tls_files(tmp_path_factory.mktemp("other-ca"))  # a CA that did not sign the centre
    config_path = station_config(tmp_path)
    before = snapshot(config_path.parent)
    code = make_code(centre, "S009")
    result = enroll(config_path, centre.url, code, "--ca", str(stranger.ca_file))
    assert result.returncode == 4
    assert "could not be verified with the CA file" in result.stderr and "code was not sent" in result.stderr
    assert snapshot(config_path.parent) == before
    assert code_is_unused(centre, code)


def test_a_config_that_cannot_be_written_stops_before_the_code_is_used(centre, tls, tmp_path):
    config_path = station_config(tmp_path)
    code = make_code(centre, "S010")
    before = snapshot(config_path.parent)
    with unwritable(config_path.parent):
        result = enroll(config_path, centre.url, code, "--ca", str(tls.ca_file))
    assert result.returncode == 2
    assert f"Cannot write {config_path.parent}" in result.stderr and "the code was not used" in result.stderr
    assert snapshot(config_path.parent) == before
    assert code_is_unused(centre, code)
    # Put right, the same code still works.
    assert enroll(config_path, centre.url, code, "--ca", str(tls.ca_file)).returncode == 0


def test_a_token_folder_that_cannot_be_written_stops_it_too(centre, tls, tmp_path):
    config_path = station_config(tmp_path)
    secrets_dir = tmp_path / "secrets"
    secrets_dir.mkdir()
    code = make_code(centre, "S011")
    before = snapshot(config_path.parent)
    with unwritable(secrets_dir):
        result = enroll(config_path, centre.url, code, "--ca", str(tls.ca_file),
                        "--token-file", str(secrets_dir / "token"))
    assert result.returncode == 2 and f"Cannot write {secrets_dir / 'token'}" in result.stderr
    assert snapshot(config_path.parent) == before and not list(secrets_dir.iterdir())
    assert code_is_unused(centre, code)


def test_a_portal_answering_instead_of_the_centre_changes_nothing(centre, tls, tmp_path):
    config_path = station_config(tmp_path)
    code = make_code(centre, "S012")
    before = snapshot(config_path.parent)
    centre.faults.add(FaultRule(kind="captive_portal", method="POST", path="/v1/enrollments", times=1))
    result = enroll(config_path, centre.url, code, "--ca", str(tls.ca_file))
    assert result.returncode == 4 and "did not answer as a Waystation centre" in result.stderr, result.stderr
    assert snapshot(config_path.parent) == before and code_is_unused(centre, code)


def test_an_address_that_is_not_https_or_a_missing_config_is_refused_before_anything(centre, tmp_path):
    config_path = station_config(tmp_path)
    plain = enroll(config_path, centre.url.replace("https://", "http://"), make_code(centre, "S013"))
    assert plain.returncode == 2 and "--central" in plain.stderr and "https://" in plain.stderr
    env_less = waystation("enroll", "--central", centre.url, "--code", make_code(centre, "S013"))
    assert env_less.returncode == 2 and "--config PATH" in env_less.stderr
    missing = enroll(tmp_path / "nowhere.toml", centre.url, make_code(centre, "S013"))
    assert missing.returncode == 2 and "config-example" in missing.stderr


def test_an_answer_lost_on_the_way_back_is_said_plainly_and_nothing_is_written(centre, tls, tmp_path):
    """The centre used the code but its answer never arrived: the station must not claim the code is
    unused, and a retry is then refused as used (the admin makes a new code)."""
    config_path = station_config(tmp_path)
    code = make_code(centre, "S016")
    before = snapshot(config_path.parent)
    centre.faults.add(FaultRule(kind="lost_ack", method="POST", path="/v1/enrollments", times=1))
    lost = enroll(config_path, centre.url, code, "--ca", str(tls.ca_file))
    assert lost.returncode == 4 and "No answer came" in lost.stderr and "may have used the code" in lost.stderr
    assert snapshot(config_path.parent) == before
    retry = enroll(config_path, centre.url, code, "--ca", str(tls.ca_file))
    assert retry.returncode == 3 and "already been used" in retry.stderr


def test_without_config_or_variable_the_packaged_config_is_the_one_filled_in(centre, tls, tmp_path, monkeypatch,
                                                                               capsys):
    from sync import enroll as enroll_module

    packaged = station_config(tmp_path)
    monkeypatch.delenv(config_mod.ENV_VAR, raising=False)
    monkeypatch.setattr(enroll_module, "PACKAGED_CONFIG", packaged)
    assert enroll_module.main(None, centre.url, make_code(centre, "S017"), ca=str(tls.ca_file)) == 0
    assert config_mod.load(packaged).station.id == "S017"
    monkeypatch.setattr(enroll_module, "PACKAGED_CONFIG", tmp_path / "not-installed.toml")
    assert enroll_module.main(None, centre.url, make_code(centre, "S017")) == 2
    assert "/etc/waystation/station.toml does not exist" in capsys.readouterr().err


def test_two_stations_racing_with_one_code_get_one_token(centre, tls):
    code = make_code(centre, "S014")
    results: list[object] = []

    def attempt() -> None:
        try:
            results.append(redeem(centre.url, code, tls.ca_file))
        except CodeRefused as refused:
            results.append(refused)

    threads = [threading.Thread(target=attempt) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert len(results) == 4
    tokens = [result for result in results if not isinstance(result, CodeRefused)]
    assert len(tokens) == 1 and tokens[0].station_id == "S014"
    assert all(result.code == "enroll.code_used" for result in results if isinstance(result, CodeRefused))


def test_wrong_codes_from_one_address_are_throttled(tls, signing_key, tmp_path):
    server = run_server("127.0.0.1", 0, tls.cert_file, tls.key_file, db_path=tmp_path / "throttled.db", tokens={},
                        catalog_signing_key=signing_key, limits=CentralLimits(auth_failures=2, auth_window=600))
    try:
        config_path = station_config(tmp_path)
        for _ in range(2):
            assert enroll(config_path, server.url, enrollment_code.new_code(), "--ca", str(tls.ca_file)).returncode == 3
        good = server.app.enrollments.create_code("S015", "Riverside", 3600, enrollment_code.new_code()).code
        result = enroll(config_path, server.url, good, "--ca", str(tls.ca_file))
        assert result.returncode == 4 and "Too many wrong codes" in result.stderr, result.stderr
        assert server.app.enrollments.codes()[0]["used_at"] is None  # refused before it was looked at
    finally:
        server.stop()
