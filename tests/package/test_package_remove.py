"""`apt remove` keeps the data and the key (a reinstall finds its queue); `apt purge` deletes them and says so."""

from __future__ import annotations

import json
import os
import pwd
from pathlib import Path

import pytest
from conftest import CONF, DATA, Package, as_waystation, install, installed_version, run

pytestmark = pytest.mark.timeout(1800)
APT = ["apt-get", "-y"]


def test_remove_keeps_the_queue_and_purge_deletes_it(clean_system: Package):
    install(clean_system.deb)
    queued = as_waystation(["waystation", "demo-queue", "--count", "2"]).stdout.split()
    key = (DATA / "keys" / "store.key").read_bytes()

    removed = run([*APT, "remove", "waystation"], timeout=300)
    assert "kept the data and the store key in /var/lib/waystation" in removed.stdout + removed.stderr
    assert installed_version() is None
    assert not Path("/opt/waystation").exists() and not os.path.lexists("/usr/bin/waystation")
    assert (DATA / "waystation.db").is_file() and (DATA / "keys" / "store.key").read_bytes() == key
    assert (CONF / "station.toml").is_file()  # a conffile stays until purge
    pwd.getpwnam("waystation")  # the user stays: it owns the data

    install(clean_system.deb)  # a reinstall finds its queue, readable with the same key
    rows = json.loads(as_waystation(["waystation", "export", "--what", "queue", "--format", "json"]).stdout)
    assert [row["number"] for row in rows] == queued

    purged = run([*APT, "purge", "waystation"], timeout=300)
    said = purged.stdout + purged.stderr
    assert "purged: deleted /var/lib/waystation (database, queued applications, store key" in said
    assert "purged: deleted /etc/waystation" in said
    assert not DATA.exists() and not CONF.exists() and not Path("/opt/waystation").exists()
    assert not Path("/etc/pam.d/waystation-kiosk").exists()
    assert not list(Path("/etc/systemd/system").glob("*.wants/waystation-*"))
    with pytest.raises(KeyError):
        pwd.getpwnam("waystation")
    assert run(["dpkg-query", "-W", "waystation"], check=False).returncode != 0  # not even config-files
