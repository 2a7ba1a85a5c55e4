"""Personal data never reaches the database file or the logs in clear."""

import logging
import threading

from kiosk import applications, log as log_setup
from kiosk.session import Session

from factories import fill_to_review, make_card

NAME = "欧阳娜娜"
ADDRESS = "北京市东城区景山前街4号院3号楼2单元501室"


def forms(text: str) -> list[bytes]:
    return [text.encode("utf-8"), text.encode("utf-16-le")]


def test_names_id_numbers_and_addresses_are_not_in_the_raw_files(catalog, store, tmp_path):
    log_dir = tmp_path / "logs"
    log_setup.setup(log_dir)
    card = make_card(name=NAME)
    try:
        for service_id in ("senior_card", "residence_permit", "social_security_card"):
            session = Session(catalog)
            fill_to_review(session, service_id, card)
            receipt = session.submit(lambda draft: applications.submit(store, draft, "DEMO01"))
            # Even a careless log line is scrubbed of ID and mobile numbers.
            logging.getLogger("careless").warning("submitted %s for %s tel 13800138000", receipt.number, card.id_number)
            session.finish()
    finally:
        for handler in logging.getLogger().handlers:
            handler.flush()
    raw = b"".join(path.read_bytes() for path in tmp_path.glob("waystation.db*"))
    logs = b"".join(path.read_bytes() for path in log_dir.iterdir())
    assert b"DEMO01-" in raw and b"DEMO01-" in logs  # the files are the ones that were written
    for secret in (NAME, card.id_number, ADDRESS, "13800138000"):
        for needle in forms(secret):
            assert needle not in raw, secret
            assert needle not in logs, secret
    assert card.id_number[:6].encode() + b"********" in logs


def test_tracebacks_stacks_and_uncaught_errors_are_masked_in_the_log_file(tmp_path):
    log_dir = tmp_path / "logs"
    path = log_setup.setup(log_dir)
    card = make_card(name=NAME)
    logger = logging.getLogger("careless.traceback")
    try:
        try:
            raise KeyError(card.id_number)
        except KeyError as inner:
            raise ValueError(f"no record for {card.id_number}, tel 13800138000") from inner
    except ValueError:
        logger.exception("look-up failed for %s", card.id_number)
    logger.warning("where was %s read", card.id_number, stack_info=True)
    logger.warning("resident %s at %s", log_setup.hidden(NAME), log_setup.hidden(ADDRESS))

    def crash() -> None:
        raise RuntimeError(f"card {card.id_number} refused")

    thread = threading.Thread(target=crash, name="crashing")
    thread.start()
    thread.join()
    for handler in logging.getLogger().handlers:
        handler.flush()
    text = path.read_text(encoding="utf-8")
    assert text.count("Traceback (most recent call last)") >= 3 and "uncaught RuntimeError in thread crashing" in text
    assert "Stack (most recent call last)" in text and "resident [hidden] at [hidden]" in text
    for secret in (NAME, ADDRESS, card.id_number, "13800138000"):
        assert secret not in text, secret
    assert text.count(card.id_number[:6] + "********") >= 5 and "138****8000" in text
