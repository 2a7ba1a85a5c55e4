"""PC/SC smart cards end to end: a real pcscd, the vpcd reader driver, our virtual card, our driver.

Nothing is mocked: pcscd (started by tests/pcsc_service.py) loads vsmartcard's
vpcd driver, devices/simulated/vpcd_card.py plays the card over vpcd's socket, and
devices/card/pcsc_reader.py talks to pcscd through pyscard.  The parsers of outside
input (BER-TLV, the holder record, command APDUs, the card's answers) also get
property tests with hypothesis, without pcscd.

Needs root and the apt packages pcscd and vsmartcard-vpcd (see
tests/pcsc_service.py); without them the tests fail saying what is missing,
they are never skipped.
"""

from __future__ import annotations

import datetime as _dt
import logging
import queue
import socket
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from functools import reduce
from operator import xor

import pytest
from factories import make_card
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pcsc_service import PcscService, wait_for_card

from devices.card import identity_applet as profile
from devices.card.reader import CardEvent, CardEventKind
from devices.card.pcsc_channel import MAX_GET_RESPONSE_ROUNDS, CardChannel, list_readers
from devices.card.pcsc_reader import PcscReader
from devices.simulated.vpcd_card import DEFAULT_ATR, EndlessChainApplet, IdentityCardApplet, VpcdCard
from kiosk import id_number
from kiosk.identity import CardData, CardKind, IdentityMethod

WAIT = 15.0  # generous upper bound for an event to arrive; not a speed check


@pytest.fixture(scope="module")
def pcsc(tmp_path_factory: pytest.TempPathFactory) -> PcscService:
    with PcscService(tmp_path_factory.mktemp("pcscd")) as service:
        yield service


class Events:
    """Collects a reader's events (from its thread) for the test to wait on."""

    def __init__(self) -> None:
        self.queue: queue.Queue[CardEvent] = queue.Queue()
        self.seen: list[CardEvent] = []

    def __call__(self, event: CardEvent) -> None:
        self.queue.put(event)

    def next(self, timeout: float = WAIT) -> CardEvent:
        try:
            event = self.queue.get(timeout=timeout)
        except queue.Empty:
            raise AssertionError(f"no event within {timeout} s; seen so far: {self.kinds()}") from None
        self.seen.append(event)
        return event

    def expect(self, *kinds: CardEventKind) -> list[CardEvent]:
        got = [self.next() for _ in kinds]
        assert [e.kind for e in got] == list(kinds), self.kinds()
        return got

    def kinds(self) -> list[str]:
        """What was seen, with error codes, for assertion messages."""
        return [e.kind.value + (f"({e.error.code}: {e.error.detail})" if e.error else "") for e in self.seen]


@pytest.fixture
def watched(pcsc: PcscService):
    reader = PcscReader(pcsc.reader)
    events = Events()
    reader.add_listener(events)
    reader.start()
    events.expect(CardEventKind.CONNECTED)
    yield reader, events
    reader.stop()


@pytest.fixture
def resident() -> CardData:
    return make_card()


@contextmanager
def placed(pcsc: PcscService, card: CardData | None = None, records: dict[int, bytes] | None = None,
           aid: bytes = profile.AID, pull_on_ins: int | None = None,
           applet: IdentityCardApplet | None = None) -> Iterator[VpcdCard]:
    """A virtual card on the test reader for the `with` block, once pcscd sees it.

    On leaving, wait until pcscd has seen the card go: vpcd notices a card
    leaving only at its next poll, so a card placed within the same 400 ms
    would look like the old one never left.
    """
    if applet is None:
        applet = IdentityCardApplet(records if records is not None else {1: profile.encode_holder(card)}, aid=aid)
    vcard = VpcdCard(applet, port=pcsc.port, pull_on_ins=pull_on_ins)
    vcard.insert()
    wait_for_card(pcsc.reader)
    try:
        yield vcard
    finally:
        vcard.remove()
        if pcsc.running:
            wait_for_card(pcsc.reader, present=False)


# --- end to end through pcscd ----------------------------------------------------

