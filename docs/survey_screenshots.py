"""Draw the home page and the survey screens into docs/screenshots/*.png.

    QT_QPA_PLATFORM=offscreen .venv/bin/python docs/survey_screenshots.py

Runs against a throwaway workspace (a temporary FIELDBOOK_HOME, deleted
afterwards) with a cheap key-derivation setting; the answers in the
pictures are made up on the spot, typed through the same widgets a person
uses.
"""

import os
import random
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QEventLoop, QSettings, QSize, Qt, QThreadPool  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QApplication, QWidget  # noqa: E402

from desktop_app import paths  # noqa: E402
from desktop_app.core.demo import add_forms, simulate  # noqa: E402
from desktop_app.core.signposting import load_services  # noqa: E402
from desktop_app.core.vault import keyslots  # noqa: E402
from desktop_app.core.vault.vault import Vault  # noqa: E402
from desktop_app.ui.identity import apply_identity  # noqa: E402
from desktop_app.ui.main_window import MainWindow  # noqa: E402
from desktop_app.ui.signposting_view import SignpostingView  # noqa: E402
from desktop_app.ui.style import apply_style  # noqa: E402
from desktop_app.ui.survey.survey_view import SurveyView  # noqa: E402

OUT = Path(__file__).parent / "screenshots"
WINDOW_SIZE = QSize(1000, 660)
USER, PASSPHRASE = "amira", "lantern orbit pebble harvest"


def main() -> int:
    keyslots.DEFAULT_KDF = keyslots.KdfParams(time_cost=1, memory_kib=8 * 1024, parallelism=1)
    with tempfile.TemporaryDirectory(prefix="fieldbook-screens-") as home:
        QSettings.setPath(QSettings.Format.NativeFormat, QSettings.Scope.UserScope, home)
        app = QApplication(sys.argv[:1])
        apply_identity(app)
        apply_style(app)
        where = paths.resolve(home)
        vault, _ = Vault.create(where.vault, USER, PASSPHRASE)
        try:
            fill_vault(vault)
            capture_all(vault)
        finally:
            vault.close()
            QThreadPool.globalInstance().waitForDone()
    print(f"screenshots written to {OUT}")
    return 0


def fill_vault(vault: Vault) -> None:
    forms = Path(__file__).resolve().parent.parent / "forms"
    add_forms(vault, [forms / "pathways_survey.md", forms / "practitioner_survey.md", forms / "strategy_consultation.md"])
    simulate(vault, "pathways_survey", 9, random.Random(4))
    simulate(vault, "practitioner_survey", 3, random.Random(5))


def capture_all(vault: Vault) -> None:
    OUT.mkdir(exist_ok=True)
    draft = SurveyView(vault, "pathways_survey")  # leaves one draft for the home page
    show(draft)
    next_page(draft, 3)
    press(Qt.Key.Key_1)
    draft.flush_draft()
    close(draft)

    window = MainWindow(vault)
    window.resize(WINDOW_SIZE)
    window.show()
    save(window, "home")
    close(window)

    view = SurveyView(vault, "pathways_survey")
    show(view)
    next_page(view, 2)
    press(Qt.Key.Key_1)  # consent: yes
    next_page(view)
    press(Qt.Key.Key_1)  # safe now: yes
    next_page(view, 2)
    for number in (2, 3):  # two kinds of abuse ticked
        press(Qt.Key(Qt.Key.Key_0 + number))
    save(view, "survey-question")

    next_page(view)
    view.page.cards[0].decline_bar.buttons["prefer_not_to_say"].click()
    save(view, "survey-declined")

    view.go_to(view.plan.index_of("about_you_intro"))
    for card, number in zip(view.page.cards[1:5], (2, 1, 5, 4)):
        card.input.pick(number)
    save(view, "survey-field-list")

    view.page.cards[-1].focus()
    QTest.keyClicks(QApplication.focusWidget(), "25")
    view.go_next()
    save(view, "survey-error")

    view.page.cards[-1].input.line.clear()
    QTest.keyClicks(view.page.cards[-1].input.line, "2")
    while view.stack.currentWidget() is view.questions:
        view.go_next()
        settle()
    save(view, "survey-receipt")
    close(view)

    signposting = SignpostingView(load_services(), "Thank you for taking part")
    show(signposting)
    signposting.focus_default()
    save(signposting, "signposting")
    close(signposting)


def show(widget: QWidget) -> None:
    widget.resize(WINDOW_SIZE)
    widget.show()
    widget.activateWindow()
    deadline = time.monotonic() + 5
    while QApplication.activeWindow() is not widget and time.monotonic() < deadline:
        QApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
    settle()


def next_page(view: SurveyView, times: int = 1) -> None:
    for _ in range(times):
        view.go_next()
        settle()


def press(key: Qt.Key) -> None:
    QTest.keyClick(QApplication.focusWidget(), key)
    settle()


def save(widget: QWidget, name: str) -> None:
    settle()
    widget.grab().save(str(OUT / f"{name}.png"))


def close(widget: QWidget) -> None:
    widget.close()
    widget.deleteLater()
    settle()


def settle() -> None:
    for _ in range(3):
        QApplication.processEvents()


if __name__ == "__main__":
    raise SystemExit(main())
