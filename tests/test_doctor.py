"""`waystation doctor` tells IT what is wrong in words: clock, sync queue, audit chain, catalog."""

import datetime as _dt

from kiosk import config as config_mod, doctor
from kiosk.store import open_store


def config_for(tmp_path, **central):
    return config_mod.from_mapping({"storage": {"data_dir": str(tmp_path)}, "central": central})


def by_name(checks):
    return {check.name: check for check in checks}


def test_a_clock_before_the_build_is_flagged():
    assert doctor.check_clock(_dt.datetime(1970, 1, 1, tzinfo=_dt.timezone.utc)).status == doctor.FAIL
    assert doctor.check_clock().status == doctor.OK


def test_a_kiosk_clock_far_from_the_centres_and_set_aside_records_fail(tmp_path):
    config = config_for(tmp_path, url="https://127.0.0.1:9", token_file=str(tmp_path / "t"))
    store = open_store(config)
    store.conn.execute("UPDATE sync_state SET clock_skew = 3600, state = 'online' WHERE id = 1")
    store.close()
    checks = by_name(doctor.check_sync(config))
    assert checks["clock vs centre"].status == doctor.FAIL and "3600 s behind" in checks["clock vs centre"].detail
    assert checks["sync queue"].status == doctor.OK


def test_without_a_centre_the_queue_is_reported_as_kept_locally(tmp_path):
    checks = by_name(doctor.check_sync(config_for(tmp_path)))
    assert "no central service" in checks["sync queue"].detail


def test_render_readable_and_json(tmp_path):
    checks = doctor.run_checks(config_for(tmp_path))
    text = doctor.render(checks)
    assert "audit chain" in text and text.splitlines()[-1] in ("all checks passed", f"{sum(c.status == 'fail' for c in checks)} check(s) failed")
    assert '"checks"' in doctor.render(checks, as_json=True)
