"""Refuse to run on a Qt binding that would crash the app in the middle of an interview.

PySide6 6.12.0 on Python 3.11 drops a reference to None on every call of a
method returning nothing (measured here: 200 `setText` calls, None's
refcount down by 200). Python 3.12+ makes None immortal, so it is harmless
there; on 3.11 the interpreter aborts ("deallocating None") after a few
thousand calls, losing whatever was on screen. The probe measures the
behaviour instead of naming versions, so a fixed build passes.
"""

import sys

PROBE_CALLS = 64

PROBLEM = (
    "Fieldbook cannot start: the installed PySide6 ({version}) miscounts references on Python "
    "{python} and would crash within minutes. Install PySide6-Essentials 6.11 "
    "(pip install 'PySide6-Essentials<6.12') or run Fieldbook on Python 3.12 or newer."
)


def binding_problem() -> str | None:
    """A sentence saying why this Qt binding is unsafe here, or None when it is fine."""
    import PySide6
    from PySide6.QtCore import QObject

    probe = QObject()
    before = sys.getrefcount(None)
    for _ in range(PROBE_CALLS):
        probe.setObjectName("")
    lost = before - sys.getrefcount(None)
    if lost < PROBE_CALLS // 2:
        return None
    # Put back what the probe took, so that the report itself cannot be what crashes.
    _keep_alive.extend([None] * lost)
    return PROBLEM.format(version=PySide6.__version__, python=sys.version.split()[0])


_keep_alive: list[None] = []
