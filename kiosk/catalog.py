"""The service catalog: which services the station offers, as validated data.

The catalog is JSON checked against a schema at load.  Every text a person
sees comes in every supported locale.  A bad catalog is refused with a clear
message and the last good one stays in use: updates are validated before they
replace the current file, and a damaged current file falls back to the
previous one, then to the catalog bundled with the program.
"""

from __future__ import annotations

import json
import logging
import os
from importlib import resources
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field as PydanticField, ValidationError as PydanticError, field_validator, model_validator

from kiosk.errors import CatalogError

log = logging.getLogger(__name__)

PREFILL_SOURCES = ("card.name", "card.sex", "card.ethnicity", "card.birth_date", "card.address",
                   "card.id_number", "card.authority")


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Text(_Model):
    """A text in every supported locale."""

    zh_CN: str = PydanticField(min_length=1)
    en: str = PydanticField(min_length=1)

    def get(self, locale: str) -> str:
        return getattr(self, locale, None) or self.en


class Option(_Model):
    value: str = PydanticField(pattern=r"^[a-z0-9_]+$")
    label: Text


class Field(_Model):
    id: str = PydanticField(pattern=r"^[a-z][a-z0-9_]*$")
    type: Literal["id_number", "mobile", "date", "choice", "text", "photo"]
    label: Text
    help: Text
    required: bool = True
    prefill: str | None = None
    sensitive: bool = False  # never read aloud digit by digit
    options: tuple[Option, ...] = ()
    min_length: int = PydanticField(1, ge=0)
    max_length: int = PydanticField(50, ge=1, le=500)
    charset: Literal["name", "address", "digits", "any"] = "any"
    max_years_ago: int = PydanticField(0, ge=0, le=150)  # date: earliest allowed = today - N years (0: 1880)
    future_days: int = PydanticField(0, ge=0, le=3650)   # date: latest allowed = today + N days

    @field_validator("prefill")
    @classmethod
    def _known_source(cls, value: str | None) -> str | None:
        if value is not None and value not in PREFILL_SOURCES:
            raise ValueError(f"unknown pre-fill source; allowed: {', '.join(PREFILL_SOURCES)}")
        return value

    @model_validator(mode="after")
    def _consistent(self) -> "Field":
        if self.type == "choice" and len(self.options) < 2:
            raise ValueError("a choice needs at least two options")
        if self.type != "choice" and self.options:
            raise ValueError("only a choice has options")
        if self.min_length > self.max_length:
            raise ValueError("min_length is larger than max_length")
        return self

    @property
    def is_photo(self) -> bool:
        return self.type == "photo"


class Document(_Model):
    id: str = PydanticField(pattern=r"^[a-z][a-z0-9_]*$")
    title: Text


class Part(_Model):
    """A sub-service of a bundle ('one thing'): which of the form's fields it receives."""

    id: str = PydanticField(pattern=r"^[a-z][a-z0-9_]*$")
    title: Text
    fields: tuple[str, ...]


class Service(_Model):
    id: str = PydanticField(pattern=r"^[a-z][a-z0-9_]*$")
    title: Text
    summary: Text
    guide: Text
    documents: tuple[Document, ...]
    steps: tuple[Text, ...]
    duration: Text
    identity_level: Literal["basic", "card", "card_face"]
    fields: tuple[Field, ...] = PydanticField(min_length=1)
    # A Font Awesome Free (solid) icon name for the service's tile (ui/icons.py); a catalog from before
    # icons names none, and the tile shows a neutral one.
    icon: str = PydanticField("", pattern=r"^[a-z0-9-]{0,40}$")
    parts: tuple[Part, ...] = ()
    # An agent may apply for someone who cannot come (代办), with a signed authorisation letter: see
    # kiosk/proxy.py.  Off unless the catalog says so: a service the principal must attend in person
    # (a face check against their own card, money paid out) keeps it off.
    proxy_allowed: bool = False

    @model_validator(mode="after")
    def _unique_and_linked(self) -> "Service":
        ids = [field.id for field in self.fields]
        if len(ids) != len(set(ids)):
            raise ValueError("field ids repeat")
        for part in self.parts:
            missing = set(part.fields) - set(ids)
            if missing:
                raise ValueError(f"part {part.id} names unknown fields: {', '.join(sorted(missing))}")
        return self

    def field(self, field_id: str) -> Field:
        for field in self.fields:
            if field.id == field_id:
                return field
        raise KeyError(field_id)

    @property
    def form_fields(self) -> tuple[Field, ...]:
        return tuple(field for field in self.fields if not field.is_photo)

    @property
    def photo_fields(self) -> tuple[Field, ...]:
        return tuple(field for field in self.fields if field.is_photo)


