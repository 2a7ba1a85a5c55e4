"""Stand-ins for real devices, for tests, demos and `waystation run` on the embedded defaults.

- `fixtures`: the fixture cards (made-up residents) every simulator reads.
- `reader`: `SimulatedReader`, a card reader driven by the dev panel or a test.
- `ga467`: a GA 467 reader behind a pseudo-terminal (the real driver reads it).
- `vpcd_card`: the identity applet played to pcscd through vsmartcard's vpcd.

Nothing here is used by a production station (`station.production = true` refuses
the simulated reader and camera).
"""
