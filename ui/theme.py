"""Sizes, colours and the style sheet, from one place, in millimetres of the real panel.

Elder mode (长辈模式): main text with a capital-letter height of at least 6 mm,
touch targets of at least 15 mm, contrast of at least 7:1.  Normal mode:
targets of at least 10 mm, contrast of at least 4.5:1.  Line spacing 1.3 or
more in both.  Pixel sizes are derived from the panel's physical size (QScreen,
overridable in the config), never fixed in pixels.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from functools import lru_cache

from ui.qt import QFont, QFontMetrics

FONT_FAMILIES = ["Noto Sans CJK SC", "Noto Sans SC", "Droid Sans Fallback", "sans-serif"]
MIN_LINE_SPACING = 1.3  # line pitch ÷ font size, the floor for every text (DESIGN.md)
TEXT_SCALES = (1.0, 2.0)  # the config's devices.text_scale: how much larger than the floor sizes

log = logging.getLogger(__name__)


def relative_luminance(hex_colour: str) -> float:
    channels = [int(hex_colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(foreground: str, background: str) -> float:
    """WCAG contrast ratio of two #rrggbb colours."""
    a, b = sorted((relative_luminance(foreground), relative_luminance(background)), reverse=True)
    return (a + 0.05) / (b + 0.05)


@dataclass(frozen=True)
class Palette:
    background: str
    text: str
    muted: str        # secondary text (hints)
    button: str
    button_text: str
    primary: str      # the main action
    primary_text: str
    error: str        # error text (always with an icon and words, never colour alone)
    error_bg: str
    border: str

    def text_pairs(self) -> dict[str, tuple[str, str]]:
        """Every (text, background) pair the screens draw, for the contrast test."""
        return {
            "body": (self.text, self.background), "hint": (self.muted, self.background),
            "button": (self.button_text, self.button), "primary": (self.primary_text, self.primary),
            "error": (self.error, self.error_bg),
        }


NORMAL_COLOURS = Palette("#f7f7f4", "#1c1c1c", "#4a4a4a", "#e3e7ee", "#101828", "#0b5394", "#ffffff",
                         "#a10000", "#fdecec", "#5b6675")
ELDER_COLOURS = Palette("#ffffff", "#000000", "#262626", "#f0f0f0", "#000000", "#003a75", "#ffffff",
                        "#8a0000", "#fff0f0", "#000000")


@lru_cache(maxsize=64)
def _sized_font(cap_px: float, bold: bool) -> QFont:
    """The font whose capital letters are `cap_px` pixels tall (measured: font families differ).

    Cached: a screen asks for the same few sizes dozens of times, and measuring is not free."""
    font = QFont()
    font.setFamilies(FONT_FAMILIES)
    font.setPixelSize(max(6, round(cap_px / 0.72)))
    cap = QFontMetrics(font).capHeight() or cap_px
    font.setPixelSize(max(6, round(font.pixelSize() * cap_px / cap + 0.49)))
    font.setBold(bold)
    spacing = QFontMetrics(font).lineSpacing() / font.pixelSize()
    if spacing < MIN_LINE_SPACING:
        # Labels are plain text: the line pitch is the font's own.  A fallback font this tight is a
        # station set-up fault (waystation doctor checks the fonts), not something to hide here.
        log.warning("font %s has line spacing %.2f < %.1f", font.family(), spacing, MIN_LINE_SPACING)
    return font


