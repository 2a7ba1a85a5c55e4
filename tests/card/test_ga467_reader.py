"""The GA 467 reader driver against the reader simulator over a real pseudo-terminal.

Nothing is mocked: the driver opens the pty slave with pyserial, the
simulator answers on the master side with the SAM protocol.  Timeouts are
shortened so fault cases stay fast; no test asserts on timing.
"""

from __future__ import annotations

import dataclasses
import queue
import threading
import time

import pytest

from devices.card import ga467_codec as codec
from devices.card.reader import CardEvent, CardEventKind as K
from devices.simulated.fixtures import FIXTURE_CARDS
from devices.card.ga467_reader import Ga467Reader
from devices.simulated.ga467 import Ga467Simulator
from kiosk.identity import IdentityMethod

S = codec.Status


class Events:
    """Collects a reader's events; `expect()` pops them in order."""

    def __init__(self) -> None:
        self.queue: queue.Queue[CardEvent] = queue.Queue()
        self.threads: set[int] = set()

    def __call__(self, event: CardEvent) -> None:
        self.threads.add(threading.get_ident())
        self.queue.put(event)

    def next(self, timeout: float = 5.0) -> CardEvent:
        try:
            return self.queue.get(timeout=timeout)
        except queue.Empty:
            raise AssertionError("no card event arrived") from None

    def expect(self, *kinds: K) -> list[CardEvent]:
        got = [self.next() for _ in kinds]
        assert [e.kind for e in got] == list(kinds)
        return got

    def assert_quiet(self) -> None:
        assert self.queue.empty(), [e.kind for e in list(self.queue.queue)]


def wait_for_polls(sim: Ga467Simulator, n: int = 4) -> None:
    """Let the reader poll `n` more times (instead of sleeping for a guessed time)."""
    target = sim.requests.count(codec.FIND_CARD) + n
    deadline = time.monotonic() + 5
    while sim.requests.count(codec.FIND_CARD) < target:
        assert time.monotonic() < deadline, "reader stopped polling"
        time.sleep(0.005)


@pytest.fixture
def sim(tmp_path):
    simulator = Ga467Simulator(link=tmp_path / "ttyGA467")
    simulator.plug()
    yield simulator
    simulator.unplug()


def make_reader(port: str, **kw) -> Ga467Reader:
    # Generous timeouts: a loaded CI machine must not turn a slow answer into a false fault.
    options = dict(poll_interval=0.01, command_timeout=1.0, read_timeout=1.5, inter_byte_timeout=0.2,
                   backoff=(0.02, 0.1))
    options.update(kw)
    return Ga467Reader(port, **options)


@pytest.fixture
def events():
    return Events()


@pytest.fixture
def reader(sim, events):
    r = make_reader(sim.port)
    r.add_listener(events)
    r.start()
    events.expect(K.CONNECTED)
    yield r
    r.stop()


@pytest.mark.parametrize("index", range(len(FIXTURE_CARDS)))
def test_every_field_is_read_from_the_card(sim, reader, events, index):
    sim.place(FIXTURE_CARDS[index])
    inserted, read = events.expect(K.INSERTED, K.READ)
    assert read.card == FIXTURE_CARDS[index].without_photo()   # no vendor decoder configured
    assert read.card.photo is None
    assert read.method == IdentityMethod.ID_CARD
    assert threading.get_ident() not in events.threads       # reported off the caller's thread


def test_latest_appended_address_replaces_the_printed_one(sim, reader, events):
    sim.place(FIXTURE_CARDS[0], new_address="北京市朝阳区望京街道阜通东大街6号院3号楼")
    _, read = events.expect(K.INSERTED, K.READ)
    assert read.card.address == "北京市朝阳区望京街道阜通东大街6号院3号楼"


def test_a_card_left_on_the_reader_is_read_once_and_removal_is_seen(sim, reader, events):
    sim.place(FIXTURE_CARDS[0])
    events.expect(K.INSERTED, K.READ)
    wait_for_polls(sim, 5)
    events.assert_quiet()
    sim.remove()
    events.expect(K.REMOVED)
    sim.place(FIXTURE_CARDS[1])
    assert events.expect(K.INSERTED, K.READ)[1].card.name == FIXTURE_CARDS[1].name


