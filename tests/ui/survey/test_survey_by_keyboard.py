"""The shipped pathways survey, filled in from the keyboard alone, stopped, resumed and finished.

Every key goes to whichever widget has the focus, as it would for a worker
who never touches the mouse; the test then checks what is on screen and
what the vault holds.
"""

import re

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit, QPlainTextEdit

from desktop_app.ui.survey.survey_view import SurveyView
from tests.ui.survey.keyboard import digit, enter, focused, press, tab, type_text

RECEIPT = re.compile(r"^[0-9A-Z]{4}-[0-9A-Z]{4}$")


def at(view: SurveyView) -> str:
    return view.plan[view.index].id


def visible_labels(view: SurveyView) -> list[str]:
    return [card.label_text for card in view.page.cards if card.isVisibleTo(view.page)]


def card(view: SurveyView, name: str):
    return next(c for c in view.page.cards if c.key[-1] == name)


def tab_until(condition, limit: int = 30) -> None:
    for _ in range(limit):
        if condition(focused()):
            return
        tab()
    raise AssertionError(f"Tab never reached the widget; focus is on {focused()!r}")


def answer_up_to_the_follow_up_question(view: SurveyView, qtbot) -> None:
    enter()  # intro: the focus is on Next
    enter()  # quick exit note
    assert at(view) == "consent"
    assert not card(view, "consent").error.isVisible(), "no message before the person has done anything"
    enter()  # no answer yet: the page stays and says why
    assert at(view) == "consent"
    assert card(view, "consent").error.text() == "Please choose Yes or No. If you would rather not take part, choose No."
    assert "Please choose Yes or No" in focused().accessibleDescription()
    digit(1)  # Yes
    assert not card(view, "consent").error.isVisible(), "the message goes as soon as it is answered"
    assert card(view, "consent").decline_bar is None, "consent is asked plainly, without decline buttons"
    qtbot.waitUntil(lambda: view.response_id is not None)  # the first answer made a draft
    enter()

    assert at(view) == "safe_now"
    press(Qt.Key.Key_Down)  # "No, not right now": arrows choose in a list of radio buttons
    assert view.session.value("safe_now") == "no"
    assert view.questions.progress_text.text() == "Page 4 of 6", "only the stop-here note and the end are left"
    press(Qt.Key.Key_Up)  # back to "Yes, it is safe now"
    assert view.session.value("safe_now") == "yes"
    assert view.questions.progress_text.text() == "Page 4 of 15"
    enter()

    assert at(view) == "what_happened_intro" and view.questions.section.text() == "What happened"
    enter()
    assert at(view) == "abuse_types"
    digit(1)
    digit(2)  # physical and emotional
    enter()

    assert at(view) == "abuse_current"
    options = [row.text() for row in card(view, "abuse_current").input.rows]
    assert len(options) == 4 and options[2:] == ["None of it is happening now", "Prefer not to say"], "narrowed by the earlier answer"
    tab()  # from the options to the first decline button
    assert focused().text() == "Prefer not to say"
    press(Qt.Key.Key_Space)
    assert card(view, "abuse_current").declined_note.text().startswith("Declined: Prefer not to say")
    enter()

    digit(1)  # harmed by: a partner
    enter()
    digit(1)  # told: a friend
    enter()
    assert at(view) == "first_response", "shown because someone was told"
    digit(1)
    enter()

    assert at(view) == "barriers"
    press(Qt.Key.Key_Down, times=10)  # "Something else" is the 11th option: past the digit keys
    press(Qt.Key.Key_Space)
    other = card(view, "barriers").other
    assert other.isVisible(), "ticking 'Something else' asks what"
    tab()
    assert focused() is other.input.line
    type_text("too far away")
    enter()

    assert at(view) == "support_needed"
    digit(2)
    digit(4)  # legal advice, housing
    enter()
    assert at(view) == "support_outcomes_intro"
    assert visible_labels(view) == [
        "For each kind of support you needed, did you get it? Sometimes people get help, but not the kind they needed. Please tell us if that happened.",
        "Legal advice or help",
        "Housing or a safe place to stay",
    ]
    digit(1)  # legal: yes, and it was the right kind
    tab_until(lambda w: "Housing" in w.accessibleDescription())
    digit(5)  # housing: no, I did not get it
    press(Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)  # back, to change the earlier answer
    assert at(view) == "support_needed"
    digit(4)  # housing was not needed after all
    enter()
    assert visible_labels(view)[1:] == ["Legal advice or help"], "the housing follow-up is hidden again"
    enter()

    assert at(view) == "had_order"
    digit(2)  # no: the questions about breaches stay hidden
    enter()

    assert at(view) == "about_you_intro" and view.questions.section.text() == "About you"
    digit(2)  # age 25 to 34
    tab_until(lambda w: isinstance(w, QLineEdit))
    type_text("25")
    children = card(view, "children_household")
    assert not children.error.isVisible(), "no message while still typing"
    enter()
    assert at(view) == "about_you_intro", "the page stays while an answer is not allowed"
    assert children.error.isVisible() and children.error.text() == "Please enter a whole number from 0 to 20."
    assert focused() is children.input.line
    assert "Please enter a whole number from 0 to 20." in focused().accessibleDescription()
    press(Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    type_text("2")
    assert not children.error.isVisible()
    enter()

    assert at(view) == "what_would_have_helped"
    assert isinstance(focused(), QPlainTextEdit)
    type_text("More time")
    enter()  # a new line, not the next page
    type_text("to talk")
    assert at(view) == "what_would_have_helped"
    press(Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert at(view) == "followup_willing"


def stop_keeping_the_draft(view: SurveyView, qtbot) -> None:
    view.questions.stop_button.setFocus()
    press(Qt.Key.Key_Space)
    assert view.stack.currentWidget() is view.stop_screen
    assert focused() is view.stop_screen.keep
    enter()
    assert view.stack.currentWidget() is view.signposting
    assert "0808 2000 247" in view.signposting.phone_numbers()
    with qtbot.waitSignal(view.finished):
        enter()  # Done


def test_a_whole_survey_by_keyboard(open_survey, open_home, survey_vault, qtbot):
    view = open_survey()
    answer_up_to_the_follow_up_question(view, qtbot)
    page_before = view.questions.progress_text.text()
    stop_keeping_the_draft(view, qtbot)
    response_id = view.response_id
    assert survey_vault.responses.get(response_id).status == "draft"
    view.close()

    home = open_home()
    [row] = home.draft_rows
    home.activateWindow()
    row.button.setFocus()
    qtbot.waitUntil(lambda: focused() is row.button)
    with qtbot.waitSignal(home.resume_requested) as resumed:
        enter()
    assert resumed.args == [response_id]
    home.close()

    view = open_survey(response_id=response_id)
    assert at(view) == "followup_willing", "back exactly where it stopped"
    assert view.questions.progress_text.text() == page_before
    digit(2)  # no follow-up
    enter()
    assert at(view) == "support_info" and view.questions.next_button.text() == "Finish"
    enter()

    assert view.stack.currentWidget() is view.receipt
    code = view.receipt.code.text()
    assert RECEIPT.match(code)
    assert survey_vault.responses.find_by_receipt(code).uuid == response_id
    enter()  # Continue
    assert view.stack.currentWidget() is view.signposting
    with qtbot.waitSignal(view.finished):
        enter()

    stored = survey_vault.responses.get(response_id)
    assert stored.status == "complete"
    answers = {k: v for k, v in stored.answers.items() if k != "instanceID"}
    assert answers == {
        "info_sheet_version": "2026.1",
        "consent": "yes",
        "safe_now": "yes",
        "abuse_types": ["physical", "emotional"],
        "abuse_current": {"declined": "prefer_not_to_say"},
        "harmed_by": ["partner"],
        "told_whom": ["friend"],
        "first_response": "helped",
        "barriers": ["other"],
        "barriers_other": "too far away",
        "support_needed": ["legal"],
        "got_legal": "right_kind",
        "had_order": "no",
        "age_band": "25_34",
        "children_household": 2,
        "what_would_have_helped": "More time\nto talk",
        "followup_willing": "no",
    }
