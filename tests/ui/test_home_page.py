"""Home: three numbers about the vault, and an empty state until forms arrive."""

from desktop_app.core.vault.vault import Vault
from desktop_app.ui.home_page import EMPTY_HEADING
from tests.conftest import ADMIN, ADMIN_PASSPHRASE


def test_a_new_vault_says_forms_arrive_with_the_project_file(controller, admin_vault, signed_in):
    home = signed_in(ADMIN, ADMIN_PASSPHRASE).home_page
    assert home.isVisible()
    assert (home.forms.count(), home.complete.count(), home.drafts.count()) == (0, 0, 0)
    assert home.empty_state.isVisible()
    assert home.empty_state.heading.text() == EMPTY_HEADING
    assert "project file" in home.empty_state.text.text()


def test_the_counts_come_from_the_vault(controller, admin_vault, signed_in):
    with Vault.unlock(admin_vault, ADMIN, ADMIN_PASSPHRASE) as vault:
        with vault.db.transaction():
            vault.forms.add("wellbeing", "1", "Wellbeing check-in", "{}", ADMIN)
        for _ in range(3):
            vault.responses.create_draft("wellbeing", "1", {}, ADMIN)
        vault.responses.complete(vault.responses.create_draft("wellbeing", "1", {}, ADMIN), {"q1": "yes"}, ADMIN)

    home = signed_in(ADMIN, ADMIN_PASSPHRASE).home_page
    assert (home.forms.count(), home.complete.count(), home.drafts.count()) == (1, 1, 3)
    assert not home.empty_state.isVisible()
    assert home.drafts.accessibleName() == "Drafts in progress: 3"
