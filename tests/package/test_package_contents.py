"""What the .deb holds and declares, read with dpkg-deb (nothing installed here)."""

from __future__ import annotations

import re

import pytest
from conftest import Package, run

pytestmark = pytest.mark.timeout(1800)


def _entries(package: Package) -> dict[str, str]:
    """path -> `mode owner/group` (and ` -> target` for links), from dpkg-deb --contents."""
    out = run(["dpkg-deb", "--contents", str(package.deb)]).stdout
    entries = {}
    for line in out.splitlines():
        mode, owner, _size, _date, _time, path, *link = line.split()
        entries[path.removeprefix(".")] = f"{mode} {owner}" + (f" -> {link[-1]}" if link else "")
    return entries


def test_the_layout_is_what_the_readme_says(package: Package):
    entries = _entries(package)
    assert entries["/opt/waystation/waystation"].startswith("-rwxr-xr-x root/root")
    assert entries["/usr/bin/waystation"] == "lrwxrwxrwx root/root -> ../../opt/waystation/waystation"
    assert entries["/etc/waystation/"] == "drwxr-x--- root/root"  # group waystation: set by postinst
    assert entries["/etc/waystation/station.toml"] == "-rw-r----- root/root"
    assert entries["/etc/pam.d/waystation-kiosk"] == "-rw-r--r-- root/root"
    for unit in ("waystation-kiosk.service", "waystation-sync.service"):
        assert entries[f"/usr/lib/systemd/system/{unit}"] == "-rw-r--r-- root/root"
    assert not [path for path in entries if path.startswith(("/var/", "/lib/systemd", "/etc/systemd"))]
    assert all(e.split()[1] == "root/root" for e in entries.values())  # --root-owner-group, no build user
    writable = [path for path, e in entries.items() if not e.startswith("l") and "w" in (e[5], e[8])]
    assert not writable, "group- or world-writable in the package: " + ", ".join(writable[:5])


def test_the_control_data(package: Package):
    fields = dict(re.findall(r"^(\S+): (.*)$", run(["dpkg-deb", "--field", str(package.deb)]).stdout, re.M))
    assert fields["Package"] == "waystation" and fields["Version"] == package.version
    assert fields["Architecture"] == run(["dpkg", "--print-architecture"]).stdout.strip()
    depends = {d.strip().split()[0] for d in fields["Depends"].split(",")}
    assert {"cage", "xwayland", "espeak-ng", "fonts-noto-cjk", "pcscd", "alsa-utils", "libpam-systemd",
            "adduser", "libc6", "libxkbcommon0", "libwayland-client0", "libfontconfig1"} <= depends
    assert not {d for d in depends if d.startswith(("python3", "libgtk", "libqt", "libpython"))}
    listed = run(["dpkg-deb", "--info", str(package.deb), "conffiles"]).stdout.split()
    assert listed == ["/etc/waystation/station.toml", "/etc/pam.d/waystation-kiosk"]
    scripts = run(["dpkg-deb", "--info", str(package.deb)]).stdout
    for script in ("preinst", "postinst", "prerm", "postrm"):
        assert re.search(rf"\b\d+ bytes,\s+\d+ lines\s+\*\s+{script}\s+#!/bin/sh", scripts), script