class Catalog(_Model):
    version: str = PydanticField(pattern=r"^\d{4}\.\d{2}\.\d{2}(\.\d+)?$")
    services: tuple[Service, ...] = PydanticField(min_length=1)
    # The reasons a resident may tick after rating a visit 不满意 or 非常不满意 (好差评); a catalog from
    # before ratings lists none, and the rating screen then offers only the helper call.
    rating_reasons: tuple[Option, ...] = PydanticField((), max_length=8)

    @field_validator("services")
    @classmethod
    def _unique(cls, services: tuple[Service, ...]) -> tuple[Service, ...]:
        ids = [service.id for service in services]
        if len(ids) != len(set(ids)):
            raise ValueError("service ids repeat")
        return services

    def service(self, service_id: str) -> Service:
        for service in self.services:
            if service.id == service_id:
                return service
        raise CatalogError("catalog.unknown_service", service=service_id)


def _describe(error: PydanticError) -> str:
    first = error.errors()[0]
    where = ".".join(str(part) for part in first["loc"])
    return f"{where}: {first['msg']}" if where else first["msg"]


# A real catalog is tens of kilobytes; anything this large is not one, and is refused before parsing.
MAX_CATALOG_BYTES = 8 * 1024 * 1024


def parse(raw: bytes | str) -> Catalog:
    """Parse and validate catalog JSON; CatalogError says where it is wrong.

    Hostile input (nesting deep enough to exhaust the parser's recursion, a file too
    large to hold) is refused like any other bad catalog, so the last good one stays."""
    if len(raw) > MAX_CATALOG_BYTES:
        raise CatalogError(problem=f"too large ({len(raw)} bytes; at most {MAX_CATALOG_BYTES})")
    try:
        data = json.loads(raw)
    except (ValueError, UnicodeDecodeError) as error:
        raise CatalogError(problem=f"not valid JSON ({error})") from None
    except RecursionError:
        raise CatalogError(problem="not a catalog: nested too deeply") from None
    except MemoryError:
        raise CatalogError(problem="not a catalog: too large to read") from None
    if not isinstance(data, dict):
        raise CatalogError(problem="the top level must be an object")
    try:
        return Catalog(**data)
    except PydanticError as error:
        raise CatalogError(problem=_describe(error)) from None
    except TypeError as error:
        raise CatalogError(problem=str(error)) from None
    except RecursionError:
        raise CatalogError(problem="not a catalog: nested too deeply") from None


def bundled_bytes() -> bytes:
    return resources.files("kiosk").joinpath("data/catalog.json").read_bytes()


def bundled() -> Catalog:
    return parse(bundled_bytes())


class CatalogRepository:
    """The catalog files of one station: current, previous, and the bundled fallback."""

    def __init__(self, data_dir: Path) -> None:
        self.dir = Path(data_dir) / "catalog"
        self.current_path = self.dir / "current.json"
        self.previous_path = self.dir / "previous.json"
        self.last_problem = ""  # why the newest file was not used, for doctor and helpers

    def load(self) -> Catalog:
        """The newest catalog that validates: current, else previous, else bundled."""
        self.last_problem = ""
        for path in (self.current_path, self.previous_path):
            if not path.exists():
                continue
            try:
                return parse(path.read_bytes())
            except (CatalogError, OSError) as error:
                self.last_problem = f"{path.name}: {error}"
                log.warning("catalog file refused, falling back: %s", self.last_problem)
        return bundled()

    def install(self, raw: bytes) -> Catalog:
        """Validate `raw`; only then make it current (atomically), keeping the old one as previous."""
        catalog = parse(raw)
        self.dir.mkdir(parents=True, exist_ok=True)
        tmp = self.dir / "incoming.json.tmp"
        with open(tmp, "wb") as handle:
            handle.write(raw)
            handle.flush()
            os.fsync(handle.fileno())
        if self.current_path.exists():
            os.replace(self.current_path, self.previous_path)
        os.replace(tmp, self.current_path)
        dir_fd = os.open(self.dir, os.O_RDONLY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)
        return catalog
