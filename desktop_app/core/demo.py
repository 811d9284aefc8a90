"""A throwaway workspace with the shipped forms and synthetic responses, so a newcomer sees a working app.

Nothing here is real: the passphrase is printed on screen and the answers
are made up (see synthetic.py).
"""

import random
from pathlib import Path

from desktop_app.core.errors import FieldbookError
from desktop_app.core.forms.loader import form_from_definition, load_form
from desktop_app.core.forms.synthetic import synthetic_session
from desktop_app.core.vault.vault import Vault

DEMO_USER = "demo"
DEMO_PASSPHRASE = "demo harbour lantern orchard"


def create_demo_vault(folder: Path, forms_dir: Path, responses_per_form: int = 12, seed: int = 1) -> Vault:
    vault, _ = Vault.create(folder, DEMO_USER, DEMO_PASSPHRASE)
    add_forms(vault, sorted(forms_dir.glob("*.md")))
    rng = random.Random(seed)
    for stored in vault.forms.all():
        simulate(vault, stored.form_id, responses_per_form, rng)
    return vault


def add_forms(vault: Vault, paths: list[Path]) -> None:
    for path in paths:
        loaded = load_form(path)
        form = loaded.form
        vault.add_form(form.form_id, form.version, form.title, loaded.definition_json())


def simulate(vault: Vault, form_id: str, count: int, rng: random.Random) -> list[str]:
    """Store `count` synthetic completed responses; returns their ids."""
    stored = vault.forms.get(form_id)
    if stored is None:
        raise FieldbookError("unknown_form", f"No form '{form_id}' in this vault; add it with: fieldbook forms add FILE.")
    form = form_from_definition(stored.definition)
    ids = []
    for _ in range(count):
        answers = synthetic_session(form, rng).final_answers()
        ids.append(vault.store_response(stored.form_id, stored.version, answers)[0])
    return ids
