"""What is known about who a resident is, and how it was established.

Card readers (GA 467, PC/SC, simulated) produce `CardData`; the session keeps
one `Identity` per resident.  These are plain values: no device, no Qt.
"""

from __future__ import annotations

import datetime as _dt
import math
from dataclasses import dataclass, field, replace
from enum import Enum

from kiosk import id_number


class IdentityMethod(str, Enum):
    """How the resident's identity was established (recorded on the application)."""

    ID_CARD = "id_card"            # second-generation resident ID card (GA 467 reader)
    SMART_CARD = "smart_card"      # PC/SC card
    QR_CODE = "qr_code"            # scanned code (e.g. an e-ID or appointment code)
    KEYPAD_WITH_HELPER = "keypad_with_helper"  # number typed, a helper present
    SIMULATED = "simulated"        # simulated reader (development, demos, tests)


class FaceCheck(str, Enum):
    """How the live face was compared with the card photo."""

    NOT_DONE = "not_done"
    MATCHED = "matched"                 # automatic matcher above threshold
    HELPER_TO_CONFIRM = "helper_to_confirm"  # no matcher: helper compares side by side
    HELPER_CONFIRMED = "helper_confirmed"


class Liveness(str, Enum):
    """Whether the live-face challenge (blink or head turn) was passed, failed, or not tried.

    Recorded apart from `FaceCheck`: a helper confirming the face is worth less
    after a skipped or failed challenge than after a passed one, and the centre
    must be able to tell them apart.
    """

    NOT_DONE = "not_done"  # the service does not ask for a face
    PASSED = "passed"
    FAILED = "failed"      # tried and not passed: the photo was taken anyway, for a helper
    SKIPPED = "skipped"    # photo taken without the challenge (button, or no camera)


class CardKind(str, Enum):
    RESIDENT = "resident"                  # 居民身份证
    FOREIGN_PERMANENT = "foreign_permanent"  # 外国人永久居留身份证
    HK_MO_TW_RESIDENCE = "hk_mo_tw_residence"  # 港澳台居民居住证


@dataclass(frozen=True)
class CardData:
    """Fields read from an identity card; dates are `datetime.date`, `valid_until` None = long-term."""

    name: str
    sex: str  # "M" or "F"
    ethnicity: str
    birth_date: _dt.date
    address: str
    id_number: str
    authority: str
    valid_from: _dt.date
    valid_until: _dt.date | None
    kind: CardKind = CardKind.RESIDENT
    photo: bytes | None = field(default=None, repr=False)  # decoded photo (BMP/PNG) when available
    english_name: str = ""
    nationality: str = ""

    def __repr__(self) -> str:  # never show personal data in tracebacks or logs
        return f"CardData(id_number={id_number.mask(self.id_number)!r}, kind={self.kind.value!r})"

    __str__ = __repr__

    def is_expired(self, today: _dt.date | None = None) -> bool:
        today = today or _dt.date.today()
        return self.valid_until is not None and self.valid_until < today

    def prefill(self) -> dict[str, str]:
        """Values for the catalog's `card.*` pre-fill sources."""
        return {
            "card.name": self.name,
            "card.sex": self.sex.lower(),  # matches the catalog's m/f choice values
            "card.ethnicity": self.ethnicity,
            "card.birth_date": self.birth_date.isoformat(),
            "card.address": self.address,
            "card.id_number": self.id_number,
            "card.authority": self.authority,
        }

    def without_photo(self) -> "CardData":
        return replace(self, photo=None)


def _wire_score(score: float | None) -> float | None:
    """A matcher's cosine similarity as the protocol takes it: within [-1, 1] (rounding can step just
    outside), 4 decimals; not a number is no score (never a perfect one)."""
    if score is None or not math.isfinite(score):
        return None
    return round(min(1.0, max(-1.0, float(score))), 4)


def mask_name(name: str) -> str:
    """Show a name partly masked for the resident to confirm: 张*明, J*** Smith."""
    name = name.strip()
    if not name:
        return ""
    if name.isascii() and " " in name:
        first, _, rest = name.partition(" ")
        return first[0] + "*" * (len(first) - 1) + " " + rest
    if len(name) <= 2:
        return name[0] + "*"
    return name[0] + "*" * (len(name) - 2) + name[-1]


@dataclass
class Identity:
    """The resident's identity in a session.

    What was verified binds the application: with a card, every `card.*` pre-fill
    source is the card's value; without one (ID number typed on the keypad with a
    helper), only `card.id_number`, the typed number.  Form fields pre-filled from
    these sources cannot be changed afterwards (see `kiosk.form_pages`).
    """

    method: IdentityMethod
    card: CardData | None = None
    id_number: str = ""
    face: FaceCheck = FaceCheck.NOT_DONE
    face_photo: bytes | None = field(default=None, repr=False)
    liveness: Liveness = Liveness.NOT_DONE
    face_score: float | None = None  # the automatic matcher's score, when one compared the faces
    # How the matcher decided (face_matcher, face_model, face_distance, face_threshold): recorded with
    # the application so a helper or the centre can see which model and thresholds said so.
    face_match: dict[str, str] = field(default_factory=dict)

    def __repr__(self) -> str:
        return (f"Identity(method={self.method.value}, id={id_number.mask(self.id_number)}, face={self.face.value}, "
                f"liveness={self.liveness.value})")

    @classmethod
    def from_card(cls, card: CardData, method: IdentityMethod) -> "Identity":
        return cls(method=method, card=card, id_number=card.id_number)

    @property
    def card_verified(self) -> bool:
        """Whether a card (not a typed number) established this identity."""
        return self.card is not None

    def verified_sources(self) -> dict[str, str]:
        """The pre-fill sources this identity vouches for, with their values (empty ones left out)."""
        sources = self.card.prefill() if self.card is not None else {"card.id_number": self.id_number}
        return {source: value for source, value in sources.items() if value}

    def verified(self) -> dict:
        """What was verified, as the application carries it (sealed at rest) and the centre receives it.

        Personal data (the ID number): never log it; `applications.submit` seals it.
        """
        return {
            "method": self.method.value,
            "id_number": self.id_number,
            "card_kind": self.card.kind.value if self.card is not None else None,
            "face_check": self.face.value,
            "face_score": _wire_score(self.face_score),
            "liveness": self.liveness.value,
        }

    def record(self) -> dict[str, str]:
        """What the application records about how identity was established (no personal data)."""
        score = _wire_score(self.face_score)
        return {"method": self.method.value, "face": self.face.value, "liveness": self.liveness.value,
                "card_kind": self.card.kind.value if self.card else "",
                **({"face_score": f"{score}"} if score is not None else {}), **self.face_match}
