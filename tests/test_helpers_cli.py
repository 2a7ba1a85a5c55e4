"""`waystation helpers`, as IT uses it: the real command in a pseudo-terminal, PINs typed at its prompts.

The command runs as its own process with a pty as its controlling terminal, so getpass turns echo
off as on a real console: the test checks that a typed PIN never appears on the terminal, and that
it is stored only as a hash the kiosk's sign-in accepts.
"""

from __future__ import annotations

import os
import pty
import select
import subprocess
import sys
import time
from pathlib import Path

import pytest

from kiosk import config as config_mod, roster, sign_in
from kiosk.store import open_store

ROOT = Path(__file__).resolve().parents[1]
WAYSTATION = [sys.executable, "-c", "import sys; from kiosk.cli import main; sys.exit(main())"]


class Terminal:
    """A command on a pseudo-terminal: read what it shows, type answers at its prompts."""

    def __init__(self, argv: list[str], env: dict[str, str]) -> None:
        self.pid, self.fd = pty.fork()
        if self.pid == 0:  # the child: the pty is its controlling terminal
            os.chdir(ROOT)
            os.execve(argv[0], argv, env)
        self.shown = ""
        self.seen_up_to = 0  # what read_until has already matched: each prompt is waited for anew

    def read_until(self, text: str, timeout: float = 30.0) -> str:
        deadline = time.monotonic() + timeout
        while text not in self.shown[self.seen_up_to:]:
            left = deadline - time.monotonic()
            if left <= 0:
                raise AssertionError(f"{text!r} not shown within {timeout} s; shown: {self.shown!r}")
            ready, _, _ = select.select([self.fd], [], [], left)
            if ready:
                try:
                    chunk = os.read(self.fd, 4096)
                except OSError:  # the command ended
                    chunk = b""
                if not chunk:
                    raise AssertionError(f"ended before showing {text!r}; shown: {self.shown!r}")
                self.shown += chunk.decode("utf-8", "replace")
        self.seen_up_to = self.shown.index(text, self.seen_up_to) + len(text)
        return self.shown

    def type(self, line: str) -> None:
        os.write(self.fd, line.encode() + b"\r")

    def finish(self, timeout: float = 30.0) -> int:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            ready, _, _ = select.select([self.fd], [], [], 0.1)
            if ready:
                try:
                    chunk = os.read(self.fd, 4096)
                except OSError:
                    chunk = b""
                self.shown += chunk.decode("utf-8", "replace")
            done, status = os.waitpid(self.pid, os.WNOHANG)
            if done:
                os.close(self.fd)
                return os.waitstatus_to_exitcode(status)
        os.kill(self.pid, 9)
        raise AssertionError(f"did not end within {timeout} s; shown: {self.shown!r}")


@pytest.fixture
def station(tmp_path: Path) -> dict:
    path = tmp_path / "station.toml"
    path.write_text(f'[storage]\ndata_dir = "{tmp_path / "data"}"\n', encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(ROOT), "WAYSTATION_CONFIG": str(path)}
    return {"config": path, "env": env}


def helpers(station, *args: str) -> Terminal:
    return Terminal(WAYSTATION + ["helpers", *args], station["env"])


