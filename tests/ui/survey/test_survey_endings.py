"""Every way out of a survey: consent declined, stopped (kept or discarded), finished with gaps.

Each ends on the support services, and keeps exactly what the person chose.
"""

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from desktop_app.ui.survey.survey_view import NO_CONSENT_HEADING
from tests.ui.survey.keyboard import digit, enter, focused, press

REQUIRED_LATER = """
| survey |
| | type | name | label | required | required_message |
| | note | hello | Hello | | |
| | integer | age | How old are you? | yes | Please give an age, or choose Skip. |
| | note | bye | Thank you | | |
"""


def visible_text(widget) -> str:
    return " ".join(label.text() for label in widget.findChildren(QLabel) if label.isVisibleTo(widget))


def test_declining_consent_keeps_nothing_and_shows_support(open_survey, survey_vault, qtbot):
    view = open_survey()
    view.go_to(view.plan.index_of("consent"))
    digit(2)  # No
    qtbot.waitUntil(lambda: view.response_id is not None)  # the draft did reach the vault...
    assert survey_vault.responses.count() == 1
    enter()
    assert survey_vault.responses.count() == 0, "...and is gone once consent is declined"
    assert view.stack.currentWidget() is view.signposting
    assert view.signposting.heading.text() == NO_CONSENT_HEADING
    assert view.session is None and view.page is None, "nothing of the answers stays in memory"
    with qtbot.waitSignal(view.finished):
        enter()


def test_stopping_can_discard_the_answers(open_survey, survey_vault, qtbot):
    view = open_survey()
    view.go_to(view.plan.index_of("consent"))
    digit(1)
    view.flush_draft()
    assert survey_vault.responses.count(status="draft") == 1
    view.questions.stop_button.click()
    assert "kept as an encrypted draft" in visible_text(view.stop_screen)
    view.stop_screen.discard.click()
    assert survey_vault.responses.count() == 0
    assert view.stack.currentWidget() is view.signposting


def test_stopping_can_be_taken_back(open_survey, survey_vault):
    view = open_survey()
    view.go_to(view.plan.index_of("consent"))
    view.questions.stop_button.click()
    assert view.stack.currentWidget() is view.stop_screen
    view.stop_screen.back.click()
    assert view.stack.currentWidget() is view.questions
    assert view.plan[view.index].id == "consent"


def test_finishing_with_a_gap_goes_back_to_it(open_survey, add_form, survey_vault):
    form_id = add_form(REQUIRED_LATER)
    view = open_survey(form_id)
    view.go_to(len(view.plan) - 1)  # as if jumped straight to the end
    assert view.questions.next_button.text() == "Finish"
    enter()
    assert view.plan[view.index].id == "age", "taken to the question that needs an answer"
    card = view.page.cards[0]
    assert card.error.text() == "Please give an age, or choose Skip."
    assert focused() is card.input.line
    assert survey_vault.responses.count(status="complete") == 0
    card.decline_bar.buttons["skipped"].click()
    view.go_to(len(view.plan) - 1)
    enter()
    assert view.stack.currentWidget() is view.receipt
    [stored] = survey_vault.responses.page(0, 1, status="complete")
    assert stored.answers["age"] == {"declined": "skipped"}


def test_back_with_alt_left_and_shift_enter(open_survey, survey_vault):
    view = open_survey()
    view.go_to(view.plan.index_of("consent"))
    press(Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
    assert view.plan[view.index].id == "quick_exit_note"
    press(Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    assert view.plan[view.index].id == "intro"
    assert not view.questions.back_button.isEnabled()
