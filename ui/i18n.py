"""Qt translations: `.ts` sources in locales/, compiled `.qm` loaded at run time.

Source strings are English; zh_CN is the station default.  Switching the
language installs the other translator and rebuilds the screen.
"""

from __future__ import annotations

from pathlib import Path

from ui.qt import QCoreApplication, QTranslator

LOCALES_DIR = Path(__file__).resolve().parent.parent / "locales"


def qm_path(locale: str) -> Path:
    return LOCALES_DIR / f"waystation_{locale}.qm"


class Translations:
    def __init__(self) -> None:
        self._translator: QTranslator | None = None
        self.locale = "en"

    def switch(self, locale: str) -> None:
        app = QCoreApplication.instance()
        if self._translator is not None:
            app.removeTranslator(self._translator)
            self._translator = None
        self.locale = locale
        path = qm_path(locale)
        if path.exists():  # en has one too: plural forms of the English source strings
            translator = QTranslator()
            if translator.load(str(path)):
                app.installTranslator(translator)
                self._translator = translator
