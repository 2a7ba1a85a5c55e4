"""Changing keys of the station config file in place, keeping everything else of it.

IT writes comments in `/etc/waystation/station.toml` and the package ships it
commented; a tool that fills in a few keys (`waystation enroll`) must leave the
rest as it was.  tomlkit reads TOML as a document (comments, order, spacing
kept) and writes back only what changed.  The result is checked as the kiosk
will read it (`config.from_mapping`) before it is written, so a changed file is
always one the kiosk starts with.
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import tomlkit
from tomlkit.exceptions import TOMLKitError

from kiosk import config as config_mod
from kiosk.errors import ConfigError


@dataclass(frozen=True)
class Enrollment:
    """What enrolling puts in the config: who the station is and how it reaches its centre."""

    station_id: str
    station_name: str
    url: str
    token_file: Path
    ca_bundle: Path | None  # None: the system's trusted CAs verify the centre
    catalog_public_key: str

    def changes(self) -> dict[str, dict[str, str | None]]:
        """{section: {key: value}}; None removes the key."""
        return {
            "station": {"id": self.station_id, "name": self.station_name},
            "central": {"url": self.url, "token_file": str(self.token_file),
                        "ca_bundle": str(self.ca_bundle) if self.ca_bundle is not None else None,
                        "catalog_public_key": self.catalog_public_key},
        }


def with_changes(text: str, changes: Mapping[str, Mapping[str, str | None]], source: str = "config") -> str:
    """`text` (a TOML document) with `changes` made, every comment and other key kept as it was.

    A missing section is added at the end.  ConfigError if `text` is not TOML."""
    try:
        document = tomlkit.parse(text)
    except TOMLKitError as error:
        raise ConfigError("config.unreadable", path=source, problem=f"not valid TOML: {error}") from None
    for section, values in changes.items():
        table = document.get(section)
        if table is None:
            table = tomlkit.table()
            document.add(section, table)
        elif not isinstance(table, Mapping):
            raise ConfigError("config.invalid", key=section, problem="must be a table")
        for key, value in values.items():
            if value is None:
                table.pop(key, None)
            else:
                table[key] = value
    return tomlkit.dumps(document)


def checked(text: str, path: Path) -> config_mod.Config:
    """The Config `text` gives when read from `path`, as `config.load` would read it; ConfigError if none."""
    try:
        values = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise ConfigError("config.unreadable", path=str(path), problem=f"not valid TOML: {error}") from None
    if "source" in values:
        raise ConfigError("config.invalid", key="source", problem="unknown key")
    return config_mod.from_mapping(values, source=str(path), config_dir=Path(path).absolute().parent)


def enrolled_text(text: str, path: Path, enrollment: Enrollment) -> str:
    """The config file's new text with `enrollment` filled in, checked as the kiosk will read it."""
    new = with_changes(text, enrollment.changes(), str(path))
    checked(new, path)
    return new
