"""What every screen gets: the session, the theme, the locale, and the window's services."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable

from kiosk.session import Session
from ui import icons
from ui.qt import QHBoxLayout, QPushButton, QVBoxLayout, Qt, QWidget
from ui.theme import Theme
from ui.widgets import button


def next_button(text: str, theme: Theme, on_click: Callable[[], None], name: str = "next",
                icon: str = "next") -> QPushButton:
    """The primary way on (Next, Start, Continue, Submit ...): its icon after its words."""
    return button(text, theme, on_click, primary=True, name=name, icon=icons.action(icon), icon_after=True)


@dataclass
class Context:
    session: Session
    theme: Theme
    station_name: str = ""
    say: Callable[[str, str], None] = lambda key, text: None  # (prompt key, text) → voice guidance
    submit: Callable[[], None] = lambda: None                # commits off the GUI thread
    devices: dict[str, Any] = field(default_factory=dict)    # configured devices from the composition root
    portrait: bool = False
    receipt_outcome: str = ""  # printed / saved / print_failed
    private_headset: bool = False  # station config: sensitive numbers may be read back digit by digit
    run_store_task: Callable[[Callable[[Any], Any], Callable[[Any], None]], None] = lambda query, done: None
    run_task: Callable[[Callable[[], Any], Callable[[Any], None]], None] = lambda func, done: done(func())
    rate: Callable[[str, tuple, bool], None] = lambda level, reasons, helper_called: None  # keeps a 好差评 rating
    call_helper: Callable[[], None] = lambda: None
    open_staff: Callable[[], None] | None = None  # the Staff button: helper sign-in / console (ui/console/desk.py)
    # A panel only about ten lines of text high (elder mode, a large text scale: ui/main_window.py TIGHT_LINES):
    # screens fold what they can so that a question and its keys are never scrolled.
    tight: bool = False

    @property
    def locale(self) -> str:
        return self.session.locale


class Screen(QWidget):
    """Base of every screen: a vertical layout and a row of navigation buttons."""

    #: key of the spoken prompt (voice guidance) for this screen
    prompt_key = "screen"

    def __init__(self, ctx: Context) -> None:
        super().__init__()
        self.ctx = ctx
        self.theme = ctx.theme
        self.session = ctx.session
        self.layout_ = QVBoxLayout(self)
        margin = self.theme.mm(4)
        # Less at the top: the top bar's own margin is just above (and the header line costs height).
        self.layout_.setContentsMargins(margin, self.theme.mm(2), margin, margin)
        self.layout_.setSpacing(self.theme.mm(3))

    def prompt(self) -> str:
        """What voice guidance says when this screen appears."""
        return ""

    def step_position(self):
        """Where this screen stands in the service's steps (kiosk/journey_steps.py); None off the steps."""
        from kiosk import journey_steps

        return journey_steps.position(self.session.service, self.session.state)

    def spoken_prompt(self) -> str:
        """The prompt as voice guidance says it: on a step of a service, 'Step 2 of 4: your details.' first."""
        position = self.step_position()
        prompt = self.prompt()
        if position is None or not prompt:
            return prompt
        from ui.step_indicator import StepTexts

        return StepTexts().sentence(position) + " " + prompt

    def _add_step_indicator(self, row: QHBoxLayout, stretch: bool = True) -> None:
        """The step indicator: in the row of Back and Next on a landscape panel (no height taken from the
        question), in words only in elder mode; on a portrait panel a row of every step above the screen."""
        position = self.step_position()
        if position is None or getattr(self, "step_indicator", None) is not None:
            return
        from ui.step_indicator import StepIndicator

        if self.ctx.portrait:
            self.step_indicator = StepIndicator(position, self.theme, compact=False, with_count=not self.theme.elder)
            self.layout_.insertWidget(0, self.step_indicator, 0, Qt.AlignHCenter)
        else:
            # In words only in elder mode or with large text (a row of every step would not fit beside Back, Next).
            compact = self.theme.elder or self.theme.scale > 1.2
            self.step_indicator = StepIndicator(position, self.theme, compact=compact)
            row.addWidget(self.step_indicator)
            if stretch:
                row.addStretch(1)

    def keep_typing(self) -> dict[str, str]:
        """Before this screen is built again in another language or mode: what the resident typed here
        and the session does not hold, for `restore_typing` on the new screen (nothing by default)."""
        return {}

    def restore_typing(self, kept: dict[str, str]) -> None:
        """Put back on this new screen what the one it replaces handed over with `keep_typing`."""

    def nav_row(self, back: Callable[[], None] | None, next_text: str = "", on_next: Callable[[], None] | None = None,
                next_name: str = "next", next_icon: str = "next") -> QHBoxLayout:
        """Back (its arrow before the words) and the way on (`next_icon`, a ui.icons action, after them)."""
        row = QHBoxLayout()
        row.setSpacing(self.theme.mm(4))
        if back is not None:
            row.addWidget(button(self.tr("Back"), self.theme, back, name="back", icon=icons.action("back")))
        row.addStretch(1)
        self._add_step_indicator(row)
        if on_next is not None:
            row.addWidget(next_button(next_text, self.theme, on_next, next_name, next_icon))
        return row

    def text(self, localised) -> str:
        """A catalog text in the screen's language."""
        return localised.get(self.ctx.locale)
