"""The steps of a service as a resident sees them (核验身份 → 填写信息 → 拍摄材料 → 确认提交).

Derived from the service, not fixed: a service without photo fields has no
photo step, so its review is "step 3 of 3".  The screens show the steps and say
"第 2 步，共 4 步" with each prompt; this module only knows which step a
session state is and where it stands, so it is tested without a screen.
"""

from __future__ import annotations

from dataclasses import dataclass

from kiosk.catalog import Service
from kiosk.session import State

IDENTITY, FORM, PHOTOS, CONFIRM = "identity", "form", "photos", "confirm"

# Which step each screen of a service belongs to (the guide comes before the steps, the receipt after).
_STEP_OF_STATE = {State.IDENTITY: IDENTITY, State.FORM: FORM, State.DOCUMENTS: PHOTOS, State.REVIEW: CONFIRM,
                  State.CONSENT: CONFIRM}


@dataclass(frozen=True)
class StepPosition:
    steps: tuple[str, ...]  # every step of the service, in order
    current: str            # the step the resident is on

    @property
    def number(self) -> int:
        """1-based: 'step 2 of 4'."""
        return self.steps.index(self.current) + 1

    @property
    def total(self) -> int:
        return len(self.steps)

    def done(self, step: str) -> bool:
        return self.steps.index(step) < self.steps.index(self.current)


def steps_for(service: Service) -> tuple[str, ...]:
    """The service's steps: proving identity, the form, photos (only if it asks for any), confirming."""
    return (IDENTITY, FORM) + ((PHOTOS,) if service.photo_fields else ()) + (CONFIRM,)


def position(service: Service | None, state: State) -> StepPosition | None:
    """Where a resident on `state` of `service` stands; None outside the steps (home, guide, receipt...)."""
    step = _STEP_OF_STATE.get(state)
    if service is None or step is None:
        return None
    steps = steps_for(service)
    return StepPosition(steps, step) if step in steps else None
