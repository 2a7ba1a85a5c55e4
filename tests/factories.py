"""Test data builders shared by test files (import: `from factories import ...`)."""

from __future__ import annotations

import datetime as _dt

from kiosk import id_number, samples
from kiosk.identity import CardData, FaceCheck, Identity, IdentityMethod
from kiosk.session import Session, State


def make_card(name: str = "李秀英", born: _dt.date = _dt.date(1952, 6, 18), sequence: int = 24,
              valid_until: _dt.date | None = None) -> CardData:
    return CardData(
        name=name, sex="F" if sequence % 2 == 0 else "M", ethnicity="汉", birth_date=born,
        address="北京市东城区景山前街4号院3号楼2单元501室",
        id_number=id_number.make("110101", born, sequence), authority="北京市公安局东城分局",
        valid_from=_dt.date(2016, 5, 1), valid_until=valid_until,
    )


# A small real JPEG (8x8 white) for document photos.
TINY_JPEG = bytes.fromhex(
    "ffd8ffe000104a46494600010100000100010000ffdb004300080606070605080707070909080a0c140d0c0b0b0c1912130f14"
    "1d1a1f1e1d1a1c1c20242e2720222c231c1c2837292c30313434341f27393d38323c2e333432ffc0000b080008000801011100"
    "ffc4001f0000010501010101010100000000000000000102030405060708090a0bffc400b5100002010303020403050504040000"
    "017d01020300041105122131410613516107227114328191a1082342b1c11552d1f02433627282090a161718191a2526272829"
    "2a3435363738393a434445464748494a535455565758595a636465666768696a737475767778797a838485868788898a9293"
    "9495969798999aa2a3a4a5a6a7a8a9aab2b3b4b5b6b7b8b9bac2c3c4c5c6c7c8c9cad2d3d4d5d6d7d8d9dae1e2e3e4e5e6e7"
    "e8e9eaf1f2f3f4f5f6f7f8f9faffda0008010100003f00fbfcffd9"
)


def fill_to_review(session: Session, service_id: str, card: CardData, photo: bytes = TINY_JPEG) -> None:
    """Drive a session from home to the review screen with valid answers."""
    session.choose_service(service_id)
    session.next()
    session.identify(Identity.from_card(card, IdentityMethod.SIMULATED))
    if session.needs_face():
        session.set_face(FaceCheck.HELPER_TO_CONFIRM)
    answer_to_review(session, photo)


def answer_to_review(session: Session, photo: bytes = TINY_JPEG) -> None:
    """From the form's first page: valid answers and a photo of every document, up to the review."""
    while session.state == State.FORM:
        for field in session.page_fields():
            if not session.answers.get(field.id):
                assert session.set_answer(field.id, samples.answer_for(field)), field.id
        session.next()
    while session.state == State.DOCUMENTS:
        assert session.add_photo(session.current_document().id, photo)
        session.next()
    assert session.state == State.REVIEW
