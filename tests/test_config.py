import tomllib

import pytest

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
