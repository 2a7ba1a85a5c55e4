"""Device drivers: card readers, camera, speech, printer.

Each device is a small interface with real drivers and a simulated one.
Drivers never block the GUI thread: they run their own worker threads and
report through listener callbacks, which `ui/` re-emits as Qt signals.
Devices import the core's types and errors; they never import `ui/` or `sync/`.
"""
