"""The frozen kiosk's entry point (PyInstaller's script; see build/waystation.spec).

As installed by the .deb (/opt/waystation), the station's config is
/etc/waystation/station.toml unless --config or $WAYSTATION_CONFIG says otherwise,
so `waystation doctor` run by IT reads the same file as the kiosk's units.
"""

import os
import sys
from pathlib import Path

INSTALLED_AT = Path("/opt/waystation")
STATION_CONFIG = Path("/etc/waystation/station.toml")

if Path(sys.executable).resolve().parent == INSTALLED_AT and STATION_CONFIG.exists():
    os.environ.setdefault("WAYSTATION_CONFIG", str(STATION_CONFIG))

from kiosk.cli import main  # noqa: E402 (after the default config is in place)

sys.exit(main())