def test_pcscd_lists_the_virtual_reader(pcsc: PcscService) -> None:
    assert pcsc.reader in list_readers()


def test_placed_card_is_read_and_removal_seen(watched, pcsc, resident) -> None:
    reader, events = watched
    with placed(pcsc, resident):
        _inserted, read = events.expect(CardEventKind.INSERTED, CardEventKind.READ)
        assert read.card == resident
        assert read.method is IdentityMethod.SMART_CARD
        assert read.card.prefill()["card.id_number"] == resident.id_number
    events.expect(CardEventKind.REMOVED)
    assert reader.connected and "connected" in reader.describe()


def test_cards_in_turn_are_each_read(watched, pcsc) -> None:
    _, events = watched
    for sequence, name in ((31, "张伟"), (42, "Maria Schmidt")):
        card = make_card(name=name, sequence=sequence, valid_until=_dt.date(2040, 1, 1))
        with placed(pcsc, card):
            assert events.expect(CardEventKind.INSERTED, CardEventKind.READ)[1].card == card
        events.expect(CardEventKind.REMOVED)


def test_apdus_answered_through_pcscd(pcsc, resident) -> None:
    long_address = "新疆维吾尔自治区乌鲁木齐市天山区" * 12  # > 256 bytes: needs GET RESPONSE
    card = replace(make_card(), address=long_address)
    with placed(pcsc, card) as vcard, CardChannel(pcsc.reader) as channel:
        assert channel.transmit(profile.read_record()) == (b"", 0x69, 0x85)  # nothing selected yet
        fci, sw1, sw2 = channel.transmit(profile.select_aid())
        assert (sw1, sw2) == (0x90, 0x00) and profile.AID in fci
        record, sw1, sw2 = channel.transmit(profile.read_record())
        assert (sw1, sw2) == (0x90, 0x00) and len(record) > 512
        assert profile.decode_holder(record).address == long_address
        # Le too short: the card says 6C xx and the helper asks again with the right Le.
        assert channel.transmit(profile.read_record(le=10))[0] == record
        assert channel.transmit(profile.read_record(le=10), follow=False) == (b"", 0x6C, 0x00)
        assert channel.transmit(profile.read_record(record=2))[1:] == profile.SW_NO_RECORD
        assert channel.transmit(bytes([0x00, 0x20, 0x00, 0x00]))[1:] == profile.SW_BAD_INS
        assert channel.transmit(bytes([0x80, 0xA4, 0x04, 0x00]))[1:] == profile.SW_BAD_CLA
    assert vcard.commands[1] == profile.select_aid()  # the card saw exactly what was sent


def test_reader_transmit_helper(watched, pcsc, resident) -> None:
    reader, events = watched
    with placed(pcsc, resident):
        events.expect(CardEventKind.INSERTED, CardEventKind.READ)
        assert reader.transmit(profile.select_aid())[1:] == (0x90, 0x00)
    events.expect(CardEventKind.REMOVED)


def test_card_pulled_mid_read(watched, pcsc, resident) -> None:
    _, events = watched
    with placed(pcsc, resident, pull_on_ins=profile.INS_READ_RECORD):
        _, error = events.expect(CardEventKind.INSERTED, CardEventKind.ERROR)
        assert error.error.code == "pcsc.card_removed"
        assert "不要移动" in error.error.text("zh_CN") and "keep it still" in error.error.text("en")
        events.expect(CardEventKind.REMOVED)
    with placed(pcsc, resident):  # placed again: read normally
        assert events.expect(CardEventKind.INSERTED, CardEventKind.READ)[1].card == resident
    events.expect(CardEventKind.REMOVED)


