"""Walk the screens of the visits a helper leads (guided, proxy, a correction), for the gallery and layout tests.

Like `ui.gallery.walk_screens`, with sample data only: a sample helper signs in, the sample card
is the resident (a second sample card the agent), a sample application is set aside in the
window's own store for the correction.  Each screen is yielded while it is on display.
"""

from __future__ import annotations

import datetime as _dt
from typing import Iterator

from devices.card.reader import CardEvent, CardEventKind
from kiosk import applications, id_number, outbox, proxy, samples
from kiosk.identity import CardData, FaceCheck, Identity, IdentityMethod
from kiosk.session import Session, State
from kiosk.staff import Helper
from ui.gallery import sample_card, settle
from ui.sample_image import sample_document_jpeg

SAMPLE_HELPER = Helper("H001", "张三")
SAMPLE_PRINCIPAL_ID = id_number.make("110105", _dt.date(1936, 2, 9), 42)


def sample_agent() -> CardData:
    return CardData("李大伟", "M", "汉", _dt.date(1968, 9, 3), "北京市朝阳区和平街11号", id_number.make(
        "110105", _dt.date(1968, 9, 3), 31), "北京市公安局朝阳分局", _dt.date(2018, 3, 1), None)


def _sample_signature(window) -> None:
    """A zigzag as a name is written, drawn on the consent screen's pad (mm); in elder mode, which shows
    one way a screen, after touching "Sign on the screen instead"."""
    if window.screen.pad is None:
        window.session.choose_consent_way("signature")
        settle()
    window.screen.pad.add_stroke([(10 + i * 2.0, 14 + (7 if i % 2 else 0)) for i in range(34)])


def _fill_form(session: Session) -> None:
    while session.state == State.FORM:
        session.next({f.id: session.answers.get(f.id) or samples.answer_for(f) for f in session.page_fields()
                      if f.id not in session.bound_fields()})


def _photos(session: Session) -> None:
    while session.state == State.DOCUMENTS:
        session.add_photo(session.current_document().id, sample_document_jpeg())
        session.next()


def _submit_from_consent(window) -> None:
    window.submit()
    window.tasks.wait()
    settle()
    window.printing.wait()
    settle()


def walk_assisted_screens(window, session: Session) -> Iterator[str]:
    """Show each screen of a guided, a proxy and a correction visit; yields each screen's name."""
    window.set_helper(SAMPLE_HELPER)
    window.start_guided()
    settle()
    yield "guided_home"
    # Guided: no card, the number typed with the helper, the name typed by the helper.
    session.choose_service("senior_card")
    session.next()
    settle()
    yield "guided_identity"
    session.identify(Identity(IdentityMethod.KEYPAD_WITH_HELPER, id_number=samples.SAMPLE_ID))
    settle()
    yield "guided_form"
    # On to the mobile number's page, with a wrong one: the error, the keys and the banner on one screen.
    while session.state == State.FORM and not any(f.type == "mobile" for f in session.page_fields()):
        session.next({f.id: session.answers.get(f.id) or samples.answer_for(f) for f in session.page_fields()
                      if f.id not in session.bound_fields()})
    session.next({f.id: "1" if f.type == "mobile" else samples.answer_for(f) for f in session.page_fields()
                  if f.id not in session.bound_fields()})
    settle()
    yield "guided_form_error"
    _fill_form(session)
    settle()
    yield "guided_review"
    window.submit()
    settle()
    yield "guided_consent"
    window.screen._on_card(CardEvent(CardEventKind.READ, sample_agent(), method=IdentityMethod.SIMULATED))
    settle()
    yield "guided_consent_other_card"
    _sample_signature(window)
    settle()
    yield "guided_consent_signed"
    window.screen._signed()  # the PNG is drawn off the GUI thread, then the consent kept and submitted
    window.compute.wait()
    settle()
    window.tasks.wait()
    settle()
    window.printing.wait()
    settle()
    yield "guided_receipt"
    session.finish()
    settle()
    # Proxy: the agent's card, the principal's details, the letter, the agent confirms.
    window.start_proxy("social_security_card")
    settle()
    yield "proxy_guide"
    session.next()
    settle()
    yield "proxy_identity"
    agent = sample_agent()
    session.identify(Identity.from_card(agent, IdentityMethod.SIMULATED))
    if session.needs_face():
        session.set_face(FaceCheck.HELPER_TO_CONFIRM)
    settle()
    yield "proxy_principal"
    session.next({proxy.PRINCIPAL_NAME: "王秀兰", proxy.PRINCIPAL_ID: agent.id_number,
                  proxy.RELATIONSHIP: "child"})
    settle()
    yield "proxy_principal_error"  # the agent's own number typed as the principal's
    if session.elder_mode:  # one question a screen: the number's page, then the relationship's
        session.next({proxy.PRINCIPAL_ID: SAMPLE_PRINCIPAL_ID})
        session.next({proxy.RELATIONSHIP: "child"})
    else:
        session.next({proxy.PRINCIPAL_NAME: "王秀兰", proxy.PRINCIPAL_ID: SAMPLE_PRINCIPAL_ID,
                      proxy.RELATIONSHIP: "child"})
    settle()
    yield "proxy_form"
    _fill_form(session)
    settle()
    yield "proxy_letter"
    _photos(session)
    settle()
    yield "proxy_review"
    window.submit()
    settle()
    yield "proxy_consent"
    _sample_signature(window)
    window.screen._signed()  # the PNG is drawn off the GUI thread, then the consent kept and submitted
    window.compute.wait()
    settle()
    window.tasks.wait()
    settle()
    window.printing.wait()
    settle()
    yield "proxy_receipt"
    session.finish()
    settle()
    # A correction: an application the centre refused, set aside, opened again with its resident.
    yield from _walk_correction(window, session)


