"""What the main window relies on: flush now, wipe everything, say whether work is unsaved, leave titles alone.

Also the person's display settings, repeats added and removed, and sections.
"""

from PySide6.QtGui import QPalette

from desktop_app.settings import Settings
from desktop_app.ui.signposting_view import SignpostingView
from tests.ui.survey.conftest import SERVICES
from tests.ui.survey.keyboard import digit, enter, type_text

PEOPLE = """
| survey |
| | type | name | label | required |
| | begin_repeat | people | Person in your household | |
| | text | person_name | What is their first name? | |
| | integer | person_age | How old are they? | |
| | end_repeat | | | |
| | note | done | That is everyone | |
"""


def test_flush_saves_at_once_and_wipe_forgets_what_was_typed(open_survey, add_form, survey_vault):
    view = open_survey(add_form(PEOPLE))
    assert not view.has_unsaved_work()
    view.page.entries.add.click()
    type_text("Robin")
    assert view.has_unsaved_work() and view.keeper.timer.isActive()
    line = view.page.cards[0].input.line
    view.flush_draft()
    assert not view.has_unsaved_work()
    assert survey_vault.responses.get(view.response_id).answers["answers"]["people"][0]["person_name"] == "Robin"
    view.wipe()
    assert line.text() == "" and view.session is None and view.page is None
    view.flush_draft()  # still safe after a wipe
    assert view.windowTitle() == "", "the survey never names the window"


def test_flush_never_raises_even_when_the_vault_is_gone(open_survey, survey_vault):
    view = open_survey()
    view.go_to(view.plan.index_of("consent"))
    digit(1)
    survey_vault.close()
    view.flush_draft()
    assert view.has_unsaved_work()
    assert view.questions.save_status.text().startswith("Could not save the answers just now")
    assert "yes" not in view.questions.save_status.text().lower().split()


def test_repeat_entries_are_added_and_removed(open_survey, add_form):
    view = open_survey(add_form(PEOPLE))
    assert view.page.entries is not None and view.page.entries.add.text().startswith("Add an entry")
    enter()  # Enter on the focused "Add" button adds an entry, and goes to its first question
    assert view.plan[view.index].id == "people[1]/person_name"
    assert view.page.findChild(type(view.questions.section), None) is not None
    type_text("Robin")
    enter()
    type_text("34")
    enter()
    assert view.plan[view.index].id == "people#entries"
    assert view.session.value("people[1]/person_age") == 34
    remove = view.page.entries.remove_buttons[0]
    remove.click()
    assert view.session.repeat_count("people") == 1, "removing asks twice"
    assert "press again to confirm" in remove.text()
    remove.click()
    assert view.session.repeat_count("people") == 0
    assert view.plan[view.index].id == "people#entries" and view.page.entries.remove_buttons == []


def test_font_size_and_high_contrast_follow_the_settings(open_survey, survey_vault):
    view = open_survey(settings=Settings(font_point_size=16, high_contrast=True))
    view.go_to(view.plan.index_of("consent"))
    label = view.page.cards[0].label
    assert label.font().pointSize() == 20, "questions are 4 points above the body text"
    assert label.palette().color(QPalette.ColorRole.WindowText).name() == "#000000"
    plain = open_survey(settings=Settings())
    plain.go_to(plain.plan.index_of("consent"))
    assert plain.page.cards[0].label.font().pointSize() == 15


def test_sections_list_the_labelled_groups_and_jump(open_survey, survey_vault):
    view = open_survey()
    view.go_to(view.plan.index_of("consent"))
    digit(1)
    enter()
    digit(1)  # safe now: the sections appear
    titles = [action.text() for action in view.questions.sections_menu.actions()]
    assert titles == ["What happened", "Telling someone", "Getting help", "Support", "Bail and court orders",
                      "About you", "Looking back", "A follow-up conversation"]
    view.questions.sections_menu.actions()[5].trigger()
    assert view.plan[view.index].id == "about_you_intro"
    assert view.questions.section.text() == "About you"


def test_signposting_shows_each_service_with_its_number(qtbot):
    view = SignpostingView(SERVICES, "Support is available")
    qtbot.addWidget(view)
    view.show()
    assert view.heading.text() == "Support is available"
    assert view.phone_numbers() == ["0808 2000 247", "116 123"]
    assert view.cards[1].accessibleName() == "Samaritans. Phone 116 123. 24 hours, free. If you need someone to talk to."
    with qtbot.waitSignal(view.done):
        view.done_button.click()
