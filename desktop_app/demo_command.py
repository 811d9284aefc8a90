"""`fieldbook demo`: the whole journey, analysts to laptops and back, on made-up responses.

Each step prints what it did and the command that does the same by hand.
The workspaces are ordinary ones (under --dir they stay, with the demo's
passphrase in a file beside them), so a newcomer can carry on exploring.
"""

import argparse
import random
import secrets
import shutil
import sys
import tempfile
import time
from pathlib import Path

from desktop_app import paths
from desktop_app.core.errors import FieldbookError
from desktop_app.core.vault.vault import Vault
from desktop_app.paths import Paths

FORM = "pathways_survey"
LAPTOPS = {"laptop-1": 160, "laptop-2": 140}  # responses each
ANALYST = "analyst"
WORKER = "outreach"


def demo(args: argparse.Namespace, where: Paths) -> int:
    if args.dir:
        root = Path(args.dir)
        if root.exists() and any(root.iterdir()):
            raise FieldbookError("not_empty", f"{root} is not empty; give the demo a new or empty folder.")
        root.mkdir(parents=True, exist_ok=True)
    else:
        root = Path(tempfile.mkdtemp(prefix="fieldbook-demo-"))
    try:
        _journey(root, kept=bool(args.dir))
    finally:
        if not args.dir:
            shutil.rmtree(root, ignore_errors=True)
    return 0


def _journey(root: Path, kept: bool) -> None:
    from desktop_app.core.exchange.importer import import_bundles
    from desktop_app.core.exchange.project import read_project
    from desktop_app.core.exchange.workspace import (
        create_project_file,
        device_identity,
        import_project,
        init_analyst,
    )

    started = time.monotonic()
    passphrase = " ".join(secrets.token_hex(3) for _ in range(5))
    if kept:
        secret_file = root / "demo-passphrase.txt"
        secret_file.touch(mode=0o600)
        secret_file.write_text(passphrase + "\n")
    forms = paths.shipped_forms()
    sync = root / "sync"
    step = _Steps()

    step("Analysts create their workspace: an encrypted vault with an age identity and a signing key",
         "fieldbook analyst init")
    analyst, _ = Vault.create(paths.resolve(str(root / ANALYST)).vault, ANALYST, passphrase)
    with analyst:
        recipient = init_analyst(analyst)
        print(f"    age recipient {recipient[:20]}...")

        step("They write a signed project file with the public survey, k=5, minimum cell 10 and coverage targets",
             "fieldbook project create --forms forms/pathways_survey.md --out project.fbproj --target older=40 ...")
        project_path = root / "project.fbproj"
        project = create_project_file(analyst, [forms / f"{FORM}.md"], project_path, name="Pathways to support", k=5,
                                      min_cell=10, targets={"ethnic_minority": 60, "lgbtq": 40, "older": 40,
                                                            "disabled": 60, "male": 40})
        print(f"    {project_path.name}: project {project.project_id}, signing key {project.fingerprint}")

        laptops: dict[str, Vault] = {}
        receipts: dict[str, list[str]] = {}
        try:
            for number, (name, count) in enumerate(LAPTOPS.items(), start=1):
                step(f"{name} is set up from the project file; a worker captures {count} responses (synthetic)",
                     f"fieldbook --home {name} setup --project project.fbproj --user {WORKER}; fieldbook simulate -n {count}")
                laptop, _ = Vault.create(paths.resolve(str(root / name)).vault, WORKER, passphrase)
                laptops[name] = laptop
                import_project(laptop, read_project(project_path))
                device_id, _, fingerprint = device_identity(laptop)
                receipts[name] = _capture(laptop, count, random.Random(number))
                print(f"    device {device_id}, key fingerprint {fingerprint}; {count} responses stored encrypted")

            step("Each laptop exports: anonymised, checked for disclosure risk, encrypted to the analysts, signed",
                 "fieldbook export --to sync")
            for name, laptop in laptops.items():
                _export(laptop, sync, name)

            step("The analysts import both bundles (new devices trusted on first sight, fingerprints shown)",
                 "fieldbook import sync --trust")
            _import(analyst, sync, import_bundles)

            step("A respondent on laptop-1 withdraws with their receipt code; the laptop exports again",
                 "fieldbook withdraw CODE; fieldbook export --to sync")
            laptops["laptop-1"].responses.withdraw(receipts["laptop-1"][0], WORKER)
            _export(laptops["laptop-1"], sync, "laptop-1")

            step("The analysts import the whole folder again: the withdrawal applies, the rest are duplicates",
                 "fieldbook import sync")
            _import(analyst, sync, import_bundles)
        finally:
            for laptop in laptops.values():
                laptop.close()

        step("Findings with disclosure control, and the dataset for SPSS", "fieldbook report --form pathways_survey "
             "--out report.html; fieldbook data --form pathways_survey --out pathways.sav")
        _findings(analyst, root)

    print()
    print(f"Done in {time.monotonic() - started:.1f} s.")
    if kept:
        print(f"Everything is in {root}. To carry on as the analysts:")
        print(f"    fieldbook --home {root / ANALYST} --passphrase-file {root / 'demo-passphrase.txt'} report "
              f"--form {FORM} --out report.xlsx")
    else:
        print("The demo's workspaces were temporary and are deleted now; keep them with --dir DIR.")


