"""Reading one response, correcting it with a reason, and withdrawing one by its receipt code."""

import pytest
from PySide6.QtCore import Qt

from desktop_app.core.forms.answers import declined
from desktop_app.ui.responses_detail import ResponseDetailDialog
from desktop_app.ui.responses_withdraw import WithdrawDialog
from tests.conftest import ADMIN
from tests.ui.responses_data import ANSWERS, add_small_form


@pytest.fixture
def stored(vault, tmp_path):
    add_small_form(vault, tmp_path)
    answers = dict(ANSWERS, colour=declined("prefer_not_to_say"))
    return vault.store_response("small", "1", answers)  # (id, receipt code)


@pytest.fixture
def detail(qtbot, vault, stored):
    dialog = ResponseDetailDialog(vault, stored[0])
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def test_a_response_reads_as_questions_and_answers_with_declines_in_words(detail):
    rows = {row.question: row.answer for row in detail.answer_rows()}
    assert rows == {
        "What should we call you?": "secret-answer",
        "How old are you?": "34",
        "Favourite colour?": "Prefer not to say",
        "Which pets do you have?": "Cat; Fish",
    }
    assert detail.heading.text() == "Small survey"
    assert "Completed" in detail.facts.text() and ADMIN in detail.facts.text()
    assert not detail.edits.isVisible()


def test_a_correction_needs_a_reason_and_is_kept_with_who_and_why(qtbot, vault, stored, detail):
    correction = detail.open_correction()
    correction.choose("age")
    assert correction.current.text() == "34"
    correction.set_value("43")
    qtbot.mouseClick(correction.save_button, Qt.MouseButton.LeftButton)
    assert "Say why" in correction.error_text()
    assert vault.responses.get(stored[0]).answers["age"] == 34

    qtbot.keyClicks(correction.reason, "Digits swapped when typing")
    qtbot.mouseClick(correction.save_button, Qt.MouseButton.LeftButton)

    assert vault.responses.get(stored[0]).answers["age"] == 43
    assert [(who, why) for _, who, why in vault.responses.edits(stored[0])] == [(ADMIN, "Digits swapped when typing")]
    assert {row.question: row.answer for row in detail.answer_rows()}["How old are you?"] == "43"
    assert detail.edits.isVisible() and "Digits swapped when typing" in detail.edits.text()


def test_a_correction_is_checked_like_the_survey_checks_it(qtbot, vault, stored, detail):
    correction = detail.open_correction()
    correction.choose("age")
    correction.set_value("twelve")
    correction.reason.setText("Typo")
    correction.submit()
    assert correction.error_text() == "Enter a whole number."
    correction.set_value("12")
    correction.submit()
    assert correction.error_text() == "Enter an age from 16 to 119."
    assert vault.responses.edits(stored[0]) == []
    correction.reject()


def test_choices_and_declines_can_be_corrected(qtbot, vault, stored, detail):
    correction = detail.open_correction()
    correction.choose("colour")
    assert correction.declined.currentData() == "prefer_not_to_say"
    correction.declined.setCurrentIndex(0)
    correction.set_value("red")
    correction.reason.setText("She told us afterwards")
    correction.submit()
    correction = detail.open_correction()
    correction.choose("pets")
    correction.set_value(["dog"])
    correction.reason.setText("Misheard")
    correction.submit()
    answers = vault.responses.get(stored[0]).answers
    assert answers["colour"] == "red" and answers["pets"] == ["dog"]
    assert len(vault.responses.edits(stored[0])) == 2


@pytest.fixture
def withdraw(qtbot, vault):
    dialog = WithdrawDialog(vault)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def test_an_unknown_or_malformed_receipt_code_is_answered_in_words(qtbot, withdraw, stored):
    qtbot.keyClicks(withdraw.code, "ABC")
    withdraw.submit()
    assert "8 letters and digits" in withdraw.error_text()
    withdraw.code.setText("ZZZZ-ZZZZ")
    withdraw.submit()
    assert withdraw.error_text() == "No response on this laptop has the receipt code ZZZZZZZZ. Check the code with the respondent."
    assert not withdraw.confirming


def test_withdrawing_says_what_will_be_erased_then_erases_the_answers(qtbot, vault, withdraw, stored):
    response_id, code = stored
    qtbot.keyClicks(withdraw.code, code.lower())
    qtbot.keyClick(withdraw.code, Qt.Key.Key_Return)
    assert withdraw.confirming
    assert "erases every answer of the <b>Small survey</b> response" in withdraw.intro.text()
    assert "cannot be undone" in withdraw.intro.text()
    assert vault.responses.get(response_id).status == "complete"

    qtbot.mouseClick(withdraw.confirm_button, Qt.MouseButton.LeftButton)

    gone = vault.responses.get(response_id)
    assert gone.status == "withdrawn" and gone.answers == {}
    assert withdraw.done_message.isVisible()


def test_a_second_withdrawal_of_the_same_code_is_refused_in_words(qtbot, vault, withdraw, stored):
    vault.responses.withdraw(stored[1], ADMIN)
    withdraw.code.setText(stored[1])
    withdraw.submit()
    assert "has already been withdrawn" in withdraw.error_text()
    assert not withdraw.confirming
