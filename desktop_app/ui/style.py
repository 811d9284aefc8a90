"""A calm, neutral look that stays readable and keyboard-friendly.

Colours are quiet on purpose (the screen may be seen across a room), text
is 11-12 pt, and every focusable control shows a ring you can see from a
distance: blue on light controls, yellow on the dark primary button (the
GOV.UK focus colour, chosen because it contrasts with both).
Widgets opt into styles with a dynamic `role` property, e.g.
`button.setProperty("role", "primary")`.
"""

from PySide6.QtGui import QColor, QFont, QPalette
from PySide6.QtWidgets import QApplication, QWidget

BASE_POINT_SIZE = 11

BACKGROUND = "#F4F3EF"
SURFACE = "#FFFFFF"
BORDER = "#CFCBC2"
TEXT = "#1E2329"
MUTED = "#565D66"
PRIMARY = "#2D5B6E"
PRIMARY_HOVER = "#244B5B"
PRIMARY_PRESSED = "#1B3A47"
FOCUS = "#1B5FC7"
FOCUS_ON_PRIMARY = "#FFDD00"
ERROR_TEXT = "#9B1C1C"
ERROR_BACKGROUND = "#FBEAEA"
SELECTION = "#D5E4EC"
NAVIGATION = "#ECEAE4"

STYLESHEET = f"""
QWidget {{ color: {TEXT}; font-size: {BASE_POINT_SIZE}pt; }}
QMainWindow, QDialog, QWizard, QWidget#UnlockWindow {{ background: {BACKGROUND}; }}
QWizardPage {{ background: {BACKGROUND}; }}

QLabel[role="heading"] {{ font-size: 17pt; font-weight: 600; }}
QLabel[role="subheading"] {{ font-size: 13pt; font-weight: 600; }}
QLabel[role="muted"] {{ color: {MUTED}; }}
QLabel[role="lead"] {{ font-size: 12pt; }}
QLabel[role="brand"] {{ font-size: 14pt; font-weight: 600; color: {PRIMARY}; }}
QLabel[role="count"] {{ font-size: 24pt; font-weight: 600; color: {PRIMARY}; }}
QLabel[role="error"] {{
    color: {ERROR_TEXT}; background: {ERROR_BACKGROUND};
    border: 1px solid #E8BDBD; border-radius: 6px; padding: 8px 10px;
}}
QLabel[role="recovery-key"] {{
    font-family: "DejaVu Sans Mono", "Consolas", "Menlo", monospace; font-size: 19pt; font-weight: 600;
    background: {SURFACE}; border: 1px solid {BORDER}; border-radius: 8px; padding: 18px 12px;
}}

QFrame[role="card"] {{ background: {SURFACE}; border: 1px solid {BORDER}; border-radius: 10px; }}
QFrame[role="card"] QLabel {{ background: transparent; }}
QFrame[role="empty-state"] {{ background: transparent; border: 2px dashed {BORDER}; border-radius: 10px; }}
QFrame[role="empty-state"] QLabel {{ background: transparent; }}
QFrame[role="header"] {{ background: {SURFACE}; border: none; border-bottom: 1px solid {BORDER}; }}

QLineEdit, QComboBox {{
    background: {SURFACE}; border: 1px solid #A9A59C; border-radius: 6px;
    padding: 7px 9px; min-height: 22px; selection-background-color: {SELECTION}; selection-color: {TEXT};
}}
QLineEdit:focus, QComboBox:focus {{ border: 2px solid {FOCUS}; padding: 6px 8px; }}
QLineEdit:disabled, QComboBox:disabled {{ color: {MUTED}; background: #ECEAE4; }}
QComboBox::drop-down {{ border: none; width: 26px; }}
QComboBox QAbstractItemView {{ background: {SURFACE}; selection-background-color: {SELECTION}; selection-color: {TEXT}; }}

QPushButton {{
    background: {SURFACE}; color: {TEXT}; border: 1px solid #A9A59C; border-radius: 6px;
    padding: 10px 18px; min-height: 24px;
}}
QPushButton:hover {{ background: #EEEDE8; }}
QPushButton:pressed {{ background: #E2E0D9; }}
QPushButton:focus {{ border: 3px solid {FOCUS}; padding: 8px 16px; }}
QPushButton:disabled {{ color: #8A8F96; background: #ECEAE4; border-color: #D3D0C8; }}
QPushButton[role="primary"] {{
    background: {PRIMARY}; color: white; border: 1px solid {PRIMARY}; font-weight: 600;
    padding: 10px 22px; min-height: 24px;
}}
QPushButton[role="primary"]:hover {{ background: {PRIMARY_HOVER}; }}
QPushButton[role="primary"]:pressed {{ background: {PRIMARY_PRESSED}; }}
QPushButton[role="primary"]:focus {{ border: 3px solid {FOCUS_ON_PRIMARY}; padding: 8px 20px; }}
QPushButton[role="primary"]:disabled {{ background: #93A9B2; border-color: #93A9B2; color: #F4F6F7; }}

QCheckBox {{ spacing: 12px; padding: 8px; border: 2px solid transparent; border-radius: 6px; }}
QCheckBox::indicator {{ width: 20px; height: 20px; }}
QCheckBox:focus {{ border: 2px solid {FOCUS}; }}

QListWidget#Navigation {{
    background: {NAVIGATION}; border: none; border-right: 1px solid {BORDER}; outline: none; padding: 12px 0;
}}
QListWidget#Navigation::item {{ padding: 10px 14px; margin: 2px 10px; border-radius: 6px; border: 2px solid transparent; }}
QListWidget#Navigation::item:selected {{ background: {SELECTION}; color: {TEXT}; font-weight: 600; }}
QListWidget#Navigation::item:hover:!selected {{ background: #E4E2DB; }}
QListWidget#Navigation::item:focus {{ border: 2px solid {FOCUS}; }}

QTableView {{
    background: {SURFACE}; border: 1px solid {BORDER}; border-radius: 8px; gridline-color: #E6E3DD;
    selection-background-color: {SELECTION}; selection-color: {TEXT}; outline: none;
}}
QTableView:focus {{ border: 2px solid {FOCUS}; }}
QTableView::item {{ padding: 6px 10px; }}
QHeaderView::section {{
    background: #EEEDE8; color: {MUTED}; font-weight: 600; border: none;
    border-bottom: 1px solid {BORDER}; padding: 8px 10px 8px 13px;
}}
QToolTip {{ background: {SURFACE}; color: {TEXT}; border: 1px solid {BORDER}; padding: 4px; }}
"""


