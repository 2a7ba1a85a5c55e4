"""A resident's signature drawn with a finger on the screen: strokes, checked, drawn into a PNG.

In a guided or proxy application the resident (or the agent) confirms before submit, either by
laying their card on the reader again or by signing on the screen (kiosk/guided.py).  The pad
(ui/signature_pad.py) hands over the strokes in millimetres of the panel; this module decides
whether they are a signature at all (a tap or a dot is not) and draws them, black on white, into a
small greyscale PNG that is kept as an encrypted attachment of the application, like a photo.
Drawing here rather than with Qt keeps the core testable without a screen and the picture the same
whatever the panel.
"""

from __future__ import annotations

import math
import struct
import zlib
from dataclasses import dataclass

from kiosk.errors import ValidationError

MIN_INK_MM = 25.0        # total length of the strokes: less is a tap, a dot or a slip of the finger
MIN_EXTENT_MM = 8.0      # and it must span at least this much one way or the other
MAX_POINTS = 20_000      # a minute of drawing at 300 points a second; beyond: not a signature
PX_PER_MM = 4.0          # about 100 dpi: enough to read a signature, a few kilobytes of PNG
PEN_RADIUS_PX = 1.5
PAD_MM_RANGE = (10.0, 400.0)

Point = tuple[float, float]


@dataclass(frozen=True)
class Signature:
    """Strokes (each a run of points, in mm from the pad's top left) on a pad of the given size."""

    width_mm: float
    height_mm: float
    strokes: tuple[tuple[Point, ...], ...]

    def __repr__(self) -> str:  # a signature is personal: never its points in a log
        return f"Signature({len(self.strokes)} strokes, {self.ink_mm():.0f} mm of ink)"

    def _inside(self) -> list[list[Point]]:
        """The strokes with every point that is not a finite point on the pad left out."""
        kept = []
        for stroke in self.strokes:
            points = [(float(x), float(y)) for x, y in stroke
                      if math.isfinite(x) and math.isfinite(y) and 0 <= x <= self.width_mm and 0 <= y <= self.height_mm]
            if points:
                kept.append(points)
        return kept

    def ink_mm(self) -> float:
        """How much was drawn: the length of every stroke, in mm."""
        return sum(math.dist(a, b) for stroke in self._inside() for a, b in zip(stroke, stroke[1:]))

    def check(self) -> "Signature":
        """This signature, or ValidationError saying why it is not one (spoken and shown by the pad)."""
        low, high = PAD_MM_RANGE
        if not (low <= self.width_mm <= high and low <= self.height_mm <= high):
            raise ValidationError("signature.invalid", field="signature", detail="pad size out of range")
        if sum(len(stroke) for stroke in self.strokes) > MAX_POINTS:
            raise ValidationError("signature.invalid", field="signature", detail="too many points")
        points = [point for stroke in self._inside() for point in stroke]
        if not points:
            raise ValidationError("signature.too_short", field="signature")
        xs, ys = [x for x, _ in points], [y for _, y in points]
        extent = max(max(xs) - min(xs), max(ys) - min(ys))
        if self.ink_mm() < MIN_INK_MM or extent < MIN_EXTENT_MM:
            raise ValidationError("signature.too_short", field="signature")
        return self

    def png(self) -> bytes:
        """The strokes drawn black on white, as a greyscale PNG (call `check()` first)."""
        width = max(1, round(self.width_mm * PX_PER_MM))
        height = max(1, round(self.height_mm * PX_PER_MM))
        canvas = bytearray(b"\xff" * (width * height))
        reach = math.ceil(PEN_RADIUS_PX)
        pen = [(dx, dy) for dx in range(-reach, reach + 1) for dy in range(-reach, reach + 1)
               if dx * dx + dy * dy <= PEN_RADIUS_PX * PEN_RADIUS_PX + 0.5]

        def stamp(x: float, y: float) -> None:
            cx, cy = round(x), round(y)
            for dx, dy in pen:
                px, py = cx + dx, cy + dy
                if 0 <= px < width and 0 <= py < height:
                    canvas[py * width + px] = 0

        for stroke in self._inside():
            scaled = [(x * PX_PER_MM, y * PX_PER_MM) for x, y in stroke]
            stamp(*scaled[0])
            for (x0, y0), (x1, y1) in zip(scaled, scaled[1:]):
                steps = max(1, math.ceil(math.dist((x0, y0), (x1, y1)) / 0.75))
                for step in range(1, steps + 1):
                    t = step / steps
                    stamp(x0 + (x1 - x0) * t, y0 + (y1 - y0) * t)
        return _png_grey(width, height, canvas)


def _png_grey(width: int, height: int, pixels: bytes | bytearray) -> bytes:
    """An 8-bit greyscale PNG (no filter) of `pixels`, row by row."""
    raw = b"".join(b"\x00" + bytes(pixels[row * width:(row + 1) * width]) for row in range(height))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(raw, 9))
            + chunk(b"IEND", b""))
