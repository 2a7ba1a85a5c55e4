"""`waystation central enroll-code`: the centre's admin makes a one-time enrollment code for a station.

  waystation central enroll-code --config central.json --station-id S002 --name "Riverside" [--expires 24h]

The code is printed once and kept only as a hash (see `enrollments.py`), with its
expiry; IT types it on the station with `waystation enroll`.  The centre may be
running meanwhile: both use the same SQLite file.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Sequence
from pathlib import Path

from sync.central.enrollments import EnrollmentBook
from sync.enrollment_code import new_code
from sync.protocol import STATION_ID_PATTERN, STATION_NAME_PATTERN

COMMAND = "enroll-code"
UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400}
MIN_VALIDITY = 60.0
MAX_VALIDITY = 30 * 86400.0
_PART = re.compile(r"([0-9]{1,7})([smhd])")


def parse_duration(text: str) -> float:
    """Seconds in a duration such as `24h`, `90m`, `1d12h` or `3600` (seconds); ValueError otherwise.

    A code lives at least a minute and at most 30 days."""
    if not isinstance(text, str):
        raise ValueError("a duration is text such as 24h, 90m or 7d")
    cleaned = text.strip().lower()
    if cleaned.isascii() and cleaned.isdigit() and len(cleaned) <= 9:
        seconds = float(int(cleaned))
    else:
        parts = _PART.findall(cleaned)
        if not parts or "".join(number + unit for number, unit in parts) != cleaned:
            raise ValueError(f"{text!r} is not a duration: write e.g. 24h, 90m, 7d or 1d12h")
        seconds = float(sum(int(number) * UNITS[unit] for number, unit in parts))
    if not MIN_VALIDITY <= seconds <= MAX_VALIDITY:
        raise ValueError(f"{text!r}: a code must be valid for 1 minute to 30 days")
    return seconds


def _station_id(text: str) -> str:
    value = text.strip().upper()
    if not re.fullmatch(STATION_ID_PATTERN, value):
        raise argparse.ArgumentTypeError("a station id is 2-8 capital letters or digits (it prefixes the "
                                         "station's application numbers)")
    return value


def _station_name(text: str) -> str:
    value = text.strip()
    if not re.fullmatch(STATION_NAME_PATTERN, value):
        raise argparse.ArgumentTypeError("a station name is 1-80 characters, without control characters")
    return value


def _duration(text: str) -> float:
    try:
        return parse_duration(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=f"waystation central {COMMAND}",
        description="Make a one-time enrollment code for a station and print it (once). The code is kept "
                    "only as a hash, with its expiry; it works once. On the station: waystation enroll "
                    "--central URL --code CODE.")
    parser.add_argument("--config", type=Path, required=True, help="the centre's central.json")
    parser.add_argument("--station-id", type=_station_id, required=True,
                        help="the station's id: 2-8 capital letters or digits")
    parser.add_argument("--name", type=_station_name, required=True, help="the station's name (for people)")
    parser.add_argument("--expires", type=_duration, default=parse_duration("24h"), metavar="DURATION",
                        help="how long the code may be used: e.g. 30m, 24h (the default), 7d; 1 minute to 30 days")
    parser.add_argument("--url", metavar="URL", help="the centre's address as stations reach it (only to print "
                                                     "the station's command line ready to run)")
    return parser


def main(argv: Sequence[str]) -> int:
    args = build_parser().parse_args(list(argv))
    from sync.central.command import load_config  # the centre's one reading of central.json

    try:
        config = load_config(args.config)
        book = EnrollmentBook(config["db_path"])
    except (ValueError, TypeError, OSError) as exc:
        print(f"waystation central {COMMAND}: {exc}", file=sys.stderr)
        return 2
    try:
        issued = book.create_code(args.station_id, args.name, args.expires, new_code())
    finally:
        book.close()
    url = args.url or "https://<this centre>"
    print(f"Enrollment code for station {issued.station_id} ({issued.station_name}), single use, "
          f"valid until {issued.expires_at}:\n\n    {issued.code}\n\n"
          "It is shown only this once (the centre keeps a hash). On the station, as the user who may write "
          f"its config:\n    waystation enroll --central {url} --code {issued.code}", flush=True)
    return 0
