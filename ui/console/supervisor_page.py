"""Supervisor only: leave the kiosk (to the desktop or a shell, for IT), restart it, shut the machine down.

Each asks for the PIN again (ui/console/pin_prompt.py), then is audited with the supervisor's number
and carried out by the desk (ui/console/desk.py → ui/console/kiosk_control.py; exit codes in
kiosk/exit_codes.py).  A shutdown command that fails is said here; the kiosk keeps running.
"""

from __future__ import annotations

from ui.console.page import ConsolePage
from ui.widgets import button, label


class SupervisorPage(ConsolePage):
    page_id = "supervisor"
    icon = "user-shield"
    supervisor_only = True

    def title(self) -> str:
        return self.tr("Supervisor")

    def __init__(self, ctx) -> None:
        super().__init__(ctx)
        t = self.theme
        self.layout_.addWidget(label(self.tr("Supervisor"), t, 1.15, bold=True, name="supervisor_heading"))
        self.layout_.addWidget(label(self.tr("Each of these asks for your PIN again and is recorded with your "
                                             "helper number."), t, role="hint", name="supervisor_hint"))
        self.problem = label("", t, role="error", name="supervisor_problem")
        self.problem.hide()
        self.layout_.addWidget(self.problem)
        for action, words, why, icon in (
                ("kiosk.exit", self.tr("Leave the kiosk"),
                 self.tr("To the desktop or a shell, for IT. The kiosk does not start again by itself."), "door-open"),
                ("kiosk.restart", self.tr("Restart the kiosk"),
                 self.tr("The kiosk program starts again; nothing queued is lost."), "rotate-right"),
                ("kiosk.shutdown", self.tr("Shut the machine down"),
                 self.tr("Queued applications stay on this kiosk and are sent after the next start."), "power-off")):
            name = action.split(".")[1]
            self.layout_.addWidget(button(words, t, lambda a=action: self._ask(a), name=f"supervisor_{name}",
                                          icon=icon))
            self.layout_.addWidget(label(why, t, 0.9, role="hint", name=f"supervisor_{name}_why"))
        self.layout_.addStretch(1)

    def _ask(self, action: str) -> None:
        desk = getattr(self.ctx, "desk", None)
        ask_pin = getattr(self.ctx, "ask_pin", None)
        if desk is None or ask_pin is None:
            return
        # The prompt replaces this page (which is gone by the time a shutdown could fail): the desk says it
        # on this page built again.
        page_id = self.page_id
        ask_pin(action, lambda: desk.kiosk_action(action, failed=lambda text: desk.show_problem(page_id, text)))
