"""What the screens of a proxy visit (代办) show of its two people, told apart.

The agent (代理人) is the verified person at the kiosk: their name and ID number come from their
card, shown read-only with the number masked.  The principal (委托人) is the applicant: their
details are the form's own questions (kiosk/proxy.py).  `AgentLine` sits above the principal's
questions on the form; `agent_rows` gives the review its agent lines.
"""

from __future__ import annotations

from kiosk import screen_mask
from kiosk.catalog import Field, Text
from kiosk.session import Session
from ui.theme import Theme
from ui.widgets import WrapLabel, label


class AgentLine(WrapLabel):
    """'Agent (verified by card): 李大伟 · 110101********0319 — applying for:'"""

    @classmethod
    def make(cls, session: Session, theme: Theme) -> AgentLine:
        widget = label("", theme, 1.0, role="notice", name="proxy_agent", kind=cls)
        widget.show_agent(session)
        return widget

    def show_agent(self, session: Session) -> None:
        card = session.identity.card if session.identity is not None else None
        who = (f"{card.name} · {screen_mask.mask(screen_mask.ID_NUMBER, card.id_number)}" if card is not None
               else "—")
        text = self.tr("Agent (verified by card): %1. Applying for the principal below.").replace("%1", who)
        self.setText(text)
        self.setAccessibleName(text)


AGENT_NAME = Field(id="agent_name", type="text", charset="name", label=Text(zh_CN="代理人姓名", en="Agent's name"),
                   help=Text(zh_CN="来自代理人的证件", en="From the agent's card"))
AGENT_ID = Field(id="agent_id_number", type="id_number", sensitive=True,
                 label=Text(zh_CN="代理人身份证号码", en="Agent's ID number"),
                 help=Text(zh_CN="来自代理人的证件", en="From the agent's card"))


def agent_rows(session: Session) -> list[tuple[Field, str]]:
    """The review's lines about the agent (read-only, from the card): none outside a proxy visit."""
    if not session.is_proxy or session.identity is None or session.identity.card is None:
        return []
    return [(AGENT_NAME, session.identity.card.name), (AGENT_ID, session.identity.id_number)]
