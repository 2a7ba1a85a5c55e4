"""The card photo: a vendor WLT decoder loaded with ctypes, when IT provides one.

The 1024-byte photo on a resident ID card is compressed and protected in the
"WLT" format; only the vendor's licensed library decodes it.  Reader SDKs ship
it as `libwlt2bmp.so` with the C entry point

    int unpack(char *src, char *dst, int bmpSave);   /* returns 1 on success */

`src` is the 1024-byte WLT blob; `dst` receives the 102 x 126 photo either as
raw 24-bit BGR pixels in BMP row order (bmpSave = 0, 38 556 bytes) or, in some
builds, as a whole BMP file (38 862 bytes, starting "BM").  Both are accepted.

When no library is configured, or it fails, `decode()` returns None and the
kiosk tells the resident the card photo is unavailable (the camera and a
helper confirm identity instead).  Nothing here writes photos to disk or logs.
"""

from __future__ import annotations

import ctypes
import logging
import struct
import threading
from pathlib import Path

log = logging.getLogger(__name__)

WIDTH, HEIGHT = 102, 126
RAW_SIZE = WIDTH * HEIGHT * 3                   # 38 556
ROW_STRIDE = (WIDTH * 3 + 3) & ~3               # 308: BMP rows pad to 4 bytes
BMP_SIZE = 54 + ROW_STRIDE * HEIGHT             # 38 862
# Vendor code is closed; give it room in case it writes a little past the image.
_DST_SIZE = BMP_SIZE + 4096


class WltDecoder:
    """Calls a vendor `unpack`-style function; safe to share between threads."""

    def __init__(self, library_path: str | Path, function: str = "unpack", bmp_save: int = 0) -> None:
        self.library_path = str(library_path)
        self.function = function
        self.bmp_save = bmp_save
        self._fn = None
        self._problem = ""
        # Vendor decoders keep static state: one call at a time.
        self._lock = threading.Lock()

    def load(self) -> bool:
        """Load the library now (the reader does it at start); False + `problem` on failure.

        A failure is remembered: a missing library does not come back by itself, and trying
        (and warning) again for every card would fill the journal.  `retry()` forgets it.
        """
        if self._fn is not None:
            return True
        if self._problem:
            return False
        try:
            lib = ctypes.CDLL(self.library_path)
            fn = getattr(lib, self.function)
        except OSError as e:
            self._problem = f"cannot load {self.library_path}: {e}"
        except AttributeError:
            self._problem = f"{self.library_path} has no function {self.function!r}"
        else:
            fn.argtypes = (ctypes.c_char_p, ctypes.c_char_p, ctypes.c_int)
            fn.restype = ctypes.c_int
            self._fn = fn
            self._problem = ""
            return True
        log.warning("card photo decoder unavailable: %s", self._problem)
        return False

    def retry(self) -> bool:
        """Forget an earlier failure and load again (after IT installed the library)."""
        self._problem = ""
        return self.load()

    @property
    def problem(self) -> str:
        """Why the decoder cannot be used ('' when it can), for `waystation doctor`."""
        return self._problem

    def decode(self, wlt: bytes) -> bytes | None:
        """A BMP file of the card photo, or None when it cannot be decoded."""
        if not wlt or not self.load():
            return None
        src = ctypes.create_string_buffer(bytes(wlt), max(len(wlt), 1024))
        dst = ctypes.create_string_buffer(_DST_SIZE)
        with self._lock:
            result = self._fn(src, dst, self.bmp_save)
        if result != 1:
            log.warning("card photo decoder returned %d", result)
            return None
        out = dst.raw
        if out[:2] == b"BM":
            size = int.from_bytes(out[2:6], "little")
            return out[:size] if 54 < size <= len(out) else None
        return bmp_from_raw(out[:RAW_SIZE])


def bmp_from_raw(pixels: bytes, width: int = WIDTH, height: int = HEIGHT) -> bytes:
    """Wrap BGR pixels (bottom-up rows, unpadded) into a 24-bit BMP file."""
    stride = (width * 3 + 3) & ~3
    pad = b"\x00" * (stride - width * 3)
    rows = b"".join(pixels[y * width * 3:(y + 1) * width * 3] + pad for y in range(height))
    header = struct.pack("<2sIHHI", b"BM", 54 + len(rows), 0, 0, 54)
    info = struct.pack("<IiiHHIIiiII", 40, width, height, 1, 24, 0, len(rows), 3780, 3780, 0, 0)
    return header + info + rows


def load_decoder(library_path: str | Path | None, function: str = "unpack") -> WltDecoder | None:
    """The configured decoder, or None when IT has not configured one."""
    if not library_path:
        return None
    decoder = WltDecoder(library_path, function)
    decoder.load()  # logs the problem once; decode() will return None
    return decoder