@dataclass(frozen=True)
class Theme:
    """Pixel sizes for one mode on one panel."""

    elder: bool
    px_per_mm: float
    scale: float = 1.0  # devices.text_scale (1.0-2.0): all text and touch targets this much larger
    # A short panel for this text size (about ten lines high: ui/main_window.py TIGHT_LINES): less padding
    # above and below the words of buttons and boxes (a button keeps its touch-target height).
    tight: bool = False

    def __post_init__(self) -> None:
        low, high = TEXT_SCALES
        if not low <= self.scale <= high:
            raise ValueError(f"text scale {self.scale} is outside {low}-{high}")

    @property
    def colours(self) -> Palette:
        return ELDER_COLOURS if self.elder else NORMAL_COLOURS

    def mm(self, millimetres: float) -> int:
        return max(1, round(millimetres * self.px_per_mm))

    @property
    def cap_height_mm(self) -> float:
        return (6.3 if self.elder else 3.6) * self.scale

    @property
    def target_mm(self) -> float:
        """Smallest side of a touch target: grows with the text (larger text in a key of the same size
        would not fit, and a resident who needs larger text usually needs larger targets too)."""
        return (16.0 if self.elder else 11.0) * self.scale

    @property
    def line_spacing(self) -> float:
        """Line pitch ÷ font size of body text as drawn.  Labels are plain text, so it is the font's own
        (ascent + descent + leading: 1.45 for Noto Sans CJK), measured, not assumed: a fallback font
        below MIN_LINE_SPACING is logged, and tests/test_ui_layout.py fails on it."""
        font = self.font()
        return QFontMetrics(font).lineSpacing() / font.pixelSize()

    @property
    def padding_px(self) -> int:
        """Inner padding of buttons, text boxes and message boxes (at their sides; see padding_v_px)."""
        return self.mm(2.5)

    @property
    def padding_v_px(self) -> int:
        """Inner padding above and below the words: less on a tight panel, where a line of text is tall."""
        return self.mm(1.0) if self.tight else self.padding_px

    def border_px(self, checked: bool = False) -> int:
        """Border width of a button; a checked button's border is thicker (a cue besides colour)."""
        return self.mm(1) if checked else 2

    def button_size(self, metrics: QFontMetrics, text: str) -> tuple[int, int]:
        """Width and height a button needs for `text` with its padding and border, and at least the
        touch-target size: layouts may make a button larger, never smaller (no text cut off).
        The thicker border of a checked button is allowed for, so checking one does not move others."""
        lines = text.split("\n")
        border = max(self.border_px(False), self.border_px(True))
        target = self.mm(self.target_mm)
        width = max(metrics.horizontalAdvance(line) for line in lines) + 2 * (self.padding_px + border)
        height = metrics.height() * len(lines) + 2 * (self.padding_v_px + border)
        return max(width, target), max(height, target)

    def font(self, factor: float = 1.0, bold: bool = False) -> QFont:
        """A font whose capital letters are `cap_height_mm × factor` tall on this panel."""
        return QFont(_sized_font(self.cap_height_mm * factor * self.px_per_mm, bold))  # a copy: callers may change it

    def style_sheet(self) -> str:
        c = self.colours
        pad = f"{self.padding_v_px}px {self.padding_px}px"
        radius = self.mm(2)
        target = self.mm(self.target_mm)
        return f"""
        QWidget#kiosk {{ background: {c.background}; }}
        QLabel {{ color: {c.text}; background: transparent; }}
        QLabel[role="hint"] {{ color: {c.muted}; }}
        QLabel[role="error"] {{ color: {c.error}; background: {c.error_bg}; border: 2px solid {c.error};
                                border-radius: {radius}px; padding: {pad}; }}
        QLabel[role="step_current"] {{ color: {c.primary_text}; background: {c.primary}; border: {self.border_px(True)}px
                                       solid {c.border}; border-radius: {radius}px; padding: 0 {self.mm(1.5)}px; }}
        QLabel[role="notice"] {{ color: {c.text}; background: {c.button}; border: 2px solid {c.border};
                                 border-radius: {radius}px; padding: {pad}; }}
        /* No min-width/min-height for buttons here: ui.widgets.TouchButton sizes them (a style-sheet
           minimum would override the keypad's even key sizes). */
        QPushButton {{ color: {c.button_text}; background: {c.button}; border: 2px solid {c.border};
                       border-radius: {radius}px; padding: {pad}; }}
        QPushButton:checked {{ border: {self.border_px(True)}px solid {c.primary}; }}
        QPushButton[role="primary"] {{ color: {c.primary_text}; background: {c.primary}; border-color: {c.primary}; }}
        QPushButton:disabled {{ color: {c.muted}; }}
        QLineEdit {{ color: {c.text}; background: {c.background}; border: 2px solid {c.border};
                     border-radius: {radius}px; padding: {pad}; min-height: {target}px; }}
        QScrollBar:vertical {{ width: {target}px; background: {c.button}; border: 2px solid {c.border};
                               border-radius: {radius}px; margin: 0; }}
        QScrollBar::handle:vertical {{ background: {c.muted}; min-height: {target}px; border-radius: {radius}px;
                                       margin: {self.mm(1)}px; }}
        QScrollBar::add-line:vertical, QScrollBar::sub-line:vertical {{ height: 0; border: none; }}
        QScrollBar::add-page:vertical, QScrollBar::sub-page:vertical {{ background: none; }}
        QScrollBar:horizontal {{ height: {target}px; }}
        QScrollArea#page, QScrollArea#page > QWidget > QWidget {{ background: transparent; }}
        QLabel#preview {{ border: 2px dashed {c.border}; border-radius: {radius}px; }}
        QFrame#overlay {{ background: {c.background}; border: {self.mm(1)}px solid {c.border}; }}
        """
