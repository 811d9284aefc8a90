"""Forms written as small markdown tables, the way XLSForm authors think of them."""

import textwrap
from pathlib import Path

import pytest

from desktop_app.core.forms.loader import load_form


@pytest.fixture
def write_form(tmp_path):
    counter = iter(range(1000))

    def write(survey: str, choices: str = "", settings: str = "| settings | form_id | version |\n| | t | 1 |") -> Path:
        path = tmp_path / f"form{next(counter)}.md"
        text = "\n".join(textwrap.dedent(part).strip() for part in (survey, choices, settings) if part)
        path.write_text(text + "\n")
        return path

    return write


@pytest.fixture
def form_of(write_form):
    def load(survey: str, choices: str = "", **settings):
        settings_md = "| settings | form_id | version |" + "".join(f" {k} |" for k in settings) + "\n| | t | 1 |" + "".join(
            f" {v} |" for v in settings.values()
        )
        return load_form(write_form(survey, choices, settings_md)).form

    return load
