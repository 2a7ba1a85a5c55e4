"""The prompts every resident hears first, rendered into the speech cache at start-up.

The first resident after an install, an upgrade or a catalog update should not
wait for espeak-ng: the home prompt, each service's guide prompt, the
"place your card" prompt and the two "a helper is coming" notices, in every language and at both default rates, go to
the speaker's idle-time prewarm queue (rendered on the speech thread, never on
the GUI thread, and only while nothing is being said).

The texts come from the screens' own `prompt()` methods, run against a small
stand-in whose `tr()` asks that language's translator directly, so they match
what the screens later say to the letter (and so hit the same cache entries)
without switching the live window's language.  None of them holds anything of
a resident.
"""

from __future__ import annotations

from types import SimpleNamespace

from kiosk import journey_steps
from kiosk.catalog import Catalog
from kiosk.messages import LOCALES
from ui.i18n import qm_path
from ui.qt import QTranslator
from ui.screens.guide import GuideScreen
from ui.screens.home import HomeScreen
from ui.step_indicator import StepTexts

# The identity step's first words (IdentityScreen.prompt() with no card and no error).
PLACE_CARD = ("IdentityScreen", "Please place your ID card on the reader.")
# What the kiosk says when a resident calls a helper and when a helper acknowledges (KioskWindow's notices):
# said while someone waits, so said at once.
HELP_NOTICES = (("KioskWindow", "A helper is coming to you. Please wait here."),
                ("KioskWindow", "A helper has received your call and is on the way."))


def _stand_in(context: str, translator: QTranslator, locale: str, **session) -> SimpleNamespace:
    """What a screen's prompt() reads of `self`: tr() in `locale`, catalog texts in `locale`, the session."""
    return SimpleNamespace(tr=lambda source: translator.translate(context, source) or source,
                           text=lambda localised: localised.get(locale),
                           session=SimpleNamespace(**session))


def warm_prompts(catalog: Catalog) -> list[tuple[str, str]]:
    """(text, locale) of the first prompts of a visit, in every language."""
    items: list[tuple[str, str]] = []
    for locale in LOCALES:
        translator = QTranslator()
        translator.load(str(qm_path(locale)))  # a missing .qm leaves the English source texts
        items.append((HomeScreen.prompt(_stand_in("HomeScreen", translator, locale, catalog=catalog)), locale))
        for service in catalog.services:
            guide = _stand_in("GuideScreen", translator, locale, service=service)
            items.append((GuideScreen.prompt(guide), locale))
        place_card = translator.translate(*PLACE_CARD) or PLACE_CARD[1]
        # As the identity screen says it: after "Step 1 of N: Identity." (N: 3 or 4, by the service).
        for steps in sorted({journey_steps.steps_for(service) for service in catalog.services}, key=len):
            position = journey_steps.StepPosition(steps, journey_steps.IDENTITY)
            texts = _step_texts(translator, locale)
            items.append((texts.sentence(position) + " " + place_card, locale))
        items.extend((translator.translate(*notice) or notice[1], locale) for notice in HELP_NOTICES)
    return items


def _step_texts(translator: QTranslator, locale: str) -> SimpleNamespace:
    """StepTexts' words in `locale`, without switching the live window's language."""
    stand_in = _stand_in("StepTexts", translator, locale)
    for method in ("name", "count", "sentence", "short", "current"):
        setattr(stand_in, method, getattr(StepTexts, method).__get__(stand_in))
    return stand_in


def prewarm(speaker, catalog: Catalog, rates: tuple[int, ...]) -> int:
    """Queue the first prompts for rendering at each of `rates`; returns how many were queued."""
    if speaker is None or not hasattr(speaker, "prewarm"):
        return 0
    items = warm_prompts(catalog)
    for rate in dict.fromkeys(rates):  # both modes' default rates, once each
        speaker.prewarm(items, rate=rate)
    return len(items) * len(dict.fromkeys(rates))
