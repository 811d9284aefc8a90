"""The Export page's words: where things stand (read off the GUI thread) and what an export did.

Kept apart from the page's widgets so the sentences can be read, and
changed, in one place; everything here is plain Python over core results.
"""

from dataclasses import dataclass
from html import escape

from desktop_app.core.exchange.errors import ProjectError
from desktop_app.core.exchange.export import ExportResult
from desktop_app.core.exchange.project import Project
from desktop_app.core.exchange.review import pending_review
from desktop_app.core.exchange.workspace import current_project
from desktop_app.core.forms.loader import form_from_definition
from desktop_app.core.forms.model import text_in
from desktop_app.core.vault.vault import Vault

NO_PROJECT = "No project yet: there is nowhere to send data. Import the analysts' project file on the Device page."
PRIVACY_CHECK = "Privacy check, so that no one can be recognised from a combination of answers:"
PLAIN_WORDS = {" suppressed": " withheld", "quasi-identifier": "identifying answer"}  # the gate's terms, for people


@dataclass(frozen=True)
class Snapshot:
    """Where things stand, read in one go off the GUI thread."""

    project: Project | None
    counts: dict[str, int]
    awaiting: list[str]  # bundle names the analysts have not acknowledged
    free_texts: int
    unreviewed: int


def take_snapshot(vault: Vault, allow: list[str]) -> Snapshot:
    try:
        project = current_project(vault)
    except ProjectError:
        project = None
    items = pending_review(vault, allow)
    return Snapshot(project, vault.exports.status(), [name for _, name in vault.exports.unacknowledged()],
                    len(items), sum(not item.reviewed for item in items))


def form_words(vault: Vault) -> dict[str, tuple[str, dict[str, str]]]:
    """form id -> (title, question name -> label): the disclosure report in people's words, not field names."""
    words = {}
    for stored in vault.forms.all():  # oldest first: the newest version's words win
        form = form_from_definition(stored.definition)
        labels = {q.name: text_in(q.label, form.default_language) or q.name for q in form.questions()}
        words[stored.form_id] = (stored.title, labels)
    return words


def outcome_html(result: ExportResult, forms: dict[str, tuple[str, dict[str, str]]], retention_days: int) -> str:
    """What the export did, for the result panel: the bundle, acknowledgements, the retention purge, the privacy check."""
    if result.path is None:
        head, done = "<b>Nothing new to export.</b>", []
    else:
        head = f"<b>Bundle written:</b> <span style='font-family: monospace'>{escape(str(result.path), False)}</span>"
        sent = f"{_plural(result.responses, 'response')} and {_plural(result.withdrawals, 'withdrawal')}"
        done = [f"{sent}, encrypted so that only the analysts can open them."]
    if result.acknowledged:
        which = "bundle" + ("s " if len(result.acknowledged) > 1 else " ") + ", ".join(map(str, result.acknowledged))
        done.append(f"The analysts confirmed they received {which}: those records will not be sent again.")
    if result.purged:
        done.append(f"{_plural(result.purged, 'response')} the analysts already hold, older than {retention_days} days, "
                    f"{'was' if result.purged == 1 else 'were'} deleted from this laptop.")
    checks: dict[str, list[str]] = {}  # form title -> what the gate did there, in the order reported
    for line in result.disclosure:
        form_id, _, words = line.partition(": ")
        title, labels = forms.get(form_id, (form_id, {}))
        field = words.split(" ", 1)[0]
        if field in labels:  # "age_band widened to ..." -> "“How old are you?” widened to ..."
            words = f"“{labels[field]}”{words[len(field):]}"
        for jargon, plain in PLAIN_WORDS.items():
            words = words.replace(jargon, plain)
        checks.setdefault(title, []).append(words)
    html = head + _bullets(done)
    if checks:
        html += f"<p>{escape(PRIVACY_CHECK, False)}</p>"
        html += "".join(f"<p><b>{escape(title, False)}</b></p>" + _bullets(lines) for title, lines in checks.items())
    return html


def _bullets(lines: list[str]) -> str:
    return "<ul style='margin-left: -20px'>" + "".join(f"<li>{escape(line, False)}</li>" for line in lines) + "</ul>" if lines else ""


def _plural(count: int, noun: str) -> str:
    return f"{count:,} {noun}{'' if count == 1 else 's'}"
