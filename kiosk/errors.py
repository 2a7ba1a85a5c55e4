"""The one error tree of Waystation.

Every error carries a `code` (stable, for tests, logs and translations), the
`params` that fill its message, and a message a resident or helper can read and
hear in the screen's language.  Messages never contain personal data in clear:
callers pass masked values.
"""

from __future__ import annotations

from typing import Any

from kiosk.messages import message_text


class KioskError(Exception):
    """Root of every error Waystation raises on purpose."""

    default_code = "kiosk.error"

    def __init__(self, code: str | None = None, detail: str = "", **params: Any) -> None:
        self.code = code or self.default_code
        self.params = params
        self.detail = detail  # technical detail for helpers/IT, never personal data
        super().__init__(self.text("en") + (f" ({detail})" if detail else ""))

    def text(self, locale: str = "zh_CN") -> str:
        """The message for people, in `locale` (falls back to English)."""
        return message_text(self.code, locale, **self.params)


class ConfigError(KioskError):
    default_code = "config.invalid"


class StoreError(KioskError):
    default_code = "store.failed"


class DiskFullError(StoreError):
    default_code = "store.disk_full"


class CryptoError(StoreError):
    default_code = "store.crypto"


class CatalogError(KioskError):
    default_code = "catalog.invalid"


class ValidationError(KioskError):
    """A resident's answer that cannot be accepted; `field` names the field."""

    default_code = "field.invalid"

    def __init__(self, code: str | None = None, field: str = "", detail: str = "", **params: Any):
        self.field = field
        super().__init__(code, detail, **params)


class SessionError(KioskError):
    """An action that is not allowed in the session's current state."""

    default_code = "session.bad_state"


class AuditError(KioskError):
    default_code = "audit.broken"


class DeviceError(KioskError):
    default_code = "device.failed"


class CardReaderError(DeviceError):
    default_code = "card.read_failed"


class CameraError(DeviceError):
    default_code = "camera.failed"


class SpeechError(DeviceError):
    default_code = "speech.failed"


class PrinterError(DeviceError):
    default_code = "printer.failed"


class SyncError(KioskError):
    default_code = "sync.failed"
