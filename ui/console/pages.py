"""The helper console's pages, in the order the page list shows them: the one registry.

Each is a ui.console.page.ConsolePage subclass (page_id, icon, supervisor_only, title(), refresh()).
Other work appends its pages here (help requests, faces to confirm); the console lists a
supervisor-only page to supervisors only, and the gallery saves each as console_<page_id>.
"""

from __future__ import annotations

from ui.console.devices_page import DevicesPage
from ui.console.page import ConsolePage
from ui.console.queue_page import QueuePage
from ui.console.set_aside_page import SetAsidePage
from ui.console.supervisor_page import SupervisorPage
from ui.console.today_page import TodayPage

PAGES: list[type[ConsolePage]] = [QueuePage, SetAsidePage, DevicesPage, TodayPage, SupervisorPage]
