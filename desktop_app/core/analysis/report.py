"""The findings report: every select question's table, cross-tabulations and coverage, under one disclosure rule.

`build_report` returns a Report of published tables and chart specifications
only; the HTML and Excel writers here, and the analyst tab, render that object,
so none of them ever sees a count the rule hid. Charts plot published numbers
only, drawn with matplotlib's Agg canvas (never a GUI backend) into PNG bytes
in memory, and embedded in the HTML as data URIs: one self-contained file.
"""

import base64
import html
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from desktop_app.core.analysis import coverage as coverage_
from desktop_app.core.analysis.dataset import SELECT_MULTIPLE, SELECT_ONE, Variable
from desktop_app.core.analysis.disclosure_tables import Rule, primary, rule_for
from desktop_app.core.analysis.errors import AnalysisError
from desktop_app.core.analysis.file_writing import write_file
from desktop_app.core.analysis.tables import (
    COVERAGE,
    FREQUENCY,
    MULTIPLE,
    Cell,
    Table,
    crosstab,
    frequency,
    multiple,
)
from desktop_app.core.forms.model import Form
from desktop_app.core.privacy.anonymise import QUASI, policy_of

TITLE = "Findings report"
FORMATS = (".html", ".xlsx")


@dataclass(frozen=True)
class Chart:
    """A bar chart of published numbers; a withheld bar is drawn as absent and said so."""

    title: str
    labels: tuple[str, ...]
    values: tuple[float | None, ...]
    unit: str  # "%"
    alt: str


@dataclass(frozen=True)
class Section:
    title: str
    intro: str
    tables: tuple[Table, ...]
    charts: Mapping[str, Chart]  # table key -> its chart


@dataclass(frozen=True)
class Report:
    title: str
    form_id: str
    form_title: str
    form_version: str
    responses: str  # the number of responses, as published
    rule: Rule
    rules: tuple[str, ...]  # the disclosure rule in words
    sections: tuple[Section, ...]
    notes: tuple[str, ...]  # what the reader must know first (no responses, too few...)


def build_report(form: Form, df, variables: Sequence[Variable], *, min_cell: int = 10, preset: str = "default",
                 targets: Mapping[str, int] | None = None) -> Report:
    rule = rule_for(preset, min_cell)
    described = {v.name: v for v in variables if v.name in df.columns}
    responses = primary(len(df), rule)
    head = {"title": TITLE, "form_id": form.form_id, "form_title": form.title, "form_version": form.version,
                "responses": responses.text, "rule": rule, "rules": tuple(rule.describe())}
    if len(df) == 0:
        return Report(**head, sections=(), notes=("There are no responses to this form yet, so there is nothing to report.",))
    if responses.value is None:
        return Report(**head, sections=(), notes=((f"There are fewer than {rule.threshold} responses to this form: any "
                                                  "table would reveal individual answers, so none is shown."),))
    selects = [v for v in described.values() if v.kind == SELECT_ONE]
    quasi = [v for v in selects if policy_of(form).actions.get(v.name) == QUASI]
    groups = coverage_.applicable(v.name for v in selects)
    one = {v.name: frequency(df, v, rule, groups=coverage_.subtotals(v.name, groups)) for v in selects}
    answers = [one[v.name] if v.kind == SELECT_ONE else multiple(df, v, rule)
               for v in described.values() if v.kind in (SELECT_ONE, SELECT_MULTIPLE) and v not in quasi]
    sections = []
    about = [one[v.name] for v in quasi]
    if groups:
        rows = coverage_.coverage_rows(df, groups, one, described, rule, targets or {})
        about.append(_coverage_table(rows, targets or {}))
    if about:
        sections.append(_section("About the respondents", "Who answered, in the broad groups the survey asks about, "
                                 "and how many responses reached each under-represented group.", about))
    if answers:
        sections.append(_section("Answers", "Every question with set answers, in the order the survey asks them.",
                                 answers))
    crossed = [crosstab(df, v, by, rule, rows=one[v.name], columns=one[by.name])
               for v in selects if v not in quasi for by in quasi]
    if crossed:
        sections.append(_section("Answers by group", "Each question's answers by each of the respondent groups above. "
                                 "Columns or rows hidden as a whole belong to groups too small to show.", crossed))
    return Report(**head, sections=tuple(sections), notes=())


def _coverage_table(rows: list, targets: Mapping[str, int]) -> Table:
    cells = tuple((Cell(r.count.text, r.count.value),
                   Cell("" if r.target is None else f"{r.target:,}", r.target),
                   Cell("" if r.share is None else f"{r.share:.0f}%", None if r.share is None else round(r.share, 1)))
                  for r in rows)
    notes = ("Share of target: responses so far as a percentage of the number the project set out to reach.",)
    if not targets:
        notes += ("The project sets no targets.",)
    return Table("coverage", "Responses from under-represented groups", COVERAGE, "Group",
                 tuple(r.label for r in rows), ("Responses", "Target", "Share of target"), cells, notes=notes)


