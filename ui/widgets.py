"""Small building blocks every screen uses: labels, buttons, scrolling pages.

Every interactive widget gets an accessible name (QAccessible) from its text;
every text label wraps instead of eliding.
"""

from __future__ import annotations

from typing import Callable

from ui.qt import (
    QFontMetrics, QFrame, QImage, QLabel, QPixmap, QPushButton, QScrollArea, QSize, QSizePolicy, Qt, QVBoxLayout,
    QWidget,
)
from ui.theme import Theme


class WrapLabel(QLabel):
    """A word-wrapping label whose minimum height is one line, not its height at the narrowest width.

    QLabel reports as its minimum the height its text takes when squeezed to the
    width of its longest word; a window adds those up and grows taller than the
    panel.  The layouts give it the height it needs at its real width anyway
    (height-for-width), and tests/test_ui_layout.py checks that they did.
    """

    def minimumSizeHint(self) -> QSize:  # noqa: N802 (Qt name)
        hint = super().minimumSizeHint()
        margins = self.contentsMargins()
        return QSize(hint.width(), self.fontMetrics().height() + margins.top() + margins.bottom())


def label(text: str, theme: Theme, factor: float = 1.0, *, role: str = "", bold: bool = False,
          align: Qt.AlignmentFlag = Qt.AlignLeft | Qt.AlignVCenter, name: str = "",
          kind: type[WrapLabel] = WrapLabel) -> QLabel:
    widget = kind(text)
    widget.setWordWrap(True)
    widget.setFont(theme.font(factor, bold))
    widget.setAlignment(align)
    widget.setTextFormat(Qt.PlainText)
    # Vertically Preferred, not Minimum: with Minimum the height at the size-hint width becomes a floor
    # that adds up past the panel (and Maximum would cap it at that height, cutting lines off when the
    # label is narrower).  The layouts give each label its height for its real width (height-for-width);
    # pages end in a stretch so spare room is not spread between lines.  tests/test_ui_layout.py checks.
    widget.setSizePolicy(QSizePolicy.Preferred, QSizePolicy.Preferred)
    if role:
        widget.setProperty("role", role)
    if name:
        widget.setObjectName(name)
    widget.setAccessibleName(text)
    return widget


class TouchButton(QPushButton):
    """A push button that layouts cannot squeeze below its text or the touch-target size.

    Its size hint is computed from the theme (text, padding, border, target) rather
    than from the style sheet, so it is right before the window's style sheet reaches
    it, and it is also its minimum: a screen that does not fit scrolls (or is laid out
    differently), it never cuts a button's text.
    """

    def __init__(self, text: str, theme: Theme) -> None:
        super().__init__(text)
        self._theme = theme
        self._look = (1.0, False, "")  # (text factor, primary, icon name): what restyle() draws again

    def restyle(self, theme: Theme) -> None:
        """The same button in another mode's theme (text size, icon size and colour), without building it
        again: the top bar keeps its buttons over an elder-mode switch."""
        factor, primary, icon = self._look
        self._theme = theme
        self.setFont(theme.font(factor, bold=primary))
        if icon:
            self._set_icon(icon, theme)
        self.updateGeometry()

    def _set_icon(self, name: str, theme: Theme) -> None:
        from ui import icons

        factor, primary, _ = self._look
        size = icon_px(theme, factor)
        colour = theme.colours.primary_text if primary else theme.colours.button_text
        self.setIcon(icons.icon(name, size, colour))
        self.setIconSize(QSize(size, size))

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt name)
        return self.size_for(self.text())

    def size_for(self, text: str) -> QSize:
        """The size this button needs to show `text` (with its icon, padding and border)."""
        width, height = self._theme.button_size(QFontMetrics(self.font()), text)
        if not self.icon().isNull():  # the icon and the gap Qt's style leaves between it and the words
            icon = self.iconSize()
            width += icon.width() + icon_gap(self)
            height = max(height, icon.height() + 2 * (self._theme.padding_v_px + self._theme.border_px(True)))
        return QSize(width, height)

    def minimumSizeHint(self) -> QSize:  # noqa: N802 (Qt name)
        return self.sizeHint()


def icon_gap(widget: QPushButton) -> int:
    """Room between a button's icon and its words (Qt's style puts 4 px; a little more reads better)."""
    return 4 + max(0, widget.fontMetrics().horizontalAdvance(" "))


def icon_px(theme: Theme, factor: float = 1.0) -> int:
    """An icon beside words: a little taller than their capital letters, so it is seen, not read."""
    return theme.mm(theme.cap_height_mm * factor * 1.5)


