"""The wire format of the sync protocol, shared by the client and the reference server.

`openapi.yaml` is the contract; these pydantic models are its Python reading.
The centre's answers are read as a tolerant but strict reader: unknown fields
are ignored (a newer centre can add some), but every known field must have its
JSON type ("yes" is not a boolean, "1" is not an integer: such a body is not
the centre's).  UUIDs in answers compare case-insensitively (read as lowercase);
times are RFC 3339, leap seconds included.  The application a kiosk sends is
checked strictly by the centre.
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import hmac
import json
import re
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, field_validator, model_validator

from kiosk import id_number as _id_number

PROTOCOL_VERSION = 1
API_PREFIX = "/v1"
SERVICE_NAME = "waystation-central"

MAX_APPLICATION_BYTES = 1 << 20  # one application's JSON (attachments travel apart)
MAX_ATTACHMENT_BYTES = 32 << 20
MAX_ATTACHMENTS = 20
STATUS_PAGE_MAX = 500

SHA256_PATTERN = r"^[0-9a-f]{64}$"
UUID_PATTERN = r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"
# What a centre may answer: the contract gives UUIDs in answers no case, so either is read.
UUID_ANY_CASE_PATTERN = r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$"
CHALLENGE_PATTERN = r"^[A-Za-z0-9_-]{16,128}$"
NUMBER_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9-]{0,39}$"
SERVICE_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$"
MEDIA_TYPE_PATTERN = r"^[a-z0-9][a-z0-9.+-]*/[a-z0-9][a-z0-9.+-]*$"
LOCALE_PATTERN = r"^[a-z]{2}(_[A-Z]{2})?$"
STATION_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$"
SCREEN_PATTERN = r"^[a-z][a-z0-9_]{0,31}$"  # the kiosk screen a resident called a helper from
HELPER_NUMBER_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9_-]{0,31}$"  # a station helper's number (roster, assisted_by, face reviews)
HELP_REQUEST_PAGE_MAX = 500
# RFC 3339 date-time, the form `created_at` must have.
DATE_TIME_PATTERN = (
    r"^[0-9]{4}-[0-9]{2}-[0-9]{2}[Tt][0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]{1,9})?([Zz]|[+-][0-9]{2}:[0-9]{2})$"
)

REVIEW_STATUSES = ("received", "in_review", "approved", "rejected", "needs_correction")
# Statuses that must say why (shown to the resident and the helper).
STATUSES_WITH_REASON = ("rejected", "needs_correction")
ApplicationStatus = Literal["incomplete", "received", "in_review", "approved", "rejected", "needs_correction"]
ReviewStatus = Literal["received", "in_review", "approved", "rejected", "needs_correction"]
AttachmentStateName = Literal["absent", "partial", "verified"]


_RFC3339 = re.compile(
    r"([0-9]{4})-([0-9]{2})-([0-9]{2})[Tt]([0-9]{2}):([0-9]{2}):([0-9]{2})(\.[0-9]{1,9})?"
    r"(?:([Zz])|([+-])([0-9]{2}):([0-9]{2}))")


def parse_rfc3339(text: str) -> _dt.datetime:
    """An RFC 3339 date-time as an aware UTC datetime; ValueError for anything else.

    Every valid form is read, including a leap second (`23:59:60Z`, read as the
    next day's first instant: Python has no second 60) and up to nine fraction
    digits (cut to microseconds).  The values come from outside, so nothing but
    ValueError ever leaves here."""
    match = _RFC3339.fullmatch(text) if isinstance(text, str) else None
    if match is None:
        raise ValueError("not an RFC 3339 date-time")
    year, month, day, hour, minute, second = (int(group) for group in match.groups()[:6])
    fraction = (match.group(7) or ".")[1:7].ljust(6, "0")
    if match.group(8):
        offset = _dt.timedelta(0)
    else:
        hours, minutes = int(match.group(10)), int(match.group(11))
        if hours > 23 or minutes > 59:
            raise ValueError("offset out of range")
        offset = _dt.timedelta(hours=hours, minutes=minutes) * (-1 if match.group(9) == "-" else 1)
    leap = second == 60
    if leap and minute != 59:  # RFC 3339 5.7: a leap second ends a minute
        raise ValueError("second 60 outside a leap second")
    try:
        value = _dt.datetime(year, month, day, hour, minute, 59 if leap else second, int(fraction),
                             tzinfo=_dt.timezone(offset))
        value = value.astimezone(_dt.UTC)
        return value + _dt.timedelta(seconds=1) if leap else value
    except (ValueError, OverflowError) as exc:  # 2026-02-30, year 0, 9999-12-31T23:59:60Z ...
        raise ValueError(f"not a real date and time: {exc}") from None


def _a_real_time(value: str) -> str:
    """`value` if it is a real RFC 3339 time (the pattern lets 2026-02-30 through), else ValueError."""
    try:
        parse_rfc3339(value)
    except ValueError:
        raise ValueError("not a real date and time") from None
    return value


def _rfc3339_text(value: str) -> str:
    parse_rfc3339(value)
    return value


def _lower(value: str) -> str:
    return value.lower()


# A time in a centre's answer: kept as sent (the health proof covers the exact text), but readable.
AnswerTime = Annotated[str, Field(max_length=40), AfterValidator(_rfc3339_text)]
# A UUID in a centre's answer: either case, read as lowercase (the kiosk's own form).
AnswerUuid = Annotated[str, Field(pattern=UUID_ANY_CASE_PATTERN), AfterValidator(_lower)]


def canonical_json(value: Any) -> bytes:
    """One byte string per JSON value: the centre compares contents by it (idempotency)."""
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False,
                      allow_nan=False).encode("utf-8", "surrogatepass")


def content_hash(value: Any) -> str:
    return hashlib.sha256(canonical_json(value)).hexdigest()


def health_proof(token: str, challenge: str, nonce: str, server_time: str, station_id: str) -> str:
    """HMAC-SHA256 with the station token over the health answer's fields.

    Only a server that knows this station's token can make it, so a captive
    portal or a proxy answering 200 to everything is told apart from the centre.
    """
    message = "\n".join(("waystation-health/1", challenge, nonce, server_time, station_id))
    return hmac.new(token.encode("utf-8"), message.encode("utf-8"), hashlib.sha256).hexdigest()


class _Answer(BaseModel):
    """What the centre answers: unknown fields ignored, known ones of their exact JSON type."""

    model_config = ConfigDict(extra="ignore", frozen=True, strict=True)


class _Strict(BaseModel):
    """What the centre accepts: no unknown fields, no coercion (`false` is not 0, "1" is not 1)."""

    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)


# ---- what the kiosk sends -------------------------------------------------------------

def _json_integer(value: Any) -> Any:
    """JSON Schema's integer: 7 and 7.0, never true or "7"."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise ValueError("must be an integer")
    if isinstance(value, float):
        if not value.is_integer():
            raise ValueError("must be an integer")
        return int(value)
    return value


JsonInt = Annotated[int, BeforeValidator(_json_integer)]


class AttachmentRef(_Strict):
    sha256: str = Field(pattern=SHA256_PATTERN)
    size: JsonInt = Field(ge=0, le=MAX_ATTACHMENT_BYTES)
    media_type: str = Field(pattern=MEDIA_TYPE_PATTERN, max_length=100)
    name: str = Field(min_length=1, max_length=64)


IdentityMethodName = Literal["id_card", "smart_card", "qr_code", "keypad_with_helper", "simulated"]
CardKindName = Literal["resident", "foreign_permanent", "hk_mo_tw_residence"]
FaceCheckName = Literal["not_done", "matched", "helper_to_confirm", "helper_confirmed"]
LivenessName = Literal["not_done", "passed", "failed", "skipped"]
PrefillSource = Literal["card.name", "card.sex", "card.ethnicity", "card.birth_date", "card.address",
                        "card.id_number", "card.authority"]
# A GB 11643 number (resident, HK/MO/TW residence permit, 2023 foreign card) or a 2017 foreign card's.
VERIFIED_ID_PATTERN = r"^([0-9]{17}[0-9X]|[A-Z]{3}[0-9]{12})$"
MAX_BOUND_ANSWERS = 50


class VerifiedIdentity(_Strict):
    """What the kiosk's identity step verified, bound to the application (see openapi.yaml).

    `id_number` is personal data: over verified TLS only, sealed at rest on the kiosk.
    """

    method: IdentityMethodName
    id_number: str = Field(pattern=VERIFIED_ID_PATTERN)
    card_kind: CardKindName | None
    face_check: FaceCheckName
    face_score: float | None = Field(ge=-1.0, le=1.0)
    liveness: LivenessName
    bound_answers: dict[str, PrefillSource] = Field(max_length=MAX_BOUND_ANSWERS)


GB11643_PATTERN = r"^[0-9]{17}[0-9X]$"
ConsentMethod = Literal["card_again", "signature"]
Relationship = Literal["spouse", "child", "parent", "other_relative", "guardian", "other"]
PrincipalSource = Literal["principal.name", "principal.id_number", "principal.sex", "principal.birth_date"]
PersonName = Annotated[str, Field(min_length=1, max_length=50)]


class Consent(_Strict):
    """How the resident (the agent, in a proxy application) confirmed an application a helper guided."""

    method: ConsentMethod
    at: str = Field(pattern=DATE_TIME_PATTERN, max_length=40)
    signature: str | None = Field(default=None, min_length=1, max_length=64)  # the attachment's name

    @field_validator("at")
    @classmethod
    def _real_time(cls, value: str) -> str:
        return _a_real_time(value)


class Person(_Strict):
    """One of a proxy application's two people (personal data: verified TLS only)."""

    name: PersonName
    id_number: str = Field(pattern=VERIFIED_ID_PATTERN)


class Principal(_Strict):
    name: PersonName
    id_number: str = Field(pattern=GB11643_PATTERN)


class Proxy(_Strict):
    """A proxy application (代办): the agent (the verified person, at the kiosk) applies for the principal
    (the applicant, who could not come), with a signed authorisation letter (an attachment)."""

    agent: Person
    principal: Principal
    relationship: Relationship
    authorisation: str = Field(min_length=1, max_length=64)  # the attachment's name
    bound_answers: dict[str, PrincipalSource] = Field(max_length=MAX_BOUND_ANSWERS)


def _principal_value(principal: Principal, source: str) -> str:
    number = principal.id_number
    born = _id_number.birth_date(number)
    return {"principal.name": principal.name, "principal.id_number": number,
            "principal.sex": _id_number.sex(number).lower(),
            "principal.birth_date": born.isoformat() if born else ""}[source]


class ApplicationIn(_Strict):
    """One application as the kiosk sends it (`form` holds the answers: personal data).

    Beyond each field's own shape (see openapi.yaml: Application), a helper's application carries the
    resident's consent; a signature consent and a proxy's letter name attachments the application
    lists; a proxy's agent is the verified person and its principal someone else, with a valid number."""

    number: str = Field(pattern=NUMBER_PATTERN)
    service_id: str = Field(pattern=SERVICE_PATTERN)
    station_seq: JsonInt = Field(ge=0, le=2**63 - 1)
    created_at: str = Field(pattern=DATE_TIME_PATTERN, max_length=40)
    locale: str | None = Field(default=None, pattern=LOCALE_PATTERN)
    form: dict[str, Any]
    attachments: list[AttachmentRef] = Field(default_factory=list, max_length=MAX_ATTACHMENTS)
    corrects: str | None = Field(default=None, pattern=UUID_PATTERN)
    consent: Consent | None = None
    verified: VerifiedIdentity | None = None  # absent on applications queued before it existed
    assisted_by: str | None = Field(default=None, pattern=HELPER_NUMBER_PATTERN)
    proxy: Proxy | None = None

    @field_validator("attachments")
    @classmethod
    def _unique_items(cls, value: list[AttachmentRef]) -> list[AttachmentRef]:
        if len(set(value)) != len(value):  # the schema's uniqueItems
            raise ValueError("an attachment is listed twice")
        return value

    @field_validator("verified", mode="before")
    @classmethod
    def _object_when_given(cls, value: Any) -> Any:
        if value is None:  # the schema: absent, or an object; never null
            raise ValueError("verified is an object when given")
        return value

    @field_validator("created_at")
    @classmethod
    def _real_time(cls, value: str) -> str:
        return _a_real_time(value)

    @field_validator("proxy", mode="before")
    @classmethod
    def _proxy_object_when_given(cls, value: Any) -> Any:
        if value is None:  # the schema: absent, or an object; never null
            raise ValueError("proxy is an object when given")
        return value

    @model_validator(mode="after")
    def _assisted_relations(self) -> "ApplicationIn":
        """The relations between fields a schema cannot state (each message names fields, never values)."""
        names = {ref.name: ref for ref in self.attachments}
        if self.assisted_by is not None and self.consent is None:
            raise ValueError("consent: a helper's application carries the resident's consent")
        if self.consent is not None:
            if self.consent.method == "signature":
                ref = names.get(self.consent.signature or "")
                if ref is None or ref.media_type != "image/png":
                    raise ValueError("consent.signature must name a PNG attachment of this application")
            elif self.consent.signature is not None:
                raise ValueError("consent.signature is given only for a signature")
            elif self.verified is None or self.verified.card_kind is None:
                raise ValueError("consent: card_again needs a card verified at the identity step")
        if self.proxy is not None:
            self._check_proxy(self.proxy, names)
        return self

    def _check_proxy(self, proxy: Proxy, names: dict[str, AttachmentRef]) -> None:
        if self.assisted_by is None or self.verified is None:
            raise ValueError("proxy: an agent's application is guided (assisted_by) and verified")
        if proxy.agent.id_number != self.verified.id_number:
            raise ValueError("proxy.agent.id_number must be the verified id_number")
        if not _id_number.is_valid(proxy.principal.id_number):
            raise ValueError("proxy.principal.id_number is not a valid GB 11643 number")
        if proxy.principal.id_number == proxy.agent.id_number:
            raise ValueError("proxy.principal must be someone other than the agent")
        if proxy.authorisation not in names:
            raise ValueError("proxy.authorisation must name an attachment of this application")
        if self.verified.bound_answers:
            raise ValueError("verified.bound_answers: a proxy's form is the principal's, bound to nothing of the agent")
        answers = self.form.get("answers")
        for field_id, source in proxy.bound_answers.items():
            if isinstance(answers, dict) and answers.get(field_id) != _principal_value(proxy.principal, source):
                raise ValueError(f"form.answers.{field_id[:64]} must equal {source}")


RatingLevel = Literal["very_satisfied", "satisfied", "basic", "dissatisfied", "very_dissatisfied"]


class RatingIn(_Strict):
    """A resident's 好差评 rating of a visit (openapi: Rating): nothing personal."""

    application_number: str = Field(pattern=NUMBER_PATTERN)
    service_id: str = Field(pattern=SERVICE_PATTERN)
    level: RatingLevel
    reasons: list[Annotated[str, Field(pattern=r"^[a-z0-9_]{1,40}$")]] = Field(max_length=8)
    helper_called: bool
    rated_at: str = Field(pattern=DATE_TIME_PATTERN, max_length=40)

    @field_validator("reasons")
    @classmethod
    def _unique_reasons(cls, value: list[str]) -> list[str]:
        if len(set(value)) != len(value):  # the schema's uniqueItems
            raise ValueError("a reason is listed twice")
        return value

    @field_validator("rated_at")
    @classmethod
    def _real_time(cls, value: str) -> str:
        return _a_real_time(value)


HelpRequestState = Literal["open", "acknowledged", "resolved"]
HELP_REQUEST_STATES: tuple[str, ...] = HelpRequestState.__args__  # type: ignore[attr-defined]
HELP_REQUEST_RANK = {state: rank for rank, state in enumerate(HELP_REQUEST_STATES)}
AnyTime = Annotated[str, Field(pattern=DATE_TIME_PATTERN, max_length=40), AfterValidator(_a_real_time)]


class HelpRequestIn(_Strict):
    """A resident's call for a helper and how far it got (openapi: HelpRequest): nothing personal.

    Each state carries its time; a later state may carry the earlier ones' (a request resolved
    while the kiosk was offline arrives once, as resolved)."""

    station_id: str = Field(pattern=STATION_PATTERN)
    opened_at: AnyTime
    screen: str = Field(pattern=SCREEN_PATTERN)
    service_id: str | None = Field(pattern=SERVICE_PATTERN)
    state: HelpRequestState
    acknowledged_at: AnyTime | None
    resolved_at: AnyTime | None

    @model_validator(mode="after")
    def _times_fit_the_state(self) -> "HelpRequestIn":
        if self.state == "open" and (self.acknowledged_at is not None or self.resolved_at is not None):
            raise ValueError("an open request has no acknowledged_at or resolved_at")
        if self.state == "acknowledged" and (self.acknowledged_at is None or self.resolved_at is not None):
            raise ValueError("an acknowledged request has acknowledged_at and no resolved_at")
        if self.state == "resolved" and self.resolved_at is None:
            raise ValueError("a resolved request has resolved_at")
        return self


FaceReviewOutcome = Literal["same_person", "not_same_person", "not_decided"]


class FaceReviewIn(_Strict):
    """A station helper's side-by-side check of an application's live face against its card photo
    (openapi: FaceReview), or `not_decided` when no helper decided in time."""

    outcome: FaceReviewOutcome
    helper_number: str | None = Field(pattern=HELPER_NUMBER_PATTERN)
    decided_at: AnyTime

    @model_validator(mode="after")
    def _a_helper_decides(self) -> "FaceReviewIn":
        if (self.outcome == "not_decided") != (self.helper_number is None):
            raise ValueError("helper_number is given exactly when a helper decided")
        return self


# ---- what the centre answers ------------------------------------------------------------

class ErrorBody(_Answer):
    code: str = Field(min_length=1, max_length=64)
    message: str = Field(max_length=2000)
    details: list[dict[str, Any]] | None = None


class MissingAttachment(_Answer):
    sha256: str = Field(pattern=SHA256_PATTERN)
    received: JsonInt = Field(ge=0)


class ApplicationAnswer(_Answer):
    """The centre's receipt: `central_id` and `received_at` never change for a UUID."""

    uuid: AnswerUuid
    central_id: str = Field(min_length=1, max_length=64)
    number: str
    received_at: AnswerTime
    status: ApplicationStatus
    reason: str | None = None
    complete: bool
    missing_attachments: list[MissingAttachment]
    replayed: bool = False


class AttachmentState(_Answer):
    sha256: str = Field(pattern=SHA256_PATTERN)
    state: AttachmentStateName
    received: JsonInt = Field(ge=0)
    size: JsonInt | None = Field(default=None, ge=0)


class HealthAnswer(_Answer):
    service: Literal["waystation-central"]
    protocol: JsonInt = Field(ge=1)
    station_id: str = Field(min_length=1, max_length=64)
    server_time: AnswerTime
    challenge: str
    nonce: str = Field(min_length=16, max_length=128)
    proof: str = Field(pattern=r"^[0-9a-f]{64}$")


class CatalogEnvelope(_Answer):
    """A catalog and its detached Ed25519 signature (see `sync.signing`)."""

    version: JsonInt = Field(ge=1)
    published_at: AnswerTime
    key_id: str = Field(max_length=64)
    payload: str  # base64 of the signed bytes (JSON: version, published_at, catalog)
    signature: str  # base64 Ed25519 signature


class StatusItem(_Answer):
    uuid: AnswerUuid
    central_id: str
    number: str
    status: ReviewStatus
    reason: str | None = None
    changed_at: AnswerTime


class StatusPage(_Answer):
    items: list[StatusItem]
    cursor: str = Field(max_length=64)
    more: bool


class RatingAnswer(_Answer):
    """The centre's receipt of a rating: `received_at` never changes for a UUID."""

    uuid: AnswerUuid
    received_at: str
    replayed: bool


# ---- enrollment (a station redeems a one-time code for its id and token) -------------------

STATION_ID_PATTERN = r"^[A-Z0-9]{2,8}$"  # as the kiosk config's station.id
ENROLLMENT_CODE_PATTERN = r"^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}$"  # sync.enrollment_code.PATTERN
STATION_NAME_PATTERN = r"^[^\x00-\x1f\x7f]{1,80}$"  # a name for people: no control characters
TOKEN_PATTERN = r"^[A-Za-z0-9._~+/=-]{16,256}$"  # what a kiosk can hold in its token file and send as Bearer
MAX_ENROLLMENT_BYTES = 4 * 1024
ENROLLMENT_REFUSALS = ("enrollment_code_unknown", "enrollment_code_used", "enrollment_code_expired")


class EnrollmentIn(_Strict):
    """A station redeeming a code (openapi: EnrollmentRequest): the code in its canonical form."""

    code: str = Field(pattern=ENROLLMENT_CODE_PATTERN)


class EnrollmentAnswer(_Answer):
    """What the centre gives a station for a good code (openapi: Enrollment): who it is and its token.

    `token` is a secret: the kiosk writes it to an owner-only file and never logs it."""

    station_id: str = Field(pattern=STATION_ID_PATTERN)
    station_name: str = Field(pattern=STATION_NAME_PATTERN)
    token: str = Field(pattern=TOKEN_PATTERN)
    catalog_public_key: str = Field(pattern=r"^[0-9a-f]{64}$")
    protocol: JsonInt = Field(ge=1)
    enrolled_at: AnswerTime


class HelpRequestAnswer(_Answer):
    """The centre's receipt of a help request: the state it holds now (never behind one it accepted)."""

    uuid: AnswerUuid
    state: HelpRequestState
    received_at: AnswerTime
    updated_at: AnswerTime
    replayed: bool


class FaceReviewAnswer(_Answer):
    """The centre's receipt of a face review (`uuid`: the application's)."""

    uuid: AnswerUuid
    outcome: FaceReviewOutcome
    received_at: AnswerTime
    replayed: bool
