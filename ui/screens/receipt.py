"""Receipt: the application number and its QR code, shown, spoken, and printed or saved as PDF."""

from __future__ import annotations

from ui import icons
from ui.qt import QHBoxLayout, Qt, QVBoxLayout
from ui.receipt_pdf import qr_image
from ui.screens.base import Context, Screen
from ui.widgets import ScaledImage, button, label

QR_MIN_MM, QR_MAX_MM = 25, 60


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
        # On a tight panel (a large text scale): the words on the left, the QR code over Done on the right
        # (one column would need twice the panel's height); the service's name and the hint to keep the
        # number are said, not shown (the prompt and the printed copy carry them).
        words = QVBoxLayout() if ctx.tight else self.layout_
        if ctx.tight:
            words.setSpacing(t.mm(3))
            body = QHBoxLayout()
            body.setSpacing(t.mm(4))
            body.addLayout(words, 1)
            self.layout_.addLayout(body, 1)
        words.addWidget(label(self.tr("✓ Your application has been received."), t, 1.0 if ctx.tight else 1.3,
                              bold=True, name="heading"))
        if not ctx.tight:
            words.addWidget(label(self.text(service.title), t, role="hint"))
        number = label(self.tr("Application number:") + " " + receipt.number, t, 1.15 if ctx.tight else 1.4,
                       bold=True, align=Qt.AlignLeft if ctx.tight else Qt.AlignCenter, name="number")
        number.setTextInteractionFlags(Qt.NoTextInteraction)
        words.addWidget(number)
        # As large as the room left allows, QR_MIN_MM to QR_MAX_MM: the code has about 33 modules with its
        # border, so even the smallest gives modules of 0.75 mm, which a phone reads from 30 cm and more.
        qr = ScaledImage(t.mm(QR_MIN_MM), smooth=False)
        qr.setObjectName("qr")
        qr.set_image(qr_image(receipt.qr_text), t.mm(QR_MAX_MM))
        qr.setAccessibleName(self.tr("QR code of the application number"))
        side = QVBoxLayout() if ctx.tight else self.layout_
        if ctx.tight:
            side.setSpacing(t.mm(3))
            body.addLayout(side, 0)
        side.addWidget(qr, 1)
        # A tight panel has no room for the hint; a correction's "replaces" line stays (the number it replaces).
        keep = "" if ctx.tight else self.tr("Keep this number: you can check progress with it or with your ID card.")
        if self.session.corrected_number:  # a correction: this number replaces the old receipt's
            keep = (self.tr("Replaces application %1.").replace("%1", self.session.corrected_number) + " " + keep).strip()
        if keep:
            self.saved = label(keep, t, role="hint", name="saved")
            words.addWidget(self.saved)
        outcome = {"printed": self.tr("Your receipt is being printed below the screen."),
                   "saved": self.tr("A copy of this receipt is saved; a helper can print it for you."),
                   "print_failed": self.tr("The printer did not work; a copy is saved and a helper can print it.")
                   }.get(ctx.receipt_outcome)
        if outcome:
            words.addWidget(label(outcome, t, role="hint", name="receipt_outcome"))
        if ctx.tight:
            words.addStretch(1)
        # A large Done (it leads on to the 好差评 rating, which can be skipped).
        row = QHBoxLayout()
        done = button(self.tr("Finish"), t, self.session.start_rating, primary=True, factor=1.15, name="finish",
                      icon=icons.action("done"))
        done.setMinimumWidth(t.mm(max(60.0, t.target_mm * 4)))
        row.addStretch(1)
        row.addWidget(done)
        side.addLayout(row)

    def prompt(self) -> str:
        return (self.tr("Your application has been received. Your application number is %1.")
                .replace("%1", spoken_number(self.session.receipt.number)))
