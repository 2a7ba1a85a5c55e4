"""GA 467 ID-card reader frames: encoding, a streaming parser, and status words.

Second-generation ID card readers (the "SAM" module inside them) speak one
frame format on serial and USB-serial lines:

    AA AA AA 96 69 | LEN_HI LEN_LO | payload ... | CHK

* LEN counts the payload plus the checksum byte.
* A request's payload is CMD, PARA, DATA; an answer's is SW1, SW2, SW3, DATA,
  where SW1/SW2 are forwarded from the card and SW3 is the reader's own status.
* CHK is the XOR of every byte after the 5-byte preamble except CHK itself
  (so the two length bytes are included): find card `00 03 20 01` -> `22`.

Sources: the "公安部身份证阅读器模块SAM通讯协议" as reproduced by vendors
(e.g. softs.im, eastcoms.com) and open-source drivers that hard-code the same
frames.  This module also registers the people-facing texts of every card
reader error code it (and the GA 467 / simulated readers) can raise.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import IntEnum
from functools import reduce
from operator import xor

from kiosk import messages
from kiosk.errors import CardReaderError

PREAMBLE = b"\xaa\xaa\xaa\x96\x69"
HEADER_LEN = len(PREAMBLE) + 2
# Longest legitimate answer: base info + photo + fingerprints (30 10) is ~2.3 KB.
# Anything claiming more is line noise that happens to contain a preamble.
MAX_LENGTH = 4096
MIN_LENGTH = 3  # CMD PARA CHK (the shortest answer, SW1 SW2 SW3 CHK, is 4)


# (CMD, PARA) pairs the kiosk sends; see the protocol's command table.
RESET = (0x10, 0xFF)
SAM_STATUS = (0x11, 0xFF)
SAM_ID = (0x12, 0xFF)
FIND_CARD = (0x20, 0x01)
SELECT_CARD = (0x20, 0x02)
READ_BASE = (0x30, 0x01)        # text 256 B + photo 1024 B
READ_NEW_ADDRESS = (0x30, 0x03)  # the latest appended address, if any
READ_BASE_FINGER = (0x30, 0x10)  # text + photo + fingerprints (not used)


class Status(IntEnum):
    """SW3, the reader's status byte, as tabled in the SAM protocol."""

    SUCCESS = 0x90
    FIND_OK = 0x9F
    NO_CONTENT = 0x91            # 证/卡中此项无内容 (e.g. no appended address)
    CHECKSUM_ERROR = 0x10        # the reader got our frame with a bad checksum
    LENGTH_ERROR = 0x11          # ... with a bad length
    COMMAND_ERROR = 0x21         # ... with an unknown or ill-formed command
    NOT_PERMITTED = 0x23         # 越权操作 (from vendor tables; not in every copy)
    UNKNOWN_ERROR = 0x24         # 无法识别的错误
    CARD_REJECTED_READER = 0x31  # 证/卡认证机具失败
    READER_REJECTED_CARD = 0x32  # 机具认证证/卡失败
    VERIFY_FAILED = 0x33         # 信息验证错误
    WRONG_CARD = 0x40            # 无法识别的证/卡类型
    READ_FAILED = 0x41           # 读证/卡操作失败
    RANDOM_FAILED = 0x47         # 取随机数失败
    SAM_SELF_TEST_FAILED = 0x60  # 自检失败，不能接收命令
    SAM_NOT_AUTHORISED = 0x66    # SAM 未经授权
    FIND_FAILED = 0x80           # 找证/卡失败 (= no card on the reader)
    SELECT_FAILED = 0x81         # 选取证/卡失败


