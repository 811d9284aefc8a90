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


def set_initial_role(widget: QWidget, role: str) -> None:
    """Give a widget just built, not yet shown, its role: the stylesheet applies it when the window first appears.

    For the first window of a start: PySide's choice among the overloads of
    `QStyle.polish` builds every `Qt.*` enum (some 40 ms) the first time it is called.
    """
    widget.setProperty("role", role)


def use_fusion(app: QApplication) -> None:
    """The same widget style on every OS, so the stylesheet renders predictably."""
    app.setStyle("Fusion")


def apply_style(app: QApplication) -> None:
    """The look `run()` gives a laptop with default settings (the controller applies the person's own)."""
    use_fusion(app)
    apply_preferences(app)


# -- Survey screens (added for issue 4A) ---------------------------------------
# The survey and signposting screens carry their own stylesheet, built from the
# person's settings: a bigger type size or high contrast must reach every widget
# there, and a widget's own stylesheet wins over the app's whatever the
# specificity, so every font size used on those screens is restated here.

HIGH_CONTRAST_FOCUS = "#0B0C0C"


def survey_point_size(font_point_size: int) -> int:
    """The body text size on survey screens: the setting, or the app's base size when it is 0."""
    return font_point_size if font_point_size > 0 else BASE_POINT_SIZE


def survey_stylesheet(font_point_size: int = 0, high_contrast: bool = False) -> str:
    """Roles used by desktop_app/ui/survey and signposting_view.py, sized from `font_point_size`."""
    b = survey_point_size(font_point_size)
    if high_contrast:
        text, muted, surface, page, border, focus = "#000000", "#000000", "#FFFFFF", "#FFFFFF", "#000000", HIGH_CONTRAST_FOCUS
        chosen, declined, ring = "#FFF3A3", "#E6E6E6", 4
        error_text, error_bg = "#8B0000", "#FFFFFF"
    else:
        text, muted, surface, page, border, focus = TEXT, MUTED, SURFACE, BACKGROUND, BORDER, FOCUS
        chosen, declined, ring = SELECTION, "#ECE8DE", 3
        error_text, error_bg = ERROR_TEXT, ERROR_BACKGROUND
    field_border = "#000000" if high_contrast else "#A9A59C"
    return f"""
QWidget {{ font-size: {b}pt; color: {text}; }}
QWidget[role="survey-page"] {{ background: {page}; }}
QScrollArea, QScrollArea > QWidget > QWidget {{ background: transparent; border: none; }}
QFrame[role="survey-bar"] {{ background: {surface}; border: none; border-bottom: 1px solid {border}; }}
QFrame[role="survey-footer"] {{ background: {surface}; border: none; border-top: 1px solid {border}; }}
QLabel[role="heading"] {{ font-size: {b + 6}pt; font-weight: 600; }}
QLabel[role="subheading"] {{ font-size: {b + 2}pt; font-weight: 600; }}
QLabel[role="muted"], QLabel[role="hint"], QLabel[role="progress"], QLabel[role="keys-hint"] {{ color: {muted}; }}
QLabel[role="keys-hint"] {{ font-size: {max(b - 1, 8)}pt; }}
QLabel[role="lead"] {{ font-size: {b + 1}pt; }}
QLabel[role="section"] {{ font-size: {b}pt; font-weight: 600; color: {text if high_contrast else PRIMARY}; }}
QLabel[role="question"] {{ font-size: {b + 4}pt; font-weight: 600; }}
QLabel[role="note"] {{ font-size: {b + 2}pt; }}
QLabel[role="error"] {{
    color: {error_text}; background: {error_bg}; font-weight: 600;
    border: 1px solid {error_text if high_contrast else "#E8BDBD"}; border-left: 5px solid {error_text};
    border-radius: 4px; padding: 8px 10px;
}}
QLabel[role="declined"] {{
    background: {declined}; border: 1px solid {border}; border-left: 5px solid {muted};
    border-radius: 4px; padding: 8px 10px; font-weight: 600;
}}
QLabel[role="receipt-code"] {{
    font-family: "DejaVu Sans Mono", "Consolas", "Menlo", monospace; font-size: {b + 20}pt; font-weight: 700;
    background: {surface}; border: 2px solid {border}; border-radius: 10px; padding: 22px 28px; letter-spacing: 3px;
}}
QLabel[role="phone"] {{ font-size: {b + 7}pt; font-weight: 700; color: {text if high_contrast else PRIMARY}; }}
QLabel[role="service-name"] {{ font-size: {b + 1}pt; font-weight: 600; }}
QFrame[role="question-card"], QFrame[role="service"] {{
    background: {surface}; border: 1px solid {border}; border-radius: 10px;
}}
QFrame[role="service"]:focus {{ border: {ring}px solid {focus}; }}
QFrame[role="question-card"] QLabel, QFrame[role="service"] QLabel {{ background: transparent; border: none; }}
QFrame[role="question-card"] QLabel[role="error"] {{
    background: {error_bg}; border: 1px solid {error_text if high_contrast else "#E8BDBD"}; border-left: 5px solid {error_text};
}}
QFrame[role="question-card"] QLabel[role="declined"] {{
    background: {declined}; border: 1px solid {border}; border-left: 5px solid {muted};
}}
QRadioButton[role="option"], QCheckBox[role="option"] {{
    font-size: {b + 1}pt; color: {text}; background-color: {surface}; alternate-background-color: {chosen};
    selection-background-color: {"#000000" if high_contrast else PRIMARY}; selection-color: #FFFFFF;
    placeholder-text-color: {field_border if not high_contrast else "#000000"}; accent-color: {focus};
}}
QLineEdit, QPlainTextEdit, QAbstractSpinBox, QListWidget {{
    background: {surface}; border: 1px solid {field_border}; border-radius: 6px; padding: 7px 9px;
    selection-background-color: {SELECTION}; selection-color: {TEXT};
}}
QLineEdit:focus, QPlainTextEdit:focus, QAbstractSpinBox:focus, QListWidget:focus {{
    border: {ring - 1}px solid {focus}; padding: {8 - ring + 1}px {10 - ring + 1}px;
}}
QListWidget::item {{ padding: 8px 6px; border-radius: 4px; }}
QListWidget::item:selected {{ background: {chosen}; color: {text}; }}
QPushButton {{ font-size: {b}pt; }}
QPushButton:focus {{ border: {ring}px solid {focus}; }}
QPushButton[role="decline"] {{
    background: transparent; color: {muted}; border: 1px dashed {field_border}; border-radius: 16px;
    padding: 5px 14px; min-height: 20px; font-size: {max(b - 1, 8)}pt;
}}
QPushButton[role="decline"]:hover {{ background: {declined}; }}
QPushButton[role="decline"]:checked {{ background: {declined}; color: {text}; border: 2px solid {muted}; padding: 4px 13px; }}
QPushButton[role="decline"]:focus {{ border: {ring}px solid {focus}; padding: {5 - ring + 1}px {14 - ring + 1}px; }}
QPushButton[role="primary"] {{ font-size: {b}pt; color: #FFFFFF; }}
QPushButton[role="primary"]:disabled {{ color: #F4F6F7; }}
QPushButton[role="primary"]:focus {{ border: {ring}px solid {FOCUS_ON_PRIMARY}; }}
QWidget[role="progress-line"] {{
    background-color: {"#D0D0D0" if high_contrast else "#E4E1D9"}; selection-background-color: {text if high_contrast else PRIMARY};
}}
QSlider::groove:horizontal {{ height: 6px; background: {"#000000" if high_contrast else "#D8D4CB"}; border-radius: 3px; }}
QSlider::handle:horizontal {{ width: 22px; margin: -9px 0; border-radius: 11px; background: {text if high_contrast else PRIMARY}; }}
QSlider:focus {{ border: {ring}px solid {focus}; border-radius: 6px; }}
"""


