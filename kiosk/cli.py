"""The `waystation` command: the composition root.

This is the one module of the core that wires `ui/`, `sync/` and `devices/`
together, importing each inside the command that needs it, so that the core
stays importable (and testable) without Qt, network or devices.

`waystation speech-child` and `waystation face-child` are not user commands: they
are how the frozen build (no `python -m`) starts the pyttsx3 helper process
(devices/speech/pyttsx3_engine.py) and the face-matching one (devices/camera/face_child.py);
main() hands them over before parsing anything else, and --help does not list them.
"""

from __future__ import annotations

import argparse
import logging
import sys
import threading
from pathlib import Path

from kiosk import __version__, config as config_mod, doctor, exit_codes
from kiosk.errors import KioskError
from kiosk.private_files import owner_only_umask

log = logging.getLogger("waystation")


def _load_config(args: argparse.Namespace) -> config_mod.Config:
    return config_mod.load(args.config)


def cmd_run(args: argparse.Namespace) -> int:
    """Start the kiosk (full screen unless --windowed); the exit codes are in kiosk/exit_codes.py."""
    owner_only_umask()  # database, receipts, logs, speech cache: owner-only, whoever writes them
    config = _load_config(args)
    from kiosk import instance_lock, log as log_setup

    # Before any device, the store or the sync thread is touched: a second kiosk stops here (exit 2).
    lock = instance_lock.acquire(config.storage.data_dir)
    log_setup.setup(config.storage.data_dir / "logs")
    check_store_at_start(config)
    from ui.app import run_kiosk  # Qt only here

    from kiosk.sync_status import SyncStatusBoard

    devices = build_devices(config)
    warm = getattr(devices.get("face_matcher"), "warm", None)
    if warm is not None:  # dlib's face child starts and reads its models once the home screen is up
        warm(delay=3.0)
    devices["sync_status"] = board = SyncStatusBoard()  # the helpers' notice on screen follows the worker
    nudge = threading.Event()
    stop_sync = start_sync_thread(config, board.publish, nudge)
    if config.central.url:  # the helper console's "Sync now" wakes the worker
        devices["sync_now"] = nudge.set
    try:
        code = run_kiosk(config, devices, windowed=args.windowed, outreach=args.outreach)
    finally:
        stop_sync.set()
        lock.release()
    if code == exit_codes.RESTART:  # a supervisor restarted the kiosk (helper console): start afresh, same process
        log.info("restarting the kiosk (asked by a supervisor)")
        restart_self()
    return code


def restart_self() -> None:
    """Replace this process with a new `waystation run` with the same arguments (the frozen build's
    executable, or this Python running the same entry point)."""
    from kiosk.system_programs import replace_process

    replace_process([sys.executable, *sys.argv[1:]] if getattr(sys, "frozen", False) else [sys.executable, *sys.argv])


def check_store_at_start(config: config_mod.Config) -> None:
    """Open and check the store before any device or window starts: a missing or wrong key, or a
    damaged database, stops start-up here with a message naming the file to restore."""
    from kiosk.store import open_store

    open_store(config).close()


def start_sync_thread(config: config_mod.Config, on_status=None, nudge=None):
    """Sync to the centre on its own thread when one is configured (never on the GUI thread);
    setting `nudge` (a threading.Event) makes it try at once ("Sync now")."""
    stop = threading.Event()
    if config.central.url:
        from sync.command import build_worker
        from sync.worker_thread import run_in_thread

        run_in_thread(lambda: build_worker(config), stop, nudge, on_status=on_status)
    return stop


def cmd_sync(args: argparse.Namespace) -> int:
    """Send queued applications to the centre: --once for one pass, --watch until stopped."""
    owner_only_umask()
    config = _load_config(args)
    from kiosk import log as log_setup
    from sync.command import main as sync_main

    log_setup.setup(config.storage.data_dir / "logs")
    return sync_main(config, once=args.once, watch=args.watch)


