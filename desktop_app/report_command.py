"""`fieldbook report`: the findings report of one form, as .html or .xlsx, under the project's disclosure rule."""

import argparse
from pathlib import Path

from desktop_app.commands import unlock
from desktop_app.paths import Paths


def report(args: argparse.Namespace, where: Paths) -> int:
    from desktop_app.core.analysis.errors import AnalysisError
    from desktop_app.core.analysis.findings import findings_report
    from desktop_app.core.analysis.report import FORMATS, write_report
    from desktop_app.core.analysis.store import AnalystStore

    out = Path(args.out)
    if out.suffix.lower() not in FORMATS:  # refused before the passphrase is asked for
        raise AnalysisError("unknown_format", f"Cannot write {out}: use a name ending in {' or '.join(FORMATS)}.")
    with unlock(args, where) as vault:
        findings = findings_report(AnalystStore(vault), args.form, args.preset)
    write_report(findings, out)
    print(f"Wrote the report on {findings.responses} responses to '{args.form}' ({findings.rule.preset} rule, "
          f"smallest count shown {findings.rule.threshold}) to {out}")
    return 0
