"""Identity cards: what happens when a card is read.

- `reader`: the `CardReader` interface and its `CardEvent`s (what the UI hears).
- `checks`: the checks every read shares (ID number, dates, text), whichever reader.
- `ga467_codec`, `ga467_fields`, `ga467_reader`: the GA 467 frame protocol on a
  serial line, the card's text block, and the driver.
- `wlt_decoder`: the vendor library that turns the card's WLT photo into a bitmap.
- `identity_applet`, `pcsc_channel`, `pcsc_reader`: the PC/SC route (pcscd, pyscard).
- `reader_check`: builds the configured reader and checks that it answers (doctor).

Simulated readers and cards live in `devices.simulated`.
"""