def build_devices(config: config_mod.Config, speech: bool = True) -> dict:
    """The devices the config chooses (the composition root is the only place that picks drivers)."""
    devices: dict = {}
    if speech and config.devices.speech != "none":
        from devices.speech.audio_sink import AplaySink
        from devices.speech.speaker import Speaker

        devices["speaker"] = Speaker(speech_engine(config), AplaySink(config.devices.audio_device or None),
                                     cache_dir=config.storage.data_dir / "speech-cache")
    from devices.camera.capture import open_camera
    from devices.camera.face_match import matcher_from_config

    devices["camera"] = open_camera(config.devices.camera)
    devices["face_matcher"] = matcher_from_config(config.devices.face_detector_model,
                                                  config.devices.face_recognizer_model,
                                                  matcher=config.devices.face_matcher)
    if config.devices.printer:
        from devices.printer import CupsPrinter

        devices["printer"] = CupsPrinter(config.devices.printer)
    from devices.card.reader_check import build_reader

    reader = build_reader(config)
    if reader is not None:
        devices["reader"] = reader
    return devices


def speech_engine(config: config_mod.Config):
    """The engine `devices.speech` names: the espeak-ng command, or pyttsx3 in a helper process
    (started as `waystation speech-child` in the frozen build, see main())."""
    if config.devices.speech == "pyttsx3":
        from devices.speech.pyttsx3_engine import Pyttsx3Engine

        return Pyttsx3Engine()
    from devices.speech.engine import EspeakCliEngine

    return EspeakCliEngine()


def cmd_doctor(args: argparse.Namespace) -> int:
    """Check config, storage, catalog, clock, fonts, speech and devices."""
    config = _load_config(args)
    logging.basicConfig(level=logging.ERROR)  # doctor reports problems itself; no duplicate log lines
    checks = doctor.run_checks(config, device_checks())
    print(doctor.render(checks, as_json=args.json))
    return 0 if all(check.status != doctor.FAIL for check in checks) else 1


def device_checks() -> list:
    """Checks contributed by `devices/` (imported here, in the composition root)."""
    return [check_speech, check_card_reader, check_camera, check_face_matcher]


def check_face_matcher(config: config_mod.Config) -> doctor.Check:
    """Which matcher compares faces, with which models; a matcher that cannot load says why."""
    from devices.camera.face_match import HelperConfirmation, matcher_from_config

    try:
        matcher = matcher_from_config(config.devices.face_detector_model, config.devices.face_recognizer_model,
                                      matcher=config.devices.face_matcher)
    except KioskError as error:
        return doctor.Check("face matcher", doctor.FAIL, error.text("en"))
    if isinstance(matcher, HelperConfirmation):
        return doctor.Check("face matcher", doctor.FAIL if matcher.why else doctor.WARN, matcher.describe())
    from devices.camera.face_dlib import DlibMatcher

    if isinstance(matcher, DlibMatcher):  # one real comparison, through the face child: models load AND work
        try:
            return _dlib_self_check(matcher)
        finally:
            matcher.close()
    return doctor.Check("face matcher", doctor.OK, matcher.describe())


def _dlib_self_check(matcher) -> doctor.Check:  # noqa: ANN001 (a DlibMatcher)
    from devices.camera.face_dlib import self_check

    try:
        matcher.wait_loaded()
    except KioskError as error:
        return doctor.Check("face matcher", doctor.FAIL, error.text("en") + "; a helper compares faces")
    result = self_check(matcher)
    if result.check.value != "matched":
        why = f"; {matcher.problem}" if matcher.problem else ""
        return doctor.Check("face matcher", doctor.FAIL, matcher.describe() + "; the self-check comparison "
                            f"did not match (distance {result.details.get('face_distance') or 'none'}){why}")
    return doctor.Check("face matcher", doctor.OK, matcher.describe() + "; self-check comparison matched "
                        f"(distance {result.details['face_distance']})")


