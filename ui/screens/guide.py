"""Guide: what a service needs (documents, steps, time) before the resident starts."""

from __future__ import annotations

from ui.screens.base import Context, Screen
from ui.widgets import column, label, scroll_page



class GuideScreen(Screen):
    prompt_key = "guide"

    def __init__(self, ctx: Context) -> None:
        super().__init__(ctx)
        service = self.session.service
        t = self.theme
        self.layout_.addWidget(label(self.text(service.title), t, 1.3, bold=True, name="title"))
        parts = [label(self.text(service.guide), t)]
        parts.append(label(self.tr("Please have ready:"), t, bold=True))
        parts += [label("• " + self.text(doc.title), t) for doc in service.documents]
        parts.append(label(self.tr("Steps:"), t, bold=True))
        parts += [label(f"{i}. " + self.text(step), t) for i, step in enumerate(service.steps, 1)]
        parts.append(label(self.tr("Time: %1").replace("%1", self.text(service.duration)), t, role="hint"))
        parts.append(label(self.tr("To prove who you are: %1").replace("%1", self.level_text(service.identity_level)),
                           t, role="hint"))
        if self.session.appointment is not None:
            parts.append(label(self.tr("Your appointment: %1").replace("%1", self.session.appointment.reference),
                               t, bold=True, name="appointment"))
        if service.parts:
            parts.append(label(self.tr("One form, sent to: %1").replace(
                "%1", self.tr(", ").join(self.text(p.title) for p in service.parts)), t, role="hint"))
        body = column(*parts, theme=t, spacing_mm=2)
        self.layout_.addWidget(scroll_page(body, t), 1)
        self.layout_.addLayout(self.nav_row(self.session.back, self.tr("Start"), self.session.next, "start"))

    def level_text(self, level: str) -> str:
        return {"basic": self.tr("ID number, with a helper"), "card": self.tr("ID card"),
                "card_face": self.tr("ID card and a photo of your face")}[level]

    def prompt(self) -> str:
        service = self.session.service
        documents = self.tr(", ").join(self.text(doc.title) for doc in service.documents)
        # Sentence stops and list commas come from the translations: 。and 、 in Chinese, . and , in English.
        return (self.tr("%1. %2").replace("%1", self.text(service.title)).replace("%2", self.text(service.guide)) + " "
                + self.tr("Please have ready: %1.").replace("%1", documents) + " "
                + self.tr("Touch Start when you are ready."))
