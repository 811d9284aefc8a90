"""Every question type has a widget that is answered from the keyboard and named for screen readers."""

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel

from desktop_app.ui.survey.question_card import UNSUPPORTED_TEXT
from tests.ui.survey.keyboard import digit, focused, press, tab, type_text

EVERY_TYPE = """
| survey |
| | type | name | label | hint | appearance | parameters |
| | begin_group | everything | Every kind of question | | field-list | |
| | select_one agreement | agree | How far do you agree? | | likert | |
| | select_multiple colour or_other | colours | Which colours? | | | |
| | rank fruit | ranked | Put the fruit in order | | | |
| | date | day | On what day? | | | |
| | time | at | At what time? | | | |
| | dateTime | moment | When exactly? | | | |
| | integer | count | How many? | Whole numbers only | | |
| | decimal | weight | What weight? | | | |
| | range | score | What score? | | | start=0 end=10 step=2 |
| | text | name | Any name you like | | | |
| | text | story | Tell us more | | multiline | |
| | note | info | Just so you know | | | |
| | acknowledge | ok | Understood? | | | |
| | geopoint | where | Where are you? | | | |
| | end_group | | | | | |
"""
CHOICES = """
| choices |
| | list_name | name | label |
| | agreement | 1 | Strongly disagree |
| | agreement | 2 | Disagree |
| | agreement | 3 | Neither |
| | agreement | 4 | Agree |
| | agreement | 5 | Strongly agree |
| | colour | red | Red |
| | colour | green | Green |
| | colour | blue | Blue |
| | fruit | apple | Apple |
| | fruit | pear | Pear |
| | fruit | plum | Plum |
"""


@pytest.fixture
def view(open_survey, add_form):
    return open_survey(add_form(EVERY_TYPE, CHOICES))


def card(view, name):
    return next(c for c in view.page.cards if c.key[-1] == name)


def focus(view, name):
    card(view, name).focus()
    return focused()


def test_likert_is_one_row_and_digits_pick(view):
    likert = card(view, "agree").input
    assert isinstance(likert.layout(), QHBoxLayout)
    focus(view, "agree")
    digit(4)
    assert view.session.value("agree") == "4"
    press(Qt.Key.Key_Right)
    assert view.session.value("agree") == "5"
    assert focused().accessibleName() == "Strongly agree"
    assert focused().accessibleDescription().startswith("How far do you agree?")


def test_check_boxes_tick_and_untick_and_other_shows_its_text(view):
    focus(view, "colours")
    digit(1)
    digit(3)
    assert view.session.value("colours") == ["red", "blue"]
    digit(1)
    assert view.session.value("colours") == ["blue"]
    other = card(view, "colours").other
    assert not other.isVisible()
    digit(4)  # "Other", added by or_other
    assert other.isVisible()
    tab()
    type_text("purple")
    assert view.session.value("colours_other") == "purple"


def test_rank_moves_with_buttons_or_ctrl_arrows(view):
    rank = card(view, "ranked").input
    assert view.session.value("ranked") == "" and "Not ranked yet" in rank.status.text()
    focus(view, "ranked")
    press(Qt.Key.Key_Down, Qt.KeyboardModifier.ControlModifier)  # Apple goes below Pear
    assert view.session.value("ranked") == ["pear", "apple", "plum"]
    rank.list.setCurrentRow(2)
    rank.up.click()
    assert view.session.value("ranked") == ["pear", "plum", "apple"]
    assert rank.list.item(0).text() == "1.  Pear"


def test_date_starts_blank_and_the_first_arrow_means_today(view):
    edit = focus(view, "day")
    assert edit.text() == "Not answered" and view.session.value("day") == ""
    press(Qt.Key.Key_Up)
    assert view.session.value("day") == date.today().isoformat()


def test_time_and_date_time_are_typed(view):
    focus(view, "at")
    type_text("9:05")
    assert view.session.value("at") == "09:05:00"
    focus(view, "moment")
    press(Qt.Key.Key_Up)
    tab(3)  # Tab steps through day, month and year first, as in every Qt date field
    assert focused() is card(view, "moment").input.line
    type_text("14:30")
    assert view.session.value("moment") == f"{date.today().isoformat()}T14:30:00"


def test_numbers_are_stored_as_numbers(view):
    focus(view, "count")
    type_text("7x")  # the x never gets in
    assert view.session.value("count") == 7 and focused().text() == "7"
    focus(view, "weight")
    type_text("2,5")
    assert view.session.value("weight") == 2.5


def test_range_is_a_slider_with_its_steps(view):
    slider = focus(view, "score")
    assert card(view, "score").input.reading.text() == "Not answered"
    press(Qt.Key.Key_Right)
    assert view.session.value("score") == 2
    press(Qt.Key.Key_End)
    assert view.session.value("score") == 10 and slider.maximum() == 5


def test_text_and_multiline_text(view):
    focus(view, "name")
    type_text("Sam")
    assert view.session.value("name") == "Sam"
    focus(view, "story")
    type_text("one")
    press(Qt.Key.Key_Return)
    type_text("two")
    assert view.session.value("story") == "one\ntwo"


def test_notes_acknowledgements_and_unsupported_types(view):
    assert card(view, "info").input is None and card(view, "info").decline_bar is None
    focus(view, "ok")
    press(Qt.Key.Key_Space)
    assert view.session.value("ok") == "OK"
    where = card(view, "where")
    assert where.input is None
    assert UNSUPPORTED_TEXT in [label.text() for label in where.findChildren(QLabel)]


def test_every_answer_widget_is_named_by_its_question(view):
    for c in view.page.cards:
        if c.input is None:
            continue
        for widget in c.input.focus_widgets():
            assert widget.accessibleName(), f"{c.key[-1]}: a widget without a name"
            assert c.label_text in widget.accessibleName() + widget.accessibleDescription(), c.key[-1]
    assert card(view, "count").input.line.accessibleDescription() == "Whole numbers only"


def test_declining_is_visible_and_an_answer_replaces_it(view):
    count = card(view, "count")
    count.decline_bar.buttons["dont_know"].click()
    assert view.session.value("count") == {"declined": "dont_know"}
    assert count.declined_note.isVisible() and count.declined_note.text().startswith("Declined: Don't know")
    assert count.decline_bar.buttons["dont_know"].isChecked()
    focus(view, "count")
    type_text("3")
    assert view.session.value("count") == 3
    assert not count.declined_note.isVisible() and not count.decline_bar.buttons["dont_know"].isChecked()
    count.decline_bar.buttons["skipped"].click()
    assert view.session.value("count") == {"declined": "skipped"} and count.input.line.text() == ""
    count.decline_bar.buttons["skipped"].click()  # pressed again: taken back
    assert view.session.value("count") == ""


def test_the_three_declines_are_recorded_distinctly(view):
    codes = {}
    for name, code in (("agree", "prefer_not_to_say"), ("colours", "dont_know"), ("name", "skipped")):
        card(view, name).decline_bar.buttons[code].click()
        codes[name] = view.session.value(name)
    assert codes == {"agree": {"declined": "prefer_not_to_say"}, "colours": {"declined": "dont_know"},
                     "name": {"declined": "skipped"}}
