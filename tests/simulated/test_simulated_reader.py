"""The simulated card reader and its fixture residents."""

from __future__ import annotations

import datetime as dt
import queue
import threading

import cv2
import numpy as np
import pytest

from devices.card.reader import CardEvent, CardEventKind as K
from devices.simulated.fixtures import (ELDER_INDEX, EXPIRED_INDEX, FIXTURE_CARDS, FOREIGN_INDEX, NO_PHOTO_INDEX)
from devices.simulated.reader import SimulatedReader
from kiosk import id_number
from kiosk.identity import CardKind, IdentityMethod, mask_name


class Events:
    def __init__(self) -> None:
        self.queue: queue.Queue[CardEvent] = queue.Queue()
        self.threads: set[int] = set()

    def __call__(self, event: CardEvent) -> None:
        self.threads.add(threading.get_ident())
        self.queue.put(event)

    def expect(self, *kinds: K) -> list[CardEvent]:
        got = [self.queue.get(timeout=5) for _ in kinds]
        assert [e.kind for e in got] == list(kinds)
        return got


@pytest.fixture
def events():
    return Events()


@pytest.fixture
def reader(events):
    r = SimulatedReader()
    r.add_listener(events)
    r.start()
    events.expect(K.CONNECTED)
    yield r
    r.stop()


# ---- fixtures ----

def test_resident_fixtures_have_valid_consistent_id_numbers():
    residents = [c for c in FIXTURE_CARDS if c.kind == CardKind.RESIDENT]
    assert len(residents) >= 4
    for card in residents:
        assert id_number.validate(card.id_number) == card.id_number
        assert id_number.birth_date(card.id_number) == card.birth_date
        assert id_number.sex(card.id_number) == card.sex
    assert len({c.id_number for c in FIXTURE_CARDS}) == len(FIXTURE_CARDS)


def test_fixture_set_covers_the_cases_the_journey_must_handle():
    today = dt.date(2026, 11, 24)
    assert FIXTURE_CARDS[EXPIRED_INDEX].is_expired(today)
    assert [i for i, c in enumerate(FIXTURE_CARDS) if c.is_expired(today)] == [EXPIRED_INDEX]
    assert FIXTURE_CARDS[ELDER_INDEX].birth_date.year == 1950
    assert FIXTURE_CARDS[ELDER_INDEX].valid_until is None          # long-term card
    foreign = FIXTURE_CARDS[FOREIGN_INDEX]
    assert foreign.kind == CardKind.FOREIGN_PERMANENT and foreign.english_name and foreign.nationality
    assert FIXTURE_CARDS[NO_PHOTO_INDEX].photo is None
    assert mask_name(FIXTURE_CARDS[0].name) == "张*明"


def test_fixture_photos_are_real_bmp_images():
    for card in FIXTURE_CARDS:
        if card.photo is None:
            continue
        image = cv2.imdecode(np.frombuffer(card.photo, np.uint8), cv2.IMREAD_COLOR)
        assert image is not None and image.shape == (126, 102, 3)


def test_fixture_repr_never_shows_personal_data():
    for card in FIXTURE_CARDS:
        assert card.name not in repr(card) and card.id_number not in repr(card)


# ---- the reader ----

@pytest.mark.parametrize("index", range(len(FIXTURE_CARDS)))
def test_present_reads_the_fixture_card_on_the_reader_thread(reader, events, index):
    reader.present(index)
    _, read = events.expect(K.INSERTED, K.READ)
    assert read.card == FIXTURE_CARDS[index]
    assert read.method == IdentityMethod.SIMULATED
    assert threading.get_ident() not in events.threads


def test_remove_and_replace(reader, events):
    reader.present(0)
    events.expect(K.INSERTED, K.READ)
    reader.present(1)                      # swapping cards: the first is taken away first
    events.expect(K.REMOVED, K.INSERTED, K.READ)
    reader.remove()
    events.expect(K.REMOVED)
    reader.remove()                        # nothing on the reader: no event
    reader.present(2)
    assert events.expect(K.INSERTED, K.READ)[1].card.is_expired()


def test_simulated_failure_carries_the_people_facing_text(reader, events):
    reader.fail("card.moved_away")
    _, error = events.expect(K.INSERTED, K.ERROR)
    assert error.error.code == "card.moved_away"
    assert "移开" in error.error.text("zh_CN") and "moved away" in error.error.text("en")


def test_unplug_ignores_cards_until_plugged_back(reader, events):
    reader.present(0)
    events.expect(K.INSERTED, K.READ)
    reader.unplug()
    (gone,) = events.expect(K.DISCONNECTED)
    assert gone.error.code == "card.reader_disconnected"
    reader.present(1)
    reader.replug()
    events.expect(K.CONNECTED)             # the card presented while unplugged was not seen
    reader.present(1)
    events.expect(K.INSERTED, K.READ)


def test_present_with_a_bad_index_fails_for_the_caller(reader):
    with pytest.raises(IndexError):
        reader.present(len(FIXTURE_CARDS))


def test_read_delay_and_stop_are_safe(events):
    r = SimulatedReader(read_delay=0.05)
    r.add_listener(events)
    r.start()
    events.expect(K.CONNECTED)
    r.present(0)
    events.expect(K.INSERTED, K.READ)
    r.stop()
    r.stop()
    assert "simulated" in r.describe()