def test_card_pulled_mid_frame_says_it_was_moved_away(sim, reader, events):
    sim.pull_mid_frame(after=400)
    sim.place(FIXTURE_CARDS[0])
    _, error, _ = events.expect(K.INSERTED, K.ERROR, K.REMOVED)
    assert error.error.code == "card.moved_away"
    assert "移开" in error.error.text("zh_CN") and "moved away" in error.error.text("en")
    sim.place(FIXTURE_CARDS[0])   # placed again: read normally
    events.expect(K.INSERTED, K.READ)


@pytest.mark.parametrize("fault", ["truncate", "corrupt", "garbage"])
def test_one_damaged_answer_is_retried_and_the_card_still_read(sim, reader, events, fault):
    if fault == "truncate":
        sim.truncate_next(codec.READ_BASE, keep=500)
    elif fault == "corrupt":
        sim.corrupt_next(codec.READ_BASE)
    else:
        sim.garbage_next(b"\x00\xaa\xaa\xaa\x96\x69\xff\x13", codec.READ_BASE)
    sim.place(FIXTURE_CARDS[0])
    _, read = events.expect(K.INSERTED, K.READ)
    assert read.card.id_number == FIXTURE_CARDS[0].id_number


@pytest.mark.parametrize("fault", ["truncate", "corrupt"])
def test_answers_that_stay_damaged_give_a_communication_error(sim, reader, events, fault):
    getattr(sim, f"{fault}_next")(codec.READ_BASE, times=None)
    sim.place(FIXTURE_CARDS[0])
    _, error = events.expect(K.INSERTED, K.ERROR)
    assert error.error.code == "card.reader_protocol"
    assert sim.requests.count(codec.READ_BASE) == 2   # tried twice, then told the resident
    sim.clear_faults()
    sim.remove()
    events.expect(K.REMOVED)


@pytest.mark.parametrize("command, status, code", [
    (codec.SELECT_CARD, S.SELECT_FAILED, "card.select_failed"),
    (codec.READ_BASE, S.READ_FAILED, "card.read_failed"),
    (codec.READ_BASE, S.RANDOM_FAILED, "card.read_failed"),
    (codec.READ_BASE, S.CARD_REJECTED_READER, "card.auth_failed"),
    (codec.READ_BASE, S.READER_REJECTED_CARD, "card.auth_failed"),
    (codec.READ_BASE, S.VERIFY_FAILED, "card.auth_failed"),
    (codec.READ_BASE, S.WRONG_CARD, "card.wrong_card"),
    (codec.READ_BASE, S.NO_CONTENT, "card.no_content"),
    (codec.READ_BASE, S.CHECKSUM_ERROR, "card.reader_protocol"),
    (codec.READ_BASE, S.LENGTH_ERROR, "card.reader_protocol"),
    (codec.SELECT_CARD, S.COMMAND_ERROR, "card.reader_protocol"),
    (codec.READ_BASE, S.NOT_PERMITTED, "card.reader_protocol"),
    (codec.READ_BASE, S.UNKNOWN_ERROR, "card.reader_fault"),
    (codec.READ_BASE, S.SAM_SELF_TEST_FAILED, "card.reader_fault"),
    (codec.READ_BASE, S.SAM_NOT_AUTHORISED, "card.reader_unauthorised"),
    (codec.READ_BASE, 0x55, "card.reader_fault"),
], ids=lambda v: f"0x{v:02X}" if isinstance(v, int) else None)
def test_each_status_word_while_reading_gives_its_error(sim, reader, events, command, status, code):
    sim.answer_with(status, command, times=None)
    sim.place(FIXTURE_CARDS[0])
    _, error = events.expect(K.INSERTED, K.ERROR)
    assert error.error.code == code
    assert error.error.text("zh_CN") and error.error.text("en")
    wait_for_polls(sim, 3)
    events.assert_quiet()          # one error per placement, not one per poll
    sim.clear_faults()
    sim.remove()
    events.expect(K.REMOVED)
    sim.place(FIXTURE_CARDS[0])    # the next placement reads normally
    events.expect(K.INSERTED, K.READ)


@pytest.mark.parametrize("status, code", [
    (S.SAM_SELF_TEST_FAILED, "card.reader_fault"),
    (S.SAM_NOT_AUTHORISED, "card.reader_unauthorised"),
    (S.UNKNOWN_ERROR, "card.reader_fault"),
])
def test_reader_faults_on_find_are_reported_once_and_clear(sim, reader, events, status, code):
    sim.answer_with(status, codec.FIND_CARD, times=None)
    (error,) = events.expect(K.ERROR)
    assert error.error.code == code
    wait_for_polls(sim, 4)
    events.assert_quiet()
    sim.clear_faults()
    sim.place(FIXTURE_CARDS[0])
    events.expect(K.INSERTED, K.READ)


