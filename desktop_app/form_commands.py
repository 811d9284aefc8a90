"""`fieldbook forms ...` and `fieldbook capture`: forms checked, tried, stored and filled headlessly."""

import argparse
import json
import sys
from pathlib import Path

from desktop_app.commands import unlock
from desktop_app.core.errors import FieldbookError
from desktop_app.core.forms.convert import to_xlsx
from desktop_app.core.forms.errors import FormErrors
from desktop_app.core.forms.fill import report, session_from_answers
from desktop_app.core.forms.loader import LoadedForm, form_from_definition, load_form
from desktop_app.core.forms.session import SessionError
from desktop_app.paths import Paths


def forms(args: argparse.Namespace, where: Paths) -> int:
    return {"check": check, "try": try_answers, "add": add, "list": list_forms, "convert": convert}[args.action](args, where)


def check(args: argparse.Namespace, where: Paths) -> int:
    failed = 0
    for path in args.paths:
        try:
            loaded = load_form(Path(path))
        except FormErrors as exc:
            failed += 1
            for error in exc.errors:
                print(error, file=sys.stderr)
            continue
        for warning in loaded.warnings:
            print(warning, file=sys.stderr)
        form = loaded.form
        print(f"{path}: ok: {form.form_id} version {form.version or '-'}, {len(form.questions())} questions")
    return 1 if failed else 0


def try_answers(args: argparse.Namespace, where: Paths) -> int:
    loaded = _load(args.path)
    session = session_from_answers(loaded.form, _read_answers(args.answers))
    print(json.dumps(report(session), indent=2, ensure_ascii=False, default=str))
    return 0


def add(args: argparse.Namespace, where: Paths) -> int:
    loaded = _load(args.path)
    with unlock(args, where) as vault:
        stored = vault.add_form(loaded.form.form_id, loaded.form.version, loaded.form.title, loaded.definition_json())
    print(f"Stored {stored.form_id} version {stored.version} ({stored.sha256[:12]}).")
    return 0


def list_forms(args: argparse.Namespace, where: Paths) -> int:
    with unlock(args, where) as vault:
        for form in vault.forms.all():
            print(f"{form.form_id}\t{form.version}\t{form.title}\t{form.added_at}")
    return 0


def convert(args: argparse.Namespace, where: Paths) -> int:
    source, target = Path(args.path), Path(args.out)
    if target.suffix.lower() != ".xlsx":
        raise FieldbookError("usage", f"--out must name an .xlsx file, not '{target.name}'.")
    _load(args.path)  # convert only forms that load
    to_xlsx(source, target)
    print(f"Wrote {target}.")
    return 0


def capture(args: argparse.Namespace, where: Paths) -> int:
    document = _read_answers(args.answers)
    with unlock(args, where) as vault:
        stored = vault.forms.get(args.form)
        if stored is None:
            raise FieldbookError("unknown_form", f"No form '{args.form}' in this vault; add it with: fieldbook forms add FILE.")
        session = session_from_answers(form_from_definition(stored.definition), document)
        problems = session.all_issues()
        if problems:
            for path, issues in problems.items():
                for issue in issues:
                    print(f"{path}: {issue.message} ({issue.code})", file=sys.stderr)
            raise FieldbookError("invalid_answers", f"{len(problems)} answers need fixing; nothing was stored.")
        session.stamp_end()
        response_id, receipt = vault.store_response(stored.form_id, stored.version, session.final_answers())
    print(f"Stored response {response_id}")
    print(f"Receipt code: {receipt}")
    return 0


def simulate(args: argparse.Namespace, where: Paths) -> int:
    import random

    from desktop_app.core.demo import simulate as store_synthetic

    if args.n < 1:
        raise FieldbookError("usage", "-n must be at least 1.")
    with unlock(args, where) as vault:
        ids = store_synthetic(vault, args.form, args.n, random.Random(args.seed))
    print(f"Stored {len(ids)} synthetic responses to '{args.form}'.")
    return 0


def _load(path: str) -> LoadedForm:
    try:
        return load_form(Path(path))
    except FormErrors as exc:
        for error in exc.errors[1:]:
            print(error, file=sys.stderr)
        raise FieldbookError(exc.errors[0].code, str(exc.errors[0])) from None


def _read_answers(path: str) -> dict:
    try:
        document = json.loads(Path(path).read_text("utf-8"))
    except OSError as exc:
        raise FieldbookError("answers_file", f"Cannot read {path}: {exc.strerror}.") from None
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise FieldbookError("answers_file", f"{path} is not valid JSON: {exc}.") from None
    if not isinstance(document, dict):
        raise FieldbookError("answers_file", f"{path} must hold a JSON object of question names to answers.")
    return document


__all__ = ["forms", "capture", "simulate", "SessionError"]
