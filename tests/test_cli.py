"""Every command is documented in the README and has help; the README's commands are what CI runs."""

import json
import re
import subprocess
import sys

import pytest

from kiosk import cli

from conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


def commands():
    return list(cli.COMMANDS)


@pytest.mark.parametrize("name", commands())
def test_every_command_is_documented_and_has_help(name, capsys):
    assert f"`waystation {name}" in README, f"README does not document `waystation {name}`"
    with pytest.raises(SystemExit) as done:
        cli.main([name, "--help"])
    assert done.value.code == 0
    out = capsys.readouterr().out
    assert cli.COMMANDS[name][1] in " ".join(out.split()) and "--config" in out


def test_readme_starts_with_the_two_fresh_machine_commands_and_ci_runs_the_second():
    blocks = re.findall(r"```sh\n(.*?)```", README, re.S)
    run_cmd = [l for l in blocks[0].splitlines() if l and not l.startswith("#")][0]
    test_cmd = [l for l in blocks[1].splitlines() if l and not l.startswith("#")][0]
    assert "build/setup.sh" in run_cmd and "waystation run" in run_cmd
    assert "build/setup.sh" in test_cmd and "pytest" in test_cmd
    assert test_cmd in (ROOT / ".ci" / "run").read_text()


def test_doctor_reports_on_a_fresh_data_dir(tmp_path):
    env = {"WAYSTATION_DATA_DIR": str(tmp_path / "data"), "PATH": "/usr/bin:/bin"}
    result = subprocess.run([sys.executable, "-m", "kiosk.cli", "doctor", "--json"], capture_output=True,
                            text=True, env=env, cwd=ROOT)
    report = json.loads(result.stdout)
    names = {check["name"]: check for check in report["checks"]}
    assert {"config", "data dir", "database", "audit chain", "catalog", "free disk", "clock", "fonts",
            "speech", "card reader", "camera"} <= set(names)
    # doctor only looks: on a data dir the kiosk has not created yet it says so and creates nothing.
    assert names["database"]["status"] == "warn" and "not created yet" in names["database"]["detail"]
    assert not (tmp_path / "data" / "keys").exists()
    assert result.returncode == (0 if report["ok"] else 1)


def test_a_bad_config_stops_with_the_key_named(tmp_path):
    bad = tmp_path / "station.toml"
    bad.write_text('[devices]\ncamera_x = 1\n')
    result = subprocess.run([sys.executable, "-m", "kiosk.cli", "doctor", "--config", str(bad)],
                            capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 2 and "devices.camera_x: unknown key" in result.stderr
