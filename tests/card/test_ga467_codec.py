"""GA 467 frames, status words and card fields (devices.card.ga467_codec, devices.card.ga467_fields)."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from devices.card import ga467_codec as codec
from devices.card import ga467_fields as fields
from devices.simulated.fixtures import FIXTURE_CARDS, FOREIGN_INDEX
from kiosk import id_number
from kiosk.errors import CardReaderError
from kiosk.identity import CardData, CardKind
from kiosk.messages import LOCALES, all_messages, placeholders

S = codec.Status


# ---- frames ----

@pytest.mark.parametrize("command, wire", [
    # Byte strings as printed in vendor protocol documents and open-source drivers.
    (codec.FIND_CARD, "AAAAAA9669 0003 2001 22"),
    (codec.SELECT_CARD, "AAAAAA9669 0003 2002 21"),
    (codec.READ_BASE, "AAAAAA9669 0003 3001 32"),
    (codec.SAM_STATUS, "AAAAAA9669 0003 11FF ED"),
])
def test_requests_match_the_documented_bytes(command, wire):
    assert codec.encode_request(command) == bytes.fromhex(wire)


def test_documented_read_failure_answer_decodes_to_read_failed():
    (frame,) = codec.FrameParser().feed(bytes.fromhex("aa aa aa 96 69 00 04 00 00 41 45"))
    answer = frame.as_response()
    assert (answer.sw1, answer.sw2, answer.sw3, answer.data) == (0, 0, 0x41, b"")
    assert codec.status_error(answer.sw3).code == "card.read_failed"


# Every status word in the SAM protocol's table and the error a resident gets.
EXPECTED_ERRORS = {
    S.FIND_FAILED: "card.no_card",
    S.SELECT_FAILED: "card.select_failed",
    S.READ_FAILED: "card.read_failed",
    S.RANDOM_FAILED: "card.read_failed",
    S.CARD_REJECTED_READER: "card.auth_failed",
    S.READER_REJECTED_CARD: "card.auth_failed",
    S.VERIFY_FAILED: "card.auth_failed",
    S.WRONG_CARD: "card.wrong_card",
    S.NO_CONTENT: "card.no_content",
    S.CHECKSUM_ERROR: "card.reader_protocol",
    S.LENGTH_ERROR: "card.reader_protocol",
    S.COMMAND_ERROR: "card.reader_protocol",
    S.NOT_PERMITTED: "card.reader_protocol",
    S.UNKNOWN_ERROR: "card.reader_fault",
    S.SAM_SELF_TEST_FAILED: "card.reader_fault",
    S.SAM_NOT_AUTHORISED: "card.reader_unauthorised",
}


def test_every_failure_status_has_an_expected_error():
    failures = {s for s in S if s not in (S.SUCCESS, S.FIND_OK)}
    assert failures == set(EXPECTED_ERRORS)


@pytest.mark.parametrize("status", list(S), ids=lambda s: f"{s.name}-0x{s.value:02X}")
def test_each_status_word_round_trips_and_maps_to_a_spoken_message(status):
    (frame,) = codec.FrameParser().feed(codec.encode_response(status, b"\x01\x02"))
    answer = frame.as_response()
    assert answer.sw3 == status and answer.data == b"\x01\x02"
    if status in (S.SUCCESS, S.FIND_OK):
        assert answer.ok
        return
    assert not answer.ok
    error = codec.status_error(answer.sw3)
    assert isinstance(error, CardReaderError)
    assert error.code == EXPECTED_ERRORS[status]
    zh, en = error.text("zh_CN"), error.text("en")
    assert zh and en and zh != en and "{" not in zh + en


def test_an_unknown_status_word_is_a_reader_fault():
    assert codec.status_error(0x55).code == "card.reader_fault"


def test_card_messages_exist_in_every_locale_with_the_same_placeholders():
    texts = all_messages()
    for code in codec.MESSAGES:
        assert set(texts[code]) >= set(LOCALES), code
        assert len({frozenset(placeholders(texts[code][loc])) for loc in LOCALES}) == 1, code


def test_truncated_frame_waits_then_completes():
    wire = codec.encode_response(S.SUCCESS, bytes(range(200)))
    parser = codec.FrameParser()
    assert parser.feed(wire[:-30]) == []
    assert parser.pending == len(wire) - 30
    (frame,) = parser.feed(wire[-30:])
    assert frame.as_response().data == bytes(range(200))
    assert parser.pending == 0


def test_byte_by_byte_feeding_yields_the_frame_once():
    wire = codec.encode_request(codec.READ_BASE)
    parser = codec.FrameParser()
    out = [item for b in wire for item in parser.feed(bytes([b]))]
    assert out == [codec.Frame(b"\x30\x01")]


def test_bad_checksum_is_reported_and_never_yields_a_frame():
    wire = bytearray(codec.encode_response(S.SUCCESS, b"abc"))
    wire[-1] ^= 0xFF
    out = codec.FrameParser().feed(bytes(wire))
    assert [type(i) for i in out] == [codec.CorruptFrame]


def test_resync_after_garbage_and_a_corrupt_frame():
    good1 = codec.encode_response(S.FIND_OK, b"\x00" * 4)
    good2 = codec.encode_response(S.SUCCESS, b"\x00" * 8)
    corrupt = bytearray(codec.encode_response(S.SUCCESS, b"zz"))
    corrupt[-1] ^= 1
    noise = b"\x00\xff\xaa\xaa\x13" + codec.PREAMBLE[:4]
    out = codec.FrameParser().feed(noise + good1 + b"\xaa" + bytes(corrupt) + b"junk" + good2)
    frames = [i for i in out if isinstance(i, codec.Frame)]
    assert [f.as_response().sw3 for f in frames] == [S.FIND_OK, S.SUCCESS]


def test_false_preamble_with_absurd_length_does_not_swallow_the_next_frame():
    good = codec.encode_response(S.SUCCESS)
    (frame,) = codec.FrameParser().feed(codec.PREAMBLE + b"\xff\xff" + good)
    assert frame.as_response().sw3 == S.SUCCESS


def test_reset_discards_a_stale_partial_frame():
    parser = codec.FrameParser()
    parser.feed(codec.encode_response(S.SUCCESS, b"x" * 50)[:20])
    parser.reset()
    (frame,) = parser.feed(codec.encode_response(S.FIND_FAILED))
    assert frame.as_response().sw3 == S.FIND_FAILED


def test_short_payloads_are_refused_by_the_typed_views():
    with pytest.raises(ValueError):
        codec.Frame(b"\x90").as_response()
    with pytest.raises(ValueError):
        codec.Frame(b"\x20").as_request()
    with pytest.raises(ValueError):
        codec.encode(b"\x00" * 0x10000)


# Line noise as a parser meets it: random bytes, preambles, whole, cut and bit-flipped frames.
_frames = st.binary(max_size=200).map(codec.encode)
_chunks = st.one_of(
    st.binary(max_size=300),
    st.just(codec.PREAMBLE),
    st.binary(max_size=4).map(lambda b: codec.PREAMBLE + b),
    _frames,
    st.tuples(_frames, st.integers(1, 50)).map(lambda t: t[0][:-t[1]]),
    st.tuples(_frames, st.integers(0, 10_000), st.integers(1, 255)).map(
        lambda t: t[0][:t[1] % len(t[0])] + bytes([t[0][t[1] % len(t[0])] ^ t[2]]) + t[0][t[1] % len(t[0]) + 1:]),
)


@settings(max_examples=400, deadline=None)
@given(st.lists(_chunks, max_size=12))
def test_parser_never_crashes_and_only_yields_frames_present_in_the_input(chunks):
    parser = codec.FrameParser()
    data = b"".join(chunks)
    for chunk in chunks:
        for item in parser.feed(chunk):
            if isinstance(item, codec.Frame):
                # The exact frame, checksum included, was on the wire.
                assert codec.encode(item.payload) in data
            else:
                assert isinstance(item, codec.CorruptFrame)
                body = item.raw[5:-1]
                assert codec.checksum(body) != item.raw[-1]


_noise = st.binary(max_size=40).map(lambda b: b.replace(b"\xaa", b"\x55"))  # cannot start a preamble


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(_noise, st.binary(min_size=2, max_size=1400)), min_size=1, max_size=4),
       st.integers(min_value=1, max_value=97))
def test_encode_then_parse_is_identity_whatever_the_chunking(items, chunk):
    wire = b"".join(noise + codec.encode(payload) for noise, payload in items)
    parser = codec.FrameParser()
    got = [i for k in range(0, len(wire), chunk) for i in parser.feed(wire[k:k + chunk])]
    assert got == [codec.Frame(payload) for _, payload in items]


# ---- fields ----

@pytest.mark.parametrize("card", FIXTURE_CARDS, ids=lambda c: c.kind.value + "-" + id_number.mask(c.id_number))
def test_card_text_round_trips(card):
    text = fields.encode_text(card)
    assert len(text) == fields.TEXT_LEN
    assert fields.parse_text(text) == card.without_photo()


def test_base_info_split_gives_text_and_photo():
    text = fields.encode_text(FIXTURE_CARDS[0])
    photo = bytes(range(256)) * 4
    assert fields.split_base_info(fields.encode_base_info(text, photo)) == (text, photo)


def test_fields_are_fixed_width_utf16le_and_long_term_means_no_end_date():
    elder = FIXTURE_CARDS[1]
    text = fields.encode_text(elder)
    assert text[:6].decode("utf-16-le") == elder.name and text[6:8] == " ".encode("utf-16-le")
    assert text[30:32].decode("utf-16-le") == "2"          # sex: 2 = female
    assert text[32:36].decode("utf-16-le") == "01"         # ethnicity: 01 = 汉
    assert text[204:208].decode("utf-16-le") == "长期"     # valid until at byte 204
    assert fields.parse_text(text).valid_until is None


def test_foreign_card_layout():
    card = FIXTURE_CARDS[FOREIGN_INDEX]
    text = fields.encode_text(card)
    assert fields.card_type(text) == "I"
    assert text[:120].decode("utf-16-le").strip() == card.english_name
    assert text[122:152].decode("utf-16-le") == card.id_number
    assert text[152:158].decode("utf-16-le") == "GBR"
    parsed = fields.parse_text(text)
    assert parsed.kind == CardKind.FOREIGN_PERMANENT and parsed.address == "" and parsed.ethnicity == ""


def test_56_ethnic_groups_and_their_names():
    groups = [c for c in fields.ETHNICITIES if int(c) <= 56]
    assert groups == [f"{n:02d}" for n in range(1, 57)]
    assert fields.ethnicity_name("01") == "汉" and fields.ethnicity_name("46") == "德昂"
    assert fields.ethnicity_name("05", "en") == "Uygur"
    assert fields.ethnicity_name("77") == "77"  # unknown stays visible, never guessed


def _patched(card: CardData, **changes) -> bytes:
    return fields.encode_text(dataclasses.replace(card, **changes))


def _replace_field(text: bytes, name: str, value: str) -> bytes:
    pos = 0
    for field, width in fields.RESIDENT_LAYOUT:
        if field == name:
            return text[:pos] + fields.pad_text(value, width) + text[pos + width:]
        pos += width
    raise KeyError(name)


@pytest.mark.parametrize("field, value, code", [
    ("birth", "19851341", "card.bad_data"),
    ("valid_from", "2016052", "card.bad_data"),
    ("valid_until", "永久", "card.bad_data"),
    ("sex", "9", "card.bad_data"),
    ("ethnicity", "汉族", "card.bad_data"),
    ("name", "", "card.bad_data"),
    ("id_number", "110101198503120317", "card.id_invalid"),   # check digit off by one
    ("id_number", "11010119850312031", "card.id_invalid"),
])
def test_unsound_fields_give_a_clear_error(field, value, code):
    text = _replace_field(fields.encode_text(FIXTURE_CARDS[0]), field, value)
    with pytest.raises(CardReaderError) as info:
        fields.parse_text(text)
    assert info.value.code == code


def test_other_card_types_are_refused_not_guessed():
    text = bytearray(fields.encode_text(FIXTURE_CARDS[0]))
    text[248:250] = "J".encode("utf-16-le")
    with pytest.raises(CardReaderError) as info:
        fields.parse_text(bytes(text))
    assert info.value.code == "card.unsupported_kind"


def test_broken_utf16_is_bad_data():
    text = bytearray(fields.encode_text(FIXTURE_CARDS[0]))
    text[0:2] = b"\x00\xd8"  # lone high surrogate
    with pytest.raises(CardReaderError) as info:
        fields.parse_text(bytes(text))
    assert info.value.code == "card.bad_data"


@pytest.mark.parametrize("data", [b"", b"\x01\x00\x04", b"\x01\x00\x04\x00" + b"x" * 100,
                                  b"\x00\x10\x00\x00" + b"x" * 16])
def test_base_info_with_wrong_lengths_is_bad_data(data):
    with pytest.raises(CardReaderError) as info:
        fields.split_base_info(data)
    assert info.value.code == "card.bad_data"


@settings(max_examples=300, deadline=None)
@given(st.binary(min_size=256, max_size=256))
def test_arbitrary_text_never_crashes_the_field_parser(text):
    try:
        card = fields.parse_text(text)
    except CardReaderError as e:
        assert e.code in ("card.bad_data", "card.id_invalid", "card.unsupported_kind")
    else:
        assert isinstance(card, CardData)


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=1400))
def test_arbitrary_base_info_never_crashes(data):
    try:
        text, photo = fields.split_base_info(data)
    except CardReaderError as e:
        assert e.code == "card.bad_data"
    else:
        assert len(text) == 256 and len(photo) <= 1024


_cjk = st.text(st.characters(min_codepoint=0x4E00, max_codepoint=0x9FA5), min_size=1)
_dates = st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2025, 12, 31))


@settings(max_examples=150, deadline=None)
@given(name=_cjk.filter(lambda s: len(s) <= 15), address=_cjk.filter(lambda s: len(s) <= 35),
       authority=_cjk.filter(lambda s: len(s) <= 15), birth=_dates, seq=st.integers(0, 999),
       ethnicity=st.sampled_from([v[0] for v in fields.ETHNICITIES.values()]),
       valid_from=_dates, long_term=st.booleans())
def test_generated_resident_cards_round_trip(name, address, authority, birth, seq, ethnicity, valid_from,
                                             long_term):
    card = CardData(
        name=name, sex="M" if seq % 2 else "F", ethnicity=ethnicity, birth_date=birth, address=address,
        id_number=id_number.make("110105", birth, seq), authority=authority, valid_from=valid_from,
        valid_until=None if long_term else valid_from.replace(year=valid_from.year + 10, day=1),
    )
    assert fields.parse_text(fields.encode_text(card)) == card


_RESIDENTS = [card for card in FIXTURE_CARDS if card.kind is CardKind.RESIDENT]


@settings(max_examples=60, deadline=None)
@given(st.sampled_from(_RESIDENTS), st.dates(dt.date(1900, 1, 1), dt.date(2030, 12, 31)))
def test_a_birth_date_that_disagrees_with_the_id_number_is_bad_data(card, birth):
    text = fields.encode_text(dataclasses.replace(card, birth_date=birth))
    if birth == id_number.birth_date(card.id_number):
        assert fields.parse_text(text).birth_date == birth
        return
    with pytest.raises(CardReaderError) as raised:
        fields.parse_text(text)
    assert raised.value.code == "card.bad_data"


@pytest.mark.parametrize("card", _RESIDENTS, ids=lambda card: card.id_number[-4:])
def test_sex_against_the_id_number_and_validity_order_are_checked(card):
    other_sex = dataclasses.replace(card, sex="F" if card.sex == "M" else "M")
    backwards = dataclasses.replace(card, valid_from=dt.date(2030, 1, 1), valid_until=dt.date(2020, 1, 1))
    for bad in (other_sex, backwards):
        with pytest.raises(CardReaderError) as raised:
            fields.parse_text(fields.encode_text(bad))
        assert raised.value.code == "card.bad_data"
