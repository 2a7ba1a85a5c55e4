"""`waystation helpers ...`: IT manages the station's helpers (kiosk/roster.py) from a shell.

    waystation helpers add NUMBER --name NAME [--role helper|supervisor]
    waystation helpers list
    waystation helpers disable NUMBER | enable NUMBER
    waystation helpers reset-pin NUMBER
    waystation helpers card NUMBER (--uid HEX | --from-reader | --remove)

A PIN is typed twice at a hidden prompt (getpass, on the terminal), never given as an argument (it
would stay in the shell's history and in `ps`).  Each change is audited (actor "it") with the
helper's number.  Exit status: 0 done, 1 refused (the message says why), 2 a config or store error.
kiosk/cli.py registers the command and hands in how to read a card's UID from the PC/SC reader.
"""

from __future__ import annotations

import argparse
import datetime as _dt
import getpass
import sys
from typing import Callable, TextIO

from kiosk import pin_rules, roster
from kiosk.errors import KioskError, ValidationError

HELP = "manage the station's helpers: add, list, disable, enable, reset-pin, card (PINs typed at a hidden prompt)"
EPILOG = ("PINs: 6 to 12 digits, typed twice at a hidden prompt, never on the command line; not one digit "
          "repeated, not a run like 123456, not a short block repeated, not the helper number. Five wrong PINs at "
          "the kiosk lock a number for 5 minutes; reset-pin ends a lock.")
SUBCOMMANDS = {
    "add": "put a helper on the roster (asks for the PIN twice)",
    "list": "list helpers: number, role, enabled, staff cards, locked until (never PINs)",
    "disable": "stop a helper from signing in (PIN and cards), keeping their record",
    "enable": "let a disabled helper sign in again",
    "reset-pin": "give a helper a new PIN (asks twice); ends a lockout",
    "card": "register a staff card (--uid HEX, or --from-reader: lay it on the PC/SC reader) or --remove them",
}

ReadUid = Callable[[], str]


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The subcommands under `waystation helpers` (each with its own --help)."""
    parser.epilog = EPILOG
    sub = parser.add_subparsers(dest="helpers_command", required=True, metavar="ACTION")
    for name, text in SUBCOMMANDS.items():
        command = sub.add_parser(name, help=text, description=text, epilog=EPILOG if name in ("add", "reset-pin")
                                 else None)
        # --config after the action too (`helpers add 0007 --config station.toml`); SUPPRESS keeps one
        # given before the action from being overwritten by this one's default.
        command.add_argument("--config", metavar="PATH", default=argparse.SUPPRESS,
                             help="station config file (TOML); default $WAYSTATION_CONFIG")
        if name != "list":
            command.add_argument("number", help="the helper number (3 to 8 digits)")
        if name == "add":
            command.add_argument("--name", required=True, help="the helper's name as the kiosk shows it")
            command.add_argument("--role", default="helper", choices=["helper", "supervisor"],
                                 help="supervisors may also leave, restart or shut down the kiosk (default helper)")
        if name == "card":
            how = command.add_mutually_exclusive_group(required=True)
            how.add_argument("--uid", help="the card's UID (or certificate fingerprint) in hex, e.g. 04A1B2C3D4E5F6")
            how.add_argument("--from-reader", action="store_true",
                             help="read the UID of the card laid on the station's PC/SC reader")
            how.add_argument("--remove", action="store_true", help="forget every staff card of this helper")


def ask_pin(number: str, prompt: Callable[[str], str] = getpass.getpass, out: TextIO = sys.stderr) -> str:
    """The new PIN, typed twice at a hidden prompt; asks again (3 tries) while it breaks a rule or differs."""
    for _ in range(3):
        pin = prompt("New PIN (6-12 digits, hidden): ")
        try:
            pin_rules.check(pin, number)
        except ValidationError as error:
            print(error.text("en"), file=out)
            continue
        if prompt("The same PIN again: ") != pin:
            print(ValidationError("pin.mismatch").text("en"), file=out)
            continue
        return pin
    raise ValidationError("pin.mismatch", detail="no acceptable PIN after 3 tries")


def run(args: argparse.Namespace, store, read_uid: ReadUid | None = None,
        prompt: Callable[[str], str] = getpass.getpass, out: TextIO = sys.stdout) -> int:
    """Carry out one `waystation helpers` action on an open store; 0 done, 1 refused."""
    action = args.helpers_command
    try:
        if action == "list":
            print_list(store, out)
            return 0
        number = pin_rules.check_number(args.number)
        if action == "add":
            name, role = roster.check_name(args.name), roster.check_role(args.role)
            if roster.find(store, number) is not None:  # before asking for a PIN it could not use
                raise roster.RosterError("roster.exists", number=number)
            helper = roster.add(store, number, name, role, ask_pin(number, prompt))
            print(f"helper {helper.number} added ({helper.role.value})", file=out)
        elif action in ("disable", "enable"):
            roster.set_enabled(store, number, action == "enable")
            print(f"helper {number} {action}d", file=out)
        elif action == "reset-pin":
            if roster.find(store, number) is None:
                raise roster.RosterError("roster.unknown", number=number)
            roster.reset_pin(store, number, ask_pin(number, prompt))
            print(f"helper {number}: new PIN set", file=out)
        elif action == "card":
            if args.remove:
                print(f"helper {number}: {roster.remove_cards(store, number)} staff card(s) removed", file=out)
                return 0
            uid = args.uid if args.uid else (read_uid or _no_reader)()
            roster.register_card(store, number, uid)
            print(f"helper {number}: staff card registered", file=out)
    except KioskError as error:
        print(f"waystation helpers: {error.text('en')}", file=sys.stderr)
        return 1
    return 0


def _no_reader() -> str:
    raise KioskError("kiosk.error", detail="no card reader")


def print_list(store, out: TextIO) -> None:
    entries = roster.entries(store)
    if not entries:
        print("no helpers yet: waystation helpers add NUMBER --name NAME", file=out)
        return
    print(f"{'number':<9} {'role':<11} {'enabled':<8} {'cards':<6} {'locked until':<13} name", file=out)
    now = _dt.datetime.now().timestamp()
    for entry in entries:
        locked = (_dt.datetime.fromtimestamp(entry.locked_until).strftime("%H:%M")
                  if entry.locked_until > now else "-")
        print(f"{entry.number:<9} {entry.role.value:<11} {'yes' if entry.enabled else 'no':<8} {entry.cards:<6} "
              f"{locked:<13} {entry.name}", file=out)