def check_camera(config: config_mod.Config) -> doctor.Check:
    import time

    from devices.camera.capture import open_camera

    try:
        camera = open_camera(config.devices.camera)
    except Exception as error:  # a bad camera setting is what doctor is for
        return doctor.Check("camera", doctor.FAIL, f"{config.devices.camera}: {error}")
    if camera is None:
        return doctor.Check("camera", doctor.WARN, "none configured: a helper compares faces and takes documents")
    camera.start()
    try:
        deadline = time.monotonic() + 5
        while not camera.connected and time.monotonic() < deadline:
            time.sleep(0.05)
        ok, described = camera.connected, camera.describe()
    finally:
        camera.stop()
    return doctor.Check("camera", doctor.OK if ok else doctor.FAIL,
                        described + ("" if ok else ": no picture within 5 s"))


def check_speech(config: config_mod.Config) -> doctor.Check:
    if config.devices.speech == "none":
        return doctor.Check("speech", doctor.WARN, "switched off in the config (devices.speech = none)")
    from devices.speech.speaker import Speaker

    from devices.speech.audio_sink import AplaySink

    speaker = Speaker(speech_engine(config), AplaySink(config.devices.audio_device or None), start=False)
    status = speaker.check()
    speaker.close()
    return doctor.Check("speech", doctor.OK if status.available else doctor.FAIL, status.describe())


def check_card_reader(config: config_mod.Config) -> doctor.Check:
    """Open the configured reader and wait for it to answer (no card is read)."""
    if config.devices.card_reader == "none":
        return doctor.Check("card reader", doctor.WARN, "none configured: residents type ID numbers with a helper")
    from devices.card.reader_check import check_card_reader as reader_answers

    ok, text = reader_answers(config)
    return doctor.Check("card reader", doctor.OK if ok else doctor.FAIL, text)


def cmd_gallery(args: argparse.Namespace) -> int:
    """Save a PNG of every screen (both modes, both languages) and an index.html."""
    import os

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from ui.gallery import write_gallery
    from ui.qt import QApplication

    if not 1.0 <= args.text_scale <= 2.0:
        print(f"waystation: --text-scale {args.text_scale:g} is outside 1.0 to 2.0 (devices.text_scale)",
              file=sys.stderr)
        return 2
    app = QApplication.instance() or QApplication([])  # noqa: F841 (kept alive while drawing)
    index = write_gallery(Path(args.dir), args.resolution, args.text_scale)
    print(f"gallery written: {index}")
    return 0


def cmd_central(args: argparse.Namespace) -> int:
    """Run the reference central service (demos and tests); see `waystation central --help`."""
    try:
        from sync.central.command import main as central_main  # FastAPI only here
    except ImportError as error:  # the packaged kiosk leaves the reference centre out (build/waystation.spec)
        print(f"waystation: the reference centre is not part of this build ({error.name} missing); "
              "run it from a source checkout", file=sys.stderr)
        return 2

    return central_main(args.central_args)


def cmd_export(args: argparse.Namespace) -> int:
    """Write the queue's, the ratings' or the audit log's metadata (never personal data) as CSV or JSON."""
    config = _load_config(args)
    from kiosk import export
    from kiosk.store import inspect

    if not config.storage.database.is_file():
        print(f"waystation: no database at {config.storage.database}: nothing to export", file=sys.stderr)
        return 2
    conn = inspect(config.storage.database)  # looks only: never creates or migrates
    try:
        text = export.render(export.rows(conn, args.what), args.format, args.what)
    finally:
        conn.close()
    if args.output:
        owner_only_umask()
        Path(args.output).write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
    return 0


def cmd_helpers(args: argparse.Namespace) -> int:
    """Manage the station's helpers (kiosk/helpers_cli.py); PINs at a hidden prompt."""
    owner_only_umask()
    config = _load_config(args)
    from kiosk import helpers_cli
    from kiosk.store import open_store

    store = open_store(config)
    try:
        return helpers_cli.run(args, store, read_uid=lambda: read_staff_card_uid(config))
    finally:
        store.close()


def read_staff_card_uid(config: config_mod.Config) -> str:
    """The UID of the card laid on the PC/SC reader (`waystation helpers card --from-reader`)."""
    from devices.card.staff_card import wait_for_uid

    print("Lay the staff card on the card reader (30 s)...", file=sys.stderr)
    return wait_for_uid(config.devices.pcsc_reader or None, timeout=30.0)


