"""The quick-exit shortcut as a plain state machine: Shift pressed three times on its own.

The rule is GOV.UK's "Exit this page" (govuk-frontend, components/exit-this-page):
only a Shift released without another key in between counts (Shift used as
a modifier, as in Shift+A, does not); each counted press restarts a
5-second window; any other key resets the count; the third press exits.
Kept free of Qt, with the clock passed in, so every rule is tested without
a display or a sleep.
"""

import time
from collections.abc import Callable

PRESSES_TO_EXIT = 3
WINDOW_SECONDS = 5.0


class TripleShift:
    def __init__(self, clock: Callable[[], float] = time.monotonic,
                 presses: int = PRESSES_TO_EXIT, window_seconds: float = WINDOW_SECONDS):
        self._clock = clock
        self._needed = presses
        self._window = window_seconds
        self.count = 0  # bare Shift presses counted in the current sequence
        self._last = 0.0
        self._held = False  # a Shift press was seen and not yet released
        self._alone = False  # ... and no other key went down while it was held

    @property
    def remaining(self) -> int:
        """Presses still needed to exit."""
        return self._needed - self.count

    def shift_down(self) -> None:
        if not self._held:
            self._held, self._alone = True, True

    def other_key_down(self) -> bool:
        """Any other key: Shift held becomes a modifier, and the count starts again. True if a count was lost."""
        self._alone = False
        lost = self.count > 0
        self.count = 0
        return lost

    def shift_up(self) -> bool:
        """A Shift released; True when this was the press that exits.

        A release with no press seen, or a second report of the same release
        (Qt shows an unaccepted key event to each parent widget in turn), counts nothing.
        """
        counts = self._held and self._alone
        self._held, self._alone = False, False
        if not counts:
            return False
        self.expire()
        self.count += 1
        self._last = self._clock()
        if self.count >= self._needed:
            self.count = 0
            return True
        return False

    def expire(self) -> bool:
        """Forget a sequence whose last press is more than the window ago; True if one was forgotten."""
        if self.count and self._clock() - self._last >= self._window:
            self.count = 0
            return True
        return False

    def seconds_left(self) -> float:
        """How long the current sequence stays alive (0 when none is under way)."""
        if not self.count:
            return 0.0
        return max(0.0, self._window - (self._clock() - self._last))
