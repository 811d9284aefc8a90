"""First run on a new laptop: explain, create the vault and its admin, show the recovery key once, maybe load the project.

It does what `fieldbook setup [--project FILE]` does, through the same core calls
(`Vault.create`, `import_project`), and hands the open vault to the app so the
admin lands in the main window without typing the passphrase again.
"""

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QLabel,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from desktop_app.core.errors import FieldbookError
from desktop_app.core.vault.vault import Vault
from desktop_app.ui.fields import (
    FieldStack,
    InlineMessage,
    name_field,
    passphrase_field,
)
from desktop_app.ui.identity import set_neutral_title
from desktop_app.ui.project_importer import ProjectImporter
from desktop_app.ui.style import set_role
from desktop_app.ui.worker import Task

_B = QWizard.WizardButton
BUTTONS = [_B.Stretch, _B.BackButton, _B.NextButton, _B.CommitButton, _B.FinishButton, _B.CancelButton]
BUTTONS_ONCE_CREATED = [_B.Stretch, _B.NextButton, _B.FinishButton]
RECORDED_CHECKBOX = "I have written the recovery key down and will keep it apart from this laptop"


class SetupWizard(QWizard):
    vault_ready = Signal(object)  # the new, open Vault, signed in as its admin

    def __init__(self, vault_folder: Path, parent: QWidget | None = None):
        super().__init__(parent)
        set_neutral_title(self)
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage)
        self.setOption(QWizard.WizardOption.NoCancelButtonOnLastPage)
        self.setButtonText(QWizard.WizardButton.BackButton, "Back")
        self.setButtonText(QWizard.WizardButton.NextButton, "Continue")
        self.setButtonText(QWizard.WizardButton.CommitButton, "Create vault")
        self.setButtonText(QWizard.WizardButton.FinishButton, "Open Fieldbook")
        for which in (QWizard.WizardButton.NextButton, QWizard.WizardButton.CommitButton, QWizard.WizardButton.FinishButton):
            set_role(self.button(which), "primary")
        self.setOption(QWizard.WizardOption.NoBackButtonOnLastPage)
        self.setMinimumSize(720, 540)

        self.welcome_page = WelcomePage()
        self.account_page = AdminAccountPage(vault_folder)
        self.recovery_page = RecoveryKeyPage()
        self.project_page = ProjectFilePage()
        for page in (self.welcome_page, self.account_page, self.recovery_page, self.project_page):
            self.addPage(page)
        self.account_page.busy_changed.connect(self._lock_cancel)
        self.accepted.connect(self._hand_over)
        self.currentIdChanged.connect(self._show_buttons)

    def abandon(self) -> None:
        """Close without finishing (the app is quitting): the vault made so far is closed, not handed on."""
        vault = self.account_page.take_vault()
        if vault is not None:
            vault.close()
        self.recovery_page.forget_key()
        QWizard.done(self, QWizard.DialogCode.Rejected)

    def reject(self) -> None:
        """No way out while the vault is being made, and none once it exists (the last page's button finishes)."""
        if self.account_page.busy or self.currentPage() in (self.recovery_page, self.project_page):
            return
        super().reject()

    def _hand_over(self) -> None:
        vault = self.account_page.take_vault()
        self.recovery_page.forget_key()
        if vault is not None:
            self.vault_ready.emit(vault)

    def _lock_cancel(self, busy: bool) -> None:
        self.button(QWizard.WizardButton.CancelButton).setEnabled(not busy)

    def _show_buttons(self) -> None:
        """Once the vault exists, only the way on: no Back, and no Cancel that would do nothing."""
        created = self.currentPage() in (self.recovery_page, self.project_page)
        self.setButtonLayout(BUTTONS_ONCE_CREATED if created else BUTTONS)


class WelcomePage(QWizardPage):
    def __init__(self):
        super().__init__()
        text = QLabel(
            '<p style="line-height: 140%">'
            "Fieldbook records survey answers and interview notes on this laptop, without needing the internet. "
            "Everything you enter is encrypted here, on this laptop, and only opens with an account's passphrase. "
            "Answers leave it only as anonymised, encrypted exports for the research team. "
            "To begin, create the admin account that looks after this laptop.</p>"
        )
        text.setTextFormat(Qt.TextFormat.RichText)
        text.setWordWrap(True)
        text.setMaximumWidth(620)  # about 75 characters a line: easy to read
        set_role(text, "lead")
        hint = QLabel("Have a pen and paper ready: at the end you will write down a recovery key.")
        hint.setWordWrap(True)
        set_role(hint, "muted")
        _page_layout(self, "Welcome", text, hint)