def palette() -> QPalette:
    """The same colours for widgets the stylesheet does not reach (native dialogs, menus)."""
    pal = QPalette()
    pal.setColor(QPalette.ColorRole.Window, QColor(BACKGROUND))
    pal.setColor(QPalette.ColorRole.WindowText, QColor(TEXT))
    pal.setColor(QPalette.ColorRole.Base, QColor(SURFACE))
    pal.setColor(QPalette.ColorRole.AlternateBase, QColor("#F8F7F4"))
    pal.setColor(QPalette.ColorRole.Text, QColor(TEXT))
    pal.setColor(QPalette.ColorRole.Button, QColor(SURFACE))
    pal.setColor(QPalette.ColorRole.ButtonText, QColor(TEXT))
    pal.setColor(QPalette.ColorRole.Highlight, QColor(SELECTION))
    pal.setColor(QPalette.ColorRole.HighlightedText, QColor(TEXT))
    pal.setColor(QPalette.ColorRole.PlaceholderText, QColor(MUTED))
    pal.setColor(QPalette.ColorRole.ToolTipBase, QColor(SURFACE))
    pal.setColor(QPalette.ColorRole.ToolTipText, QColor(TEXT))
    return pal


def set_role(widget: QWidget, role: str) -> None:
    """Give `widget` one of the stylesheet's roles, re-styling it if it was already polished."""
    widget.setProperty("role", role)
    widget.style().unpolish(widget)
    widget.style().polish(widget)


def apply_style(app: QApplication) -> None:
    app.setStyle("Fusion")  # the same look on every OS, so the stylesheet renders predictably
    font = QFont(app.font())
    font.setPointSize(BASE_POINT_SIZE)
    app.setFont(font)
    app.setPalette(palette())
    app.setStyleSheet(STYLESHEET)
