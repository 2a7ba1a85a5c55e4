"""Every message exists in every locale with the same placeholders (as Electrum checks translations)."""

import importlib
import pkgutil

import pytest

import kiosk
from kiosk import messages


def load_all_packages():
    for package in ("kiosk", "devices", "sync"):
        try:
            module = importlib.import_module(package)
        except ImportError:
            continue
        for info in pkgutil.walk_packages(module.__path__, package + "."):
            if info.name.endswith("__main__"):
                continue  # running it would start a program
            try:
                importlib.import_module(info.name)
            except ImportError:
                pass  # optional driver dependencies (e.g. pyscard) are tested by their own tests


load_all_packages()


@pytest.mark.parametrize("code", sorted(messages.all_messages()))
def test_message_has_every_locale_with_the_same_placeholders(code):
    texts = messages.all_messages()[code]
    assert set(texts) == set(messages.LOCALES)
    assert all(texts[locale].strip() for locale in messages.LOCALES)
    assert messages.placeholders(texts["zh_CN"]) == messages.placeholders(texts["en"])


def test_unknown_code_falls_back_to_a_general_message():
    assert messages.message_text("no.such.code", "zh_CN") == messages.all_messages()["kiosk.error"]["zh_CN"]