class AdminAccountPage(QWizardPage):
    """Name and passphrase of the first admin; pressing "Create vault" makes the vault in the background."""

    busy_changed = Signal(bool)

    def __init__(self, vault_folder: Path):
        super().__init__()
        self._folder = vault_folder
        self._vault: Vault | None = None
        self._recovery_key = ""
        self._task: Task | None = None
        self.busy = False
        self.setCommitPage(True)  # the vault exists afterwards: no going back

        intro = QLabel(
            "This account can add the other workers' accounts. Choose a passphrase of three or four unrelated words: "
            "long is better than clever."
        )
        intro.setWordWrap(True)
        set_role(intro, "muted")
        self.name = name_field("Admin account name")
        self.passphrase = passphrase_field("Passphrase")
        self.confirm = passphrase_field("Passphrase again")
        self.mismatch = InlineMessage("Passphrases differ")
        self.error = InlineMessage("Setup problem")
        self.progress = InlineMessage("Progress", role="muted")

        form = FieldStack()
        form.add("Account &name", self.name)
        form.add("&Passphrase", self.passphrase)
        form.add("Passphrase &again", self.confirm)
        _page_layout(self, "Your admin account", intro, form, self.mismatch, self.error, self.progress)

        for field in (self.name, self.passphrase, self.confirm):
            field.textChanged.connect(self._changed)

    def initializePage(self) -> None:
        self.name.setFocus()

    def isComplete(self) -> bool:
        return bool(
            not self.busy
            and self.name.text().strip()
            and self.passphrase.text()
            and self.confirm.text() == self.passphrase.text()
        )

    def validatePage(self) -> bool:
        """Start creating the vault; the wizard moves on when it is done (validatePage runs again then)."""
        if self._vault is not None:
            return True
        if not self.busy:
            self._create()
        return False

    def take_vault(self) -> Vault | None:
        vault, self._vault = self._vault, None
        return vault

    @property
    def vault(self) -> Vault | None:
        """The vault once created, until the wizard hands it on."""
        return self._vault

    @property
    def recovery_key(self) -> str:
        return self._recovery_key

    def _create(self) -> None:
        folder, name, passphrase = self._folder, self.name.text().strip(), self.passphrase.text()
        self.error.clear_message()
        self._set_busy(True)
        self._task = Task(lambda: Vault.create(folder, name, passphrase))
        self._task.succeeded.connect(self._created)
        self._task.failed.connect(self._failed)
        self._task.start()

    def _created(self, result: tuple[Vault, str]) -> None:
        self._vault, self._recovery_key = result
        self.passphrase.clear()
        self.confirm.clear()
        self._set_busy(False)
        self.wizard().next()

    def _failed(self, error: FieldbookError) -> None:
        self._set_busy(False)
        self.error.show_message(error.message)
        target = self.name if error.code == "bad_user_name" else self.passphrase
        target.setFocus()
        target.selectAll()

    def _changed(self) -> None:
        typed, again = self.passphrase.text(), self.confirm.text()
        differs = bool(again) and not typed.startswith(again)  # a prefix is still being typed
        self.mismatch.show_message("The two passphrases do not match." if differs else "")
        self.error.clear_message()
        self.completeChanged.emit()

    def _set_busy(self, busy: bool) -> None:
        self.busy = busy
        for field in (self.name, self.passphrase, self.confirm):
            field.setEnabled(not busy)
        self.progress.show_message("Creating the encrypted vault… this takes a few seconds." if busy else "")
        if busy:
            self.setCursor(Qt.CursorShape.BusyCursor)
        else:
            self.unsetCursor()
        self.busy_changed.emit(busy)
        self.completeChanged.emit()


class RecoveryKeyPage(QWizardPage):
    """The recovery key, shown once; Continue stays disabled until the admin says it is written down."""

    def __init__(self):
        super().__init__()
        intro = QLabel(
            "If every passphrase is forgotten, this key is the only way back into the data. It is shown only this once."
        )
        intro.setWordWrap(True)
        self.key = QLabel()
        set_role(self.key, "recovery-key")
        self.key.setAccessibleName("Recovery key")
        self.key.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.key.setTextFormat(Qt.TextFormat.PlainText)
        self.key.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        advice = QLabel(
            "Write it on paper now and keep the paper somewhere safe, away from this laptop. "
            "Do not save it in a file, an email or a photo."
        )
        advice.setWordWrap(True)
        set_role(advice, "muted")
        self.recorded = QCheckBox(RECORDED_CHECKBOX)
        self.recorded.setAccessibleName(RECORDED_CHECKBOX)
        self.registerField("recovery_key_recorded*", self.recorded)  # '*': Continue waits for it
        _page_layout(self, "Your recovery key", intro, self.key, advice, self.recorded)

    def initializePage(self) -> None:
        self.key.setText(self.wizard().account_page.recovery_key)
        self.recorded.setChecked(False)
        self.recorded.setFocus()

    def forget_key(self) -> None:
        self.key.clear()


class ProjectFilePage(QWizardPage):
    """Optional: import the analysts' project file now (fingerprint checked first), or skip it for later."""

    def __init__(self):
        super().__init__()
        intro = QLabel("The analysts' project file brings the forms, the keys that exports are encrypted to, and the privacy "
                       "settings. If you have it, import it now; if not, skip this step: an admin can import it later on the "
                       "Device page.")
        intro.setWordWrap(True)
        set_role(intro, "muted")
        self.importer = ProjectImporter(None, "Choose project file…")
        self.importer.busy_changed.connect(self.completeChanged)
        self.importer.imported.connect(lambda _: self._finish_as("Open Fieldbook", primary=True).setFocus())
        _page_layout(self, "Project file", intro, self.importer)

    def initializePage(self) -> None:
        self.wizard().recovery_page.forget_key()  # written down: no longer on screen, even on a hidden page
        self.importer.vault = self.wizard().account_page.vault
        self._finish_as("Skip for now", primary=False)  # choosing the file is the step's main action
        self.importer.choose_button.setFocus()

    def isComplete(self) -> bool:
        return not self.importer.busy

    def _finish_as(self, text: str, primary: bool):
        self.setButtonText(QWizard.WizardButton.FinishButton, text)
        button = self.wizard().button(QWizard.WizardButton.FinishButton)
        set_role(button, "primary" if primary else "")
        return button


def _page_layout(page: QWizardPage, heading: str, *parts) -> None:
    title = QLabel(heading)
    set_role(title, "heading")
    layout = QVBoxLayout(page)
    layout.setContentsMargins(28, 20, 28, 12)
    layout.setSpacing(16)
    layout.addWidget(title)
    for part in parts:
        if isinstance(part, QWidget):
            layout.addWidget(part)
        else:
            layout.addLayout(part)
    layout.addStretch(1)
