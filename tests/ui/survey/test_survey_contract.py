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


BILINGUAL = """
| survey |
| | type | name | label::English (en) | label::Cymraeg (cy) |
| | begin_group | about | About you | Amdanoch chi |
| | select_one yn | happy | Are you happy? | Ydych chi'n hapus? |
| | end_group | | | |
"""
BILINGUAL_CHOICES = """
| choices |
| | list_name | name | label::English (en) | label::Cymraeg (cy) |
| | yn | yes | Yes | Ydw |
| | yn | no | No | Nac ydw |
"""


def test_a_form_in_two_languages_can_be_asked_in_either(open_survey, add_form):
    view = open_survey(add_form(BILINGUAL, BILINGUAL_CHOICES))
    chooser = view.questions.language
    assert chooser.isVisible() and {chooser.itemText(i) for i in range(chooser.count())} == {"English (en)", "Cymraeg (cy)"}
    view.set_language("English (en)")
    assert view.page.cards[0].label.text() == "Are you happy?"
    digit(1)
    view.set_language("Cymraeg (cy)")
    card = view.page.cards[0]
    assert card.label.text() == "Ydych chi'n hapus?" and [row.text() for row in card.input.rows] == ["Ydw", "Nac ydw"]
    assert view.questions.section.text() == "Amdanoch chi"
    assert view.session.value("happy") == "yes", "the answer stays"
    view.flush_draft()
    assert view.session.to_draft()["language"] == "Cymraeg (cy)"


def test_a_page_only_to_read_puts_the_focus_on_next(open_survey, survey_vault):
    from tests.ui.survey.keyboard import focused

    view = open_survey()
    assert view.plan[view.index].id == "intro"
    assert focused() is view.questions.next_button


def test_a_draft_that_is_no_longer_a_draft_says_so(vault, survey_vault):
    import pytest

    from desktop_app.core.errors import FieldbookError
    from desktop_app.ui.survey.survey_view import SurveyView

    response_id, _ = survey_vault.store_response("pathways_survey", "2026.1", {"consent": "no"})
    with pytest.raises(FieldbookError) as raised:
        SurveyView(vault, "pathways_survey", response_id, services=SERVICES)
    assert raised.value.code == "not_a_draft"


def test_tab_goes_through_the_page_then_back_and_next_then_the_top_bar(open_survey, survey_vault):
    from tests.ui.survey.keyboard import focused, tab

    view = open_survey()
    view.go_to(view.plan.index_of("consent"))
    digit(1)
    enter()
    digit(1)
    view.go_to(view.plan.index_of("had_order"))
    names = []
    for _ in range(8):
        names.append(focused().accessibleName())
        tab()
    assert names == ["Yes", "Prefer not to say", "Don't know", "Skip", "Previous page", "Next page",
                     "Jump to a section", "Stop this survey"], "the options are one stop; arrows move within them"
