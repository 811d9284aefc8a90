"""A findings report on screen: what it covers, the disclosure rule in words, then each section's tables and charts.

It renders the core's Report as the HTML writer does (same order, same
published cells, same notes), so the screen and the saved file agree. A
report can hold a hundred tables, so they are laid out a few per turn of the
event loop. Charts arrive later, one by one, as the worker draws them: until
then each has a placeholder saying so.
"""

import html
import time
from collections import deque

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout, QWidget

from desktop_app.core.analysis.report import Chart, Report
from desktop_app.core.analysis.tables import Table
from desktop_app.ui.analyst.findings_table import FindingsTableView
from desktop_app.ui.style import set_role

CHART_MAX_WIDTH = 680  # the report's charts are drawn 750 px wide; the page is narrower at the window's smallest
STEP_BUDGET_S = 0.05  # how long one turn of laying tables out may keep the window from answering
ChartKey = tuple[int, str]  # (section number, table key): a table key is unique within a section's charts


class ReportView(QWidget):
    laid_out = Signal()  # every table and chart placeholder of the report is on the page

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.report: Report | None = None
        self.complete = False
        self.tables: list[FindingsTableView] = []
        self.charts: dict[ChartKey, QLabel] = {}
        self.pending: list[tuple[ChartKey, Chart]] = []  # charts to draw, in page order
        self._steps: deque = deque()
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.setSpacing(10)

    def show_report(self, report: Report) -> None:
        """Lay the report out: its head at once, its tables a few at a time, the window answering in between."""
        self.clear()
        self.hide()
        self.report = report
        e = html.escape
        self._add(_label(f"<b>{e(report.form_title or report.form_id)}</b> ({e(report.form_id)}, version "
                         f"{e(report.form_version)}). Responses: <b>{e(report.responses)}</b>.", rich=True))
        for note in report.notes:
            self._add(_label(f"<b>{e(note)}</b>", rich=True))
        self._add(_rules(report.rules))
        for number, section in enumerate(report.sections):
            self._steps.append(lambda section=section: self._add_heading(section.title, section.intro))
            for table in section.tables:
                chart = section.charts.get(table.key)
                self._steps.append(lambda table=table, key=(number, table.key), chart=chart: self._add_table(table, key, chart))
        self._continue(self._steps)

    def set_chart(self, key: ChartKey, png: bytes) -> None:
        label = self.charts.get(key)
        if label is None:
            return
        pixmap = QPixmap()
        pixmap.loadFromData(png, "PNG")
        if pixmap.width() > CHART_MAX_WIDTH:
            pixmap = pixmap.scaledToWidth(CHART_MAX_WIDTH, Qt.TransformationMode.SmoothTransformation)
        label.setWordWrap(False)  # a word-wrapped label reports no height for a picture
        label.setPixmap(pixmap)

    def clear(self) -> None:
        """Take every table and chart off the page (on a new report, or on lock)."""
        self.report, self.complete = None, False
        self.tables, self.charts, self.pending = [], {}, []
        self._steps = deque()  # a layout still under way stops: its queue is no longer this one
        while self._layout.count():
            item = self._layout.takeAt(0)
            widget = item.widget()
            if widget is not None:
                widget.hide()
                widget.deleteLater()

    def _continue(self, steps: deque) -> None:
        if steps is not self._steps:
            return
        deadline = time.monotonic() + STEP_BUDGET_S
        while steps and time.monotonic() < deadline:
            steps.popleft()()
        if steps:
            QTimer.singleShot(0, self, lambda: self._continue(steps))
        else:
            self.complete = True
            self.show()
            self.laid_out.emit()

    def _add_heading(self, title: str, intro: str) -> None:
        self._layout.addSpacing(14)
        self._add(_label(title, "subheading"))
        self._add(_label(intro, "muted"))

    def _add_table(self, table: Table, key: ChartKey, chart: Chart | None) -> None:
        self._layout.addSpacing(6)
        self._add(_label(f"<b>{html.escape(table.title)}</b>", rich=True))
        if table.withheld:
            self._add(_label(f"<i>{html.escape(table.withheld)}</i>", "muted", rich=True))
        else:
            view = FindingsTableView(table, self)
            self.tables.append(view)
            self._add(view)
            for note in table.notes:
                self._add(_label(note, "muted"))
        if chart is not None:
            self.charts[key] = _chart_placeholder(chart)
            self._add(self.charts[key])
            self.pending.append((key, chart))

    def _add(self, widget: QWidget) -> None:
        self._layout.addWidget(widget)


def _rules(lines: tuple[str, ...]) -> QFrame:
    box = QFrame()
    set_role(box, "card")
    box.setAccessibleName("How small numbers are protected")
    layout = QVBoxLayout(box)
    layout.setContentsMargins(18, 14, 18, 14)
    layout.setSpacing(6)
    layout.addWidget(_label("How small numbers are protected", "subheading"))
    items = "".join(f"<li>{html.escape(line)}</li>" for line in lines)
    rules = _label(f"<ul style='margin-left: -20px'>{items}</ul>", rich=True)
    rules.setAccessibleName("Disclosure rule")
    rules.setAccessibleDescription(" ".join(lines))
    layout.addWidget(rules)
    return box


def _chart_placeholder(chart: Chart) -> QLabel:
    label = _label("Drawing the chart…", "muted")
    label.setAccessibleName(f"Chart: {chart.title}")
    label.setAccessibleDescription(chart.alt)
    return label


def _label(text: str, role: str = "", rich: bool = False) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.RichText if rich else Qt.TextFormat.PlainText)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    if role:
        set_role(label, role)
    return label
