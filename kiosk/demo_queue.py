"""`waystation demo-queue`: sample applications on a demo station, as a resident's session makes them.

For IT trying a station before it goes live (does sync reach the centre? does an
upgrade keep the queue?) and for the package's upgrade test, which queues
through the installed build's own code.  Each application walks a real session
from the home screen to the receipt: the sample card (kiosk.samples, a made-up
person), the sample answers, the given photo for every document, and the store's
one durable submit.  Refused on a production station (`station.production = true`):
sample applications must never reach a real centre as if they were residents'.
"""

from __future__ import annotations

import datetime as _dt
import sys

from kiosk import applications, samples
from kiosk.catalog import Catalog, CatalogRepository
from kiosk.config import Config
from kiosk.errors import ConfigError
from kiosk.identity import CardData, FaceCheck, Identity, IdentityMethod
from kiosk.receipts import Receipt
from kiosk.session import Session, State
from kiosk.store import Store, open_store

MAX_COUNT = 1000


def sample_card() -> CardData:
    """A made-up resident ID card (the sample number, a sample name and address)."""
    return CardData("王小明", "M", "汉", _dt.date(1952, 6, 18), "北京市东城区景山前街4号", samples.SAMPLE_ID,
                    "北京市公安局东城分局", _dt.date(2016, 5, 1), None)


def queue(store: Store, catalog: Catalog, station_id: str, count: int, photo: bytes) -> list[Receipt]:
    """Submit `count` sample applications, one service after another; returns their receipts."""
    receipts = []
    for index in range(count):
        session = Session(catalog)
        session.choose_service(catalog.services[index % len(catalog.services)].id)
        session.next()
        session.identify(Identity.from_card(sample_card(), IdentityMethod.SIMULATED))
        if session.needs_face():
            session.set_face(FaceCheck.HELPER_TO_CONFIRM)
        while session.state == State.FORM:
            session.next({field.id: session.answers.get(field.id) or samples.answer_for(field)
                          for field in session.page_fields()})
        while session.state == State.DOCUMENTS:
            session.add_photo(session.current_document().id, photo)
            session.next()
        receipts.append(session.submit(lambda draft: applications.submit(store, draft, station_id)))
    return receipts


def main(config: Config, count: int, photo: bytes) -> int:
    """The command: queue `count` samples in the station's own store; prints their numbers."""
    if config.station.production:
        raise ConfigError("config.invalid", key="station.production",
                          problem="true: sample applications are refused on a production station")
    if not 1 <= count <= MAX_COUNT:
        raise ConfigError("config.invalid", key="--count", problem=f"between 1 and {MAX_COUNT}")
    store = open_store(config)
    try:
        receipts = queue(store, CatalogRepository(config.storage.data_dir).load(), config.station.id, count, photo)
    finally:
        store.close()
    for receipt in receipts:
        print(receipt.number)
    print(f"queued {len(receipts)} sample applications in {config.storage.database}", file=sys.stderr)
    return 0
