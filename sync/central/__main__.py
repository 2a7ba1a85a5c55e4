"""`python -m sync.central`: see `sync.central.command`."""

import sys

from sync.central.command import main

sys.exit(main())
