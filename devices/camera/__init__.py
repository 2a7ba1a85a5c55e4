"""The camera and what is seen through it.

- `sources`: where frames come from (a device, a video file, a stream URL, or the
  bundled still `data/simulated_camera.jpg` for demos).
- `capture`: the `Camera` (one thread owns the capture; the latest frame is shared).
- `face_detect`, `liveness`, `face_match`: a face found and good enough, alive, and
  the same person as on the card (packaged models; a helper decides what is unclear).
  `face_dlib`, `face_child`: dlib's matcher, run in a helper process (the face child).
- `document_photo`: photographing a paper document.
- `qr_scan`: reading receipt and appointment QR codes.
"""