def run(station, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(WAYSTATION + ["helpers", *args], env=station["env"], capture_output=True, text=True,
                          timeout=60, cwd=ROOT, stdin=subprocess.DEVNULL)


def open_station_store(station):
    return open_store(config_mod.load(station["config"]))


def test_add_asks_for_the_pin_twice_hidden_and_refuses_a_guessable_one(station):
    term = helpers(station, "add", "0007", "--name", "王芳")
    term.read_until("New PIN")
    term.type("123456")
    term.read_until("too easy to guess")
    term.read_until("New PIN")
    term.type("384712")
    term.read_until("The same PIN again")
    term.type("384719")
    term.read_until("not the same")
    term.read_until("New PIN")
    term.type("384712")
    term.read_until("The same PIN again")
    term.type("384712")
    assert term.finish() == 0
    assert "helper 0007 added (helper)" in term.shown
    assert "384712" not in term.shown and "384719" not in term.shown  # echo was off
    assert "123456" not in term.shown.replace("a run like 123456", "")
    store = open_station_store(station)
    try:
        assert sign_in.sign_in(store, "0007", "384712").name == "王芳"
        assert store.conn.execute("SELECT count(*) FROM audit_log WHERE actor = 'it' AND action = 'helper.added'"
                                  " AND subject = '0007'").fetchone()[0] == 1
    finally:
        store.close()


def test_list_disable_enable_reset_pin_and_cards(station):
    term = helpers(station, "add", "0001", "--name", "李主管", "--role", "supervisor")
    term.read_until("New PIN")
    term.type("770315")
    term.read_until("same PIN again")
    term.type("770315")
    assert term.finish() == 0
    assert run(station, "card", "0001", "--uid", "04:A1:B2:C3:D4:E5:F6").returncode == 0
    assert run(station, "disable", "0001").returncode == 0
    listing = run(station, "list").stdout
    assert "0001" in listing and "supervisor" in listing and " no " in listing and "李主管" in listing
    assert "770315" not in listing and "scrypt" not in listing and "04A1B2" not in listing
    store = open_station_store(station)
    try:
        with pytest.raises(sign_in.SignInError):
            sign_in.sign_in(store, "0001", "770315")
        assert roster.number_for_card(store, "04A1B2C3D4E5F6") == "0001"
    finally:
        store.close()
    assert run(station, "enable", "0001").returncode == 0
    term = helpers(station, "reset-pin", "0001")
    term.read_until("New PIN")
    term.type("615290")
    term.read_until("same PIN again")
    term.type("615290")
    assert term.finish() == 0
    assert run(station, "card", "0001", "--remove").stdout.strip() == "helper 0001: 1 staff card(s) removed"
    store = open_station_store(station)
    try:
        assert sign_in.sign_in(store, "0001", "615290").is_supervisor
        assert roster.number_for_card(store, "04A1B2C3D4E5F6") is None
    finally:
        store.close()


def test_refusals_say_why_and_exit_1(station):
    for args, words in ((("disable", "0404"), "There is no helper with number 0404"),
                        (("reset-pin", "0404"), "There is no helper with number 0404"),
                        (("add", "07", "--name", "x"), "3 to 8 digits"),
                        (("card", "0404", "--uid", "zz"), "8 to 64 hexadecimal digits"),
                        (("card", "0404", "--uid", "04A1B2C3"), "There is no helper")):
        result = run(station, *args)
        assert result.returncode == 1 and words in result.stderr, (args, result.stderr)


def test_a_pin_is_never_an_argument(station):
    result = run(station, "add", "0007", "--name", "王芳", "--pin", "384712")
    assert result.returncode == 2 and "unrecognized arguments" in result.stderr


def test_helpers_help_documents_each_action():
    shown = subprocess.run(WAYSTATION + ["helpers", "--help"], capture_output=True, text=True, cwd=ROOT,
                           env={**os.environ, "PYTHONPATH": str(ROOT)}).stdout
    for action in ("add", "list", "disable", "enable", "reset-pin", "card"):
        assert f"    {action}" in shown, action
        detail = subprocess.run(WAYSTATION + ["helpers", action, "--help"], capture_output=True, text=True,
                                cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)})
        assert detail.returncode == 0 and "usage: " in detail.stdout
    words = " ".join(shown.split())  # argparse wraps lines at the terminal width
    assert "hidden prompt" in words and "never on the command line" in words


def test_a_supervisors_restart_runs_the_same_command_again(monkeypatch):
    """`waystation run` re-executes itself on exit code RESTART (kiosk/exit_codes.py).  The exec is
    caught here: a real one would replace the test process."""
    from kiosk import cli

    started = []
    monkeypatch.setattr(os, "execve", lambda path, argv, env: started.append((path, argv)))
    monkeypatch.setattr(sys, "argv", ["/opt/waystation/bin/waystation", "run", "--config", "/etc/waystation/x.toml"])
    cli.restart_self()
    assert started == [(sys.executable, [sys.executable, "/opt/waystation/bin/waystation", "run", "--config",
                                         "/etc/waystation/x.toml"])]
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    started.clear()
    cli.restart_self()
    assert started == [(sys.executable, [sys.executable, "run", "--config", "/etc/waystation/x.toml"])]