def _section(title: str, intro: str, tables: list[Table]) -> Section:
    charts = {t.key: chart for t in tables if (chart := _chart(t)) is not None}
    return Section(title, intro, tuple(tables), charts)


def _chart(table: Table) -> Chart | None:
    if table.withheld or table.kind not in (FREQUENCY, MULTIPLE, COVERAGE):
        return None
    column = 2 if table.kind == COVERAGE else 1
    rows = [(label, row[column]) for label, row in zip(table.rows, table.cells)]
    if table.kind == FREQUENCY:
        rows = rows[:-1]  # not the total
    elif table.kind == MULTIPLE:
        rows = rows[:len(table.shown) - 1]  # the options, not the base or the declines
    if not any(cell.value is not None for _, cell in rows):
        return None
    what = "share of target reached" if table.kind == COVERAGE else "percentage of respondents"
    said = "; ".join(f"{label}: {cell.text or 'withheld'}" for label, cell in rows)
    return Chart(table.title, tuple(label for label, _ in rows), tuple(cell.value for _, cell in rows), "%",
                 f"Bar chart, {what}, of the table above. {said}.")


# -- rendering --------------------------------------------------------------------------

def chart_png(chart: Chart) -> bytes:
    """The chart as PNG bytes, drawn off-screen."""
    import io

    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    labels = [_wrap(label) for label in chart.labels]
    lines = sum(label.count("\n") + 1 for label in labels)
    figure = Figure(figsize=(7.5, 0.5 + 0.3 * max(lines, 2) + 0.12 * len(labels)), dpi=100)
    FigureCanvasAgg(figure)
    axes = figure.add_subplot()
    positions = list(range(len(labels)))[::-1]
    values = [0.0 if v is None else float(v) for v in chart.values]
    axes.barh(positions, values, color="#4a6d8c")
    top = max(values + [1.0])
    for y, value in zip(positions, chart.values):
        axes.text((value or 0) + top * 0.01, y, "withheld" if value is None else f"{value:.0f}{chart.unit}",
                  va="center", fontsize=8, color="#555555" if value is None else "#111111")
    axes.set_yticks(positions, labels, fontsize=8)
    axes.set_xlim(0, top * 1.15)
    axes.set_xlabel(chart.unit if chart.unit != "%" else "Per cent", fontsize=8)
    axes.spines[["top", "right"]].set_visible(False)
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", bbox_inches="tight", pad_inches=0.15)  # long answers are never cut off
    return buffer.getvalue()


def _wrap(label: str, width: int = 38, lines: int = 3) -> str:
    import textwrap

    return "\n".join(textwrap.wrap(label, width, max_lines=lines, placeholder=" …")) or label


def write_report(report: Report, path) -> Path:
    """The report as .html or .xlsx, written whole or not at all."""
    path = Path(path)
    writer = {".html": _html, ".xlsx": _xlsx}.get(path.suffix.lower())
    if writer is None:
        raise AnalysisError("unknown_format", f"Cannot write {path}: use a name ending in {' or '.join(FORMATS)}.")
    write_file(path, lambda tmp: writer(report, tmp))
    return path


_CSS = """
body { font-family: system-ui, sans-serif; max-width: 60rem; margin: 2rem auto; padding: 0 1rem; color: #111; line-height: 1.45; }
h1, h2, h3 { line-height: 1.2; } h2 { border-bottom: 2px solid #4a6d8c; padding-bottom: .2rem; margin-top: 2.5rem; }
table { border-collapse: collapse; margin: 1rem 0 .3rem; font-size: .92rem; }
caption { text-align: left; font-weight: 600; padding-bottom: .4rem; }
th, td { border: 1px solid #c8c8c8; padding: .25rem .5rem; vertical-align: top; }
thead th { background: #eef2f6; } tbody th { text-align: left; font-weight: normal; }
td { text-align: right; font-variant-numeric: tabular-nums; } .pct { display: block; color: #444; font-size: .85em; }
.note, .withheld { color: #333; font-size: .9rem; margin: .2rem 0; } .withheld { font-style: italic; }
.scroll { overflow-x: auto; } img { max-width: 100%; height: auto; margin: .5rem 0 1.5rem; }
.rules { background: #f6f6f6; padding: .6rem 1rem; border-left: 4px solid #4a6d8c; }
"""