# SW3 -> error code for people.  A code, not a class: one CardReaderError type,
# the code picks the text (kiosk.errors' convention).
STATUS_ERRORS: dict[int, str] = {
    Status.FIND_FAILED: "card.no_card",
    Status.SELECT_FAILED: "card.select_failed",
    Status.READ_FAILED: "card.read_failed",
    Status.RANDOM_FAILED: "card.read_failed",
    Status.CARD_REJECTED_READER: "card.auth_failed",
    Status.READER_REJECTED_CARD: "card.auth_failed",
    Status.VERIFY_FAILED: "card.auth_failed",
    Status.WRONG_CARD: "card.wrong_card",
    Status.NO_CONTENT: "card.no_content",
    Status.CHECKSUM_ERROR: "card.reader_protocol",
    Status.LENGTH_ERROR: "card.reader_protocol",
    Status.COMMAND_ERROR: "card.reader_protocol",
    Status.NOT_PERMITTED: "card.reader_protocol",
    Status.UNKNOWN_ERROR: "card.reader_fault",
    Status.SAM_SELF_TEST_FAILED: "card.reader_fault",
    Status.SAM_NOT_AUTHORISED: "card.reader_unauthorised",
}

# Faults of the reader itself (not of the card in front of it): reported once,
# cleared when the reader answers normally again.
READER_FAULTS = frozenset({Status.SAM_SELF_TEST_FAILED, Status.SAM_NOT_AUTHORISED, Status.UNKNOWN_ERROR})

MESSAGES: dict[str, dict[str, str]] = {
    "card.no_card": {
        "zh_CN": "没有找到证件，请把证件平放在读卡区。",
        "en": "No card found. Please lay the card flat on the reader.",
    },
    "card.select_failed": {
        "zh_CN": "证件没有放稳，请把证件平放在读卡区，读完前不要移动。",
        "en": "The card could not be read. Lay it flat on the reader and keep it still until it is read.",
    },
    "card.moved_away": {
        "zh_CN": "证件在读取时被移开了。请重新放好证件，听到提示前不要移动。",
        "en": "The card was moved away while it was being read. Please place it again and keep it still until you hear the prompt.",
    },
    "card.auth_failed": {
        "zh_CN": "这张证件没有通过核验，请联系工作人员帮助。",
        "en": "This card could not be verified. Please ask a helper.",
    },
    "card.wrong_card": {
        "zh_CN": "读卡器不认识这张卡，请放置居民身份证。",
        "en": "The reader does not recognise this card. Please place your resident ID card.",
    },
    "card.no_content": {
        "zh_CN": "证件中没有这项信息。",
        "en": "The card does not hold this information.",
    },
    "card.unsupported_kind": {
        "zh_CN": "暂时不能识别这种证件，请联系工作人员帮助办理。",
        "en": "This kind of card cannot be used here yet. Please ask a helper.",
    },
    "card.reader_protocol": {
        "zh_CN": "读卡器通信出错，请重新放置证件；仍不行请联系工作人员。",
        "en": "The card reader had a communication error. Please place the card again; if it still fails, ask a helper.",
    },
    "card.reader_fault": {
        "zh_CN": "读卡器出现故障，请联系工作人员，也可以由工作人员帮您输入身份号码。",
        "en": "The card reader has a fault. Please ask a helper; they can also help you enter your ID number.",
    },
    "card.reader_unauthorised": {
        "zh_CN": "读卡器未经授权，暂时不能读卡，请联系工作人员。",
        "en": "The card reader is not authorised to read cards. Please ask a helper.",
    },
    "card.reader_not_answering": {
        "zh_CN": "读卡器没有响应，请联系工作人员。",
        "en": "The card reader is not answering. Please ask a helper.",
    },
    "card.reader_disconnected": {
        "zh_CN": "读卡器已断开，请联系工作人员；重新接好后即可继续使用。",
        "en": "The card reader is disconnected. Please ask a helper; it works again as soon as it is plugged back in.",
    },
}
messages.register(MESSAGES)


def status_error(sw3: int, detail: str = "") -> CardReaderError:
    """The error for a non-success SW3 (unknown values count as a reader fault)."""
    code = STATUS_ERRORS.get(sw3, "card.reader_fault")
    return CardReaderError(code, detail=detail or f"SW3=0x{sw3:02X}")


def checksum(data: bytes) -> int:
    """XOR of all bytes (the protocol's CHK_SUM)."""
    return reduce(xor, data, 0)


