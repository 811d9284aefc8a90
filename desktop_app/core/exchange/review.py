"""The worker's look at free text before it leaves: the automatic scrub, and more redaction by hand.

Names of people are the identifiers patterns miss, so every scrubbed
free-text answer in the next export can be reviewed. A review only ever
replaces more of the scrubbed text with "[redacted]"; it is stored for the
response's current revision, so correcting the response later discards it.
"""

from dataclasses import dataclass

from desktop_app.core.errors import FieldbookError
from desktop_app.core.forms.loader import form_from_definition
from desktop_app.core.forms.model import Form, text_in
from desktop_app.core.privacy.anonymise import SCRUB, names_to_scrub, policy_of
from desktop_app.core.privacy.scrub import Redaction, scrub
from desktop_app.core.vault.exports_repo import Pending
from desktop_app.core.vault.vault import Vault

MARK = "[redacted]"


@dataclass(frozen=True)
class ReviewItem:
    response_id: str
    form_title: str
    path: str
    label: str
    text: str
    redactions: tuple[Redaction, ...]
    reviewed: bool


def pending_review(vault: Vault, allow: list[str]) -> list[ReviewItem]:
    """Every scrubbed free-text answer that the next export would carry."""
    items: list[ReviewItem] = []
    forms: dict[tuple[str, str], Form] = {}
    for response in vault.exports.pending_responses():
        items.extend(_items(vault, response, forms, allow))
    return items


def redact(vault: Vault, response_id: str, path: str, spans: list[tuple[int, int]], allow: list[str]) -> ReviewItem:
    item, revision = _find(vault, response_id, path, allow)
    text, redactions = _apply(item.text, item.redactions, spans)
    with vault.db.transaction():
        vault.reviews.save(response_id, path, revision, text, [(r.kind, r.start, r.end) for r in redactions])
        vault.audit.record(vault.user.name, "review.redact", response_id)
    return ReviewItem(item.response_id, item.form_title, path, item.label, text, redactions, True)


def confirm(vault: Vault, response_id: str, path: str, allow: list[str] | None = None) -> None:
    item, revision = _find(vault, response_id, path, allow or [])
    with vault.db.transaction():
        vault.reviews.save(response_id, path, revision, item.text, [(r.kind, r.start, r.end) for r in item.redactions])
        vault.audit.record(vault.user.name, "review.confirm", response_id)


def set_path(answers: dict, path: str, value: str) -> None:
    """Put `value` at "name" or "repeat[2]/name" in an anonymised answers dict (if the field is there)."""
    box = answers
    steps = path.split("/")
    for step in steps[:-1]:
        name, _, index = step.partition("[")
        entries = box.get(name)
        position = int(index.rstrip("]")) - 1
        if not isinstance(entries, list) or not 0 <= position < len(entries):
            return
        box = entries[position]
    if steps[-1] in box:
        box[steps[-1]] = value


def _find(vault: Vault, response_id: str, path: str, allow: list[str]) -> tuple[ReviewItem, int]:
    for response in vault.exports.pending_responses():
        if response.uuid == response_id:
            for item in _items(vault, response, {}, allow):
                if item.path == path:
                    return item, response.revision
    raise FieldbookError("not_pending", "That answer is not waiting to be exported (sent and acknowledged, or withdrawn).")


def _items(vault: Vault, response: Pending, forms: dict, allow: list[str]) -> list[ReviewItem]:
    key = (response.form_id, response.form_version)
    form = forms.get(key)
    if form is None:
        form = forms[key] = form_from_definition(vault.forms.get(*key).definition)
    policy = policy_of(form)
    names = names_to_scrub(form, response.answers)
    reviews = vault.reviews.for_response(response.uuid, response.revision)
    labels = {q.name: text_in(q.label, form.default_language) or q.name for q in form.questions()}
    items = []
    for path, name, value in _texts(response.answers, policy, ""):
        if path in reviews:
            text, spans = reviews[path]
            redactions, reviewed = tuple(Redaction(kind, start, end) for kind, start, end in spans), True
        else:
            scrubbed = scrub(value, names, allow)
            text, redactions, reviewed = scrubbed.text, tuple(scrubbed.redactions), False
        items.append(ReviewItem(response.uuid, form.title, path, labels.get(name, name), text, redactions, reviewed))
    return items


def _texts(box: dict, policy, prefix: str):
    for name, value in box.items():
        if name in policy.repeats and isinstance(value, list):
            for index, entry in enumerate(value, 1):
                if isinstance(entry, dict):
                    yield from _texts(entry, policy, f"{prefix}{name}[{index}]/")
        elif policy.actions.get(name) == SCRUB and isinstance(value, str) and value.strip():
            yield f"{prefix}{name}", name, value


def _apply(text: str, redactions: tuple[Redaction, ...], spans: list[tuple[int, int]]) -> tuple[str, tuple[Redaction, ...]]:
    """Replace the chosen spans with MARK, swallowing placeholders they touch; other spans move with the text."""
    chosen = sorted((max(0, s), min(len(text), e)) for s, e in spans if e > s)
    if not chosen:
        return text, redactions
    merged: list[list[int]] = []
    for start, end in chosen:
        for r in redactions:  # never cut through a placeholder: take all of it
            if r.start < end and start < r.end:
                start, end = min(start, r.start), max(end, r.end)
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    out, kept, cursor, shift = [], [], 0, 0
    boundaries = [(s, e, "manual") for s, e in merged] + [
        (r.start, r.end, r.kind) for r in redactions if not any(r.start < e and s < r.end for s, e in merged)
    ]
    for start, end, kind in sorted(boundaries):
        out.append(text[cursor:start])
        replacement = MARK if kind == "manual" else text[start:end]
        new_start = start + shift
        out.append(replacement)
        kept.append(Redaction(kind, new_start, new_start + len(replacement)))
        shift += len(replacement) - (end - start)
        cursor = end
    out.append(text[cursor:])
    return "".join(out), tuple(kept)


__all__ = ["ReviewItem", "pending_review", "redact", "confirm", "set_path"]
