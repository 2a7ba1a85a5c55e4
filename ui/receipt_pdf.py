"""The receipt as a PDF, saved when no printer is configured (and printable later by a helper).

It holds no personal data: service, application number, date, QR code.
Painting into a QPdfWriter works off the GUI thread, so it runs on the worker.
"""

from __future__ import annotations

import io
from pathlib import Path

import segno

from kiosk.receipts import Receipt
from ui.qt import QFont, QImage, QMarginsF, QPageLayout, QPageSize, QPainter, QPdfWriter, QRectF, Qt
from ui.theme import FONT_FAMILIES


def qr_image(text: str, scale: int = 10) -> QImage:
    buffer = io.BytesIO()
    segno.make_qr(text, error="m").save(buffer, kind="png", scale=scale, border=2)  # never Micro QR: OpenCV cannot read it
    return QImage.fromData(buffer.getvalue())


def write_receipt_pdf(receipt: Receipt, service_title: str, station_name: str, path: Path,
                      labels: dict[str, str]) -> Path:
    """Write an A6 receipt to `path`; `labels` are the translated captions."""
    path.parent.mkdir(parents=True, exist_ok=True)
    writer = QPdfWriter(str(path))
    writer.setPageSize(QPageSize(QPageSize.A6))
    writer.setPageMargins(QMarginsF(8, 8, 8, 8), QPageLayout.Millimeter)
    writer.setResolution(300)
    writer.setTitle(receipt.number)
    painter = QPainter(writer)
    try:
        width = painter.viewport().width()
        font = QFont()
        font.setFamilies(FONT_FAMILIES)
        y = 0.0

        def line(text: str, size: float, bold: bool = False) -> None:
            nonlocal y
            font.setPointSizeF(size)
            font.setBold(bold)
            painter.setFont(font)
            rect = painter.boundingRect(QRectF(0, y, width, 2000), Qt.TextWordWrap, text)
            painter.drawText(rect, Qt.TextWordWrap, text)
            y = rect.bottom() + 25

        line(station_name, 9)
        line(service_title, 12, bold=True)
        line(labels["number"], 9)
        line(receipt.number, 14, bold=True)
        line(labels["issued"] + " " + receipt.issued_at[:16].replace("T", " ") + " UTC", 9)
        image = qr_image(receipt.qr_text)
        side = min(width, 700)
        painter.drawImage(QRectF((width - side) / 2, y, side, side), image)
        y += side + 25
        line(labels["keep"], 9)
    finally:
        painter.end()
    return path
