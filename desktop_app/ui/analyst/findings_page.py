"""Analysts read one form's findings on screen, under a disclosure rule they choose, and save them as HTML or Excel.

The report is the core's (`findings_report`, the same path as
`fieldbook report`), built off the GUI thread; its tables appear at once
and its charts follow as the worker draws them. Saving writes the very
report on screen.
"""

import threading
from pathlib import Path

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop_app.core.analysis.findings import findings_report
from desktop_app.core.analysis.report import Chart, Report, chart_png, write_report
from desktop_app.core.analysis.store import AnalystStore
from desktop_app.core.errors import FieldbookError
from desktop_app.core.vault.vault import Vault
from desktop_app.ui.analyst.report_view import ChartKey, ReportView
from desktop_app.ui.analyst.store_forms import FormCount, form_counts
from desktop_app.ui.dialog_history import forget_file_dialog_history
from desktop_app.ui.fields import InlineMessage, field_label
from desktop_app.ui.identity import WINDOW_TITLE
from desktop_app.ui.page_parts import plain_scroll
from desktop_app.ui.style import set_role
from desktop_app.ui.worker import Task

PRESETS = (
    ("default", "The project's rule", "Counts below the project's minimum cell size are hidden; the others are shown exactly."),
    ("nhs", "NHS Digital", "NHS Digital (HES): counts from 1 to 7 are shown as *, the others rounded to the nearest 5."),
    ("gss", "Ofqual / GSS", "Ofqual / GSS: counts from 1 to 4 are shown as “fewer than 5”, the others rounded to the nearest 5."),
)
STRICTER = "Whichever rule, no count below the project's minimum cell size is shown; the findings say exactly what applied."
NO_FORMS = "No forms yet. Forms arrive with a project: create one with fieldbook project create."
SAVE_FILTERS = {".html": "Web page (*.html)", ".xlsx": "Excel workbook (*.xlsx)"}
# matplotlib is not thread-safe: the charts on screen and those of a saved HTML report take turns.
_MATPLOTLIB = threading.Lock()


class _ChartRelay(QObject):
    """Carries each chart drawn on the worker thread to the GUI thread (a queued signal)."""

    drawn = Signal(int, object, bytes)  # run number, chart key, PNG


