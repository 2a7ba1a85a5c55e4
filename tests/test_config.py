import tomllib

import pytest
from hypothesis import given, settings, strategies as st

from kiosk import config
from kiosk.errors import ConfigError


def write(tmp_path, text):
    path = tmp_path / "station.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_no_file_means_embedded_defaults(monkeypatch):
    monkeypatch.delenv(config.ENV_VAR, raising=False)
    loaded = config.load()
    assert loaded.source == "embedded defaults"
    assert loaded.devices.card_reader == "simulated" and loaded.central.url == ""


def test_the_documented_example_is_itself_a_valid_config(tmp_path):
    loaded = config.load(write(tmp_path, config.EXAMPLE))
    assert loaded == config.from_mapping(tomllib.loads(config.EXAMPLE), source=str(tmp_path / "station.toml"))
    assert loaded.storage.data_dir.is_absolute()  # ~ expanded


def test_environment_variable_names_the_file(tmp_path, monkeypatch):
    monkeypatch.setenv(config.ENV_VAR, str(write(tmp_path, '[station]\nid = "BJ0105"\n')))
    assert config.load().station.id == "BJ0105"


@pytest.mark.parametrize("text, key, words", [
    ('[station]\nidd = "X"\n', "station.idd", "unknown key"),
    ('[devices]\ncard_reader = "usb"\n', "devices.card_reader", "'ga467'"),
    ('[idle]\ncountdown_s = 5\n', "idle.countdown_s", "20"),
    ('[station]\nid = "bj-01"\n', "station.id", "pattern"),
    ('[central]\nurl = "http://centre.example"\n', "central.url", "https://"),
    ('[storage]\nretention_days = "a week"\n', "storage.retention_days", "integer"),
    ('[printer]\nname = "x"\n', "printer", "unknown key"),
])
def test_a_wrong_key_or_value_is_named_with_what_is_allowed(tmp_path, text, key, words):
    with pytest.raises(ConfigError) as caught:
        config.load(write(tmp_path, text))
    message = caught.value.text("en")
    assert key in message and words in message
    assert key in caught.value.text("zh_CN")


def test_unreadable_or_broken_files_are_explained(tmp_path):
    with pytest.raises(ConfigError, match="no such file"):
        config.load(tmp_path / "missing.toml")
    with pytest.raises(ConfigError, match="not valid TOML"):
        config.load(write(tmp_path, "[station\n"))


@pytest.mark.parametrize("value, words", [
    ("abc", "64 hex digits"),
    ("zz" * 32, "64 hex digits"),
    ("ab" * 31, "32 bytes"),
    ("ab" * 33, "32 bytes"),
])
def test_a_malformed_catalog_key_stops_start_up_naming_the_key(tmp_path, value, words):
    with pytest.raises(ConfigError) as caught:
        config.load(write(tmp_path, f'[central]\ncatalog_public_key = "{value}"\n'))
    message = caught.value.text("en")
    assert "central.catalog_public_key" in message and words in message


def test_a_well_formed_catalog_key_is_taken_as_the_sync_client_reads_it(tmp_path):
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    from sync.signing import load_public_key, public_key_hex

    key = Ed25519PrivateKey.generate()
    text = public_key_hex(key).upper()
    loaded = config.load(write(tmp_path, f'[central]\ncatalog_public_key = " {text} "\n'))
    public = load_public_key(loaded.central.catalog_public_key)
    assert public.public_bytes_raw() == key.public_key().public_bytes_raw()


PRODUCTION = {
    "station": {"id": "BJ0105", "production": True},
    "central": {"url": "https://centre.example", "token_file": "/etc/waystation/token"},
    "devices": {"card_reader": "ga467", "camera": "0"},
}


def test_a_production_station_with_real_settings_loads():
    assert config.from_mapping(PRODUCTION).station.production


@pytest.mark.parametrize("section, key, value", [
    ("station", "id", "DEMO01"),
    ("devices", "card_reader", "simulated"),
    ("devices", "camera", "simulated"),
    ("central", "url", ""),
    ("central", "token_file", None),
])
def test_production_refuses_demo_settings_naming_the_key(section, key, value):
    values = {name: dict(part) for name, part in PRODUCTION.items()}
    if value is None:
        del values[section][key]
    else:
        values[section][key] = value
    with pytest.raises(ConfigError) as caught:
        config.from_mapping(values)
    assert f"{section}.{key}" in caught.value.text("en") and "station.production" in caught.value.text("en")
    values["station"]["production"] = False
    config.from_mapping(values)  # the same settings are fine on a demo or test station


PATH_KEYS = {("storage", "data_dir"), ("storage", "key_file"), ("central", "token_file"), ("central", "ca_bundle"),
             ("devices", "wlt_decoder"), ("devices", "face_detector_model"), ("devices", "face_recognizer_model")}


def relative_config(paths: dict[tuple[str, str], str]) -> str:
    sections: dict[str, list[str]] = {}
    for (section, key), value in paths.items():
        sections.setdefault(section, []).append(f'{key} = "{value}"')
    return "".join(f"[{section}]\n" + "\n".join(lines) + "\n" for section, lines in sections.items())


def loaded_paths(loaded: config.Config) -> dict[tuple[str, str], object]:
    return {(section, key): getattr(getattr(loaded, section), key) for section, key in PATH_KEYS}


def test_relative_paths_are_taken_from_the_config_files_folder_not_the_current_one(tmp_path, monkeypatch):
    etc, elsewhere = tmp_path / "etc", tmp_path / "elsewhere"
    etc.mkdir()
    elsewhere.mkdir()
    names = {key: f"sub/{key[1]}.x" for key in PATH_KEYS}
    path = write(etc, relative_config(names))
    monkeypatch.chdir(elsewhere)
    loaded = config.load(path)
    assert loaded_paths(loaded) == {key: etc / value for key, value in names.items()}
    monkeypatch.chdir(tmp_path)  # a relative --config works the same
    assert loaded_paths(config.load("etc/station.toml")) == {key: etc / value for key, value in names.items()}
    assert config.load("etc/station.toml").storage.database == etc / "sub" / "data_dir.x" / "waystation.db"


_SEGMENT = st.text(alphabet="abcdefghijklmnopqrstuvwxyz0123456789_.-", min_size=1, max_size=8).filter(
    lambda s: s not in (".", ".."))


@settings(max_examples=60, deadline=None)
@given(st.dictionaries(st.sampled_from(sorted(PATH_KEYS)), st.lists(_SEGMENT, min_size=1, max_size=3), min_size=1))
def test_any_relative_path_resolves_under_the_config_folder(drawn):
    import os
    import tempfile
    from pathlib import Path

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "conf"
        folder.mkdir()
        path = write(folder, relative_config({key: "/".join(parts) for key, parts in drawn.items()}))
        old = os.getcwd()
        os.chdir(tmp)
        try:
            loaded = loaded_paths(config.load(path))
        finally:
            os.chdir(old)
        for key, parts in drawn.items():
            assert loaded[key] == folder.joinpath(*parts) and loaded[key].is_absolute()


def test_absolute_and_home_paths_are_kept(tmp_path):
    from pathlib import Path

    loaded = config.load(write(tmp_path, '[storage]\ndata_dir = "/var/lib/waystation"\nkey_file = "~/k"\n'))
    assert loaded.storage.data_dir == Path("/var/lib/waystation") and loaded.storage.key_file == Path.home() / "k"
