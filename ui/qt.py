"""The one place Qt names come from (as Anki's aqt.qt): a Qt upgrade is a one-file change."""

from PySide6.QtCore import (  # noqa: F401
    QByteArray, QCoreApplication, QEvent, QLocale, QMarginsF, QObject, QPoint, QPointF, QRect, QRectF, QRunnable, QSize,
    QSizeF, Qt, QThreadPool, QTimer, QTranslator, SLOT, Signal, Slot, qInstallMessageHandler,
)
from PySide6.QtGui import (  # noqa: F401
    QAccessible, QClipboard, QColor, QFont, QFontDatabase, QFontMetrics, QGuiApplication, QIcon, QImage, QKeySequence,
    QPageLayout, QPageSize, QPainter, QPalette, QPdfWriter, QPixmap, QShortcut,
)
from PySide6.QtWidgets import (  # noqa: F401
    QAbstractButton, QApplication, QFrame, QGridLayout, QHBoxLayout, QLabel, QLayout, QLineEdit, QPushButton,
    QScrollArea, QSizePolicy, QSlider, QStackedWidget, QVBoxLayout, QWidget,
)
from shiboken6 import delete as delete_now  # noqa: F401 (a widget gone at once, not at the next event loop)
from shiboken6 import isValid as is_alive  # noqa: F401 (its C++ side not yet deleted: a late callback checks)


def qt_dbus():
    """PySide6.QtDBus, imported when first needed (only outreach listens to D-Bus), or None without it."""
    try:
        from PySide6 import QtDBus
    except ImportError:
        return None
    return QtDBus