def test_a_card_answering_more_data_forever_fails_the_read_and_the_reader_goes_on(watched, pcsc, resident) -> None:
    """A card that says "61 xx, more to come" with no data, for ever, must not hang the reader thread."""
    _, events = watched
    with placed(pcsc, applet=EndlessChainApplet.for_card(resident)) as vcard:
        _, error = events.expect(CardEventKind.INSERTED, CardEventKind.ERROR)
        assert error.error.code == "pcsc.read_failed"
        assert "重新放置" in error.error.text("zh_CN") and "place it again" in error.error.text("en")
        rounds = sum(1 for command in vcard.commands if command[1] == profile.INS_GET_RESPONSE)
        assert rounds == MAX_GET_RESPONSE_ROUNDS  # bounded, then given up
    events.expect(CardEventKind.REMOVED)
    with placed(pcsc, resident):  # the same reader thread reads the next card
        assert events.expect(CardEventKind.INSERTED, CardEventKind.READ)[1].card == resident
    events.expect(CardEventKind.REMOVED)


@pytest.mark.parametrize("records, aid, code", [
    ({1: b"\x70\x03\x5F\x0E"}, profile.AID, "pcsc.bad_data"),                    # truncated record
    ({}, profile.AID, "pcsc.bad_data"),                                          # no holder record
    (None, bytes.fromhex("A0000000031010"), "pcsc.not_identity_card"),           # some other card
    ("bad_check_digit", profile.AID, "card.id_invalid"),  # the same code a GA 467 read gives
], ids=["corrupt", "empty", "foreign-applet", "check-digit"])
def test_unreadable_cards_give_clear_errors(watched, pcsc, resident, records, aid, code) -> None:
    _, events = watched
    if records is None:
        records = {1: profile.encode_holder(resident)}
    elif records == "bad_check_digit":
        wrong = resident.id_number[:17] + ("0" if resident.id_number[17] != "0" else "1")
        records = {1: profile.encode_holder(replace(resident, id_number=wrong))}
    with placed(pcsc, records=records, aid=aid):
        _, error = events.expect(CardEventKind.INSERTED, CardEventKind.ERROR)
        assert error.error.code == code
        assert error.error.text("zh_CN") != error.error.text("en")
    events.expect(CardEventKind.REMOVED)


@pytest.mark.parametrize("spoil", [
    lambda card: replace(card, name=card.name[0] + "\u202e" + card.name[1:]),  # right-to-left override
    lambda card: replace(card, address=card.address + "\x1b[2J"),            # a terminal escape
    lambda card: replace(card, name="\u200b" + card.name),                   # zero-width space
    lambda card: replace(card, birth_date=card.birth_date + _dt.timedelta(days=1)),
    lambda card: replace(card, sex="M" if card.sex == "F" else "F"),
], ids=["bidi-name", "control-address", "zero-width-name", "birth-vs-number", "sex-vs-number"])
def test_a_pcsc_card_gets_the_ga467_cross_checks(watched, pcsc, resident, spoil) -> None:
    """Contents a GA 467 read refuses are refused on PC/SC too, in the same words (card.bad_data)."""
    _, events = watched
    with placed(pcsc, spoil(resident)):
        _, error = events.expect(CardEventKind.INSERTED, CardEventKind.ERROR)
        assert error.error.code == "card.bad_data"
        assert "重新放置" in error.error.text("zh_CN") and "place the card again" in error.error.text("en")
    events.expect(CardEventKind.REMOVED)


def test_a_pcsc_number_with_spaces_is_read_without_them(watched, pcsc, resident) -> None:
    _, events = watched
    number = resident.id_number
    spaced = f" {number[:6]} {number[6:14]}\u3000{number[14:].lower()} "
    with placed(pcsc, replace(resident, id_number=spaced)):
        read = events.expect(CardEventKind.INSERTED, CardEventKind.READ)[1]
        assert read.card.id_number == number and read.card.prefill()["card.id_number"] == number
    events.expect(CardEventKind.REMOVED)


def test_expired_card_is_read_and_flagged(watched, pcsc) -> None:
    _, events = watched
    card = make_card(valid_until=_dt.date(2020, 1, 1))
    with placed(pcsc, card):
        read = events.expect(CardEventKind.INSERTED, CardEventKind.READ)[1]
        assert read.card.is_expired()  # the session decides what an expired card may do
    events.expect(CardEventKind.REMOVED)


