"""Receipt: the application number and its QR code, shown, spoken, and printed or saved as PDF."""

from __future__ import annotations

from ui.qt import Qt
from ui.receipt_pdf import qr_image
from ui.screens.base import Context, Screen
from ui.widgets import ScaledImage, label


def spoken_number(number: str) -> str:
    """Read the number out in groups so it can be written down."""
    return "，".join(" ".join(part) for part in number.split("-"))


class ReceiptScreen(Screen):
    prompt_key = "receipt"

    def __init__(self, ctx: Context) -> None:
        super().__init__(ctx)
        t = self.theme
        receipt = self.session.receipt
        service = self.session.catalog.service(receipt.service_id)
        self.layout_.addWidget(label(self.tr("✓ Your application has been received."), t, 1.3, bold=True,
                                     name="heading"))
        self.layout_.addWidget(label(self.text(service.title), t, role="hint"))
        number = label(self.tr("Application number:") + " " + receipt.number, t, 1.4, bold=True,
                       align=Qt.AlignCenter, name="number")
        number.setTextInteractionFlags(Qt.NoTextInteraction)
        self.layout_.addWidget(number)
        qr = ScaledImage(t.mm(25), smooth=False)  # as large as the room left allows, 25 to 45 mm
        qr.setObjectName("qr")
        qr.set_image(qr_image(receipt.qr_text), t.mm(45))
        qr.setAccessibleName(self.tr("QR code of the application number"))
        self.layout_.addWidget(qr, 1)
        self.saved = label(self.tr("Keep this number: you can check progress with it or with your ID card."), t,
                           role="hint", name="saved")
        self.layout_.addWidget(self.saved)
        outcome = {"printed": self.tr("Your receipt is being printed below the screen."),
                   "saved": self.tr("A copy of this receipt is saved; a helper can print it for you."),
                   "print_failed": self.tr("The printer did not work; a copy is saved and a helper can print it.")
                   }.get(ctx.receipt_outcome)
        if outcome:
            self.layout_.addWidget(label(outcome, t, role="hint", name="receipt_outcome"))
        self.layout_.addLayout(self.nav_row(None, self.tr("Finish"), self.session.finish, "finish"))

    def prompt(self) -> str:
        return (self.tr("Your application has been received. Your application number is %1.")
                .replace("%1", spoken_number(self.session.receipt.number)))