# -- Added for quick exit, the responses list and settings (issue 4) ----------------

EXIT = "#B3261E"  # GOV.UK's "Exit this page" is red: recognisable at a glance
EXIT_HOVER = "#961F19"
SUCCESS_TEXT = "#1D5B2C"
SUCCESS_BACKGROUND = "#E7F3EA"
DEMO_BACKGROUND = "#FFF4D6"
DEMO_BORDER = "#E0C36B"

_HIGH_CONTRAST = {  # black on white; every grey that carries meaning made black
    BACKGROUND: "#FFFFFF", TEXT: "#000000", MUTED: "#000000", BORDER: "#000000", "#A9A59C": "#000000",
    NAVIGATION: "#FFFFFF", SELECTION: "#FFDD00", "#E6E3DD": "#000000", "#EEEDE8": "#FFFFFF",
    PRIMARY: "#003A4D", "#ECEAE4": "#FFFFFF",
}


def safety_rules() -> str:
    """Styles of the quick-exit control, notices and the responses pages."""
    return f"""
QPushButton[role="exit"] {{
    background: {EXIT}; color: white; border: 1px solid {EXIT}; font-weight: 600; padding: 10px 20px; min-height: 24px;
}}
QPushButton[role="exit"]:hover {{ background: {EXIT_HOVER}; }}
QPushButton[role="exit"]:focus {{ border: 3px solid {FOCUS_ON_PRIMARY}; padding: 8px 18px; }}
QLabel[role="exit-dot"] {{ min-width: 10px; max-width: 10px; min-height: 10px; max-height: 10px;
    border: 2px solid {EXIT}; border-radius: 7px; background: transparent; }}
QLabel[role="exit-dot-on"] {{ min-width: 10px; max-width: 10px; min-height: 10px; max-height: 10px;
    border: 2px solid {EXIT}; border-radius: 7px; background: {EXIT}; }}
QLabel[role="success"] {{
    color: {SUCCESS_TEXT}; background: {SUCCESS_BACKGROUND}; border: 1px solid #B5D6BD; border-radius: 6px; padding: 8px 10px;
}}
QFrame[role="demo-banner"] {{ background: {DEMO_BACKGROUND}; border: 1px solid {DEMO_BORDER}; border-radius: 10px; }}
QFrame[role="demo-banner"] QLabel {{ background: transparent; }}
QLabel[role="code"] {{ font-family: "DejaVu Sans Mono", "Consolas", "Menlo", monospace; font-weight: 600; }}
QPlainTextEdit, QSpinBox {{
    background: {SURFACE}; border: 1px solid #A9A59C; border-radius: 6px; padding: 6px 8px;
    selection-background-color: {SELECTION}; selection-color: {TEXT};
}}
QPlainTextEdit:focus, QSpinBox:focus {{ border: 2px solid {FOCUS}; }}
QWidget#DecoyWindow {{ background: #FFFFFF; }}
QListWidget#DecoyList {{ background: #F6F6F6; border: none; border-right: 1px solid #DDDDDD; outline: none; }}
QListWidget#DecoyList::item {{ padding: 8px 12px; }}
QListWidget#DecoyList::item:selected {{ background: #E4E4E4; color: #111111; }}
QPlainTextEdit#DecoyNote {{ border: none; background: #FFFFFF; font-size: 13pt; padding: 18px 24px; }}
"""


