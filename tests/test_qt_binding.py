"""Guards against a Qt binding that corrupts reference counts (PySide6 6.12.0's findChild returning None).

Python 3.11 aborts the whole kiosk once None's count reaches zero, so a
binding with this bug must never be installed; pyproject.toml excludes it.
"""

import sys

from ui.qt import QPushButton, QWidget


def test_find_child_that_finds_nothing_keeps_none_alive(qapp):
    widget = QWidget()
    before = sys.getrefcount(None)
    for _ in range(5000):
        assert widget.findChild(QPushButton, "absent") is None
    assert abs(sys.getrefcount(None) - before) < 100
