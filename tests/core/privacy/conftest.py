"""Forms written as small markdown tables, as in tests/core/forms."""

import textwrap

import pytest

from desktop_app.core.forms.loader import load_form


@pytest.fixture
def form_of(tmp_path):
    counter = iter(range(1000))

    def load(survey: str, choices: str = ""):
        settings = "| settings | form_id | version |\n| | t | 1 |"
        path = tmp_path / f"form{next(counter)}.md"
        path.write_text("\n".join(textwrap.dedent(part).strip() for part in (survey, choices, settings) if part) + "\n")
        return load_form(path).form

    return load
