"""Notice that the laptop slept, from a gap in a clock that keeps running through suspend.

Qt reports suspension only where the platform tells it (ApplicationSuspended
on Android and iOS); on Linux (X11, Wayland), Windows and macOS desktops it
reports only Active/Inactive (and Hidden on macOS), never "the lid was
closed". And a timer there does not advance while the machine sleeps, so an
idle lock alone would give a woken laptop a few more unlocked minutes.
Instead a ticking timer compares each tick with a clock that counts the time
asleep (CLOCK_BOOTTIME on Linux, the wall clock elsewhere): a tick that
comes far later than asked means the machine was asleep (or frozen), and
the safe answer to either is to lock. Qt-free, with the clock passed in.
"""

import time
from collections.abc import Callable

TICK_SECONDS = 10.0
TOLERANCE_SECONDS = 20.0


def clock_through_suspend() -> float:
    """Seconds on a clock that keeps counting while the machine is suspended."""
    boottime = getattr(time, "CLOCK_BOOTTIME", None)
    if boottime is not None:
        return time.clock_gettime(boottime)
    return time.time()  # a user changing the clock may cause one extra lock: harmless


class ResumeDetector:
    def __init__(self, clock: Callable[[], float] = clock_through_suspend,
                 tick_seconds: float = TICK_SECONDS, tolerance_seconds: float = TOLERANCE_SECONDS):
        self._clock = clock
        self.tick_seconds = tick_seconds
        self._tolerance = tolerance_seconds
        self._last = clock()

    def tick(self) -> bool:
        """Call every `tick_seconds`; True when this call came much later than that (the machine slept)."""
        now = self._clock()
        gap, self._last = now - self._last, now
        return gap > self.tick_seconds + self._tolerance

    def reset(self) -> None:
        self._last = self._clock()