def test_reader_unplugged_and_back_without_restart(watched, pcsc, resident) -> None:
    reader, events = watched
    with placed(pcsc, resident):
        events.expect(CardEventKind.INSERTED, CardEventKind.READ)
        pcsc.stop()  # the reader (and its service) disappear with a card on it
        late = PcscReader(pcsc.reader)  # a kiosk starting while the reader is away
        late_events = Events()
        late.add_listener(late_events)
        try:
            _removed, down = events.expect(CardEventKind.REMOVED, CardEventKind.DISCONNECTED)
            assert down.error.code == "pcsc.no_service" and not reader.connected
            assert "service" in down.error.text("en") and "读卡服务" in down.error.text("zh_CN")
            late.start()
            assert late_events.expect(CardEventKind.DISCONNECTED)[0].error.code == "pcsc.no_service"
        finally:
            pcsc.start()
        try:
            late_events.expect(CardEventKind.CONNECTED, CardEventKind.INSERTED, CardEventKind.READ)
        finally:
            late.stop()
        events.expect(CardEventKind.CONNECTED)
        # The card stayed on the reader and the emulator reconnected: it is read again.
        assert events.expect(CardEventKind.INSERTED, CardEventKind.READ)[1].card == resident
    events.expect(CardEventKind.REMOVED)


def test_configured_reader_missing_is_reported(pcsc) -> None:
    reader = PcscReader("No Such Reader")
    events = Events()
    reader.add_listener(events)
    reader.start()
    try:
        down = events.expect(CardEventKind.DISCONNECTED)[0]
        assert down.error.code == "pcsc.reader_missing"
        with pytest.raises(Exception) as caught:
            reader.transmit(profile.select_aid())
        assert getattr(caught.value, "code", "") == "pcsc.reader_missing"
    finally:
        reader.stop()


def test_personal_data_stays_out_of_logs(watched, pcsc, resident, caplog) -> None:
    _, events = watched
    caplog.set_level(logging.DEBUG)
    with placed(pcsc, resident):
        events.expect(CardEventKind.INSERTED, CardEventKind.READ)
    events.expect(CardEventKind.REMOVED)
    assert resident.id_number not in caplog.text and resident.name not in caplog.text
    assert id_number.mask(resident.id_number) in caplog.text


def test_listener_failure_does_not_stop_the_reader(pcsc, resident) -> None:
    def broken(event: CardEvent) -> None:
        raise RuntimeError("a listener bug")

    reader = PcscReader(pcsc.reader)
    events = Events()
    reader.add_listener(broken)  # first: the listeners after it must still hear every event
    reader.add_listener(events)
    reader.start()
    try:
        events.expect(CardEventKind.CONNECTED)
        for _ in range(2):
            with placed(pcsc, resident):
                events.expect(CardEventKind.INSERTED, CardEventKind.READ)
            events.expect(CardEventKind.REMOVED)
    finally:
        reader.stop()


# --- property tests on the parsers (no pcscd needed) ----------------------------------

text = st.text(st.characters(blacklist_categories=("Cs",)), max_size=80)
dates = st.dates(min_value=_dt.date(1900, 1, 1), max_value=_dt.date(2099, 12, 31))


@st.composite
def cards(draw: st.DrawFn) -> CardData:
    born = draw(st.dates(min_value=_dt.date(1900, 1, 1), max_value=_dt.date(2020, 12, 31)))
    return CardData(
        name=draw(text.filter(lambda s: s.strip() == s and s)), sex=draw(st.sampled_from("MF")),
        ethnicity=draw(text), birth_date=born, address=draw(st.text(max_size=400)),
        id_number=id_number.make(draw(st.sampled_from(["110101", "440305", "910000"])), born,
                                 draw(st.integers(0, 999))),
        authority=draw(text), valid_from=draw(dates), valid_until=draw(st.none() | dates),
        kind=draw(st.sampled_from(list(CardKind))), english_name=draw(text), nationality=draw(text),
    )


@settings(deadline=None)  # a speed limit is not what this checks (it tripped on a busy 2-core machine)
@given(cards())
def test_holder_record_round_trip(card: CardData) -> None:
    assert profile.decode_holder(profile.encode_holder(card)) == card