def test_fault_found_by_the_status_check_at_connect(sim, events):
    sim.answer_with(S.SAM_SELF_TEST_FAILED, codec.SAM_STATUS)
    r = make_reader(sim.port)
    r.add_listener(events)
    r.start()
    try:
        _, error = events.expect(K.CONNECTED, K.ERROR)
        assert error.error.code == "card.reader_fault"
        assert "fault" in r.describe()
    finally:
        r.stop()


def test_a_bad_check_digit_on_the_card_is_refused(sim, reader, events):
    card = FIXTURE_CARDS[0]
    wrong = card.id_number[:17] + ("0" if card.id_number[17] != "0" else "1")
    sim.place(dataclasses.replace(card, id_number=wrong))
    _, error = events.expect(K.INSERTED, K.ERROR)
    assert error.error.code == "card.id_invalid"
    assert sim.requests.count(codec.READ_BASE) == 1   # retrying cannot fix the card


def test_unplugged_reader_is_reported_and_works_again_when_plugged_back(sim, reader, events):
    sim.place(FIXTURE_CARDS[0])
    events.expect(K.INSERTED, K.READ)
    sim.unplug()
    (gone,) = events.expect(K.DISCONNECTED)
    assert gone.error.code == "card.reader_disconnected"
    assert "断开" in gone.error.text("zh_CN")
    assert not reader.connected
    sim.remove()                    # the resident takes the card while the helper re-plugs
    sim.plug()                      # a new pty behind the same stable link
    events.expect(K.CONNECTED)
    sim.place(FIXTURE_CARDS[2])
    assert events.expect(K.INSERTED, K.READ)[1].card.id_number == FIXTURE_CARDS[2].id_number


def test_unplugged_in_the_middle_of_a_read(sim, reader, events):
    sim.baud = 20_000               # slow line: the base-info answer takes ~0.6 s to send
    sim.place(FIXTURE_CARDS[0])
    events.expect(K.INSERTED)
    deadline = time.monotonic() + 5
    while codec.READ_BASE not in sim.requests:
        assert time.monotonic() < deadline
        time.sleep(0.005)
    sim.unplug()                    # cable pulled while the answer is on the wire
    (gone,) = events.expect(K.DISCONNECTED)
    assert gone.error.code == "card.reader_disconnected"
    sim.baud = None
    sim.plug()
    events.expect(K.CONNECTED)
    events.expect(K.INSERTED, K.READ)   # the card is still there: read after the re-plug


def test_reader_plugged_in_after_the_kiosk_started(tmp_path, events):
    sim = Ga467Simulator(link=tmp_path / "ttyGA467")
    r = make_reader(sim.port)
    r.add_listener(events)
    r.start()
    try:
        (absent,) = events.expect(K.DISCONNECTED)
        assert absent.error.code == "card.reader_disconnected"
        sim.plug()
        events.expect(K.CONNECTED)
        sim.place(FIXTURE_CARDS[1])
        events.expect(K.INSERTED, K.READ)
    finally:
        r.stop()
        sim.unplug()


def test_a_reader_that_stops_answering_is_treated_as_disconnected(sim, reader, events):
    sim.silence()
    (gone,) = events.expect(K.DISCONNECTED)
    assert gone.error.code == "card.reader_not_answering"
    sim.silence(False)
    events.expect(K.CONNECTED)


def test_a_failing_listener_does_not_stop_the_reader(sim, reader, events):
    def broken(event):
        raise RuntimeError("listener bug")
    reader.add_listener(broken)
    sim.place(FIXTURE_CARDS[0])
    events.expect(K.INSERTED, K.READ)
    sim.remove()
    events.expect(K.REMOVED)


def test_stop_is_safe_twice_and_describe_has_no_personal_data(sim, reader, events):
    sim.place(FIXTURE_CARDS[0])
    events.expect(K.INSERTED, K.READ)
    text = reader.describe()
    assert sim.port in text and "connected" in text
    assert FIXTURE_CARDS[0].name not in text and FIXTURE_CARDS[0].id_number not in text
    reader.stop()
    reader.stop()
