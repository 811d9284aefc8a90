"""A small form and many stored responses to it, for the responses list and its dialogs."""

from pathlib import Path

from desktop_app.core.forms.loader import load_form
from desktop_app.core.vault.batch import one_transaction
from desktop_app.core.vault.vault import Vault

SURVEY = """
| survey |
| | type | name | label | constraint | constraint_message |
| | text | nickname | What should we call you? | | |
| | integer | age | How old are you? | . >= 16 and . < 120 | Enter an age from 16 to 119. |
| | select_one colour | colour | Favourite colour? | | |
| | select_multiple pet | pets | Which pets do you have? | | |

| choices |
| | list_name | name | label |
| | colour | red | Red |
| | colour | blue | Blue |
| | pet | cat | Cat |
| | pet | dog | Dog |
| | pet | fish | Fish |
"""


def add_small_form(vault: Vault, folder: Path, form_id: str = "small", title: str = "Small survey") -> None:
    path = folder / f"{form_id}.md"
    settings = f"| settings | form_id | version | form_title |\n| | {form_id} | 1 | {title} |"
    path.write_text(SURVEY.strip() + "\n\n" + settings + "\n")
    loaded = load_form(path)
    vault.add_form(loaded.form.form_id, loaded.form.version, loaded.form.title, loaded.definition_json())


ANSWERS = {"nickname": "secret-answer", "age": 34, "colour": "blue", "pets": ["cat", "fish"]}


def store_many(vault: Vault, form_id: str, count: int) -> list[tuple[str, str]]:
    """`count` completed responses in one transaction; returns (id, receipt code) pairs."""
    with one_transaction(vault.db):
        return [vault.store_response(form_id, "1", dict(ANSWERS)) for _ in range(count)]
