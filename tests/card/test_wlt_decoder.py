"""The vendor WLT photo decoder, loaded for real with ctypes.

No vendor library can ship with the project, so the test compiles a tiny
shared library with gcc that exports the vendor's C signature
`int unpack(char *src, char *dst, int bmpSave)` (returning 1 on success) and
a variant that writes a whole BMP file.  The expected pixels are computed in
Python from the same formula, so a passing test proves the C code ran.
"""

from __future__ import annotations

import queue
import shutil
import subprocess
from pathlib import Path

import cv2
import numpy as np
import pytest

from devices.card import ga467_codec  # noqa: F401  (registers card.* texts)
from devices.card.reader import CardEventKind as K
from devices.simulated.fixtures import FIXTURE_CARDS, fake_wlt
from devices.card.ga467_reader import Ga467Reader
from devices.simulated.ga467 import Ga467Simulator
from devices.card.wlt_decoder import BMP_SIZE, HEIGHT, RAW_SIZE, WIDTH, WltDecoder, load_decoder
from kiosk.messages import message_text

C_SOURCE = r"""
#include <string.h>

static unsigned char pixel(const unsigned char *s, int i) {
    return s[6 + i % 1018] ^ (unsigned char)(i * 7);
}

/* The libwlt2bmp signature: raw BGR pixels, 1 = success. */
int unpack(char *src, char *dst, int bmpSave) {
    const unsigned char *s = (const unsigned char *)src;
    unsigned char *d = (unsigned char *)dst;
    if (s[0] != 'W' || s[1] != 'L') return -1;
    for (int i = 0; i < 102 * 126 * 3; i++) d[i] = pixel(s, i);
    return 1;
}

static void put32(unsigned char *p, unsigned v) { p[0] = v; p[1] = v >> 8; p[2] = v >> 16; p[3] = v >> 24; }

/* A build that hands back a whole BMP file instead. */
int unpack_bmp(char *src, char *dst, int bmpSave) {
    const unsigned char *s = (const unsigned char *)src;
    unsigned char *d = (unsigned char *)dst;
    if (s[0] != 'W' || s[1] != 'L') return 0;
    memset(d, 0, 38862);
    d[0] = 'B'; d[1] = 'M'; put32(d + 2, 38862); put32(d + 10, 54); put32(d + 14, 40);
    put32(d + 18, 102); put32(d + 22, 126); d[26] = 1; d[28] = 24; put32(d + 34, 38808);
    for (int y = 0; y < 126; y++)
        for (int x = 0; x < 306; x++) d[54 + y * 308 + x] = pixel(s, y * 306 + x);
    return 1;
}
"""


@pytest.fixture(scope="module")
def library(tmp_path_factory) -> Path:
    gcc = shutil.which("gcc")
    if gcc is None:  # a failure, not a skip: CI must install gcc (Debian package "gcc")
        pytest.fail("gcc is needed to build the stand-in vendor library (apt-get install gcc)")
    folder = tmp_path_factory.mktemp("wlt")
    (folder / "fakewlt.c").write_text(C_SOURCE)
    lib = folder / "libwlt2bmp.so"
    subprocess.run([gcc, "-shared", "-fPIC", "-O2", "-o", str(lib), str(folder / "fakewlt.c")], check=True)
    return lib


def expected_pixels(wlt: bytes) -> bytes:
    return bytes(wlt[6 + i % 1018] ^ ((i * 7) & 0xFF) for i in range(RAW_SIZE))


def decode_image(bmp: bytes) -> np.ndarray:
    image = cv2.imdecode(np.frombuffer(bmp, np.uint8), cv2.IMREAD_COLOR)
    assert image is not None, "not a readable BMP"
    return image


def test_vendor_unpack_gives_a_102_by_126_photo(library):
    wlt = fake_wlt(FIXTURE_CARDS[0])
    bmp = WltDecoder(library).decode(wlt)
    assert bmp is not None and bmp[:2] == b"BM" and len(bmp) == BMP_SIZE
    image = decode_image(bmp)
    assert image.shape == (HEIGHT, WIDTH, 3)
    # BMP rows are stored bottom-up; the decoder's bytes are the stored rows.
    stored = np.flipud(image).reshape(-1)
    assert stored.tobytes() == expected_pixels(wlt)


def test_a_build_returning_a_whole_bmp_is_accepted(library):
    wlt = fake_wlt(FIXTURE_CARDS[1])
    raw = WltDecoder(library).decode(wlt)
    whole = WltDecoder(library, function="unpack_bmp").decode(wlt)
    assert whole[54:] == raw[54:]       # same pixels; headers may differ in resolution fields
    assert np.array_equal(decode_image(whole), decode_image(raw))


def test_a_photo_the_library_rejects_gives_none(library):
    assert WltDecoder(library).decode(b"XX" + bytes(1022)) is None
    assert WltDecoder(library).decode(b"") is None


def test_missing_library_or_function_says_why(tmp_path, library):
    missing = WltDecoder(tmp_path / "libnothere.so")
    assert missing.decode(fake_wlt(FIXTURE_CARDS[0])) is None
    assert "libnothere.so" in missing.problem
    wrong = WltDecoder(library, function="wlt2bmp_nonexistent")
    assert not wrong.load() and "wlt2bmp_nonexistent" in wrong.problem
    assert load_decoder(None) is None and load_decoder("") is None


def test_photo_unavailable_notice_exists_for_the_ui():
    assert "照片" in message_text("card.photo_unavailable", "zh_CN")
    assert "photo" in message_text("card.photo_unavailable", "en")


@pytest.mark.parametrize("configured", [True, False])
def test_the_reader_delivers_the_decoded_photo_only_when_a_decoder_is_configured(tmp_path, library, configured):
    q: queue.Queue = queue.Queue()
    with Ga467Simulator(link=tmp_path / "ttyGA467") as sim:
        reader = Ga467Reader(sim.port, photo_decoder=load_decoder(library) if configured else None,
                             poll_interval=0.01, command_timeout=1.0, read_timeout=1.5, backoff=(0.02, 0.1))
        reader.add_listener(q.put)
        reader.start()
        try:
            assert q.get(timeout=5).kind == K.CONNECTED
            card = FIXTURE_CARDS[0]
            sim.place(card)
            assert q.get(timeout=5).kind == K.INSERTED
            read = q.get(timeout=5)
            assert read.kind == K.READ
            if configured:
                assert decode_image(read.card.photo).shape == (HEIGHT, WIDTH, 3)
                assert "photo decoder ok" in reader.describe()
            else:
                assert read.card.photo is None
        finally:
            reader.stop()


def test_a_library_that_failed_to_load_is_not_tried_again_for_every_card(tmp_path, library, caplog):
    import logging
    import shutil

    path = tmp_path / "libwlt_later.so"
    with caplog.at_level(logging.WARNING, logger="devices.card.wlt_decoder"):
        decoder = load_decoder(path)  # not installed yet
        for index in range(5):  # five residents' cards
            assert decoder.decode(fake_wlt(FIXTURE_CARDS[index % len(FIXTURE_CARDS)])) is None
    assert len([r for r in caplog.records if "unavailable" in r.getMessage()]) == 1
    shutil.copy(library, path)  # IT installs the library
    assert decoder.decode(fake_wlt(FIXTURE_CARDS[0])) is None  # still remembered as missing
    assert decoder.retry() and decoder.problem == ""
    assert decode_image(decoder.decode(fake_wlt(FIXTURE_CARDS[0]))).shape == (HEIGHT, WIDTH, 3)
