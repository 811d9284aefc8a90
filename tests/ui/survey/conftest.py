"""A vault holding the shipped pathways survey, and a bare window hosting one survey view.

The host is deliberately not the app's main window: these tests drive the
survey screens alone, as a person at the keyboard would.
"""

from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from desktop_app.core.forms.loader import load_form
from desktop_app.core.signposting import Service
from desktop_app.paths import shipped_forms
from desktop_app.ui.home_page import HomePage
from desktop_app.ui.survey.survey_view import SurveyView

SERVICES = [
    Service("National Domestic Abuse Helpline", "0808 2000 247", "24 hours, free", "For anyone experiencing domestic abuse."),
    Service("Samaritans", "116 123", "24 hours, free", "If you need someone to talk to."),
]


@pytest.fixture(scope="session")
def pathways():
    """The shipped survey, read once (pyxform takes a while): what `forms add` would store."""
    return load_form(shipped_forms() / "pathways_survey.md")


@pytest.fixture
def survey_vault(vault, pathways):
    form = pathways.form
    vault.add_form(form.form_id, form.version, form.title, pathways.definition_json())
    return vault


@pytest.fixture
def add_form(vault, form_file):
    """Store a small test form written as markdown tables; returns its form id."""

    def add(survey: str, choices: str = "") -> str:
        loaded = load_form(form_file(survey, choices))
        vault.add_form(loaded.form.form_id, loaded.form.version, loaded.form.title, loaded.definition_json())
        return loaded.form.form_id

    return add


@pytest.fixture
def form_file(tmp_path):
    counter = iter(range(1000))

    def write(survey: str, choices: str = "") -> Path:
        path = tmp_path / f"form{next(counter)}.md"
        settings = "| settings | form_id | version | form_title |\n| | small | 1 | Small form |"
        path.write_text("\n\n".join(part.strip() for part in (survey, choices, settings) if part.strip()) + "\n")
        return path

    return write


@pytest.fixture
def open_survey(qtbot, vault):
    """Show a SurveyView in its own window, focused, as the main window would."""

    def open_survey(form_id: str = "pathways_survey", response_id: str | None = None, **kwargs) -> SurveyView:
        view = SurveyView(vault, form_id, response_id, services=kwargs.pop("services", SERVICES), **kwargs)
        qtbot.addWidget(view)
        view.resize(1000, 700)
        view.show()
        qtbot.waitExposed(view)
        view.activateWindow()
        qtbot.waitUntil(lambda: QApplication.focusWidget() is not None)
        return view

    return open_survey


@pytest.fixture
def open_home(qtbot, vault):
    def open_home() -> HomePage:
        home = HomePage(vault)
        qtbot.addWidget(home)
        home.resize(900, 700)
        home.show()
        qtbot.waitExposed(home)
        return home

    return open_home
