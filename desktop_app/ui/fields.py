"""Input fields and the inline error line shared by every form in the app."""

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QLineEdit, QVBoxLayout, QWidget

from desktop_app.ui.style import set_role

# Keep input methods from learning or suggesting what is typed here.
_PRIVATE_INPUT = Qt.InputMethodHint.ImhSensitiveData | Qt.InputMethodHint.ImhNoPredictiveText


def name_field(accessible_name: str, parent: QWidget | None = None) -> QLineEdit:
    field = QLineEdit(parent)
    field.setAccessibleName(accessible_name)
    field.setMaxLength(32)  # the core's account-name limit
    field.setInputMethodHints(_PRIVATE_INPUT | Qt.InputMethodHint.ImhNoAutoUppercase)
    return field


def passphrase_field(accessible_name: str, parent: QWidget | None = None) -> QLineEdit:
    """Masked, never copied out (Qt blocks copy in password mode), never fed to predictive text."""
    field = QLineEdit(parent)
    field.setAccessibleName(accessible_name)
    field.setEchoMode(QLineEdit.EchoMode.Password)
    field.setInputMethodHints(_PRIVATE_INPUT | Qt.InputMethodHint.ImhHiddenText)
    field.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
    return field


def field_label(text: str, buddy: QWidget) -> QLabel:
    """A label whose &-mnemonic (Alt+letter) moves the keyboard focus to its field."""
    label = QLabel(text)
    label.setBuddy(buddy)
    return label


class FieldStack(QVBoxLayout):
    """Labels above their fields, each pair close together and the pairs well apart."""

    def __init__(self):
        super().__init__()
        self.setContentsMargins(0, 0, 0, 0)
        self.setSpacing(14)

    def add(self, label: str, field: QWidget) -> None:
        pair = QVBoxLayout()
        pair.setSpacing(5)
        pair.addWidget(field_label(label, field))
        pair.addWidget(field)
        self.addLayout(pair)


class InlineMessage(QLabel):
    """A message shown in place, under the fields it is about; hidden while empty (no pop-ups)."""

    def __init__(self, accessible_name: str, role: str = "error", parent: QWidget | None = None):
        super().__init__(parent)
        set_role(self, role)
        self.setAccessibleName(accessible_name)
        self.setWordWrap(True)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        self.hide()

    def show_message(self, text: str) -> None:
        self.setText(text)
        self.setAccessibleDescription(text)
        self.setVisible(bool(text))

    def clear_message(self) -> None:
        self.show_message("")