def cmd_enroll(args: argparse.Namespace) -> int:
    """Redeem a one-time code from the centre: the station's id and token, written into its config."""
    from sync.enroll import main as enroll_main  # requests only here

    return enroll_main(args.config, args.central, args.code, ca=args.ca, token_file=args.token_file)


def cmd_self_check(args: argparse.Namespace) -> int:
    """Check that this build works here (kiosk/self_check.py); one line a check, exit 0 only if all pass."""
    from devices import self_check as device_checks
    from kiosk import self_check
    from ui import self_check as screen_checks

    return self_check.main([*self_check.core_checks(device_checks.bundled_photo), *screen_checks.CHECKS,
                            *device_checks.CHECKS])


def cmd_demo_queue(args: argparse.Namespace) -> int:
    """Queue sample applications on a demo station (kiosk/demo_queue.py)."""
    owner_only_umask()
    from devices.self_check import bundled_photo
    from kiosk import demo_queue

    return demo_queue.main(_load_config(args), args.count, bundled_photo())


def cmd_config_example(args: argparse.Namespace) -> int:
    """Print a config file with every key and its default."""
    print(config_mod.EXAMPLE, end="")
    return 0


SPEECH_CHILD = "speech-child"  # devices/speech/pyttsx3_engine.py uses the same word
FACE_CHILD = "face-child"  # devices/camera/face_child.py uses the same word

COMMANDS = {
    "run": (cmd_run, "start the kiosk on this station's config (embedded defaults if none)"),
    "doctor": (cmd_doctor, "check that everything the kiosk needs works; --json for machines"),
    "sync": (cmd_sync, "send queued applications to the centre: --once (one pass) or --watch (keep running)"),
    "gallery": (cmd_gallery, "save a PNG of every screen in both modes and languages, with an index.html"),
    "central": (cmd_central, "run the reference central service over TLS (demos, tests); --demo DIR sets one up"),
    "export": (cmd_export, "write queue, ratings or audit metadata (numbers, states, times, codes; never personal "
                           "data) as CSV or JSON"),
    "enroll": (cmd_enroll, "enroll this station with the centre: a one-time code gets its id and token, written "
                           "into the config file"),
    "self-check": (cmd_self_check, "check that this build works here: modules, screens, store, speech, face, QR, "
                                   "its files against the build's manifest; exit 0 only if all pass"),
    "demo-queue": (cmd_demo_queue, "queue sample applications (sample data only) on a demo station, to try sync "
                                   "and upgrades; refused when station.production = true"),
    "config-example": (cmd_config_example, "print an example config file with every key and default"),
    "helpers": (cmd_helpers, "manage the station's helpers: add, list, disable, enable, reset-pin, card "
                             "(PINs typed at a hidden prompt)"),
}


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="waystation",
        description="Waystation (驿站) community service kiosk.",
        epilog=f"Config: --config PATH or ${config_mod.ENV_VAR}; without either, embedded defaults.",
    )
    parser.add_argument("--version", action="version", version=f"waystation {__version__}")
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--config", metavar="PATH", help=f"station config file (TOML); default ${config_mod.ENV_VAR}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name, (func, text) in COMMANDS.items():
        command = sub.add_parser(name, help=text, description=text, parents=[common])
        command.set_defaults(func=func)
        if name == "run":
            command.add_argument("--windowed", action="store_true",
                                 help="a normal window with a device test panel, for development")
            command.add_argument("--outreach", action="store_true",
                                 help="outreach (上门服务) on a helper's laptop: windowed, no kiosk lock, a helper signed "
                                      "in for the trip, every application guided, the queue and 'offline since' shown")
        if name == "sync":
            mode = command.add_mutually_exclusive_group(required=True)
            mode.add_argument("--once", action="store_true", help="one pass, then exit (0: centre reached, "
                              "1: queue paused, 2: config error, 3: another worker holds the database)")
            mode.add_argument("--watch", action="store_true", help="keep running until SIGTERM (standing by while a "
                              "kiosk runs on the same data dir: it syncs itself)")
        if name == "gallery":
            command.add_argument("dir", help="folder for the PNGs and index.html")
            command.add_argument("--resolution", default="1366x768",
                                 choices=["1024x768", "1366x768", "1920x1080", "1080x1920"])
            command.add_argument("--text-scale", type=float, default=1.0, metavar="SCALE",
                                 help="devices.text_scale to draw with, 1.0 to 2.0 (default 1.0); elder mode fits "
                                      "1.5 at 1366x768 and 2.0 at 1920x1080")
        if name == "central":
            command.epilog = ("Options: --demo DIR | --config central.json, --host HOST, --port PORT, --log-level, "
                              "--partial-ttl SECONDS, --partial-quota BYTES. "
                              "waystation central enroll-code --config central.json --station-id ID --name NAME "
                              "[--expires 24h]: a one-time enrollment code for a station (`waystation enroll`).")
        if name == "enroll":
            add_enroll_arguments(command)
        if name == "demo-queue":
            command.add_argument("--count", type=int, default=1, help="how many (default 1)")
        if name == "helpers":
            from kiosk import helpers_cli

            helpers_cli.add_arguments(command)
        if name == "doctor":
            command.add_argument("--json", action="store_true", help="machine-readable output")
        if name == "export":
            command.add_argument("--what", required=True, choices=["queue", "ratings", "audit"],
                                 help="queue: one row an application; ratings: one row a 好差评 rating (sent, "
                                      "waiting or set aside, and why); audit: one row an audit entry")
            command.add_argument("--format", default="csv", choices=["csv", "json"], help="default csv")
            command.add_argument("--output", metavar="FILE", help="write to FILE (owner-only) instead of stdout")
    return parser