def _walk_correction(window, session: Session) -> Iterator[str]:
    plain = Session(session.catalog)
    plain.choose_service("household_certificate")
    plain.next()
    plain.identify(Identity.from_card(sample_card(), IdentityMethod.SIMULATED))
    _fill_form(plain)
    old = plain.submit(lambda draft: applications.submit(window.store, draft, window.station_id))
    row = next(r for r in outbox.due(window.store, limit=100, now=float("inf")) if r.application_uuid
               == old.application_uuid)
    outbox.quarantine(window.store, row, "sync.rejected", server_code="invalid_application")
    window.start_correction(old.application_uuid)
    window.tasks.wait()
    settle()
    yield "correction_identity"
    session.identify(Identity.from_card(sample_card(), IdentityMethod.SIMULATED))
    settle()
    yield "correction_form"
    _fill_form(session)
    window.submit()
    settle()
    window.screen._on_card(CardEvent(CardEventKind.READ, sample_card(), method=IdentityMethod.SIMULATED))
    window.tasks.wait()
    settle()
    window.printing.wait()
    settle()
    yield "correction_receipt"
    session.finish()
    window.set_helper(None)
    settle()


def walk_outreach_screens(window, session: Session) -> Iterator[str]:
    """Outreach mode (ui/outreach.py) on this window, last (its status line stays): before a helper signs
    in, a guided visit's home, and the line while the centre cannot be reached."""
    from dataclasses import replace

    from kiosk.sync_status import SyncStatus
    from ui.outreach import OutreachMode
    from ui.screen_lock import ScreenLockWatch

    session.defaults = replace(session.defaults, guided_only=True)
    nowhere = "unix:path=/nonexistent/bus"  # the gallery listens to no desktop's lock
    window.outreach = OutreachMode(window, lock_watch=ScreenLockWatch(session_bus=nowhere, system_bus=nowhere))
    window.tasks.wait()
    settle()
    yield "outreach_no_helper"
    window.set_helper(SAMPLE_HELPER)
    window.bridge.sync_status.emit(SyncStatus("offline", "sync.offline", waiting=3, set_aside=0))
    window.tasks.wait()
    settle()
    yield "outreach_offline"
    session.choose_service("senior_card")
    session.next()
    settle()
    yield "outreach_identity"
    window.set_helper(None)
    settle()
