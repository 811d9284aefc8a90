"""Quick exit and the idle lock in the middle of a survey: the answers are saved, gone from the screen, and back after unlocking.

Needs the survey screens (desktop_app.ui.survey); skipped while they do not exist.
"""

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit

from desktop_app.ui.main_window import MainWindow
from desktop_app.ui.unlock_window import UnlockWindow
from tests.conftest import ADMIN, ADMIN_PASSPHRASE
from tests.ui.screen import visible_windows

pytest.importorskip("desktop_app.ui.survey.survey_view")

FORM = """
| survey |
| | type | name | label |
| | text | whereabouts | Where did you first hear about the service? |
| | text | more | Anything else? |

| settings | form_id | version | form_title |
| | quick | 1 | Quick form |
"""
TYPED = "From a leaflet at the GP"


@pytest.fixture
def form_vault(vault, tmp_path):
    from desktop_app.core.forms.loader import load_form

    path = tmp_path / "quick.md"
    path.write_text(FORM.strip() + "\n")
    loaded = load_form(path)
    vault.add_form("quick", "1", loaded.form.title, loaded.definition_json())
    return vault


@pytest.fixture
def main(qtbot, form_vault, controller, signed_in) -> MainWindow:
    window = signed_in(ADMIN, ADMIN_PASSPHRASE)
    qtbot.waitExposed(window)
    return window


def type_an_answer(qtbot, main: MainWindow):
    survey = main.open_survey("quick")
    assert survey is not None and not main.navigation.isVisible()
    qtbot.waitUntil(lambda: isinstance(QApplication.focusWidget(), QLineEdit))
    field = QApplication.focusWidget()
    qtbot.keyClicks(field, TYPED)
    return survey, field


def resume_the_draft(qtbot, controller, signed_in):
    main = signed_in(ADMIN, ADMIN_PASSPHRASE)
    page = main.responses_page
    main.show_page("Responses")
    page.status_filter.setCurrentIndex(page.status_filter.findData("draft"))
    assert page.model.rowCount() == 1
    page.open_row(0)
    assert main.survey is not None
    qtbot.waitUntil(lambda: isinstance(QApplication.focusWidget(), QLineEdit))
    return main, QApplication.focusWidget()


def test_quick_exit_mid_survey_saves_the_draft_wipes_the_screen_and_gives_it_back_after_unlocking(qtbot, controller, main, signed_in):
    survey, field = type_an_answer(qtbot, main)
    assert main.exit_control.isVisible()  # the Exit control stays in its place during a survey

    for _ in range(3):
        qtbot.keyClick(field, Qt.Key.Key_Shift)

    assert isinstance(controller.window, UnlockWindow)
    assert [type(w) for w in visible_windows()] == [UnlockWindow]
    assert survey.session is None and field.text() == ""  # wiped before the window went away

    main, field = resume_the_draft(qtbot, controller, signed_in)
    assert field.text() == TYPED


def test_the_idle_lock_mid_survey_saves_the_draft_too(qtbot, controller, main, signed_in):
    type_an_answer(qtbot, main)
    controller.idle_lock.set_interval_ms(50)
    qtbot.waitUntil(lambda: isinstance(controller.window, UnlockWindow), timeout=5000)
    main, field = resume_the_draft(qtbot, controller, signed_in)
    assert field.text() == TYPED


def test_leaving_the_survey_returns_home_with_the_sections_back(qtbot, main):
    survey = main.open_survey("quick")
    survey.finished.emit()
    assert main.survey is None
    assert main.navigation.isVisible() and main.pages.currentWidget() is main.home_page
