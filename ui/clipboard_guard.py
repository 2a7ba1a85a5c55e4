"""Nothing of a resident travels to the next one through the clipboard.

A text box selected with a mouse fills the X selection; a helper's Ctrl+C fills
the clipboard; whatever is there could be pasted into the next resident's form.
So the kiosk offers no way in or out: no context menus (copy, paste, select
all), and the copy, cut and paste keys of the platform's key bindings (Ctrl+C,
Ctrl+Insert, Shift+Delete, Ctrl+V, Shift+Insert ...) and the middle-button paste
do nothing.  At the end of every visit both clipboards are emptied anyway, for
what another route (a selection) put there.

`blocked()` is asked by the window's one application-wide event filter (one
Python call an event is what the screen-change budget affords).
"""

from __future__ import annotations

from ui.qt import QClipboard, QEvent, QGuiApplication, QKeySequence, Qt

CLIPBOARD_KEYS = (QKeySequence.Copy, QKeySequence.Cut, QKeySequence.Paste)
MOUSE_BUTTON_EVENTS = frozenset({QEvent.MouseButtonPress, QEvent.MouseButtonRelease, QEvent.MouseButtonDblClick})
EVENTS = (QEvent.ContextMenu, QEvent.KeyPress, *MOUSE_BUTTON_EVENTS)  # the only kinds blocked() may refuse


def blocked(kind: QEvent.Type, event: QEvent) -> bool:
    """True for an event that would show a context menu or move text through a clipboard.

    A kiosk has no use for context menus anywhere (text boxes, scroll bars): they are pop-ups too."""
    if kind == QEvent.ContextMenu:
        return True
    if kind == QEvent.KeyPress:
        return any(event.matches(key) for key in CLIPBOARD_KEYS)
    if kind in MOUSE_BUTTON_EVENTS:
        return event.button() == Qt.MiddleButton  # pastes the X selection into a text box
    return False


def clear_clipboards() -> None:
    """Empty the clipboard and, where the platform has one (X11), the selection."""
    clipboard = QGuiApplication.clipboard()
    clipboard.clear(QClipboard.Clipboard)
    if clipboard.supportsSelection():
        clipboard.clear(QClipboard.Selection)
