"""The quick, Qt-wide steps of hiding and forgetting, shared by quick exit and every lock."""

from PySide6.QtGui import QClipboard, QGuiApplication
from PySide6.QtWidgets import QApplication, QDialog, QWidget


def hide_every_window() -> list[QWidget]:
    """Take everything of the app off the screen at once: menus and pop-ups, dialogs, windows; returns what was hidden."""
    popup = QApplication.activePopupWidget()
    while popup is not None:
        popup.hide()
        next_popup = QApplication.activePopupWidget()
        popup = None if next_popup is popup else next_popup
    hidden = [widget for widget in QApplication.topLevelWidgets() if widget.isVisible()]
    # The active window goes last: hiding it first would hand activation and focus to the
    # window behind it (focus events, stylesheet re-polish) just before that one goes too.
    hidden.sort(key=lambda widget: widget.isActiveWindow())
    for widget in hidden:
        widget.hide()
    return hidden


def forget_clipboard() -> None:
    """Anything copied (an answer, a receipt code) must not be pasted by the next person."""
    clipboard = QGuiApplication.clipboard()
    clipboard.clear(QClipboard.Mode.Clipboard)
    if clipboard.supportsSelection():  # X11's middle-click buffer
        clipboard.clear(QClipboard.Mode.Selection)
    if clipboard.supportsFindBuffer():  # macOS's find pasteboard
        clipboard.clear(QClipboard.Mode.FindBuffer)


def close_dialogs(windows: list[QWidget] | None = None) -> None:
    """Close the dialogs among `windows` (default: those on screen), so none comes back with its contents."""
    if windows is None:
        windows = [widget for widget in QApplication.topLevelWidgets() if widget.isVisible()]
    for widget in windows:
        if isinstance(widget, QDialog):
            widget.done(QDialog.DialogCode.Rejected)
