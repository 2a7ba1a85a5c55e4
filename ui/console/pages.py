"""The helper console's pages, in the order the page list shows them: the one registry.

Each is a ui.console.page.ConsolePage subclass (page_id, icon, supervisor_only, title(), refresh()).
The console opens on the first; it lists a
supervisor-only page to supervisors only, and the gallery saves each as console_<page_id>.
"""

from __future__ import annotations

from ui.console.devices_page import DevicesPage
from ui.console.faces import FacesPage
from ui.console.help_requests import HelpRequestsPage
from ui.console.page import ConsolePage
from ui.console.proxy_page import ProxyStartPage
from ui.console.queue_page import QueuePage
from ui.console.set_aside_page import SetAsidePage
from ui.console.supervisor_page import SupervisorPage
from ui.console.today_page import TodayPage

PAGES: list[type[ConsolePage]] = [QueuePage, HelpRequestsPage, SetAsidePage, FacesPage, ProxyStartPage, DevicesPage,
                                  TodayPage, SupervisorPage]
