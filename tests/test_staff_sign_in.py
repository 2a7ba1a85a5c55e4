"""The helper roster and sign-in (Qt-free): what a helper, an attacker and an auditor would notice.

- the right number and PIN sign in, and the count of wrong PINs starts again;
- an unknown number, a disabled helper and a wrong PIN get the very same answer;
- five wrong PINs lock the number for five minutes, in the database: a new Store (a restarted kiosk)
  still refuses, attempts during the lock do not make it longer and are refused without the PIN being
  checked (the right PIN too), and a clock set back does not stretch it;
- unknown numbers are counted and locked the same way (a lockout tells nothing);
- staff cards are found by their UID, which the database never holds in clear;
- every attempt is in the hash-chained audit log with the number, the PIN never.
"""

from __future__ import annotations

import sqlite3

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from kiosk import audit, crypto, pin_hash, roster, sign_in
from kiosk.errors import ValidationError
from kiosk.sign_in import LOCK_AFTER, LOCK_SECONDS, SignInError
from kiosk.staff import Helper, Role
from kiosk.store import Store

PIN, OTHER_PIN = "384712", "902615"
NOW = 1_800_000_000.0


@pytest.fixture
def helpers(store):
    roster.add(store, "0007", "王芳", "helper", PIN)
    roster.add(store, "0001", "李主管", Role.SUPERVISOR, "770315")
    return store


def refused(store, number, pin, now=NOW) -> SignInError:
    with pytest.raises(SignInError) as error:
        sign_in.sign_in(store, number, pin, now=now)
    return error.value


def actions(store) -> list[tuple[str, str, str, str]]:
    return [row for row in store.conn.execute("SELECT actor, action, subject, detail FROM audit_log ORDER BY id")]


def test_the_right_number_and_pin_sign_in(helpers):
    assert sign_in.sign_in(helpers, "0007", PIN, now=NOW) == Helper("0007", "王芳", Role.HELPER)
    assert sign_in.sign_in(helpers, "0001", "770315", method="card", now=NOW).is_supervisor
    assert ("helper:0001", "helper.signed_in", "0001", "method=card") in actions(helpers)


def test_unknown_number_disabled_helper_and_wrong_pin_get_the_same_answer(helpers):
    roster.add(helpers, "0009", "赵敏", "helper", "615290")
    roster.set_enabled(helpers, "0009", False)
    answers = {refused(helpers, number, pin).text(locale)
               for number, pin in (("0404", PIN), ("0009", "615290"), ("0007", OTHER_PIN))
               for locale in ("en",)}
    assert answers == {"The helper number or PIN is not right. Please try again."}
    assert refused(helpers, "0009", "615290").code == "signin.refused"
    roster.set_enabled(helpers, "0009", True)
    assert sign_in.sign_in(helpers, "0009", "615290", now=NOW).number == "0009"


def test_five_wrong_pins_lock_the_number_and_a_restart_does_not_lift_it(helpers, tmp_path):
    for attempt in range(1, LOCK_AFTER):
        assert refused(helpers, "0007", OTHER_PIN, NOW + attempt).code == "signin.refused"
    locked = refused(helpers, "0007", OTHER_PIN, NOW + LOCK_AFTER)
    assert locked.code == "signin.locked" and locked.until == NOW + LOCK_AFTER + LOCK_SECONDS
    assert "5 wrong PINs" in locked.text("en") and "in about 5 min" in locked.text("en")
    helpers.close()
    # A restarted kiosk: a new Store on the same file and key.
    again = Store(tmp_path / "waystation.db", crypto.Sealer(crypto.load_or_create_key(tmp_path / "keys" / "store.key")))
    try:
        assert refused(again, "0007", PIN, NOW + 60).code == "signin.locked"  # even the right PIN
        assert refused(again, "0007", PIN, NOW + LOCK_AFTER + LOCK_SECONDS - 1).until == locked.until  # not restarted
        assert sign_in.sign_in(again, "0007", PIN, now=NOW + LOCK_AFTER + LOCK_SECONDS).number == "0007"
        # Other helpers were never locked.
        assert sign_in.sign_in(again, "0001", "770315", now=NOW + 60).number == "0001"
    finally:
        again.close()


