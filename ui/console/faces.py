"""Console page "Faces to confirm": the live photo beside the card photo, large; same person or not.

The list shows applications whose face check was left to a helper (number, service, when, what the
live-face check and the kiosk's matcher said): nothing personal.  Opening one decrypts the two photos
(the opening is audited with the helper's number, before anything is shown) and shows them side by
side, as large as the page allows; "Same person" or "Not the same person" records the decision with
the helper's number (audited), drops the card photo, and the sync worker sends the decision to the
centre after the application (kiosk/face_reviews.py).  The photos leave the widgets as soon as the
helper goes back to the list, decides, or the page is hidden.  Decrypting runs on the store's worker
and decoding on the compute worker, never on the GUI thread.
"""

from __future__ import annotations

from kiosk import face_reviews
from kiosk.errors import KioskError
from kiosk.face_reviews import FaceToConfirm, Photos
from ui.console.cards import button_row, card, card_style, show_feedback
from ui.console.help_requests import service_title
from ui.console.page import ConsoleContext, ConsolePage
from ui.console.words import ConsoleWords
from ui.qt import QHBoxLayout, QImage, QStackedWidget, QVBoxLayout, QWidget, Qt, is_alive
from ui.widgets import ScaledImage, button, column, label, scroll_page


class FacesPage(ConsolePage):
    page_id = "faces"
    icon = "show"

    def __init__(self, ctx: ConsoleContext) -> None:
        super().__init__(ctx)
        self.setStyleSheet(card_style(self.theme))
        self.words = ConsoleWords()
        self.waiting: list[FaceToConfirm] = []
        self.loaded = False
        self.opened: FaceToConfirm | None = None
        t = self.theme
        top = QHBoxLayout()
        top.addWidget(label(self.title(), t, 1.3, bold=True, name="page_title"), 1)
        self.count = label("", t, role="hint", name="faces_count")
        top.addWidget(self.count)
        self.layout_.addLayout(top)
        self.feedback = label("", t, role="notice", name="faces_feedback")
        self.feedback.hide()
        self.layout_.addWidget(self.feedback)
        self.stack = QStackedWidget()
        self.list = column(theme=t, spacing_mm=2)
        self.list.setObjectName("faces_list")
        self.stack.addWidget(scroll_page(self.list, t))
        self.stack.addWidget(self._build_compare())
        self.layout_.addWidget(self.stack, 1)
        self.refresh()

    def title(self) -> str:
        return self.tr("Faces to confirm")

    # -- the list --------------------------------------------------------------------------

    def refresh(self) -> None:
        self.ctx.run_store_task(lambda store: face_reviews.waiting(store), self._loaded)

    def _loaded(self, waiting: list[FaceToConfirm]) -> None:
        if not is_alive(self):
            return
        self.waiting, self.loaded = list(waiting), True
        self._render()

    def _render(self) -> None:
        layout = self.list.layout()
        while layout.count():
            item = layout.takeAt(0)
            if item.widget() is not None:
                item.widget().hide()
                item.widget().deleteLater()
        text = self.tr("%n waiting", "", len(self.waiting)) if self.loaded else ""
        self.count.setText(text)
        self.count.setAccessibleName(text)
        if self.loaded and not self.waiting:
            layout.addWidget(label(self.tr("No face is waiting for a helper."), self.theme, name="faces_none"))
        for item in self.waiting:
            layout.addWidget(self._card(item))
        layout.addStretch(1)

    def _heading(self, item: FaceToConfirm) -> str:
        service = service_title(self.ctx, item.service_id)
        return " · ".join(part for part in (item.number, service) if part)

    def _card(self, item: FaceToConfirm) -> QWidget:
        t, words = self.theme, self.words
        frame, inside = card(t, item.number)
        inside.addWidget(label(self._heading(item), t, 1.1, bold=True, name=f"face_heading_{item.number}"))
        inside.addWidget(label(self.tr("Submitted %1").replace("%1", words.when(item.submitted_at)), t,
                               name=f"face_when_{item.number}"))
        inside.addWidget(label(" · ".join((words.liveness(item.liveness), words.matcher(item.matcher))), t,
                               role="hint", name=f"face_checks_{item.number}"))
        row = button_row(t)
        row.addWidget(button(self.tr("Open the photos"), t, lambda chosen=item: self.open(chosen), primary=True,
                             name=f"open_{item.number}"))
        row.addStretch(1)
        inside.addLayout(row)
        return frame

    # -- one opened ------------------------------------------------------------------------

    def _build_compare(self) -> QWidget:
        t = self.theme
        page = QWidget()
        page.setObjectName("faces_compare")
        outer = QVBoxLayout(page)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(t.mm(2))
        self.compare_heading = label("", t, 1.1, bold=True, name="compare_heading")
        self.compare_checks = label("", t, role="hint", name="compare_checks")
        outer.addWidget(self.compare_heading)
        outer.addWidget(self.compare_checks)
        # Side by side on a landscape panel; one above the other on a portrait one (each as wide as the panel).
        photos = QVBoxLayout() if self.ctx.portrait else QHBoxLayout()
        photos.setSpacing(t.mm(4))
        self.live_image, self.live_missing = self._photo_column(photos, self.tr("Taken at the kiosk"), "live")
        self.card_image, self.card_missing = self._photo_column(photos, self.tr("Photo on the ID card"), "card")
        outer.addLayout(photos, 1)
        row = button_row(t)
        self.same = button(self.tr("Same person"), t, lambda: self.decide(True), primary=True, name="face_same")
        self.different = button(self.tr("Not the same person"), t, lambda: self.decide(False), name="face_different")
        row.addWidget(self.same)
        row.addWidget(self.different)
        row.addStretch(1)
        row.addWidget(button(self.tr("Back to the list"), t, self.close_photos, name="face_back"))
        outer.addLayout(row)
        return page

    def _photo_column(self, row, caption: str, name: str) -> tuple:
        """A caption above a large picture; words instead of the picture when there is none."""
        t = self.theme
        holder = QVBoxLayout()
        holder.setSpacing(t.mm(1))
        holder.addWidget(label(caption, t, bold=True, align=Qt.AlignCenter, name=f"caption_{name}"))
        image = ScaledImage(t.mm(40))
        image.setAlignment(Qt.AlignHCenter | Qt.AlignTop)  # both faces start at the same height
        image.setObjectName(f"photo_{name}")
        image.setAccessibleName(caption)
        missing = label("", t, role="hint", align=Qt.AlignCenter, name=f"missing_{name}")
        missing.hide()
        holder.addWidget(image, 1)
        holder.addWidget(missing, 1)
        row.addLayout(holder, 1)
        return image, missing

    def open(self, item: FaceToConfirm) -> None:
        """Decrypt the two photos (the opening is audited first), decode them off the GUI thread, show them."""
        number = self.ctx.helper.number
        self.opened = item
        self.feedback.hide()
        self.compare_heading.setText(self._heading(item))
        self.compare_heading.setAccessibleName(self.compare_heading.text())
        checks = " · ".join((self.tr("Submitted %1").replace("%1", self.words.when(item.submitted_at)),
                             self.words.liveness(item.liveness), self.words.matcher(item.matcher)))
        self.compare_checks.setText(checks)
        self.compare_checks.setAccessibleName(checks)
        for button_ in (self.same, self.different):
            button_.setEnabled(False)  # until both photos (or their absence) are shown
        self.stack.setCurrentIndex(1)

        def load(store):
            try:
                return face_reviews.open_photos(store, item.application_uuid, number)
            except KioskError as error:
                return error

        self.ctx.run_store_task(load, lambda photos: self._decrypted(item, photos))

    def _decrypted(self, item: FaceToConfirm, photos) -> None:
        if not is_alive(self) or self.opened is not item:
            return
        if isinstance(photos, KioskError):
            self.close_photos()
            self._say(photos.text(self.ctx.locale), role="error")
            self.refresh()
            return

        def decode(found: Photos) -> tuple[QImage | None, QImage | None]:
            def image(data: bytes | None) -> QImage | None:
                if not data:
                    return None
                decoded = QImage.fromData(data)
                return None if decoded.isNull() else decoded

            return image(found.live), image(found.card)

        self.ctx.run_task(lambda: decode(photos), lambda images: self._show_photos(item, *images))

    def _show_photos(self, item: FaceToConfirm, live: QImage | None, card_photo: QImage | None) -> None:
        if not is_alive(self) or self.opened is not item:
            return
        big = max(self.theme.mm(40), self.height())
        for image, missing, shown, why in (
                (self.live_image, self.live_missing, live,
                 self.tr("No photo was taken at the kiosk (no camera, or it failed). Compare the card photo with "
                         "the resident in person.")),
                (self.card_image, self.card_missing, card_photo,
                 self.tr("The card's photo could not be read. Compare the live photo with the resident's card in "
                         "person."))):
            image.setVisible(shown is not None)
            missing.setVisible(shown is None)
            if shown is not None:
                image.set_image(shown, big)
            else:
                image.clear_image()
                missing.setText(why)
                missing.setAccessibleName(why)
        for button_ in (self.same, self.different):
            button_.setEnabled(True)

    def close_photos(self) -> None:
        """Back to the list; the photos leave the widgets at once."""
        self.opened = None
        for image in (self.live_image, self.card_image):
            image.clear_image()
        self.stack.setCurrentIndex(0)

    def hideEvent(self, event) -> None:  # noqa: N802 (Qt name)
        # The console closed or another page was chosen: no resident's face stays in a widget.
        if self.opened is not None:
            self.close_photos()
        super().hideEvent(event)

    def decide(self, same_person: bool) -> None:
        item, number = self.opened, self.ctx.helper.number
        if item is None:
            return
        for button_ in (self.same, self.different):
            button_.setEnabled(False)

        def record(store):
            try:
                return face_reviews.decide(store, item.application_uuid, number, same_person)
            except KioskError as error:
                return error

        self.ctx.run_store_task(record, self._decided)

    def _decided(self, result) -> None:
        if not is_alive(self):
            return
        self.close_photos()
        if isinstance(result, KioskError):
            self._say(result.text(self.ctx.locale), role="error")
        else:
            outcome = (self.tr("same person") if result.outcome == face_reviews.SAME_PERSON
                       else self.tr("not the same person"))
            self._say(self.tr("Recorded for %1: %2 (helper %3). The kiosk sends it to the centre after the "
                              "application.")
                      .replace("%1", result.number).replace("%2", outcome).replace("%3", result.decided_by or ""))
        self.refresh()

    def _say(self, text: str, role: str = "notice") -> None:
        show_feedback(self.feedback, text, role)