def _html(report: Report, tmp: Path) -> None:
    e = html.escape
    out = ["<!DOCTYPE html>", '<html lang="en">', "<head>", '<meta charset="utf-8">',
           '<meta name="viewport" content="width=device-width, initial-scale=1">', f"<title>{e(report.title)}</title>",
           f"<style>{_CSS}</style>", "</head>", "<body>", "<main>", f"<h1>{e(report.title)}</h1>",
           (f"<p>Form: {e(report.form_title or report.form_id)} ({e(report.form_id)}, version {e(report.form_version)}). "
           f"Responses: {e(report.responses)}.</p>")]
    out += [f"<p><strong>{e(note)}</strong></p>" for note in report.notes]
    out += ['<section class="rules" aria-labelledby="rules"><h2 id="rules">How small numbers are protected</h2><ul>',
            *(f"<li>{e(line)}</li>" for line in report.rules), "</ul></section>"]
    for number, section in enumerate(report.sections, start=1):
        out += [f'<section aria-labelledby="s{number}">', f'<h2 id="s{number}">{e(section.title)}</h2>',
                f"<p>{e(section.intro)}</p>"]
        for table in section.tables:
            out += _html_table(table)
            chart = section.charts.get(table.key)
            if chart is not None:
                data = base64.b64encode(chart_png(chart)).decode("ascii")
                out.append(f'<img src="data:image/png;base64,{data}" alt="{e(chart.alt)}">')
        out.append("</section>")
    out += ["</main>", "</body>", "</html>"]
    tmp.write_text("\n".join(out), encoding="utf-8")


def _html_table(table: Table) -> list[str]:
    e = html.escape
    if table.withheld:
        return [f"<h3>{e(table.title)}</h3>", f'<p class="withheld">{e(table.withheld)}</p>']
    out = ['<div class="scroll"><table>', f"<caption>{e(table.title)}</caption>", "<thead><tr>",
           f'<th scope="col">{e(table.stub)}</th>', *(f'<th scope="col">{e(c)}</th>' for c in table.columns),
           "</tr></thead>", "<tbody>"]
    for i, (label, row) in enumerate(zip(table.rows, table.cells)):
        tds = []
        for j, cell in enumerate(row):
            extra = table.percents[i][j].text if table.percents else ""
            tds.append(f"<td>{e(cell.text)}" + (f'<span class="pct">{e(extra)}</span>' if extra else "") + "</td>")
        out.append(f'<tr><th scope="row">{e(label)}</th>{"".join(tds)}</tr>')
    out += ["</tbody></table></div>", *(f'<p class="note">{e(note)}</p>' for note in table.notes)]
    return out


def _xlsx(report: Report, tmp: Path) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    rules = book.active
    rules.title = "Rules"
    lines = [report.title, f"Form: {report.form_title or report.form_id} ({report.form_id}, version {report.form_version})",
             f"Responses: {report.responses}", *report.notes, "", *report.rules, "", "Tables:"]
    used = {"Rules"}
    names = []
    for section in report.sections:
        for table in section.tables:
            names.append((_sheet_name(table.key, used), table))
            lines.append(f"{names[-1][0]}: {table.title}")
    for line in lines:
        rules.append([_text(line)])
    rules["A1"].font = Font(bold=True, size=14)
    for name, table in names:
        sheet = book.create_sheet(name)
        sheet.append([_text(table.title)])
        sheet["A1"].font = Font(bold=True)
        if table.withheld:
            sheet.append([_text(table.withheld)])
            continue
        _xlsx_block(sheet, table, table.cells)
        if table.percents:
            sheet.append([])
            sheet.append(["Column percentages"])
            _xlsx_block(sheet, table, table.percents)
        sheet.append([])
        for note in table.notes:
            sheet.append([_text(note)])
        sheet.column_dimensions["A"].width = 48
    book.save(tmp)


def _xlsx_block(sheet, table: Table, cells) -> None:
    sheet.append([_text(table.stub), *map(_text, table.columns)])
    for label, row in zip(table.rows, cells):
        sheet.append([_text(label), *(cell.value if cell.value is not None else _text(cell.text) for cell in row)])


def _text(value: str) -> str:
    """Text a spreadsheet will not run as a formula."""
    return "'" + value if value[:1] in ("=", "+", "-", "@") else value


def _sheet_name(key: str, used: set[str]) -> str:
    base = "".join("_" if ch in '[]:*?/\\' else ch for ch in key)[:31] or "table"
    name, n = base, 2
    while name.lower() in {u.lower() for u in used}:
        suffix = f"~{n}"
        name, n = base[:31 - len(suffix)] + suffix, n + 1
    used.add(name)
    return name
