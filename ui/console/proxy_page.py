"""Apply for someone who cannot come (代办): the services the catalog opens to agents, one button each.

Touching one closes the console and starts a proxy visit led by the signed-in helper
(KioskWindow.start_proxy, ui/assisted.py): the agent lays their own card, the helper types the
principal's name and ID number, chooses the relationship and photographs the signed authorisation
letter (委托书).  The page only lists and asks; the desk relays `proxy_requested(service_id)`.
"""

from __future__ import annotations

from ui.console.page import ConsolePage
from ui.qt import Signal
from ui.widgets import button, label


class ProxyStartPage(ConsolePage):
    page_id = "proxy"
    icon = "people-arrows"
    proxy_requested = Signal(str)  # a service id the catalog marks proxy_allowed

    def title(self) -> str:
        return self.tr("Apply for someone else")

    def __init__(self, ctx) -> None:
        super().__init__(ctx)
        t = self.theme
        self.layout_.addWidget(label(self.tr("Apply for someone who cannot come (代办)"), t, 1.15, bold=True,
                                     name="proxy_heading"))
        self.layout_.addWidget(label(self.tr(
            "The agent lays their own ID card; you type the name and ID number of the person they apply for, "
            "choose how they are related, and photograph the signed authorisation letter."), t, role="hint",
            name="proxy_hint"))
        catalog = getattr(ctx, "extra", {}).get("catalog") or ctx.devices.get("catalog")
        services = [s for s in (catalog.services if catalog is not None else []) if s.proxy_allowed]
        for service in services:
            self.layout_.addWidget(button(service.title.get(ctx.locale), t,
                                          lambda s=service.id: self.proxy_requested.emit(s),
                                          name=f"proxy_{service.id}", icon="people-arrows"))
        if not services:
            self.layout_.addWidget(label(self.tr("No service of this station may be applied for by an agent."), t,
                                         name="proxy_none"))
        self.layout_.addStretch(1)
