"""The 好差评 rating after the receipt: five large choices with words and icons, skippable.

For 不满意 or 非常不满意 the screen asks which things went wrong (the catalog's
rating_reasons, ticked with a ✓ and a thicker border, not colour alone) and
offers a helper.  Nothing personal is asked or kept: the rating carries the
application number and the service (kiosk/ratings.py).  Idle-wiped like any screen.
"""

from __future__ import annotations

from kiosk import ratings
from ui import icons
from ui.qt import QGridLayout, QHBoxLayout, QSizePolicy, QWidget
from ui.screens.base import Context, Screen
from ui.widgets import button, label, scroll_page

PORTRAIT_CHOICE_MM = (28, 50)  # a choice's height on a portrait panel: at least, and at most
LEVEL_ICONS = {"very_satisfied": "face-grin-stars", "satisfied": "face-smile", "basic": "face-meh",
               "dissatisfied": "face-frown", "very_dissatisfied": "face-angry"}


class RatingScreen(Screen):
    prompt_key = "rating"

    def __init__(self, ctx: Context) -> None:
        super().__init__(ctx)
        self.low = self.session.rating_level in ratings.LOW
        if self.low:
            self.prompt_key = "rating.reasons"
            self._build_reasons()
        else:
            self._build_levels()

    def level_text(self, level: str) -> str:
        return {"very_satisfied": self.tr("Very satisfied"), "satisfied": self.tr("Satisfied"),
                "basic": self.tr("Fairly satisfied"), "dissatisfied": self.tr("Dissatisfied"),
                "very_dissatisfied": self.tr("Very dissatisfied")}[level]

    def _build_levels(self) -> None:
        t = self.theme
        self.layout_.addWidget(label(self.tr("How was the service today?"), t, 1.5 if self.ctx.portrait else 1.3,
                                     bold=True, name="heading"))
        self.layout_.addWidget(label(self.tr("Touch one. Your answer is anonymous; you may skip."), t,
                                     role="hint", name="rating_hint"))
        factor = 1.6 if self.ctx.portrait else 1.1  # a tall panel has room for larger choices
        parts = [button(self.level_text(level), t, lambda lv=level: self._choose(lv), factor=factor,
                        name=f"rate_{level}", icon=LEVEL_ICONS[level]) for level in ratings.LEVELS]
        if self.ctx.tight or self.ctx.portrait:
            # Skip right after the choices: in the grid's sixth place on a tight panel (no row of its own),
            # under the column of choices on a portrait one (not alone at the foot of a tall panel).
            parts.append(self._skip())
        self.layout_.addWidget(self._grid(parts), 1)
        if not (self.ctx.tight or self.ctx.portrait):
            self.layout_.addLayout(self._bottom_row(send=False))

    def _build_reasons(self) -> None:
        t = self.theme
        self.layout_.addWidget(label(self.tr("We are sorry. What went wrong? Touch all that apply."), t, 1.2,
                                     bold=True, name="heading"))
        parts = []
        for reason in self.session.catalog.rating_reasons:
            ticked = reason.value in self.session.rating_reasons
            choice = button(("✓ " if ticked else "") + self.text(reason.label), t,
                            lambda r=reason.value: self.session.toggle_rating_reason(r), name=f"reason_{reason.value}",
                            checkable=True)
            choice.setChecked(ticked)
            parts.append(choice)
        parts.append(button(self.tr("Ask a helper to come"), t, self._call_helper, name="rating_helper",
                            icon=icons.action("help")))
        self.layout_.addWidget(scroll_page(self._grid(parts), t), 1)  # a list: it may scroll
        self.layout_.addLayout(self._bottom_row(send=True))

    def _grid(self, buttons: list) -> QWidget:
        """Large choices in two columns on a landscape panel (all five in view), one on a portrait one, where
        they share the panel's height (up to PORTRAIT_CHOICE_MM each: a choice is a target, not a poster)."""
        holder = QWidget()
        grid = QGridLayout(holder)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setSpacing(self.theme.mm(3 if self.ctx.portrait else 2))
        columns = 1 if self.ctx.portrait else 2
        for index, widget in enumerate(buttons):
            widget.setSizePolicy(QSizePolicy.Preferred, QSizePolicy.Preferred)
            if self.ctx.portrait and widget.objectName().startswith("rate_"):
                # One column of tall choices sharing the height a portrait panel has.
                widget.setSizePolicy(QSizePolicy.Preferred, QSizePolicy.Expanding)
                widget.setMinimumHeight(max(widget.sizeHint().height(), self.theme.mm(PORTRAIT_CHOICE_MM[0])))
                widget.setMaximumHeight(max(widget.sizeHint().height(), self.theme.mm(PORTRAIT_CHOICE_MM[1])))
                grid.setRowStretch(index, 1)
            elif self.ctx.portrait and widget.objectName() == "skip_rating":
                widget.setSizePolicy(QSizePolicy.Preferred, QSizePolicy.Fixed)
            elif self.ctx.portrait:  # the reasons: each a tall target too
                widget.setMinimumHeight(max(widget.sizeHint().height(), self.theme.mm(24)))
            grid.addWidget(widget, index // columns, index % columns)
        grid.setRowStretch(len(buttons), 1)
        return holder

    def _skip(self) -> QWidget:
        """Skip, as large as the choices' words (it ends the visit as well): with its icon and words."""
        skip = button(self.tr("Skip"), self.theme, self.session.finish, name="skip_rating",
                      factor=1.3 if self.ctx.portrait else 1.0, icon=icons.action("skip"))
        skip.setMinimumWidth(self.theme.mm(max(60.0, self.theme.target_mm * 4)))
        return skip

    def _bottom_row(self, send: bool) -> QHBoxLayout:
        row = QHBoxLayout()
        row.setSpacing(self.theme.mm(4))
        row.addWidget(self._skip())
        row.addStretch(1)
        if send:
            send = button(self.tr("Send"), self.theme, self._send, primary=True, name="send_rating",
                          factor=1.3 if self.ctx.portrait else 1.0, icon=icons.action("submit"))
            send.setMinimumWidth(self.theme.mm(max(60.0, self.theme.target_mm * 4)))
            row.addWidget(send)
        return row

    def _choose(self, level: str) -> None:
        if level in ratings.LOW:
            self.session.choose_rating(level)  # asks why, on this screen
        else:
            self.ctx.rate(level, (), False)

    def _call_helper(self) -> None:
        self.helper_called = True
        self.ctx.call_helper()

    def _send(self) -> None:
        self.ctx.rate(self.session.rating_level, tuple(self.session.rating_reasons),
                      getattr(self, "helper_called", False) or self.session.notice in ("help_coming",
                                                                                       "help_acknowledged"))

    def prompt(self) -> str:
        if self.low:
            return self.tr("We are sorry. What went wrong? Touch all that apply, then Send.")
        levels = self.tr(", ").join(self.level_text(level) for level in ratings.LEVELS)
        return self.tr("How was the service today? %1. Or touch Skip.").replace("%1", levels)