def system_point_size() -> int:
    """The operating system's own text size, read before our style replaces the app font."""
    from PySide6.QtGui import QFontDatabase

    return QFontDatabase.systemFont(QFontDatabase.SystemFont.GeneralFont).pointSize()


def base_point_size(point_size: int = 0) -> int:
    """The body text size: `point_size`, or with 0 the system's size, never below the base."""
    return point_size or max(BASE_POINT_SIZE, system_point_size())


def preferred_stylesheet(point_size: int = 0, high_contrast: bool = False) -> str:
    """The app's stylesheet scaled to `point_size` (0: the system's size, never below the base) and, if asked, in high contrast."""
    import re

    base = base_point_size(point_size)
    sheet = STYLESHEET + safety_rules()
    if base != BASE_POINT_SIZE:
        sheet = re.sub(r"(\d+)pt", lambda m: f"{round(int(m.group(1)) * base / BASE_POINT_SIZE)}pt", sheet)
    if high_contrast:
        for quiet, strong in _HIGH_CONTRAST.items():
            sheet = sheet.replace(quiet, strong)
        sheet += f"QPushButton:focus, QLineEdit:focus, QComboBox:focus, QTableView:focus {{ border: 4px solid {FOCUS}; }}\n"
    return sheet


def apply_preferences(app: QApplication, point_size: int = 0, high_contrast: bool = False) -> None:
    """Apply the person's text size and contrast to every window, live."""
    base = base_point_size(point_size)
    font = QFont(app.font())
    font.setPointSize(base)
    app.setFont(font)
    pal = palette()
    if high_contrast:
        for role in (QPalette.ColorRole.WindowText, QPalette.ColorRole.Text, QPalette.ColorRole.ButtonText):
            pal.setColor(role, QColor("#000000"))
        pal.setColor(QPalette.ColorRole.Window, QColor("#FFFFFF"))
    app.setPalette(pal)
    app.setStyleSheet(preferred_stylesheet(base, high_contrast))


def exit_control_rules() -> str:
    """The quick-exit control's own look, set on the widget so it never depends on how the app was styled."""
    return f"""
QPushButton[role="exit"] {{
    background: {EXIT}; color: white; border: 1px solid {EXIT}; border-radius: 6px; font-weight: 600;
    padding: 10px 20px; min-height: 24px;
}}
QPushButton[role="exit"]:hover {{ background: {EXIT_HOVER}; }}
QPushButton[role="exit"]:focus {{ border: 3px solid {FOCUS_ON_PRIMARY}; padding: 8px 18px; }}
QLabel[role="exit-dot"] {{ min-width: 10px; max-width: 10px; min-height: 10px; max-height: 10px;
    border: 2px solid {EXIT}; border-radius: 7px; background: transparent; }}
QLabel[role="exit-dot-on"] {{ min-width: 10px; max-width: 10px; min-height: 10px; max-height: 10px;
    border: 2px solid {EXIT}; border-radius: 7px; background: {EXIT}; }}
"""
