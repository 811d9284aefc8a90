"""A survey process killed mid-entry (power cut, crash, task manager) loses nothing already typed.

A child process unlocks the vault, types answers into a real SurveyView
offscreen, lets the event loop run past the save delay, says "typed" and
waits. The test kills it with SIGKILL (no clean-up runs) and reads the draft.
"""

import os
import selectors
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from desktop_app.core.vault.vault import Vault
from tests.conftest import ADMIN, ADMIN_PASSPHRASE, CHEAP_KDF

REPO = Path(__file__).resolve().parents[3]

CHILD = """
import os, sys
from pathlib import Path
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from desktop_app.core.vault.vault import Vault
from desktop_app.ui.survey.survey_view import SurveyView

app = QApplication(sys.argv[:1])
vault = Vault.unlock(Path(sys.argv[1]), None, os.environ["FIELDBOOK_PASSPHRASE"])
view = SurveyView(vault, "pathways_survey", services=[])
view.show()
view.activateWindow()
while QApplication.focusWidget() is None:
    QTest.qWait(10)
view.go_to(view.plan.index_of("consent"))

def key(k, modifier=Qt.KeyboardModifier.NoModifier):
    QTest.keyClick(QApplication.focusWidget(), k, modifier)

key(Qt.Key.Key_1)       # consent: yes
key(Qt.Key.Key_Return)
key(Qt.Key.Key_1)       # safe now: yes
key(Qt.Key.Key_Return)
key(Qt.Key.Key_Return)  # the note before the first section
key(Qt.Key.Key_1)       # physical
key(Qt.Key.Key_3)       # coercive control
QTest.qWait(1500)       # longer than the save delay; no flush_draft(), no close
print("typed", flush=True)
QTest.qWait(120_000)
"""


def wait_for_line(process: subprocess.Popen, timeout_s: float = 60) -> str:
    with selectors.DefaultSelector() as selector:
        selector.register(process.stdout, selectors.EVENT_READ)
        if not selector.select(timeout_s):
            raise AssertionError("the child never said it had typed")
    return process.stdout.readline().strip()


@pytest.mark.slow
def test_a_draft_survives_the_process_being_killed(isolated_home, pathways):
    folder = isolated_home / "data" / "vault"
    vault, _ = Vault.create(folder, ADMIN, ADMIN_PASSPHRASE, kdf=CHEAP_KDF)  # the child unlocks with these costs
    with vault:
        vault.add_form(pathways.form.form_id, pathways.form.version, pathways.form.title, pathways.definition_json())

    env = {**os.environ, "FIELDBOOK_PASSPHRASE": ADMIN_PASSPHRASE, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(REPO)}
    child = subprocess.Popen([sys.executable, "-c", CHILD, str(folder)], cwd=REPO, env=env,
                             stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    try:
        assert wait_for_line(child) == "typed"
    finally:
        os.kill(child.pid, signal.SIGKILL)
        child.wait(timeout=30)
        child.stdout.close()
    assert child.returncode == -signal.SIGKILL

    with Vault.unlock(folder, ADMIN, ADMIN_PASSPHRASE) as vault:
        [draft] = vault.responses.page(0, 5, status="draft")
        assert draft.answers["position"] == "abuse_types"
        answers = draft.answers["answers"]
        assert (answers["consent"], answers["safe_now"]) == ("yes", "yes")
        assert answers["abuse_types"] == ["physical", "coercive_control"]
