"""Document photos: which document, a camera view, take / retake, one document a screen."""

from __future__ import annotations

from ui.qt import QImage
from ui.screens.base import Context, Screen
from ui.widgets import ScaledImage, button, label


class DocumentsScreen(Screen):
    prompt_key = "documents"

    def __init__(self, ctx: Context) -> None:
        super().__init__(ctx)
        t = self.theme
        session = self.session
        self.field = session.current_document()
        count = len(session.service.photo_fields)
        progress = self.tr("Document %1 of %2").replace("%1", str(session.doc_index + 1)).replace("%2", str(count))
        self.layout_.addWidget(label(progress, t, role="hint", name="progress"))
        self.layout_.addWidget(label(self.tr("Photograph: %1").replace("%1", self.text(self.field.label)), t, 1.25,
                                     bold=True, name="heading"))
        self.layout_.addWidget(label(self.text(self.field.help) + " " +
                                     self.tr("Lay it flat under the camera, inside the frame."), t, role="hint"))
        # The camera's frame: takes the room left (20 to 90 mm tall), the photo fills it once taken.
        self.preview = ScaledImage(t.mm(20))
        self.preview.setMaximumHeight(t.mm(90))
        self.preview.setObjectName("preview")
        self.preview.setAccessibleName(self.tr("Photo preview"))
        self.layout_.addWidget(self.preview, 1)
        taken = self.field.id in session.photos
        if taken:
            self._show(session.photos[self.field.id])
            self.layout_.addWidget(label(self.tr("✓ Photo taken. Touch Next, or take it again."), t, name="taken"))
        error = session.errors.get(self.field.id)
        if error is not None:
            error_label = label("⚠ " + error.text(ctx.locale), t, role="error", name=f"error_{self.field.id}")
            self.layout_.addWidget(error_label)
        self.layout_.addStretch(0)  # on a tall panel the room below the frame, not inside it
        self.layout_.addWidget(button(self.tr("Take the photo again") if taken else self.tr("Take the photo"), t,
                                      self._take, primary=not taken, name="take_photo"))
        self.layout_.addLayout(self.nav_row(session.back, self.tr("Next ›"), session.next))

    def _take(self) -> None:
        from ui.camera_view import document_jpeg
        from ui.sample_image import sample_document_jpeg

        camera = self.ctx.devices.get("camera")
        session, field_id = self.session, self.field.id
        if camera is None:
            session.add_photo(field_id, sample_document_jpeg())  # no camera: the simulated page
            return

        def taken(data) -> None:  # back on the GUI thread
            if session.state.value == "documents" and data is not None:
                session.add_photo(field_id, data)

        # Finding and straightening the page is image work: off the GUI thread.
        self.ctx.run_task(lambda: document_jpeg(camera), taken)

    def _show(self, data: bytes) -> None:
        image = QImage.fromData(data)
        if not image.isNull():
            self.preview.set_image(image, self.theme.mm(90))

    def prompt(self) -> str:
        return self.tr("Photograph: %1").replace("%1", self.text(self.field.label)) + "。" + self.text(self.field.help)
