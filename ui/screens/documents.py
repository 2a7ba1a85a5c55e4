"""Document photos: a live camera view with a guide frame, automatic capture, retake; one document a screen.

The camera's frames go to `devices.camera.document_photo.DocumentCapture` on the
camera's own thread (never the GUI thread); it says what to do ("hold still",
"lay the page inside the frame") and takes the photo by itself once the page is
still and sharp, straightened upright.  The resident then sees the photo and
chooses "Use this photo" or "Retake".  "Take photo now" stays as the fallback
for a page the camera cannot find.  Without a camera, the simulated page is used.
"""

from __future__ import annotations

from kiosk.errors import CameraError, KioskError
from ui.qt import QHBoxLayout, QImage, Qt, QTimer, QVBoxLayout
from ui.screens.base import Context, Screen
from ui.widgets import ScaledImage, button, label


class DocumentsScreen(Screen):
    prompt_key = "documents"

    def __init__(self, ctx: Context) -> None:
        super().__init__(ctx)
        t = self.theme
        session = self.session
        self.field = session.current_document()
        self.camera = ctx.devices.get("camera")
        self.view = None          # the live CameraView, while looking for the page
        self.capture = None       # its DocumentCapture
        self.candidate: bytes | None = None  # a photo taken, waiting for "Use this photo" or "Retake"
        self.captured_by = ""     # "auto" or "manual": how the candidate was taken
        self.mode = "taken" if self.field.id in session.photos else "still"  # still / live / review / taken
        self._closed = False
        count = len(session.service.photo_fields)
        progress = self.tr("Document %1 of %2").replace("%1", str(session.doc_index + 1)).replace("%2", str(count))
        # Which document, beside its name (not a line of its own: the step indicator shares the height).
        heading_row = QHBoxLayout()
        heading_row.setSpacing(t.mm(4))
        heading_row.addWidget(label(self.tr("Photograph: %1").replace("%1", self.text(self.field.label)), t,
                                    1.0 if ctx.tight else 1.25, bold=True, name="heading"), 1)
        if ctx.tight:
            # A tight panel (a large text scale): the step indicator takes this line's end, and the photo
            # buttons go in the row of Back and Next, so the frame keeps some height.
            self._add_step_indicator(heading_row, stretch=False)
        else:
            heading_row.addWidget(label(progress, t, role="hint", name="progress",
                                        align=Qt.AlignRight | Qt.AlignVCenter))
        self.layout_.addLayout(heading_row)
        taken = self.field.id in session.photos
        if not (taken and ctx.tight):  # (on a tight panel "photo taken" below says what to do now instead)
            self.layout_.addWidget(label(self.text(self.field.help) + " " +
                                         self.tr("Lay it flat under the camera, inside the frame."), t, role="hint"))
        # The camera's frame: takes the room left (20 to 90 mm tall), the photo fills it once taken.
        self.preview = ScaledImage(t.mm(20))
        self.preview.setMaximumHeight(t.mm(90))
        self.preview.setObjectName("preview")
        self.preview.setAccessibleName(self.tr("Photo preview"))
        self.layout_.addWidget(self.preview, 1)
        self.view_slot = QHBoxLayout()  # where the live picture goes, above the words
        self.layout_.addLayout(self.view_slot, 1)
        self.guidance = label("", t, 1.1, bold=True, name="document_guidance")
        self.guidance.hide()
        self.layout_.addWidget(self.guidance)
        if taken:
            self._show(session.photos[self.field.id])
            self.layout_.addWidget(label(self.tr("✓ Photo taken. Touch Next, or take it again."), t, name="taken"))
        self.error = None  # made when there is one: an error label is what tests and helpers look for
        self.error_slot = QVBoxLayout()
        self.layout_.addLayout(self.error_slot)
        self.layout_.addStretch(0)  # on a tall panel the room below the frame, not inside it
        row = QHBoxLayout()
        row.setSpacing(t.mm(4))
        self.take = button(self.tr("Take the photo again") if taken else self.tr("Take the photo"), t,
                           self._take, primary=not taken, name="take_photo")
        self.retake = button(self.tr("Retake"), t, self._retake, name="retake")
        self.use = button(self.tr("Use this photo"), t, self._use, primary=True, name="use_photo")
        nav = self.nav_row(session.back, self.tr("Next"), session.next)
        for index, widget in enumerate((self.take, self.retake, self.use)):
            if ctx.tight:
                nav.insertWidget(1 + index, widget)
            else:
                row.addWidget(widget)
        self.retake.hide()
        self.use.hide()
        if not ctx.tight:
            self.layout_.addLayout(row)
        self.layout_.addLayout(nav)
        error = session.errors.get(self.field.id)
        if error is not None:
            self._show_error(error.text(ctx.locale), speak=False)  # the screen's prompt says it
        if self.camera is not None and not taken:
            self._start_live()

    # -- the live view ---------------------------------------------------------------------

    def _start_live(self) -> None:
        from devices.camera.document_photo import CaptureState, DocumentCapture
        from kiosk.messages import message_text
        from ui.camera_view import CameraView, draw_document_guide

        self.candidate, self.captured_by, self.mode = None, "", "live"
        self.preview.hide()
        self.use.hide()
        self.retake.hide()
        self.take.setText(self.tr("Take photo now"))
        self.take.show()
        self.guidance.show()
        taken_label = self.findChild(type(self.guidance), "taken")
        if taken_label is not None:
            taken_label.hide()
        if self.view is not None:
            self.capture.retake()  # the view is paused: its thread no longer feeds the capture
            self.view.resume()
            self.view.show()
            self._guidance(message_text("document.place", self.ctx.locale))
            return
        capture = self.capture = DocumentCapture()
        locale = self.ctx.locale
        last = {"step": None}

        def analyse(image, timestamp):  # camera thread
            step = last["step"] = capture.feed(image)
            return step.guidance(locale), (capture.jpeg if step.state == CaptureState.CAPTURED else None)

        def decorate(image):  # camera thread
            return draw_document_guide(image, last["step"])

        self.view = CameraView(self.camera, analyse, self._guidance, self._auto_captured,
                               self.theme.mm(40 if self.ctx.tight else 60),
                               on_event=self._camera_event, decorate=decorate)
        self.view.setMaximumHeight(self.theme.mm(90))
        self.view_slot.addWidget(self.view)
        self._guidance(message_text("document.place", self.ctx.locale))
        # A camera that failed before this screen opened reported it then: check once it had time to start.
        camera = self.camera
        QTimer.singleShot(1500, lambda: self._camera_still_missing(camera))

    def _auto_captured(self, jpeg: bytes) -> None:  # GUI thread; the view has stopped analysing
        if not self._closed and self.mode == "live":
            self._review(jpeg, "auto")

    def _take(self) -> None:
        from ui.camera_view import document_jpeg
        from ui.sample_image import sample_document_jpeg

        session, field_id = self.session, self.field.id
        if self.camera is None:
            session.add_photo(field_id, sample_document_jpeg())  # no camera: the simulated page
            return
        if self.mode != "live":
            self._start_live()  # "Take the photo again": back to the live view first
            return
        self.view.pause()
        camera = self.camera

        def grab():
            try:
                return document_jpeg(camera)
            except KioskError as error:  # a page too large to encode: said beside the button
                return error

        def taken(data) -> None:  # back on the GUI thread
            if self._closed or session.state.value != "documents" or self.mode != "live":
                return
            if isinstance(data, (bytes, bytearray)):
                self._review(bytes(data), "manual")
                return
            self.view.resume()
            error = data if isinstance(data, KioskError) else CameraError()
            self._show_error(error.text(self.ctx.locale))

        # Finding and straightening the page is image work: off the GUI thread.
        self.ctx.run_task(grab, taken)

    def _review(self, jpeg: bytes, how: str) -> None:
        self.candidate, self.captured_by, self.mode = jpeg, how, "review"
        if self.view is not None:
            self.view.pause()
            self.view.hide()
        self._clear_error()
        self._show(jpeg)
        self.preview.show()
        self.take.hide()
        self.retake.show()
        self.use.show()
        self._guidance(self.tr("Is the whole page clear? Touch “Use this photo”, or “Retake”."))
        self.use.setFocus(Qt.OtherFocusReason)

    def _retake(self) -> None:
        self._start_live()

    def _use(self) -> None:
        if self.candidate is not None:
            jpeg, self.candidate = self.candidate, None
            self.session.add_photo(self.field.id, jpeg)  # the screen is built again, showing it

    # -- camera trouble ------------------------------------------------------------------------

    def _camera_still_missing(self, camera) -> None:
        from devices.camera.capture import CameraEvent, CameraEventKind

        if not self._closed and self.view is not None and self.view.active and not camera.connected:
            self._camera_event(CameraEvent(CameraEventKind.ERROR, CameraError()))

    def _camera_event(self, event) -> None:
        from devices.camera.capture import CameraEventKind

        if self._closed:
            return
        if event.kind == CameraEventKind.ERROR and event.error is not None:
            self.guidance.setText("")  # no picture: "lay the page in the frame" would mislead
            self.guidance.hide()
            self._show_error(event.error.text(self.ctx.locale))
        elif event.kind == CameraEventKind.CONNECTED:
            self._clear_error()
            if self.mode == "live":
                self.guidance.show()

    # -- words ------------------------------------------------------------------------------

    def _guidance(self, text: str) -> None:
        if self._closed or not text or text == self.guidance.text():
            return
        self.guidance.setText(text)
        self.guidance.setAccessibleName(text)
        self.ctx.say("documents.guidance", text)

    def _show_error(self, text: str, speak: bool = True) -> None:
        if self.error is None:
            self.error = label("", self.theme, role="error", name=f"error_{self.field.id}")
            self.error_slot.addWidget(self.error)
        self.error.setText("⚠ " + text)
        self.error.setAccessibleName(text)
        self.error.show()
        self.error.setFocus(Qt.OtherFocusReason)
        if speak:
            self.ctx.say("error", text)

    def _clear_error(self) -> None:
        if self.error is not None:
            self.error_slot.removeWidget(self.error)
            self.error.hide()
            self.error.deleteLater()
            self.error = None

    def _show(self, data: bytes) -> None:
        image = QImage.fromData(data)
        if not image.isNull():
            self.preview.set_image(image, self.theme.mm(90))

    def hideEvent(self, event) -> None:  # noqa: N802 (Qt name)
        # The window hides a screen it replaces (and deletes it later): stop listening to the camera now,
        # so nothing of this page is said or shown over the next screen.
        if self.isHidden():
            self._closed = True
            if self.view is not None:
                self.view.close_view()
        super().hideEvent(event)

    def prompt(self) -> str:
        """The document, what to do now, and the error beside the button (Repeat says all of it)."""
        parts = [self.tr("Photograph: %1").replace("%1", self.text(self.field.label)), self.text(self.field.help)]
        if self.guidance.text():
            parts.append(self.guidance.text())
        if self.error is not None:
            parts.append(self.error.accessibleName())
        stop = "。" if self.ctx.locale.startswith("zh") else "."
        return " ".join(p if p.endswith(("。", ".", "！", "？", "!", "?")) else p + stop for p in parts if p)
