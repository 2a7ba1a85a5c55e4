"""Device drivers, one package a device family.

- `devices.card`: the card-reader interface and its real drivers (GA 467 serial
  reader, PC/SC reader with the identity applet), the checks every card read shares.
- `devices.camera`: camera sources and capture, face detection, liveness, face
  matching, document photos, QR codes.
- `devices.speech`: voice guidance: the `Speaker`, its engines (espeak-ng command,
  pyttsx3 in a child process), the audio cache and sink, spoken texts and events.
- `devices.printer`: receipts through CUPS.
- `devices.helper_process`: a long-lived helper process spoken to in JSON lines
  (pyttsx3 and dlib's face matcher run in one each), restarted if it dies or hangs.
- `devices.simulated`: stand-ins for tests and demos (fixture cards, the simulated
  reader, a GA 467 reader behind a pseudo-terminal, a PC/SC card for vpcd).

Each device is a small interface with real drivers and a simulated one.
Drivers never block the GUI thread: they run their own worker threads and
report through listener callbacks, which `ui/` re-emits as Qt signals.
Devices import the core's types and errors; they never import `ui/` or `sync/`
(tests/test_dependency_rules.py checks it).
"""
