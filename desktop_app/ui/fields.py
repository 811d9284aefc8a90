"""Input fields and the inline error line shared by every form in the app.

They are on the first window of every start, so they are built without
touching `Qt.*` enums: PySide builds all of the namespace's enums (some 40 ms)
the first time any is used. Flag properties are written by value instead.
"""

from PySide6.QtWidgets import QLabel, QLineEdit, QVBoxLayout, QWidget

from desktop_app.ui.style import set_initial_role

# Qt::InputMethodHint values: keep input methods from learning, suggesting or capitalising what is typed.
IMH_SENSITIVE_DATA = 0x2
IMH_NO_AUTO_UPPERCASE = 0x4
IMH_NO_PREDICTIVE_TEXT = 0x40
PRIVATE_INPUT = IMH_SENSITIVE_DATA | IMH_NO_AUTO_UPPERCASE | IMH_NO_PREDICTIVE_TEXT
NO_CONTEXT_MENU = 0  # Qt::NoContextMenu
NO_TEXT_INTERACTION = 0  # Qt::NoTextInteraction


def name_field(accessible_name: str, parent: QWidget | None = None) -> QLineEdit:
    field = QLineEdit(parent)
    field.setAccessibleName(accessible_name)
    field.setMaxLength(32)  # the core's account-name limit
    field.setProperty("inputMethodHints", PRIVATE_INPUT)
    return field


def passphrase_field(accessible_name: str, parent: QWidget | None = None) -> QLineEdit:
    """Masked, never copied out, never fed to predictive text.

    Password mode itself blocks copying and sets the hidden-text, sensitive-data,
    no-auto-uppercase and no-predictive-text hints.
    """
    field = QLineEdit(parent)
    field.setAccessibleName(accessible_name)
    field.setEchoMode(QLineEdit.EchoMode.Password)
    field.setProperty("contextMenuPolicy", NO_CONTEXT_MENU)
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
        set_initial_role(self, role)
        self.setAccessibleName(accessible_name)
        self.setWordWrap(True)
        self.setProperty("textInteractionFlags", NO_TEXT_INTERACTION)
        self.hide()

    def show_message(self, text: str) -> None:
        self.setText(text)
        self.setAccessibleDescription(text)
        self.setVisible(bool(text))

    def clear_message(self) -> None:
        self.show_message("")
