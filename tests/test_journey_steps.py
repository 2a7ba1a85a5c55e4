"""The step indicator's steps, for every step of every bundled service (core, no screen).

A resident walking a service sees 核验身份 → 填写信息 → 拍摄材料 → 确认提交, and a
service without photos has no photo step ("第 3 步，共 3 步" on its review).
"""

from __future__ import annotations

import datetime as _dt

import pytest

from kiosk import catalog as catalog_mod, journey_steps, samples
from kiosk.identity import CardData, FaceCheck, Identity, IdentityMethod
from kiosk.journey_steps import CONFIRM, FORM, IDENTITY, PHOTOS
from kiosk.session import Session, State

CATALOG = catalog_mod.bundled()
CARD = CardData("王小明", "M", "汉", _dt.date(1952, 6, 18), "北京市东城区景山前街4号", samples.SAMPLE_ID,
                "北京市公安局东城分局", _dt.date(2016, 5, 1), None)


def walk(service_id: str) -> list[tuple[State, journey_steps.StepPosition | None]]:
    """Every screen of the service, in order, with the step position it shows."""
    session = Session(CATALOG)
    seen = [(session.state, journey_steps.position(session.service, session.state))]

    def note() -> None:
        seen.append((session.state, journey_steps.position(session.service, session.state)))

    session.choose_service(service_id)
    note()
    session.next()
    note()
    session.identify(Identity.from_card(CARD, IdentityMethod.SIMULATED))
    if session.needs_face():
        note()
        session.set_face(FaceCheck.HELPER_TO_CONFIRM)
    while session.state == State.FORM:
        note()
        session.next({f.id: session.answers.get(f.id) or samples.answer_for(f) for f in session.page_fields()})
    while session.state == State.DOCUMENTS:
        note()
        session.add_photo(session.current_document().id, b"\xff\xd8\xff\xe0" + b"0" * 2000)
        session.next()
    note()
    return seen


@pytest.mark.parametrize("service", CATALOG.services, ids=lambda s: s.id)
def test_every_step_of_every_service(service) -> None:
    expected = (IDENTITY, FORM, PHOTOS, CONFIRM) if service.photo_fields else (IDENTITY, FORM, CONFIRM)
    assert journey_steps.steps_for(service) == expected
    wanted = {State.IDENTITY: IDENTITY, State.FORM: FORM, State.DOCUMENTS: PHOTOS, State.REVIEW: CONFIRM}
    seen = walk(service.id)
    assert seen[-1][0] == State.REVIEW, "the walk reaches the review"
    for state, position in seen:
        if state not in wanted:
            assert position is None, f"{state} is not a step"
            continue
        assert position.current == wanted[state]
        assert position.total == len(expected)
        assert position.number == expected.index(wanted[state]) + 1
        assert all(position.done(step) for step in expected[:position.number - 1])
        assert not any(position.done(step) for step in expected[position.number - 1:])


def test_a_service_without_photos_reviews_on_step_3_of_3() -> None:
    service = next(s for s in CATALOG.services if not s.photo_fields)
    position = journey_steps.position(service, State.REVIEW)
    assert (position.number, position.total) == (3, 3)


def test_no_step_outside_a_service() -> None:
    for state in (State.HOME, State.GUIDE, State.RECEIPT, State.STATUS, State.SUBMITTED):
        assert journey_steps.position(CATALOG.services[0], state) is None
    assert journey_steps.position(None, State.FORM) is None