def button(text: str, theme: Theme, on_click: Callable[[], None] | None = None, *, primary: bool = False,
           factor: float = 1.0, name: str = "", accessible: str = "", checkable: bool = False,
           icon: str = "", icon_after: bool = False) -> QPushButton:
    """A touch button; `icon` (a ui.icons name) goes before the words, never instead of them (`icon_after`:
    after them, as the arrow of Next, which points the way the journey goes)."""
    widget = TouchButton(text, theme)
    widget._look = (factor, primary, icon)
    widget.setFont(theme.font(factor, bold=primary))
    if icon:
        widget._set_icon(icon, theme)
        if icon_after:
            widget.setLayoutDirection(Qt.RightToLeft)  # (the words keep their own direction)
    widget.setCursor(Qt.PointingHandCursor)
    widget.setFocusPolicy(Qt.StrongFocus)
    widget.setCheckable(checkable)
    if primary:
        widget.setProperty("role", "primary")
    if name:
        widget.setObjectName(name)
    widget.setAccessibleName(accessible or text)
    widget.setSizePolicy(QSizePolicy.Preferred, QSizePolicy.Fixed)
    if on_click is not None:
        widget.clicked.connect(lambda _checked=False: on_click())
    return widget


class ScaledImage(QLabel):
    """A picture that takes the room the screen has left, scaled to fit with its shape kept.

    A fixed-size pixmap would push the buttons below it off a short panel.
    """

    def __init__(self, min_height: int, smooth: bool = True) -> None:
        super().__init__()
        self._image: QImage | None = None
        self._mode = Qt.SmoothTransformation if smooth else Qt.FastTransformation  # fast keeps QR modules crisp
        self.setAlignment(Qt.AlignCenter)
        self.setMinimumHeight(min_height)
        self.setSizePolicy(QSizePolicy.Ignored, QSizePolicy.Expanding)

    def set_image(self, image: QImage, max_height: int) -> None:
        self._image, self._max_height = image, max_height
        self._rescale()

    def clear_image(self) -> None:
        """Drop the picture and the pixmap made from it (a resident's photo must not linger in a widget)."""
        self._image = None
        self.clear()

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt name): not the pixmap's size, which would never shrink
        return QSize(self.minimumHeight(), self.minimumHeight())

    def minimumSizeHint(self) -> QSize:  # noqa: N802
        return self.sizeHint()

    def resizeEvent(self, event) -> None:  # noqa: N802
        super().resizeEvent(event)
        self._rescale()

    def _rescale(self) -> None:
        if self._image is None or self._image.isNull():
            return
        box = self.contentsRect().adjusted(4, 4, -4, -4).size()  # inside a styled border, if any
        width, height = max(1, box.width()), max(1, min(box.height(), self._max_height))
        self.setPixmap(QPixmap.fromImage(self._image).scaled(width, height, Qt.KeepAspectRatio, self._mode))


def scroll_page(content: QWidget, theme: Theme) -> QScrollArea:
    """A page that scrolls with large scroll bars (tap, no gestures needed) when text is long."""
    layout = content.layout()
    if isinstance(layout, QVBoxLayout):
        layout.addStretch(1)  # a short page keeps its lines together at the top
    area = QScrollArea()
    area.setWidget(content)
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.NoFrame)
    area.setHorizontalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
    # As low as its scroll bar's handle (a touch target) allows: Qt's own minimum (the bar's preferred
    # height and a horizontal bar that is never shown) would make a short panel's window grow instead.
    area.setMinimumHeight(theme.mm(theme.target_mm + 2))
    area.setAccessibleName("page")
    area.setObjectName("page")  # transparent, by the theme's style sheet (one sheet: re-styling is slow)
    return area


def column(*widgets: QWidget, spacing_mm: float = 3, theme: Theme | None = None) -> QWidget:
    holder = QWidget()
    layout = QVBoxLayout(holder)
    layout.setContentsMargins(0, 0, 0, 0)
    if theme is not None:
        layout.setSpacing(theme.mm(spacing_mm))
    for widget in widgets:
        layout.addWidget(widget)
    return holder


def clear_layout(frame: QWidget) -> None:
    """Drop a frame's layout and its widgets so it can be built again (old widgets go at once from view)."""
    old = frame.layout()
    if old is None:
        return
    _drop_items(old)
    QWidget().setLayout(old)  # reparent the old layout to a throw-away widget so a new one can be set


def _drop_items(layout) -> None:
    while layout.count():
        item = layout.takeAt(0)
        if item.widget():
            item.widget().hide()
            item.widget().deleteLater()
        elif item.layout():  # a row inside the frame's layout: its widgets are the frame's children too
            _drop_items(item.layout())
