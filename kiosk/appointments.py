"""Appointment codes: a booking made beforehand (online or by phone), shown to the kiosk's camera.

The code names the service, the day booked and a booking reference, nothing
of the person: `WAYSTATION-APPT:<service id>:<YYYYMMDD>:<reference>`.  On the
home screen it opens that service's guide, and the reference travels with the
application so the centre can tie the two together.  A code for another day
or for a service this station does not offer is refused in words.
"""

from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass

from kiosk.errors import ValidationError

PREFIX = "WAYSTATION-APPT:"
_CODE = re.compile(r"(?P<service>[a-z][a-z0-9_]{1,40}):(?P<day>\d{8}):(?P<ref>[A-Z0-9]{6,16})")


@dataclass(frozen=True)
class Appointment:
    service_id: str
    day: _dt.date
    reference: str

    @property
    def qr_text(self) -> str:
        return f"{PREFIX}{self.service_id}:{self.day:%Y%m%d}:{self.reference}"


def parse(text: str) -> Appointment | None:
    """The appointment in a scanned code, or None if the code is not an appointment of ours."""
    text = (text or "").strip()
    if not text.startswith(PREFIX):
        return None
    match = _CODE.fullmatch(text[len(PREFIX):])
    if match is None:
        return None
    try:
        day = _dt.datetime.strptime(match["day"], "%Y%m%d").date()
    except ValueError:
        return None
    return Appointment(match["service"], day, match["ref"])


def check(appointment: Appointment, service_ids: set[str] | frozenset[str], today: _dt.date) -> None:
    """Refuse, in words, an appointment this kiosk cannot take today."""
    if appointment.service_id not in service_ids:
        raise ValidationError("appointment.unknown_service", field="appointment")
    if appointment.day != today:
        raise ValidationError("appointment.other_day", field="appointment", day=appointment.day.isoformat())