class FindingsPage(QWidget):
    def __init__(self, vault: Vault, parent: QWidget | None = None):
        super().__init__(parent)
        self._vault = vault
        self.forms: list[FormCount] = []
        self.loading = self.building = self.drawing = self.saving = False
        self._tasks: dict[str, Task] = {}
        self._run = 0  # the chart drawing that the page still wants
        self._cancel = threading.Event()
        self._drawn = self._to_draw = 0
        self._save_folder = ""  # in memory only, like the Import page's folder
        self._relay = _ChartRelay(self)
        self._relay.drawn.connect(self._chart_drawn)

        heading = QLabel("Findings")
        set_role(heading, "heading")
        intro = _muted("Tables and charts of one form's responses, with small numbers protected by the rule you choose. "
                       "What is shown here is what a saved report holds.")
        self.form_picker = QComboBox()
        self.form_picker.setAccessibleName("Form")
        self.preset_picker = QComboBox()
        self.preset_picker.setAccessibleName("Disclosure rule")
        for picker in (self.form_picker, self.preset_picker):
            # As wide as the row gives, not as the longest form title: the page must never scroll sideways.
            picker.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            picker.setMinimumContentsLength(16)
        for preset, name, _ in PRESETS:
            self.preset_picker.addItem(name, preset)
        self.preset_help = _muted("")
        self.preset_help.setAccessibleName("About this rule")
        self.show_button = QPushButton("Show findings")
        set_role(self.show_button, "primary")
        self.save_html_button = QPushButton("Save as HTML…")
        self.save_html_button.setAccessibleName("Save the findings as a web page")
        self.save_xlsx_button = QPushButton("Save as Excel…")
        self.save_xlsx_button.setAccessibleName("Save the findings as an Excel workbook")
        self.step = _muted("")
        self.progress = QProgressBar()
        self.progress.setAccessibleName("Findings progress")
        self.progress.setTextVisible(False)
        self.progress.setFixedHeight(10)
        self.error = InlineMessage("Findings problem")
        self.saved = InlineMessage("Findings saved", role="success")
        self.saved.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.view = ReportView()

        pickers = QHBoxLayout()
        pickers.setSpacing(16)
        for caption, picker, stretch in (("&Form", self.form_picker, 3), ("Disclosure &rule", self.preset_picker, 2)):
            column = QVBoxLayout()
            column.setSpacing(5)
            column.addWidget(field_label(caption, picker))
            column.addWidget(picker)
            pickers.addLayout(column, stretch)
        actions = QHBoxLayout()
        actions.addWidget(self.show_button)
        actions.addStretch(1)
        actions.addWidget(self.save_html_button)
        actions.addWidget(self.save_xlsx_button)
        content = QWidget()
        layout = QVBoxLayout(content)
        layout.setContentsMargins(32, 28, 32, 28)
        layout.setSpacing(14)
        for part in (heading, intro, pickers, self.preset_help, actions, self.step, self.progress, self.error,
                     self.saved, self.view):
            if isinstance(part, QWidget):
                layout.addWidget(part)
            else:
                layout.addLayout(part)
        layout.addStretch(1)
        self.scroll = plain_scroll(content)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.scroll)

        self.preset_picker.currentIndexChanged.connect(self._explain_preset)
        self.view.laid_out.connect(self._laid_out)
        self.show_button.clicked.connect(self.show_findings)
        self.save_html_button.clicked.connect(lambda: self.save_as(".html"))
        self.save_xlsx_button.clicked.connect(lambda: self.save_as(".xlsx"))
        self._explain_preset()
        self._update()

    @property
    def report(self) -> Report | None:
        return self.view.report

    @property
    def busy(self) -> bool:
        return self.loading or self.building or self.drawing or self.saving

    # -- what the analyst does --------------------------------------------------------

    def refresh(self) -> None:
        """Read the forms and their response counts again, off the GUI thread."""
        vault = self._vault
        if vault is None or self.loading:
            return
        self.loading = True
        self._start("forms", lambda: form_counts(vault), self._show_forms, self._loaded)

    def select(self, form_id: str, preset: str = "default") -> None:
        self.form_picker.setCurrentIndex(max(self.form_picker.findData(form_id), 0))
        self.preset_picker.setCurrentIndex(max(self.preset_picker.findData(preset), 0))

    def show_findings(self) -> None:
        form_id, preset, vault = self.form_picker.currentData(), self.preset_picker.currentData(), self._vault
        if vault is None or form_id is None or self.building or self.saving:
            return
        self._stop_drawing()
        self.view.clear()
        for message in (self.error, self.saved):
            message.clear_message()
        self.building = True
        self._set_step("Counting the responses and protecting small numbers…", 0, 0)
        self._start("report", lambda: findings_report(AnalystStore(vault), form_id, preset), self._show_report,
                    self._built)

    def save_as(self, suffix: str) -> None:
        """Ask where, in the system's dialog (its memory of folders wiped afterwards), then save."""
        report = self.report
        if report is None or self.saving:
            return
        name = f"{report.form_id}-findings{suffix}"
        start = str(Path(self._save_folder) / name) if self._save_folder else name
        chosen, _ = QFileDialog.getSaveFileName(self.window(), WINDOW_TITLE, start, SAVE_FILTERS[suffix])
        forget_file_dialog_history()
        if chosen:
            path = Path(chosen)
            self.save_to(path if path.suffix.lower() == suffix else path.with_name(path.name + suffix))

    def save_to(self, path: Path) -> None:
        report = self.report
        if report is None or self.saving:
            return
        self._save_folder = str(path.parent)
        for message in (self.error, self.saved):
            message.clear_message()
        self.saving = True
        self._set_step(f"Saving {path.name}…", 0, 0)
        self._start("save", lambda: _write(report, path), self._saved, self._save_finished)

    def forget(self) -> None:
        """On lock: no findings on screen, no vault held, no chart still being drawn."""
        self._vault = None
        self._stop_drawing()
        self.view.clear()
        self.building = False
        self.form_picker.clear()
        self.forms = []
        self._save_folder = ""
        for message in (self.error, self.saved):
            message.clear_message()

    # -- results ------------------------------------------------------------------------

    def _show_forms(self, forms: list[FormCount]) -> None:
        if self._vault is None:
            return
        chosen = self.form_picker.currentData()
        self.forms = forms
        self.form_picker.clear()
        for form in forms:
            self.form_picker.addItem(form.choice(), form.form_id)
        if chosen is not None:
            self.form_picker.setCurrentIndex(max(self.form_picker.findData(chosen), 0))
        if forms:
            if self.error.text() == NO_FORMS:
                self.error.clear_message()
        else:
            self.error.show_message(NO_FORMS)

    def _loaded(self) -> None:
        self.loading = False
        self._update()

    def _show_report(self, report: Report) -> None:
        if self._vault is None:
            return
        self._set_step("Laying out the tables…", 0, 0)
        self.view.show_report(report)

    def _built(self) -> None:
        if self.view.report is None:  # no report came (an error, or a lock meanwhile)
            self.building = False
        self._update()

    def _laid_out(self) -> None:
        self.building = False
        if self.view.pending:
            self._draw(list(self.view.pending))
        self._update()

    def _draw(self, charts: list[tuple[ChartKey, Chart]]) -> None:
        """Draw the charts on the worker, one by one; each appears as soon as it is drawn."""
        self._run += 1
        run, relay, cancel = self._run, self._relay, threading.Event()
        self._cancel = cancel

        def draw_all() -> None:
            for key, chart in charts:
                with _MATPLOTLIB:
                    if cancel.is_set():
                        return
                    png = chart_png(chart)
                relay.drawn.emit(run, key, png)

        self.drawing = True
        self._drawn, self._to_draw = 0, len(charts)
        self._set_step(f"Drawing the charts: 0 of {len(charts)}", 0, len(charts))
        self._start("charts", draw_all, lambda _: None, lambda: self._drawing_finished(run))

    def _chart_drawn(self, run: int, key: ChartKey, png: bytes) -> None:
        if run != self._run:
            return  # a chart of a report no longer on screen
        self.view.set_chart(key, png)
        self._drawn += 1
        self._set_step(f"Drawing the charts: {self._drawn} of {self._to_draw}", self._drawn, self._to_draw)

    def _drawing_finished(self, run: int) -> None:
        if run == self._run:
            self.drawing = False
            self._update()

    def _stop_drawing(self) -> None:
        self._cancel.set()
        self._run += 1
        self.drawing = False

    def _saved(self, path: Path) -> None:
        self.saved.show_message(f"Saved the findings to {path}.")

    def _save_finished(self) -> None:
        self.saving = False
        self._update()

    def _failed(self, error: FieldbookError) -> None:
        self.error.show_message(error.message)

    # -- plumbing -----------------------------------------------------------------------

    def _start(self, name: str, call, on_success, on_finished) -> None:
        task = Task(call)
        task.succeeded.connect(on_success)
        task.failed.connect(self._failed)
        task.finished.connect(on_finished)
        self._tasks[name] = task
        self._update()
        task.start()

    def _set_step(self, text: str, done: int, total: int) -> None:
        self.step.setText(text)
        self.progress.setRange(0, total)
        self.progress.setValue(done)

    def _explain_preset(self) -> None:
        self.preset_help.setText(f"{PRESETS[self.preset_picker.currentIndex()][2]} {STRICTER}")

    def _update(self) -> None:
        working = self.building or self.drawing or self.saving
        for widget in (self.step, self.progress):
            widget.setVisible(working)
        has_forms = bool(self.forms) and self._vault is not None
        for widget in (self.form_picker, self.preset_picker):
            widget.setEnabled(has_forms and not self.building)
        self.show_button.setEnabled(has_forms and not (self.loading or self.building or self.saving))
        for button in (self.save_html_button, self.save_xlsx_button):
            button.setEnabled(self.report is not None and not (self.building or self.saving))

    def showEvent(self, event: QShowEvent) -> None:
        self.refresh()
        super().showEvent(event)


def _write(report: Report, path: Path) -> Path:
    with _MATPLOTLIB:
        return write_report(report, path)


def _muted(text: str) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    set_role(label, "muted")
    return label