@given(st.binary(max_size=600))
def test_record_parser_never_crashes(data: bytes) -> None:
    try:
        profile.decode_holder(data)
    except profile.ProfileError:
        pass


@given(cards(), st.data())
def test_damaged_records_rejected_or_read(card: CardData, data: st.DataObject) -> None:
    record = bytearray(profile.encode_holder(card))
    index = data.draw(st.integers(0, len(record) - 1))
    record[index] = data.draw(st.integers(0, 255))
    cut = data.draw(st.integers(0, len(record)))
    try:
        profile.decode_holder(bytes(record[:cut]))
    except profile.ProfileError as exc:
        assert card.id_number not in str(exc)  # errors name tags, never values


tags = st.sampled_from([0x70, 0x59, 0x5F0E, 0xDF01, 0x9F8101, 0x84, 0x01])


@given(st.lists(st.tuples(tags, st.binary(max_size=300)), max_size=6))
def test_tlv_round_trip(items: list[tuple[int, bytes]]) -> None:
    assert profile.parse_tlv(b"".join(profile.encode_tlv(t, v) for t, v in items)) == items


apdus = st.builds(profile.CommandApdu, st.integers(0, 255), st.integers(0, 255), st.integers(0, 255),
                  st.integers(0, 255), st.binary(max_size=255), st.none() | st.integers(1, 256))


@given(apdus)
def test_command_apdu_round_trip(apdu: profile.CommandApdu) -> None:
    assert profile.CommandApdu.parse(apdu.to_bytes()) == apdu


@given(st.binary(max_size=300))
def test_card_answers_any_bytes_with_a_status_word(raw: bytes) -> None:
    applet = IdentityCardApplet.for_card(make_card())
    applet.process(profile.select_aid())
    answer = applet.process(raw)
    assert len(answer) >= 2


@settings(suppress_health_check=[HealthCheck.too_slow], max_examples=60)
@given(st.text(max_size=3000), st.integers(1, 256))
def test_chained_answers_reassemble(address: str, le: int) -> None:
    """The card's 61xx chunks, fetched with GET RESPONSE, always add up to the record."""
    card = replace(make_card(), address=address)
    applet = IdentityCardApplet.for_card(card)
    applet.process(profile.select_aid())
    answer = applet.process(profile.read_record(le=256))
    data, sw = answer[:-2], answer[-2:]
    while sw[0] == 0x61:
        answer = applet.process(profile.get_response(min(le, sw[1] or 256)))
        data, sw = data + answer[:-2], answer[-2:]
    assert sw == bytes(profile.SW_OK)
    assert profile.decode_holder(data) == card


def _frame(conn: socket.socket) -> bytes:
    length = int.from_bytes(conn.recv(2, socket.MSG_WAITALL), "big")
    return conn.recv(length, socket.MSG_WAITALL)


vpcd_messages = st.lists(st.sampled_from([b"\x00", b"\x01", b"\x02", b"\x04"])
                         | st.binary(min_size=2, max_size=300), max_size=12)


@settings(max_examples=40, deadline=None)
@given(vpcd_messages)
def test_card_answers_every_vpcd_frame(sent: list[bytes]) -> None:
    """The emulator against a stand-in for vpcd's socket: every APDU and ATR request is answered."""
    with socket.create_server(("127.0.0.1", 0)) as server:
        card = VpcdCard(IdentityCardApplet.for_card(make_card()), port=server.getsockname()[1])
        card.insert(wait=None)
        conn, _ = server.accept()
        try:
            conn.settimeout(5)
            for message in sent:
                conn.sendall(len(message).to_bytes(2, "big") + message)
                if message == b"\x04":
                    assert _frame(conn) == DEFAULT_ATR
                elif len(message) > 1:
                    assert len(_frame(conn)) >= 2  # at least a status word
        finally:
            card.remove()
            conn.close()
    assert card.commands == [m for m in sent if len(m) > 1]


def test_atr_has_a_valid_check_byte() -> None:
    assert DEFAULT_ATR[0] == 0x3B and reduce(xor, DEFAULT_ATR[1:]) == 0  # TCK makes T0..TCK XOR to 0
