"""The one place Qt names come from (as Anki's aqt.qt): a Qt upgrade is a one-file change."""

from PySide6.QtCore import (  # noqa: F401
    QByteArray, QCoreApplication, QEvent, QLocale, QMarginsF, QObject, QPoint, QRect, QRectF, QRunnable, QSize,
    QSizeF, Qt, QThreadPool, QTimer, QTranslator, Signal, Slot, qInstallMessageHandler,
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