def test_during_a_lock_the_pin_is_not_even_checked(helpers, monkeypatch):
    for attempt in range(LOCK_AFTER):
        refused(helpers, "0007", OTHER_PIN, NOW + attempt)
    checked = []
    monkeypatch.setattr(pin_hash, "verify", lambda *args: checked.append(args) or True)
    for _ in range(20):
        assert refused(helpers, "0007", PIN, NOW + 100).code == "signin.locked"
    assert checked == []
    log = [action for _, action, subject, _ in actions(helpers) if subject == "0007"]
    assert log.count("helper.locked") == 1 and log.count("helper.sign_in_refused") == 20


def test_a_clock_set_back_does_not_stretch_a_lock(helpers):
    for attempt in range(LOCK_AFTER):
        refused(helpers, "0007", OTHER_PIN, NOW + attempt)
    earlier = NOW - 86_400  # the clock went back a day
    assert refused(helpers, "0007", PIN, earlier).until <= earlier + LOCK_SECONDS


def test_a_success_starts_the_count_again(helpers):
    for attempt in range(LOCK_AFTER - 1):
        refused(helpers, "0007", OTHER_PIN, NOW + attempt)
    sign_in.sign_in(helpers, "0007", PIN, now=NOW + 10)
    for attempt in range(LOCK_AFTER - 1):
        assert refused(helpers, "0007", OTHER_PIN, NOW + 20 + attempt).code == "signin.refused"


def test_unknown_numbers_lock_like_real_ones(helpers):
    for attempt in range(LOCK_AFTER - 1):
        assert refused(helpers, "4321", PIN, NOW + attempt).code == "signin.refused"
    assert refused(helpers, "4321", PIN, NOW + LOCK_AFTER).code == "signin.locked"


def test_resetting_the_pin_ends_a_lock(helpers):
    for attempt in range(LOCK_AFTER):
        refused(helpers, "0007", OTHER_PIN, NOW + attempt)
    roster.reset_pin(helpers, "0007", "615290")
    assert refused(helpers, "0007", PIN, NOW + 10).code == "signin.refused"  # the old PIN is gone
    assert sign_in.sign_in(helpers, "0007", "615290", now=NOW + 11).number == "0007"


def test_every_attempt_is_audited_with_the_number_and_never_the_pin(helpers):
    sign_in.sign_in(helpers, "0007", PIN, now=NOW)
    for attempt in range(LOCK_AFTER + 1):
        with pytest.raises(SignInError):
            sign_in.sign_in(helpers, "0007", OTHER_PIN, now=NOW + attempt)
    log = actions(helpers)
    assert [action for who, action, _, _ in log if who == "helper:0007"] == (
        ["helper.signed_in"] + ["helper.pin_failed"] * (LOCK_AFTER - 1)
        + ["helper.pin_failed", "helper.locked", "helper.sign_in_refused"])
    assert [detail for _, action, _, detail in log if action == "helper.pin_failed"][2].startswith("failures=3")
    text = repr(log)
    assert PIN not in text and OTHER_PIN not in text and "770315" not in text
    assert audit.verify(helpers.conn) == len(log)


def test_the_pin_is_stored_only_as_a_salted_scrypt_hash(helpers, tmp_path):
    stored = [row[0] for row in helpers.conn.execute("SELECT pin_hash FROM helpers")]
    assert all(value.startswith("scrypt$15$8$1$") for value in stored)
    helpers.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    raw = (tmp_path / "waystation.db").read_bytes()
    assert PIN.encode() not in raw and b"770315" not in raw


