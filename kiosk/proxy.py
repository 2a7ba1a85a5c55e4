"""Proxy applications (代办): an agent applies for someone who cannot come.

Two people, told apart everywhere:
- the **agent** (代理人) is the person at the kiosk.  Their card is read and verified like any
  resident's (kiosk.identity); nothing of them is typed, so their name and number are what the card
  says and nobody can change them (the card-bound rule of issue 10 holds for the agent).
- the **principal** (委托人) is the applicant, who cannot come.  Their name and ID number are typed
  with the helper and validated (GB 11643 check digit), their relationship to the agent is chosen
  from `RELATIONSHIPS`, and the letter they signed (委托书) is photographed.

A proxy visit uses the service with three questions about the principal in front of its form and
the letter in front of its documents (`service_for_proxy`): pages, validation, errors, review and
"Change" then work as for every other question.  The service's own questions filled from a card
(name, ID number, sex, birth date) describe the applicant, so in a proxy visit they hold the
principal's validated answers (`principal_sources`) and cannot be typed over; on the wire the
principal's details travel in `proxy`, not in the form's answers.  Nothing here imports Qt.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass

from kiosk import id_number
from kiosk.catalog import Field, Option, Service, Text
from kiosk.errors import CatalogError, ValidationError

PRINCIPAL_NAME = "principal_name"
PRINCIPAL_ID = "principal_id_number"
RELATIONSHIP = "principal_relationship"
LETTER = "proxy_authorisation"  # the attachment holding the photo of the signed letter
PRINCIPAL_FIELDS = (PRINCIPAL_NAME, PRINCIPAL_ID, RELATIONSHIP)

# (value, 中文, English): how the agent is related to the principal.
RELATIONSHIPS = (
    ("spouse", "配偶", "Spouse"),
    ("child", "子女", "Son or daughter"),
    ("parent", "父母", "Parent"),
    ("other_relative", "其他亲属", "Other relative"),
    ("guardian", "监护人", "Guardian"),
    ("other", "其他（受托人）", "Other (trusted person)"),
)
RELATIONSHIP_VALUES = tuple(value for value, _, _ in RELATIONSHIPS)

# Which card source of the service's own questions the principal's answers stand for, and the name
# the protocol gives it (openapi: Proxy.bound_answers).
PRINCIPAL_SOURCES = {"card.name": "principal.name", "card.id_number": "principal.id_number",
                     "card.sex": "principal.sex", "card.birth_date": "principal.birth_date"}


def principal_fields() -> tuple[Field, ...]:
    """The three questions about the principal, asked before the service's own."""
    return (
        Field(id=PRINCIPAL_NAME, type="text", charset="name", min_length=2, max_length=50,
              label=Text(zh_CN="委托人姓名", en="Principal's full name"),
              help=Text(zh_CN="委托您办理的人（申请人）的姓名，与其身份证一致。工作人员可用键盘输入。",
                        en="The name of the person you apply for (the applicant), as on their ID card. "
                           "The helper can type it.")),
        Field(id=PRINCIPAL_ID, type="id_number", sensitive=True,
              label=Text(zh_CN="委托人身份证号码", en="Principal's ID number"),
              help=Text(zh_CN="申请人的18位身份证号码，请逐位核对。",
                        en="The applicant's ID number.")),
        Field(id=RELATIONSHIP, type="choice",
              label=Text(zh_CN="您与委托人的关系", en="Your relationship to the principal"),
              help=Text(zh_CN="您是委托人的什么人？", en="How are you related to the person you apply for?"),
              options=tuple(Option(value=value, label=Text(zh_CN=zh, en=en)) for value, zh, en in RELATIONSHIPS)),
    )


def letter_field() -> Field:
    """The signed authorisation letter, photographed before the service's own documents."""
    return Field(id=LETTER, type="photo",
                 label=Text(zh_CN="授权委托书", en="Signed authorisation letter (委托书)"),
                 help=Text(zh_CN="委托人签名的授权委托书，整页拍清楚。",
                           en="The letter the principal signed to authorise you; the whole page, clearly."))


def service_for_proxy(service: Service) -> Service:
    """The service as a proxy visit asks it: the principal's questions first, the letter first of
    the documents.  CatalogError when the catalog does not allow proxies for it (or uses our ids)."""
    if not service.proxy_allowed:
        raise CatalogError("proxy.not_allowed", service=service.id)
    own = {field.id for field in service.fields}
    if own & {*PRINCIPAL_FIELDS, LETTER}:
        raise CatalogError(problem=f"service {service.id} uses a field id reserved for proxy applications")
    return service.model_copy(update={"fields": (*principal_fields(), letter_field(), *service.fields)})


def is_principal_field(field_id: str) -> bool:
    return field_id in PRINCIPAL_FIELDS


@dataclass(frozen=True)
class Principal:
    """The person a proxy application is for (personal data: sealed at rest, never logged)."""

    name: str
    id_number: str
    relationship: str

    def __repr__(self) -> str:
        return f"Principal(id={id_number.mask(self.id_number)}, relationship={self.relationship})"

    __str__ = __repr__

    def sources(self) -> dict[str, str]:
        """The values the service's card-filled questions take in a proxy visit (sex and birth date
        come from the ID number, where GB 11643 writes them)."""
        born = id_number.birth_date(self.id_number)
        return {"card.name": self.name, "card.id_number": self.id_number,
                "card.sex": id_number.sex(self.id_number).lower(),
                **({"card.birth_date": born.isoformat()} if born is not None else {})}


def validate_principal(name: str, number: str, relationship: str, agent_id_number: str = "",
                       today: _dt.date | None = None) -> Principal:
    """The principal's typed details, normalised, or ValidationError naming the field at fault.

    The agent cannot be their own principal: a proxy application for oneself is an ordinary one."""
    from kiosk import fields as field_rules

    by_id = {field.id: field for field in principal_fields()}
    name = field_rules.validate(by_id[PRINCIPAL_NAME], name, today)
    number = field_rules.validate(by_id[PRINCIPAL_ID], number, today)
    check_not_agent(number, agent_id_number)
    relationship = field_rules.validate(by_id[RELATIONSHIP], relationship, today)
    return Principal(name, number, relationship)


def check_not_agent(principal_id_number: str, agent_id_number: str) -> None:
    if agent_id_number and id_number.normalise(principal_id_number) == id_number.normalise(agent_id_number):
        raise ValidationError("proxy.same_person", field=PRINCIPAL_ID)


def principal_from_answers(answers: dict[str, str]) -> Principal | None:
    """The principal once all three questions hold validated answers (None before)."""
    values = [answers.get(field_id, "") for field_id in PRINCIPAL_FIELDS]
    return Principal(*values) if all(values) else None


def wire(principal: Principal, agent_name: str, agent_id_number: str, bound: dict[str, str]) -> dict:
    """The protocol's `proxy` object (openapi: Proxy): both people, told apart; personal data,
    sealed at rest with the application and sent only over verified TLS."""
    return {
        "agent": {"name": agent_name, "id_number": agent_id_number},
        "principal": {"name": principal.name, "id_number": principal.id_number},
        "relationship": principal.relationship,
        "authorisation": LETTER,
        "bound_answers": {field_id: PRINCIPAL_SOURCES[source] for field_id, source in bound.items()},
    }
