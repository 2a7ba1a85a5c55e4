"""Filling in keys of the station config in place (kiosk/config_edit.py) and replacing files whole
(kiosk/staged_file.py): IT's comments survive, the kiosk reads what was written, nothing is half-written."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest
from hypothesis import given, settings, strategies as st

from kiosk import config as config_mod
from kiosk.config_edit import Enrollment, checked, enrolled_text, with_changes
from kiosk.errors import ConfigError
from kiosk.staged_file import StagedFile

KEY = "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a"


def enrollment(tmp_path: Path, **changes) -> Enrollment:
    values = {"station_id": "S002", "station_name": "Riverside", "url": "https://centre.example.gov.cn",
              "token_file": tmp_path / "token", "ca_bundle": tmp_path / "ca.pem", "catalog_public_key": KEY}
    return Enrollment(**{**values, **changes})


def test_the_example_config_keeps_every_comment_and_other_key(tmp_path):
    path = tmp_path / "station.toml"
    text = enrolled_text(config_mod.EXAMPLE, path, enrollment(tmp_path))
    old_comments = [line.split("#", 1)[1] for line in config_mod.EXAMPLE.splitlines() if "#" in line]
    assert all(comment in text for comment in old_comments)
    config = checked(text, path)
    assert (config.station.id, config.station.name) == ("S002", "Riverside")
    assert config.central.url == "https://centre.example.gov.cn" and config.central.catalog_public_key == KEY
    assert config.central.token_file == tmp_path / "token" and config.central.ca_bundle == tmp_path / "ca.pem"
    assert config.devices == config_mod.load(None).devices and config.idle == config_mod.load(None).idle
    unchanged = [line for line in config_mod.EXAMPLE.splitlines()
                 if not line.startswith(("id =", "name =", "url =", "catalog_public_key ="))]
    assert all(line in text.splitlines() for line in unchanged)


@pytest.mark.parametrize("original", [
    "",
    '[devices]\ncamera = "none"  # no camera yet\n',
    'central.url = ""\nstation.id = "AB12"\n[devices]\nspeech = "none"\n',
    '[station]\nid = "AB12"\n[central]\nurl = "https://old.example"\nca_bundle = "/etc/old-ca.pem"\n',
], ids=["empty", "no-sections", "dotted-keys", "old-centre"])
def test_missing_sections_are_added_and_old_values_replaced(tmp_path, original):
    path = tmp_path / "station.toml"
    config = checked(enrolled_text(original, path, enrollment(tmp_path, ca_bundle=None)), path)
    assert config.station.id == "S002" and config.central.url == "https://centre.example.gov.cn"
    assert config.central.ca_bundle is None  # verified by the system's CAs: an old bundle must not linger


def test_a_config_the_kiosk_would_refuse_is_never_produced(tmp_path):
    with pytest.raises(ConfigError, match="central.url"):
        enrolled_text("", tmp_path / "s.toml", enrollment(tmp_path, url="http://plain.example"))
    with pytest.raises(ConfigError, match="not valid TOML"):
        with_changes("[station\n", {"station": {"id": "S002"}})
    with pytest.raises(ConfigError, match="station: must be a table"):
        with_changes('station = "S002"\n', {"station": {"id": "S002"}})


# What the protocol lets a centre send (STATION_NAME_PATTERN): anything but C0 controls and DEL.
names = st.text(st.characters(blacklist_categories=("Cs",),
                              blacklist_characters=[chr(c) for c in range(32)] + ["\x7f"]), min_size=1, max_size=80)


@settings(max_examples=150, deadline=None)
@given(name=names, station_id=st.from_regex(r"[A-Z0-9]{2,8}", fullmatch=True),
       comment=st.text(st.characters(blacklist_categories=("Cs", "Cc")), max_size=40))
def test_whatever_name_the_centre_gives_reads_back_exactly(tmp_path_factory, name, station_id, comment):
    """The name comes from the centre: quotes, backslashes, CJK, emoji are written as TOML escapes them."""
    folder = tmp_path_factory.mktemp("edit")
    original = f"# {comment}\n[station]\nname = \"old\"  # {comment}\n"
    text = enrolled_text(original, folder / "s.toml", enrollment(folder, station_id=station_id, station_name=name))
    config = checked(text, folder / "s.toml")
    assert (config.station.id, config.station.name) == (station_id, name)
    assert text.startswith(f"# {comment}\n")


# ---- StagedFile ---------------------------------------------------------------------------------

def test_a_committed_file_replaces_the_old_one_whole_with_the_mode_asked(tmp_path):
    target = tmp_path / "token"
    target.write_text("old\n")
    staged = StagedFile(target, 0o600)
    assert target.read_text() == "old\n"  # nothing changes until commit
    staged.commit(b"new\n")
    assert target.read_text() == "new\n" and stat.S_IMODE(target.stat().st_mode) == 0o600
    assert sorted(p.name for p in tmp_path.iterdir()) == ["token"]


def test_a_discarded_file_leaves_nothing_behind(tmp_path):
    target = tmp_path / "station.toml"
    target.write_text("kept\n")
    staged = StagedFile(target, 0o640)
    staged.discard()
    staged.discard()  # twice is harmless
    assert target.read_text() == "kept\n" and sorted(p.name for p in tmp_path.iterdir()) == ["station.toml"]
    with pytest.raises(RuntimeError):
        staged.commit(b"late")


def test_the_owner_is_given_or_refused_at_once(tmp_path):
    target = tmp_path / "token"
    if os.geteuid() == 0:
        StagedFile(target, 0o600, (65534, 65534)).commit(b"x")
        assert (target.stat().st_uid, target.stat().st_gid) == (65534, 65534)
    else:  # a user may not give a file away: refused before anything is written
        with pytest.raises(PermissionError):
            StagedFile(target, 0o600, (0, 0))
        assert not list(tmp_path.iterdir())


def test_a_folder_that_does_not_exist_is_refused_at_once(tmp_path):
    with pytest.raises(FileNotFoundError):
        StagedFile(tmp_path / "missing" / "token", 0o600)