def test_a_pin_hashed_with_older_parameters_is_redone_at_sign_in(helpers):
    old = pin_hash.hash_pin(PIN, pin_hash.pepper_from(helpers.sealer), pin_hash.Params(12, 8, 1))
    with helpers.transaction() as conn:
        conn.execute("UPDATE helpers SET pin_hash = ? WHERE number = '0007'", (old,))
    sign_in.sign_in(helpers, "0007", PIN, now=NOW)
    renewed = helpers.conn.execute("SELECT pin_hash FROM helpers WHERE number = '0007'").fetchone()[0]
    assert renewed.startswith("scrypt$15$") and pin_hash.verify(PIN, renewed, pin_hash.pepper_from(helpers.sealer))


def test_confirming_the_pin_again_counts_towards_the_same_lock(helpers):
    supervisor = Helper("0001", "李主管", Role.SUPERVISOR)
    sign_in.confirm(helpers, supervisor, "770315", "kiosk.exit", now=NOW)
    for attempt in range(LOCK_AFTER - 1):
        with pytest.raises(SignInError):
            sign_in.confirm(helpers, supervisor, PIN, "kiosk.exit", now=NOW + attempt)
    assert refused(helpers, "0001", PIN, NOW + 10).code == "signin.locked"
    assert ("helper:0001", "helper.pin_confirmed", "0001", "for=kiosk.exit") in actions(helpers)


# ---- the roster ---------------------------------------------------------------------------------

def test_the_roster_refuses_what_it_cannot_keep(helpers):
    for number, name, role, pin, code in (
            ("0007", "又一个", "helper", "615290", "roster.exists"),
            ("07", "太短", "helper", "615290", "helper.bad_number"),
            ("0010", "", "helper", "615290", "roster.bad_name"),
            ("0010", "名\x07字", "helper", "615290", "roster.bad_name"),
            ("0010", "赵敏", "admin", "615290", "roster.bad_role"),
            ("0010", "赵敏", "helper", "123456", "pin.trivial"),
            ("0010", "赵敏", "helper", "001000", "pin.is_number")):
        with pytest.raises((ValidationError, roster.RosterError)) as error:
            roster.add(helpers, number, name, role, pin)
        assert error.value.code == code, (number, name, role, pin)
    assert [entry.number for entry in roster.entries(helpers)] == ["0001", "0007"]


def test_a_staff_card_is_found_by_its_uid_which_is_never_stored(helpers, tmp_path):
    roster.register_card(helpers, "0007", "04:A1:B2:C3:D4:E5:F6")
    assert roster.number_for_card(helpers, "04a1b2c3d4e5f6") == "0007"
    assert roster.number_for_card(helpers, "04A1B2C3D4E5F7") is None
    assert roster.number_for_card(helpers, "not a uid") is None
    with pytest.raises(roster.RosterError) as taken:
        roster.register_card(helpers, "0001", "04A1B2C3D4E5F6")
    assert taken.value.code == "roster.card_taken"
    assert roster.entries(helpers)[1].cards == 1
    helpers.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    raw = (tmp_path / "waystation.db").read_bytes()
    assert b"04A1B2C3D4E5F6" not in raw.upper() and bytes.fromhex("04A1B2C3D4E5F6") not in raw
    assert roster.remove_cards(helpers, "0007") == 1
    assert roster.number_for_card(helpers, "04A1B2C3D4E5F6") is None


def test_a_card_of_another_station_key_is_not_recognised(helpers, tmp_path):
    roster.register_card(helpers, "0007", "04A1B2C3D4E5F6")
    other = Store(tmp_path / "other.db", crypto.Sealer(bytes(32)))
    try:
        roster.add(other, "0007", "王芳", "helper", PIN)
        assert roster.number_for_card(other, "04A1B2C3D4E5F6") is None
    finally:
        other.close()


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(number=st.text(max_size=12), pin=st.text(max_size=14))
def test_any_typed_number_and_pin_get_an_answer_in_words(store, number, pin):
    """Whatever is typed, sign-in answers with one of its two messages (never a crash, never another text).
    (One store for all examples: typed numbers pile up failures there, as on a kiosk.)"""
    try:
        sign_in.sign_in(store, number, pin, now=NOW)
    except SignInError as error:
        assert error.code in ("signin.refused", "signin.locked")
    except sqlite3.Error as error:  # pragma: no cover - would be a bug
        raise AssertionError(error)