def encode(payload: bytes) -> bytes:
    """Wrap a payload (CMD PARA DATA, or SW1 SW2 SW3 DATA) into a frame."""
    length = len(payload) + 1
    if length > 0xFFFF:
        raise ValueError(f"payload too long for a GA 467 frame: {len(payload)} bytes")
    body = length.to_bytes(2, "big") + payload
    return PREAMBLE + body + bytes([checksum(body)])


def encode_request(command: tuple[int, int], data: bytes = b"") -> bytes:
    """A terminal-to-reader frame, e.g. `encode_request(FIND_CARD)`."""
    cmd, para = command
    return encode(bytes([cmd, para]) + data)


def encode_response(sw3: int, data: bytes = b"", sw1: int = 0, sw2: int = 0) -> bytes:
    """A reader-to-terminal frame (used by the simulator and tests)."""
    return encode(bytes([sw1, sw2, sw3]) + data)


@dataclass(frozen=True)
class Frame:
    """A frame whose checksum matched; `payload` excludes length and CHK."""

    payload: bytes

    def as_request(self) -> "Request":
        if len(self.payload) < 2:
            raise ValueError("request payload shorter than CMD PARA")
        return Request(self.payload[0], self.payload[1], self.payload[2:])

    def as_response(self) -> "Response":
        if len(self.payload) < 3:
            raise ValueError("answer payload shorter than SW1 SW2 SW3")
        return Response(self.payload[0], self.payload[1], self.payload[2], self.payload[3:])


@dataclass(frozen=True)
class CorruptFrame:
    """A frame-shaped run of bytes whose checksum did not match."""

    raw: bytes


@dataclass(frozen=True)
class Request:
    cmd: int
    para: int
    data: bytes = b""

    @property
    def command(self) -> tuple[int, int]:
        return (self.cmd, self.para)


@dataclass(frozen=True)
class Response:
    sw1: int
    sw2: int
    sw3: int
    data: bytes = b""

    @property
    def ok(self) -> bool:
        return self.sw3 in (Status.SUCCESS, Status.FIND_OK)


class FrameParser:
    """Incremental frame splitter for a byte stream that may be torn or noisy.

    Feed it whatever `read()` returned; it hands back every complete frame in
    order.  Garbage before a preamble is dropped; a length outside the sane
    range or a bad checksum makes it skip one byte and look for the next
    preamble, so a frame hidden behind a false start is still found.  A
    truncated frame simply stays pending until `reset()` (the reader resets
    before each command, because answers never span two commands).
    """

    def __init__(self, max_length: int = MAX_LENGTH) -> None:
        self._buf = bytearray()
        self._max = max_length
        self.dropped = 0        # bytes discarded as noise (for diagnostics)
        self.corrupt = 0        # frames rejected by checksum

    @property
    def pending(self) -> int:
        """Bytes held back waiting for the rest of a frame."""
        return len(self._buf)

    def reset(self) -> None:
        self._buf.clear()

    def feed(self, data: bytes) -> list[Frame | CorruptFrame]:
        self._buf += data
        out: list[Frame | CorruptFrame] = []
        buf = self._buf
        while True:
            start = buf.find(PREAMBLE)
            if start < 0:
                # Keep a tail that might be the beginning of a preamble.
                keep = _preamble_prefix_len(buf)
                self.dropped += len(buf) - keep
                del buf[: len(buf) - keep]
                return out
            if start:
                self.dropped += start
                del buf[:start]
            if len(buf) < HEADER_LEN:
                return out
            length = int.from_bytes(buf[5:7], "big")
            if not MIN_LENGTH <= length <= self._max:
                self.dropped += 1
                del buf[:1]
                continue
            end = HEADER_LEN + length
            if len(buf) < end:
                return out
            body = bytes(buf[5:end - 1])
            if checksum(body) == buf[end - 1]:
                out.append(Frame(body[2:]))
                del buf[:end]
            else:
                self.corrupt += 1
                out.append(CorruptFrame(bytes(buf[:end])))
                del buf[:1]


def _preamble_prefix_len(buf: bytearray) -> int:
    """Length of the longest suffix of `buf` that is a proper prefix of the preamble."""
    for n in range(min(len(PREAMBLE) - 1, len(buf)), 0, -1):
        if buf.endswith(PREAMBLE[:n]):
            return n
    return 0
