"""A growing wait after repeated wrong passphrases.

The counter lives in a small plain file beside the vault because it must be
read before the vault can be opened. It slows guessing at the keyboard;
offline guessing is what Argon2id is for.
"""

import json
import time
from collections.abc import Callable
from pathlib import Path

from desktop_app.core.errors import AuthError
from desktop_app.core.vault.atomic_file import write_atomically

FREE_ATTEMPTS = 3
MAX_DELAY_S = 300


def delay_after(failures: int) -> int:
    """Seconds to wait after `failures` wrong passphrases in a row: 0, 0, 0, 2, 4, 8, ... 300."""
    if failures < FREE_ATTEMPTS:
        return 0
    return min(2 ** (failures - FREE_ATTEMPTS + 1), MAX_DELAY_S)


class UnlockThrottle:
    def __init__(self, path: Path, clock: Callable[[], float] = time.time):
        self.path = path
        self.clock = clock

    def _state(self) -> tuple[int, float]:
        try:
            state = json.loads(self.path.read_text("utf-8"))
            return int(state["failures"]), float(state["last"])
        except (OSError, ValueError, KeyError, TypeError):
            return 0, 0.0

    def remaining(self) -> int:
        failures, last = self._state()
        return max(0, round(last + delay_after(failures) - self.clock()))

    def check(self) -> None:
        wait = self.remaining()
        if wait:
            raise AuthError("throttled", f"Too many wrong passphrases. Wait {wait} s before trying again.")

    def failed(self) -> None:
        failures, _ = self._state()
        self._write(failures + 1, self.clock())

    def succeeded(self) -> None:
        if self.path.exists():
            self._write(0, 0.0)

    def _write(self, failures: int, last: float) -> None:
        try:
            write_atomically(self.path, json.dumps({"failures": failures, "last": last}).encode())
        except OSError:
            pass  # a read-only vault folder must still open for reading