class _Steps:
    def __init__(self):
        self.number = 0

    def __call__(self, text: str, command: str) -> None:
        self.number += 1
        print(f"\n{self.number}. {text}\n   $ {command}", flush=True)


def _capture(laptop: Vault, count: int, rng: random.Random) -> list[str]:
    from desktop_app.core.forms.loader import form_from_definition
    from desktop_app.core.forms.synthetic import synthetic_session
    from desktop_app.core.vault.batch import one_transaction

    stored = laptop.forms.get(FORM)
    form = form_from_definition(stored.definition)
    with one_transaction(laptop.db):
        return [laptop.store_response(FORM, stored.version, synthetic_session(form, rng).final_answers())[1]
                for _ in range(count)]


def _export(laptop: Vault, sync: Path, name: str) -> None:
    from desktop_app.core.exchange.export import export
    from desktop_app.core.signposting import load_services

    allow = [service.phone for service in load_services(None)]
    result = export(laptop, sync, allow)
    suppressed = sum(1 for line in result.disclosure if "suppressed" in line)
    print(f"    {name}: {result.path.name}: {result.responses} responses, {result.withdrawals} withdrawals"
          f"{f'; {suppressed} quasi-identifiers suppressed where groups were under k' if suppressed else ''}")


def _import(analyst: Vault, sync: Path, import_bundles) -> None:
    def trust(device) -> bool:
        print(f"    new device {device.device_id}, key fingerprint {device.fingerprint}: trusted")
        return True

    result = import_bundles(analyst, [sync], trust)
    print(f"    {result.bundles} bundles: {result.counts}")
    for problem in result.problems:
        print(f"    refused: {problem}", file=sys.stderr)


def _findings(analyst: Vault, root: Path) -> None:
    from desktop_app.core.analysis.data_files import write_dataset
    from desktop_app.core.analysis.dataset import frame, variables
    from desktop_app.core.analysis.findings import findings_report
    from desktop_app.core.analysis.report import write_report
    from desktop_app.core.analysis.store import AnalystStore

    store = AnalystStore(analyst)
    report = findings_report(store, FORM)
    html = write_report(report, root / "report.html")
    form = store.form(FORM)
    data = frame(form, store.records(FORM))
    _, codebook = write_dataset(data, variables(form), root / "pathways.sav")
    print(f"    {report.responses} responses; the rule applied: {report.rules[0]}")
    needs = next((t for section in report.sections for t in section.tables if t.key == "support_needed"), None)
    if needs is not None:
        print(f"    {needs.title}")
        for label, (count, percent, interval) in zip(needs.rows, needs.cells):
            if percent.text:
                print(f"      {percent.text:>6}  {interval.text:<15} {label}")
    print(f"    wrote {html.name}, pathways.sav and {codebook.name}")