def add_enroll_arguments(command: argparse.ArgumentParser) -> None:
    command.add_argument("--central", required=True, metavar="URL", help="the centre's https:// address")
    command.add_argument("--code", required=True, metavar="CODE",
                         help="the one-time code from the centre's admin (XXXX-XXXX-XXXX-XXXX; case, spaces and "
                              "dashes do not matter); - reads it from standard input")
    command.add_argument("--ca", metavar="FILE", help="the centre's CA certificate (PEM), if the system does not "
                         "trust it; copied owner-only beside the config (or to central.ca_bundle)")
    command.add_argument("--token-file", metavar="PATH", help="where to write the token (default: central.token_file, "
                         "else 'token' beside the config)")
    command.epilog = ("The config file: --config, else $WAYSTATION_CONFIG, else the package's "
                      "/etc/waystation/station.toml. Fills in [station] id and name and [central] url, token_file, "
                      "ca_bundle and catalog_public_key of it, keeping its comments, mode and group; writes the "
                      "token 0600 (run as root: "
                      "owned by the data dir's owner). Every file is replaced whole, and only after the centre "
                      "accepted the code; a file that cannot be written stops it before the code is sent. "
                      "Exit 0: enrolled; 2: config or file problem; 3: code refused (mistyped, unknown, used, "
                      "expired); 4: centre not reached or not verified.")


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    if argv[:1] == [SPEECH_CHILD]:
        # Not a user command: the pyttsx3 helper process.  A frozen build has no `python -m`,
        # so Pyttsx3Engine starts the kiosk's own executable with this word instead.
        from devices.speech.pyttsx3_child import main as speech_child

        return speech_child(argv[1:])
    if argv[:1] == [FACE_CHILD]:  # the same for dlib's face matcher (devices/camera/face_child.py)
        from devices.camera.face_child import main as face_child

        return face_child(argv[1:])
    parser = build_parser()
    args, extra = parser.parse_known_args(argv)
    if args.command == "central":
        args.central_args = ([] if args.config is None else ["--config", args.config]) + extra
    elif extra:
        parser.error(f"unrecognized arguments: {' '.join(extra)}")
    try:
        return args.func(args)
    except KioskError as error:
        print(f"waystation: {error.text('en')}", file=sys.stderr)
        return 2


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
