"""The station's one config file (TOML), its documented defaults and its checks.

Found through `--config PATH`, else the WAYSTATION_CONFIG environment variable,
else the embedded defaults (bundled catalog, simulated devices, local SQLite,
no central service).  A wrong key or value stops start-up with a message that
names the key and what is allowed.
"""

from __future__ import annotations

import os
import tomllib
from pathlib import Path
from typing import Literal

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from pydantic import BaseModel, ConfigDict, Field, ValidationError as PydanticError, ValidationInfo, field_validator

from kiosk.errors import ConfigError

ENV_VAR = "WAYSTATION_CONFIG"
DATA_DIR_ENV = "WAYSTATION_DATA_DIR"


def default_data_dir() -> Path:
    """Where a station keeps its database, key, cache and receipts by default."""
    if os.environ.get(DATA_DIR_ENV):
        return Path(os.environ[DATA_DIR_ENV])
    base = os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share"
    return Path(base) / "waystation"


class _Section(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


def _file_path(value: Path | None, info: ValidationInfo) -> Path | None:
    """`~` expanded; a relative path taken from the config file's folder (not the current directory,
    which differs between a shell, systemd and the desktop session)."""
    if value is None:
        return None
    value = value.expanduser()
    base = (info.context or {}).get("config_dir")
    if base is not None and not value.is_absolute():
        value = Path(os.path.normpath(Path(base) / value))
    return value


class StationConfig(_Section):
    id: str = Field("DEMO01", pattern=r"^[A-Z0-9]{2,8}$", description="station id: 2-8 capital letters or digits")
    name: str = "Waystation demo station"
    default_locale: Literal["zh_CN", "en"] = "zh_CN"
    elder_mode_default: bool = False
    production: bool = False


class StorageConfig(_Section):
    data_dir: Path = Field(default_factory=default_data_dir)
    key_file: Path | None = None  # default: <data_dir>/keys/store.key
    retention_days: int = Field(7, ge=0, le=365)
    min_free_mb: int = Field(200, ge=0)

    paths_from_config_folder = field_validator("data_dir", "key_file")(_file_path)

    @property
    def database(self) -> Path:
        return self.data_dir / "waystation.db"

    @property
    def key_path(self) -> Path:
        return self.key_file or self.data_dir / "keys" / "store.key"


class CentralConfig(_Section):
    url: str = ""  # empty: no central service (offline demo)
    token_file: Path | None = None
    ca_bundle: Path | None = None
    catalog_public_key: str = ""  # Ed25519 public key, hex

    paths_from_config_folder = field_validator("token_file", "ca_bundle")(_file_path)

    @field_validator("url")
    @classmethod
    def _https_only(cls, value: str) -> str:
        if value and not value.startswith(("https://",)):
            raise ValueError("must start with https:// (personal data leaves only over verified TLS)")
        return value

    @field_validator("catalog_public_key")
    @classmethod
    def _ed25519_hex(cls, value: str) -> str:
        """Checked here so a typo stops start-up naming the key, not deep in the sync worker."""
        text = value.strip()
        if not text:
            return ""
        try:
            raw = bytes.fromhex(text)
        except ValueError:
            raise ValueError("must be the Ed25519 public key as 64 hex digits") from None
        if len(raw) != 32:
            raise ValueError(f"must be 64 hex digits (32 bytes), not {len(text)} characters")
        try:
            Ed25519PublicKey.from_public_bytes(raw)
        except ValueError:
            raise ValueError("not a valid Ed25519 public key") from None
        return text.lower()


class IdleConfig(_Section):
    warning_after_s: int = Field(90, ge=15, le=3600)
    countdown_s: int = Field(30, ge=20, le=300)


class HelpersConfig(_Section):
    """Station helpers (guided mode, the helper console)."""

    idle_minutes: int = Field(5, ge=1, le=60)  # a signed-in helper is signed out after this long without a touch
    # What "Shut the machine down" runs (supervisor, helper console), as an argument list (no shell).
    shutdown_command: tuple[str, ...] = Field(("systemctl", "poweroff"), min_length=1)
    export_dir: Path | None = None  # where Today's CSV goes (a USB stick's mount point); default <data_dir>/exports

    paths_from_config_folder = field_validator("export_dir")(_file_path)


class DevicesConfig(_Section):
    card_reader: Literal["simulated", "ga467", "pcsc", "none"] = "simulated"
    card_reader_port: str = ""  # GA 467 serial port, e.g. /dev/ttyUSB0
    card_reader_baud: Literal[9600, 19200, 38400, 57600, 115200] = 115200  # GA 467 line speed
    pcsc_reader: str = ""  # PC/SC: part of the reader's name to use; empty: the first reader
    wlt_decoder: Path | None = None  # vendor photo decoder shared library
    camera: str = "simulated"  # "simulated", "none", a device index, a video file or a stream URL
    # "auto": dlib's matcher (packaged models), or SFace when both .onnx files below are set;
    # "helper": no automatic matching, a helper compares every face side by side.
    face_matcher: Literal["auto", "helper"] = "auto"
    face_detector_model: Path | None = None    # YuNet .onnx; with the recognizer: SFace matching
    face_recognizer_model: Path | None = None  # SFace .onnx
    printer: str = ""  # empty: no printer, receipts saved as PDF
    speech: Literal["espeak-ng", "pyttsx3", "none"] = "espeak-ng"  # the speech engine, or none
    audio_device: str = ""  # ALSA device for speech (e.g. "plughw:1,0"); empty: the system default
    private_headset: bool = False
    screen: int = Field(0, ge=0, le=8)  # which screen the kiosk window goes on (0: the primary)
    text_scale: float = Field(1.0, ge=1.0, le=2.0)  # make all text (and targets) larger
    screen_width_mm: float | None = Field(None, gt=50, lt=3000)
    screen_height_mm: float | None = Field(None, gt=50, lt=3000)

    paths_from_config_folder = field_validator("wlt_decoder", "face_detector_model",
                                               "face_recognizer_model")(_file_path)

    @field_validator("speech", mode="before")
    @classmethod
    def _espeak_was_the_old_name(cls, value: object) -> object:
        """"espeak" (before pyttsx3 became a choice) still means the espeak-ng command."""
        return "espeak-ng" if value == "espeak" else value


class Config(_Section):
    station: StationConfig = StationConfig()
    storage: StorageConfig = StorageConfig()
    central: CentralConfig = CentralConfig()
    idle: IdleConfig = IdleConfig()
    helpers: HelpersConfig = HelpersConfig()
    devices: DevicesConfig = DevicesConfig()
    source: str = "embedded defaults"


def _explain(error: PydanticError) -> ConfigError:
    first = error.errors()[0]
    key = ".".join(str(part) for part in first["loc"]) or "(top level)"
    if first["type"] == "extra_forbidden":
        problem = "unknown key"
    elif first["type"] == "literal_error":
        problem = "allowed: " + first["ctx"]["expected"]
    else:
        problem = first["msg"]
    return ConfigError("config.invalid", key=key, problem=problem)


DEMO_STATION_ID = "DEMO01"


def _refuse_unsafe(config: Config) -> None:
    """With `station.production = true`, refuse what only a demo or a test bench may use.

    A production station serves real residents: it needs its own id (application
    numbers carry it), real card reader and camera (the simulated ones accept anyone),
    and a centre to send to (with its token), so nothing stays on one kiosk for ever."""
    refusals = [
        (config.station.id == DEMO_STATION_ID, "station.id",
         f"{DEMO_STATION_ID} is the demo id; set this station's own id"),
        (config.devices.card_reader == "simulated", "devices.card_reader",
         "simulated is for demos; allowed in production: ga467, pcsc, none"),
        (config.devices.camera == "simulated", "devices.camera",
         "simulated is for demos; give a device, file or URL, or none"),
        (not config.central.url, "central.url", "a production station needs its centre's https:// address"),
        (config.central.token_file is None, "central.token_file", "a production station needs its token file"),
    ]
    for refused, key, problem in refusals:
        if refused:
            raise ConfigError("config.invalid", key=key, problem=f"{problem} (station.production = true)")


def from_mapping(values: dict, source: str = "embedded defaults", config_dir: Path | None = None) -> Config:
    """Build a Config from parsed TOML, raising ConfigError naming the bad key.

    Relative paths are taken from `config_dir` (the config file's folder) when given."""
    try:
        config = Config.model_validate({**values, "source": source}, context={"config_dir": config_dir})
    except PydanticError as error:
        raise _explain(error) from None
    if config.station.production:
        _refuse_unsafe(config)
    return config


def load(path: str | os.PathLike | None = None) -> Config:
    """Load the config from `path`, $WAYSTATION_CONFIG, or the embedded defaults."""
    path = path or os.environ.get(ENV_VAR)
    if not path:
        return from_mapping({})
    path = Path(path)
    try:
        values = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ConfigError("config.unreadable", path=str(path), problem="no such file") from None
    except (OSError, UnicodeDecodeError) as error:
        raise ConfigError("config.unreadable", path=str(path), problem=str(error)) from None
    except tomllib.TOMLDecodeError as error:
        raise ConfigError("config.unreadable", path=str(path), problem=f"not valid TOML: {error}") from None
    if "source" in values:
        raise ConfigError("config.invalid", key="source", problem="unknown key")
    return from_mapping(values, source=str(path), config_dir=path.absolute().parent)


EXAMPLE = """\
# Waystation station config. Every key is optional; shown values are the defaults.
[station]
id = "DEMO01"              # 2-8 capital letters or digits; prefixes application numbers
name = "Waystation demo station"
default_locale = "zh_CN"   # zh_CN or en
elder_mode_default = false
production = false         # true: refuses demo settings (id DEMO01, simulated reader or camera, no centre)

[storage]
# Relative paths (here and below) are taken from this file's folder.
data_dir = "~/.local/share/waystation"   # database, key, cache, receipts
# key_file = "/var/lib/waystation/keys/store.key" # default: <data_dir>/keys/store.key (created 0600);
                           # its folder must be writable: the number sequence file lives beside it
retention_days = 7         # keep personal data this long after the centre accepted it
min_free_mb = 200

[central]
url = ""                   # https://... ; empty = no central service
# token_file = "/etc/waystation/token"     # owner-only (chmod 600), or refused
# ca_bundle = "/etc/waystation/ca.pem"     # owner-only (chmod 600), or refused
catalog_public_key = ""    # Ed25519 public key (hex) that signs catalog updates

[idle]
warning_after_s = 90       # no touch for this long: warning
countdown_s = 30           # countdown before the session is wiped (>= 20)

[helpers]
idle_minutes = 5           # a signed-in helper is signed out (and the screen wiped) after this long without a touch
shutdown_command = ["systemctl", "poweroff"]   # what a supervisor's "Shut the machine down" runs (no shell)
# export_dir = "/media/usb"  # where Today's CSV is written; default <data_dir>/exports

[devices]
card_reader = "simulated"  # simulated, ga467, pcsc, none
card_reader_port = ""      # ga467: /dev/ttyUSB0
card_reader_baud = 115200  # ga467: 9600, 19200, 38400, 57600 or 115200
pcsc_reader = ""           # pcsc: part of the reader's name; empty: the first reader
# wlt_decoder = "/opt/vendor/libwlt2bmp.so"
camera = "simulated"       # simulated, none, 0 (device index), a video file or stream URL
face_matcher = "auto"      # auto: dlib's packaged models match faces; helper: a helper compares every face
# face_detector_model = "/opt/models/face_detection_yunet.onnx"     # both set: OpenCV SFace instead
# face_recognizer_model = "/opt/models/face_recognition_sface.onnx"
printer = ""               # empty: receipts saved as PDF
speech = "espeak-ng"       # espeak-ng (the command), pyttsx3 (system voices, in a helper process) or none
audio_device = ""          # ALSA device for voice guidance; empty: system default
private_headset = false    # true: sensitive digits may be read aloud
screen = 0                 # which screen the kiosk window goes on (0: the primary)
text_scale = 1.0           # 1.0 to 2.0: all text and touch targets larger
# screen_width_mm = 476    # override the panel's reported physical size
# screen_height_mm = 268
"""
